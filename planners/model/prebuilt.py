"""`dataclass` and `field` as in `dataclasses`, with each class's methods built ahead of time (issue 19).

Python 3.11's `dataclasses.dataclass` writes every class's `__init__`, `__repr__`, `__eq__`, `__hash__`, frozen
`__setattr__`/`__delattr__` as source text and compiles each with `exec` when the class is made (3.13 batches
them; we ship 3.11), and `import dataclasses` itself pulls in `inspect`, `ast`, `dis` and `tokenize`: together
most of what importing the model cost (`import planners.model` ≈ 26 ms CPU before, with an import floor of ≈ 30 ms).

Here the declarations stay dataclass declarations (`from planners.model.prebuilt import dataclass, field`), and
type checkers see the real `dataclasses` (the `TYPE_CHECKING` branch). At run time the decorator takes the
methods from `prebuilt_methods`, a module generated from the very source text `dataclasses` would compile
(`python -m planners.model.prebuilt_gen`, committed, byte-compiled like any module), and sets them exactly
where and as `dataclasses` would. `__dataclass_fields__` and `__dataclass_params__` hold the real
`dataclasses.Field` objects, built on first use (`dataclasses.fields`, `replace`, `asdict`, `is_dataclass`):
whoever asks has imported `dataclasses` already. The methods a reading command never calls (`__repr__`, most
classes' `__eq__`, `__hash__`, a frozen class's `__setattr__`/`__delattr__`) are made at their first call, from
`prebuilt_methods_rest` (`_later`).

A class whose declaration no longer matches what was generated (a field added, an option changed, before the
generator is re-run) is made by the real `dataclasses.dataclass`: never wrong, only slower to import, and
`tests/planners/test_prebuilt.py` fails until the generated module is brought up to date.
"""

from __future__ import annotations

import enum  # (the model's enums need it; `re`, which the interpreter's start imports, has imported it already)
import sys
from _thread import allocate_lock, get_ident  # (built in; threading would import more)

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (≈ 2 ms CPU of `summary`; issue 19)
if TYPE_CHECKING:
    from typing import Any


class _Missing:
    """No value given (as `dataclasses.MISSING`, which this module does not import)."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


class _HasDefaultFactory:
    """The default of an `__init__` parameter whose field has a factory (as `dataclasses._HAS_DEFAULT_FACTORY`;
    it shows the same in a signature)."""

    def __repr__(self) -> str:
        return "<factory>"


HAS_DEFAULT_FACTORY: Any = _HasDefaultFactory()

# The dunder names a generated method may take; whether the class defines each itself decides what is set.
DUNDERS = ("__init__", "__repr__", "__eq__", "__lt__", "__le__", "__gt__", "__ge__", "__setattr__", "__delattr__",
           "__hash__", "__match_args__")


class FieldSpec:
    """What `field()` declares, until the class is made (the role of a `dataclasses.Field` in the class body)."""

    __slots__ = ("default", "default_factory", "init", "repr", "hash", "compare", "metadata", "kw_only")

    def __init__(self, default: Any, default_factory: Any, init: bool, repr: bool, hash: bool | None,
                 compare: bool, metadata: Any, kw_only: Any) -> None:
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = metadata
        self.kw_only = kw_only

    def __set_name__(self, owner: type, name: str) -> None:
        # As dataclasses.Field: a descriptor given as a default learns its name.
        func = getattr(type(self.default), "__set_name__", None)
        if func:
            func(self.default, owner, name)

    def real(self) -> Any:
        """The `dataclasses.Field` this declares."""
        import dataclasses

        def given(value: Any) -> Any:
            return dataclasses.MISSING if value is MISSING else value

        return dataclasses.field(default=given(self.default), default_factory=given(self.default_factory),
                                 init=self.init, repr=self.repr, hash=self.hash, compare=self.compare,
                                 metadata=self.metadata, kw_only=given(self.kw_only))


# One field as the class declares it: name, annotation, default, default factory, and the FieldSpec (None: a
# plain default or none).
Spec = tuple[str, object, object, object, "FieldSpec | None"]  # (as types: object, not typing.Any)


def specs_of(cls: type) -> list[Spec] | None:
    """The class's fields as `dataclasses` would find them; None where this module does not build the class
    itself (a dataclass base, a ClassVar, InitVar or KW_ONLY, an annotation that is not a string, a real
    `dataclasses.Field`, a mutable default): the real decorator then makes it, with its own checks and errors."""
    for base in cls.__mro__[1:-1]:
        if "__dataclass_fields__" in base.__dict__:
            return None
    annotations = cls.__dict__.get("__annotations__", {})
    out: list[Spec] = []
    for name, annotation in annotations.items():
        if type(annotation) is not str or "ClassVar" in annotation or "InitVar" in annotation \
                or "KW_ONLY" in annotation:
            return None
        default = getattr(cls, name, MISSING)  # through descriptors and bases, as dataclasses does
        spec = default if isinstance(default, FieldSpec) else None
        if spec is not None:
            default, factory = spec.default, spec.default_factory
        elif type(default).__name__ in ("Field", "member_descriptor"):
            return None  # a real dataclasses.Field, or a slot
        else:
            factory = MISSING
        if default is not MISSING and default.__class__.__hash__ is None:
            return None  # a mutable default: dataclasses raises ValueError
        out.append((name, annotation, default, factory, spec))
    for name, value in cls.__dict__.items():
        if isinstance(value, FieldSpec) and name not in annotations:
            return None  # dataclasses raises TypeError ("is a field but has no type annotation")
    return out


def fingerprint(cls: type, options: tuple[bool, ...], specs: list[Spec]) -> tuple[Any, ...]:
    """What the generated methods of a class depend on, besides the default values and the doc text (which
    the staleness test compares): the options, each field's name, annotation, kind of default and flags,
    `__post_init__`, which of the methods the class defines itself, and whether it has a docstring."""
    fields = tuple([
        (name, annotation, 0 if default is MISSING and factory is MISSING else 1 if factory is MISSING else 2)
        + ((spec.init, spec.repr, spec.hash, spec.compare, spec.kw_only is not MISSING and spec.kw_only)
           if spec is not None else ())
        for name, annotation, default, factory, spec in specs])  # (a list first: no generator resumed per field)
    own = cls.__dict__
    return (options, fields, hasattr(cls, "__post_init__"), tuple(map(own.__contains__, DUNDERS)),
            own.get("__hash__", MISSING) is None, bool(cls.__doc__))


# The fields of each class made here, for `replace`.
_SPECS: dict[type, list[Spec]] = {}

# In the generator's interpreter (SUNDHEDSHUS_PREBUILT=record, set at the end of this module):
# planners.model.prebuilt_gen.record, which makes every class with the real decorator and records what it compiled.
RECORDER: Any = None


def _process(cls: type, options: tuple[bool, ...]) -> type:
    # slots / weakref_slot: dataclasses returns a NEW class (`_add_slots`), which `_apply` does not make
    specs = None if options[8] or options[9] else specs_of(cls)
    if RECORDER is not None:
        return RECORDER(cls, options, specs)
    entry = None if specs is None else _entry(cls)
    if entry is None or specs is None or entry[0] != fingerprint(cls, options, specs):
        return real_dataclass(cls, options)
    _apply(cls, options, specs, entry)
    _SPECS[cls] = specs
    return cls


# The generated entries by class key, from `prebuilt_methods` and, once a class of one of its `MORE_MODULES` is made,
# `prebuilt_methods_more` (the classes a reading command never makes; prebuilt_gen). Each module is imported by one
# statement, once, not per class: in the app, a class made after PySide6 is imported would have PySide's import hook
# read the generated module's source (it looks for "PySide6" in every module an import statement returns;
# desktop.app.load_core_first imports the modules of both before Qt).
_ENTRIES: dict[str, Any] = {}
_READ: list[str] = []  # the generated modules read into _ENTRIES
_MORE_MODULES: tuple[str, ...] = ()
# The generator's run that wrote prebuilt_methods (the digest of prebuilt_methods_rest's text): the methods made later
# are taken from prebuilt_methods_rest only if it is of the same run, and prebuilt_methods_more's classes likewise.
_GENERATION: str | None = None


def _entry(cls: type) -> Any:
    """The generated entry of `cls`, None where there is none."""
    global _MORE_MODULES, _GENERATION
    if not _READ:
        from planners.model import prebuilt_methods

        _ENTRIES.update(prebuilt_methods.CLASSES)
        _MORE_MODULES = getattr(prebuilt_methods, "MORE_MODULES", ())  # (none in a module generated before)
        _GENERATION = getattr(prebuilt_methods, "GENERATION", None)
        _READ.append("prebuilt_methods")
    key = f"{cls.__module__}.{cls.__qualname__}"
    entry = _ENTRIES.get(key)
    if entry is None and len(_READ) == 1 and cls.__module__ in _MORE_MODULES:
        _READ.append("prebuilt_methods_more")
        try:
            from planners.model import prebuilt_methods_more
        except ImportError:  # not generated yet: its classes are made by dataclasses, as any class not generated
            return None
        if getattr(prebuilt_methods_more, "GENERATION", None) != _GENERATION:
            return None  # of another run of the generator: its classes too
        _ENTRIES.update(prebuilt_methods_more.CLASSES)
        entry = _ENTRIES.get(key)
    return entry


def real_dataclass(cls: type, options: tuple[bool, ...]) -> type:
    """The class made by `dataclasses.dataclass` itself (our `field()` declarations turned into its own)."""
    import dataclasses

    for name, value in list(cls.__dict__.items()):
        if isinstance(value, FieldSpec):
            setattr(cls, name, value.real())
    init, repr_, eq, order, unsafe_hash, frozen, match_args, kw_only, slots, weakref_slot = options
    return dataclasses.dataclass(cls, init=init, repr=repr_, eq=eq, order=order,
                                 unsafe_hash=unsafe_hash, frozen=frozen, match_args=match_args, kw_only=kw_only,
                                 slots=slots, weakref_slot=weakref_slot)


def _frozen_error(message: str) -> Exception:
    """`dataclasses.FrozenInstanceError(message)`, imported only when one is raised (the generated frozen
    `__setattr__` says `raise FrozenInstanceError(...)`; this stands in for the class)."""
    from dataclasses import FrozenInstanceError

    return FrozenInstanceError(message)


# The qualified name `dataclasses` gives the function a dataclass's repr wraps (its functions are made in the
# function `__create_fn__`); `pprint` tells a dataclass's own repr by it and then prints the fields one by one.
_REPR_QUALNAME = "__create_fn__.<locals>.__repr__"


def _namespace(cls: type) -> dict[str, Any]:
    """The globals of the module declaring `cls` (empty where it is not in `sys.modules`)."""
    module = sys.modules.get(cls.__module__)
    return module.__dict__ if module is not None else {}


def _built(cls: type, build: Any, specs: list[Spec]) -> Any:
    """The (name, function) pairs a generated build function makes for `cls` (`_apply`'s, and `_make_later`'s from
    `prebuilt_methods_rest`). Run in the declaring module's namespace, so that every method it makes has that
    module's globals and __module__, as exec'd by dataclasses (typing.get_type_hints reads __globals__)."""
    annotations = cls.__dict__.get("__annotations__", {})  # (specs_of made one field of each entry, in order)
    defaults = {name: default if factory is MISSING else factory for name, _, default, factory, _ in specs}
    build_here = _FUNCTION(build.__code__, _namespace(cls))
    return build_here(cls, annotations, defaults, MISSING, HAS_DEFAULT_FACTORY, _frozen_error)


def _method(qualname: str, name: str, fn: Any) -> Any:
    """A generated method as `dataclasses` sets it on the class `qualname`: named as the class's, the repr wrapped
    against recursion (the function it wraps keeps its own name, as dataclasses leaves it)."""
    if name == "__repr__":
        fn.__qualname__ = _REPR_QUALNAME
        fn = _recursive_repr(fn)
    fn.__qualname__ = f"{qualname}.{name}"
    return fn


def _recursive_repr(user_function: Any) -> Any:
    """As `dataclasses._recursive_repr`: a repr that meets its own object again says "...". The wrapper's
    attributes are set as `functools.wraps` sets them (which costs ≈ 3 times as much, per class of every start)."""
    repr_running: set[tuple[int, int]] = set()

    def wrapper(self: object) -> str:
        key = id(self), get_ident()
        if key in repr_running:
            return "..."
        repr_running.add(key)
        try:
            result = user_function(self)
        finally:
            repr_running.discard(key)
        return result

    # functools.update_wrapper's WRAPPER_ASSIGNMENTS (every one present on a function), WRAPPER_UPDATES, __wrapped__
    wrapper.__module__ = user_function.__module__
    wrapper.__name__ = user_function.__name__
    wrapper.__qualname__ = user_function.__qualname__
    wrapper.__doc__ = user_function.__doc__
    wrapper.__annotations__ = user_function.__annotations__
    wrapper.__dict__.update(user_function.__dict__)
    wrapper.__wrapped__ = user_function  # type: ignore[attr-defined]
    return wrapper


class _Lazy:
    """`__dataclass_fields__` or `__dataclass_params__` of a class, made on first use (`make(argument)`) and then
    put in its place on the class (so it is made once, and is the same object for the class and every instance)."""

    __slots__ = ("cls", "name", "make", "argument")

    def __init__(self, cls: type, name: str, make: Any, argument: Any) -> None:
        self.cls = cls
        self.name = name
        self.make = make
        self.argument = argument

    def __get__(self, obj: object, owner: type | None = None) -> Any:
        with _LOCK:
            current = self.cls.__dict__[self.name]
            if current is not self:
                return current  # made meanwhile by another thread
            value = self.make(self.argument)
            setattr(self.cls, self.name, value)
            return value


_LOCK = allocate_lock()
_FUNCTION: Any = type(lambda: None)  # types.FunctionType, without importing types


def _apply(cls: type, options: tuple[bool, ...], specs: list[Spec], entry: tuple[Any, ...]) -> None:
    """Set the generated methods and the dataclass attributes as `dataclasses._process_class` would."""
    match_args, kw_only = options[6], options[7]
    _, build, hash_action, doc, match = entry
    own = cls.__dict__
    qualname = cls.__qualname__
    type.__setattr__(cls, "__dataclass_params__", _Lazy(cls, "__dataclass_params__", _params, options))
    for name, _, default, _, spec in specs:
        if spec is not None and isinstance(own.get(name), FieldSpec):
            if default is MISSING:
                type.__delattr__(cls, name)
            else:
                type.__setattr__(cls, name, default)
    type.__setattr__(cls, "__dataclass_fields__", _Lazy(cls, "__dataclass_fields__", _fields, (specs, kw_only)))
    stand_ins: dict[str, Any] = {}
    for name, fn in _built(cls, build, specs):
        # As dataclasses' _set_new_attribute: never overwrites the class's own; but `__hash__` (hash_action "add") is
        # set whether or not the class has its own.
        if name in own and name != "__hash__":
            if name in ("__setattr__", "__delattr__"):
                raise TypeError(f"Cannot overwrite attribute {name} in class {cls.__name__}")
            continue
        if fn is None:  # made at its first call (prebuilt_methods_rest): a stand-in until then, in its place
            fn = stand_ins[name] = _stand_in(cls, name)
        else:
            fn = _method(qualname, name, fn)
        type.__setattr__(cls, name, fn)
    if stand_ins:
        _STAND_INS[cls] = stand_ins
    if hash_action == "set_none":
        type.__setattr__(cls, "__hash__", None)
    if not cls.__doc__:
        type.__setattr__(cls, "__doc__", doc)
    if match_args and "__match_args__" not in own:
        type.__setattr__(cls, "__match_args__", match)
    if hasattr(cls, "__abstractmethods__"):
        import abc

        abc.update_abstractmethods(cls)


# --- the methods made at their first call ---------------------------------------------------------------------
#
# A reading command makes instances and reads them; it never prints one with repr, nor compares, hashes or assigns to
# one but the few `prebuilt_gen.EQ_AT_ONCE` names. Those methods (87 kB of `prebuilt_methods`' `.pyc`, ≈ 1 M
# instructions and 60 page faults of every summary; s22-pre) are in `prebuilt_methods_rest`: until one of a class is
# first called, the class holds a stand-in per method, which then reads that module (if not read yet), makes the
# class's methods there as `_apply` makes the others, sets them in place of the stand-ins and calls through. The GUI
# reads the module before Qt (desktop.app.load_core_first): a stand-in finds it in `sys.modules`, imports nothing.

_REST = "planners.model.prebuilt_methods_rest"
_STAND_INS: dict[type, dict[str, Any]] = {}  # each class's stand-ins by method name (as set on the class)
_LATER: dict[type, dict[str, Any]] = {}  # each class's methods made at their first call, once made
_LATER_LOCK = allocate_lock()  # (not _LOCK: the fallback reads __dataclass_fields__, which takes it)


def _stand_in(cls: type, name: str) -> Any:
    """The method `name` of `cls` until it is first called: it makes the class's methods, then calls the real one.
    One closure a class and method, so that it knows its class even where reached through `super()` or a base named
    (its name, qualified name and module are left as made: setting them cost 0,3 M instructions of a summary)."""

    def first_call(self: Any, *args: Any) -> Any:
        return _later(cls)[name](self, *args)

    return first_call


def _later(cls: type) -> dict[str, Any]:
    """The methods of `cls` made at their first call, made once (by one thread; another waits for them)."""
    made = _LATER.get(cls)
    if made is None:
        rest = sys.modules.get(_REST)
        if rest is None:
            try:  # (outside the lock: an import takes the import machinery's own locks)
                from planners.model import prebuilt_methods_rest as rest
            except ImportError:  # not generated yet: made by dataclasses' own functions
                rest = None
        with _LATER_LOCK:
            made = _LATER.get(cls)
            if made is None:
                made = _make_later(cls, rest)
                _LATER[cls] = made
    return made


def _make_later(cls: type, rest: Any) -> dict[str, Any]:
    """Make the stand-ins' methods of `cls` as `_apply` makes the others, and set each where its stand-in still is
    (never over the class's own, nor over one set on the class since)."""
    stand_ins = _STAND_INS[cls]
    build = None
    if rest is not None and getattr(rest, "GENERATION", None) == _GENERATION:
        build = rest.CLASSES.get(f"{cls.__module__}.{cls.__qualname__}")
    if build is None:  # prebuilt_methods_rest missing, or of another run of the generator
        made = _later_by_dataclasses(cls, stand_ins)
    else:
        made = {name: _method(cls.__qualname__, name, fn) for name, fn in _built(cls, build, _SPECS[cls])}
    own = cls.__dict__
    for name, stand_in in stand_ins.items():
        if own.get(name) is stand_in:
            type.__setattr__(cls, name, made[name])
    return made


# The order methods and their operators, as dataclasses makes them.
_ORDER = {"__eq__": "==", "__lt__": "<", "__le__": "<=", "__gt__": ">", "__ge__": ">="}


def _later_by_dataclasses(cls: type, names: dict[str, Any]) -> dict[str, Any]:
    """The methods `names` of `cls` made by the functions `dataclasses._process_class` makes them with (3.11, the
    one Python the generated modules are used on): never wrong where `prebuilt_methods_rest` is missing or of
    another run of the generator, only slower."""
    import dataclasses

    dc: Any = dataclasses  # (its private functions, as on 3.11)
    namespace = _namespace(cls)
    fields = list(cls.__dataclass_fields__.values())  # type: ignore[attr-defined]
    compared = [f for f in fields if f.compare]
    made: dict[str, Any] = {}
    for name in names:
        if name == "__repr__":
            fn = dc._repr_fn([f for f in fields if f.repr], namespace)
        elif name in _ORDER:
            fn = dc._cmp_fn(name, _ORDER[name], dc._tuple_str("self", compared), dc._tuple_str("other", compared),
                            globals=namespace)
        elif name == "__hash__":
            fn = dc._hash_add(cls, fields, namespace)
        else:  # a frozen class's __setattr__ or __delattr__
            fn = next(f for f in dc._frozen_get_del_attr(cls, fields, namespace) if f.__name__ == name)
        fn.__qualname__ = f"{cls.__qualname__}.{name}"  # as dataclasses' _set_qualname
        made[name] = fn
    return made


def _params(options: tuple[bool, ...]) -> Any:
    import dataclasses

    init, repr_, eq, order, unsafe_hash, frozen = options[:6]
    return dataclasses._DataclassParams(init, repr_, eq, order, unsafe_hash, frozen)  # type: ignore[attr-defined]


def _fields(specs_kw_only: tuple[list[Spec], bool]) -> dict[str, Any]:
    """The `dataclasses.Field` objects `dataclasses` would have made for these fields (and the class's kw_only)."""
    import dataclasses

    specs, kw_only = specs_kw_only
    out: dict[str, Any] = {}
    for name, annotation, default, _, spec in specs:
        if spec is not None:
            f = spec.real()
        else:
            f = dataclasses.field(default=dataclasses.MISSING if default is MISSING else default)
        f.name = name
        f.type = annotation
        f._field_type = dataclasses._FIELD  # type: ignore[attr-defined]
        if f.kw_only is dataclasses.MISSING:
            f.kw_only = kw_only
        out[name] = f
    return out


if TYPE_CHECKING:
    from dataclasses import dataclass as dataclass
    from dataclasses import field as field
    from dataclasses import fields as fields
    from dataclasses import is_dataclass as is_dataclass
    from dataclasses import replace as replace
else:

    # dataclasses' own functions, importing it only when called: a module that names them as
    # `dataclasses.fields` etc. can import this module under that name and keep `dataclasses` out of its import.
    def fields(class_or_instance):
        import dataclasses

        return dataclasses.fields(class_or_instance)

    def is_dataclass(obj):
        import dataclasses

        return dataclasses.is_dataclass(obj)

    def replace(obj, /, **changes):
        # As dataclasses.replace (3.11), from the declared fields, without importing dataclasses.
        specs = _SPECS.get(type(obj))
        if specs is None:
            import dataclasses

            return dataclasses.replace(obj, **changes)
        for name, _, _, _, spec in specs:
            if spec is not None and not spec.init:
                if name in changes:
                    raise ValueError(f"field {name} is declared with init=False, it cannot be specified with "
                                     "replace()")
                continue
            if name not in changes:
                changes[name] = getattr(obj, name)
        return obj.__class__(**changes)

    def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None, compare=True,
              metadata=None, kw_only=MISSING):
        if default is not MISSING and default_factory is not MISSING:
            raise ValueError("cannot specify both default and default_factory")
        return FieldSpec(default, default_factory, init, repr, hash, compare, metadata, kw_only)

    def dataclass(cls=None, /, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False, frozen=False,
                  match_args=True, kw_only=False, slots=False, weakref_slot=False):
        options = (init, repr, eq, order, unsafe_hash, frozen, match_args, kw_only, slots, weakref_slot)

        def wrap(cls):
            return _process(cls, options)

        return wrap if cls is None else wrap(cls)


# --- StrEnum, made the quick way ------------------------------------------------------------------------------
#
# `enum.EnumType` makes a class member by member through `_EnumDict` and `__set_name__` (≈ 0,1 ms each of the
# model's 17 enums, ≈ 2 ms of every start). `enum._simple_enum`, with which the standard library makes its own
# enums (re.RegexFlag, http.HTTPStatus), makes the same class from a plain one in about half the time; the model
# declares `class RoomType(StrEnum)` with the `StrEnum` below, and type checkers see `enum.StrEnum`.
# A declaration the quick way might not make exactly as `EnumType` would (a value that is not a str, an alias,
# `auto()`, a sunder name such as `_missing_`, a method using `super()`) is made by `EnumType` itself.
# `tests/planners/test_prebuilt_enums.py` compares every class made here with the one `EnumType` makes
# (`enum._test_simple_enum`) (issue 19, bench/RESULTS.md "s17-sum2").

# The namespace each quick enum was declared with, for `real_str_enum` (the test compares the two classes).
ENUM_NAMESPACES: dict[type, dict[str, Any]] = {}


def real_str_enum(name: str, namespace: dict[str, Any]) -> type:
    """The class `class <name>(enum.StrEnum): <namespace>` makes."""
    body = enum.EnumType.__prepare__(name, (enum.StrEnum,))
    for key, value in namespace.items():
        body[key] = value
    return enum.EnumType(name, (enum.StrEnum,), body)


# The Python whose EnumType the quick way was compared with (tests/planners/test_prebuilt_enums.py); on another,
# EnumType may lay a class out otherwise (it did in 3.12), so it makes every enum itself.
ENUM_PYTHON = (3, 11)


def _quick_str_enum(name: str, namespace: dict[str, Any]) -> type:
    members = _quick_enum_members(namespace) if sys.version_info[:2] == ENUM_PYTHON else None
    if members is None:
        return real_str_enum(name, namespace)
    made = _simple_str_enum(name, namespace, members)
    ENUM_NAMESPACES[made] = namespace
    return made


def _simple_str_enum(name: str, namespace: dict[str, Any], members: list[str]) -> type:
    """The class `enum._simple_enum(enum.StrEnum)` makes of `class <name>: <namespace>` on Python 3.11 (its StrEnum
    branch, step by step and in its order, for a declaration `_quick_enum_members` accepts: str members, no alias,
    no `__new__`), with two differences, both to what `EnumType` makes: each member itself in the class (where
    `_simple_enum` leaves a redirecting `enum.property`: reading `RoomType.WAITING` through it costs 2,5 times as
    much, +20 M instructions of an XL summary) and `_new_member_` as `EnumType` keeps it. Made here rather than by
    calling `_simple_enum` on a plain class: that class, the property made and replaced for every member and
    `_simple_enum`'s four tests of each name were half the time of the model's 17 enums (issue 19, s20-imp)."""
    etype: Any = enum.StrEnum
    new_member = etype._member_type_.__new__  # str.__new__: what _simple_enum makes the members with
    member_names: list[str] = []
    member_map: dict[str, Any] = {}
    value2member_map: dict[Any, Any] = {}
    body: dict[str, Any] = {
        "_new_member_": new_member, "_use_args_": etype._use_args_,
        "_generate_next_value_": etype._generate_next_value_, "_member_names_": member_names,
        "_member_map_": member_map, "_value2member_map_": value2member_map, "_unhashable_values_": [],
        "_member_type_": etype._member_type_, "_value_repr_": etype._value_repr_,
    }
    # The plain class's dict as `type` would make it, without __qualname__ (which `_quick_str_enum`'s caller left
    # out before too: the name is the qualified name), members aside; `__doc__` None where none was given.
    member_set = set(members)
    for key, value in namespace.items():
        if key != "__qualname__" and key not in member_set:
            body[key] = value
    if body.get("__doc__") is None:
        body["__doc__"] = "An enumeration."
    enum_class: Any = type(name, (etype,), body, boundary=None, _simple=True)
    for method in ("__repr__", "__str__", "__format__", "__reduce_ex__"):
        if method not in body:  # as _simple_enum: the mixin's method replaced by the enum's
            found = getattr(enum_class, method)
            if found in (getattr(etype._member_type_, method), getattr(object, method)):
                setattr(enum_class, method, getattr(etype, method))
    # `_simple_enum` calls each member's `__init__`: here `Enum.__init__`, which does nothing (a declaration with its
    # own `__init__` goes to EnumType), so it is called only where the class has another (95 calls a start).
    init_does_something = enum_class.__init__ is not enum.Enum.__init__
    for member_name in members:
        value = namespace[member_name]
        member = new_member(enum_class, value)
        member._value_ = value
        member._name_ = member_name
        member.__objclass__ = enum_class
        if init_does_something:
            member.__init__(value)
        member._sort_order_ = len(member_names)
        type.__setattr__(enum_class, member_name, member)
        member_map[member_name] = member
        value2member_map[value] = member
        member_names.append(member_name)
    enum_class.__new__ = enum.Enum.__new__
    # Later members (none: an enum is closed) would be made by what EnumType keeps here.
    type.__setattr__(enum_class, "_new_member_", etype._new_member_)
    if namespace.get("__doc__") is None:
        type.__setattr__(enum_class, "__doc__", None)  # as EnumType leaves it (_simple_enum writes "An enumeration.")
    return enum_class


def _quick_enum_members(namespace: dict[str, Any]) -> list[str] | None:
    """The members' names, in order, where `_simple_str_enum` makes this declaration exactly as `EnumType` would:
    plain str members with distinct values and names no base has, dunder names (not `__new__`, `__init__`),
    functions and properties, no `super()` (a `__classcell__` would be set to the plain class), no sunder name;
    else None."""
    members: list[str] = []
    seen: set[str] = set()
    base_names = _enum_base_names()
    for key, value in namespace.items():
        if key.startswith("__") and key.endswith("__"):
            if key in ("__classcell__", "__new__", "__init__"):
                return None
            continue
        if key.startswith("_"):
            return None
        if type(value) is str:
            if value in seen:
                return None  # an alias
            if key in base_names:
                return None  # a name of Enum's or str's (`name`, `count`): EnumType may leave a property
            seen.add(value)
            members.append(key)
        elif not hasattr(value, "__get__"):
            return None  # another kind of member value (a number, a nested class, `auto()`)
    return members


_ENUM_BASE_NAMES: frozenset[str] | None = None


def _enum_base_names() -> frozenset[str]:
    """Every name in the dict of a class `enum.StrEnum` derives from (itself included), gathered once."""
    global _ENUM_BASE_NAMES
    if _ENUM_BASE_NAMES is None:
        _ENUM_BASE_NAMES = frozenset(name for base in enum.StrEnum.__mro__ for name in base.__dict__)
    return _ENUM_BASE_NAMES


if TYPE_CHECKING:
    from enum import StrEnum as StrEnum
else:

    class _QuickStrEnum(type):
        """The metaclass of the declaring base `StrEnum`: a class declared on it is made an `enum.StrEnum`."""

        def __new__(mcls, name, bases, namespace):
            if not bases:
                return super().__new__(mcls, name, bases, namespace)  # `StrEnum` itself
            if bases != (StrEnum,):
                raise TypeError(f"{name}: declare a quick StrEnum on planners.model.prebuilt.StrEnum alone")
            return _quick_str_enum(name, dict(namespace))

    class StrEnum(metaclass=_QuickStrEnum):
        """Declare `class Name(StrEnum): MEMBER = "value"` on this to get an `enum.StrEnum`, made quickly."""


if __import__("os").environ.get("SUNDHEDSHUS_PREBUILT") == "record":
    # The generator's fresh interpreter: every class is made by the real decorator and what it compiled is
    # recorded (planners.model.prebuilt_gen), from the first class imported on.
    # (imported by name: the generator imports this module, and no two modules of ours import each other)
    RECORDER = __import__("importlib").import_module("planners.model.prebuilt_gen").record
