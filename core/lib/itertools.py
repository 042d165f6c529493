"""Functional tools for creating and using iterators."""
# looplab's itertools: CPython 3.11's functions, as generators. Each
# function checks its arguments when called (as CPython's do) and then
# returns a generator; count and repeat are classes, for their reprs.

__all__ = ["accumulate", "chain", "combinations",
           "combinations_with_replacement", "compress", "count", "cycle",
           "dropwhile", "filterfalse", "groupby", "islice", "pairwise",
           "permutations", "product", "repeat", "starmap", "takewhile",
           "tee", "zip_longest"]


def _number(x):
    if not isinstance(x, (int, float)):
        raise TypeError("a number is required")
    return x


class count:
    """Return a count object whose .__next__() method returns consecutive
    values."""

    def __init__(self, start=0, step=1):
        self._n = _number(start)
        self._step = _number(step)

    def __iter__(self):
        return self

    def __next__(self):
        n = self._n
        self._n = n + self._step
        return n

    def __repr__(self):
        if self._step == 1 and not isinstance(self._step, float):
            return f"count({self._n!r})"
        return f"count({self._n!r}, {self._step!r})"


class repeat:
    """repeat(object [,times]) -> create an iterator which returns the
    object for the specified number of times.  If not specified, returns
    the object endlessly."""

    def __init__(self, object, times=None):
        self._object = object
        if times is not None:
            if not isinstance(times, int):
                raise TypeError(f"'{type(times).__name__}' object cannot be "
                                f"interpreted as an integer")
            times = max(times, 0)
        self._times = times

    def __iter__(self):
        return self

    def __next__(self):
        if self._times is None:
            return self._object
        if self._times <= 0:
            raise StopIteration
        self._times -= 1
        return self._object

    def __length_hint__(self):
        if self._times is None:
            raise TypeError("len() of unsized object")
        return self._times

    def __repr__(self):
        if self._times is None:
            return f"repeat({self._object!r})"
        return f"repeat({self._object!r}, {self._times})"


def cycle(iterable):
    """Return elements from the iterable until it is exhausted. Then
    repeat the sequence indefinitely."""
    it = iter(iterable)

    def gen():
        saved = []
        for element in it:
            yield element
            saved.append(element)
        while saved:
            for element in saved:
                yield element
    return gen()


def _chain(iterables):
    for it in iterables:
        for element in it:
            yield element


def chain(*iterables):
    """Return a chain object whose .__next__() method returns elements
    from the first iterable until it is exhausted, then elements from the
    next iterable, until all of the iterables are exhausted."""
    return _chain(iterables)


def _from_iterable(iterable):
    """Alternative chain() constructor taking a single iterable argument
    that evaluates lazily."""
    return _chain(iter(iterable))


chain.from_iterable = _from_iterable


def _islice_arg(x, what):
    if x is None:
        return None
    if not isinstance(x, int) or x < 0:
        raise ValueError(f"{what} for islice() must be None or an integer: "
                         f"0 <= x <= sys.maxsize.")
    return x


def islice(iterable, *args):
    """islice(iterable, stop) --> islice object
    islice(iterable, start, stop[, step]) --> islice object"""
    if len(args) == 1:
        start, stop, step = 0, _islice_arg(args[0], "Stop argument"), 1
    elif len(args) in (2, 3):
        start = _islice_arg(args[0], "Indices") or 0
        stop = _islice_arg(args[1], "Stop argument")
        step = 1 if len(args) == 2 or args[2] is None else args[2]
        if not isinstance(step, int) or step < 1:
            raise ValueError("Step for islice() must be a positive integer "
                             "or None.")
    elif not args:
        raise TypeError("islice expected at least 2 arguments, got 1")
    else:
        raise TypeError(f"islice expected at most 4 arguments, got "
                        f"{len(args) + 1}")
    it = iter(iterable)

    def gen():
        nexti = start
        i = 0
        while stop is None or nexti < stop:
            for element in it:
                if i == nexti:
                    i += 1
                    break
                i += 1
            else:
                return
            yield element
            nexti += step
        # Consume up to stop, as CPython does.
        while i < stop:
            try:
                next(it)
            except StopIteration:
                return
            i += 1
    return gen()


def _add(a, b):
    return a + b


def accumulate(iterable, func=None, *, initial=None):
    """Return series of accumulated sums (or other binary function
    results)."""
    it = iter(iterable)
    func = _add if func is None else func

    def gen():
        total = initial
        if initial is None:
            try:
                total = next(it)
            except StopIteration:
                return
        yield total
        for element in it:
            total = func(total, element)
            yield total
    return gen()


def compress(data, selectors):
    """Return data elements corresponding to true selector elements."""
    pairs = zip(data, selectors)
    return (d for d, s in pairs if s)


def dropwhile(predicate, iterable):
    """Drop items from the iterable while predicate(item) is true.

    Afterwards, return every element until the iterable is exhausted."""
    it = iter(iterable)

    def gen():
        for x in it:
            if not predicate(x):
                yield x
                break
        for x in it:
            yield x
    return gen()


def takewhile(predicate, iterable):
    """Return successive entries from an iterable as long as the
    predicate evaluates to true for each entry."""
    it = iter(iterable)

    def gen():
        for x in it:
            if predicate(x):
                yield x
            else:
                break
    return gen()


def filterfalse(function, iterable):
    """Return those items of iterable for which function(item) is false.

    If function is None, return the items that are false."""
    it = iter(iterable)
    if function is None:
        return (x for x in it if not x)
    return (x for x in it if not function(x))


def starmap(function, iterable):
    """Return an iterator whose values are returned from the function
    evaluated with an argument tuple taken from the given sequence."""
    it = iter(iterable)
    return (function(*args) for args in it)


def pairwise(iterable):
    """Return an iterator of overlapping pairs taken from the input
    iterator."""
    it = iter(iterable)

    def gen():
        try:
            a = next(it)
        except StopIteration:
            return
        for b in it:
            yield a, b
            a = b
    return gen()


def zip_longest(*iterables, fillvalue=None):
    """Return a zip_longest object whose .__next__() method returns a
    tuple where the i-th element comes from the i-th iterable argument,
    with missing values filled in by fillvalue."""
    iterators = [iter(it) for it in iterables]

    def gen():
        active = len(iterators)
        if not active:
            return
        while True:
            values = []
            for i, it in enumerate(iterators):
                try:
                    value = next(it)
                except StopIteration:
                    active -= 1
                    if not active:
                        return
                    iterators[i] = repeat(fillvalue)
                    value = fillvalue
                values.append(value)
            yield tuple(values)
    return gen()


def product(*iterables, repeat=1):
    """Cartesian product of input iterables.  Equivalent to nested
    for-loops."""
    if not isinstance(repeat, int):
        raise TypeError(f"'{type(repeat).__name__}' object cannot be "
                        f"interpreted as an integer")
    if repeat < 0:
        raise ValueError("repeat argument cannot be negative")
    pools = [tuple(pool) for pool in iterables] * repeat

    def gen():
        result = [()]
        for pool in pools:
            result = [x + (y,) for x in result for y in pool]
        for prod in result:
            yield prod
    return gen()


def _check_r(r):
    if not isinstance(r, int):
        raise TypeError("Expected int as r")
    if r < 0:
        raise ValueError("r must be non-negative")
    return r


def permutations(iterable, r=None):
    """Return successive r-length permutations of elements in the
    iterable."""
    pool = tuple(iterable)
    n = len(pool)
    r = n if r is None else _check_r(r)

    def gen():
        if r > n:
            return
        indices = list(range(n))
        cycles = list(range(n, n - r, -1))
        yield tuple(pool[i] for i in indices[:r])
        while n:
            for i in reversed(range(r)):
                cycles[i] -= 1
                if cycles[i] == 0:
                    indices[i:] = indices[i + 1:] + indices[i:i + 1]
                    cycles[i] = n - i
                else:
                    j = cycles[i]
                    indices[i], indices[-j] = indices[-j], indices[i]
                    yield tuple(pool[i] for i in indices[:r])
                    break
            else:
                return
    return gen()


def combinations(iterable, r):
    """Return successive r-length combinations of elements in the
    iterable."""
    pool = tuple(iterable)
    n = len(pool)
    r = _check_r(r)

    def gen():
        if r > n:
            return
        indices = list(range(r))
        yield tuple(pool[i] for i in indices)
        while True:
            for i in reversed(range(r)):
                if indices[i] != i + n - r:
                    break
            else:
                return
            indices[i] += 1
            for j in range(i + 1, r):
                indices[j] = indices[j - 1] + 1
            yield tuple(pool[i] for i in indices)
    return gen()


def combinations_with_replacement(iterable, r):
    """Return successive r-length combinations of elements in the
    iterable allowing individual elements to have successive repeats."""
    pool = tuple(iterable)
    n = len(pool)
    r = _check_r(r)

    def gen():
        if not n and r:
            return
        indices = [0] * r
        yield tuple(pool[i] for i in indices)
        while True:
            for i in reversed(range(r)):
                if indices[i] != n - 1:
                    break
            else:
                return
            indices[i:] = [indices[i] + 1] * (r - i)
            yield tuple(pool[i] for i in indices)
    return gen()


class groupby:
    """make an iterator that returns consecutive keys and groups from the
    iterable"""

    # As CPython's: _currkey/_currvalue are the element read ahead
    # (_MARKER: none, or the value was taken by a group), _tgtkey the key
    # of the current group; only the group made last (_current) yields.

    def __init__(self, iterable, key=None):
        self._keyfunc = key
        self._it = iter(iterable)
        self._tgtkey = self._currkey = self._currvalue = _MARKER
        self._current = None

    def __iter__(self):
        return self

    def _step(self):
        value = next(self._it)
        self._currkey = value if self._keyfunc is None \
            else self._keyfunc(value)
        self._currvalue = value

    def __next__(self):
        self._current = None
        # Skip what is left of the current group.
        while True:
            if self._currkey is _MARKER:
                pass
            elif self._tgtkey is _MARKER:
                break
            elif not self._tgtkey == self._currkey:
                break
            self._step()
        self._tgtkey = self._currkey
        group = _grouper(self, self._tgtkey)
        self._current = group
        return (self._currkey, group)


_MARKER = object()


class _grouper:
    def __init__(self, parent, tgtkey):
        self._parent = parent
        self._tgtkey = tgtkey

    def __iter__(self):
        return self

    def __next__(self):
        parent = self._parent
        if parent._current is not self:
            raise StopIteration
        if parent._currvalue is _MARKER:
            parent._step()
        if not self._tgtkey == parent._currkey:
            raise StopIteration
        value = parent._currvalue
        parent._currvalue = _MARKER
        return value


def tee(iterable, n=2):
    """Returns a tuple of n independent iterators."""
    if not isinstance(n, int):
        raise TypeError(f"'{type(n).__name__}' object cannot be interpreted "
                        f"as an integer")
    if n < 0:
        raise ValueError("n must be >= 0")
    it = iter(iterable)
    buffers = [[] for _ in range(n)]

    def gen(mine):
        while True:
            if not mine:
                try:
                    value = next(it)
                except StopIteration:
                    return
                for b in buffers:
                    b.append(value)
            yield mine.pop(0)
    return tuple(gen(b) for b in buffers)
