# What an except* statement raises at its end (_PyExc_PrepReraiseStar):
# a naked exception's clause raises as it is, bare re-raises keep the
# original group's nesting, new exceptions become siblings, a single
# one goes out alone; and ExceptionGroup's repr shows the sequence given.
def t(name, f):
    try:
        f()
    except BaseException as e:
        print(name, repr(e), getattr(e, "__cause__", None) is not None, repr(e.__context__)[:40])

def a():
    try: raise ExceptionGroup("g", [ValueError(1)])
    except* ValueError: raise TypeError(2)
def b():
    try: raise ExceptionGroup("g", [ValueError(1), KeyError(2)])
    except* ValueError: raise TypeError(3)
def c():
    try: raise ExceptionGroup("g", [ValueError(1), KeyError(2)])
    except* ValueError: raise
def d():
    try: raise ExceptionGroup("g", [ValueError(1), KeyError(2)])
    except* ValueError: raise TypeError(4)
    except* KeyError: raise
def e():
    try: raise ExceptionGroup("g", [ValueError(1), ExceptionGroup("h", [KeyError(2), OSError(3)])])
    except* KeyError: raise
    except* OSError: pass
def f():
    try: raise ValueError(7)
    except* ValueError: raise
def g():
    try: raise ValueError(7)
    except* ValueError as eg: raise eg
def h():
    try: raise ExceptionGroup("g", [ValueError(1), KeyError(2)])
    except* ValueError: raise TypeError(5)
    except* KeyError: raise OSError(6)
def i():
    try: raise ExceptionGroup("g", [ValueError(1), KeyError(2)])
    except* ValueError as eg: raise eg
def j():
    try: raise ValueError(8)
    except* ValueError: raise TypeError(9)
for n, fn in [("a",a),("b",b),("c",c),("d",d),("e",e),("f",f),("g",g),("h",h),("i",i),("j",j)]:
    t(n, fn)

def f2():
    try:
        try:
            raise ValueError(0)
        except* ValueError:
            raise ValueError(1)
    except ValueError as e:
        print("plain", repr(e))
    except BaseException as e:
        print("other", repr(e))

def g2():
    try:
        try:
            raise ValueError(0)
        except* ValueError:
            try:
                pass
            finally:
                raise ValueError(1)
    except ValueError as e:
        print("plain", repr(e))
    except BaseException as e:
        print("other", repr(e))

def h2():
    try:
        try:
            raise ValueError(0)
        except* ValueError:
            try:
                try:
                    pass
                except Exception:
                    pass
            finally:
                raise ValueError(1)
    except ValueError as e:
        print("plain", repr(e))
    except BaseException as e:
        print("other", repr(e))
f2()
g2()
h2()
print(repr(ExceptionGroup("m", (ValueError(1),))), repr(ExceptionGroup("m", [ValueError(1)])))
print(ExceptionGroup("m", (ValueError(1),)).args)
