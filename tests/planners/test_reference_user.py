"""The user's data folder hook of planners.reference: extra pool rounds and app-wide catalog defaults."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from planners import reference


@pytest.fixture
def user_dir(tmp_path: Path):  # noqa: ANN201
    reference.set_user_data_dir(tmp_path)
    yield tmp_path
    reference.set_user_data_dir(None)


def test_a_users_round_is_added_after_the_bundled_ones(user_dir: Path) -> None:
    doc = json.loads((reference.resources_dir() / "rounds" / "2019.json").read_text(encoding="utf-8"))
    doc["code"] = "2030"
    doc["total"]["value"] = 12345678
    (user_dir / "rounds").mkdir()
    (user_dir / "rounds" / "2030.json").write_text(json.dumps(doc), encoding="utf-8")
    reference.set_user_data_dir(user_dir)  # read again
    rounds = reference.pool_rounds()
    assert list(rounds) == ["2018", "2019", "2030"]
    assert rounds["2030"].total == Decimal(12345678)
    assert reference.newest_round() == "2030"


def test_a_users_catalog_file_replaces_the_bundled_defaults(user_dir: Path) -> None:
    doc = json.loads((reference.resources_dir() / "catalogs" / "equipment.json").read_text(encoding="utf-8"))
    doc["items"]["ecg"]["unit_price"] = 99999
    (user_dir / "catalogs").mkdir()
    (user_dir / "catalogs" / "equipment.json").write_text(json.dumps(doc), encoding="utf-8")
    reference.set_user_data_dir(user_dir)
    assert reference.bundled_catalogs().equipment["ecg"].unit_price == Decimal(99999)
    reference.set_user_data_dir(None)
    assert reference.bundled_catalogs().equipment["ecg"].unit_price != Decimal(99999)


def test_without_user_files_nothing_changes(user_dir: Path) -> None:
    assert list(reference.pool_rounds()) == ["2018", "2019"]
