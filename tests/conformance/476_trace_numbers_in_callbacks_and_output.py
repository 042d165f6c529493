# Numbers in trace lines: callback arguments of every numeric kind (exact
# ints and floats, bool, int and float subclasses with and without their
# own __repr__) and output lines with leading zeros, long digit runs and
# control bytes, which the recorder stores apart from their text.
import asyncio


class Id(int):
    def __repr__(self):
        return 'Id(%d)' % int(self)


class Plain(int):
    pass


class Ratio(float):
    pass


def cb(*args):
    print('cb', len(args))


async def main():
    loop = asyncio.get_running_loop()
    values = [0, 1, -1, 7, 10, 100, -100, 2147483648, 9223372036854775807,
              -9223372036854775807 - 1, 123456789012345678, True, False,
              Id(5), Plain(6), Ratio(2.5), 0.0, -0.0, 1.5, 1e16, 1e-07,
              1 / 3, 2.5e-310, float('inf'), float('-inf'), float('nan'),
              1e300, 123456789.125, None, '007', (1, 2), [3.0, 4]]
    for v in values:
        loop.call_soon(cb, v)
    loop.call_later(0.000123, cb, *values)
    loop.call_soon(cb, 42, 0.25, True).cancel()
    print('000123', '0.000000', '0', '00', 'x9y')
    print('1' * 40, '0' * 31, '1' + '0' * 40 + '1')
    print('\x01 12 \x02 34 \x01\x02')
    print('héllo wörld 42 日本')
    print('')
    await asyncio.sleep(1)


asyncio.run(main())
