def risky(n):
    if n == 1:
        raise ValueError("one")
    if n == 2:
        raise KeyError("two")
    if n == 3:
        raise TypeError("three")
    return n
for n in range(5):
    try:
        try:
            print("result", risky(n))
        except ValueError as e:
            print("inner caught", e)
        except KeyError as e:
            print("inner caught key", e)
            raise
        finally:
            print("inner finally", n)
    except KeyError as e:
        print("outer caught", repr(e))
    except Exception as e:
        print("outer generic", type(e).__name__, e)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("converted")
except ValueError as e:
    print(e, type(e.__context__).__name__)
e_name = "still bound?"
try:
    raise OSError("x")
except OSError as e_name:
    pass
print("e_name" in dir())
