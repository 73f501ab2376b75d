"""The prebuilt dataclasses (issue 19, a light import): the generated module is up to date with the declarations,
and every class made from it behaves exactly as `dataclasses.dataclass` makes it — compared field by field and
method by method against the same classes made by the real decorator in another interpreter."""

from __future__ import annotations

import copy
import dataclasses
import importlib
import inspect
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planners.model import prebuilt, prebuilt_gen
from planners.model.entities import (
    FinancingLine,
    FinancingSource,
    Finding,
    Level,
    Plan,
    Ref,
    Scenario,
    Tenant,
)

ROOT = Path(__file__).resolve().parents[2]


def _same_python() -> bool:
    from planners.model.prebuilt_methods import PYTHON

    return sys.version_info[:2] == PYTHON


# On another Python than the one that generated the methods, every class is made by dataclasses itself.
generated_here = pytest.mark.skipif(not _same_python(), reason="the methods were generated on another Python")


def _classes() -> list[type]:
    from planners.model.prebuilt_methods import CLASSES
    from planners.model.prebuilt_methods_more import CLASSES as MORE

    for name in prebuilt_gen.declaring_modules():
        importlib.import_module(name)
    found = []
    for key in sorted(CLASSES.keys() | MORE.keys()):
        module, _, qualname = key.rpartition(".")
        while module not in sys.modules:  # a nested class: module.Outer.Inner
            module, _, outer = module.rpartition(".")
            qualname = f"{outer}.{qualname}"
        value: Any = importlib.import_module(module)
        for part in qualname.split("."):
            value = getattr(value, part)
        found.append(value)
    return found


def _text(value: object) -> str:
    """A value as text that means the same in any interpreter (functions by name, not by address)."""
    if value is dataclasses.MISSING:
        return "MISSING"
    if callable(value) and hasattr(value, "__qualname__"):
        return f"<{getattr(value, '__module__', '?')}.{value.__qualname__}>"
    return re.sub(r" at 0x[0-9a-f]+", " at 0x…", repr(value))


def _outcome(action: Any) -> str:
    try:
        return _text(action())
    except Exception as error:  # the same error, with the same message, is the same behaviour
        return f"raises {type(error).__name__}: {error}"


def behaviour_report() -> dict[str, Any]:
    """What each class of the generated module is and does, as plain data: its fields (every attribute of
    each `dataclasses.Field`), params, doc, match args, signature, the methods it has and where they come from,
    its class attributes, and an instance's repr, equality, hash, `replace`, `asdict`, `astuple`, copy, pickle,
    frozen assignment and deletion."""
    report: dict[str, Any] = {}
    for cls in _classes():
        fields = dataclasses.fields(cls)
        own = cls.__dict__
        entry: dict[str, Any] = {
            "is_dataclass": dataclasses.is_dataclass(cls),
            "fields": [[f.name, f.type, _text(f.default), _text(f.default_factory), f.init, f.repr, f.hash,
                        f.compare, dict(f.metadata), f.kw_only, str(f._field_type)] for f in fields],  # type: ignore[attr-defined]
            "params": repr(cls.__dataclass_params__),  # type: ignore[attr-defined]
            "doc": cls.__doc__,
            "match_args": getattr(cls, "__match_args__", None),
            "signature": str(inspect.signature(cls)),
            "init_annotations": _text(getattr(own.get("__init__"), "__annotations__", None)),
            "hash_is_none": cls.__hash__ is None,
            "own": sorted(k for k in own if k not in ("__dataclass_fields__", "__dataclass_params__")),
            "class_values": {f.name: _text(own.get(f.name, "<absent>")) for f in fields},
            "methods": {name: [_text(own[name]), own[name].__module__, getattr(own[name], "__wrapped__", None)
                               is not None] for name in prebuilt.DUNDERS if callable(own.get(name))},
            "method_attributes": {name: _method_attributes(own[name]) for name in prebuilt.DUNDERS
                                  if callable(own.get(name))},
        }
        required = {f.name: f"<{f.name}>" for f in fields
                    if f.init and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
        try:
            one = cls(**required)
            two = cls(**required)
        except Exception as error:
            entry["made"] = f"raises {type(error).__name__}: {error}"
            report[f"{cls.__module__}.{cls.__qualname__}"] = entry
            continue
        entry.update(_instance_report(fields, one, two, required))
        report[f"{cls.__module__}.{cls.__qualname__}"] = entry
    return report


def _method_attributes(method: Any) -> list[str]:
    """What a generated method (or the repr's wrapper, with what `functools.wraps` copied) carries besides its code:
    name, doc, annotations, defaults, its own attributes, and the globals the generated function runs in (the
    wrapper's own are its defining module's: dataclasses' or prebuilt's)."""
    generated = getattr(method, "__wrapped__", method)
    return [_text(getattr(method, attribute, "<absent>")) for attribute in
            ("__name__", "__doc__", "__annotations__", "__defaults__", "__kwdefaults__")] + [
        _text(sorted(vars(method))), _text(generated.__module__), _text(generated.__globals__.get("__name__"))]


def _instance_report(fields: tuple[Any, ...], one: Any, two: Any, required: dict[str, str]) -> dict[str, str]:
    compared = tuple(getattr(one, f.name) for f in fields if (f.compare if f.hash is None else f.hash))
    return {
        "repr": _outcome(lambda: repr(one)),
        "eq": _outcome(lambda: one == two),
        "ne_other_class": _outcome(lambda: one.__eq__(object())),
        "hash_is_fields_tuple": _outcome(lambda: hash(one) == hash(compared)),
        "replace": _outcome(lambda: dataclasses.replace(one) == one),
        "replace_repr": _outcome(lambda: repr(dataclasses.replace(one, **required))),
        "asdict": _outcome(lambda: dataclasses.asdict(one)),
        "astuple": _outcome(lambda: dataclasses.astuple(one)),
        "copy": _outcome(lambda: copy.copy(one) == one and copy.deepcopy(one) == one),
        "pickle": _outcome(lambda: pickle.loads(pickle.dumps(one)) == one),
        "setattr": _outcome(lambda: setattr(one, fields[0].name, "x") if fields else None),
        "delattr": _outcome(lambda: delattr(two, fields[0].name) if fields else None),
        "vars": _outcome(lambda: sorted(vars(one))),
    }


def _report_in(env: dict[str, str]) -> dict[str, Any]:
    code = "import json\nfrom tests.planners.test_prebuilt import behaviour_report\nprint(json.dumps(behaviour_report()))"
    done = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(ROOT), **env},
                          cwd=ROOT, check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


@generated_here
def test_the_generated_modules_are_up_to_date_with_the_declarations() -> None:
    texts = prebuilt_gen.generated_sources()
    assert sorted(texts) == sorted([prebuilt_gen.TARGET, prebuilt_gen.MORE_TARGET])
    for target, text in texts.items():
        current = target.read_text(encoding="utf-8")
        assert current == text, f"{target.name} stale: run python -m planners.model.prebuilt_gen"
        assert "Made by dataclasses at run time" not in current  # every declared class is prebuilt
    assert prebuilt_gen.main(["--check"]) == 0


@generated_here
def test_the_classes_of_the_modules_a_reading_command_never_imports_are_in_the_second_module() -> None:
    from planners.model import prebuilt_methods, prebuilt_methods_more

    assert prebuilt_methods.MORE_MODULES == prebuilt_gen.MORE_MODULES
    more = {key.rpartition(".")[0] for key in prebuilt_methods_more.CLASSES}
    assert more == set(prebuilt_gen.MORE_MODULES)  # each of them declares a class, and nothing else is there
    assert not {key.rpartition(".")[0] for key in prebuilt_methods.CLASSES} & more
    for cls in _classes():
        init: Any = cls.__dict__["__init__"]
        expected = "prebuilt_methods_more.py" if cls.__module__ in more else "prebuilt_methods.py"
        assert init.__code__.co_filename.endswith(f"/{expected}"), cls


def test_a_missing_second_module_leaves_its_classes_to_dataclasses(tmp_path: Path) -> None:
    """Before the generator is first run (or with its second module deleted), a class of those modules is made by
    `dataclasses` itself: correct, only slower to import."""
    tree = tmp_path / "tree"
    for part in ("planners", "resources"):
        shutil.copytree(ROOT / part, tree / part, ignore=shutil.ignore_patterns("__pycache__"))
    (tree / "planners" / "model" / "prebuilt_methods_more.py").unlink()
    probe = ("from planners.store.lock import PlanLock\nfrom planners.model.entities import Plan\n"
             "print(PlanLock.__init__.__code__.co_filename, Plan.__init__.__code__.co_filename.rpartition('/')[2])\n"
             "print(PlanLock('p', {}) == PlanLock('p', {}), repr(PlanLock('p', {})))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)},
                         check=True, capture_output=True, text=True).stdout.split("\n")
    assert out[0] == "<string> prebuilt_methods.py"
    assert out[1] == "True PlanLock(path='p', owner={})"


@generated_here
def test_every_class_is_made_from_the_generated_methods() -> None:
    classes = _classes()
    assert len(classes) >= 66
    for cls in classes:
        assert "__dataclass_fields__" in cls.__dict__
        init: Any = cls.__dict__["__init__"]
        assert init.__code__.co_filename.endswith(("prebuilt_methods.py", "prebuilt_methods_more.py")), cls  # not exec'd
        assert init.__module__ == cls.__module__


def test_each_class_behaves_exactly_as_dataclasses_makes_it() -> None:
    real = _report_in({"SUNDHEDSHUS_PREBUILT": "record"})  # the real decorator makes every class
    ours = _report_in({})
    assert sorted(ours) == sorted(real)
    for key in real:
        assert real[key]["methods"] and ours[key]["methods"]  # the report saw methods at all
        for aspect in real[key]:
            assert ours[key][aspect] == real[key][aspect], (key, aspect)


# What a reading command no longer imports (issue 19): dataclasses with inspect, ast and dis; importlib.resources
# with zipfile and tempfile; shutil with bz2 and lzma (argparse's formatter); secrets with hashlib and random; copy.
NOT_IMPORTED = ("dataclasses", "inspect", "ast", "dis", "importlib.resources", "zipfile", "tempfile", "shutil", "bz2",
                "lzma", "secrets", "hashlib", "random", "copy", "weakref")


def test_summary_of_a_plan_imports_none_of_the_heavy_modules(tmp_path: Path) -> None:
    from planners.store.planfile import create_plan_file
    from tests.planners.plans import rich_plan

    path = tmp_path / "plan.sundhedshus"
    create_plan_file(path, rich_plan()).close()
    code = ("import sys, io\nfrom desktop.main import main\n"
            f"assert main(['summary', {str(path)!r}]) == 0\n"
            f"print('LOADED', sorted(m for m in {NOT_IMPORTED!r} if m in sys.modules), file=sys.stderr)\n")
    done = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(ROOT)},
                          check=True, capture_output=True, text=True)
    assert "LOADED []" in done.stderr
    assert done.stdout.strip()  # it did print the summary


@given(st.text(alphabet=st.characters(), max_size=12) | st.from_regex(r"[0-9]{1,14}", fullmatch=True))
def test_digits_without_a_regular_expression_match_as_the_expression_did(text: str) -> None:
    from planners.model import readiness

    assert readiness._digits(text) == bool(re.match(r"[0-9]+\Z", text))


def test_the_email_pattern_is_compiled_once_when_first_used() -> None:
    from planners.model import readiness

    assert readiness.EMAIL_PATTERN is readiness.EMAIL_PATTERN
    assert readiness.EMAIL_PATTERN.match("navn@domæne.dk") and not readiness.EMAIL_PATTERN.match("navn@domæne")
    with pytest.raises(AttributeError):
        readiness.NOT_THERE  # noqa: B018


# --- by hand: the cases the project relies on --------------------------------------------------------------------


def test_frozen_ref_hashes_compares_and_refuses_assignment() -> None:
    a, b = Ref("room", "S", 2, "net_m2"), Ref("room", "S", 2, "net_m2")
    assert a == b and hash(a) == hash(b) == hash(("room", "S", 2, "net_m2"))
    assert {a, b} == {a}
    assert a != Ref("room", "S", 3, "net_m2")
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'index'"):
        a.index = 3  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot delete field 'index'"):
        del a.index
    assert repr(a) == "Ref(entity='room', scenario='S', index=2, field='net_m2')"
    assert Ref.__match_args__ == ("entity", "scenario", "index", "field")
    match a:
        case Ref("room", scenario, index):
            assert (scenario, index) == ("S", 2)
        case _:
            pytest.fail("no match")


def test_defaults_factories_and_fields_left_out_of_equality() -> None:
    one, two = Tenant("a", "A", "gp_practice", row_id=1), Tenant("a", "A", "gp_practice", row_id=2)  # type: ignore[arg-type]
    assert one == two  # row_id is compare=False
    assert "row_id" not in repr(one)  # and repr=False
    assert one.clinicians == Decimal(0) and one.note == ""
    p, q = Plan("t", [2026]), Plan("t", [2026])
    assert p.scenarios == [] and p.scenarios is not q.scenarios  # a fresh list each time
    assert p.applicant is not q.applicant
    assert "scenarios" not in Plan.__dict__ and Plan.__dict__["pool_round"] == ""  # as dataclasses leaves them
    assert Tenant.__dict__["row_id"] is None  # field(default=None, …) becomes the plain default
    assert Plan.__hash__ is None  # eq without frozen: unhashable
    with pytest.raises(TypeError):
        hash(p)


def test_post_init_runs_and_replace_rebuilds() -> None:
    loan = FinancingLine(FinancingSource.LOAN, Decimal(100))
    assert loan.repaid_by_rent is True  # __post_init__ gave the source's default
    grant = dataclasses.replace(loan, source=FinancingSource.GRANT, repaid_by_rent=None)  # type: ignore[arg-type]
    assert grant.repaid_by_rent is False and grant.amount == Decimal(100)
    assert prebuilt.replace(loan, text="x") == dataclasses.replace(loan, text="x")


def test_a_finding_keeps_its_message_descriptors() -> None:
    ref = Ref("plan")
    f = Finding(Level.ERROR, "c", None, None, ref, text=lambda lang: f"msg {lang}")  # type: ignore[arg-type]
    assert f.message_da == "msg da" and f.message_en == "msg en"
    assert [x.name for x in dataclasses.fields(f)] == ["level", "code", "message_da", "message_en", "ref", "text"]
    assert f == Finding(Level.ERROR, "c", "msg da", "msg en", ref)  # text is compare=False


def test_a_class_that_does_not_match_the_generated_methods_is_made_by_dataclasses() -> None:
    @prebuilt.dataclass
    class NotGenerated:  # not in the generated module at all
        x: int
        y: list[int] = prebuilt.field(default_factory=list)

    assert NotGenerated(1) == NotGenerated(1, [])
    assert NotGenerated.__init__.__code__.co_filename == "<string>"  # made by dataclasses' exec
    # Ref as if a field had been taken out and the generator not re-run: its entry no longer matches.
    stale = type("Ref", (), {"__module__": Ref.__module__, "__qualname__": "Ref", "__annotations__": {"entity": "str"}})
    made: Any = prebuilt.dataclass(frozen=True)(stale)
    assert made.__init__.__code__.co_filename == "<string>"
    assert made("a") == made("a") and repr(made("a")) == "Ref(entity='a')"
    with pytest.raises(TypeError):
        made("a", "b")  # the generated Ref's four parameters were not used


def test_field_refuses_a_default_and_a_factory() -> None:
    with pytest.raises(ValueError, match="cannot specify both default and default_factory"):
        prebuilt.field(default=1, default_factory=list)  # type: ignore[call-overload]


@given(st.text(max_size=5), st.none() | st.text(max_size=5), st.none() | st.integers(-3, 3),
       st.none() | st.text(max_size=5))
def test_ref_as_dataclasses_would_for_any_values(entity: str, scenario: str | None, index: int | None,
                                                  field: str | None) -> None:
    ref = Ref(entity, scenario, index, field)
    values = (entity, scenario, index, field)
    assert dataclasses.astuple(ref) == values
    assert hash(ref) == hash(values)
    assert ref == Ref(*values) and ref == copy.deepcopy(ref) == pickle.loads(pickle.dumps(ref))
    assert repr(ref) == f"Ref(entity={entity!r}, scenario={scenario!r}, index={index!r}, field={field!r})"
    assert dataclasses.replace(ref, index=7) == Ref(entity, scenario, 7, field)


def test_a_scenario_copies_deeply_and_equals_itself() -> None:
    s = Scenario("S", tenants=[Tenant("a", "A", "gp_practice")])  # type: ignore[arg-type]
    t = copy.deepcopy(s)
    assert s == t and s.tenants[0] is not t.tenants[0]
    assert dataclasses.asdict(s)["tenants"][0]["id"] == "a"


SLOTS_PROBE = """
import dataclasses
from planners.model.entities import Slotted
@dataclasses.dataclass(slots=True)
class Real:
    a: int
    b: str = ""
print("__slots__" in Slotted.__dict__, "__slots__" in Real.__dict__)
"""


def test_a_slotted_class_stays_slotted_after_regenerating(tmp_path: Path) -> None:
    tree = tmp_path / "tree"
    """`dataclasses` makes a NEW class for slots (`_add_slots`): the prebuilt decorator leaves such a class to it, so
    the first slotted class of ours, regenerated as the module says, has no `__dict__` and refuses a typo."""
    for part in ("planners", "resources"):
        shutil.copytree(ROOT / part, tree / part, ignore=shutil.ignore_patterns("__pycache__"))
    entities = tree / "planners" / "model" / "entities.py"
    entities.write_text(entities.read_text(encoding="utf-8") + "\n\n@dataclass(slots=True)\nclass Slotted:\n"
                        "    a: int\n    b: str = \"\"\n", encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tree)}
    subprocess.run([sys.executable, "-m", "planners.model.prebuilt_gen"], cwd=tree, env=env, check=True,
                   capture_output=True)
    assert "Slotted" in (tree / "planners" / "model" / "prebuilt_methods.py").read_text(encoding="utf-8")
    out = subprocess.run([sys.executable, "-c", SLOTS_PROBE], cwd=tree, env=env, check=True, capture_output=True,
                         text=True).stdout.split()
    assert out == ["True", "True"]
