print(isinstance(1, int), isinstance(1, float), isinstance(1.0, (int, float)))
print(isinstance(True, int), isinstance(True, bool), isinstance(1, bool))
print(isinstance("s", str), isinstance([], (tuple, list)), isinstance({}, dict))
print(isinstance(None, type(None)), isinstance(None, object), isinstance(int, object))
class A: pass
class B(A): pass
class C: pass
b = B()
print(isinstance(b, A), isinstance(b, B), isinstance(b, C), isinstance(b, (C, A)))
print(issubclass(B, A), issubclass(A, B), issubclass(B, (C, A)), issubclass(A, object))
print(issubclass(bool, int), issubclass(int, object), issubclass(B, B))
print(isinstance(A, type), isinstance(int, type))
print(isinstance(ValueError("x"), Exception), isinstance(ValueError, Exception))
try:
    isinstance(1, 1)
except TypeError as e:
    print("TypeError:", e)
print(isinstance(1, ()), isinstance(b, (int, (str, A))))
