"""planners.model.names: every code of each enum has a Danish and an English name; palette re-exports the same tables."""

from __future__ import annotations

import pytest

from planners.exports import palette
from planners.model import (
    AllocationKey,
    ApplicantType,
    CostCategory,
    FinancingSource,
    Level,
    ProjectType,
    RunningRate,
    Sector,
    names,
)

TABLES = [
    (names.CATEGORY_NAMES, CostCategory), (names.SOURCE_NAMES, FinancingSource),
    (names.APPLICANT_TYPE_NAMES, ApplicantType), (names.PROJECT_TYPE_NAMES, ProjectType),
    (names.SECTOR_NAMES, Sector), (names.KEY_NAMES, AllocationKey), (names.LEVEL_NAMES, Level),
    (names.LEVEL_PLURAL_NAMES, Level), (names.RUNNING_RATE_NAMES, RunningRate),
]  # fmt: skip


@pytest.mark.parametrize(("table", "enum"), TABLES)
def test_every_code_named_in_both_languages(table, enum) -> None:  # noqa: ANN001
    assert set(table) == set(enum)
    for da, en in table.values():
        assert da.strip() and en.strip()
        assert not set("æøåÆØÅ") & set(en)


def test_name_and_pick() -> None:
    assert names.name(names.CATEGORY_NAMES, CostCategory.CONSTRUCTION) == "Byggeri"
    assert names.name(names.CATEGORY_NAMES, CostCategory.CONSTRUCTION, "en") == "Construction"
    assert names.pick(names.VACANT_NAME, "en") == "Vacant"


TABLE_NAMES = ("CATEGORY_NAMES", "SOURCE_NAMES", "APPLICANT_TYPE_NAMES", "PROJECT_TYPE_NAMES", "SECTOR_NAMES", "KEY_NAMES",
               "LEVEL_NAMES", "LEVEL_PLURAL_NAMES", "RUNNING_RATE_NAMES")


@pytest.mark.parametrize("table", TABLE_NAMES)
@pytest.mark.parametrize("lang", ["da", "en"])
def test_name_of_a_table_by_its_name_is_the_name_through_the_table(table: str, lang: str) -> None:
    # name_of gives Danish without making the tables (their English reads the catalog): the same words as name()
    for code, entry in getattr(names, table).items():
        assert names.name_of(table, code, lang) == names.name(getattr(names, table), code, lang)
        assert names.name_of(table, code, lang) == entry[0 if lang == "da" else 1]


def test_an_unknown_attribute_of_names_is_an_attribute_error() -> None:
    assert not hasattr(names, "NO_SUCH_NAMES")
    assert not hasattr(names, "__path__")  # a module, not a package: `from names import x` asks for it


def test_palette_uses_the_same_tables() -> None:
    assert palette.CATEGORY_NAMES is names.CATEGORY_NAMES
    assert palette.name is names.name


def test_every_table_is_named_and_answered_and_codes_are_the_tables() -> None:
    """`TABLES` (what `__getattr__` answers) is every table `_tables` makes, in Danish too with KEY_NAMES apart
    (s20-imp2: the glossary's table is made only when asked for), and `codes` lists each table's codes in order."""
    assert names.TABLES == set(names._tables(names._danish_text)) == {*TABLE_NAMES, "OTHERS_NAME", "VACANT_NAME"}
    assert set(names._danish()) == names.TABLES - {"KEY_NAMES"}
    for table in TABLE_NAMES:
        assert names.codes(table) == list(getattr(names, table)), table


def test_a_danish_name_of_a_level_does_not_import_the_glossary() -> None:
    """The summary names levels, categories and rates in Danish: the glossary (the keys' names) is not imported for
    them, and is for a key's name (s20-imp2)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = ("import sys\nfrom planners.model.names import name_of, codes\nfrom planners.model import Level, AllocationKey\n"
            "print(name_of('LEVEL_NAMES', Level.ERROR), name_of('CATEGORY_NAMES', codes('CATEGORY_NAMES')[0]))\n"
            "print('planners.model.glossary' in sys.modules)\n"
            "print(name_of('KEY_NAMES', AllocationKey.AREA))\nprint('planners.model.glossary' in sys.modules)\n")
    root = Path(names.__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(root)})
    assert done.stdout.splitlines() == ["Fejl Erhvervelse", "False", "Efter areal", "True"]
