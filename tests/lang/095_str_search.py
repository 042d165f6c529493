s = "hello world, hello python"
print(s.find("hello"), s.find("hello", 1), s.find("xyz"))
print(s.rfind("hello"), s.rfind("o"), s.rfind("q"))
print(s.index("world"), s.rindex("l"))
try:
    s.index("nope")
except ValueError as e:
    print("ValueError:", e)
print(s.count("l"), s.count("hello"), s.count(""), "aaaa".count("aa"))
print(s.startswith("hello"), s.startswith("world", 6), s.endswith("python"))
print(s.startswith(("hi", "he")), s.endswith(("x", "y")), "x.py".endswith((".py", ".c")))
print(s.find("o", 5, 10), s.find("l", -5))
print("abc".find(""), "abc".find("", 10))
