# format(..., 'c') with a code point out of range is CPython's
# OverflowError (the one format error that is not a ValueError), through
# format(), str.format and f-strings; in range it gives the character.
for f in (lambda: format(-1, "c"), lambda: format(0x110000, "c"),
          lambda: "{:c}".format(-5), lambda: f"{2 ** 40:c}",
          lambda: format(True, "c"), lambda: format(0x10FFFF, "c")):
    try:
        print(repr(f()))
    except OverflowError as e:
        print("OverflowError", e)
