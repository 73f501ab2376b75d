"""The model's StrEnums are made by `enum._simple_enum` (`planners.model.prebuilt.StrEnum`, s17-sum2), in about half
the time `EnumType` takes: each must be the class `EnumType` makes of the same declaration, and a declaration the
quick way might make otherwise must be made by `EnumType` itself."""

from __future__ import annotations

import copy
import enum
import pickle
import sys
from typing import Any

import pytest

from planners.model import entities, linekinds, timeline
from planners.model.prebuilt import ENUM_NAMESPACES, ENUM_PYTHON, StrEnum, real_str_enum

MODEL_ENUMS = [value for module in (entities, linekinds, timeline) for value in vars(module).values()
               if isinstance(value, enum.EnumType) and value.__module__ == module.__name__]


def test_the_model_declares_its_17_enums_the_quick_way() -> None:
    assert len(MODEL_ENUMS) == 17
    assert {e.__name__ for e in MODEL_ENUMS} >= {"RoomType", "Level", "LineKind", "Form", "RentBasis", "CostSplit"}
    for made in MODEL_ENUMS:
        # made by _simple_enum on the Python it was compared with (the one we ship), else by EnumType
        assert (made in ENUM_NAMESPACES) is (sys.version_info[:2] == ENUM_PYTHON), made


@pytest.mark.parametrize("made", MODEL_ENUMS, ids=lambda e: e.__name__)
def test_each_equals_the_class_enumtype_makes(made: type[enum.StrEnum]) -> None:
    if sys.version_info[:2] != ENUM_PYTHON:
        pytest.skip("EnumType itself makes the enums on another Python than the one we ship")
    real = real_str_enum(made.__name__, ENUM_NAMESPACES[made])
    enum._test_simple_enum(real, made)  # type: ignore[attr-defined]  # raises TypeError naming each difference
    assert type(made) is enum.EnumType and made.__mro__[1:] == real.__mro__[1:]
    assert made.__doc__ == real.__doc__ and made.__module__ == real.__module__ == made.__module__
    assert made.__qualname__ == real.__qualname__
    assert list(made.__members__) == list(real.__members__)
    for key, value in real.__dict__.items():  # a member itself in the class, as EnumType leaves it (not a property)
        mine = made.__dict__[key]
        if key in real.__members__:
            assert value is real[key] and mine is made[key], key
        else:
            assert type(mine) is type(value), key
    assert made._new_member_ is real._new_member_  # type: ignore[attr-defined]
    for member, twin in zip(made, real, strict=True):
        assert (member.name, member.value, str(member), f"{member}", hash(member)) == \
            (twin.name, twin.value, str(twin), f"{twin}", hash(twin))
        assert repr(member) == repr(twin)
        assert member == twin.value and made(twin.value) is member and made[twin.name] is member
        assert pickle.loads(pickle.dumps(member)) is member and copy.deepcopy(member) is member
    with pytest.raises(ValueError):
        made("no such value")


def test_a_property_of_a_member() -> None:
    assert entities.FinancingSource.LOAN.repaid_by_default and not entities.FinancingSource.GRANT.repaid_by_default
    assert entities.FinancingSource.OWN_REGION.is_own and not entities.FinancingSource.LOAN.is_own


def _declared(body: str, base: str = "StrEnum") -> type:
    namespace: dict[str, object] = {"StrEnum": StrEnum, "enum": enum, "__name__": "declared"}
    exec(f"class Declared({base}):\n{body}", namespace)  # noqa: S102 - a declaration made for the test
    made = namespace["Declared"]
    assert isinstance(made, type)
    return made


def _outcome(body: str, base: str) -> tuple[object, ...]:
    try:
        made = _declared(body, base)
    except TypeError as exc:
        return ("refused", str(exc))
    assert isinstance(made, enum.EnumType)
    return ("made", [(m.name, m.value) for m in made], list(made.__members__), made not in ENUM_NAMESPACES)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # 3.11 warns of a nested class, either way
@pytest.mark.parametrize("body", [
    '    A = "a"\n    B = "a"\n',  # an alias
    '    A = "a"\n    B = 2\n',  # a value that is no str: EnumType's StrEnum refuses it
    '    A = enum.auto()\n',
    '    A = "a"\n\n    @classmethod\n    def _missing_(cls, value):\n        return cls.A\n',
    '    A = "a"\n\n    def __str__(self):\n        return "<" + super().__str__() + ">"\n',
    '    A = "a"\n\n    class Inner:\n        pass\n',
    '    name = "a"\n    count = "b"\n',  # names Enum and str have
    '    A = "a"\n\n    def __init__(self, value):\n        self.twice = value * 2\n',  # its own __init__
    '    A = "a"\n\n    def __new__(cls, value):\n        member = str.__new__(cls, value)\n'
    '        member._value_ = value\n        return member\n',  # its own __new__
])
def test_what_the_quick_way_might_make_otherwise_is_made_by_enumtype(body: str) -> None:
    quick, real = _outcome(body, "StrEnum"), _outcome(body, "enum.StrEnum")
    assert quick[:-1] == real[:-1] if quick[0] == "made" else quick == real
    if quick[0] == "made":
        assert quick[-1] is True  # not made the quick way


DECLARED = ('    """Some codes."""\n    B = "b"\n    A = "a"\n    C = "c"\n\n    def upper(self):\n'
            '        return self.value.upper()\n\n    @property\n    def first(self):\n        return self is type(self).B\n'
            '\n    @staticmethod\n    def plain():\n        return 1\n')


def test_a_declaration_with_a_doc_methods_and_properties_made_the_quick_way_equals_enumtypes() -> None:
    if sys.version_info[:2] != ENUM_PYTHON:
        pytest.skip("EnumType itself makes the enums on another Python than the one we ship")
    made, real = _declared(DECLARED), _declared(DECLARED, "enum.StrEnum")
    assert made in ENUM_NAMESPACES
    enum._test_simple_enum(real, made)  # type: ignore[attr-defined]
    assert sorted(made.__dict__) == sorted(real.__dict__)
    assert [m.upper() for m in made] == ["B", "A", "C"] and made.B.first and not made.A.first
    assert [(list(vars(m)), m._value_, m._name_, m._sort_order_, m.__objclass__ is made) for m in made] == \
        [(list(vars(m)), m._value_, m._name_, m._sort_order_, m.__objclass__ is real) for m in real]
    assert made.plain() == 1 and made.__doc__ == "Some codes."


def _by_simple_enum(name: str, namespace: dict[str, object]) -> type:
    """What `enum._simple_enum(enum.StrEnum)` makes of the declaration, with the members put in the class, the
    `_new_member_` and the doc `_simple_str_enum` gives (its two differences, s17-sum2)."""
    plain = type(name, (), {key: value for key, value in namespace.items() if key != "__qualname__"})
    made: Any = enum._simple_enum(enum.StrEnum)(plain)  # type: ignore[attr-defined]
    for member_name, member in made._member_map_.items():
        type.__setattr__(made, member_name, member)
    type.__setattr__(made, "_new_member_", enum.StrEnum._new_member_)  # type: ignore[attr-defined]
    if namespace.get("__doc__") is None:
        type.__setattr__(made, "__doc__", None)
    return made


@pytest.mark.parametrize("made", MODEL_ENUMS + [_declared(DECLARED)], ids=lambda e: e.__name__)
def test_made_step_by_step_as_simple_enum_makes_it(made: type) -> None:
    """`_simple_str_enum` copies `_simple_enum`'s steps: the same class dict, entry by entry and in order."""
    if sys.version_info[:2] != ENUM_PYTHON:
        pytest.skip("EnumType itself makes the enums on another Python than the one we ship")
    simple = _by_simple_enum(made.__name__, ENUM_NAMESPACES[made])
    assert list(made.__dict__) == list(simple.__dict__)
    for key, value in simple.__dict__.items():
        mine = made.__dict__[key]
        if isinstance(value, enum.Enum):
            assert (type(mine), mine.name, mine.value, vars(mine)["_sort_order_"], list(vars(mine))) == \
                (made, value.name, value.value, vars(value)["_sort_order_"], list(vars(value))), key
        elif isinstance(value, (dict, list)):
            assert [getattr(v, "name", v) for v in value] == [getattr(v, "name", v) for v in mine], key
        else:
            assert mine is value or key == "__objclass__", key
    assert made.__qualname__ == simple.__qualname__ and made.__module__ == simple.__module__


def test_the_fallback_keeps_enumtype_behaviour() -> None:
    alias = _declared('    A = "a"\n    B = "a"\n')
    assert alias.B is alias.A and list(alias) == [alias.A]
    missing = _declared('    A = "a"\n\n    @classmethod\n    def _missing_(cls, value):\n        return cls.A\n')
    assert missing("zzz") is missing.A
    own = _declared('    A = "a"\n\n    def __str__(self):\n        return "<" + super().__str__() + ">"\n')
    assert str(own.A) == "<a>"


def test_a_quick_enum_has_one_base() -> None:
    with pytest.raises(TypeError, match="alone"):
        exec("class Twice(StrEnum, str):\n    A = 'a'\n", {"StrEnum": StrEnum, "__name__": "declared"})  # noqa: S102
