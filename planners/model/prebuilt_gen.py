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
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TARGET = Path(__file__).resolve().with_name("prebuilt_methods.py")
MORE_TARGET = TARGET.with_name("prebuilt_methods_more.py")
# The declaring modules whose classes go to `prebuilt_methods_more`: none of them is imported by a reading command
# (tests/planners/test_summary_light.py). A class of any other module goes to `prebuilt_methods`; one of these made
# by a reading command after all would still be found, one module later.
MORE_MODULES = ("planners.figures.incremental", "planners.figures.whatif", "planners.figures.years",
                "planners.model.yearly", "planners.store.history", "planners.store.lock", "planners.store.origin",
                "planners.store.versions")  # fmt: skip
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
    """Both generated modules' texts, one after the other, each after a line naming its file (in this interpreter,
    which must have SUNDHEDSHUS_PREBUILT=record)."""
    for name in declaring_modules():
        importlib.import_module(name)
    records = sorted(RECORDS)
    main = [r for r in records if not _module_of(r[0])]
    more = [r for r in records if _module_of(r[0])]
    return (f"{SEPARATOR}{TARGET.name}\n" + _module_source(main, "", 0)
            + f"{SEPARATOR}{MORE_TARGET.name}\n" + _module_source(more, "_more", len(main)))


SEPARATOR = "#>>> "


def _module_source(records: list[tuple[Any, ...]], suffix: str, first: int) -> str:
    """One generated module: the build function of each class of `records`, numbered from `first`, and CLASSES."""
    out = [
        "# mypy: ignore-errors",
        '"""Generated by `python -m planners.model.prebuilt_gen` from the declarations; do not edit.',
        "",
        "The functions `dataclasses.dataclass` compiles for each class declared with",
        "`planners.model.prebuilt.dataclass`, in the very text it compiles them from (Python "
        f"{sys.version_info.major}.{sys.version_info.minor}), byte-compiled",
        "with the rest of the code instead of exec'd at every start (issue 19)." + ("" if suffix else '"""'),
        *(["Here the classes of the modules a reading command never imports (`prebuilt_gen.MORE_MODULES`); the",
           'others are in `prebuilt_methods`."""'] if suffix else []),
        "",
        "# fmt: off",
        "# ruff: noqa",
        "",
        "import sys",
        "",
        f"PYTHON = {tuple(sys.version_info[:2])!r}  # the Python whose dataclasses wrote these methods",
    ]
    if not suffix:
        out.append("# The declaring modules whose classes are in prebuilt_methods_more.")
        out.append(f"MORE_MODULES = {MORE_MODULES!r}")
    out.append("")
    table = []
    for number, (key, fingerprint, calls, hash_action, doc, match) in enumerate(records, start=first):
        out.append(f"# {key}")
        # One function a class (as Python 3.13 compiles them in one batch): the locals dataclasses gives each
        # method, then the methods' text as it compiled them, closing over those locals as they did.
        out.append(f"def _b{number}(cls, T, D, MISSING, HAS_DEFAULT_FACTORY, F):")
        given: dict[str, str] = {}
        for _, _, local_names, arguments in calls:
            for local, argument in zip(local_names, arguments, strict=True):
                if local not in FIXED or FIXED[local] != local:
                    assert given.setdefault(local, argument) == argument, (key, local)  # one value a class
        out.extend(f" {local} = {argument}" for local, argument in given.items())
        out.extend(text for _, text, _, _ in calls)
        out.append(f" return ({''.join(f'({name!r}, {name}), ' for name, _, _, _ in calls)})")
        out.append("")
        table.append(f"    {key!r}: ({fingerprint!r}, _b{number}, {hash_action!r}, {doc!r}, {match!r}),")
    out.append("CLASSES = {")
    out.extend(table)
    out.append("}")
    out.append("if sys.version_info[:2] != PYTHON:  # another Python's dataclasses may differ: use them instead")
    out.append("    CLASSES = {}")
    if SKIPPED and not suffix:
        out.append(f"# Made by dataclasses at run time (not generated): {', '.join(sorted(set(SKIPPED)))}")
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
    assert set(texts) == {TARGET, MORE_TARGET}, sorted(texts)
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
