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
import pprint
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
    """What each class of the generated modules is and does, as plain data: its fields (every attribute of
    each `dataclasses.Field`), params, doc, match args, signature, the methods it has and where they come from,
    its class attributes, and an instance's repr, equality, order, hash, `replace`, `asdict`, `astuple`, copy,
    pickle, frozen assignment and deletion — each of those first as the first call of the class's methods made later
    (`prebuilt_methods_rest`: the class is put back as it was made before each), then again once they are made."""
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
            "own_in_order": [k for k in own if k in prebuilt.DUNDERS],
            "class_values": {f.name: _text(own.get(f.name, "<absent>")) for f in fields},
        }
        required = {f.name: f"<{f.name}>" for f in fields
                    if f.init and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
        one = cls(**required)
        two = cls(**required)
        entry["first_call"] = _instance_report(fields, one, two, required, before=lambda cls=cls: made_as_at_start(cls))
        entry.update(_instance_report(fields, one, two, required))
        # Once made (by the calls above): the methods themselves.
        entry["methods"] = {name: [_text(own[name]), own[name].__module__, getattr(own[name], "__wrapped__", None)
                                   is not None] for name in prebuilt.DUNDERS if callable(own.get(name))}
        entry["method_attributes"] = {name: _method_attributes(own[name]) for name in prebuilt.DUNDERS
                                      if callable(own.get(name))}
        report[f"{cls.__module__}.{cls.__qualname__}"] = entry
    return report


def made_as_at_start(cls: type) -> None:
    """Put `cls` back as it was made: its methods made at their first call not made yet (their stand-ins in their
    places). Nothing for a class made by `dataclasses` itself."""
    stand_ins = prebuilt._STAND_INS.get(cls, {})
    prebuilt._LATER.pop(cls, None)
    for name, stand_in in stand_ins.items():
        type.__setattr__(cls, name, stand_in)


def _method_attributes(method: Any) -> list[str]:
    """What a generated method (or the repr's wrapper, with what `functools.wraps` copied) carries besides its code:
    name, doc, annotations, defaults, its own attributes, and the globals the generated function runs in (the
    wrapper's own are its defining module's: dataclasses' or prebuilt's)."""
    generated = getattr(method, "__wrapped__", method)
    return [_text(getattr(method, attribute, "<absent>")) for attribute in
            ("__name__", "__qualname__", "__doc__", "__annotations__", "__defaults__", "__kwdefaults__")] + [
        _text(sorted(vars(method))), _text(generated.__module__), _text(generated.__globals__.get("__name__")),
        generated.__name__, generated.__qualname__]


def _instance_report(fields: tuple[Any, ...], one: Any, two: Any, required: dict[str, str],
                     before: Any = lambda: None) -> dict[str, str]:
    """What two equal instances do; `before` runs before each action. Assignment and deletion last: they change
    `one` and `two` (where not frozen)."""
    compared = tuple(getattr(one, f.name) for f in fields if (f.compare if f.hash is None else f.hash))
    other = copy.copy(two)
    if fields:
        object.__setattr__(other, fields[0].name, "<another>")
    actions = {
        "repr": lambda: repr(one),
        "str": lambda: str(one),
        "pprint": lambda: pprint.pformat(one, width=30),  # (it asks the repr what it wraps)
        "eq": lambda: one == two,
        "ne": lambda: one != two,
        "eq_another": lambda: [one == other, other == one, one != other],
        "ne_other_class": lambda: one.__eq__(object()),
        "order": lambda: [one < two, one <= two, one > two, one >= two],
        "hash_is_fields_tuple": lambda: hash(one) == hash(compared),
        "replace": lambda: dataclasses.replace(one) == one,
        "replace_repr": lambda: repr(dataclasses.replace(one, **required)),
        "asdict": lambda: dataclasses.asdict(one),
        "astuple": lambda: dataclasses.astuple(one),
        "copy": lambda: copy.copy(one) == one and copy.deepcopy(one) == one,
        "pickle": lambda: pickle.loads(pickle.dumps(one)) == one,
        "setattr_other": lambda: setattr(copy.copy(one), "not_a_field", 1),
        "delattr_other": lambda: delattr(copy.copy(one), "not_a_field"),
        "setattr": lambda: setattr(copy.copy(one), fields[0].name, "x") if fields else None,
        "delattr": lambda: delattr(copy.copy(two), fields[0].name) if fields else None,
        "vars": lambda: sorted(vars(one)),
    }
    report = {}
    for name, action in actions.items():
        before()
        report[name] = _outcome(action)
    return report


def _report_in(env: dict[str, str], tree: Path = ROOT) -> dict[str, Any]:
    """The behaviour report of a fresh interpreter, the core from `tree` (the tests from this one)."""
    code = "import json\nfrom tests.planners.test_prebuilt import behaviour_report\nprint(json.dumps(behaviour_report()))"
    done = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": f"{tree}:{ROOT}", **env},
                          cwd=tree, check=True, capture_output=True, text=True)
    return json.loads(done.stdout)


def _copy_tree(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    for part in ("planners", "resources"):
        shutil.copytree(ROOT / part, tree / part, ignore=shutil.ignore_patterns("__pycache__"))
    return tree


@generated_here
def test_the_generated_modules_are_up_to_date_with_the_declarations() -> None:
    texts = prebuilt_gen.generated_sources()
    assert sorted(texts) == sorted([prebuilt_gen.TARGET, prebuilt_gen.MORE_TARGET, prebuilt_gen.REST_TARGET])
    for target, text in texts.items():
        current = target.read_text(encoding="utf-8")
        assert current == text, f"{target.name} stale: run python -m planners.model.prebuilt_gen"
        assert "Made by dataclasses at run time" not in current  # every declared class is prebuilt
    assert prebuilt_gen.main(["--check"]) == 0
    from planners.model import prebuilt_methods, prebuilt_methods_more, prebuilt_methods_rest

    # One run of the generator: the digest of the third module's text, in all three.
    assert prebuilt_methods.GENERATION == prebuilt_methods_more.GENERATION == prebuilt_methods_rest.GENERATION


@generated_here
def test_check_finds_each_generated_module_stale(tmp_path: Path) -> None:
    """`prebuilt_gen --check` (make lint) fails when any of the three modules differs from what it would write."""
    tree = tmp_path / "tree"
    for part in ("planners", "resources"):
        shutil.copytree(ROOT / part, tree / part, ignore=shutil.ignore_patterns("__pycache__"))
    env = {**os.environ, "PYTHONPATH": str(tree)}
    check = [sys.executable, "-m", "planners.model.prebuilt_gen", "--check"]
    assert subprocess.run(check, cwd=tree, env=env, capture_output=True).returncode == 0
    for name in ("prebuilt_methods.py", "prebuilt_methods_more.py", "prebuilt_methods_rest.py"):
        target = tree / "planners" / "model" / name
        text = target.read_text(encoding="utf-8")
        target.write_text(text + "# edited by hand\n", encoding="utf-8")
        done = subprocess.run(check, cwd=tree, env=env, capture_output=True, text=True)
        assert done.returncode == 1 and f"{name} is stale" in done.stderr, (name, done.stderr)
        target.write_text(text, encoding="utf-8")


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


# The methods of the rest module (prebuilt_methods_rest): made at their first call -----------------------------

LATER_PROBE = """
import sys
from tests.planners.test_prebuilt import _classes
from planners.model import prebuilt, prebuilt_gen
rest = "planners.model.prebuilt_methods_rest"
classes = _classes()
print("READ", rest in sys.modules)
waiting = {}
for cls in classes:
    key = f"{cls.__module__}.{cls.__qualname__}"
    for name in prebuilt.DUNDERS:
        fn = cls.__dict__.get(name)
        if callable(fn):
            kind = "stand-in" if fn.__code__ is prebuilt._stand_in(cls, name).__code__ else fn.__code__.co_filename
            waiting.setdefault(kind.rpartition("/")[2], []).append((key, name))
for kind, methods in sorted(waiting.items()):
    print(kind, sorted({name for _, name in methods}), len(methods))
print("EQ_AT_ONCE", sorted(key for key, name in waiting["prebuilt_methods.py"] if name == "__eq__"))
from planners.model.entities import Ref, Plan
ref = Ref("room", "S", 2)
print("FIRST", repr(ref), rest in sys.modules)
def code_of(fn):
    return getattr(fn, "__wrapped__", fn).__code__
print("REF", sorted(n for n in prebuilt.DUNDERS if callable(Ref.__dict__.get(n))
                    and code_of(Ref.__dict__[n]).co_filename.endswith("_rest.py")))
print("PLAN", Plan.__dict__["__repr__"].__code__ is prebuilt._stand_in(Plan, "__repr__").__code__)
"""


@generated_here
def test_the_methods_a_reading_command_never_calls_are_made_at_their_first_call() -> None:
    """With every class made, `prebuilt_methods_rest` is not read: each class holds a stand-in for its `__repr__`,
    `__eq__` (but those of `EQ_AT_ONCE`), `__hash__` and frozen `__setattr__`/`__delattr__`, and its `__init__`
    from the first two modules. The first call of one of them reads the module and sets that class's methods (its
    own only)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", LATER_PROBE], cwd=ROOT, env=env, check=True, capture_output=True,
                         text=True).stdout.splitlines()
    assert out[0] == "READ False"
    counts = {line.split(" [")[0]: line for line in out[1:4]}
    assert sorted(counts) == ["prebuilt_methods.py", "prebuilt_methods_more.py", "stand-in"], out
    assert counts["prebuilt_methods_more.py"].startswith("prebuilt_methods_more.py ['__init__']")
    assert counts["prebuilt_methods.py"].startswith("prebuilt_methods.py ['__eq__', '__init__']")
    assert counts["stand-in"].startswith("stand-in ['__delattr__', '__eq__', '__hash__', '__repr__', '__setattr__']")
    assert out[4] == f"EQ_AT_ONCE {sorted(prebuilt_gen.EQ_AT_ONCE)}"
    assert out[5] == "FIRST Ref(entity='room', scenario='S', index=2, field=None) True"
    assert out[6] == "REF ['__delattr__', '__eq__', '__hash__', '__repr__', '__setattr__']"
    assert out[7] == "PLAN True"  # another class's still waits


@pytest.mark.parametrize("damage", ["missing", "another run"])
def test_without_the_rest_module_of_the_same_run_the_methods_are_made_by_dataclasses(tmp_path: Path,
                                                                                    damage: str) -> None:
    """`prebuilt_methods_rest` deleted, or written by another run of the generator than the other two: the methods
    it would give are made by `dataclasses`' own functions at their first call, and every class still behaves as
    `dataclasses` makes it."""
    tree = _copy_tree(tmp_path)
    rest = tree / "planners" / "model" / "prebuilt_methods_rest.py"
    if damage == "missing":
        rest.unlink()
    else:
        text = rest.read_text(encoding="utf-8")
        rest.write_text(re.sub(r"GENERATION = '[0-9a-f]+'", "GENERATION = 'another'", text), encoding="utf-8")
    probe = ("from planners.model.entities import Ref\n"
             "print(repr(Ref('a')), hash(Ref('a')) == hash(('a', None, None, None)),"
             " Ref.__repr__.__wrapped__.__code__.co_filename, Ref.__init__.__code__.co_filename.rpartition('/')[2])")
    out = subprocess.run([sys.executable, "-c", probe], cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)},
                         check=True, capture_output=True, text=True).stdout.split()
    assert out == ["Ref(entity='a',", "scenario=None,", "index=None,", "field=None)", "True", "<string>",
                   "prebuilt_methods.py"]
    real = _report_in({"SUNDHEDSHUS_PREBUILT": "record"})
    ours = _report_in({}, tree)
    assert sorted(ours) == sorted(real)
    for key in real:
        for aspect in real[key]:
            assert ours[key][aspect] == real[key][aspect], (key, aspect)


def test_the_first_call_sets_only_the_stand_ins_still_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    """A method set on the class after it was made (here by a test's monkeypatch) is not overwritten by the first
    call of another; the class's own methods never are (as `dataclasses` never overwrites them)."""
    made_as_at_start(Ref)
    assert prebuilt._STAND_INS.get(Ref), "Ref's repr, eq, hash, setattr and delattr wait for their first call"

    def mine(self: object, other: object) -> bool:
        return True

    monkeypatch.setattr(Ref, "__eq__", mine)
    assert repr(Ref("a")) == "Ref(entity='a', scenario=None, index=None, field=None)"  # the first call
    assert Ref.__dict__["__eq__"] is mine and Ref("a") == Ref("b")
    assert Ref.__dict__["__repr__"] is prebuilt._LATER[Ref]["__repr__"]
    monkeypatch.undo()  # the stand-in back: it calls the method made meanwhile
    assert Ref("a") == Ref("a") and Ref("a") != Ref("b")
    made_as_at_start(Ref)


def test_the_first_call_from_many_threads_makes_the_methods_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The GUI's workers may call a stand-in together: one thread makes the class's methods, the others wait for
    them, and every call answers as the real method does."""
    import threading

    monkeypatch.setattr(sys, "getswitchinterval", sys.getswitchinterval)
    sys.setswitchinterval(1e-6)  # switch threads as often as the interpreter can
    monkeypatch.setattr(prebuilt, "_make_later", _counting(prebuilt._make_later))
    try:
        for cls in _classes():
            if cls not in prebuilt._STAND_INS or "__repr__" not in prebuilt._STAND_INS[cls]:
                continue
            made_as_at_start(cls)
            MADE.pop(cls, None)  # (made already where another class's repr showed one of it)
            required = {f.name: f"<{f.name}>" for f in dataclasses.fields(cls) if f.init
                        and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
            one, two = cls(**required), cls(**required)
            barrier = threading.Barrier(8)
            answers: list[object] = []

            def call(one: Any = one, two: Any = two, barrier: threading.Barrier = barrier,
                     answers: list[object] = answers) -> None:
                barrier.wait()
                answers.append((repr(one), one == two))

            threads = [threading.Thread(target=call) for _ in range(8)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert len(set(map(str, answers))) == 1 and len(answers) == 8, cls
            assert cls.__dict__["__repr__"] is prebuilt._LATER[cls]["__repr__"], cls
            assert MADE[cls] == 1, cls
    finally:
        sys.setswitchinterval(0.005)


def test_the_gui_reads_the_rest_module_before_qt() -> None:
    """In the app, a module first imported after PySide6 has its source read by PySide's import hook: the window reads
    `prebuilt_methods_rest` before Qt (`desktop.app.load_core_first`), so a stand-in's first call there imports
    nothing."""
    code = ("import sys\nfrom desktop.app import load_core_first\nload_core_first(plan=True)\n"
            "print('planners.model.prebuilt_methods_rest' in sys.modules, 'PySide6' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                         check=True, capture_output=True, text=True).stdout.split()
    assert out == ["True", "False"]


MADE: dict[type, int] = {}


def _counting(make: Any) -> Any:
    MADE.clear()

    def counted(cls: type, rest: Any) -> Any:
        MADE[cls] = MADE.get(cls, 0) + 1
        return make(cls, rest)

    return counted


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
