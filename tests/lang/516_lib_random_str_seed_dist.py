# random: string seeds (SHA-512 of the UTF-8 bytes, as CPython) and the
# real-valued distributions.
import random

for seed in ["", "hello", "héllo ✓", "x" * 150]:
    random.seed(seed)
    print(repr(seed[:8]), random.random(), random.randint(1, 10 ** 6))
rng = random.Random("tasks")
print(rng.sample(range(100), 6), rng.choice("abcdef"))
random.seed(11)
print([round(random.gauss(0, 1), 12) for _ in range(4)])
print(random.normalvariate(5, 2), random.lognormvariate(0, 0.25))
print(random.expovariate(2.0), random.paretovariate(3), random.weibullvariate(2, 3))
print(random.triangular(0, 10, 2), random.uniform(-1, 1))
state = random.getstate()
first = [random.gauss() for _ in range(3)]
random.setstate(state)
print(first == [random.gauss() for _ in range(3)])
