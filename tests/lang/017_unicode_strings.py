s = "héllo wörld"
print(s)
print(len(s))
print(s[1], s[-4], s[1:4])
print(s.upper())
print(s[::-1])
e = "日本語"
print(len(e), e[0], e[-1])
print(ord("é"), chr(233), chr(26085))
print("é" in s, "ö" not in s)
print(repr(e))
print("€" * 3)
print(list("añb"))
