"""Support for enumerations (PEP 435)."""
# looplab's enum: Enum, IntEnum, StrEnum, auto and unique, with CPython
# 3.11's member reprs, str(), lookup by value and by name, and errors.
#
# EnumType, the enum classes' metaclass, gives the class itself its
# container behaviour: iteration, len(), "in", Color['RED'] and its repr
# (<enum 'Color'>). Members are made when the class statement ends
# (__init_subclass__) rather than by EnumType.__new__ from an _EnumDict.
# DIVERGES: '1 in Color' raises CPython 3.11's TypeError without its
# DeprecationWarning (looplab has no warnings module).

__all__ = ['EnumType', 'EnumMeta', 'Enum', 'IntEnum', 'StrEnum', 'auto',
           'unique', 'ReprEnum']


class auto:
    """Instances are replaced with an appropriate value in Enum class
    suites."""

    def __init__(self):
        self.value = _auto_null

    def __repr__(self):
        return "auto(%r)" % self.value


_auto_null = object()


def _is_member_candidate(name, value):
    # Names in an enum body that become members: not _sunder_ or
    # __dunder__, not functions or descriptors.
    if name.startswith('_'):
        return False
    if isinstance(value, (property, classmethod, staticmethod, type)):
        return False
    if callable(value) and not isinstance(value, auto):
        return False
    if hasattr(type(value), '__get__'):
        return False
    return True


class EnumType(type):
    """Metaclass for Enum"""

    def __bool__(cls):
        return True

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError(
                "unsupported operand type(s) for 'in': '%s' and '%s'" % (
                    type(member).__qualname__, cls.__class__.__qualname__))
        return (isinstance(member, cls) and
                member._name_ in cls.__dict__.get('_member_map_', {}))

    def __getitem__(cls, name):
        return cls.__dict__.get('_member_map_', {})[name]

    def __iter__(cls):
        members = cls.__dict__.get('_member_map_', {})
        return (members[name]
                for name in cls.__dict__.get('_member_names_', []))

    def __reversed__(cls):
        members = cls.__dict__.get('_member_map_', {})
        return (members[name]
                for name in reversed(cls.__dict__.get('_member_names_', [])))

    def __len__(cls):
        return len(cls.__dict__.get('_member_names_', []))

    def __repr__(cls):
        return "<enum %r>" % cls.__name__


EnumMeta = EnumType


class Enum(metaclass=EnumType):
    """Create a collection of name/value pairs.

    Example enumeration:

    >>> class Color(Enum):
    ...     RED = 1
    ...     BLUE = 2
    ...     GREEN = 3
    """

    # A class with members has _member_names_ (canonical names, in order),
    # _member_map_ (name -> member, aliases too), _value2member_map_,
    # _name_of_ and _value_by_id_ (id(member) -> canonical name, value):
    # what CPython keeps on a member lives on the class, because
    # instances of int or str subclasses have no __dict__ in looplab.

    def __init__(self, *args, **kwds):
        pass

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        """Generate the next value when not given."""
        for last in reversed(last_values):
            try:
                return last + 1
            except TypeError:
                pass
        return start

    def __init_subclass__(cls, **kwds):
        members = [(k, v) for k, v in cls.__dict__.items()
                   if _is_member_candidate(k, v)]
        for base in cls.__mro__[1:]:
            if base.__dict__.get('_member_names_'):
                raise TypeError(f"<enum {cls.__name__!r}> cannot extend "
                                f"<enum {base.__name__!r}>")
        if not members:
            return
        cls._member_names_ = []
        cls._member_map_ = {}
        cls._value2member_map_ = {}
        cls._name_of_ = {}
        cls._value_by_id_ = {}
        last_values = []
        for name, value in members:
            if isinstance(value, auto):
                if value.value is _auto_null:
                    value.value = cls._generate_next_value_(
                        name, 1, len(cls._member_names_), last_values[:])
                value = value.value
            last_values.append(value)
            _add_member(cls, name, value)
        cls.__members__ = dict(cls._member_map_)
        _prefer_enum_methods(cls)
        # From now on cls(value) looks a member up.
        cls.__new__ = _lookup

    @classmethod
    def _missing_(cls, value):
        return None

    @property
    def name(self):
        """The name of the Enum member."""
        return type(self)._name_of_[id(self)]

    @property
    def value(self):
        """The value of the Enum member."""
        return _value_of(self)

    @property
    def _name_(self):
        return type(self)._name_of_[id(self)]

    @property
    def _value_(self):
        return _value_of(self)

    def __repr__(self):
        cls = type(self)
        vrepr = _value_repr(cls, _value_of(self))
        return f"<{cls.__name__}.{self.name}: {vrepr}>"

    def __str__(self):
        return f"{type(self).__name__}.{self.name}"

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    def __hash__(self):
        return hash(self.name)

    def __eq__(self, other):
        return self is other

    def __ne__(self, other):
        return self is not other

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce_ex__(self, proto):
        return self.__class__, (self.value,)

    def __dir__(self):
        return ['__class__', '__doc__', '__eq__', '__hash__', '__module__',
                'name', 'value']


def _prefer_enum_methods(cls):
    # With a data type mixed in (class X(str, Enum)), repr(), str() and
    # format() are the enum's (as EnumType makes them), not the data
    # type's that comes first in the MRO. (Set on the class itself: the
    # built-in base's slot would be used otherwise.)
    for name in ('__repr__', '__str__', '__format__'):
        if name in cls.__dict__:
            continue
        for klass in cls.__mro__:
            if klass.__module__ != 'builtins' and name in klass.__dict__:
                setattr(cls, name, klass.__dict__[name])
                break


def _value_of(member):
    return type(member)._value_by_id_[id(member)]


def _value_repr(cls, value):
    # An int or str mixin shows its value as the base type does.
    for base in (int, str, float):
        if isinstance(value, base) and issubclass(cls, base):
            return repr(base(value))
    return repr(value)


def _add_member(cls, name, value):
    if value in cls._value2member_map_:
        # An alias: another name for the member with that value.
        cls._member_map_[name] = cls._value2member_map_[value]
        setattr(cls, name, cls._value2member_map_[value])
        return
    # A tuple value is the arguments of an __init__ the enum defines.
    args = value if isinstance(value, tuple) and _has_own_init(cls) \
        else (value,)
    member = cls(*args)
    cls._value_by_id_[id(member)] = value
    cls._name_of_[id(member)] = name
    cls._member_names_.append(name)
    cls._member_map_[name] = member
    cls._value2member_map_[value] = member
    setattr(cls, name, member)


def _has_own_init(cls):
    for klass in cls.__mro__:
        if '__init__' in klass.__dict__:
            return klass is not Enum
    return False


def _lookup(cls, value, *args, **kwds):
    # cls(value) once cls has members: the member with that value.
    members = cls.__dict__.get('_value2member_map_')
    if members is None:
        raise TypeError(f"{cls.__name__} has no members")
    if args or kwds:
        raise TypeError(f"{cls.__name__}() takes 1 argument once it has "
                        "members (looplab cannot create enums functionally)")
    if isinstance(value, cls):
        return value
    try:
        return members[value]
    except (KeyError, TypeError):
        pass
    result = cls._missing_(value)
    if isinstance(result, cls):
        return result
    error = ValueError(f"{value!r} is not a valid {cls.__qualname__}")
    if result is None:
        raise error
    raise TypeError(f"error in {cls.__name__}._missing_: returned "
                    f"{result!r} instead of None or a valid member")


class ReprEnum(Enum):
    """Only changes the repr(), leaving str() and format() to the mixed-in
    type."""


class IntEnum(int, ReprEnum):
    """Enum where members are also (and must be) ints"""

    def __str__(self):
        return repr(int(self))

    def __format__(self, format_spec):
        return format(int(self), format_spec)

    __hash__ = int.__hash__

    def __eq__(self, other):
        return int.__eq__(self, other)

    def __ne__(self, other):
        return int.__ne__(self, other)


# DIVERGES: looplab's int operators do not accept instances of int
# subclasses, so IntEnum members do their arithmetic on int(self).
def _plain(v):
    return int(v) if isinstance(v, int) and not isinstance(v, bool) else v


def _int_method(name, op, reflected=False):
    def method(self, *other):
        args = [_plain(self)] + [_plain(v) for v in other]
        if reflected:
            args.reverse()
        return op(*args)
    method.__name__ = name
    method.__qualname__ = f"IntEnum.{name}"
    return method


_INT_OPS = {
    'add': lambda a, b: a + b, 'sub': lambda a, b: a - b,
    'mul': lambda a, b: a * b, 'truediv': lambda a, b: a / b,
    'floordiv': lambda a, b: a // b, 'mod': lambda a, b: a % b,
    'pow': lambda a, b: a ** b, 'lshift': lambda a, b: a << b,
    'rshift': lambda a, b: a >> b, 'and': lambda a, b: a & b,
    'or': lambda a, b: a | b, 'xor': lambda a, b: a ^ b,
    'divmod': divmod,
}
for _name, _op in _INT_OPS.items():
    setattr(IntEnum, f'__{_name}__', _int_method(f'__{_name}__', _op))
    setattr(IntEnum, f'__r{_name}__',
            _int_method(f'__r{_name}__', _op, True))
for _name, _op in (('neg', lambda a: -a), ('pos', lambda a: +a),
                   ('abs', abs), ('invert', lambda a: ~a),
                   ('float', float)):
    setattr(IntEnum, f'__{_name}__', _int_method(f'__{_name}__', _op))
del _name, _op


class StrEnum(str, ReprEnum):
    """Enum where members are also (and must be) strings"""

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        """Return the lower-cased version of the member name."""
        return name.lower()

    def __str__(self):
        return str(_value_of(self))

    def __format__(self, format_spec):
        return str.__format__(self, format_spec)

    __hash__ = str.__hash__

    def __eq__(self, other):
        return str.__eq__(self, other)

    def __ne__(self, other):
        return str.__ne__(self, other)


def unique(enumeration):
    """Class decorator for enumerations ensuring unique member values."""
    duplicates = []
    for name, member in enumeration._member_map_.items():
        if name != member.name:
            duplicates.append((name, member.name))
    if duplicates:
        alias_details = ', '.join(f"{alias} -> {name}"
                                  for alias, name in duplicates)
        raise ValueError(f"duplicate values found in <enum "
                         f"'{enumeration.__name__}'>: {alias_details}")
    return enumeration

