# A plain call's frame is reused as soon as the call returns, unless
# Python code got hold of it: here through a running generator's
# gi_frame.f_back. A suspended generator's frame has no f_back.
saved = []


def gen():
    saved.append(g.gi_frame.f_back)
    yield 1
    saved.append(g.gi_frame.f_back)
    yield 2


def caller():
    x = next(g)
    return x


def other_caller():
    return next(g)


g = gen()
print(caller())
print(g.gi_frame.f_back)
churn = 0
for i in range(20000):
    churn += len([i] * 3) + (lambda: i)()
print(churn)
f = saved[0]
print(f.f_code.co_name, f.f_lineno)
print(other_caller())
print(saved[1].f_code.co_name, saved[1].f_lineno)
print(saved[0].f_code.co_name)
print(g.gi_frame.f_back)
