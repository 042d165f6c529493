# runnable
"""Every token form the tokenizer must get right, around two real sites."""
import asyncio

numbers = [0, 7, 1_000_000, 0x_FF, 0XdeadBEEF, 0o17, 0O7_7, 0b1010, 0B_1,
           3.14, 10., .5, 1e10, 1E-3, 2.5e+3_0, 1_0.0_1, 0.0, 00, 0_0,
           1j, 2.5J, 1e3j, 0777.0, 0777e1, 0777j]
ops = (1 + 2 - 3 * 4 / 5 // 6 % 7 ** 2, 1 << 2 >> 1 & 3 | 4 ^ 5, ~6,
       1 < 2 <= 3 > 0 >= 0 == 0 != 1, not False and True or None)
x = 5
x += 1; x -= 1; x *= 2; x /= 2; x //= 1; x %= 7; x **= 1
y = 6
y <<= 1; y >>= 1; y &= 7; y |= 8; y ^= 1; z = [1, 2][-1:]
matrix = type("M", (), {"__matmul__": lambda s, o: "matmul", "__imatmul__": lambda s, o: "imatmul"})()
m = matrix @ matrix
matrix @= matrix
ellipsis = ...
blobs = (b'g' rb'\h' Rb'i' bR'j' BR'k' rB'l' B"m")
strings = ('a' 'b' "c" '''d''' """e""" r'\f' R"g"
           u'm' U'n' f'{x!r:>{y}}' F"{'q'}" fr'{x}\n' Rf'{x}' fR'' RF"" rf''
           "\N{BULLET}" '\'' "\"" '\\' "\
continued")
if (w := len(strings)) > 3: print(w)
backslash = 1 + \
    2
def annotated(a: int = 1, *args: str, b: "list[int]" = [], **kw: dict) -> None: ...
class Ünïcödé: ñame = "ok"
λ = lambda *a, k=1, **kw: (a, k, kw)


async def job(v):
    return v


async def main():
    t = asyncio.ensure_future(job(numbers[-1] if numbers else ops))
    u = asyncio.ensure_future(job(f"{'ensure_future('}{w}"))
    print(await t, await u, m, matrix, ellipsis, backslash, Ünïcödé.ñame, λ(1)[1])


asyncio.run(main())
