class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, key):
        super().__init__("not found: " + key)
        self.key = key
class Invalid(AppError):
    def __init__(self, field, reason):
        self.field = field
        self.reason = reason
        super().__init__(field, reason)
    def __str__(self):
        return self.field + " is invalid: " + self.reason
for exc in [NotFound("x"), Invalid("age", "negative"), AppError()]:
    try:
        raise exc
    except AppError as e:
        print(type(e).__name__, "|", e, "|", repr(e), "|", e.args)
try:
    raise NotFound("k")
except NotFound as e:
    print(e.key, isinstance(e, Exception), isinstance(e, AppError))
print([c.__name__ for c in NotFound.__mro__])
class WithDefault(Exception):
    def __init__(self, msg="default message"):
        super().__init__(msg)
print(str(WithDefault()), str(WithDefault("custom")))
