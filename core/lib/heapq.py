"""Heap queue algorithm (a.k.a. priority queue).

Heaps are arrays for which a[k] <= a[2*k+1] and a[k] <= a[2*k+2] for
all k, counting elements from 0.  For the sake of comparison,
non-existing elements are considered to be infinite.  The interesting
property of a heap is that a[0] is always its smallest element.
"""
# looplab's heapq: the same sift algorithms as CPython's _heapq (so that a
# heap's list holds its items in the same order), comparing with < only.

__all__ = ['heappush', 'heappop', 'heapify', 'heapreplace', 'merge',
           'nlargest', 'nsmallest', 'heappushpop']


def _check(heap, fn):
    if not isinstance(heap, list):
        raise TypeError(f"{fn}() argument 1 must be list, not "
                        f"{type(heap).__name__}")


def _sift_towards_root(heap, top, pos):
    # Moves heap[pos] up while it is smaller than its parent (not above
    # index top).
    item = heap[pos]
    while pos > top:
        parent = (pos - 1) >> 1
        if item < heap[parent]:
            heap[pos] = heap[parent]
            pos = parent
        else:
            break
    heap[pos] = item


def _sift_towards_leaves(heap, pos, end=None):
    # Moves the smaller child up until a leaf is reached, puts heap[pos]
    # there, then lets it rise to its place (fewer comparisons than
    # stopping on the way down).
    end = len(heap) if end is None else end
    top = pos
    item = heap[pos]
    child = 2 * pos + 1
    while child < end:
        right = child + 1
        if right < end and not heap[child] < heap[right]:
            child = right
        heap[pos] = heap[child]
        pos = child
        child = 2 * pos + 1
    heap[pos] = item
    _sift_towards_root(heap, top, pos)


def heappush(heap, item):
    """Push item onto heap, maintaining the heap invariant."""
    _check(heap, "heappush")
    heap.append(item)
    _sift_towards_root(heap, 0, len(heap) - 1)


def heappop(heap):
    """Pop the smallest item off the heap, maintaining the heap
    invariant."""
    _check(heap, "heappop")
    if not heap:
        raise IndexError("index out of range")
    last = heap.pop()
    if not heap:
        return last
    smallest = heap[0]
    heap[0] = last
    _sift_towards_leaves(heap, 0)
    return smallest


def heapreplace(heap, item):
    """Pop and return the current smallest value, and add the new item."""
    _check(heap, "heapreplace")
    if not heap:
        raise IndexError("index out of range")
    smallest = heap[0]
    heap[0] = item
    _sift_towards_leaves(heap, 0)
    return smallest


def heappushpop(heap, item):
    """Fast version of a heappush followed by a heappop."""
    _check(heap, "heappushpop")
    if heap and heap[0] < item:
        item, heap[0] = heap[0], item
        _sift_towards_leaves(heap, 0)
    return item


def heapify(x):
    """Transform list into a heap, in-place, in O(len(x)) time."""
    _check(x, "heapify")
    for i in reversed(range(len(x) // 2)):
        _sift_towards_leaves(x, i)


def merge(*iterables, key=None, reverse=False):
    """Merge multiple sorted inputs into a single sorted output.

    Similar to sorted(itertools.chain(*iterables)) but returns a generator,
    does not pull the data into memory all at once, and assumes that each
    of the input streams is already sorted (smallest to largest).
    """
    iterators = [iter(it) for it in iterables]

    def gen():
        # Entries [sort key, input index, value]: the index keeps equal
        # keys in input order (and is never equal between entries).
        entries = []
        for order, it in enumerate(iterators):
            for value in it:
                k = value if key is None else key(value)
                entries.append([_Rank(k, reverse), order, value])
                break
        heapify(entries)
        while entries:
            rank, order, value = entries[0]
            yield value
            for value in iterators[order]:
                k = value if key is None else key(value)
                entries[0] = [_Rank(k, reverse), order, value]
                _sift_towards_leaves(entries, 0)
                break
            else:
                heappop(entries)
    return gen()


class _Rank:
    # A sort key, inverted for reverse=True.
    def __init__(self, k, reverse):
        self.k = k
        self.reverse = reverse

    def __lt__(self, other):
        if self.reverse:
            return other.k < self.k
        return self.k < other.k

    def __eq__(self, other):
        return not self < other and not other < self


def nsmallest(n, iterable, key=None):
    """Find the n smallest elements in a dataset.

    Equivalent to:  sorted(iterable, key=key)[:n]
    """
    return sorted(iterable, key=key)[:max(n, 0)]


def nlargest(n, iterable, key=None):
    """Find the n largest elements in a dataset.

    Equivalent to:  sorted(iterable, key=key, reverse=True)[:n]
    """
    return sorted(iterable, key=key, reverse=True)[:max(n, 0)]
