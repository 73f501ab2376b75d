"""Plain Danish everywhere a person looks (issue 14.3): no code, enum value, id, format name or notation in a
finding's text, the list of what to look up, or any cell of the annex; and one name a concept across the app,
the annex and the report (the glossary, planners/model/glossary.py)."""

from __future__ import annotations

from decimal import Decimal
from decimal import Decimal as D

import pytest

from planners.checks.findings import for_people, run_checks, to_look_up
from planners.exports.annex.workbook import build_workbook
from planners.figures.engine import compute
from planners.model import AllocationKey, Plan
from tests.planners.annex_plans import edge_plans, templates
from tests.planners.plain_words import CODES, offending
from tests.planners.test_checks import messy_plan


def _plans() -> dict[str, Plan]:
    out = dict(templates())
    out["messy"] = messy_plan()
    out.update({f"edge {k}": v for k, v in edge_plans().items()})
    return out


def _ids(plan: Plan) -> set[str]:
    return {t.id for s in plan.scenarios for t in s.tenants}


def test_the_scanner_finds_what_it_must() -> None:
    """The scan can fail: each kind of offence it looks for is found in a text that has it."""
    assert offending("Kode: rule_unknown") == ["rule_unknown"]
    assert offending("Fordeling: custom") == ["custom"]
    assert offending("Plan som JSON…") == ["JSON"]
    assert offending("ikke en SQLite-database") == ["SQLite"]
    assert offending("højst 10^15") == ["10^"]
    assert offending("Lejer rk betaler", {"rk"}) == ["rk"]
    assert offending("Region Sjælland; en note; IT-udstyr", {"rk"}) == []
    assert "gp_practice" in CODES and "region" not in CODES


@pytest.mark.parametrize("name", list(_plans()))
def test_no_finding_text_holds_a_code(name: str) -> None:
    plan = _plans()[name]
    for sc in plan.scenarios:
        for f in for_people(run_checks(plan, sc, compute(plan, sc.name))):
            assert offending(f.message("da"), _ids(plan)) == [], (f.code, f.message("da"))
            assert offending(f.message("en"), _ids(plan), danish=False) == [], (f.code, f.message("en"))


def test_the_unknown_rules_are_a_list_to_look_up_not_a_finding() -> None:
    plan = templates()["example"]
    sc = plan.scenario()
    findings = run_checks(plan, sc, compute(plan, sc.name))
    assert "rule_unknown" not in {f.code for f in findings}  # no finding anywhere, the command line's included
    assert "rule_unknown" not in {f.code for f in for_people(findings)}
    # The bundled 2019 round knows neither the eligible categories, a cap nor a share limit (its JSON says
    # "known": false for each): three things to look up, in plain words.
    items = to_look_up("2019")
    assert len(items) == 3
    assert any("udgifter" in x for x in items) and any("største tilskud" in x for x in items)
    assert all(offending(x) == [] for x in items)
    assert len(to_look_up("2019", "en")) == 3 and to_look_up("2019", "en") != items
    assert to_look_up("1999") == []  # an unknown round is a finding of its own


@pytest.mark.parametrize("name", list(templates()))
def test_no_annex_cell_holds_a_code_or_an_id(name: str) -> None:
    plan = templates()[name]
    wb = build_workbook(plan, compare=len(plan.scenarios) > 1)
    bad = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                value = cell.value
                if isinstance(value, str) and not value.startswith("="):  # formulas are the spreadsheet's
                    problems = offending(value, _ids(plan))
                    if problems:
                        bad.append((ws.title, cell.coordinate, value, problems))
    assert bad == []


def test_app_annex_and_report_name_each_split_alike() -> None:
    """The glossary's names, and nothing else, in the three places (issue 14: «Fælles: egne andele» in the app,
    «efter aftalt fordeling» in the report and «Aftalt» in the workbook were one split)."""
    from planners.exports.annex.layout import KEY_WORDS
    from planners.exports.annex.sheets import KEY_TEXT
    from planners.model import glossary, names

    for key in AllocationKey:
        term = glossary.KEYS[key]
        assert names.KEY_NAMES[key].da == term.name  # the app's choice list (desktop.i18n.KEYS reads it)
        assert KEY_WORDS[key] == term.word and KEY_TEXT[key] == "fordelt " + term.phrase  # the annex
        assert glossary.shared_text(key, report=True) == "Fælles, " + term.phrase  # the report's room programme
        assert glossary.shared_text(key) == "Fælles: " + term.phrase  # the app's placement column
        assert term.name.lower() == term.phrase  # one name, capitalised where it starts a choice
    assert glossary.KEYS[AllocationKey.CUSTOM].phrase == "efter aftalte andele"
    # English follows the catalog, the same in the app and the report.
    custom = glossary.KEYS[AllocationKey.CUSTOM]
    assert custom.phrase_in("en") != custom.phrase and custom.name_in("en").lower() == custom.phrase_in("en")


def test_the_report_and_the_annex_use_the_glossary_for_a_custom_split() -> None:
    """A room shared by agreed shares reads the same words in the workbook and the report's room programme."""
    from planners.exports.report.document import _room_user
    from planners.model import Allocation, RoomLine, RoomType

    plan = templates()["example"]
    sc = plan.scenario()
    ids = [t.id for t in sc.tenants]
    room = RoomLine(RoomType.WAITING, Decimal(20),
                    shared=Allocation(AllocationKey.CUSTOM, {ids[0]: Decimal(50), ids[1]: Decimal(50)}))
    assert _room_user(plan, sc, room, "da") == "Fælles, efter aftalte andele"
    sc.rooms.append(room)
    wb = build_workbook(plan, sc.name)
    texts = {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert "Fælles – fordelt efter aftalte andele" in texts and "Aftalte andele" in texts
    assert not {"Aftalt", "aftalt fordeling (se Forudsætninger)"} & texts


def test_findings_call_the_clinicians_by_the_glossarys_word() -> None:
    """«Behandlere» in the tables, the annex and the findings alike (a finding said «kliniker»)."""
    from planners.model import glossary
    from tests.planners.test_checks import base_plan

    area = []
    for clinicians in (D(5), D("0.8")):  # too little, too much area per clinician (test_checks' base plan)
        plan = base_plan()
        plan.scenarios[0].tenants[0].clinicians = clinicians
        sc = plan.scenarios[0]
        area += [f for f in run_checks(plan, sc, compute(plan, sc.name)) if f.code.startswith("area_per_clinician")]
    assert len(area) == 2
    for f in area:
        assert f"pr. {glossary.CLINICIAN}" in f.message_da and "kliniker" not in f.message_da
        assert "per clinician" in f.message_en


def test_the_capacity_aid_says_behandler_too() -> None:
    """The guide's room step read «4 klinikere … pr. kliniker» under a tenants' step that said «Behandlere»."""
    from planners import guide
    from planners.figures.capacity import suggest_rooms
    from planners.model import Tenant, TenantKind

    plan = guide.empty_plan("Prøve", 2027)
    sc = plan.scenarios[0]
    sc.tenants = [Tenant("a", "Lægerne", TenantKind.GP_PRACTICE, clinicians=D(3)),
                  Tenant("b", "Fysio", TenantKind.PHYSIOTHERAPIST, clinicians=D(1))]  # fmt: skip
    reasons = [s.reason("da") for s in suggest_rooms(plan, sc)]
    assert reasons and all("kliniker" not in r for r in reasons)
    assert any("3 behandlere" in r for r in reasons) and any("1 behandler " in r for r in reasons)
    assert all("pr. behandler" in r for r in reasons)
    english = [s.reason("en") for s in suggest_rooms(plan, sc)]
    assert any("3 clinicians" in r for r in english) and any("1 clinician " in r for r in english)
