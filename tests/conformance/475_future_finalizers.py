# Which dead futures and tasks log when the collector frees them: looplab
# frees a done future without running its __del__ when that __del__
# would do nothing, and must still log every one that would.
import asyncio
import gc


class LoudFuture(asyncio.Future):
    def __del__(self):
        print("LoudFuture.__del__", self.done())
        super().__del__()


class QuietTask(asyncio.Task):
    pass


async def child(n):
    await asyncio.sleep(0)
    if n % 2:
        raise ValueError(n)
    return n


async def main():
    loop = asyncio.get_running_loop()
    # Results and retrieved exceptions: nothing to log.
    for i in range(3):
        f = loop.create_future()
        f.set_result(i)
        f2 = loop.create_future()
        f2.set_exception(KeyError(i))
        f2.exception()
    del f, f2
    gc.collect()
    print("quiet futures gone")

    # An exception nobody retrieves: logged when the future dies.
    f = loop.create_future()
    f.set_exception(RuntimeError("never retrieved"))
    del f
    gc.collect()
    print("after unretrieved")

    # Its flag cleared by hand: nothing to log.
    f = loop.create_future()
    f.set_exception(RuntimeError("cleared"))
    f._log_traceback = False
    del f
    gc.collect()
    print("after cleared")

    # A subclass with its own __del__ always runs it.
    lf = LoudFuture()
    lf.set_result(1)
    del lf
    gc.collect()
    print("after loud")

    # Tasks: done ones are quiet unless their exception was not
    # retrieved; a subclass without its own __del__ behaves the same.
    t1 = asyncio.create_task(child(2))
    t2 = asyncio.create_task(child(3))
    t3 = QuietTask(child(5))
    await asyncio.sleep(0.01)
    print(t1.result(), t1.done(), t2.done(), t3.done())
    del t1, t2, t3
    gc.collect()
    print("after tasks")

    # A pending task that is dropped logs "Task was destroyed".
    t4 = asyncio.create_task(asyncio.sleep(10))
    await asyncio.sleep(0)
    t4._log_destroy_pending = False
    del t4
    gc.collect()
    print("after silenced pending")


asyncio.run(main())
print("done")
