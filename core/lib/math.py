"""This module provides access to the mathematical functions
defined by the C standard."""
# looplab: sqrt, floor, ceil, the libm functions and the constants are
# built in (C, in modules.c); this code runs in that module's namespace the
# first time a program imports math, and adds the functions written in
# Python here (CPython 3.11's results and errors).

tau = 2 * pi


def isfinite(x):
    """Return True if x is neither an infinity nor a NaN, and False
    otherwise."""
    x = _real(x)
    return x == x and x not in (inf, -inf)


def isinf(x):
    """Return True if x is a positive or negative infinity, and False
    otherwise."""
    return _real(x) in (inf, -inf)


def isnan(x):
    """Return True if x is a NaN (not a number), and False otherwise."""
    x = _real(x)
    return x != x


def _real(x):
    if isinstance(x, (int, float)):
        return x
    conv = getattr(type(x), "__float__", None)
    if conv is None:
        raise TypeError(f"must be real number, not {type(x).__name__}")
    return conv(x)


def _int(x, fn):
    if isinstance(x, float):
        raise TypeError("'float' object cannot be interpreted as an integer")
    if not isinstance(x, int):
        raise TypeError(f"'{type(x).__name__}' object cannot be "
                        f"interpreted as an integer")
    return int(x)


def degrees(x):
    """Convert angle x from radians to degrees."""
    return _real(x) * (180.0 / pi)


def radians(x):
    """Convert angle x from degrees to radians."""
    return _real(x) * (pi / 180.0)


def trunc(x):
    """Truncates the Real x to the nearest Integral toward 0."""
    if isinstance(x, int):
        return int(x)
    if isinstance(x, float):
        return int(x)
    method = getattr(type(x), "__trunc__", None)
    if method is None:
        raise TypeError(f"type {type(x).__name__} doesn't define "
                        f"__trunc__ method")
    return method(x)


def modf(x):
    """Return the fractional and integer parts of x.

    Both results carry the sign of x and are floats."""
    x = float(_real(x))
    if x in (inf, -inf):
        return (copysign(0.0, x), x)
    if x != x:
        return (x, x)
    i = float(int(x))
    return (copysign(x - i, x), copysign(i, x))


def gcd(*integers):
    """Greatest Common Divisor."""
    result = 0
    for n in integers:
        a, b = abs(_int(n, "gcd")), result
        while b:
            a, b = b, a % b
        result = a
    return result


def lcm(*integers):
    """Least Common Multiple."""
    result = 1
    for n in integers:
        n = _int(n, "lcm")
        if n == 0:
            result = 0
            continue
        if result:
            result = abs(result // gcd(result, n) * n)
    return result if integers else 1


def factorial(n, /):
    """Find n!.

    Raise a ValueError if x is negative or non-integral."""
    n = _int(n, "factorial")
    if n < 0:
        raise ValueError("factorial() not defined for negative values")
    result = 1
    for i in range(2, n + 1):
        result *= i
    return result


def isqrt(n, /):
    """Return the integer part of the square root of the input."""
    n = _int(n, "isqrt")
    if n < 0:
        raise ValueError("isqrt() argument must be nonnegative")
    if n == 0:
        return 0
    x = int(sqrt(n))
    # Correct the float estimate: the largest x with x * x <= n.
    while x * x > n:
        x -= 1
    while (x + 1) * (x + 1) <= n:
        x += 1
    return x


def comb(n, k, /):
    """Number of ways to choose k items from n items without repetition
    and without order."""
    n = _int(n, "comb")
    k = _int(k, "comb")
    if n < 0:
        raise ValueError("n must be a non-negative integer")
    if k < 0:
        raise ValueError("k must be a non-negative integer")
    if k > n:
        return 0
    k = min(k, n - k)
    result = 1
    for i in range(1, k + 1):
        result = result * (n - k + i) // i
    return result


def perm(n, k=None, /):
    """Number of ways to choose k items from n items without repetition
    and with order."""
    n = _int(n, "perm")
    if k is None:
        return factorial(n)
    k = _int(k, "perm")
    if n < 0:
        raise ValueError("n must be a non-negative integer")
    if k < 0:
        raise ValueError("k must be a non-negative integer")
    if k > n:
        return 0
    result = 1
    for i in range(n - k + 1, n + 1):
        result *= i
    return result


def prod(iterable, /, *, start=1):
    """Calculate the product of all the elements in the input iterable."""
    result = start
    for x in iterable:
        result = result * x
    return result


def isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0):
    """Determine whether two floating point numbers are close in value."""
    if rel_tol < 0.0 or abs_tol < 0.0:
        raise ValueError("tolerances must be non-negative")
    if a == b:
        return True
    if isinf(a) or isinf(b):
        return False
    diff = fabs(b - a)
    return ((diff <= fabs(rel_tol * b)) or (diff <= fabs(rel_tol * a)) or
            (diff <= abs_tol))


def fsum(seq, /):
    """Return an accurate floating point sum of values in the iterable
    seq."""
    # Shewchuk's exact partial sums, then rounding as CPython's msum.
    partials = []
    inf_sum = 0.0
    nan_seen = False
    for x in seq:
        x = float(_real(x))
        if x != x:
            nan_seen = True
            continue
        if x in (inf, -inf):
            inf_sum += x
            continue
        i = 0
        for y in partials:
            if fabs(x) < fabs(y):
                x, y = y, x
            hi = x + y
            lo = y - (hi - x)
            if lo:
                partials[i] = lo
                i += 1
            x = hi
        del partials[i:]
        partials.append(x)
    if nan_seen:
        return nan
    if inf_sum:
        if inf_sum != inf_sum:
            raise ValueError("-inf + inf in fsum")
        return inf_sum
    n = len(partials)
    if n == 0:
        return 0.0
    n -= 1
    hi = partials[n]
    lo = 0.0
    while n > 0:
        x = hi
        n -= 1
        y = partials[n]
        hi = x + y
        lo = y - (hi - x)
        if lo:
            break
    if n > 0 and ((lo < 0 and partials[n - 1] < 0) or
                  (lo > 0 and partials[n - 1] > 0)):
        y = lo * 2.0
        x = hi + y
        if y == x - hi:
            hi = x
    return hi
