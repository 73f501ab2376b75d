"""The validity rules of DESIGN §3 on the dataclasses (what the store and the GUI call)."""

from __future__ import annotations

import copy
from decimal import Decimal as D

import pytest

from planners.model import (
    Allocation,
    AllocationKey,
    Applicant,
    CostCategory,
    CostLine,
    EquipmentItem,
    EquipmentLine,
    FinancingLine,
    FinancingSource,
    GPCollaboration,
    Plan,
    RoomLine,
    RoomType,
    RunningRate,
    Scenario,
    Sector,
    Service,
    Tenant,
    TenantKind,
)
from planners.model.errors import Problem
from planners.model.scenario_validation import (
    LINE_KINDS,
    validate_equipment_item,
    validate_line,
    validate_scenario,
)
from planners.model.validation import validate_plan
from planners.model.value_rules import REPORTED, key_path
from planners.reference import bundled_catalogs, known_names


def scenario() -> Scenario:
    return Scenario(
        name="Nybyg",
        tenants=[
            Tenant(
                "gp", "Lægerne", TenantKind.GP_PRACTICE, Sector.GENERAL_PRACTICE, clinicians=D(3), staff=D(4)
            ),
            Tenant("fys", "Fysioterapi", TenantKind.PHYSIOTHERAPIST, Sector.PRIVATE, clinicians=D(2)),
        ],
        rooms=[
            RoomLine(RoomType.CONSULTATION, D(16), count=3, tenant="gp"),
            RoomLine(RoomType.WAITING, D(40), shared=Allocation()),
            RoomLine(RoomType.OFFICE, D(12), vacant=True),
        ],
        equipment=[EquipmentLine("ecg", D(45000), D(8), shared=Allocation(AllocationKey.EQUAL))],
        costs=[
            CostLine(CostCategory.CONSTRUCTION, per_m2=D(20000), spread={2019: D(100)}),
            CostLine(CostCategory.CONSULTANCY, percent=D(12), of=[CostCategory.CONSTRUCTION]),
            CostLine(CostCategory.EQUIPMENT, eligible=False),
        ],
        financing=[
            FinancingLine(FinancingSource.GRANT, D(1000000)),
            FinancingLine(FinancingSource.LOAN, D(2000000), interest_pct=D("2.5"), years=25),
        ],
    )


def plan() -> Plan:
    return Plan(
        title="Sundhedshus Sydby",
        years=[2019, 2020],
        pool_round="2019",
        municipality="Ringkøbing-Skjern",
        applied_scenario="Nybyg",
        scenarios=[scenario()],
        catalogs=copy.deepcopy(bundled_catalogs()),
    )


def pairs(problems: list[Problem]) -> set[tuple[str, str]]:
    return {(p.path, p.message_da) for p in problems}


def test_a_valid_plan_has_no_problems() -> None:
    assert validate_plan(plan(), known_names()) == []


def test_every_problem_has_an_english_twin() -> None:
    p = plan()
    p.title = ""
    p.scenarios[0].rooms[0].net_m2 = D(0)
    problems = validate_plan(p, known_names())
    assert len(problems) == 2
    assert all(problem.message_en and problem.message_en != problem.message_da for problem in problems)


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (lambda s: setattr(s.rooms[0], "net_m2", D(0)), "rooms[0].net_m2", "skal være større end 0"),
        (lambda s: setattr(s.rooms[0], "net_m2", D("-1.5")), "rooms[0].net_m2", "skal være større end 0"),
        (lambda s: setattr(s.rooms[0], "net_m2", None), "rooms[0].net_m2", "mangler"),
        (lambda s: setattr(s.rooms[0], "net_m2", 12.5), "rooms[0].net_m2", "skal være et tal"),
        (lambda s: setattr(s.rooms[0], "net_m2", D("NaN")), "rooms[0].net_m2", "skal være et endeligt tal"),
        (lambda s: setattr(s.rooms[0], "net_m2", D("1E+16")), "rooms[0].net_m2", "er for stort (højst 10^15)"),
        (lambda s: setattr(s.rooms[0], "count", 0), "rooms[0].count", "skal være større end 0"),
        (lambda s: setattr(s.rooms[0], "count", D(2)), "rooms[0].count", "skal være et heltal"),
        (lambda s: setattr(s.rooms[0], "count", True), "rooms[0].count", "skal være et heltal"),
        (lambda s: setattr(s.rooms[0], "tenant", "xy"), "rooms[0].tenant", "ukendt lejer «xy»"),
        (lambda s: setattr(s.rooms[0], "type", "kitchen"), "rooms[0].type", "ukendt kode «kitchen»"),
        (lambda s: setattr(s.tenants[1], "id", "gp"), "tenants[1].id", "lejer-id'et «gp» er allerede brugt i scenariet"),
        (lambda s: setattr(s.tenants[1], "id", " "), "tenants[1].id", "må ikke være tom"),
        (lambda s: setattr(s.tenants[0], "clinicians", D(-1)), "tenants[0].clinicians", "må ikke være negativ"),
        (lambda s: setattr(s.tenants[0], "listed_patients", -1), "tenants[0].listed_patients", "må ikke være negativ"),
        (lambda s: setattr(s.tenants[0], "sector", "public"), "tenants[0].sector", "ukendt kode «public»"),
        (lambda s: setattr(s.equipment[0], "quantity", 0), "equipment[0].quantity", "skal være større end 0"),
        (lambda s: setattr(s.equipment[0], "lifetime_years", D(0)), "equipment[0].lifetime_years", "skal være større end 0"),
        (lambda s: setattr(s.equipment[0], "unit_price", D(-1)), "equipment[0].unit_price", "må ikke være negativ"),
        (lambda s: setattr(s.costs[0], "m2", D(0)), "costs[0].m2", "skal være større end 0"),
        (lambda s: setattr(s.costs[0], "spread", {2019: D(101)}), 'costs[0].spread["2019"]', "skal være mellem 0 og 100"),
        (lambda s: setattr(s.costs[0], "spread", {2019: D(-1)}), 'costs[0].spread["2019"]', "skal være mellem 0 og 100"),
        (lambda s: setattr(s.costs[0], "spread", {19: D(100)}), 'costs[0].spread["19"]', "skal være et årstal (1900–2200)"),
        (lambda s: setattr(s.costs[1], "of", []), "costs[1].of", "må ikke være tom"),
        (lambda s: setattr(s.costs[1], "of", ["building"]), "costs[1].of[0]", "ukendt kode «building»"),
        (lambda s: setattr(s.financing[1], "years", None), "financing[1].years", "mangler"),
        (lambda s: setattr(s.financing[1], "years", 0), "financing[1].years", "skal være større end 0"),
        (lambda s: setattr(s.financing[1], "interest_pct", D(101)), "financing[1].interest_pct", "skal være mellem 0 og 100"),
        (lambda s: setattr(s, "gross_factor", D(0)), "gross_factor", "skal være større end 0"),
        (lambda s: s.running.per_gross_m2.update({RunningRate.CLEANING: D(-1)}), "running.per_gross_m2.cleaning", "må ikke være negativ"),
    ],
)  # fmt: skip
def test_one_invalid_value_gives_one_problem_at_its_path(change, path, message) -> None:
    p = plan()
    change(p.scenarios[0])
    problems = validate_plan(p, known_names())
    assert len(problems) == 1, problems
    assert problems[0].path == f"scenarios[0].{path}"
    assert problems[0].message_da.startswith(message)


def test_an_unknown_code_suggests_the_near_one() -> None:
    p = plan()
    p.scenarios[0].rooms[0].type = "consultaton"  # type: ignore[assignment]
    (problem,) = validate_plan(p, known_names())
    assert problem.message_da == "ukendt kode «consultaton» (mente du «consultation»?)"
    assert problem.message_en == "unknown code «consultaton» (did you mean «consultation»?)"


@pytest.mark.parametrize(
    ("tenant", "shared", "vacant", "valid"),
    [
        ("gp", None, False, True),
        (None, Allocation(), False, True),
        (None, None, True, True),
        (None, None, False, False),
        ("gp", Allocation(), False, False),
        ("gp", None, True, False),
        (None, Allocation(), True, False),
        ("gp", Allocation(), True, False),
    ],
)
def test_a_room_has_exactly_one_of_tenant_shared_vacant(tenant, shared, vacant, valid) -> None:
    s = scenario()
    line = RoomLine(RoomType.MEETING, D(20), tenant=tenant, shared=shared, vacant=vacant)
    problems = validate_line("room", line, s, "rooms[9]")
    expected = set() if valid else {("rooms[9]", "præcis én af tenant, shared og vacant skal angives")}
    assert pairs(problems) == expected


@pytest.mark.parametrize(("tenant", "shared", "valid"), [("gp", None, True), (None, Allocation(), True),
                                                         (None, None, False), ("gp", Allocation(), False)])  # fmt: skip
def test_equipment_has_exactly_one_of_tenant_shared(tenant, shared, valid) -> None:
    line = EquipmentLine("other", D(1000), D(5), name="Vægt", tenant=tenant, shared=shared)
    problems = validate_line("equipment", line, scenario(), "e")
    assert pairs(problems) == (set() if valid else {("e", "præcis én af tenant og shared skal angives")})


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (CostLine(CostCategory.OTHER, amount=D(0)), set()),
        (CostLine(CostCategory.OTHER, per_m2=D(100), m2=D(50)), set()),
        (CostLine(CostCategory.CONTINGENCY, percent=D(10), of=[CostCategory.CONSTRUCTION, CostCategory.CONSULTANCY]),
         set()),
        (CostLine(CostCategory.EQUIPMENT), set()),
        (CostLine(CostCategory.EQUIPMENT, amount=D(5000)), set()),
        (CostLine(CostCategory.OTHER), {("c", "præcis ét grundlag skal angives: amount, per_m2 eller percent")}),
        (CostLine(CostCategory.OTHER, amount=D(1), per_m2=D(2)),
         {("c", "præcis ét grundlag skal angives: amount, per_m2 eller percent")}),
        (CostLine(CostCategory.EQUIPMENT, amount=D(1), percent=D(2), of=[CostCategory.IT]),
         {("c", "højst ét grundlag må angives: amount, per_m2 eller percent")}),
        (CostLine(CostCategory.OTHER, amount=D(1), m2=D(2)), {("c.m2", "m2 kan kun angives sammen med per_m2")}),
        (CostLine(CostCategory.OTHER, amount=D(1), of=[CostCategory.IT]),
         {("c.of", "of kan kun angives sammen med percent")}),
        (CostLine(CostCategory.OTHER, amount=D(-1)), {("c.amount", "må ikke være negativ")}),
    ],
)  # fmt: skip
def test_cost_line_basis(line, expected) -> None:
    assert pairs(validate_line("cost", line, scenario(), "c")) == expected


def test_a_spread_not_summing_to_100_is_no_problem_here() -> None:
    # An inconsistency (a finding of the checks), not an invalid value.
    line = CostLine(CostCategory.OTHER, amount=D(1), spread={2019: D(30), 2030: D(30)})
    assert validate_line("cost", line, scenario(), "c") == []


def test_custom_shares() -> None:
    s = scenario()
    ok = Allocation(AllocationKey.CUSTOM, {"gp": D(70), "fys": D(20)})  # 90: a finding, not invalid
    assert validate_line("service", Service("IT", D(1), ok), s, "v") == []
    bad = Allocation(AllocationKey.CUSTOM, {"gp": D(-5), "nobody": D(50), "fys": D("100.5")})
    assert pairs(validate_line("service", Service("IT", D(1), bad), s, "v")) == {
        ("v.shared.shares.gp", "skal være mellem 0 og 100"),
        ("v.shared.shares.nobody", "ukendt lejer «nobody»"),
        ("v.shared.shares.fys", "skal være mellem 0 og 100"),
    }
    not_custom = Allocation(AllocationKey.AREA, {"gp": D(100)})
    assert pairs(validate_line("service", Service("IT", D(1), not_custom), s, "v")) == {
        ("v.shared.shares", "shares kan kun angives med nøglen custom")
    }


def test_a_shares_key_that_is_not_an_identifier_is_quoted_in_the_path() -> None:
    s = scenario()
    alloc = Allocation(AllocationKey.CUSTOM, {"Dr. Ø": D(10)})
    assert pairs(validate_line("service", Service("IT", D(1), alloc), s, "v")) == {
        ('v.shared.shares["Dr. Ø"]', "ukendt lejer «Dr. Ø»")
    }
    assert key_path("a", 'x"y') == 'a["x\\"y"]'


def test_own_money_repaid_by_rent_needs_years_but_a_grant_does_not() -> None:
    s = scenario()
    own = FinancingLine(FinancingSource.OWN_PRACTICE, D(5), repaid_by_rent=True)
    assert pairs(validate_line("financing", own, s, "f")) == {("f.years", "mangler")}
    own.repaid_by_rent = False
    assert validate_line("financing", own, s, "f") == []
    assert validate_line("financing", FinancingLine(FinancingSource.GRANT, D(0)), s, "f") == []


def test_a_new_tenant_is_checked_against_the_scenario_ids() -> None:
    s = scenario()
    new = Tenant("fys", "Anden fys", TenantKind.PHYSIOTHERAPIST)
    assert pairs(validate_line("tenant", new, s, "t")) == {
        ("t.id", "lejer-id'et «fys» er allerede brugt i scenariet")
    }
    # The first of two equal ids is not the one reported.
    assert validate_line("tenant", s.tenants[0], s, "t") == []


def test_validate_line_refuses_an_unknown_kind_and_reports_a_wrong_object() -> None:
    with pytest.raises(ValueError):
        validate_line("window", RoomLine(RoomType.OTHER, D(1), vacant=True), scenario())
    assert pairs(validate_line("room", Tenant("a", "b", TenantKind.OTHER), scenario(), "x")) == {
        ("x", "skal være et objekt")
    }
    assert set(LINE_KINDS) == {"tenant", "room", "equipment", "cost", "financing", "service"}


def test_reported_values_are_skipped() -> None:
    line = RoomLine(REPORTED, REPORTED, count=REPORTED, tenant=REPORTED)  # type: ignore[arg-type]
    assert validate_line("room", line, scenario(), "r") == []


def test_scenario_names_unique_and_path_found_from_the_plan() -> None:
    p = plan()
    p.scenarios[0].name = ""
    assert pairs(validate_plan(p, known_names())) == {
        ("scenarios[0].name", "må ikke være tom"),
        ("plan.applied_scenario", "ukendt scenarie «Nybyg»"),
    }
    p = plan()
    second = scenario()
    p.scenarios.append(second)
    assert pairs(validate_scenario(second, p)) == {
        ("scenarios[1].name", "scenarienavnet «Nybyg» er allerede brugt")
    }
    assert validate_scenario(p.scenarios[0], p) == []
    # A scenario not yet in the plan is checked against all its scenarios.
    assert pairs(validate_scenario(scenario(), plan(), "new")) == {
        ("new.name", "scenarienavnet «Nybyg» er allerede brugt")
    }


def test_equipment_item_must_be_in_the_plans_catalog_or_other() -> None:
    p = plan()
    p.scenarios[0].equipment[0].item = "ekg"
    (problem,) = validate_plan(p, known_names())
    assert problem.path == "scenarios[0].equipment[0].item"
    assert problem.message_da.startswith("ukendt udstyr «ekg»")
    assert validate_equipment_item("ekg", p.catalogs, "x") == [
        problem.__class__("x", problem.message_da, problem.message_en)
    ]
    assert validate_equipment_item("other", p.catalogs) == validate_equipment_item("ecg", p.catalogs) == []
    p.catalogs.equipment["ekg"] = EquipmentItem("EKG", "ECG", D(1), D(2))  # a plan's own custom item
    p.scenarios[0].equipment.append(EquipmentLine("other", D(10), D(1), tenant="gp"))
    assert validate_plan(p, known_names()) == []


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (lambda p: setattr(p, "title", " "), "plan.title", "må ikke være tom"),
        (lambda p: setattr(p, "years", []), "plan.years", "må ikke være tom"),
        (lambda p: setattr(p, "years", [2019, 2019]), "plan.years[1]", "årene skal være forskellige og stigende"),
        (lambda p: setattr(p, "years", [2020, 2019]), "plan.years[1]", "årene skal være forskellige og stigende"),
        (lambda p: setattr(p, "years", [2019, 20200]), "plan.years[1]", "skal være et årstal (1900–2200)"),
        (lambda p: setattr(p, "price_year", 18), "plan.price_year", "skal være et årstal (1900–2200)"),
        (lambda p: setattr(p, "pool_round", "2017"), "plan.pool_round", "ukendt puljerunde «2017»"),
        (lambda p: setattr(p, "municipality", "Nordbyy"), "plan.municipality", "ukendt kommune «Nordbyy»"),
        (lambda p: setattr(p, "applied_scenario", "Ombygning"), "plan.applied_scenario", "ukendt scenarie «Ombygning»"),
        (lambda p: setattr(p, "applicant", Applicant("X", "county")), "plan.applicant.type", "ukendt kode «county»"),
        (lambda p: setattr(p, "project_type", "demolition"), "plan.project_type", "ukendt kode «demolition»"),
        (lambda p: setattr(p, "gp_collaboration", GPCollaboration(with_=3)), "plan.gp_collaboration.with",
         "skal være en tekst"),
        (lambda p: p.__dict__.update(scenarios=[], applied_scenario=None), "scenarios", "planen skal have mindst ét scenarie"),
        (lambda p: setattr(p.catalogs, "patients_per_gp", D(0)), "catalogs.patients_per_gp", "skal være større end 0"),
        (lambda p: setattr(p.catalogs.equipment["ecg"], "lifetime_years", D(0)),
         "catalogs.equipment.ecg.lifetime_years", "skal være større end 0"),
        (lambda p: setattr(p.catalogs.room_types[RoomType.OFFICE], "default_net_m2", D(-2)),
         "catalogs.room_types.office.default_net_m2", "skal være større end 0"),
        (lambda p: p.catalogs.running_rates.update({RunningRate.UTILITIES: D(-1)}),
         "catalogs.running_rates.utilities", "må ikke være negativ"),
    ],
)  # fmt: skip
def test_plan_level_rules(change, path, message) -> None:
    p = plan()
    change(p)
    problems = validate_plan(p, known_names())
    assert [pr.path for pr in problems] == [path]
    assert problems[0].message_da.startswith(message)


def test_pool_round_empty_means_the_newest_and_null_municipality_is_allowed() -> None:
    p = plan()
    p.pool_round = ""
    p.municipality = None
    p.applied_scenario = None
    assert validate_plan(p, known_names()) == []


def test_several_problems_are_all_listed() -> None:
    p = plan()
    s = p.scenarios[0]
    s.rooms[0].net_m2 = D(-1)
    s.rooms[1].shared = None
    s.equipment[0].tenant = "nobody"
    p.years = [2020, 2019]
    assert pairs(validate_plan(p, known_names())) == {
        ("plan.years[1]", "årene skal være forskellige og stigende"),
        ("scenarios[0].rooms[0].net_m2", "skal være større end 0"),
        ("scenarios[0].rooms[1]", "præcis én af tenant, shared og vacant skal angives"),
        ("scenarios[0].equipment[0].tenant", "ukendt lejer «nobody»"),
        ("scenarios[0].equipment[0]", "præcis én af tenant og shared skal angives"),
    }


def test_weekly_opening_hours_fit_in_a_week() -> None:
    from planners.model.scenario_validation import validate_line

    scenario = Scenario(name="A")
    ok = Tenant(id="a", name="A", kind=TenantKind.GP_PRACTICE, weekly_hours=D(168))
    too_many = Tenant(id="a", name="A", kind=TenantKind.GP_PRACTICE, weekly_hours=D(200))
    assert validate_line("tenant", ok, scenario, "t") == []
    assert [p.message_da for p in validate_line("tenant", too_many, scenario, "t")] == ["en uge har kun 168 timer"]
