result = [x * y
          for x in range(1, 4)
          if x != 2
          for y in (10, 20)]
print(result)
value = (
    "start"
    if len(result) > 3
    else "short"
)
print(value)
call = max(
    3,
    9,
    4,
)
print(call)
nested = {"a": [1,
                2,
                {"b": (3,
                       4)}]}
print(nested)
