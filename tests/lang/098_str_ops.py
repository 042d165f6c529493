s = "abc"
print(s * 3, 3 * s, s * 0, s * -1 == "")
print(s + "def", len(s + s))
print(s[0], s[-1], s[1:], s[10:])
print("b" in s, "ac" in s)
print(ord("A"), ord("a"), ord("0"), chr(65), chr(97), chr(48))
print([ord(c) for c in "Hi!"])
print("".join(chr(ord(c) + 1) for c in "HAL"))
print(str(123), str(-4.5), str(True), str(None), str([1, "a"]))
print(min("hello"), max("hello"), sorted("hello"))
print(list(reversed("abc")), "".join(reversed("abc")))
print("abc" == "abc", s is not None, "a" < "b" < "c")
t = "x"
t += "y"
print(t)
print(s.__len__(), "ab".__contains__("a"))
for i, ch in enumerate("hey"):
    print(i, ch)
