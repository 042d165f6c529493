s = "abc" 'def' """ghi"""
print(s)
t = ("first part, "
     "second part, "
     'third part')
print(t)
u = "raw:" r"\n" " cooked:" "\t|"
print(repr(u))
n = 5
v = "n=" f"{n}" "!"
print(v)
print("a" "b" == "ab")
