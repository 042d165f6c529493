n = 10
n += 5; print(n)
n -= 3; print(n)
n *= 2; print(n)
n //= 5; print(n)
n %= 3; print(n)
n **= 3; print(n)
n <<= 2; print(n)
n >>= 1; print(n)
n |= 1; print(n)
n &= 6; print(n)
n ^= 7; print(n)
f = 7.0
f /= 2; print(f)
s = "ab"
s += "cd"; s *= 2; print(s)
class C:
    pass
c = C()
c.v = 1
c.v += 41
print(c.v)
lst = [1, 2]
alias = lst
lst += [3]
print(lst, alias, lst is alias)
t = (1,)
t2 = t
t += (2,)
print(t, t2)
d = {"a": 1}
d["a"] += 9
print(d)
m = [[1]]
m[0][0] *= 7
print(m)
