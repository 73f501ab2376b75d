"""The bundled plan templates (resources/templates/): valid by DESIGN §3/§9, balanced and plausible.

The first part reads the raw JSON and redoes the arithmetic of DESIGN §4 here, independently of the engine:
every template's financing must equal its establishment, and its figures must lie in the plausible ranges of
the issue. The second part runs the project's own loader, engine and checks on them where those exist.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal
from typing import Any

import pytest

from planners import reference

TEMPLATES = [name for name, _ in reference.template_names()]
ONE_KR = Decimal(1)

# DESIGN §9, written out here so a template that drifts from the documented format fails.
TENANT_KINDS = {"gp_practice", "specialist", "midwife", "health_visitor", "biomedical_lab", "physiotherapist",
                "chiropractor", "psychologist", "dietitian", "home_nursing", "rehabilitation", "dentist", "other"}
SECTORS = {"general_practice", "municipal", "regional", "private"}
APPLICANT_TYPES = {"municipality", "region", "general_practice", "other"}
PROJECT_TYPES = {"new_build", "extension", "conversion", "modernisation"}
ROOM_TYPES = {"consultation", "examination", "treatment", "laboratory", "waiting", "reception", "staff_room",
              "meeting", "office", "training_hall", "storage", "cleaning", "toilet", "accessible_toilet",
              "changing", "technical", "other"}
COST_CATEGORIES = {"acquisition", "construction", "consultancy", "furniture", "equipment", "it", "contingency",
                   "other"}
SOURCES = {"grant", "own_municipality", "own_region", "own_practice", "loan", "other_grant"}
KEYS = {"area", "headcount", "equal", "custom"}
RATES = {"utilities", "cleaning", "maintenance", "insurance_tax", "administration"}

PLAN_KEYS = {"title", "pool_round", "applicant", "partners", "gp_collaboration", "contact", "municipality",
             "address", "project_type", "price_year", "years", "amounts_include_vat", "description",
             "applied_scenario"}
SCENARIO_KEYS = {"name", "gross_factor", "tenants", "rooms", "equipment", "costs", "financing", "running"}
TENANT_KEYS = {"id", "name", "kind", "sector", "clinicians", "staff", "listed_patients", "provider_numbers",
               "weekly_hours", "current_annual_rent", "note"}
ROOM_KEYS = {"type", "label", "count", "net_m2", "tenant", "shared", "vacant"}
EQUIPMENT_KEYS = {"item", "name", "quantity", "unit_price", "lifetime_years", "annual_service", "in_project",
                  "tenant", "shared"}
COST_KEYS = {"category", "text", "amount", "per_m2", "m2", "percent", "of", "eligible", "spread"}
FINANCING_KEYS = {"source", "text", "amount", "repaid_by_rent", "interest_pct", "years"}


def _load(name: str) -> dict[str, Any]:
    text = reference.template_path(name).read_text(encoding="utf-8")
    return json.loads(text, parse_float=Decimal, parse_int=Decimal)


def _scenarios(name: str) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    doc = _load(name)
    return [(doc["plan"], s) for s in doc["scenarios"]]


ALL_SCENARIOS = [
    pytest.param(name, i, id=f"{name}-{i}") for name in TEMPLATES for i in range(len(_load(name)["scenarios"]))
]


# --- independent arithmetic of DESIGN §4 ----------------------------------------------------------------


def _dec(value: Any) -> Decimal:
    return Decimal(value) if not isinstance(value, Decimal) else value


def _net(s: dict[str, Any]) -> Decimal:
    return sum((_dec(r.get("count", 1)) * r["net_m2"] for r in s["rooms"]), Decimal(0))


def _gross(s: dict[str, Any]) -> Decimal:
    return _net(s) * _dec(s.get("gross_factor", Decimal("1.35")))


def _has_basis(c: dict[str, Any]) -> bool:
    return any(c.get(k) is not None for k in ("amount", "per_m2", "percent"))


def _equipment_in_project(s: dict[str, Any]) -> Decimal:
    return sum(
        (_dec(e.get("quantity", 1)) * e["unit_price"] for e in s["equipment"] if e.get("in_project", True)),
        Decimal(0),
    )


def _line_amounts(s: dict[str, Any]) -> list[Decimal]:
    """Each cost line's amount; percent lines resolved in whatever order their bases allow (no cycles here)."""
    gross = _gross(s)
    costs = s["costs"]
    amounts: list[Decimal | None] = [None] * len(costs)
    for i, c in enumerate(costs):
        if c.get("amount") is not None:
            amounts[i] = c["amount"]
        elif c.get("per_m2") is not None:
            amounts[i] = c["per_m2"] * (c["m2"] if c.get("m2") is not None else gross)
        elif not _has_basis(c):
            amounts[i] = Decimal(0)  # the basis-free equipment line only gives eligibility and spread
    for _ in range(len(costs)):
        for i, c in enumerate(costs):
            if amounts[i] is not None:
                continue
            named = [j for j, other in enumerate(costs) if j != i and other["category"] in c["of"]]
            if any(amounts[j] is None for j in named):
                continue
            base = sum((amounts[j] for j in named), Decimal(0))  # type: ignore[misc]
            if "equipment" in c["of"]:
                base += _equipment_in_project(s)
            amounts[i] = c["percent"] * base / 100
    assert all(a is not None for a in amounts), "a percent cycle in a template"
    return amounts  # type: ignore[return-value]


def _establishment(s: dict[str, Any]) -> Decimal:
    return sum(_line_amounts(s), Decimal(0)) + _equipment_in_project(s)


def _eligible(s: dict[str, Any]) -> Decimal:
    total = sum(
        (a for a, c in zip(_line_amounts(s), s["costs"], strict=True) if c.get("eligible", True)), Decimal(0)
    )
    basis_free = [c for c in s["costs"] if c["category"] == "equipment" and not _has_basis(c)]
    if not basis_free or basis_free[0].get("eligible", True):
        total += _equipment_in_project(s)
    return total


def _annuity(principal: Decimal, interest_pct: Decimal, years: int) -> Decimal:
    r = interest_pct / 100
    if r == 0:
        return principal / years
    return principal * r / (1 - (1 + r) ** -years)


def _rent_per_gross_m2(s: dict[str, Any]) -> Decimal:
    capital = sum(
        (
            _annuity(f["amount"], _dec(f.get("interest_pct", 0)), int(f["years"]))
            for f in s["financing"]
            if f["source"] == "loan" or (f["source"].startswith("own_") and f.get("repaid_by_rent"))
        ),
        Decimal(0),
    )
    running = sum(s["running"]["per_gross_m2"].values(), Decimal(0)) * _gross(s)
    return (capital + running) / _gross(s)


def test_arithmetic_helpers_on_a_hand_worked_plan() -> None:
    # 100 m² net × 1.5 = 150 m² gross; construction 10.000 kr./m² = 1.500.000; consultancy 10 % = 150.000;
    # contingency 10 % of both = 165.000; equipment 2 × 5.000 = 10.000: total 1.825.000 kr.
    s = {
        "gross_factor": Decimal("1.5"),
        "rooms": [{"type": "office", "count": 2, "net_m2": Decimal(50), "vacant": True}],
        "equipment": [{"item": "ecg", "quantity": 2, "unit_price": Decimal(5000), "lifetime_years": 8,
                       "shared": {}}, {"item": "ecg", "unit_price": Decimal(9), "lifetime_years": 8,
                                       "in_project": False, "shared": {}}],
        "costs": [
            {"category": "contingency", "percent": Decimal(10), "of": ["construction", "consultancy"]},
            {"category": "consultancy", "percent": Decimal(10), "of": ["construction"], "eligible": False},
            {"category": "construction", "per_m2": Decimal(10000)},
        ],
        "financing": [{"source": "loan", "amount": Decimal(1200), "interest_pct": Decimal(0), "years": 12}],
        "running": {"per_gross_m2": {"utilities": Decimal(100)}},
    }
    assert _establishment(s) == Decimal(1_825_000)
    assert _eligible(s) == Decimal(1_675_000)
    # capital 1.200 / 12 = 100 a year; running 100 × 150 = 15.000; (100 + 15.000) / 150 = 100.666…
    assert _rent_per_gross_m2(s) == Decimal(15100) / Decimal(150)
    # 3 % over 30 years: 1.000.000 × 0,03 / (1 − 1,03^−30) ≈ 51.019,26 (annuity tables)
    assert abs(_annuity(Decimal(1_000_000), Decimal(3), 30) - Decimal("51019.26")) < Decimal("0.01")


# --- the index ------------------------------------------------------------------------------------------


def test_index_lists_at_least_the_four_templates_each_existing_once() -> None:
    index = json.loads((reference.resources_dir() / "templates" / "index.json").read_text(encoding="utf-8"))
    names = [t["name"] for t in index["templates"]]
    assert names[0] == "example"
    assert len(names) == len(set(names))
    assert {"example", "remote", "large", "conversion"} <= set(names)
    on_disk = {p.stem for p in (reference.resources_dir() / "templates").glob("*.json")} - {"index"}
    assert on_disk == set(names)


@pytest.mark.parametrize("name", TEMPLATES)
def test_format_and_plan_fields(name: str) -> None:
    doc = _load(name)
    assert set(doc) <= {"format", "format_version", "plan", "scenarios", "catalogs"}
    assert doc["format"] == "sundhedshus-plan" and doc["format_version"] == 1
    plan = doc["plan"]
    assert set(plan) <= PLAN_KEYS
    assert plan["title"] and plan["description"] and plan["address"]
    assert plan["pool_round"] in reference.pool_rounds()
    pool_round = reference.pool_rounds()[plan["pool_round"]]
    assert plan["applicant"]["type"] in APPLICANT_TYPES
    assert plan["applicant"]["type"] in {t.value for t in pool_round.applicant_types}
    assert plan["applicant"]["name"]
    assert plan["partners"] and all(isinstance(p, str) and p for p in plan["partners"])
    assert plan["municipality"] in reference.municipalities()
    assert plan["project_type"] in PROJECT_TYPES
    assert plan["price_year"] == 2018  # the catalogs' price level
    assert plan["years"] == sorted(set(plan["years"])) and len(plan["years"]) >= 2
    assert plan["amounts_include_vat"] is False  # municipal and regional applicants have VAT refund
    assert all(plan["contact"][k] for k in ("name", "email", "phone"))
    assert plan["contact"]["email"].endswith("@example.dk")  # no real person's address
    collaboration = plan["gp_collaboration"]
    assert collaboration is None or (set(collaboration) == {"with", "description"} and collaboration["with"])
    names = [s["name"] for s in doc["scenarios"]]
    assert names and len(names) == len(set(names)) and all(names)
    assert plan["applied_scenario"] in names
    # Danish content: the description is Danish text
    assert any(ch in plan["description"] for ch in "æøå")


def test_example_compares_two_scenarios() -> None:
    doc = _load("example")
    assert len(doc["scenarios"]) >= 2
    assert doc["plan"]["applied_scenario"] == doc["scenarios"][0]["name"]


@pytest.mark.parametrize(("name", "index"), ALL_SCENARIOS)
def test_scenario_lines_are_valid(name: str, index: int) -> None:
    plan, s = _scenarios(name)[index]
    years = {str(y) for y in plan["years"]}
    assert set(s) == SCENARIO_KEYS
    assert Decimal("1.0") <= s["gross_factor"] <= Decimal("1.6")
    ids = [t["id"] for t in s["tenants"]]
    assert len(ids) == len(set(ids))
    for t in s["tenants"]:
        assert set(t) <= TENANT_KEYS and t["name"]
        assert t["kind"] in TENANT_KINDS and t.get("sector") in SECTORS
        assert t["clinicians"] > 0 and t["staff"] >= 0
        if t["kind"] == "gp_practice":
            assert t["listed_patients"] > 0 and t["provider_numbers"] > 0

    def check_allocation(shared: dict[str, Any]) -> None:
        assert shared.get("key", "area") in KEYS
        if shared.get("key") == "custom":
            assert set(shared["shares"]) <= set(ids)
            assert sum(shared["shares"].values()) == 100
        else:
            assert "shares" not in shared

    for r in s["rooms"]:
        assert set(r) <= ROOM_KEYS and r["type"] in ROOM_TYPES
        assert r["net_m2"] > 0 and r.get("count", 1) > 0
        assert sum(k in r for k in ("tenant", "shared", "vacant")) == 1
        if "tenant" in r:
            assert r["tenant"] in ids
        if "shared" in r:
            check_allocation(r["shared"])
        if "vacant" in r:
            assert r["vacant"] is True
    for e in s["equipment"]:
        assert set(e) <= EQUIPMENT_KEYS
        assert e["item"] == "other" or e["item"] in reference.bundled_catalogs().equipment
        assert e["unit_price"] > 0 and e["lifetime_years"] > 0 and e.get("quantity", 1) > 0
        assert sum(k in e for k in ("tenant", "shared")) == 1
        if "tenant" in e:
            assert e["tenant"] in ids
        else:
            check_allocation(e["shared"])
    basis_free_equipment = 0
    for c in s["costs"]:
        assert set(c) <= COST_KEYS and c["category"] in COST_CATEGORIES and c["text"]
        bases = sum(c.get(k) is not None for k in ("amount", "per_m2", "percent"))
        if c["category"] == "equipment" and bases == 0:
            basis_free_equipment += 1
        else:
            assert bases == 1
        if c.get("percent") is not None:
            assert c["of"] and set(c["of"]) <= COST_CATEGORIES
        assert set(c["spread"]) <= years
        assert sum(c["spread"].values()) == 100
    assert basis_free_equipment <= 1
    for f in s["financing"]:
        assert set(f) <= FINANCING_KEYS and f["source"] in SOURCES and f["amount"] >= 0
        if f["source"] == "loan" or f.get("repaid_by_rent"):
            assert f["interest_pct"] >= 0 and f["years"] > 0
    assert set(s["running"]) == {"per_gross_m2", "services"}
    assert set(s["running"]["per_gross_m2"]) == RATES
    for service in s["running"]["services"]:
        assert service["name"] and service["annual"] >= 0
        check_allocation(service["shared"])


@pytest.mark.parametrize(("name", "index"), ALL_SCENARIOS)
def test_scenario_has_the_parts_the_issue_asks_for(name: str, index: int) -> None:
    _, s = _scenarios(name)[index]
    gp_ids = {t["id"] for t in s["tenants"] if t["kind"] == "gp_practice"}
    assert gp_ids
    assert any(r["type"] == "consultation" and r.get("tenant") in gp_ids for r in s["rooms"])
    room_keys = {r["shared"].get("key", "area") for r in s["rooms"] if "shared" in r}
    assert len(room_keys) >= 3 and "custom" in room_keys
    equipment = s["equipment"]
    assert any("shared" in e for e in equipment) and any("tenant" in e for e in equipment)
    assert any(e.get("in_project", True) for e in equipment) and any(e.get("in_project") is False for e in equipment)
    by_category = {c["category"]: c for c in s["costs"]}
    assert by_category["construction"].get("per_m2") is not None
    assert "construction" in by_category["consultancy"]["of"]
    assert {"construction", "consultancy"} <= set(by_category["contingency"]["of"])
    assert {"furniture", "it", "equipment"} <= set(by_category)
    sources = {f["source"] for f in s["financing"]}
    assert "grant" in sources
    assert any(f["source"] == "loan" or f.get("repaid_by_rent") for f in s["financing"])
    assert s["running"]["services"]
    assert any(t.get("current_annual_rent") is not None for t in s["tenants"])


def test_large_house_has_three_gp_practices_and_six_others_from_several_sectors() -> None:
    for _, s in _scenarios("large"):
        kinds = [t["kind"] for t in s["tenants"]]
        assert kinds.count("gp_practice") == 3
        assert len(kinds) - 3 >= 6
        sectors = {t["sector"] for t in s["tenants"] if t["kind"] != "gp_practice"}
        assert {"municipal", "private"} <= sectors


def test_remote_house_is_small_with_home_nursing() -> None:
    for _, s in _scenarios("remote"):
        gps = sum(t["clinicians"] for t in s["tenants"] if t["kind"] == "gp_practice")
        assert len([t for t in s["tenants"] if t["kind"] == "gp_practice"]) == 1 and gps <= 3
        assert any(t["kind"] == "home_nursing" and t["sector"] == "municipal" for t in s["tenants"])
        assert Decimal(600) <= _gross(s) <= Decimal(900)
    assert reference.municipalities()[_load("remote")["plan"]["municipality"]].gp_shortage


def test_conversion_converts_an_existing_building() -> None:
    doc = _load("conversion")
    assert doc["plan"]["project_type"] == "conversion"
    assert doc["plan"]["applicant"]["type"] == "region"


# --- balance and plausibility (independent arithmetic) -------------------------------------------------


@pytest.mark.parametrize(("name", "index"), ALL_SCENARIOS)
def test_financing_balances_establishment(name: str, index: int) -> None:
    _, s = _scenarios(name)[index]
    financing = sum((f["amount"] for f in s["financing"]), Decimal(0))
    assert abs(financing - _establishment(s)) <= ONE_KR


@pytest.mark.parametrize(("name", "index"), ALL_SCENARIOS)
def test_figures_are_plausible(name: str, index: int) -> None:
    _, s = _scenarios(name)[index]
    bench = reference.benchmarks()
    gross = _gross(s)
    assert Decimal(100) <= gross <= Decimal(30000)
    per_m2 = _establishment(s) / gross
    assert Decimal(5000) <= per_m2 <= Decimal(45000)
    assert Decimal(300) <= _rent_per_gross_m2(s) <= Decimal(3500)
    grant = sum((f["amount"] for f in s["financing"] if f["source"] == "grant"), Decimal(0))
    assert 0 < grant <= _eligible(s)
    assert bench.grant.contains(grant)


def test_large_house_is_sized_after_aabenraa() -> None:
    # FACTS.md: Aabenraa, a house of 2.400–2.600 m² for ≈ 56 mio. kr. (≈ 21.500–23.300 kr./m² [derived]).
    for _, s in _scenarios("large"):
        assert Decimal(2400) <= _gross(s) <= Decimal(2600)
        assert Decimal(20000) <= _establishment(s) / _gross(s) <= Decimal(24000)


@pytest.mark.parametrize(("name", "index"), ALL_SCENARIOS)
def test_area_per_clinician_within_half_to_double_the_norm(name: str, index: int) -> None:
    """Each tenant's allocated net area per clinician (own rooms + shares) lies within 0,5–2 × its norm."""
    _, s = _scenarios(name)[index]
    norms = reference.bundled_catalogs().tenant_kinds
    tenants = s["tenants"]
    dedicated = {t["id"]: Decimal(0) for t in tenants}
    for r in s["rooms"]:
        if "tenant" in r:
            dedicated[r["tenant"]] += _dec(r.get("count", 1)) * r["net_m2"]
    allocated = dict(dedicated)
    for r in s["rooms"]:
        if "shared" not in r:
            continue
        key = r["shared"].get("key", "area")
        if key == "custom":
            weights = {i: r["shared"]["shares"].get(i, Decimal(0)) for i in dedicated}
        elif key == "equal":
            weights = {i: Decimal(1) for i in dedicated}
        elif key == "headcount":
            weights = {t["id"]: t["clinicians"] + t["staff"] for t in tenants}
        else:
            weights = dedicated
        total = sum(weights.values())
        for i, w in weights.items():
            allocated[i] += _dec(r.get("count", 1)) * r["net_m2"] * w / total
    for t in tenants:
        norm = norms[t["kind"]].m2_per_clinician
        factor = allocated[t["id"]] / t["clinicians"] / norm
        assert Decimal("0.5") <= factor <= Decimal(2), (t["id"], factor)


@pytest.mark.parametrize(("name", "index"), ALL_SCENARIOS)
def test_gp_practices_have_enough_gps_for_their_patients(name: str, index: int) -> None:
    _, s = _scenarios(name)[index]
    for t in s["tenants"]:
        if t["kind"] == "gp_practice":
            assert math.ceil(t["listed_patients"] / Decimal(1600)) <= t["clinicians"]


# --- the project's loader, engine and checks -------------------------------------------------------------


def _engine() -> tuple[Any, Any, Any]:
    jsonio = pytest.importorskip("planners.interchange.plan_json")
    figures = pytest.importorskip("planners.figures.engine")
    checks = pytest.importorskip("planners.checks.findings")
    return jsonio, figures, checks


@pytest.mark.parametrize("name", TEMPLATES)
def test_loads_with_the_project_loader(name: str) -> None:
    jsonio = pytest.importorskip("planners.interchange.plan_json")
    plan = jsonio.load_json(reference.template_path(name))
    raw = _load(name)
    assert plan.title == raw["plan"]["title"]
    assert [s.name for s in plan.scenarios] == [s["name"] for s in raw["scenarios"]]
    assert plan.scenario().name == raw["plan"]["applied_scenario"]


@pytest.mark.parametrize("name", TEMPLATES)
def test_engine_balances_and_checks_find_no_error(name: str) -> None:
    jsonio, figures, checks = _engine()
    plan = jsonio.load_json(reference.template_path(name))
    bench = reference.benchmarks()
    for scenario, (_, raw) in zip(plan.scenarios, _scenarios(name), strict=True):
        f = figures.compute(plan, scenario)
        assert abs(f.establishment_total - _establishment(raw)) <= Decimal("0.01")
        assert abs(f.financing_total - f.establishment_total) <= ONE_KR
        assert bench.establishment_per_gross_m2.contains(f.establishment_total / f.gross_m2)
        assert bench.rent_per_gross_m2.contains(f.rent_per_gross_m2)
        assert bench.gross_m2.contains(f.gross_m2)
        assert f.grant <= f.eligible_total
        findings = checks.run_checks(plan, scenario, f)
        errors = [x for x in findings if x.level == "error"]
        assert not errors, [(x.code, x.message_da) for x in errors]
        warnings = {x.code for x in findings if x.level == "warning"}
        assert not warnings & {"area_per_clinician_low", "area_per_clinician_high",
                               "establishment_per_m2_implausible", "rent_per_m2_implausible",
                               "gross_m2_implausible", "grant_size_unusual"}, warnings


def test_template_files_are_stored_as_utf8_text() -> None:
    for name in TEMPLATES:
        data = reference.template_path(name).read_bytes()
        assert "æ".encode() in data or "ø".encode() in data or "å".encode() in data
        assert b"\\u00" not in data  # Danish letters as themselves, not escaped
