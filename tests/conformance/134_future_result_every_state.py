import asyncio


def probe(label, fut):
    for name in ["result", "exception"]:
        try:
            value = getattr(fut, name)()
            print(label, name, "->", repr(value))
        except asyncio.InvalidStateError as e:
            print(label, name, "-> InvalidStateError:", e)
        except asyncio.CancelledError as e:
            print(label, name, "-> CancelledError", e.args)
        except Exception as e:
            print(label, name, "->", type(e).__name__, e)


async def main():
    loop = asyncio.get_running_loop()
    pending = loop.create_future()
    ok = loop.create_future()
    ok.set_result("fine")
    bad = loop.create_future()
    bad.set_exception(KeyError("k"))
    gone = loop.create_future()
    gone.cancel()
    for label, f in [("pending", pending), ("ok", ok), ("bad", bad), ("gone", gone)]:
        probe(label, f)
    pending.cancel()


asyncio.run(main())
