"""Scenarios side by side (`planners.figures.compare`): the rows are the engine's figures, the differences are worked
out by hand on a small plan, tenants are matched by id (absent, never 0), and `sundhedshus export --compare`."""

from __future__ import annotations

import copy
import io
from decimal import Decimal as D
from pathlib import Path

import openpyxl
import pytest

from planners.checks.findings import run_checks
from planners.cli import main
from planners.figures.compare import SCALAR_ROWS, CompareError, Group, Unit, compare
from planners.figures.engine import compute
from planners.interchange.plan_json import dump_json
from planners.model import Level, Plan, RoomLine, RoomType, Tenant, TenantKind
from planners.model.errors import PlanError
from tests.planners.annex_plans import example, tiny_plan

THIRD = "Ombygning uden psykolog"


def three_scenario_plan() -> Plan:
    """The example (Ombygning, Nybyg) and a third scenario: Ombygning without the psychologist, with a dentist
    and a larger gross factor, so that one tenant is missing from a scenario and one is only in it."""
    plan = example()
    third = copy.deepcopy(plan.scenario("Ombygning"))
    third.name = THIRD
    third.gross_factor = D("1.42")
    third.tenants = [t for t in third.tenants if t.id != "psyk"]
    for room in third.rooms:
        if room.tenant == "psyk":
            room.tenant, room.vacant = None, True
    for line in third.equipment:
        if line.tenant == "psyk":
            line.tenant = None
            line.shared = copy.deepcopy(next(r.shared for r in third.rooms if r.shared is not None))
    for shared in [r.shared for r in third.rooms] + [e.shared for e in third.equipment] + [
            s.shared for s in third.running.services]:
        if shared is not None:
            shared.shares.pop("psyk", None)
    third.tenants.append(Tenant("tand", "Tandlægen", TenantKind.DENTIST, clinicians=D(1), staff=D(1)))
    third.rooms.append(RoomLine(RoomType.TREATMENT, D(18), 2, "Tandlægeklinik", tenant="tand"))
    plan.scenarios.append(third)
    return plan


def tiny_pair() -> Plan:
    """The annex tests' tiny plan (figures by hand there) and a variant: gross factor 2, tenant b gone (its room
    vacant)."""
    plan = tiny_plan()
    variant = copy.deepcopy(plan.scenarios[0])
    variant.name = "Uden fys"
    variant.gross_factor = D(2)
    variant.tenants = [t for t in variant.tenants if t.id != "b"]
    for room in variant.rooms:
        if room.tenant == "b":
            room.tenant, room.vacant = None, True
    plan.scenarios.append(variant)
    return plan


def test_differences_worked_out_by_hand() -> None:
    """Lille: net 60, gross 90, establishment 1,100,000, annual 81,000, a = 55,600, b = 25,400 (see
    test_annex_recalc.test_tiny_plan_by_hand). Uden fys: a's 20 m² + b's room vacant 10 m² + the waiting room
    30 m² all to a (the only tenant) → a 50 m² net, 100 m² gross; gross 60 × 2 = 120. Building cost = loan
    60,000 + running 100 × 120 = 72,000 → 600 kr./m². a: 100 × 600 + the reception 12,000 = 72,000; vacancy
    20 m² × 600 = 12,000; annual 84,000."""
    c = compare(tiny_pair())
    assert c.scenarios == ("Lille", "Uden fys") and c.base == "Lille"
    assert c.value("gross_m2", "Uden fys") == 120
    assert c.difference("gross_m2", "Uden fys") == 30
    assert c.difference("net_m2", "Uden fys") == 0
    assert c.difference("establishment_total", "Uden fys") == 0
    assert c.value("rent_per_gross_m2", "Uden fys") == 600
    assert abs(c.difference("rent_per_gross_m2", "Uden fys") - (D(600) - D(69000) / D(90))) < D("1e-20")
    assert c.difference("annual_cost_total", "Uden fys") == 3000
    assert c.difference("vacancy_cost", "Uden fys") == 12000
    assert c.value("tenant:a", "Uden fys") == 72000
    assert c.difference("tenant:a", "Uden fys") == 72000 - 55600
    assert c.value("tenant:b", "Lille") == 25400
    assert c.value("tenant:b", "Uden fys") is None  # absent, not 0
    assert c.difference("tenant:b", "Uden fys") is None
    # the base's own differences are None: nothing to take it against
    assert all(r.differences[c.base_index] is None for r in c.rows)


def test_every_value_is_the_engines_figure() -> None:
    plan = three_scenario_plan()
    c = compare(plan)
    assert c.scenarios == ("Ombygning", "Nybyg", THIRD)
    for name in c.scenarios:
        figures = compute(plan, name)
        findings = run_checks(plan, name, figures)
        for key, *_rest in SCALAR_ROWS:
            assert c.value(key, name) == getattr(figures, key), (name, key)
        for t in figures.tenants:
            assert c.value(f"tenant:{t.tenant_id}", name) == t.total
        for level in Level:
            assert c.value(f"findings:{level.value}", name) == sum(1 for f in findings if f.level is level)
        for r in c.rows:
            base_value = r.values[c.base_index]
            v = c.value(r.key, name)
            if name != c.base and v is not None and base_value is not None:
                assert c.difference(r.key, name) == v - base_value


def test_tenants_matched_by_id_and_absent_where_missing() -> None:
    c = compare(three_scenario_plan())
    keys = [r.key for r in c.tenant_rows]
    assert keys == ["tenant:gp", "tenant:fys", "tenant:hjem", "tenant:jm", "tenant:psyk", "tenant:tand"]
    assert c.row("tenant:psyk").values[2] is None
    assert c.row("tenant:tand").values[:2] == (None, None)
    assert c.row("tenant:tand").values[2] is not None and c.row("tenant:tand").values[2] > 0
    assert c.row("tenant:tand").label_da == "Tandlægen"
    assert c.row("tenant:tand").differences == (None, None, None)


def test_rows_carry_key_labels_and_unit() -> None:
    c = compare(three_scenario_plan())
    keys = [r.key for r in c.rows]
    assert len(keys) == len(set(keys))
    assert keys[:11] == [k for k, *_ in SCALAR_ROWS]
    assert keys[-3:] == ["findings:error", "findings:warning", "findings:note"]
    assert c.row("grant_share").unit is Unit.PCT and c.row("net_m2").unit is Unit.M2
    assert c.row("findings:error").unit is Unit.COUNT and c.row("tenant:gp").unit is Unit.KR
    assert c.row("net_m2").label("en") == "Net area" and c.row("net_m2").label() == "Nettoareal"
    assert [g for g in Group] == list(dict.fromkeys(r.group for r in c.rows))
    assert Unit.KR.symbol() == "kr." and Unit.KR.symbol("en") == "DKK"


def test_base_defaults_to_the_applied_scenario_else_the_first() -> None:
    plan = three_scenario_plan()
    plan.applied_scenario = "Nybyg"
    assert compare(plan).base == "Nybyg"
    assert compare(plan).applied == "Nybyg"
    assert compare(plan, [THIRD, "Ombygning"]).base == THIRD  # the applied one is not compared
    assert compare(plan, [THIRD, "Ombygning"]).applied is None
    assert compare(plan, base="Ombygning").base == "Ombygning"
    plan.applied_scenario = None
    assert compare(plan).base == "Ombygning"
    c = compare(plan, ["Nybyg", "Ombygning"], base="Ombygning")
    assert c.scenarios == ("Nybyg", "Ombygning") and c.base_index == 1


@pytest.mark.parametrize(
    ("scenarios", "base", "words"),
    [
        (["Ombygning", "Findes ikke"], None, "intet scenarie «Findes ikke»"),
        (["Ombygning"], None, "mindst to"),
        (["Nybyg", "Nybyg"], None, "mere end én gang"),
        (["Ombygning", "Nybyg"], THIRD, "ikke blandt"),
    ],
)
def test_what_cannot_be_compared(scenarios: list[str], base: str | None, words: str) -> None:
    with pytest.raises(CompareError) as caught:
        compare(three_scenario_plan(), scenarios, base)
    assert isinstance(caught.value, PlanError)
    assert words in caught.value.message


def test_a_plan_of_one_scenario() -> None:
    plan = tiny_plan()
    with pytest.raises(CompareError, match="kun ét scenarie"):
        compare(plan)


# --- sundhedshus export --compare --------------------------------------------------------------------------


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _json(plan: Plan, path: Path) -> Path:
    path.write_text(dump_json(plan), encoding="utf-8")
    return path


def test_export_compare_writes_the_sheet_and_the_pages(tmp_path: Path) -> None:
    source = _json(three_scenario_plan(), tmp_path / "plan.json")
    xlsx, pdf = tmp_path / "bilag.xlsx", tmp_path / "rapport.pdf"
    code, out, err = run("export", str(source), "--xlsx", str(xlsx), "--pdf", str(pdf), "--compare",
                         "--scenario", "Nybyg")
    assert (code, err) == (0, "")
    assert "bilag.xlsx" in out and "rapport.pdf" in out
    wb = openpyxl.load_workbook(xlsx)
    assert wb.sheetnames[-1] == "Scenarier"
    ws = wb["Scenarier"]
    assert [ws.cell(row=4, column=k).value for k in (3, 4, 5)] == ["Ombygning (søges)", "Nybyg (dette bilag)",
                                                                    THIRD]
    assert pdf.read_bytes().startswith(b"%PDF")
    # without --compare: no such sheet
    plain = tmp_path / "uden.xlsx"
    assert run("export", str(source), "--xlsx", str(plain))[0] == 0
    assert "Scenarier" not in openpyxl.load_workbook(plain).sheetnames


def test_export_compare_of_one_scenario_writes_nothing(tmp_path: Path) -> None:
    source = _json(tiny_plan(), tmp_path / "tiny.json")
    xlsx, pdf = tmp_path / "bilag.xlsx", tmp_path / "rapport.pdf"
    code, out, err = run("export", str(source), "--xlsx", str(xlsx), "--pdf", str(pdf), "--compare")
    assert code == 2
    assert "kun ét scenarie" in err and "Traceback" not in err
    assert not xlsx.exists() and not pdf.exists()


def test_export_parser_takes_compare() -> None:
    from planners.cli import build_parser

    assert build_parser().parse_args(["export", "x.json", "--pdf", "y.pdf", "--compare"]).compare is True
    assert build_parser().parse_args(["export", "x.json", "--pdf", "y.pdf"]).compare is False


def test_shared_part_of_the_house_by_hand() -> None:
    """Issue 15.4: how much of the house is shared, as key figure rows. Lille: the waiting room 30 m² of net
    20 + 10 + 30 = 60 m² is shared, 50 %; gross 30 × 1,5 = 45 m². Uden fys: the same 30 m² and 50 % (b's room is
    vacant, not shared), gross 30 × 2 = 60 m²: +15 m² gross, ±0 points."""
    c = compare(tiny_pair())
    assert c.row("shared_net_m2").values == (D(30), D(30))
    assert c.row("shared_gross_m2").values == (D(45), D(60))
    assert c.row("shared_share").values == (D("0.5"), D("0.5"))
    assert c.row("shared_gross_m2").differences == (None, D(15))
    assert c.row("shared_share").differences == (None, D(0))
    assert c.row("shared_share").unit is Unit.PCT and c.row("shared_net_m2").unit is Unit.M2
    assert c.row("shared_share").group is Group.SHARED and c.row("shared_share").attribute is None
    assert c.row("shared_net_m2").label() == "Fællesareal netto"
    assert c.row("shared_share").label("en") == "Shared part of the house"
