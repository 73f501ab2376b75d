"""One way to translate (issue 13.7): the refusals and errors that used to carry their own English beside the
Danish are msgids now, and read in English from the catalog, with the values written as English writes them.
The expected texts are written out by hand here, from the Danish ones the other tests check."""

from __future__ import annotations

import dataclasses
import sqlite3
from decimal import Decimal as D
from pathlib import Path

import pytest

from planners.figures.balance import balancing_amount
from planners.figures.goalseek import grant_keeping_rent
from planners.model.errors import PlanError, RefusedFile
from planners.model.i18n import translate_in, translate_plural
from planners.model.money import format_number
from planners.model.timeline import TenantTerms, TimeLine
from planners.model.timeline_validation import validate_timeline
from planners.store import filerules
from planners.store.planfile import read_plan
from planners.store.safewrite import TargetRefused, check_target, office_lock_file
from tests.fuzzing import edit_by_hand
from tests.planners.plans import rich_plan_file
from tests.planners.whatif_plans import smaaby


@pytest.fixture
def plan_path(tmp_path: Path) -> Path:
    return rich_plan_file(tmp_path / "plan.sundhedshus")


def test_a_bad_value_is_named_in_english_too(plan_path: Path) -> None:
    conn = sqlite3.connect(plan_path)
    room = int(conn.execute("SELECT min(id) FROM room").fetchone()[0])
    conn.close()
    edit_by_hand(plan_path, f"UPDATE room SET net_m2 = 'abc' WHERE id = {room}")
    with pytest.raises(RefusedFile) as info:
        read_plan(plan_path)
    assert info.value.message == (
        "Planen er beskadiget eller ændret uden for Sundhedshus og kan ikke åbnes: tabel «room» (rum), række "
        f"{room}, felt «net_m2»: skal være et tal (fandt «abc»). Filen er ikke ændret; brug en sikkerhedskopi.")
    assert info.value.message_en == (
        "The plan is damaged or was changed outside Sundhedshus and cannot be opened: table «room» (room), row "
        f"{room}, field «net_m2»: must be a number (found «abc»). The file was not changed; use a backup copy.")


def test_a_missing_column_and_a_foreign_trigger_in_english(plan_path: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.sundhedshus"
    other.write_bytes(plan_path.read_bytes())
    edit_by_hand(plan_path, "ALTER TABLE service DROP COLUMN annual")
    with pytest.raises(RefusedFile) as info:
        read_plan(plan_path)
    assert "table «service»: the column «annual» is missing." in info.value.message_en
    assert "tabel «service»: kolonnen «annual» mangler." in info.value.message
    edit_by_hand(other, "CREATE VIEW v AS SELECT 1")
    with pytest.raises(RefusedFile) as info:
        read_plan(other)
    assert info.value.message_en.startswith("The plan contains a view («v») that Sundhedshus did not make")
    assert info.value.message.startswith("Planen indeholder et view («v»), som Sundhedshus ikke har lavet")


def test_a_too_long_text_gives_the_limit_as_each_language_writes_it(plan_path: Path) -> None:
    edit_by_hand(plan_path, f"UPDATE tenant SET name = '{'x' * (filerules.MAX_TEXT + 1)}'")
    with pytest.raises(RefusedFile) as info:
        read_plan(plan_path)
    assert "teksten er for lang (højst 100.000 tegn)" in info.value.message
    assert "the text is too long (at most 100,000 characters)" in info.value.message_en


def test_a_folder_and_an_open_workbook_are_refused_in_english(tmp_path: Path) -> None:
    with pytest.raises(TargetRefused) as info:
        check_target(tmp_path / "missing" / "a.xlsx")
    assert info.value.message_en == f"The folder {tmp_path / 'missing'} does not exist"
    target = tmp_path / "bilag.xlsx"
    office_lock_file(target).write_text(",Anne Hansen,pc-42,01.12.2026 09:00,file:///x;", encoding="utf-8")
    with pytest.raises(TargetRefused) as info:
        check_target(target)
    assert info.value.message == ("bilag.xlsx er åben i et regneark eller kontorprogram af Anne Hansen. Luk den og "
                                  "prøv igen; filen er ikke ændret.")  # fmt: skip
    assert info.value.message_en == "bilag.xlsx is open in an office suite by Anne Hansen. Close it and try again."


def test_a_balancing_excess_is_written_as_english_writes_amounts() -> None:
    plan = smaaby(grant=1_500_000)
    sc = plan.scenarios[0]
    sc.financing[0] = dataclasses.replace(sc.financing[0], amount=D("7000000.30"))
    with pytest.raises(PlanError) as raised:
        balancing_amount(plan, "Nybyg", 1)
    assert "allerede 400.000,30 kr. større end anlægsudgifterne" in raised.value.message
    assert "exceed the establishment costs by DKK 400,000.30." in raised.value.message_en
    with pytest.raises(PlanError) as raised:
        balancing_amount(plan, "Nybyg", 2)
    assert raised.value.message_en == "The scenario has no financing line number 3."


def test_an_unreachable_goal_names_its_lever_in_english() -> None:
    # A pays 10.000 kr. today; a grant of the whole cost (6.600.000 kr.) still leaves 42.000 kr. (test_goalseek).
    plan = smaaby()
    sc = plan.scenarios[0]
    sc.tenants[0] = dataclasses.replace(sc.tenants[0], current_annual_rent=D(10_000))
    with pytest.raises(PlanError) as raised:
        grant_keeping_rent(plan, sc, "a")
    assert raised.value.message.endswith("og et tilskud på 6.600.000 kr. giver 42.000 kr.")
    assert raised.value.message_en.startswith("The target cannot be reached: a grant of DKK 0 gives DKK ")
    assert raised.value.message_en.endswith(", and a grant of DKK 6,600,000 gives DKK 42,000")


def test_time_line_problems_read_in_english() -> None:
    timeline = TimeLine(first_year=1800, tenants=[TenantTerms("a"), TenantTerms("a")])
    problems = {p.path: p for p in validate_timeline(timeline, "tl")}
    assert problems["tl.first_year"].message_da == "skal være et årstal mellem 1900 og 2200"
    assert problems["tl.first_year"].message_en == "must be a year between 1900 and 2200"
    assert problems["tl.tenants[1].tenant"].message_en == "the tenant «a» already has terms"


def test_a_plural_fills_its_values_in_its_own_language() -> None:
    # A value that depends on the language (here 2,5 / 2.5) follows the plural's language, not Danish.
    def n(lang: str) -> str:
        return format_number(D("2.5"), 1, lang)

    assert translate_plural("{n} kliniker", "{n} klinikere", 2, "en", n=n) == "2.5 clinicians"
    assert translate_plural("{n} kliniker", "{n} klinikere", 2, "da", n=n) == "2,5 klinikere"
    assert translate_in("ét fund", "Fejl", "en") == "Error"
