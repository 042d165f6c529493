print(chr(65), chr(0x263A) == "\u263a", chr(8364))
print(ord("Z"), ord("\n"), ord(" "), ord("€"))
print([chr(c) for c in range(97, 102)])
print("".join(chr(ord("a") + (ord(c) - ord("a") + 13) % 26) for c in "hello"))
print(hash(1) == hash(1.0), hash(42) == hash(40 + 2), hash(3) != hash(4))
print(hash("abc") == hash("ab" + "c"), hash((1, "a")) == hash((1, "a")))
print(hash(True) == hash(1), hash(0) == hash(0.0))
try:
    hash([1])
except TypeError as e:
    print("TypeError:", e)
try:
    chr(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    ord("ab")
except TypeError as e:
    print("TypeError:", e)
