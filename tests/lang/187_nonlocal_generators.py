def make_gen_counter():
    count = 0
    def gen(n):
        nonlocal count
        for i in range(n):
            count += 1
            yield i
    def get():
        return count
    return gen, get
gen, get = make_gen_counter()
print(list(gen(3)), get())
print(sum(gen(4)), get())
def outer():
    log = []
    def record(msg):
        log.append(msg)
    def run():
        for i in range(2):
            record("run " + str(i))
    run()
    record("end")
    return log
print(outer())
def counter_factory():
    value = 0
    def inc(by=1):
        nonlocal value
        value += by
        return value
    def reset():
        nonlocal value
        value = 0
    return inc, reset
inc, reset = counter_factory()
inc(); inc(5)
print(inc())
reset()
print(inc(2))
