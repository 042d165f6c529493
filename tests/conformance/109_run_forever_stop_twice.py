import asyncio

loop = asyncio.new_event_loop()


def step(n):
    print("step", n, "running", loop.is_running())
    if n == 2 or n == 4:
        loop.stop()
    if n < 4:
        loop.call_soon(step, n + 1)


loop.call_soon(step, 0)
loop.run_forever()
print("first run_forever returned")
loop.run_forever()
print("second run_forever returned")
print("running", loop.is_running())
loop.close()
