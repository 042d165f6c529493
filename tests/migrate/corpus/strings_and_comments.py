# runnable
# asyncio.ensure_future(coro()) in a comment must not change.
"""Module docstring: call asyncio.ensure_future(main()) to start.

It even has "quotes" and 'quotes' and a \""" escaped triple quote.
"""
import asyncio

TEMPLATES = [
    'asyncio.ensure_future(a())',
    "asyncio.ensure_future(b())",
    r'asyncio.ensure_future(\d+)',
    R"asyncio.ensure_future(\w)",
    b'asyncio.ensure_future(c())',
    B"ensure_future(",
    u'asyncio.ensure_future(d())',
    U"ensure_future(e())",
    rb'ensure_future(\x00)',
    bR"ensure_future(\n)",
    Rb'ensure_future(',
    BR"ensure_future(",
    '''asyncio.ensure_future(
        multi())''',
    """ensure_future(x) "quoted" ''' """,
    rb"""raw bytes ensure_future(
    )""",
    'it\'s asyncio.ensure_future(escaped())',
    "continued \
asyncio.ensure_future(line())",
]


async def make(n):
    """Docstring: asyncio.ensure_future(make(n)) is what callers did."""
    await asyncio.sleep(0)
    return n


async def main():
    name = "asyncio"
    t = asyncio.ensure_future(make(1))  # asyncio.ensure_future(make(1)) here
    fs = f"{name}.ensure_future({await t})"
    fr = fR'{name}.ensure_future(\d)'
    rf = rf"{'ensure_future('}"
    nested = f"{'{'}{asyncio.ensure_future.__name__}{'}'}"
    print(fs, fr, rf, nested)
    u = asyncio.ensure_future(
        make("after strings")  # ensure_future( in a comment inside a call
    )
    print(await u)
    for s in TEMPLATES:
        print(repr(s)[:30])


asyncio.run(main())
