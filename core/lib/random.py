"""Random variable generators.

    integers
    --------
           uniform within range

    sequences
    ---------
           pick random element
           pick random sample
           pick weighted random sample
           generate random permutation

    distributions on the real line:
    ------------------------------
           uniform
"""
# looplab's random: the Mersenne Twister (MT19937) seeded as CPython's
# _random module seeds it, and CPython 3.11's Random methods on top, so
# that a seeded program draws exactly the numbers CPython draws.
#
# Integers are 64-bit in looplab: every step below keeps its values
# under 2**63 (a 32-bit word times a constant under 2**31), and
# getrandbits(k) is limited to k <= 63.

from math import floor as _floor, sqrt as _sqrt, log as _log, exp as _exp
from math import cos as _cos, sin as _sin, pi as _pi

__all__ = ["Random", "SystemRandom", "seed", "random", "uniform", "randint",
           "choice", "sample", "randrange", "shuffle", "choices",
           "getrandbits", "getstate", "setstate", "triangular",
           "normalvariate", "lognormvariate", "expovariate", "gauss",
           "paretovariate", "weibullvariate"]

# The constants of CPython's normalvariate (Kinderman and Monahan) and
# gauss (Box-Muller).
NV_MAGICCONST = 4 * _exp(-0.5) / _sqrt(2.0)
TWOPI = 2.0 * _pi

_N = 624
_M = 397
_MATRIX_A = 0x9908b0df
_UPPER = 0x80000000
_LOWER = 0x7fffffff
_MASK32 = 0xffffffff


def _seed_key(n):
    # The key init_by_array takes for the non-negative integer n: its
    # 32-bit words, least significant first (one word for 0).
    key = []
    while n:
        key.append(n & _MASK32)
        n >>= 32
    return key or [0]


def _bytes_key(data):
    # The key for the integer whose big-endian bytes are data: 32-bit
    # words, least significant first, leading zero bytes not counted.
    i = 0
    while i < len(data) and data[i] == 0:
        i += 1
    key = []
    end = len(data)
    while end > i:
        start = max(i, end - 4)
        word = 0
        for b in data[start:end]:
            word = (word << 8) | b
        key.append(word)
        end = start
    return key or [0]


def _utf8(s):
    out = []
    for ch in s:
        o = ord(ch)
        if o < 0x80:
            out.append(o)
        elif o < 0x800:
            out += [0xC0 | (o >> 6), 0x80 | (o & 0x3F)]
        elif o < 0x10000:
            out += [0xE0 | (o >> 12), 0x80 | ((o >> 6) & 0x3F),
                    0x80 | (o & 0x3F)]
        else:
            out += [0xF0 | (o >> 18), 0x80 | ((o >> 12) & 0x3F),
                    0x80 | ((o >> 6) & 0x3F), 0x80 | (o & 0x3F)]
    return out


# ---- SHA-512 (FIPS 180-4), for string seeds ---------------------------------
#
# looplab's ints are 64-bit and signed, so each 64-bit word is a pair of
# 32-bit halves (hi, lo).

_SHA512_K = [
    0x428a2f98, 0xd728ae22, 0x71374491, 0x23ef65cd,
    0xb5c0fbcf, 0xec4d3b2f, 0xe9b5dba5, 0x8189dbbc,
    0x3956c25b, 0xf348b538, 0x59f111f1, 0xb605d019,
    0x923f82a4, 0xaf194f9b, 0xab1c5ed5, 0xda6d8118,
    0xd807aa98, 0xa3030242, 0x12835b01, 0x45706fbe,
    0x243185be, 0x4ee4b28c, 0x550c7dc3, 0xd5ffb4e2,
    0x72be5d74, 0xf27b896f, 0x80deb1fe, 0x3b1696b1,
    0x9bdc06a7, 0x25c71235, 0xc19bf174, 0xcf692694,
    0xe49b69c1, 0x9ef14ad2, 0xefbe4786, 0x384f25e3,
    0x0fc19dc6, 0x8b8cd5b5, 0x240ca1cc, 0x77ac9c65,
    0x2de92c6f, 0x592b0275, 0x4a7484aa, 0x6ea6e483,
    0x5cb0a9dc, 0xbd41fbd4, 0x76f988da, 0x831153b5,
    0x983e5152, 0xee66dfab, 0xa831c66d, 0x2db43210,
    0xb00327c8, 0x98fb213f, 0xbf597fc7, 0xbeef0ee4,
    0xc6e00bf3, 0x3da88fc2, 0xd5a79147, 0x930aa725,
    0x06ca6351, 0xe003826f, 0x14292967, 0x0a0e6e70,
    0x27b70a85, 0x46d22ffc, 0x2e1b2138, 0x5c26c926,
    0x4d2c6dfc, 0x5ac42aed, 0x53380d13, 0x9d95b3df,
    0x650a7354, 0x8baf63de, 0x766a0abb, 0x3c77b2a8,
    0x81c2c92e, 0x47edaee6, 0x92722c85, 0x1482353b,
    0xa2bfe8a1, 0x4cf10364, 0xa81a664b, 0xbc423001,
    0xc24b8b70, 0xd0f89791, 0xc76c51a3, 0x0654be30,
    0xd192e819, 0xd6ef5218, 0xd6990624, 0x5565a910,
    0xf40e3585, 0x5771202a, 0x106aa070, 0x32bbd1b8,
    0x19a4c116, 0xb8d2d0c8, 0x1e376c08, 0x5141ab53,
    0x2748774c, 0xdf8eeb99, 0x34b0bcb5, 0xe19b48a8,
    0x391c0cb3, 0xc5c95a63, 0x4ed8aa4a, 0xe3418acb,
    0x5b9cca4f, 0x7763e373, 0x682e6ff3, 0xd6b2b8a3,
    0x748f82ee, 0x5defb2fc, 0x78a5636f, 0x43172f60,
    0x84c87814, 0xa1f0ab72, 0x8cc70208, 0x1a6439ec,
    0x90befffa, 0x23631e28, 0xa4506ceb, 0xde82bde9,
    0xbef9a3f7, 0xb2c67915, 0xc67178f2, 0xe372532b,
    0xca273ece, 0xea26619c, 0xd186b8c7, 0x21c0c207,
    0xeada7dd6, 0xcde0eb1e, 0xf57d4f7f, 0xee6ed178,
    0x06f067aa, 0x72176fba, 0x0a637dc5, 0xa2c898a6,
    0x113f9804, 0xbef90dae, 0x1b710b35, 0x131c471b,
    0x28db77f5, 0x23047d84, 0x32caab7b, 0x40c72493,
    0x3c9ebe0a, 0x15c9bebc, 0x431d67c4, 0x9c100d4c,
    0x4cc5d4be, 0xcb3e42b6, 0x597f299c, 0xfc657e2a,
    0x5fcb6fab, 0x3ad6faec, 0x6c44198c, 0x4a475817,
]

_SHA512_H = [
    0x6a09e667, 0xf3bcc908, 0xbb67ae85, 0x84caa73b,
    0x3c6ef372, 0xfe94f82b, 0xa54ff53a, 0x5f1d36f1,
    0x510e527f, 0xade682d1, 0x9b05688c, 0x2b3e6c1f,
    0x1f83d9ab, 0xfb41bd6b, 0x5be0cd19, 0x137e2179,
]


def _rotr(hi, lo, n):
    if n >= 32:
        hi, lo = lo, hi
        n -= 32
    if n == 0:
        return hi, lo
    return (((hi >> n) | (lo << (32 - n))) & _MASK32,
            ((lo >> n) | (hi << (32 - n))) & _MASK32)


def _shr(hi, lo, n):
    return hi >> n, ((lo >> n) | (hi << (32 - n))) & _MASK32


def _add(*words):
    lo = 0
    hi = 0
    for h, l in words:
        lo += l
        hi += h
    return (hi + (lo >> 32)) & _MASK32, lo & _MASK32


def _sha512(data):
    # data: a list of byte values; returns the 64-byte digest likewise.
    n = len(data)
    msg = data + [0x80] + [0] * ((111 - n) % 128) + [0] * 8
    bits = n * 8
    msg += [(bits >> (8 * i)) & 0xFF for i in range(7, -1, -1)]
    k = _SHA512_K
    state = [(_SHA512_H[2 * i], _SHA512_H[2 * i + 1]) for i in range(8)]
    for block in range(0, len(msg), 128):
        w = []
        for t in range(16):
            j = block + 8 * t
            hi = (msg[j] << 24) | (msg[j + 1] << 16) | (msg[j + 2] << 8) | \
                msg[j + 3]
            lo = (msg[j + 4] << 24) | (msg[j + 5] << 16) | \
                (msg[j + 6] << 8) | msg[j + 7]
            w.append((hi, lo))
        for t in range(16, 80):
            x = w[t - 15]
            r1, r8, s7 = _rotr(*x, 1), _rotr(*x, 8), _shr(*x, 7)
            s0 = (r1[0] ^ r8[0] ^ s7[0], r1[1] ^ r8[1] ^ s7[1])
            x = w[t - 2]
            r19, r61, s6 = _rotr(*x, 19), _rotr(*x, 61), _shr(*x, 6)
            s1 = (r19[0] ^ r61[0] ^ s6[0], r19[1] ^ r61[1] ^ s6[1])
            w.append(_add(s1, w[t - 7], s0, w[t - 16]))
        a, b, c, d, e, f, g, h = state
        for t in range(80):
            r14, r18, r41 = _rotr(*e, 14), _rotr(*e, 18), _rotr(*e, 41)
            big_s1 = (r14[0] ^ r18[0] ^ r41[0], r14[1] ^ r18[1] ^ r41[1])
            ch = ((e[0] & f[0]) ^ (~e[0] & g[0] & _MASK32),
                  (e[1] & f[1]) ^ (~e[1] & g[1] & _MASK32))
            t1 = _add(h, big_s1, ch, (k[2 * t], k[2 * t + 1]), w[t])
            r28, r34, r39 = _rotr(*a, 28), _rotr(*a, 34), _rotr(*a, 39)
            big_s0 = (r28[0] ^ r34[0] ^ r39[0], r28[1] ^ r34[1] ^ r39[1])
            maj = ((a[0] & b[0]) ^ (a[0] & c[0]) ^ (b[0] & c[0]),
                   (a[1] & b[1]) ^ (a[1] & c[1]) ^ (b[1] & c[1]))
            t2 = _add(big_s0, maj)
            h, g, f = g, f, e
            e = _add(d, t1)
            d, c, b = c, b, a
            a = _add(t1, t2)
        state = [_add(x, y) for x, y in zip(state, [a, b, c, d, e, f, g, h])]
    digest = []
    for hi, lo in state:
        for word in (hi, lo):
            digest += [(word >> 24) & 0xFF, (word >> 16) & 0xFF,
                       (word >> 8) & 0xFF, word & 0xFF]
    return digest


class Random:
    """Random number generator base class used by bound module functions.

    Used to instantiate instances of Random to get generators that don't
    share state.
    """

    VERSION = 3

    # _mt: the generator's 624 words; _index: the next word to temper
    # (624: regenerate the words first).

    def __init__(self, x=None):
        self.seed(x)
        self.gauss_next = None

    # ---- The Mersenne Twister -----------------------------------------------

    def _init_genrand(self, s):
        mt = [0] * _N
        mt[0] = s & _MASK32
        for i in range(1, _N):
            prev = mt[i - 1]
            mt[i] = (1812433253 * (prev ^ (prev >> 30)) + i) & _MASK32
        self._mt = mt
        self._index = _N

    def _init_by_array(self, key):
        self._init_genrand(19650218)
        mt = self._mt
        i = 1
        j = 0
        for _ in range(max(_N, len(key))):
            prev = mt[i - 1]
            mt[i] = ((mt[i] ^ ((prev ^ (prev >> 30)) * 1664525)) +
                     key[j] + j) & _MASK32
            i += 1
            j += 1
            if i >= _N:
                mt[0] = mt[_N - 1]
                i = 1
            if j >= len(key):
                j = 0
        for _ in range(_N - 1):
            prev = mt[i - 1]
            mt[i] = ((mt[i] ^ ((prev ^ (prev >> 30)) * 1566083941)) -
                     i) & _MASK32
            i += 1
            if i >= _N:
                mt[0] = mt[_N - 1]
                i = 1
        mt[0] = 0x80000000

    def _twist(self):
        mt = self._mt
        for k in range(_N):
            y = (mt[k] & _UPPER) | (mt[(k + 1) % _N] & _LOWER)
            v = mt[(k + _M) % _N] ^ (y >> 1)
            if y & 1:
                v ^= _MATRIX_A
            mt[k] = v
        self._index = 0

    def _genrand_uint32(self):
        if self._index >= _N:
            self._twist()
        y = self._mt[self._index]
        self._index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c5680
        y ^= (y << 15) & 0xefc60000
        y ^= y >> 18
        return y

    # ---- Seeding and state --------------------------------------------------

    def seed(self, a=None, version=2):
        """Initialize internal state from a seed.

        The only supported seed types are None, int, float and str in
        looplab (CPython also takes bytes and bytearray).

        None or no argument seeds from current time.
        """
        if a is None:
            import time
            a = int(time.time() * 1000000) ^ id(self)
        elif isinstance(a, float):
            # As CPython: the hash, taken as an unsigned 64-bit number.
            h = hash(a)
            key = [h & _MASK32]
            high = (h >> 32) & _MASK32
            if high:
                key.append(high)
            self._init_by_array(key)
            self.gauss_next = None
            return
        elif isinstance(a, str):
            # As CPython (version 2): the integer whose big-endian bytes
            # are the string's UTF-8 followed by their SHA-512 digest.
            data = _utf8(a)
            self._init_by_array(_bytes_key(data + _sha512(data)))
            self.gauss_next = None
            return
        elif not isinstance(a, int):
            raise TypeError('The only supported seed types are: None,\n'
                            'int, float, str, bytes, and bytearray.')
        self._init_by_array(_seed_key(-a if a < 0 else int(a)))
        self.gauss_next = None

    def getstate(self):
        """Return internal state; can be passed to setstate() later."""
        return (self.VERSION, tuple(self._mt) + (self._index,),
                self.gauss_next)

    def setstate(self, state):
        """Restore internal state from object returned by getstate()."""
        version = state[0]
        if version != 3:
            raise ValueError(f"state with version {version} passed to "
                             f"Random.setstate() of version {self.VERSION}")
        internal = state[1]
        if len(internal) != _N + 1:
            raise ValueError("state vector is the wrong size")
        self._mt = [x & _MASK32 for x in internal[:_N]]
        index = internal[_N]
        if index < 0 or index > _N:
            raise ValueError("invalid state")
        self._index = index
        self.gauss_next = state[2]

    # ---- Bits and floats ----------------------------------------------------

    def random(self):
        """random() -> x in the interval [0, 1)."""
        a = self._genrand_uint32() >> 5
        b = self._genrand_uint32() >> 6
        return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0)

    def getrandbits(self, k):
        """getrandbits(k) -> x.  Generates an int with k random bits."""
        if not isinstance(k, int):
            raise TypeError(f"'{type(k).__name__}' object cannot be "
                            f"interpreted as an integer")
        if k < 0:
            raise ValueError("number of bits must be non-negative")
        if k == 0:
            return 0
        if k <= 32:
            return self._genrand_uint32() >> (32 - k)
        # Whole 32-bit words, least significant first; the last one keeps
        # its top bits only.
        result = 0
        shift = 0
        while k > 0:
            r = self._genrand_uint32()
            if k < 32:
                r >>= 32 - k
            result |= r << shift
            shift += 32
            k -= 32
        return result

    def _randbelow(self, n):
        # A random int in [0, n), n > 0: getrandbits of n's size, retried
        # until below n.
        k = n.bit_length()
        r = self.getrandbits(k)
        while r >= n:
            r = self.getrandbits(k)
        return r

    # ---- Integers -----------------------------------------------------------

    def randrange(self, start, stop=None, step=1):
        """Choose a random item from range(stop) or range(start, stop[,
        step]).

        Roughly equivalent to ``choice(range(start, stop, step))`` but
        supports arbitrarily large ranges and is optimized for common
        cases.
        """
        istart = _as_index(start, "arg 1")
        if stop is None:
            if step != 1 or not isinstance(step, int):
                raise TypeError('Missing a non-None stop argument')
            if istart > 0:
                return self._randbelow(istart)
            raise ValueError("empty range for randrange()")
        istop = _as_index(stop, "stop")
        width = istop - istart
        istep = _as_index(step, "step")
        if istep == 1:
            if width > 0:
                return istart + self._randbelow(width)
            raise ValueError("empty range for randrange() (%d, %d, %d)"
                             % (istart, istop, width))
        if istep > 0:
            n = (width + istep - 1) // istep
        elif istep < 0:
            n = (width + istep + 1) // istep
        else:
            raise ValueError("zero step for randrange()")
        if n <= 0:
            raise ValueError("empty range for randrange()")
        return istart + istep * self._randbelow(n)

    def randint(self, a, b):
        """Return random integer in range [a, b], including both end
        points.
        """
        return self.randrange(a, b + 1)

    # ---- Sequences ----------------------------------------------------------

    def choice(self, seq):
        """Choose a random element from a non-empty sequence."""
        if not len(seq):
            raise IndexError('Cannot choose from an empty sequence')
        return seq[self._randbelow(len(seq))]

    def shuffle(self, x):
        """Shuffle list x in place, and return None."""
        for i in reversed(range(1, len(x))):
            j = self._randbelow(i + 1)
            x[i], x[j] = x[j], x[i]

    def sample(self, population, k, *, counts=None):
        """Chooses k unique random elements from a population sequence.

        Returns a new list containing elements from the population while
        leaving the original population unchanged.
        """
        if isinstance(population, (set, frozenset, dict)) or \
                not hasattr(population, "__getitem__") or \
                not hasattr(population, "__len__"):
            raise TypeError("Population must be a sequence.  "
                            "For dicts or sets, use sorted(d).")
        n = len(population)
        if counts is not None:
            cum_counts = []
            total = 0
            for c in counts:
                total += c
                cum_counts.append(total)
            if len(cum_counts) != n:
                raise ValueError('The number of counts does not match the '
                                 'population')
            total = cum_counts.pop()
            if not isinstance(total, int):
                raise TypeError('Counts must be integers')
            if total <= 0:
                raise ValueError('Total of counts must be greater than zero')
            selections = self.sample(range(total), k=k)
            return [population[_bisect_right(cum_counts, s, 0,
                                             len(cum_counts))]
                    for s in selections]
        if not 0 <= k <= n:
            raise ValueError("Sample larger than population or is negative")
        result = [None] * k
        # CPython: 21 + 4 ** ceil(log(3k, 4)) for k > 5 (the size of a set
        # of k items), computed here with integers (3k is never a power
        # of 4).
        setsize = 21
        if k > 5:
            power = 1
            while power <= k * 3:
                power *= 4
            setsize += power
        if n <= setsize:
            # Draw from a shrinking pool.
            pool = list(population)
            for i in range(k):
                j = self._randbelow(n - i)
                result[i] = pool[j]
                pool[j] = pool[n - i - 1]
        else:
            # Draw indices, redrawing those already taken.
            selected = set()
            for i in range(k):
                j = self._randbelow(n)
                while j in selected:
                    j = self._randbelow(n)
                selected.add(j)
                result[i] = population[j]
        return result

    def choices(self, population, weights=None, *, cum_weights=None, k=1):
        """Return a k sized list of population elements chosen with
        replacement.

        If the relative weights or cumulative weights are not specified,
        the selections are made with equal probability.
        """
        n = len(population)
        if cum_weights is None:
            if weights is None:
                n += 0.0
                return [population[_floor(self.random() * n)]
                        for i in range(k)]
            if isinstance(weights, int):
                raise TypeError(f'The number of choices must be a keyword '
                                f'argument: k={weights}')
            cum_weights = []
            total = 0
            for w in weights:
                total += w
                cum_weights.append(total)
        elif weights is not None:
            raise TypeError('Cannot specify both weights and cumulative '
                            'weights')
        if len(cum_weights) != n:
            raise ValueError('The number of weights does not match the '
                             'population')
        total = cum_weights[-1] + 0.0
        if total <= 0.0:
            raise ValueError('Total of weights must be greater than zero')
        if total != total or total == float('inf'):
            raise ValueError('Total of weights must be finite')
        hi = n - 1
        return [population[_bisect_right(cum_weights, self.random() * total,
                                         0, hi)]
                for i in range(k)]

    # ---- Real-valued distributions ------------------------------------------

    def uniform(self, a, b):
        "Get a random number in the range [a, b) or [a, b] depending on " \
            "rounding."
        return a + (b - a) * self.random()

    def triangular(self, low=0.0, high=1.0, mode=None):
        """Triangular distribution.

        Continuous distribution bounded by given lower and upper limits,
        and having a given mode value in-between.
        """
        u = self.random()
        try:
            c = 0.5 if mode is None else (mode - low) / (high - low)
        except ZeroDivisionError:
            return low
        if u > c:
            u = 1.0 - u
            c = 1.0 - c
            low, high = high, low
        return low + (high - low) * _sqrt(u * c)

    def normalvariate(self, mu=0.0, sigma=1.0):
        """Normal distribution.

        mu is the mean, and sigma is the standard deviation.
        """
        while True:
            u1 = self.random()
            u2 = 1.0 - self.random()
            z = NV_MAGICCONST * (u1 - 0.5) / u2
            if z * z / 4.0 <= -_log(u2):
                return mu + z * sigma

    def gauss(self, mu=0.0, sigma=1.0):
        """Gaussian distribution.

        mu is the mean, and sigma is the standard deviation.  This is
        slightly faster than the normalvariate() function.
        """
        # Box-Muller gives two values: the second is kept for next time.
        z = self.gauss_next
        self.gauss_next = None
        if z is None:
            angle = self.random() * TWOPI
            radius = _sqrt(-2.0 * _log(1.0 - self.random()))
            z = _cos(angle) * radius
            self.gauss_next = _sin(angle) * radius
        return mu + z * sigma

    def lognormvariate(self, mu, sigma):
        """Log normal distribution."""
        return _exp(self.normalvariate(mu, sigma))

    def expovariate(self, lambd):
        """Exponential distribution.

        lambd is 1.0 divided by the desired mean.
        """
        return -_log(1.0 - self.random()) / lambd

    def paretovariate(self, alpha):
        """Pareto distribution.  alpha is the shape parameter."""
        u = 1.0 - self.random()
        return u ** (-1.0 / alpha)

    def weibullvariate(self, alpha, beta):
        """Weibull distribution.

        alpha is the scale parameter and beta is the shape parameter.
        """
        u = 1.0 - self.random()
        return alpha * (-_log(u)) ** (1.0 / beta)


def _as_index(x, what):
    # An int argument of randrange (CPython 3.11 still accepts integral
    # floats, with a DeprecationWarning).
    if isinstance(x, int):
        return int(x)
    index = getattr(type(x), "__index__", None)
    if index is not None:
        return index(x)
    ix = int(x)
    if ix != x:
        raise ValueError(f"non-integer {what} for randrange()")
    return ix


def _bisect_right(a, x, lo, hi):
    while lo < hi:
        mid = (lo + hi) // 2
        if x < a[mid]:
            hi = mid
        else:
            lo = mid + 1
    return lo


class SystemRandom(Random):
    """Alternate random number generator (looplab: the Mersenne Twister
    seeded from the time; there is no operating system source)."""

    def seed(self, *args, **kwds):
        "Stub method.  Not used for a system random number generator."
        Random.seed(self)


# ---- The module's functions: methods of one hidden instance -----------------

_inst = Random()
seed = _inst.seed
random = _inst.random
uniform = _inst.uniform
triangular = _inst.triangular
randint = _inst.randint
choice = _inst.choice
randrange = _inst.randrange
sample = _inst.sample
shuffle = _inst.shuffle
choices = _inst.choices
normalvariate = _inst.normalvariate
lognormvariate = _inst.lognormvariate
expovariate = _inst.expovariate
gauss = _inst.gauss
paretovariate = _inst.paretovariate
weibullvariate = _inst.weibullvariate
getstate = _inst.getstate
setstate = _inst.setstate
getrandbits = _inst.getrandbits
