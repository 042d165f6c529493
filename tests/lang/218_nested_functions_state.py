def memoize(fn):
    cache = {}
    def wrapper(n):
        if n not in cache:
            cache[n] = fn(n)
        else:
            print("cache hit", n)
        return cache[n]
    wrapper.cache = cache
    return wrapper
@memoize
def square(n):
    print("computing", n)
    return n * n
print(square(4), square(4), square(5))
print(sorted(square.cache.items()))
def make_stack():
    items = []
    def push(x):
        items.append(x)
    def pop():
        return items.pop()
    def size():
        return len(items)
    return push, pop, size
push, pop, size = make_stack()
push(1); push(2); push(3)
print(pop(), size())
def counter_gen():
    n = 0
    def step():
        nonlocal n
        n += 1
        return n
    return [step() for _ in range(3)], step()
print(counter_gen())
