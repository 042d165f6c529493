def worker():
    results = []
    while True:
        try:
            item = yield len(results)
            results.append(item)
        except ValueError as e:
            results.append("error:" + str(e))
        except GeneratorExit:
            print("closing with", results)
            raise
        if len(results) >= 4:
            return results
w = worker()
print(next(w))
print(w.send("a"))
print(w.throw(ValueError("bad")))
print(w.send("b"))
try:
    w.send("c")
except StopIteration as e:
    print("returned", e.value)
w2 = worker()
next(w2)
w2.send(1)
w2.close()
def catcher():
    try:
        yield 1
    except KeyError:
        return "handled via throw"
c = catcher()
next(c)
try:
    c.throw(KeyError)
except StopIteration as e:
    print(e.value)
def ignores_exit():
    try:
        yield 1
    finally:
        print("finally on close")
g = ignores_exit()
next(g)
g.close()
