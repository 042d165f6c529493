# An attribute store site whose object's __dict__ becomes the module's
# globals: the store must reach the globals as a global assignment does,
# seen by a function's cached global read.
x = 'global'


class P:
    pass


def store(o, n):
    for i in range(n):
        o.x = i


def read_x():
    return x


p = P()
for k in range(list(globals()).index('x')):
    setattr(p, 'pad%d' % k, k)
p.x = 0
store(p, 3)
print(read_x())
p.__dict__ = globals()
store(p, 4)
print(read_x(), x)
