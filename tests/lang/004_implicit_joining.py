total = (1 +
         2 +
    3)
print(total)
items = [
    "a",
    "b",   # comment inside brackets
    "c",
]
print(items)
d = {
  "x": 1,
      "y": 2
}
print(d)
def f(a,
      b,
          c=3):
    return a + b + c
print(f(1,
  2))
t = (
)
print(t, len(items
  ))
