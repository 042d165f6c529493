r1 = r"C:\new\table"
print(r1)
print(len(r1))
r2 = r'\x41'
print(r2, len(r2))
r3 = R"raw \\ two"
print(r3)
r4 = r"""multi
line \n raw"""
print(r4)
print(repr(r"\t"))
print(r"a\"b")
print(r"done" if True else r"never")
