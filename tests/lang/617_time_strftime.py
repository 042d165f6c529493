# The time module's wall-clock functions a tutorial uses (the asyncio docs'
# first example prints time.strftime('%X')), with fixed tuples where the
# output must not depend on the clock.
import asyncio, time
async def say_after(delay, what):
    await asyncio.sleep(delay)
    print(what)
async def main():
    s = time.strftime('%X')
    print(len(s), s.count(':'))
    await say_after(1, 'hello')
    await say_after(2, 'world')
    print(len(time.strftime('%X')))
asyncio.run(main())
print(time.strftime("%Y-%m-%d %H:%M:%S", (2024, 2, 29, 13, 5, 9, 3, 60, 0)))
print(time.strftime("%A %j %a %b", (2024, 2, 29, 13, 5, 9, 3, 60, 0)))
print(time.strftime(""), type(time.time_ns()).__name__, type(time.process_time()).__name__)
print(len(time.ctime()), time.ctime(0)[:3] in ("Thu", "Wed", "Fri"))
for bad in [lambda: time.strftime(5), lambda: time.strftime("%Y", (1, 2))]:
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)
