# math: libm functions with CPython's errors, and the integer helpers.
import math
print(math.exp(1), math.log(10), math.log(8, 2), math.log10(1000), math.log2(1024), math.sin(1), math.cos(0.5), math.tan(1), math.atan2(1, 2), math.pow(2, 10), math.fmod(7, 3), math.copysign(3, -0.0))
print(math.asin(0.5), math.acos(0.5), math.atan(1), math.sinh(1), math.cosh(1), math.tanh(0.5), math.fabs(-2), math.expm1(1e-10), math.log1p(1e-10))
cases = [
    ('math.log(0)', lambda: math.log(0)),
    ('math.log(-1)', lambda: math.log(-1)),
    ('math.exp(1000)', lambda: math.exp(1000)),
    ('math.sqrt(-1)', lambda: math.sqrt(-1)),
    ('math.acos(2)', lambda: math.acos(2)),
    ('math.pow(0, -1)', lambda: math.pow(0, -1)),
    ('math.pow(10, 400)', lambda: math.pow(10, 400)),
    ('math.fmod(1, 0)', lambda: math.fmod(1, 0)),
    ('math.log(10, 1)', lambda: math.log(10, 1)),
    ('math.exp()', lambda: math.exp()),
    ('math.log()', lambda: math.log()),
    ('math.atan2(1)', lambda: math.atan2(1)),
    ("math.sin('x')", lambda: math.sin("x")),
    ('math.factorial(-1)', lambda: math.factorial(-1)),
    ('math.factorial(2.0)', lambda: math.factorial(2.0)),
    ('math.isqrt(-1)', lambda: math.isqrt(-1)),
    ('math.comb(-1, 2)', lambda: math.comb(-1, 2)),
    ('math.cosh(1000)', lambda: math.cosh(1000)),
    ('math.sin(math.inf)', lambda: math.sin(math.inf)),
]
for expr, f in cases:
    try:
        print(expr, '->', f())
    except Exception as e:
        print(expr, type(e).__name__, e)
print(math.gcd(12, 18), math.gcd(), math.gcd(0, -4, 6), math.lcm(4, 6), math.lcm(), math.factorial(10), math.isqrt(99), math.isqrt(10**12), math.comb(10, 3), math.perm(5, 2), math.perm(4))
print(math.prod([1, 2, 3, 4]), math.prod([]), math.isclose(1.0, 1.0 + 1e-10), math.isclose(1, 1.1), math.degrees(math.pi), math.radians(180), math.trunc(-3.7), math.modf(3.25), math.modf(-2.5))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100]), math.fsum([]), math.isfinite(1.0), math.isinf(math.inf), math.isnan(math.nan), math.tau, math.fsum([math.inf, 1]))
