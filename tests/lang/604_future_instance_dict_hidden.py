# _asyncio.Future and Task keep attributes in a dict that no __dict__
# attribute shows (a tp_dictoffset, no getset): hasattr is False, vars()
# fails on a subclass, and "__dict__" is then a plain name. Recorded from
# python3 itself: the oracle runs a pure-Python Future, which has one.
import asyncio
class F(asyncio.Future):
    pass
async def m():
    f = asyncio.get_running_loop().create_future()
    f.x = 1
    print(hasattr(f, '__dict__'), f.x)
    try:
        f.__dict__ = {}
    except Exception as e:
        print(type(e).__name__, e)
    try:
        print(vars(f))
    except Exception as e:
        print(type(e).__name__, e)
    g = F()
    g.y = 3
    print(hasattr(g, '__dict__'), g.y, 'y' in dir(g))
    try:
        print(vars(g))
    except Exception as e:
        print(type(e).__name__, e)
    try:
        del f.__dict__
    except Exception as e:
        print(type(e).__name__, e)
    print(f.x)
    t = asyncio.current_task()
    t.z = 5
    print(hasattr(t, '__dict__'), t.z)
asyncio.run(m())
