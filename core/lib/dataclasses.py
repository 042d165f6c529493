"""Generate special methods (__init__, __repr__, __eq__, ...) for classes
from their annotated fields (PEP 557)."""
# looplab's dataclasses: CPython 3.11's behaviour (the same fields, errors,
# reprs and __hash__ rules), written for looplab. CPython generates the
# methods' source and exec()s it; looplab has no exec, so the methods here
# are closures over the class's fields, and their argument errors are
# made to read as CPython's.

import sys
import copy
from collections import _bind_call

__all__ = ['dataclass', 'field', 'Field', 'FrozenInstanceError', 'InitVar',
           'KW_ONLY', 'MISSING', 'fields', 'asdict', 'astuple',
           'make_dataclass', 'replace', 'is_dataclass']


class FrozenInstanceError(AttributeError):
    pass


class _MISSING_TYPE:
    pass


# The "no value given" sentinel (None is a valid default).
MISSING = _MISSING_TYPE()


class _KW_ONLY_TYPE:
    pass


# "_: KW_ONLY" makes the fields after it keyword-only.
KW_ONLY = _KW_ONLY_TYPE()


class InitVar:
    # InitVar[T]: an __init__ argument passed on to __post_init__, not a
    # field.

    def __init__(self, type):
        self.type = type

    def __repr__(self):
        if isinstance(self.type, type):
            type_name = self.type.__name__
        else:
            type_name = repr(self.type)
        return f'dataclasses.InitVar[{type_name}]'

    def __class_getitem__(cls, type):
        return InitVar(type)


# What kind of name an annotation made: a field, a ClassVar or an InitVar
# (shown by their names in Field's repr, as CPython's).
class _FieldKind:
    def __init__(self, name):
        self.name = name

    def __repr__(self):
        return self.name


_FIELD = _FieldKind('_FIELD')
_FIELD_CLASSVAR = _FieldKind('_FIELD_CLASSVAR')
_FIELD_INITVAR = _FieldKind('_FIELD_INITVAR')


class Field:
    """A field of a dataclass, as field() makes it and fields() returns
    it."""

    def __init__(self, default, default_factory, init, repr, hash, compare,
                 metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only
        self._field_type = None

    def __repr__(self):
        return ('Field('
                f'name={self.name!r},'
                f'type={self.type!r},'
                f'default={self.default!r},'
                f'default_factory={self.default_factory!r},'
                f'init={self.init!r},'
                f'repr={self.repr!r},'
                f'hash={self.hash!r},'
                f'compare={self.compare!r},'
                f'metadata={self.metadata!r},'
                f'kw_only={self.kw_only!r},'
                f'_field_type={self._field_type}'
                ')')

    def __set_name__(self, owner, name):
        # A default that is a descriptor hears of its name too.
        func = getattr(type(self.default), '__set_name__', None)
        if func:
            func(self.default, owner, name)


class _DataclassParams:
    def __init__(self, init, repr, eq, order, unsafe_hash, frozen):
        self.init = init
        self.repr = repr
        self.eq = eq
        self.order = order
        self.unsafe_hash = unsafe_hash
        self.frozen = frozen

    def __repr__(self):
        return ('_DataclassParams('
                f'init={self.init!r},'
                f'repr={self.repr!r},'
                f'eq={self.eq!r},'
                f'order={self.order!r},'
                f'unsafe_hash={self.unsafe_hash!r},'
                f'frozen={self.frozen!r}'
                ')')


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True,
          hash=None, compare=True, metadata=None, kw_only=MISSING):
    """Return an object to identify dataclass fields.

    default is the default value of the field.  default_factory is a
    0-argument function called to initialize a field's value.  If init
    is true, the field will be a parameter to the class's __init__()
    function.  If repr is true, the field will be included in the
    object's repr().  If hash is true, the field will be included in the
    object's hash().  If compare is true, the field will be used in
    comparison functions.  metadata, if specified, must be a mapping
    which is stored but not otherwise examined by dataclass.  If kw_only
    is true, the field will become a keyword-only parameter to
    __init__().

    It is an error to specify both default and default_factory.
    """
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError('cannot specify both default and default_factory')
    return Field(default, default_factory, init, repr, hash, compare,
                 metadata, kw_only)


# ---- Collecting the fields --------------------------------------------------

def _is_classvar(a_type):
    if isinstance(a_type, str):
        return a_type.startswith(('ClassVar', 'typing.ClassVar'))
    typing = sys.modules.get('typing')
    if typing is None:
        return False
    return (a_type is typing.ClassVar or
            getattr(a_type, '__origin__', None) is typing.ClassVar)


def _is_initvar(a_type):
    if isinstance(a_type, str):
        return a_type.startswith(('InitVar', 'dataclasses.InitVar'))
    return a_type is InitVar or isinstance(a_type, InitVar)


def _unhashable_type(t):
    # CPython: t.__hash__ is None. DIVERGES: looplab's list, dict and set
    # have a __hash__ method that raises, so they are named here.
    h = getattr(t, '__hash__', None)
    return h is None or h is list.__hash__ or h is dict.__hash__ or \
        h is set.__hash__


def _get_field(cls, a_name, a_type, default_kw_only):
    # The Field for annotation a_name: a_type, from the class attribute
    # of that name (a default, or a field(...)).
    default = cls.__dict__.get(a_name, MISSING)
    if isinstance(default, Field):
        f = default
    else:
        f = field(default=default)
    f.name = a_name
    f.type = a_type
    f._field_type = _FIELD
    if _is_classvar(a_type):
        f._field_type = _FIELD_CLASSVAR
    elif _is_initvar(a_type):
        f._field_type = _FIELD_INITVAR
    if f._field_type is not _FIELD:
        if f.default_factory is not MISSING:
            raise TypeError(f'field {f.name} cannot have a '
                            'default factory')
    if f._field_type in (_FIELD, _FIELD_INITVAR):
        if f.kw_only is MISSING:
            f.kw_only = default_kw_only
    else:
        if f.kw_only is not MISSING:
            raise TypeError(f'field {f.name} is a ClassVar but specifies '
                            'kw_only')
    if f._field_type is _FIELD and f.default is not MISSING and \
            _unhashable_type(type(f.default)):
        raise ValueError(f'mutable default {type(f.default)} for field '
                         f'{f.name} is not allowed: use default_factory')
    return f


def _collect_fields(cls, kw_only):
    # Fields of the dataclass bases first (in reverse MRO order), then the
    # class's own annotations, in order; a name again replaces in place.
    all_fields = {}
    for b in cls.__mro__[-1:0:-1]:
        base_fields = b.__dict__.get('__dataclass_fields__')
        if base_fields is not None:
            for f in base_fields.values():
                all_fields[f.name] = f
    own = []
    annotations = cls.__dict__.get('__annotations__', {})
    kw_only_seen = False
    for name, a_type in annotations.items():
        if a_type is KW_ONLY or (isinstance(a_type, str) and
                                 a_type in ('KW_ONLY',
                                            'dataclasses.KW_ONLY')):
            if kw_only_seen:
                raise TypeError(f'{name!r} is KW_ONLY, but KW_ONLY '
                                'has already been specified')
            kw_only_seen = True
            kw_only = True
            continue
        own.append(_get_field(cls, name, a_type, kw_only))
    for f in own:
        all_fields[f.name] = f
        # The class attribute becomes the default value, or goes away.
        if isinstance(cls.__dict__.get(f.name), Field):
            if f.default is MISSING:
                delattr(cls, f.name)
            else:
                setattr(cls, f.name, f.default)
    for name, value in cls.__dict__.items():
        if isinstance(value, Field) and name not in annotations:
            raise TypeError(f'{name!r} is a field but has no type '
                            'annotation')
    return all_fields


# ---- The generated methods --------------------------------------------------

def _make_init(cls, fields, has_post_init, frozen):
    init_fields = [f for f in fields if f._field_type in (_FIELD,
                                                          _FIELD_INITVAR)]
    std = [f for f in init_fields if f.init and not f.kw_only]
    kw = [f for f in init_fields if f.init and f.kw_only]
    seen_default = False
    for f in std:
        if f.default is not MISSING or f.default_factory is not MISSING:
            seen_default = True
        elif seen_default:
            raise TypeError(f'non-default argument {f.name!r} '
                            'follows default argument')
    qualname = f'{cls.__qualname__}.__init__'
    # Defaults as _bind_call takes them: a factory is called per call.
    params = [(f.name, f.default, f.default_factory, False) for f in std] + \
             [(f.name, f.default, f.default_factory, True) for f in kw]

    def __init__(self, *args, **kwargs):
        values = _bind_call(qualname, params, args, kwargs, MISSING)
        for f in init_fields:
            if f.init:
                value = values[f.name]
            elif f.default_factory is not MISSING:
                value = f.default_factory()
            elif f.default is not MISSING:
                value = f.default
            else:
                continue
            if f._field_type is _FIELD:
                if frozen:
                    object.__setattr__(self, f.name, value)
                else:
                    setattr(self, f.name, value)
        if has_post_init:
            self.__post_init__(*[values[f.name] for f in init_fields
                                 if f._field_type is _FIELD_INITVAR])

    __init__.__qualname__ = qualname
    return __init__


_repr_running = set()


def _make_repr(cls, fields):
    shown = [f.name for f in fields if f.repr]

    def __repr__(self):
        key = (id(self),)
        if key in _repr_running:
            return '...'
        _repr_running.add(key)
        try:
            parts = ', '.join(f'{name}={getattr(self, name)!r}'
                              for name in shown)
        finally:
            _repr_running.discard(key)
        return f'{self.__class__.__qualname__}({parts})'

    __repr__.__qualname__ = f'{cls.__qualname__}.__repr__'
    return __repr__


def _make_compare(cls, name, fields, op):
    names = [f.name for f in fields if f.compare]

    def method(self, other):
        if other.__class__ is self.__class__:
            return op(tuple(getattr(self, n) for n in names),
                      tuple(getattr(other, n) for n in names))
        return NotImplemented

    method.__name__ = name
    method.__qualname__ = f'{cls.__qualname__}.{name}'
    return method


def _eq(a, b):
    return a == b


def _lt(a, b):
    return a < b


def _le(a, b):
    return a <= b


def _gt(a, b):
    return a > b


def _ge(a, b):
    return a >= b


def _make_hash(cls, fields):
    names = [f.name for f in fields
             if (f.compare if f.hash is None else f.hash)]

    def __hash__(self):
        return hash(tuple(getattr(self, n) for n in names))

    __hash__.__qualname__ = f'{cls.__qualname__}.__hash__'
    return __hash__


def _make_frozen(cls, fields):
    names = set(f.name for f in fields)

    def __setattr__(self, name, value):
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f'cannot assign to field {name!r}')
        super(cls, self).__setattr__(name, value)

    def __delattr__(self, name):
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f'cannot delete field {name!r}')
        super(cls, self).__delattr__(name)

    return __setattr__, __delattr__


def _set_new_attribute(cls, name, value):
    # Adds a generated method unless the class wrote its own: True if it
    # was there already.
    if name in cls.__dict__:
        return True
    setattr(cls, name, value)
    return False


def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen,
                   match_args, kw_only):
    any_frozen_base = False
    has_dataclass_bases = False
    for b in cls.__mro__[-1:0:-1]:
        params = b.__dict__.get('__dataclass_params__')
        if params is not None:
            has_dataclass_bases = True
            if params.frozen:
                any_frozen_base = True
    all_fields = _collect_fields(cls, kw_only)
    cls.__dataclass_fields__ = all_fields
    cls.__dataclass_params__ = _DataclassParams(init, repr, eq, order,
                                                unsafe_hash, frozen)
    if has_dataclass_bases:
        if any_frozen_base and not frozen:
            raise TypeError('cannot inherit non-frozen dataclass from a '
                            'frozen one')
        if not any_frozen_base and frozen:
            raise TypeError('cannot inherit frozen dataclass from a '
                            'non-frozen one')

    class_hash = cls.__dict__.get('__hash__', MISSING)
    has_explicit_hash = not (class_hash is MISSING or
                             (class_hash is None and '__eq__' in
                              cls.__dict__))
    if order and not eq:
        raise ValueError('eq must be true if order is true')

    fields = [f for f in all_fields.values() if f._field_type is _FIELD]
    if init:
        has_post_init = hasattr(cls, '__post_init__')
        _set_new_attribute(cls, '__init__',
                           _make_init(cls, list(all_fields.values()),
                                      has_post_init, frozen))
    if repr:
        _set_new_attribute(cls, '__repr__', _make_repr(cls, fields))
    if eq:
        _set_new_attribute(cls, '__eq__',
                           _make_compare(cls, '__eq__', fields, _eq))
    if order:
        for name, op in [('__lt__', _lt), ('__le__', _le), ('__gt__', _gt),
                         ('__ge__', _ge)]:
            if _set_new_attribute(cls, name,
                                  _make_compare(cls, name, fields, op)):
                raise TypeError(f'Cannot overwrite attribute {name} '
                                f'in class {cls.__name__}. Consider using '
                                'functools.total_ordering')
    if frozen:
        setter, deleter = _make_frozen(cls, fields)
        for name, fn in [('__setattr__', setter), ('__delattr__', deleter)]:
            if _set_new_attribute(cls, name, fn):
                raise TypeError(f'Cannot overwrite attribute {name} '
                                f'in class {cls.__name__}')

    # __hash__, by CPython's table of (unsafe_hash, eq, frozen, explicit).
    if unsafe_hash and has_explicit_hash:
        raise TypeError(f'Cannot overwrite attribute __hash__ in class '
                        f'{cls.__name__}')
    if not has_explicit_hash:
        if unsafe_hash or (eq and frozen):
            cls.__hash__ = _make_hash(cls, fields)
        elif eq:
            cls.__hash__ = None

    if not getattr(cls, '__doc__'):
        cls.__doc__ = cls.__name__ + _signature(all_fields.values())
    if match_args:
        _set_new_attribute(cls, '__match_args__',
                           tuple(f.name for f in fields
                                 if f.init and not f.kw_only))
    return cls


def _format_annotation(a):
    # As inspect.formatannotation shows an annotation in a signature.
    if getattr(a, '__module__', None) == 'typing':
        return repr(a).replace('typing.', '')
    if isinstance(a, type):
        if a.__module__ == 'builtins':
            return a.__qualname__
        return f'{a.__module__}.{a.__qualname__}'
    return repr(a)


def _signature(all_fields):
    # The class's signature as inspect.signature shows it (the __doc__ of
    # a dataclass without a docstring): "(x: int, y: int = 0, *, z: str)".
    std = []
    kw = []
    for f in all_fields:
        if f._field_type is _FIELD_CLASSVAR or not f.init:
            continue
        text = f'{f.name}: {_format_annotation(f.type)}'
        if f.default_factory is not MISSING:
            text += ' = <factory>'
        elif f.default is not MISSING:
            text += f' = {f.default!r}'
        (kw if f.kw_only else std).append(text)
    if kw:
        std = std + ['*'] + kw
    return '(' + ', '.join(std) + ')'


def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False,
              unsafe_hash=False, frozen=False, match_args=True,
              kw_only=False, slots=False, weakref_slot=False):
    """Add dunder methods based on the fields defined in the class.

    Examines PEP 526 __annotations__ to determine fields.

    If init is true, an __init__() method is added to the class. If repr
    is true, a __repr__() method is added. If order is true, rich
    comparison dunder methods are added. If unsafe_hash is true, a
    __hash__() method is added. If frozen is true, fields may not be
    assigned to after instance creation. If match_args is true, the
    __match_args__ tuple is added. If kw_only is true, then by default
    all fields are keyword-only.
    """
    # DIVERGES: slots=True keeps the class as it is (no __slots__).
    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash,
                              frozen, match_args, kw_only)

    if cls is None:
        return wrap
    return wrap(cls)


# ---- Functions on dataclasses -----------------------------------------------

def _is_dataclass_instance(obj):
    return hasattr(type(obj), '__dataclass_fields__')


def is_dataclass(obj):
    """Returns True if obj is a dataclass or an instance of a
    dataclass."""
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, '__dataclass_fields__')


def fields(class_or_instance):
    """Return a tuple describing the fields of this dataclass.

    Accepts a dataclass or an instance of one. Tuple elements are of
    type Field.
    """
    try:
        fields = getattr(class_or_instance, '__dataclass_fields__')
    except AttributeError:
        raise TypeError('must be called with a dataclass type or '
                        'instance') from None
    return tuple(f for f in fields.values() if f._field_type is _FIELD)


def _convert(obj, dict_factory, as_dict):
    # asdict/astuple's recursion: dataclasses, named tuples, lists,
    # tuples and dicts are rebuilt; anything else is deep-copied.
    if _is_dataclass_instance(obj):
        if as_dict:
            return dict_factory([(f.name, _convert(getattr(obj, f.name),
                                                   dict_factory, True))
                                 for f in fields(obj)])
        return dict_factory(_convert(getattr(obj, f.name), dict_factory,
                                     False) for f in fields(obj))
    if isinstance(obj, tuple) and hasattr(obj, '_fields'):
        return type(obj)(*[_convert(v, dict_factory, as_dict)
                           for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(_convert(v, dict_factory, as_dict) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((_convert(k, dict_factory, as_dict),
                          _convert(v, dict_factory, as_dict))
                         for k, v in obj.items())
    return copy.deepcopy(obj)


def asdict(obj, *, dict_factory=dict):
    """Return the fields of a dataclass instance as a new dictionary
    mapping field names to field values."""
    if not _is_dataclass_instance(obj):
        raise TypeError("asdict() should be called on dataclass instances")
    return _convert(obj, dict_factory, True)


def astuple(obj, *, tuple_factory=tuple):
    """Return the fields of a dataclass instance as a new tuple of field
    values."""
    if not _is_dataclass_instance(obj):
        raise TypeError("astuple() should be called on dataclass "
                        "instances")
    return _convert(obj, tuple_factory, False)


def replace(obj, /, **changes):
    """Return a new object replacing specified fields with new values.

    This is especially useful for frozen classes.
    """
    if not _is_dataclass_instance(obj):
        raise TypeError("replace() should be called on dataclass instances")
    for f in getattr(obj, '__dataclass_fields__').values():
        if f._field_type is _FIELD_CLASSVAR:
            continue
        if not f.init:
            if f.name in changes:
                raise ValueError(f'field {f.name} is declared with '
                                 'init=False, it cannot be specified with '
                                 'replace()')
            continue
        if f.name not in changes:
            if f._field_type is _FIELD_INITVAR and f.default is MISSING:
                raise ValueError(f"InitVar {f.name!r} "
                                 'must be specified with replace()')
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def make_dataclass(cls_name, fields, *, bases=(), namespace=None,
                   **options):
    """Return a new dynamically created dataclass."""
    ns = dict(namespace or {})
    annotations = {}
    for item in fields:
        if isinstance(item, str):
            annotations[item] = 'typing.Any'
        elif len(item) == 2:
            annotations[item[0]] = item[1]
        else:
            annotations[item[0]] = item[1]
            ns[item[0]] = item[2]
    ns['__annotations__'] = annotations
    ns.setdefault('__module__', '__main__')
    cls = type(cls_name, bases, ns)
    return dataclass(cls, **options)
