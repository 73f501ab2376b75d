"""Writes `planners/model/prebuilt_methods.py` and `prebuilt_methods_more.py`: the methods `dataclasses.dataclass`
compiles for each class declared with `planners.model.prebuilt.dataclass`, as module source (issue 19).

    python -m planners.model.prebuilt_gen            # rewrite the modules
    python -m planners.model.prebuilt_gen --check    # exit 1 if one is stale

It runs the real decorator on every such class (in a fresh interpreter, `SUNDHEDSHUS_PREBUILT=record`) and
keeps the exact text of each function it compiles (`dataclasses._create_fn`), so the prebuilt methods are the
ones `dataclasses` makes on this Python, not a re-implementation. The modules are found by their import of
`planners.model.prebuilt`. `tests/planners/test_prebuilt.py` fails when a committed module is stale.

The classes of the modules a reading command (`summary`, `check`) never imports (`MORE_MODULES`: editing, the
history, the rent over the years, what-if) go to `prebuilt_methods_more`, read only when the first of them is made,
so such a command does not unmarshal their methods (≈ 1 M instructions of every `summary`; s20-imp).

Only the methods needed to make and use instances are made with the class (`__init__`; `__eq__` of `EQ_AT_ONCE`):
the others — `__repr__`, `__eq__`, the order methods, `__hash__`, a frozen class's `__setattr__`/`__delattr__`,
which a reading command never calls — are in `prebuilt_methods_rest`, read when one of them is first called
(`prebuilt._later`; ≈ 100 kB of `.pyc` off every `summary`; s22-pre). The three modules carry one `GENERATION`, the
digest of the third's text: methods from two runs of the generator are never mixed.
"""

from __future__ import annotations

import ast
import hashlib
import importlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TARGET = Path(__file__).resolve().with_name("prebuilt_methods.py")
MORE_TARGET = TARGET.with_name("prebuilt_methods_more.py")
REST_TARGET = TARGET.with_name("prebuilt_methods_rest.py")
# The declaring modules whose classes go to `prebuilt_methods_more`: none of them is imported by a reading command
# (tests/planners/test_summary_light.py). A class of any other module goes to `prebuilt_methods`; one of these made
# by a reading command after all would still be found, one module later.
MORE_MODULES = ("planners.figures.incremental", "planners.figures.whatif", "planners.figures.years",
                "planners.model.yearly", "planners.store.history", "planners.store.lock", "planners.store.origin",
                "planners.store.versions")  # fmt: skip
# The classes whose `__eq__` a reading command calls (`summary`, `check`, `export-json`): `findings.application_begun`
# and `plan_json` compare the signatory, the project leader and the approval with the empty ones,
# `TimeLine.is_default` a scenario's time line with the default, `plan_json._catalogs_dict` a plan's catalog rows
# with the bundled ones. Their `__eq__` is made with the class, so such a command never reads
# `prebuilt_methods_rest` (tests/planners/test_summary_light.py); any other class's `__eq__` waits for its first
# call. A class left out here would only have its methods read one module later.
EQ_AT_ONCE = ("planners.model.entities.Approval", "planners.model.entities.EquipmentItem",
              "planners.model.entities.Person", "planners.model.entities.RoomTypeInfo",
              "planners.model.entities.TenantKindInfo", "planners.model.timeline.TimeLine")  # fmt: skip
IMPORT_LINE = "from planners.model.prebuilt import "

# What the decorator's locals become in the generated build function (`_b…(cls, T, D, MISSING,
# HAS_DEFAULT_FACTORY, F)`): T the annotations, D the defaults and factories, F FrozenInstanceError.
FIXED = {"MISSING": "MISSING", "_HAS_DEFAULT_FACTORY": "HAS_DEFAULT_FACTORY",
         "__dataclass_builtins_object__": "object", "cls": "cls", "FrozenInstanceError": "F"}

RECORDS: list[tuple[Any, ...]] = []
SKIPPED: list[str] = []


def declaring_modules() -> list[str]:
    """Every module of ours that declares classes with the prebuilt decorator."""
    names = []
    for path in sorted((ROOT / "planners").rglob("*.py")):
        if path.name != "prebuilt.py" and IMPORT_LINE in path.read_text(encoding="utf-8"):
            names.append(".".join(path.relative_to(ROOT).with_suffix("").parts))
    return names


def record(cls: type, options: tuple[bool, ...], specs: Any) -> type:
    """Make `cls` with the real decorator and record the text of every function it compiles."""
    import dataclasses

    from planners.model import prebuilt

    key = f"{cls.__module__}.{cls.__qualname__}"
    if specs is None:
        SKIPPED.append(key)
        return prebuilt.real_dataclass(cls, options)
    fingerprint = prebuilt.fingerprint(cls, options, specs)
    own = cls.__dict__
    had_doc = bool(cls.__doc__)
    had_match_args = "__match_args__" in own
    class_hash = own.get("__hash__", dataclasses.MISSING)
    explicit_hash = not (class_hash is dataclasses.MISSING or (class_hash is None and "__eq__" in own))
    action = dataclasses._hash_action[bool(options[4]), bool(options[2]), bool(options[5]),  # type: ignore[attr-defined]
                                      explicit_hash]
    captured: list[tuple[str, str, dict[str, Any]]] = []
    original = dataclasses._create_fn  # type: ignore[attr-defined]

    def capture(name: str, args: Any, body: Any, *, globals: Any = None, locals: Any = None,
                return_type: Any = dataclasses.MISSING) -> Any:
        locals = {} if locals is None else locals
        fn = original(name, args, body, globals=globals, locals=locals, return_type=return_type)
        # The text as _create_fn builds it (locals now holds _return_type too, as when it was compiled).
        return_annotation = "->_return_type" if return_type is not dataclasses.MISSING else ""
        lines = "\n".join(f"  {b}" for b in body)
        text = f" def {name}({','.join(args)}){return_annotation}:\n{lines}"
        captured.append((name, text, dict(locals)))
        return fn

    dataclasses._create_fn = capture  # type: ignore[attr-defined]
    try:
        made = prebuilt.real_dataclass(cls, options)
    finally:
        dataclasses._create_fn = original  # type: ignore[attr-defined]
    defaults = {name: default if factory is prebuilt.MISSING else factory
                for name, _, default, factory, _ in specs}
    annotations = {name: annotation for name, annotation, _, _, _ in specs}
    calls = []
    for name, text, local_values in captured:
        arguments = []
        for local, value in local_values.items():
            if local in FIXED:
                arguments.append(FIXED[local])
            elif local == "_return_type" and value is None:
                arguments.append("None")
            elif local.startswith("_type_") and annotations.get(local[6:], prebuilt.MISSING) is value:
                arguments.append(f"T[{local[6:]!r}]")
            elif local.startswith("_dflt_") and defaults.get(local[6:], prebuilt.MISSING) is value:
                arguments.append(f"D[{local[6:]!r}]")
            else:
                SKIPPED.append(key)  # a local this generator does not know how to give: made at run time
                return made
        calls.append((name, text, list(local_values), arguments))
    hash_name = getattr(action, "__name__", None)
    hash_action = {"_hash_set_none": "set_none", "_hash_add": "add", None: None}[hash_name]
    doc = None if had_doc else made.__doc__
    match = made.__dict__.get("__match_args__") if options[6] and not had_match_args else None
    RECORDS.append((key, fingerprint, calls, hash_action, doc, match))
    return made


def _module_of(key: str) -> str:
    """The declaring module of a recorded class (its key is module.qualname; a nested class has dots in both)."""
    return next((name for name in MORE_MODULES if key.startswith(name + ".")), "")


def _source() -> str:
    """The generated modules' texts, one after the other, each after a line naming its file (in this interpreter,
    which must have SUNDHEDSHUS_PREBUILT=record)."""
    for name in declaring_modules():
        importlib.import_module(name)
    records = sorted(RECORDS)
    missing = set(EQ_AT_ONCE) - {r[0] for r in records}
    assert not missing, f"EQ_AT_ONCE names no generated class: {sorted(missing)}"
    main = [r for r in records if not _module_of(r[0])]
    more = [r for r in records if _module_of(r[0])]
    numbered = list(enumerate(main + more))
    rest = _rest_source(numbered)
    generation = hashlib.sha256(rest.encode("utf-8")).hexdigest()[:16]
    return (f"{SEPARATOR}{TARGET.name}\n" + _module_source(numbered[:len(main)], "", generation)
            + f"{SEPARATOR}{MORE_TARGET.name}\n" + _module_source(numbered[len(main):], "_more", generation)
            + f"{SEPARATOR}{REST_TARGET.name}\n" + rest.replace(GENERATION_MARK, _generation_line(generation)))


SEPARATOR = "#>>> "
GENERATION_MARK = "#<generation>\n"


def _generation_line(generation: str) -> str:
    return f"GENERATION = {generation!r}  # the digest of prebuilt_methods_rest's text: the three modules' run\n"


def made_at_once(key: str, name: str) -> bool:
    """Whether the method `name` of the class `key` is made with the class (else at its first call)."""
    return name == "__init__" or (name == "__eq__" and key in EQ_AT_ONCE)


def _header(lines: list[str]) -> list[str]:
    """A generated module's head: its doc (`lines`), the formatters kept off, `PYTHON`."""
    return [
        "# mypy: ignore-errors",
        '"""Generated by `python -m planners.model.prebuilt_gen` from the declarations; do not edit.',
        "",
        *lines[:-1], lines[-1] + '"""',
        "",
        "# fmt: off",
        "# ruff: noqa",
        "",
        "import sys",
        "",
        f"PYTHON = {tuple(sys.version_info[:2])!r}  # the Python whose dataclasses wrote these methods",
    ]


def _build_function(name: str, key: str, calls: list[tuple[Any, ...]], placeholders: list[str]) -> list[str]:
    """One class's build function: the locals its methods (`calls`) use, then the methods' text as `dataclasses`
    compiled them, closing over those locals as they did; it returns each method by name, and None for each of
    `placeholders` (a method made later, in its order among them)."""
    out = [f"def {name}(cls, T, D, MISSING, HAS_DEFAULT_FACTORY, F):"]
    given: dict[str, str] = {}
    for _, _, local_names, arguments in calls:
        for local, argument in zip(local_names, arguments, strict=True):
            if local not in FIXED or FIXED[local] != local:
                assert given.setdefault(local, argument) == argument, (key, local)  # one value a class
    used = set().union(*(_names_in(text) for _, text, _, _ in calls)) if calls else set()
    out.extend(f" {local} = {argument}" for local, argument in given.items() if local in used)
    out.extend(text for _, text, _, _ in calls)
    made = {method for method, _, _, _ in calls}
    order = placeholders or [method for method, _, _, _ in calls]
    out.append(f" return ({''.join(f'({m!r}, {m if m in made else None}), ' for m in order)})")
    out.append("")
    return out


def _classes_table(entries: list[str]) -> list[str]:
    """A generated module's `CLASSES` (its `entries`, one line each), empty on another Python."""
    return ["CLASSES = {", *entries, "}",
            "if sys.version_info[:2] != PYTHON:  # another Python's dataclasses may differ: use them instead",
            "    CLASSES = {}"]


def _names_in(text: str) -> set[str]:
    """Every name a method's text reads (its locals from the build function among them)."""
    tree = ast.parse("if 1:\n" + text)
    return {node.id for node in ast.walk(tree) if isinstance(node, ast.Name)}


def _module_source(numbered: list[tuple[int, tuple[Any, ...]]], suffix: str, generation: str) -> str:
    """`prebuilt_methods` or `prebuilt_methods_more`: each class's build function of the methods made with it, and
    CLASSES."""
    out = _header([
        "The functions `dataclasses.dataclass` compiles for each class declared with",
        "`planners.model.prebuilt.dataclass`, in the very text it compiles them from (Python "
        f"{sys.version_info.major}.{sys.version_info.minor}), byte-compiled",
        "with the rest of the code instead of exec'd at every start (issue 19): here those made with the class; those",
        "a reading command never calls are in `prebuilt_methods_rest` (None in a build function's answer).",
        *(["Here the classes of the modules a reading command never imports (`prebuilt_gen.MORE_MODULES`); the",
           "others are in `prebuilt_methods`."] if suffix else []),
    ])
    if not suffix:
        out.append("# The declaring modules whose classes are in prebuilt_methods_more.")
        out.append(f"MORE_MODULES = {MORE_MODULES!r}")
    out.append(_generation_line(generation))
    table = []
    for number, (key, fingerprint, calls, hash_action, doc, match) in numbered:
        out.append(f"# {key}")
        now = [call for call in calls if made_at_once(key, call[0])]
        out.extend(_build_function(f"_b{number}", key, now, [call[0] for call in calls]))
        table.append(f"    {key!r}: ({fingerprint!r}, _b{number}, {hash_action!r}, {doc!r}, {match!r}),")
    out.extend(_classes_table(table))
    if SKIPPED and not suffix:
        out.append(f"# Made by dataclasses at run time (not generated): {', '.join(sorted(set(SKIPPED)))}")
    return "\n".join(out) + "\n"


def _rest_source(numbered: list[tuple[int, tuple[Any, ...]]]) -> str:
    """`prebuilt_methods_rest`: each class's build function of the methods made at their first call (numbered as the
    class's in the other two), and CLASSES; `GENERATION_MARK` where the digest of this text goes."""
    out = _header([
        "The functions `dataclasses.dataclass` compiles for each class declared with",
        "`planners.model.prebuilt.dataclass` that a reading command never calls (`__repr__`, `__eq__`, the order",
        "methods, `__hash__`, a frozen class's `__setattr__`/`__delattr__`), in the very text it compiles them from",
        f"(Python {sys.version_info.major}.{sys.version_info.minor}): read when the first of them is called "
        "(`planners.model.prebuilt._later`); the",
        "methods made with the class are in `prebuilt_methods` and `prebuilt_methods_more`.",
    ])
    out.append(GENERATION_MARK)
    table = []
    for number, (key, _, calls, _, _, _) in numbered:
        later = [call for call in calls if not made_at_once(key, call[0])]
        if later:
            out.append(f"# {key}")
            out.extend(_build_function(f"_r{number}", key, later, []))
            table.append(f"    {key!r}: _r{number},")
    out.extend(_classes_table(table))
    return "\n".join(out) + "\n"


def generated_sources() -> dict[Path, str]:
    """Each generated module's text as the generator writes it, from a fresh interpreter."""
    env = {**os.environ, "SUNDHEDSHUS_PREBUILT": "record", "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", "from planners.model.prebuilt_gen import _source\n"
                           "import sys\nsys.stdout.write(_source())"],
                          env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    texts: dict[Path, str] = {}
    for part in done.stdout.split(SEPARATOR)[1:]:
        name, _, text = part.partition("\n")
        texts[TARGET.with_name(name)] = text
    assert set(texts) == {TARGET, MORE_TARGET, REST_TARGET}, sorted(texts)
    return texts


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    texts = generated_sources()
    if "--check" in args:
        for target, text in texts.items():
            current = target.read_text(encoding="utf-8") if target.exists() else ""
            if current != text:
                print(f"{target} is stale: run python -m planners.model.prebuilt_gen", file=sys.stderr)
                return 1
        return 0
    for target, text in texts.items():
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
