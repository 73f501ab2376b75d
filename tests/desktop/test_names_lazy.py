"""The GUI's names of codes (`desktop.i18n.Names`) read the core's tables only in another language than Danish: a
Danish start makes no `Name` table and reads no English catalog (issue 19, ≈ 9 M instructions at start). In
both languages every mapping gives what the (da, en) table gives, in the table's order."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop import i18n
from planners.model import names

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def restore_language():  # noqa: ANN201
    before = i18n.lang()
    yield
    i18n.set_language(before)


@pytest.mark.parametrize("language", ["da", "en"])
def test_every_mapping_is_its_table(language: str, restore_language) -> None:  # noqa: ANN001
    i18n.set_language(language)
    assert len(i18n.ENUM_NAMES) == 8
    for mapping in i18n.ENUM_NAMES.values():
        assert isinstance(mapping, i18n.Names)
        table = getattr(names, mapping.table_name)
        assert mapping.table is table
        assert list(mapping) == list(table) and len(mapping) == len(table)
        assert dict(mapping.items()) == {code: names.pick(pair, language) for code, pair in table.items()}
    english = dict(i18n.PROJECT_TYPES.items())
    assert all(english.values())
    if language == "en":  # the English names are English, not the Danish msgids
        assert english != {code: pair[0] for code, pair in names.PROJECT_TYPE_NAMES.items()}


def test_a_danish_start_reads_no_catalog() -> None:
    code = ("import sys, desktop.i18n as i; from planners.model import names; "
            "rows = [list(m.items()) for m in i.ENUM_NAMES.values()]; assert all(rows); "
            "print('PROJECT_TYPE_NAMES' in vars(names), 'planners.model.mo_catalog' in sys.modules)")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})  # fmt: skip
    assert done.stdout.split() == ["False", "False"]
