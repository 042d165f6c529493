# Built-in methods called through their class check their receiver: an
# instance of the class or of a subclass (user classes deriving from
# built-ins, exception subclasses, bool for int) passes, anything else is
# a TypeError worded by the kind of descriptor CPython has.


def attempt(label, f, *args):
    try:
        print(label, "->", repr(f(*args)))
    except TypeError as e:
        print(label, "-> TypeError:", e)


class L(list):
    pass


class D(dict):
    pass


class S(str):
    pass


class MyError(ValueError):
    pass


# Subclasses and bool are accepted.
attempt("list.count(L)", list.count, L([1, 1, 2]), 1)
attempt("list.append(L)", list.append, L(), 3)
attempt("dict.get(D)", dict.get, D(a=1), "a")
attempt("dict.__getitem__(D)", dict.__getitem__, D(a=1), "a")
attempt("str.upper(S)", str.upper, S("abc"))
attempt("int.__add__(True)", int.__add__, True, 2)
attempt("int.bit_length(True)", int.bit_length, True)
e = MyError()
BaseException.__init__(e, 1, 2)
print("BaseException.__init__(MyError) args", e.args)
attempt("BaseException.with_traceback", BaseException.with_traceback,
        MyError("x"), None)

# object's methods apply to everything.
attempt("object.__eq__(1, 1)", object.__eq__, 1, 1)
attempt("object.__ne__('a', 'b')", object.__ne__, "a", "b")
attempt("object.__str__(None)", object.__str__, None)
attempt("object.__format__(1.5, '')", object.__format__, 1.5, "")

# Wrong receivers: method descriptors and slot wrappers word it apart.
attempt("list.count(1, 2)", list.count, 1, 2)
attempt("list.__len__(1)", list.__len__, 1)
attempt("list.__getitem__('s', 0)", list.__getitem__, "s", 0)
attempt("dict.__contains__([], 1)", dict.__contains__, [], 1)
attempt("set.__contains__(frozenset(), 1)", set.__contains__, frozenset(), 1)
attempt("tuple.__contains__([], 1)", tuple.__contains__, [], 1)
attempt("float.__add__(1, 2.0)", float.__add__, 1, 2.0)
attempt("str.join(1, [])", str.join, 1, [])
attempt("BaseException.__init__(1)", BaseException.__init__, 1)
attempt("BaseException.add_note(1, 'n')", BaseException.add_note, 1, "n")
attempt("type.mro(1)", type.mro, 1)
attempt("slice.__repr__(1)", slice.__repr__, 1)
attempt("next of list_iterator", type(iter([])).__next__, iter(()))
attempt("generator.send", type(x for x in []).send, 1, None)
attempt("dict_keys.__len__", type({}.keys()).__len__, {}.values())

# No receiver at all.
attempt("list.count()", list.count)
attempt("list.__len__()", list.__len__)
attempt("str.join()", str.join)
attempt("BaseException.__init__()", BaseException.__init__)

# Calls through an instance bind the receiver as before.
print([1, 2, 1].count(1), L([5]).count(5), "abc".upper(), D(k=1).get("k"))
m = [3].count
print(m(3), type(m).__name__)
