"""The findings of planners.checks.findings: a small plan per finding that triggers it, and one that does not.

The base plan is worked out by hand (see `base_plan`) so that it stays inside every rule and benchmark: it has
no finding. The bundled rounds mark the cap, the share limit and the eligible categories as unknown; that is no
finding (issue 14.3) but the round's list to look up (`to_look_up`). Round rules the data does not hold are patched in where a test needs them.
"""

from __future__ import annotations

import dataclasses
import re
from decimal import Decimal as D

import pytest

from planners import reference
from planners.figures.checked import check_all, run_checks
from planners.figures.engine import compute
from planners.model import (
    Allocation,
    AllocationKey,
    Applicant,
    ApplicantType,
    CostCategory,
    CostLine,
    EquipmentLine,
    FinancingLine,
    FinancingSource,
    GPCollaboration,
    Level,
    Plan,
    Ref,
    RoomLine,
    RoomType,
    RunningRate,
    Scenario,
    Service,
    Tenant,
    TenantKind,
)

SC = "Ombygning"


def base_plan(pool_round: str = "2019") -> Plan:
    """One GP practice (2 GPs) in 80 m² net, 108 m² gross; 2.000.000 kr. construction; grant + loan.

    By hand: the GP's allocated net = 2 × 16 + 48 (the only tenant takes the whole shared waiting room)
    = 80 m², 40 m² per GP = the norm set below; gross = 80 × 1,35 = 108 m² (100–30.000); establishment
    2.000.000 kr. = 18.518,5 kr./m² (5.000–45.000); financing 1.000.000 + 1.000.000 = establishment; grant
    1.000.000 kr. (896.000–20.170.000) = 50 % of eligible; rent = annuity(1.000.000 kr., 3 %, 30 years)
    ≈ 51.019 kr. / 108 m² ≈ 472 kr./m² (300–3.500).
    """
    catalogs = reference.bundled_catalogs()
    catalogs.tenant_kinds[TenantKind.GP_PRACTICE].m2_per_clinician = D(40)
    catalogs.tenant_kinds[TenantKind.PHYSIOTHERAPIST].m2_per_clinician = D(30)
    catalogs.running_rates = {rate: D(0) for rate in RunningRate}
    scenario = Scenario(
        name=SC,
        tenants=[Tenant(id="gp", name="Lægerne i Nordby", kind=TenantKind.GP_PRACTICE, clinicians=D(2),
                        staff=D(2), listed_patients=3200)],
        rooms=[
            RoomLine(RoomType.CONSULTATION, D(16), count=2, label="Konsultation", tenant="gp"),
            RoomLine(RoomType.WAITING, D(48), label="Venteværelse", shared=Allocation(AllocationKey.AREA)),
        ],
        costs=[CostLine(CostCategory.CONSTRUCTION, "Ombygning", amount=D(2_000_000),
                        spread={2018: D(50), 2019: D(50)})],
        financing=[
            FinancingLine(FinancingSource.GRANT, D(1_000_000)),
            FinancingLine(FinancingSource.LOAN, D(1_000_000), interest_pct=D(3), years=30),
        ],
    )
    return Plan(
        title="Sundhedshus Nordby",
        years=[2018, 2019],
        pool_round=pool_round,
        applicant=Applicant("Aarhus Kommune", ApplicantType.MUNICIPALITY),
        municipality="Aarhus",
        scenarios=[scenario],
        catalogs=catalogs,
    )


def codes(plan: Plan, scenario: str | None = None) -> list[str]:
    return [f.code for f in run_checks(plan, scenario)]


def only(plan: Plan, code: str):
    found = [f for f in run_checks(plan) if f.code == code]
    assert len(found) == 1, [f.code for f in run_checks(plan)]
    return found[0]


def patch_round(monkeypatch: pytest.MonkeyPatch, code: str = "2019", **changes: object) -> None:
    """Give a bundled round rules its data does not hold (a cap, a share limit, eligible categories)."""
    rounds = reference.pool_rounds()
    rounds[code] = dataclasses.replace(rounds[code], **changes)
    monkeypatch.setattr(reference, "pool_rounds", lambda: dict(rounds))


ALL_KNOWN = {
    "eligible_categories": list(CostCategory),
    "max_grant": D(5_000_000),
    "max_grant_share": D("0.6"),
}


# --- the clean plan ------------------------------------------------------------------------------


def test_base_plan_has_no_finding():
    # Issue 14.3: the rules the round does not know are no warning (formerly `rule_unknown`).
    assert run_checks(base_plan()) == []


def test_the_unknown_rules_are_on_the_look_up_list_once_each():
    from planners.checks.findings import to_look_up

    items = to_look_up(base_plan().pool_round)
    assert len(items) == len(set(items)) == 3  # categories, cap and share, as the 2019 data marks them unknown
    assert any("udgifter" in x for x in items) and any("største tilskud" in x for x in items)
    assert any("andel" in x for x in items)


def test_no_rule_unknown_where_the_round_holds_every_rule(monkeypatch):
    patch_round(monkeypatch, **ALL_KNOWN)
    assert run_checks(base_plan()) == []


def test_no_rule_unknown_without_a_grant_or_eligible_costs():
    plan = base_plan()
    sc = plan.scenarios[0]
    sc.costs[0].eligible = False
    sc.financing = [FinancingLine(FinancingSource.LOAN, D(2_000_000), interest_pct=D(3), years=30)]
    assert "rule_unknown" not in codes(plan)


# --- the GP rule ---------------------------------------------------------------------------------


def without_gp(plan: Plan) -> Plan:
    sc = plan.scenarios[0]
    sc.tenants[0] = Tenant(id="gp", name="Nordby Fysioterapi", kind=TenantKind.PHYSIOTHERAPIST,
                           clinicians=D(2))
    return plan


@pytest.mark.parametrize("pool_round", ["2018", "2019"])
def test_gp_rule_is_an_error_without_gp_and_without_collaboration(pool_round):
    plan = without_gp(base_plan(pool_round))
    finding = only(plan, "gp_missing")
    assert finding.level is Level.ERROR
    assert finding.ref == Ref("scenario", SC, field="tenants")
    assert pool_round in finding.message_da and pool_round in finding.message_en


@pytest.mark.parametrize("pool_round", ["2018", "2019"])
def test_gp_rule_is_met_by_a_recorded_collaboration(pool_round):
    plan = without_gp(base_plan(pool_round))
    plan.gp_collaboration = GPCollaboration(with_="Lægerne i Sønderby", description="Udgående konsultation")
    assert not {"gp_missing", "gp_collaboration_unnamed"} & set(codes(plan))


@pytest.mark.parametrize("pool_round", ["2018", "2019"])
def test_gp_rule_is_met_by_a_gp_tenant(pool_round):
    assert "gp_missing" not in codes(base_plan(pool_round))


def test_collaboration_that_names_no_one_is_a_warning():
    plan = without_gp(base_plan())
    plan.gp_collaboration = GPCollaboration(with_="  ")
    assert only(plan, "gp_collaboration_unnamed").level is Level.WARNING
    assert "gp_missing" not in codes(plan)


def test_gp_rule_is_per_scenario_in_check_all():
    plan = base_plan()
    second = dataclasses.replace(plan.scenarios[0], name="Uden læger")
    second.tenants = [Tenant(id="gp", name="Nordby Fysioterapi", kind=TenantKind.PHYSIOTHERAPIST,
                             clinicians=D(2))]
    plan.scenarios.append(second)
    result = check_all(plan)
    assert list(result) == [SC, "Uden læger"]
    assert "gp_missing" not in [f.code for f in result[SC]]
    assert [f.ref for f in result["Uden læger"] if f.code == "gp_missing"] == [
        Ref("scenario", "Uden læger", field="tenants")
    ]


# --- the applicant, the round, the municipality, VAT ---------------------------------------------


def test_applicant_type_not_admitted():
    plan = base_plan()
    plan.applicant = Applicant("Lægerne i Nordby I/S", ApplicantType.GENERAL_PRACTICE)
    finding = only(plan, "applicant_type_not_admitted")
    assert finding.level is Level.ERROR
    assert finding.ref == Ref("plan", field="applicant")
    assert "«Lægerne i Nordby I/S»" in finding.message_da and "kommune og region" in finding.message_da


@pytest.mark.parametrize("kind", [ApplicantType.MUNICIPALITY, ApplicantType.REGION])
def test_admitted_applicant_types(kind):
    plan = base_plan()
    plan.applicant = Applicant("Ansøger", kind)
    assert "applicant_type_not_admitted" not in codes(plan)


def test_empty_round_means_the_newest():
    plan = base_plan(pool_round="")
    plan.applicant.type = ApplicantType.OTHER
    assert reference.newest_round() in only(plan, "applicant_type_not_admitted").message_da


def test_unknown_round_warns_and_skips_the_round_rules():
    plan = without_gp(base_plan(pool_round="2030"))
    plan.applicant.type = ApplicantType.OTHER
    finding = only(plan, "round_unknown")
    assert finding.level is Level.WARNING and "«2030»" in finding.message_da
    assert not {"gp_missing", "applicant_type_not_admitted", "rule_unknown"} & set(codes(plan))


def test_gp_shortage_area_is_a_note():
    plan = base_plan()
    plan.municipality = "Varde"
    finding = only(plan, "gp_shortage_area")
    assert finding.level is Level.NOTE and finding.ref == Ref("plan", field="municipality")
    assert finding.message_da.startswith("Varde ")


@pytest.mark.parametrize("municipality", ["Aarhus", None, "Ingen Kommune"])
def test_no_gp_shortage_note_elsewhere(municipality):
    plan = base_plan()
    plan.municipality = municipality
    assert "gp_shortage_area" not in codes(plan)


@pytest.mark.parametrize("kind", [ApplicantType.MUNICIPALITY, ApplicantType.REGION])
def test_vat_note_for_public_applicants_with_vat(kind):
    plan = base_plan()
    plan.applicant.type = kind
    plan.amounts_include_vat = True
    finding = only(plan, "vat_refund")
    assert finding.level is Level.NOTE and "momsrefusion" in finding.message_da


def test_no_vat_note_without_vat_or_for_other_applicants():
    plan = base_plan()
    assert "vat_refund" not in codes(plan)
    plan.amounts_include_vat = True
    plan.applicant.type = ApplicantType.GENERAL_PRACTICE
    assert "vat_refund" not in codes(plan)


# --- shares and spreads --------------------------------------------------------------------------


def test_custom_shares_not_100_points_at_the_row():
    plan = base_plan()
    plan.scenarios[0].rooms[1].shared = Allocation(AllocationKey.CUSTOM, {"gp": D(60)})
    finding = only(plan, "custom_shares_not_100")
    assert finding.level is Level.ERROR
    assert finding.ref == Ref("room", SC, 1, "shared")
    assert "«Venteværelse»" in finding.message_da
    assert "60 %" in finding.message_da and "40 %" in finding.message_da  # 100 − 60 to the owner
    assert "60%" in finding.message_en


def test_custom_shares_on_equipment_and_services():
    plan = base_plan()
    sc = plan.scenarios[0]
    sc.equipment = [
        EquipmentLine("ecg", D(0), D(8), name="EKG", shared=Allocation(AllocationKey.CUSTOM, {"gp": D(100)})),
        EquipmentLine("spirometer", D(0), D(8), name="Spirometer",
                      shared=Allocation(AllocationKey.CUSTOM, {"gp": D("99.5")})),
    ]
    # A share naming no tenant of the scenario gives nothing (the engine's rule), so it does not count.
    sc.running.services = [Service("Fælles reception", D(0),
                                   Allocation(AllocationKey.CUSTOM, {"gp": D(50), "gone": D(50)}))]
    found = [(f.ref, f.message_da) for f in run_checks(plan) if f.code == "custom_shares_not_100"]
    assert [ref for ref, _ in found] == [Ref("equipment", SC, 1, "shared"), Ref("service", SC, 0, "shared")]
    assert "«Spirometer»" in found[0][1] and "99,5 %" in found[0][1]
    assert "«Fælles reception»" in found[1][1] and "50 %" in found[1][1]


def test_custom_shares_of_100_are_fine():
    plan = base_plan()
    plan.scenarios[0].rooms[1].shared = Allocation(AllocationKey.CUSTOM, {"gp": D(100)})
    assert "custom_shares_not_100" not in codes(plan)


def test_spread_not_100():
    plan = base_plan()
    plan.scenarios[0].costs[0].spread = {2018: D(50), 2019: D(40)}
    finding = only(plan, "spread_not_100")
    assert finding.ref == Ref("cost", SC, 0, "spread") and finding.level is Level.ERROR
    assert "«Ombygning»" in finding.message_da and "90 %" in finding.message_da


def test_spread_year_outside_the_plan():
    plan = base_plan()
    plan.scenarios[0].costs[0].spread = {2018: D(50), 2021: D(50)}
    finding = only(plan, "spread_year_outside")
    assert finding.ref == Ref("cost", SC, 0, "spread") and finding.level is Level.ERROR
    assert "2021" in finding.message_da and "2018 og 2019" in finding.message_da
    assert "spread_not_100" not in codes(plan)


def test_empty_spread_is_even_and_fine():
    plan = base_plan()
    plan.scenarios[0].costs[0].spread = {}
    assert not {"spread_not_100", "spread_year_outside"} & set(codes(plan))


# --- rooms and areas -----------------------------------------------------------------------------


def test_gp_without_consultation_rooms():
    plan = base_plan()
    plan.scenarios[0].rooms[0].type = RoomType.EXAMINATION
    finding = only(plan, "gp_without_consultation")
    assert finding.level is Level.WARNING and finding.ref == Ref("tenant", SC, 0)
    assert "«Lægerne i Nordby»" in finding.message_da


def test_gp_with_a_shared_consultation_room_is_fine():
    plan = base_plan()
    shared = Allocation(AllocationKey.EQUAL)
    plan.scenarios[0].rooms[0] = RoomLine(RoomType.CONSULTATION, D(32), shared=shared)
    assert "gp_without_consultation" not in codes(plan)


def test_tenant_without_area():
    plan = base_plan()
    # The waiting room is split by dedicated area, and the physiotherapist has none: allocated net 0.
    plan.scenarios[0].tenants.append(Tenant(id="fys", name="Nordby Fysioterapi",
                                            kind=TenantKind.PHYSIOTHERAPIST, clinicians=D(1)))
    finding = only(plan, "tenant_without_area")
    assert finding.level is Level.WARNING and finding.ref == Ref("tenant", SC, 1)
    assert "«Nordby Fysioterapi»" in finding.message_da
    assert "area_per_clinician_low" not in codes(plan)


@pytest.mark.parametrize(
    ("clinicians", "expected"),
    [
        (D(5), "area_per_clinician_low"),  # 80 / 5 = 16 m² < 0,5 × 40 = 20 m²
        (D(4), None),  # 20 m²: the lower bound itself is fine
        (D(1), None),  # 80 m² = 2 × 40: the upper bound itself is fine
        (D("0.8"), "area_per_clinician_high"),  # 100 m² > 80 m²
        (D(0), None),  # no clinicians: nothing to divide by
    ],
)
def test_area_per_clinician_against_half_to_double_the_norm(clinicians, expected):
    plan = base_plan()
    plan.scenarios[0].tenants[0].clinicians = clinicians
    found = [c for c in codes(plan) if c.startswith("area_per_clinician")]
    assert found == ([expected] if expected else [])


def test_area_per_clinician_message_and_ref():
    plan = base_plan()
    plan.scenarios[0].tenants[0].clinicians = D(5)
    finding = only(plan, "area_per_clinician_low")
    assert finding.ref == Ref("tenant", SC, 0, "clinicians")
    assert "16 m²" in finding.message_da and "20 m²" in finding.message_da and "40 m²" in finding.message_da


def test_no_area_check_without_a_norm():
    plan = base_plan()
    plan.catalogs.tenant_kinds[TenantKind.GP_PRACTICE].m2_per_clinician = D(0)
    plan.scenarios[0].tenants[0].clinicians = D(10)
    assert not [c for c in codes(plan) if c.startswith("area_per_clinician")]


# --- financing and the grant ---------------------------------------------------------------------


def test_unbalanced_financing_gives_the_difference():
    plan = base_plan()
    plan.scenarios[0].costs[0].amount = D(3_234_567)  # financing stays 2.000.000 kr.
    finding = only(plan, "financing_unbalanced")
    assert finding.level is Level.ERROR and finding.ref == Ref("scenario", SC, field="financing")
    assert "1.234.567 kr." in finding.message_da and "for lidt" in finding.message_da
    assert "2.000.000 kr." in finding.message_da and "3.234.567 kr." in finding.message_da
    assert "1,234,567" in finding.message_en and "too little" in finding.message_en


def test_too_much_financing_says_so():
    plan = base_plan()
    plan.scenarios[0].financing[1].amount = D(1_500_000)
    assert "500.000 kr. for meget" in only(plan, "financing_unbalanced").message_da


@pytest.mark.parametrize(("amount", "unbalanced"), [(D(2_000_001), False), (D("1999999"), False),
                                                    (D("2000001.01"), True)])
def test_financing_tolerance_is_one_krone(amount, unbalanced):
    plan = base_plan()
    plan.scenarios[0].costs[0].amount = amount
    assert ("financing_unbalanced" in codes(plan)) is unbalanced


def test_grant_exceeds_eligible():
    plan = base_plan()
    plan.scenarios[0].costs[0].eligible = False
    finding = only(plan, "grant_exceeds_eligible")
    assert finding.level is Level.ERROR and finding.ref == Ref("financing", SC, 0, "amount")
    assert "1.000.000 kr." in finding.message_da and "0 kr." in finding.message_da


def test_grant_above_cap_where_the_data_holds_one(monkeypatch):
    patch_round(monkeypatch, max_grant=D(900_000))
    finding = only(base_plan(), "grant_above_cap")
    assert finding.level is Level.ERROR and finding.ref == Ref("financing", SC, 0, "amount")
    assert "900.000 kr." in finding.message_da


def test_grant_at_the_cap_is_fine(monkeypatch):
    patch_round(monkeypatch, max_grant=D(1_000_000))
    assert "grant_above_cap" not in codes(base_plan())


def test_grant_share_above_limit_where_the_data_holds_one(monkeypatch):
    patch_round(monkeypatch, max_grant_share=D("0.4"))
    finding = only(base_plan(), "grant_share_above_limit")
    assert finding.level is Level.ERROR
    assert "50,0 %" in finding.message_da and "40,0 %" in finding.message_da


def test_grant_share_at_the_limit_is_fine(monkeypatch):
    patch_round(monkeypatch, max_grant_share=D("0.5"))
    assert "grant_share_above_limit" not in codes(base_plan())


def test_category_not_eligible_where_the_data_lists_categories(monkeypatch):
    patch_round(monkeypatch, eligible_categories=[CostCategory.CONSTRUCTION])
    plan = base_plan()
    sc = plan.scenarios[0]
    sc.costs.append(CostLine(CostCategory.FURNITURE, "Inventar", amount=D(100_000)))
    sc.costs.append(CostLine(CostCategory.IT, "IT", amount=D(50_000), eligible=False))
    sc.equipment = [EquipmentLine("ecg", D(45_000), D(8), name="EKG", tenant="gp")]
    found = [f for f in run_checks(plan) if f.code == "category_not_eligible"]
    assert [f.ref for f in found] == [Ref("scenario", SC, field="equipment"), Ref("cost", SC, 1, "eligible")]
    assert "«Inventar»" in found[1].message_da and "byggeri" in found[1].message_da
    assert "45.000 kr." in found[0].message_da


# --- cost structure (from the figures) -----------------------------------------------------------


def test_percent_cycle_points_at_each_line():
    plan = base_plan()
    plan.scenarios[0].costs += [
        CostLine(CostCategory.CONSULTANCY, "Rådgivning", percent=D(10), of=[CostCategory.CONTINGENCY]),
        CostLine(CostCategory.CONTINGENCY, "Uforudset", percent=D(10), of=[CostCategory.CONSULTANCY]),
    ]
    found = [f for f in run_checks(plan) if f.code == "percent_cycle"]
    assert [f.ref for f in found] == [Ref("cost", SC, 1, "of"), Ref("cost", SC, 2, "of")]
    assert all(f.level is Level.ERROR for f in found)
    assert "«Rådgivning»" in found[0].message_da and "«Uforudset»" in found[0].message_da


def test_percent_lines_without_cycle_are_fine():
    plan = base_plan()
    plan.scenarios[0].costs.append(
        CostLine(CostCategory.CONSULTANCY, "Rådgivning", percent=D(0), of=[CostCategory.CONSTRUCTION]))
    assert "percent_cycle" not in codes(plan)


def test_second_basis_free_equipment_line():
    plan = base_plan()
    plan.scenarios[0].costs += [
        CostLine(CostCategory.EQUIPMENT, "Udstyr"),
        CostLine(CostCategory.EQUIPMENT, "Udstyr igen", eligible=False),
        CostLine(CostCategory.EQUIPMENT, "Installation", amount=D(0)),  # with a basis: an extra line, fine
    ]
    finding = only(plan, "equipment_line_duplicate")
    assert finding.level is Level.ERROR and finding.ref == Ref("cost", SC, 2, "category")
    assert "«Udstyr igen»" in finding.message_da


# --- plausibility --------------------------------------------------------------------------------


@pytest.mark.parametrize("amount", [D(200_000), D(5_000_000)])  # 1.852 and 46.296 kr. per gross m²
def test_establishment_per_m2_outside_the_benchmark(amount):
    plan = base_plan()
    plan.scenarios[0].costs[0].amount = amount
    finding = only(plan, "establishment_per_m2_implausible")
    assert finding.level is Level.WARNING and finding.ref == Ref("scenario", SC, field="costs")
    assert "5.000 kr." in finding.message_da and "45.000 kr." in finding.message_da


def test_rent_per_m2_too_high():
    plan = base_plan()
    plan.scenarios[0].running.per_gross_m2[RunningRate.UTILITIES] = D(4000)  # ≈ 4.472 kr./m²
    finding = only(plan, "rent_per_m2_implausible")
    assert finding.level is Level.WARNING and "3.500 kr." in finding.message_da


def test_rent_per_m2_too_low():
    plan = base_plan()
    plan.scenarios[0].financing[1] = FinancingLine(FinancingSource.OWN_MUNICIPALITY, D(1_000_000))  # rent 0
    assert "rent_per_m2_implausible" in codes(plan)


def test_gross_area_outside_the_benchmark():
    plan = base_plan()
    plan.scenarios[0].rooms[1].net_m2 = D(20)  # 52 m² net × 1,35 = 70,2 m² gross < 100 m²
    finding = only(plan, "gross_m2_implausible")
    assert "70,2 m²" in finding.message_da


@pytest.mark.parametrize(("grant", "seen"), [(D(500_000), "896.000 kr."), (D(1_500_000), None),
                                             (D(21_000_000), "20.170.000 kr.")])
def test_grant_size_against_the_grants_given(grant, seen):
    plan = base_plan()
    sc = plan.scenarios[0]
    sc.costs[0].amount = grant + D(1_000_000)
    sc.financing[0].amount = grant
    found = [f for f in run_checks(plan) if f.code == "grant_size_unusual"]
    if seen is None:
        assert found == []
    else:
        assert len(found) == 1 and seen in found[0].message_da
        assert found[0].ref == Ref("financing", SC, 0, "amount")


# --- order, languages, entry points --------------------------------------------------------------


def messy_plan() -> Plan:
    plan = base_plan()
    plan.applicant.type = ApplicantType.GENERAL_PRACTICE
    plan.municipality = "Varde"
    plan.amounts_include_vat = True
    sc = plan.scenarios[0]
    sc.tenants[0].clinicians = D(5)
    sc.tenants.append(Tenant(id="fys", name="Nordby Fysioterapi", kind=TenantKind.PHYSIOTHERAPIST,
                             clinicians=D(1)))
    sc.rooms[1].shared = Allocation(AllocationKey.CUSTOM, {"gp": D(60)})
    sc.costs[0].spread = {2018: D(50), 2020: D(40)}
    sc.costs[0].amount = D(100_000)
    sc.costs += [
        CostLine(CostCategory.CONSULTANCY, "Rådgivning", percent=D(10), of=[CostCategory.CONTINGENCY]),
        CostLine(CostCategory.CONTINGENCY, "Uforudset", percent=D(10), of=[CostCategory.CONSULTANCY]),
        CostLine(CostCategory.EQUIPMENT, "Udstyr"),
        CostLine(CostCategory.EQUIPMENT, "Udstyr igen"),
    ]
    return plan


def test_findings_sorted_by_level_then_plan_order():
    findings = run_checks(messy_plan())
    levels = [f.level for f in findings]
    order = {Level.ERROR: 0, Level.WARNING: 1, Level.NOTE: 2}
    assert levels == sorted(levels, key=order.__getitem__)
    errors = [(f.code, f.ref.entity, f.ref.index) for f in findings if f.level is Level.ERROR]
    assert errors[0] == ("applicant_type_not_admitted", "plan", None)
    ranks = ["plan", "scenario", "tenant", "room", "equipment", "cost", "financing", "service"]
    keys = [(ranks.index(entity), -1 if index is None else index) for _, entity, index in errors]
    assert keys == sorted(keys)
    # The cost lines' errors in row order: the spread (row 0), the cycle (rows 1, 2), the duplicate (row 4).
    assert [(c, i) for c, e, i in errors if e == "cost"] == [
        ("spread_not_100", 0), ("spread_year_outside", 0), ("percent_cycle", 1), ("percent_cycle", 2),
        ("equipment_line_duplicate", 4),
    ]
    assert [f.code for f in findings if f.level is Level.NOTE] == ["gp_shortage_area"]


def test_messages_in_both_languages_non_empty_and_distinct():
    findings = run_checks(messy_plan())
    assert len({f.code for f in findings}) >= 10
    for f in findings:
        assert f.message_da.strip() and f.message_en.strip()
        assert f.message_da != f.message_en
        assert f.message("en") == f.message_en and f.message() == f.message_da
        assert re.fullmatch(r"[a-z0-9_]+", f.code)


EVERY_CODE = [
    "gp_practice_no_doctors", "gp_patients_per_doctor_implausible",
    "round_unknown", "applicant_type_not_admitted", "gp_missing", "gp_collaboration_unnamed",
    "gp_shortage_area", "vat_refund", "custom_shares_not_100", "spread_not_100", "spread_year_outside",
    "gp_without_consultation", "tenant_without_area", "area_per_clinician_low", "area_per_clinician_high",
    "financing_unbalanced", "grant_exceeds_eligible", "grant_above_cap", "grant_share_above_limit",
    "category_not_eligible", "percent_cycle", "equipment_line_duplicate", "establishment_per_m2_implausible",
    "rent_per_m2_implausible", "gross_m2_implausible", "grant_size_unusual",
    # before submission (issue 16.6)
    "submission_applicant_numbers", "submission_signatory_missing", "submission_project_leader_missing",
    "submission_approval_missing", "submission_commitment_missing", "submission_rate_without_source",
    "submission_grant_by_line_missing", "submission_grant_by_line_unbalanced", "subproject_unknown",
]


def test_every_code_is_documented():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "findings.md").read_text(encoding="utf-8")
    for code in EVERY_CODE:
        assert f"`{code}`" in doc, code
    assert {f.code for f in run_checks(messy_plan())} <= set(EVERY_CODE)


def test_scenario_by_name_and_given_figures():
    plan = base_plan()
    figures = compute(plan, SC)
    assert run_checks(plan, SC, figures) == run_checks(plan)
    # The findings come from the figures given, not from a second computation.
    skewed = dataclasses.replace(figures, financing_difference=D(-5), financing_total=D(1_999_995))
    assert "financing_unbalanced" in [f.code for f in run_checks(plan, plan.scenarios[0], skewed)]


def test_unknown_scenario_name_raises_key_error():
    with pytest.raises(KeyError):
        run_checks(base_plan(), "Findes ikke")


def test_plan_without_scenarios_gives_the_plan_findings():
    plan = base_plan()
    plan.scenarios = []
    plan.municipality = "Varde"
    assert [f.code for f in run_checks(plan)] == ["gp_shortage_area"]
    assert check_all(plan) == {}
