import asyncio

loop = asyncio.new_event_loop()
loop.close()


def attempt(label, fn):
    try:
        fn()
        print(label, "-> no error")
    except RuntimeError as e:
        print(label, "->", e)


async def work():
    return 1


attempt("call_soon", lambda: loop.call_soon(print, "x"))
attempt("call_later", lambda: loop.call_later(1, print, "x"))
attempt("call_at", lambda: loop.call_at(1, print, "x"))
attempt("run_forever", loop.run_forever)
coro = work()
attempt("run_until_complete", lambda: loop.run_until_complete(coro))
coro.close()
attempt("create_task", lambda: loop.create_task(work()))
print("end")

# tracecmp: warnings (the lines of stderr that warnings write are compared)
