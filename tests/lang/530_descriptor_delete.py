class D:
    def __get__(s, i, o): return 5
class R:
    d = D()
r = R(); r.__dict__['d'] = 1; del r.d
print(r.__dict__)
class S:
    def __get__(s, i, o): return 5
    def __set__(s, i, v): print("set", v)
class T:
    s = S()
t = T(); t.s = 3
try:
    del t.s
except AttributeError as e:
    print("AE", e)
class U:
    def __get__(s, i, o): return 5
    def __delete__(s, i): print("deleted")
class V:
    u = U()
del V().u
