class Pause:
    def __init__(self, label):
        self.label = label
    def __await__(self):
        value = yield self.label
        return "resumed with " + str(value)
async def task():
    a = await Pause("first")
    print("a =", a)
    b = await Pause("second")
    print("b =", b)
    return "task done"
t = task()
print("yielded:", t.send(None))
print("yielded:", t.send(1))
try:
    t.send(2)
except StopIteration as e:
    print("finished:", e.value)
def run(coro):
    step = 0
    try:
        while True:
            got = coro.send(None if step == 0 else step)
            print("  step", step, "->", got)
            step += 1
    except StopIteration as e:
        return e.value
print(run(task()))
