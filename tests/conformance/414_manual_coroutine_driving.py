import types


class Ask:
    """An awaitable that hands a question to whoever drives the coroutine."""

    def __init__(self, question):
        self.question = question

    def __await__(self):
        answer = yield self.question
        return answer


async def conversation():
    name = await Ask("name?")
    age = await Ask(f"age of {name}?")
    return f"{name} is {age}"


def drive(coro, answers):
    question = coro.send(None)
    try:
        while True:
            print("coroutine asks:", question)
            question = coro.send(answers[question])
    except StopIteration as stop:
        return stop.value


c = conversation()
print(type(c).__name__, c.cr_running, c.cr_await is None)
print(drive(c, {"name?": "ada", "age of ada?": 36}))
print("frame after finish:", c.cr_frame)

c2 = conversation()
c2.send(None)
try:
    c2.throw(KeyError("no answer"))
except KeyError as e:
    print("throw propagated:", repr(e))
c3 = conversation()
c3.send(None)
c3.close()
print("closed:", c3.cr_frame is None)


@types.coroutine
def gen_based():
    x = yield "first"
    return x * 2


async def uses_gen():
    return await gen_based()


c4 = uses_gen()
print(c4.send(None))
try:
    c4.send(21)
except StopIteration as e:
    print("result", e.value)
