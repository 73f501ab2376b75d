"""The JSON interchange format, version 1 (DESIGN §9): import, export, round trips, exact numbers and the
listing of every invalid value with its path."""

from __future__ import annotations

import copy
import json
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planners.interchange.plan_json import dump_json, json_number, load_json, plan_from_dict, plan_to_dict
from planners.model import (
    Allocation,
    AllocationKey,
    Applicant,
    ApplicantType,
    Contact,
    CostCategory,
    CostLine,
    EquipmentItem,
    EquipmentLine,
    FinancingLine,
    FinancingSource,
    GPCollaboration,
    Plan,
    ProjectType,
    RoomLine,
    RoomType,
    RoomTypeInfo,
    Running,
    RunningRate,
    Scenario,
    Sector,
    Service,
    Tenant,
    TenantKind,
    TenantKindInfo,
)
from planners.model.errors import InvalidPlan, PlanError
from planners.reference import bundled_catalogs, newest_round, template_names, template_path

# DESIGN §9's example, verbatim.
EXAMPLE = r"""
{
  "format": "sundhedshus-plan", "format_version": 1,
  "plan": {"title": "Sundhedshus Nordby", "pool_round": "2019",
           "applicant": {"name": "Nordby Kommune", "type": "municipality"},
           "partners": ["Lægerne i Nordby"], "gp_collaboration": null,
           "contact": {"name": "Anne Jensen", "email": "anne@example.dk", "phone": "+45 12 34 56 78"},
           "municipality": "Ringkøbing-Skjern", "address": "Torvet 1", "project_type": "conversion",
           "price_year": 2018, "years": [2018, 2019], "amounts_include_vat": false,
           "description": "…", "applied_scenario": "Ombygning"},
  "scenarios": [{
    "name": "Ombygning", "gross_factor": 1.35,
    "tenants": [
      {"id": "gp", "name": "Lægerne i Nordby", "kind": "gp_practice", "sector": "general_practice",
       "clinicians": 4, "staff": 5, "listed_patients": 6400, "provider_numbers": 2, "weekly_hours": 45,
       "current_annual_rent": 540000, "note": ""},
      {"id": "fys", "name": "Nordby Fysioterapi", "kind": "physiotherapist", "clinicians": 3, "staff": 1}],
    "rooms": [
      {"type": "consultation", "label": "Konsultation", "count": 4, "net_m2": 16, "tenant": "gp"},
      {"type": "waiting", "count": 1, "net_m2": 45, "shared": {"key": "area"}},
      {"type": "staff_room", "count": 1, "net_m2": 30, "shared": {"key": "custom", "shares": {"gp": 60, "fys": 40}}},
      {"type": "office", "count": 2, "net_m2": 12, "vacant": true}],
    "equipment": [
      {"item": "ecg", "name": "EKG-apparat", "quantity": 1, "unit_price": 45000, "lifetime_years": 8,
       "annual_service": 3000, "in_project": true, "shared": {"key": "equal"}}],
    "costs": [
      {"category": "construction", "text": "Ombygning", "per_m2": 14000, "eligible": true,
       "spread": {"2018": 30, "2019": 70}},
      {"category": "consultancy", "text": "Rådgivning", "percent": 12, "of": ["construction"], "eligible": true,
       "spread": {"2018": 50, "2019": 50}},
      {"category": "furniture", "text": "Inventar", "amount": 250000, "eligible": false, "spread": {"2019": 100}}],
    "financing": [
      {"source": "grant", "amount": 3000000},
      {"source": "own_municipality", "amount": 1000000, "repaid_by_rent": true, "interest_pct": 3, "years": 30},
      {"source": "loan", "amount": 2000000, "interest_pct": 2.5, "years": 25}],
    "running": {"per_gross_m2": {"utilities": 110, "cleaning": 150, "maintenance": 120,
                                 "insurance_tax": 60, "administration": 40},
                "services": [{"name": "Fælles reception", "annual": 380000, "shared": {"key": "headcount"}}]}
  }]
}
"""


def example() -> dict[str, Any]:
    return json.loads(EXAMPLE, parse_float=D)


def parsed(text: str) -> Any:
    return json.loads(text, parse_float=D)


def problems_of(data: object) -> list[tuple[str, str]]:
    with pytest.raises(InvalidPlan) as caught:
        plan_from_dict(data)
    return [(p.path, p.message_da) for p in caught.value.problems]


def assert_round_trips(plan: Plan) -> None:
    """plan → dict → plan is the same plan; export → import → export gives the same document and text."""
    text = dump_json(plan)
    again = load_json(text)
    assert again == plan
    assert parsed(dump_json(again)) == parsed(text)
    assert dump_json(again) == text
    assert plan_from_dict(plan_to_dict(plan)) == plan


# --- the example ---------------------------------------------------------------------------------


def test_the_design_example_imports_with_its_values_and_defaults() -> None:
    plan = plan_from_dict(example())
    assert plan.title == "Sundhedshus Nordby"
    assert plan.municipality == "Ringkøbing-Skjern"
    assert plan.years == [2018, 2019]
    assert plan.project_type is ProjectType.CONVERSION
    assert plan.applicant == Applicant("Nordby Kommune", ApplicantType.MUNICIPALITY)
    s = plan.scenario()
    assert s.name == "Ombygning" and s.gross_factor == D("1.35")
    gp, fys = s.tenants
    assert gp.weekly_hours == D(45) and gp.current_annual_rent == D(540000) and gp.listed_patients == 6400
    # The physiotherapist's sector comes from its kind in the catalog; unset numbers take their defaults.
    assert fys.sector == bundled_catalogs().tenant_kinds[TenantKind.PHYSIOTHERAPIST].sector
    assert (fys.listed_patients, fys.weekly_hours, fys.note) == (0, None, "")
    assert s.rooms[0] == RoomLine(RoomType.CONSULTATION, D(16), count=4, label="Konsultation", tenant="gp")
    assert s.rooms[1].shared == Allocation(AllocationKey.AREA)
    assert s.rooms[2].shared == Allocation(AllocationKey.CUSTOM, {"gp": D(60), "fys": D(40)})
    assert s.rooms[3].vacant is True and s.rooms[3].tenant is None and s.rooms[3].shared is None
    assert s.equipment[0].shared == Allocation(AllocationKey.EQUAL) and s.equipment[0].in_project is True
    assert (
        s.costs[0].per_m2 == D(14000)
        and s.costs[0].m2 is None
        and s.costs[0].spread == {2018: D(30), 2019: D(70)}
    )
    assert s.costs[1].of == [CostCategory.CONSULTANCY.CONSTRUCTION] and s.costs[1].percent == D(12)
    assert s.costs[2].eligible is False
    grant, own, loan = s.financing
    assert (grant.interest_pct, grant.years, grant.repaid_by_rent, grant.text) == (D(0), None, False, "")
    assert own.repaid_by_rent and own.years == 30
    assert loan.interest_pct == D("2.5") and loan.years == 25
    assert s.running.per_gross_m2[RunningRate.INSURANCE_TAX] == D(60)
    assert s.running.services == [Service("Fælles reception", D(380000), Allocation(AllocationKey.HEADCOUNT))]
    assert plan.catalogs == bundled_catalogs()


def test_the_design_example_round_trips() -> None:
    assert_round_trips(plan_from_dict(example()))


def test_export_writes_every_key_in_the_design_order() -> None:
    doc = parsed(dump_json(plan_from_dict(example())))
    assert list(doc) == ["format", "format_version", "plan", "scenarios", "catalogs"]
    assert doc["catalogs"] == {}
    assert list(doc["plan"]) == [
        "title", "pool_round", "applicant", "partners", "gp_collaboration", "contact", "municipality", "address",
        "project_type", "price_year", "years", "amounts_include_vat", "description", "applied_scenario",
    ]  # fmt: skip
    s = doc["scenarios"][0]
    assert list(s) == [
        "name",
        "gross_factor",
        "tenants",
        "rooms",
        "equipment",
        "costs",
        "financing",
        "running",
    ]
    assert list(s["tenants"][1]) == [
        "id", "name", "kind", "sector", "clinicians", "staff", "listed_patients", "provider_numbers",
        "weekly_hours", "current_annual_rent", "note",
    ]  # fmt: skip
    assert s["tenants"][1]["weekly_hours"] is None
    assert s["rooms"][1] == {
        "type": "waiting", "label": "", "count": 1, "net_m2": 45, "tenant": None,
        "shared": {"key": "area", "shares": {}}, "vacant": False,
    }  # fmt: skip
    assert list(s["equipment"][0]) == [
        "item", "name", "quantity", "unit_price", "lifetime_years", "annual_service", "in_project", "tenant", "shared",
    ]  # fmt: skip
    assert s["costs"][0] == {
        "category": "construction", "text": "Ombygning", "amount": None, "per_m2": 14000, "m2": None,
        "percent": None, "of": [], "eligible": True, "spread": {"2018": 30, "2019": 70},
    }  # fmt: skip
    assert s["financing"][0] == {
        "source": "grant", "amount": 3000000, "repaid_by_rent": False, "interest_pct": 0, "years": None, "text": "",
    }  # fmt: skip
    assert list(s["running"]) == ["per_gross_m2", "services"]
    assert list(s["running"]["per_gross_m2"]) == ["utilities", "cleaning", "maintenance", "insurance_tax",
                                                  "administration"]  # fmt: skip
    assert s["running"]["services"][0]["shared"] == {"key": "headcount", "shares": {}}


def test_text_is_utf8_unescaped_with_indent_2() -> None:
    text = dump_json(plan_from_dict(example()))
    assert '"municipality": "Ringkøbing-Skjern"' in text
    assert "\\u" not in text
    assert text.startswith('{\n  "format": "sundhedshus-plan",\n  "format_version": 1,\n')
    assert text.endswith("}\n")


# --- round trips ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [name for name, _ in template_names()])
def test_every_template_round_trips(name: str) -> None:
    plan = load_json(template_path(name))
    assert plan.scenarios
    assert_round_trips(plan)
    # And the template's own document is read back from the export exactly (nothing lost on import).
    original = parsed(template_path(name).read_text(encoding="utf-8"))
    assert parsed(dump_json(plan))["plan"]["title"] == original["plan"]["title"]


def rich_plan() -> Plan:
    catalogs = copy.deepcopy(bundled_catalogs())
    catalogs.equipment["ecg"] = EquipmentItem(
        "EKG 🫀", "ECG", D("41999.95"), D(9), D(2500), "tilbud fra leverandør"
    )
    catalogs.equipment["sauna"] = EquipmentItem("Sauna", "Sauna", D(90000), D(15), source="egen")
    catalogs.room_types[RoomType.CONSULTATION] = RoomTypeInfo(
        "Konsultationsrum", "Consultation room", D("17.5")
    )
    catalogs.tenant_kinds[TenantKind.MIDWIFE] = TenantKindInfo(
        "Jordemoder",
        "Midwife",
        Sector.REGIONAL,
        {RoomType.CONSULTATION: D(1), RoomType.OFFICE: D("0.5")},
        D(25),
    )
    catalogs.running_rates[RunningRate.CLEANING] = D("162.5")
    catalogs.patients_per_gp = D(1500)
    tenants = [
        Tenant("læger", "Lægerne i Ærøskøbing 🩺", TenantKind.GP_PRACTICE, Sector.GENERAL_PRACTICE, D("3.5"), D("4.2"),
               5600, 2, D("42.5"), D("480000.50"), "Åbner kl. 8 — «hele året»"),
        Tenant("jm", "Jordemødrene Ø", TenantKind.MIDWIFE, Sector.REGIONAL, D(2)),
        Tenant("kom", "Hjemmeplejen", TenantKind.HOME_NURSING, Sector.MUNICIPAL, D(0), D(6)),
    ]  # fmt: skip
    first = Scenario(
        name="Ombygning æøå",
        gross_factor=D("1.42"),
        tenants=tenants,
        rooms=[
            RoomLine(RoomType.CONSULTATION, D("16.25"), count=4, label="Konsultation", tenant="læger"),
            RoomLine(RoomType.WAITING, D(45), shared=Allocation()),
            RoomLine(RoomType.STAFF_ROOM, D(30), shared=Allocation(AllocationKey.CUSTOM, {"læger": D("66.6"), "jm": D(20)})),
            RoomLine(RoomType.MEETING, D(20), shared=Allocation(AllocationKey.HEADCOUNT)),
            RoomLine(RoomType.OFFICE, D(12), count=2, vacant=True),
        ],
        equipment=[
            EquipmentLine("ecg", D(45000), D(8), "EKG-apparat", 2, D(3000), shared=Allocation(AllocationKey.EQUAL)),
            EquipmentLine("other", D("1999.99"), D("2.5"), "Vægt 🏋", tenant="jm", in_project=False),
            EquipmentLine("sauna", D(90000), D(15), "Sauna", shared=Allocation(AllocationKey.CUSTOM, {"kom": D(100)})),
        ],
        costs=[
            CostLine(CostCategory.ACQUISITION, "Køb af bygning", amount=D(3500000), eligible=False),
            CostLine(CostCategory.CONSTRUCTION, "Ombygning", per_m2=D(14000), spread={2019: D(30), 2020: D(70)}),
            CostLine(CostCategory.OTHER, "Parkering", per_m2=D(800), m2=D("250.5")),
            CostLine(CostCategory.CONSULTANCY, "Rådgivning", percent=D(12), of=[CostCategory.CONSTRUCTION]),
            CostLine(CostCategory.CONTINGENCY, "Uforudset", percent=D(10),
                     of=[CostCategory.CONSTRUCTION, CostCategory.CONSULTANCY], spread={2020: D(100)}),
            CostLine(CostCategory.EQUIPMENT, "Udstyr", eligible=True, spread={2019: D(100)}),
        ],  # fmt: skip
        financing=[
            FinancingLine(FinancingSource.GRANT, D("3000000.25"), "Puljen"),
            FinancingLine(FinancingSource.OWN_MUNICIPALITY, D(1000000), interest_pct=D(3), years=30, repaid_by_rent=True),
            FinancingLine(FinancingSource.OWN_PRACTICE, D(200000)),
            FinancingLine(FinancingSource.LOAN, D(2000000), "KommuneKredit", D("2.125"), 25),
            FinancingLine(FinancingSource.OTHER_GRANT, D(50000), "Fonden 🌱"),
        ],
        running=Running(
            {RunningRate.UTILITIES: D(110), RunningRate.CLEANING: D("150.75"), RunningRate.MAINTENANCE: D(0),
             RunningRate.INSURANCE_TAX: D(60), RunningRate.ADMINISTRATION: D(40)},
            [Service("Fælles reception", D(380000), Allocation(AllocationKey.HEADCOUNT)),
             Service("IT", D("12000.5"), Allocation(AllocationKey.CUSTOM, {"læger": D(50), "kom": D(50)}))],
        ),
    )  # fmt: skip
    second = copy.deepcopy(first)  # a duplicated scenario keeps its tenants' ids
    second.name = "Nybyg 🏗"
    second.tenants = second.tenants[:1]
    second.rooms = [RoomLine(RoomType.CONSULTATION, D(14), count=5, tenant="læger")]
    second.equipment = []
    second.running = Running()
    return Plan(
        title="Sundhedshus Ærø — «Søndergade» 🏥",
        years=[2019, 2020],
        pool_round="2018",
        applicant=Applicant("Ærø Kommune", ApplicantType.MUNICIPALITY),
        partners=["Lægerne i Ærøskøbing", "Region Syddanmark"],
        gp_collaboration=GPCollaboration("Lægehuset i Marstal", "Aftale om fælles vagt"),
        contact=Contact("Søren Ø. Æbelø", "soren@aeroe.dk", "+45 62 52 00 00"),
        municipality="Ærø",
        address="Søndergade 1, 5970 Ærøskøbing",
        project_type=ProjectType.CONVERSION,
        price_year=2018,
        amounts_include_vat=True,
        description='Linje 1\nLinje 2 "citat" \\ tab\t😀',
        applied_scenario="Nybyg 🏗",
        scenarios=[first, second],
        catalogs=catalogs,
    )


def test_a_rich_plan_with_danish_letters_emoji_and_own_catalogs_round_trips() -> None:
    plan = rich_plan()
    assert_round_trips(plan)
    doc = parsed(dump_json(plan))
    assert doc["plan"]["gp_collaboration"] == {
        "with": "Lægehuset i Marstal",
        "description": "Aftale om fælles vagt",
    }
    # Only the catalog rows that differ from the bundled ones are written, each one whole.
    bundled = bundled_catalogs()
    assert set(doc["catalogs"]) == {
        "tenant_kinds",
        "room_types",
        "equipment",
        "running_rates",
        "patients_per_gp",
    }
    assert set(doc["catalogs"]["equipment"]) == {"ecg", "sauna"}
    assert doc["catalogs"]["equipment"]["ecg"] == {
        "name_da": "EKG 🫀", "name_en": "ECG", "unit_price": D("41999.95"), "lifetime_years": 9,
        "annual_service": 2500, "source": "tilbud fra leverandør",
    }  # fmt: skip
    assert doc["catalogs"]["tenant_kinds"] == {
        "midwife": {"name_da": "Jordemoder", "name_en": "Midwife", "sector": "regional",
                    "rooms_per_clinician": {"consultation": 1, "office": D("0.5")}, "m2_per_clinician": 25,
                    "source": ""}
    }  # fmt: skip
    assert list(doc["catalogs"]["room_types"]) == ["consultation"]
    expected_rates = {str(r): v for r, v in bundled.running_rates.items() if r is not RunningRate.CLEANING}
    assert expected_rates  # the other bundled rates are not written
    assert doc["catalogs"]["running_rates"] == {"cleaning": D("162.5")}
    assert doc["catalogs"]["patients_per_gp"] == 1500


def test_catalog_overrides_are_merged_over_the_bundled_catalogs() -> None:
    data = example()
    data["catalogs"] = {
        "equipment": {
            "sauna": {"name_da": "Sauna", "name_en": "Sauna", "unit_price": 90000, "lifetime_years": 15}
        },
        "running_rates": {"cleaning": 99},
    }
    data["scenarios"][0]["equipment"].append(
        {"item": "sauna", "unit_price": 90000, "lifetime_years": 15, "tenant": "fys"}
    )
    plan = plan_from_dict(data)
    bundled = bundled_catalogs()
    assert plan.catalogs.equipment["sauna"] == EquipmentItem("Sauna", "Sauna", D(90000), D(15))
    assert plan.catalogs.equipment["ecg"] == bundled.equipment["ecg"]
    assert plan.catalogs.running_rates[RunningRate.CLEANING] == D(99)
    assert plan.catalogs.running_rates[RunningRate.UTILITIES] == bundled.running_rates[RunningRate.UTILITIES]
    assert plan.catalogs.tenant_kinds == bundled.tenant_kinds
    assert_round_trips(plan)


def test_null_and_missing_keys_take_the_defaults() -> None:
    data = {
        "format": "sundhedshus-plan",
        "format_version": 1,
        "plan": {"title": "Minimal", "years": [2019], "pool_round": None, "applicant": None, "contact": None},
        "scenarios": [{"name": "A", "gross_factor": None, "tenants": [{"id": "t", "name": "T", "kind": "dentist",
                                                                       "sector": None}],
                       "rooms": [{"type": "other", "net_m2": 10, "tenant": "t", "shared": None, "vacant": None}],
                       "running": {"services": [{"name": "Rengøring", "annual": 0}]}}],
        "catalogs": None,
    }  # fmt: skip
    plan = plan_from_dict(data)
    assert plan.pool_round == newest_round()
    assert plan.applicant == Applicant() and plan.contact == Contact() and plan.applied_scenario is None
    s = plan.scenarios[0]
    assert s.gross_factor == D("1.35")
    assert s.tenants[0].sector == bundled_catalogs().tenant_kinds[TenantKind.DENTIST].sector
    assert s.rooms[0].count == 1 and s.rooms[0].vacant is False
    assert s.running.per_gross_m2 == {rate: D(0) for rate in RunningRate}  # missing rates are 0
    assert s.running.services[0].shared == Allocation(AllocationKey.AREA)
    assert plan.catalogs == bundled_catalogs()
    doc = parsed(dump_json(plan))
    assert doc["plan"]["pool_round"] == newest_round()
    assert doc["scenarios"][0]["running"]["per_gross_m2"] == dict.fromkeys(
        ["utilities", "cleaning", "maintenance", "insurance_tax", "administration"], 0
    )
    assert doc["scenarios"][0]["tenants"][0]["sector"] == str(s.tenants[0].sector)


def test_equipment_vacant_false_counts_as_absent() -> None:
    data = example()
    data["scenarios"][0]["equipment"][0]["vacant"] = False
    assert plan_from_dict(data).scenarios[0].equipment[0].shared == Allocation(AllocationKey.EQUAL)
    data["scenarios"][0]["equipment"][0]["vacant"] = True
    assert problems_of(data) == [
        (
            "scenarios[0].equipment[0]",
            "præcis én af tenant og shared skal angives (udstyr kan ikke stå ledigt)",
        )
    ]


# --- exact numbers -------------------------------------------------------------------------------


def test_decimals_stay_exact() -> None:
    data = example()
    costs = data["scenarios"][0]["costs"]
    costs[2]["amount"] = D("0.1")
    costs.append({"category": "other", "text": "x", "amount": D("0.2")})
    costs.append({"category": "it", "amount": D("1234567.891")})
    data["scenarios"][0]["gross_factor"] = D("1.3333333333333333333333333333333")  # 32 significant digits
    text = dump_json(plan_from_dict(data))
    plan = load_json(text)
    s = plan.scenarios[0]
    assert s.costs[2].amount + s.costs[3].amount == D("0.3")
    assert s.costs[4].amount == D("1234567.891")
    assert s.gross_factor == D("1.3333333333333333333333333333333")
    assert '"amount": 0.1,' in text and '"amount": 0.2,' in text and '"amount": 1234567.891,' in text
    assert '"gross_factor": 1.3333333333333333333333333333333,' in text


def test_numbers_read_from_text_are_exact_decimals() -> None:
    text = EXAMPLE.replace('"interest_pct": 2.5', '"interest_pct": 2.1000000000000000001')
    plan = load_json(text)
    assert plan.scenarios[0].financing[2].interest_pct == D("2.1000000000000000001")


@pytest.mark.parametrize(
    ("value", "written"),
    [(D("-0"), 0), (D("-0.00"), 0), (D("1E+2"), 100), (D("1.50"), D("1.5")), (D("100.000"), 100),
     (D("0.000001"), D("0.000001")), (D("-2.50"), D("-2.5")), (D("12345678901234567890123456789.5"),
     D("12345678901234567890123456789.5")), (7, 7), (None, None)],
)  # fmt: skip
def test_json_number(value, written) -> None:
    result = json_number(value)
    assert result == written and type(result) is type(written)
    if isinstance(result, D):
        assert str(result) == str(written)  # its own digits, no exponent, no trailing zeros


def test_exponent_and_negative_zero_are_written_plainly() -> None:
    data = example()
    data["scenarios"][0]["rooms"][0]["net_m2"] = D("1.6E+1")
    data["scenarios"][0]["financing"][0]["amount"] = D("-0")
    data["scenarios"][0]["costs"][2]["amount"] = D("2.5E+5")
    text = dump_json(plan_from_dict(data))
    assert '"net_m2": 16,' in text and '"amount": 0,' in text and '"amount": 250000,' in text
    assert "E" not in text.replace("EKG", "")


def test_python_floats_are_taken_by_their_shortest_repr() -> None:
    data = json.loads(EXAMPLE)  # floats, not Decimals
    plan = plan_from_dict(data)
    assert plan.scenarios[0].gross_factor == D("1.35")
    assert plan.scenarios[0].financing[2].interest_pct == D("2.5")


# --- reading files -------------------------------------------------------------------------------


def test_load_json_reads_a_path_bytes_and_text(tmp_path: Path) -> None:
    expected = plan_from_dict(example())
    path = tmp_path / "plan æø.json"
    path.write_text(EXAMPLE, encoding="utf-8")
    assert load_json(path) == expected
    assert load_json(str(path)) == expected
    assert load_json(EXAMPLE.encode("utf-8")) == expected
    assert load_json(EXAMPLE) == expected
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.encode("utf-8"))  # as Windows Notepad saves it
    assert load_json(bom) == expected


def test_a_missing_file_or_a_folder_is_a_plan_error(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match="Filen findes ikke"):
        load_json(tmp_path / "nope.json")
    with pytest.raises(PlanError, match="mappe"):
        load_json(tmp_path)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "filen er tom"),
        (b"  \n", "filen er tom"),
        (b'{"format": "sundhedshus-plan",\n "format_version": 1,\n "plan": {"title": "x",}}',
         "ugyldig JSON i linje 3, kolonne 24: forventede et nøglenavn i dobbelte anførselstegn"),
        (b'{"format": "sundhedshus-plan"} x', "ugyldig JSON i linje 1, kolonne 32: der står mere efter JSON-dokumentet"),
        (b'{"format": "sundhedshus-plan", "format_version": 1 "plan": {}}',
         "ugyldig JSON i linje 1, kolonne 52: forventede et komma"),
        (b'{"title": "\xe6"}', "filen er ikke UTF-8-tekst (byte 11)"),
        (b"[]", "ikke en Sundhedshus-plan: dokumentet skal være et JSON-objekt"),
        (b'"sundhedshus-plan"', "ikke en Sundhedshus-plan: dokumentet skal være et JSON-objekt"),
        (b'{"plan": {}, "scenarios": []}', "ikke en Sundhedshus-plan: «format» skal være «sundhedshus-plan»"),
        (b'{"format": "sundhedshus-budget", "format_version": 1}',
         "ikke en Sundhedshus-plan: «format» skal være «sundhedshus-plan»"),
        (b"[" * 100000, "ugyldig JSON: dokumentet kan ikke læses"),
    ],
)  # fmt: skip
def test_unreadable_or_foreign_documents_give_one_problem(raw: bytes, message: str) -> None:
    with pytest.raises(InvalidPlan) as caught:
        load_json(raw)
    assert [p.message_da for p in caught.value.problems] == [message]
    assert caught.value.problems[0].message_en


def test_a_newer_format_version_asks_for_a_newer_sundhedshus() -> None:
    data = example()
    data["format_version"] = 2
    data["plan"]["future_key"] = 1  # not reported: the newer version may well know it
    with pytest.raises(InvalidPlan) as caught:
        plan_from_dict(data)
    (problem,) = caught.value.problems
    assert problem.path == "format_version"
    assert "nyere Sundhedshus" in problem.message_da and "opdater Sundhedshus" in problem.message_da
    assert "newer Sundhedshus" in problem.message_en


# --- invalid documents: every problem, with its path ---------------------------------------------


def _set(path: list[Any], value: Any) -> Any:
    def change(data: dict[str, Any]) -> None:
        target = data
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


def _drop(path: list[Any]) -> Any:
    def change(data: dict[str, Any]) -> None:
        target = data
        for step in path[:-1]:
            target = target[step]
        del target[path[-1]]

    return change


S0 = ["scenarios", 0]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_set([*S0, "rooms", 3, "net_m2"], 0), [("scenarios[0].rooms[3].net_m2", "skal være større end 0")]),
        (_set([*S0, "rooms", 3, "net_m2"], "12"), [("scenarios[0].rooms[3].net_m2", "skal være et tal")]),
        (_set([*S0, "rooms", 3, "net_m2"], True), [("scenarios[0].rooms[3].net_m2", "skal være et tal")]),
        (_drop([*S0, "rooms", 3, "net_m2"]), [("scenarios[0].rooms[3].net_m2", "mangler")]),
        (_set([*S0, "rooms", 3, "net_m2"], None), [("scenarios[0].rooms[3].net_m2", "mangler")]),
        (_set([*S0, "rooms", 0, "count"], D("2.5")), [("scenarios[0].rooms[0].count", "skal være et heltal")]),
        (_set([*S0, "rooms", 0, "netm2"], 1), [("scenarios[0].rooms[0].netm2", "ukendt nøgle (mente du «net_m2»?)")]),
        (_set(["plan", "colour"], "red"), [("plan.colour", "ukendt nøgle")]),
        (_set(["extra"], 1), [("extra", "ukendt nøgle")]),
        (_set([*S0, "rooms", 0, "tenant"], "xy"), [("scenarios[0].rooms[0].tenant", "ukendt lejer «xy»")]),
        (_set([*S0, "rooms", 3, "tenant"], "gp"),
         [("scenarios[0].rooms[3]", "præcis én af tenant, shared og vacant skal angives")]),
        (_set([*S0, "rooms", 3, "vacant"], False),
         [("scenarios[0].rooms[3]", "præcis én af tenant, shared og vacant skal angives")]),
        (_set([*S0, "rooms", 3, "vacant"], "ja"), [("scenarios[0].rooms[3].vacant", "skal være true eller false")]),
        (_set([*S0, "rooms", 1, "shared"], {"key": "area", "shares": {"gp": 100}}),
         [("scenarios[0].rooms[1].shared.shares", "shares kan kun angives med nøglen custom")]),
        (_set([*S0, "rooms", 2, "shared", "shares", "dr x"], 5),
         [('scenarios[0].rooms[2].shared.shares["dr x"]', "ukendt lejer «dr x»")]),
        (_set([*S0, "rooms", 2, "shared", "shares", "fys"], -40),
         [("scenarios[0].rooms[2].shared.shares.fys", "skal være mellem 0 og 100")]),
        (_set([*S0, "rooms", 2, "shared", "key"], "weighted"),
         [("scenarios[0].rooms[2].shared.key", "ukendt kode «weighted»; gyldige: area, headcount, equal, custom")]),
        (_set([*S0, "tenants", 1, "id"], "gp"),
         [("scenarios[0].tenants[1].id", "lejer-id'et «gp» er allerede brugt i scenariet"),
          ("scenarios[0].rooms[2].shared.shares.fys", "ukendt lejer «fys»")]),
        (_drop([*S0, "tenants", 1, "kind"]), [("scenarios[0].tenants[1].kind", "mangler")]),
        (_drop([*S0, "tenants", 1, "name"]), [("scenarios[0].tenants[1].name", "mangler")]),
        (_set([*S0, "tenants", 0, "listed_patients"], D("6400.5")),
         [("scenarios[0].tenants[0].listed_patients", "skal være et heltal")]),
        (_set([*S0, "tenants", 0, "clinicians"], D("3.5")), []),  # full-time equivalents
        (_set([*S0, "equipment", 0, "lifetime_years"], 0),
         [("scenarios[0].equipment[0].lifetime_years", "skal være større end 0")]),
        (_drop([*S0, "equipment", 0, "unit_price"]), [("scenarios[0].equipment[0].unit_price", "mangler")]),
        (_set([*S0, "equipment", 0, "tenant"], "gp"),
         [("scenarios[0].equipment[0]", "præcis én af tenant og shared skal angives")]),
        (_set([*S0, "costs", 0, "amount"], 5),
         [("scenarios[0].costs[0]", "præcis ét grundlag skal angives: amount, per_m2 eller percent")]),
        (_drop([*S0, "costs", 1, "of"]), [("scenarios[0].costs[1].of", "må ikke være tom")]),
        (_set([*S0, "costs", 1, "of"], "construction"), [("scenarios[0].costs[1].of", "skal være en liste")]),
        (_set([*S0, "costs", 2, "m2"], 100), [("scenarios[0].costs[2].m2", "m2 kan kun angives sammen med per_m2")]),
        (_set([*S0, "costs", 2, "spread"], {"2019": 101}),
         [('scenarios[0].costs[2].spread["2019"]', "skal være mellem 0 og 100")]),
        (_set([*S0, "costs", 2, "spread"], {"i år": 100}),
         [('scenarios[0].costs[2].spread["i år"]', "skal være et årstal (1900–2200)")]),
        (_set([*S0, "costs", 2, "spread"], {"2030": 100}), []),  # outside the plan's years: a finding
        (_set([*S0, "costs", 2, "category"], "contingncy"),
         [("scenarios[0].costs[2].category", "ukendt kode «contingncy» (mente du «contingency»?)")]),
        (_drop([*S0, "financing", 2, "interest_pct"]), [("scenarios[0].financing[2].interest_pct", "mangler")]),
        (_drop([*S0, "financing", 2, "years"]), [("scenarios[0].financing[2].years", "mangler")]),
        (_drop([*S0, "financing", 1, "years"]), [("scenarios[0].financing[1].years", "mangler")]),
        (_set([*S0, "financing", 0, "amount"], -1), [("scenarios[0].financing[0].amount", "må ikke være negativ")]),
        (_set([*S0, "running", "per_gross_m2", "heating"], 5),
         [("scenarios[0].running.per_gross_m2.heating", "ukendt kode «heating»; gyldige: utilities, cleaning, "
                                                        "maintenance, insurance_tax, administration")]),
        (_set([*S0, "running", "services", 0, "annual"], -5),
         [("scenarios[0].running.services[0].annual", "må ikke være negativ")]),
        (_set([*S0, "gross_factor"], 0), [("scenarios[0].gross_factor", "skal være større end 0")]),
        (_set([*S0, "name"], ""), [("plan.applied_scenario", "ukendt scenarie «Ombygning»"),
                                   ("scenarios[0].name", "må ikke være tom")]),
        (_set(["plan", "years"], [2018, 2018]), [("plan.years[1]", "årene skal være forskellige og stigende")]),
        (_set(["plan", "years"], [2018, None]), [("plan.years[1]", "skal være et heltal")]),
        (_set(["plan", "years"], 2018), [("plan.years", "skal være en liste")]),
        (_drop(["plan", "years"]), [("plan.years", "mangler")]),
        (_drop(["plan", "title"]), [("plan.title", "mangler")]),
        (_set(["plan", "municipality"], "Nordbyy"), [("plan.municipality", "ukendt kommune «Nordbyy»")]),
        (_set(["plan", "municipality"], None), []),
        (_set(["plan", "pool_round"], "2017"), [("plan.pool_round", "ukendt puljerunde «2017»; kendte: 2018, 2019")]),
        (_set(["plan", "pool_round"], ""), []),
        (_set(["plan", "applied_scenario"], "Nybyg"), [("plan.applied_scenario", "ukendt scenarie «Nybyg»")]),
        (_set(["plan", "applicant"], "Nordby Kommune"), [("plan.applicant", "skal være et objekt")]),
        (_set(["plan", "gp_collaboration"], {"with": "Lægehuset", "how": "x"}),
         [("plan.gp_collaboration.how", "ukendt nøgle")]),
        (_drop(["plan"]), [("plan", "mangler")]),
        (_drop(["scenarios"]), [("plan.applied_scenario", "ukendt scenarie «Ombygning»"), ("scenarios", "mangler")]),
        (_set(["scenarios"], []), [("plan.applied_scenario", "ukendt scenarie «Ombygning»"),
                                   ("scenarios", "planen skal have mindst ét scenarie")]),
        (_set([*S0, "rooms", 1], [1, 2]), [("scenarios[0].rooms[1]", "skal være et objekt")]),
        (_drop(["format_version"]), [("format_version", "mangler")]),
        (_set(["format_version"], 0), [("format_version", "ukendt formatversion 0")]),
        (_set(["catalogs"], {"equipment": {"x": {"name_da": "X", "name_en": "X", "unit_price": 5}}}),
         [("catalogs.equipment.x.lifetime_years", "mangler")]),
        (_set(["catalogs"], {"tenant_kinds": {"shaman": {"name_da": "S", "name_en": "S", "sector": "private"}}}),
         [("catalogs.tenant_kinds.shaman", "ukendt kode «shaman»; gyldige: gp_practice, specialist, midwife, "
           "health_visitor, biomedical_lab, physiotherapist, chiropractor, psychologist, dietitian, home_nursing, "
           "rehabilitation, dentist, other")]),
        (_set(["catalogs"], {"patients_per_gp": 0}), [("catalogs.patients_per_gp", "skal være større end 0")]),
        (_set(["catalogs"], {"room_types": {"office": {"name_da": "K", "name_en": "O", "default_net_m2": 12,
                                                       "colour": "x"}}}),
         [("catalogs.room_types.office.colour", "ukendt nøgle")]),
    ],
)  # fmt: skip
def test_an_invalid_value_is_reported_with_its_path(change, expected) -> None:
    data = example()
    change(data)
    if not expected:
        plan_from_dict(data)  # valid: no exception
        return
    assert problems_of(data) == expected


def test_every_problem_of_a_file_is_reported_in_document_order() -> None:
    data = example()
    s = data["scenarios"][0]
    s["rooms"][3]["net_m2"] = 0
    s["rooms"][0]["tenant"] = "xy"
    s["rooms"][1]["vacant"] = True
    s["equipment"][0]["unit_price"] = "45.000"
    s["financing"][2].pop("interest_pct")
    data["plan"]["municipality"] = "Ringkobing-Skjern"
    data["plan"]["years"] = [2019, 2018]
    data["scenarios"].append({"name": "Ombygning", "tenants": [{"id": "a", "name": "A", "kind": "dentst"}]})
    assert problems_of(data) == [
        ("plan.municipality", "ukendt kommune «Ringkobing-Skjern» (mente du «Ringkøbing-Skjern»?)"),
        ("plan.years[1]", "årene skal være forskellige og stigende"),
        ("scenarios[0].rooms[0].tenant", "ukendt lejer «xy»"),
        ("scenarios[0].rooms[1]", "præcis én af tenant, shared og vacant skal angives"),
        ("scenarios[0].rooms[3].net_m2", "skal være større end 0"),
        ("scenarios[0].equipment[0].unit_price", "skal være et tal"),
        ("scenarios[0].financing[2].interest_pct", "mangler"),
        ("scenarios[1].name", "scenarienavnet «Ombygning» er allerede brugt"),
        ("scenarios[1].tenants[0].kind", "ukendt kode «dentst» (mente du «dentist»?)"),
    ]


def test_the_error_text_lists_path_colon_message_a_line_each() -> None:
    data = example()
    data["scenarios"][0]["rooms"][3]["net_m2"] = 0
    data["scenarios"][0]["rooms"][0]["net_m2"] = -1
    with pytest.raises(InvalidPlan) as caught:
        plan_from_dict(data)
    assert caught.value.message == (
        "scenarios[0].rooms[0].net_m2: skal være større end 0\nscenarios[0].rooms[3].net_m2: skal være større end 0"
    )
    assert caught.value.message_en.splitlines()[0] == "scenarios[0].rooms[0].net_m2: must be greater than 0"


def test_duplicated_keys_and_non_finite_numbers_are_reported() -> None:
    text = EXAMPLE.replace('"net_m2": 45,', '"net_m2": 45, "net_m2": 46,').replace(
        '"gross_factor": 1.35', '"gross_factor": NaN'
    )
    with pytest.raises(InvalidPlan) as caught:
        load_json(text)
    assert [(p.path, p.message_da) for p in caught.value.problems] == [
        ("scenarios[0].gross_factor", "skal være et endeligt tal"),
        ("scenarios[0].rooms[1].net_m2", "nøglen står flere gange"),
    ]


# --- generated plans -----------------------------------------------------------------------------

NAME_CHARS = st.characters(codec="utf-8", exclude_categories=("Cs",))
names = st.text(NAME_CHARS, min_size=1, max_size=12).filter(lambda s: s.strip() != "")
texts = st.text(NAME_CHARS, max_size=8)
amounts = st.decimals(min_value=0, max_value=10**9, places=3, allow_nan=False, allow_infinity=False)
positive = st.decimals(min_value=D("0.001"), max_value=10**5, places=3, allow_nan=False, allow_infinity=False)
percents = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
# Within validation's realistic ranges (issue 20.8: head counts ≤ 10.000, lifetimes ≤ 100 years, factors ≤ 10).
persons = st.decimals(min_value=0, max_value=10**4, places=3, allow_nan=False, allow_infinity=False)
lifetimes = st.decimals(min_value=D("0.001"), max_value=100, places=3, allow_nan=False, allow_infinity=False)
factors = st.decimals(min_value=D("0.001"), max_value=10, places=3, allow_nan=False, allow_infinity=False)


@st.composite
def allocations(draw: st.DrawFn, ids: list[str]) -> Allocation:
    key = draw(st.sampled_from(AllocationKey))
    shares = {}
    if key is AllocationKey.CUSTOM and ids:
        shares = draw(st.dictionaries(st.sampled_from(ids), percents, max_size=len(ids)))
    return Allocation(key, shares)


@st.composite
def scenarios(draw: st.DrawFn, name: str, years: list[int], items: list[str]) -> Scenario:
    ids = draw(st.lists(names, max_size=3, unique=True))
    tenants = [
        Tenant(i, draw(names), draw(st.sampled_from(TenantKind)), draw(st.sampled_from(Sector)),
               draw(persons), draw(persons), draw(st.integers(0, 10**6)), draw(st.integers(0, 9)),
               draw(st.none() | positive.filter(lambda h: h <= 168)), draw(st.none() | amounts), draw(texts))
        for i in ids
    ]  # fmt: skip

    def placement(vacant_allowed: bool) -> dict[str, Any]:
        options = ["shared"] + (["tenant"] if ids else []) + (["vacant"] if vacant_allowed else [])
        chosen = draw(st.sampled_from(options))
        if chosen == "tenant":
            return {"tenant": draw(st.sampled_from(ids))}
        if chosen == "shared":
            return {"shared": draw(allocations(ids))}
        return {"vacant": True}

    rooms = [
        RoomLine(
            draw(st.sampled_from(RoomType)),
            draw(positive),
            draw(st.integers(1, 9)),
            draw(texts),
            **placement(True),
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    equipment = [
        EquipmentLine(draw(st.sampled_from(items)), draw(amounts), draw(lifetimes), draw(texts), draw(st.integers(1, 5)),
                      draw(amounts), draw(st.booleans()), **placement(False))
        for _ in range(draw(st.integers(0, 2)))
    ]  # fmt: skip
    costs = []
    for _ in range(draw(st.integers(0, 3))):
        category = draw(st.sampled_from(CostCategory))
        basis = draw(
            st.sampled_from(["amount", "per_m2", "percent"] + (["none"] if category == "equipment" else []))
        )
        line = CostLine(category, draw(texts), eligible=draw(st.booleans()),
                        spread=draw(st.dictionaries(st.sampled_from(years), percents, max_size=2)))  # fmt: skip
        if basis == "amount":
            line.amount = draw(amounts)
        elif basis == "per_m2":
            line.per_m2 = draw(amounts)
            line.m2 = draw(st.none() | positive)
        elif basis == "percent":
            line.percent = draw(percents)
            line.of = draw(st.lists(st.sampled_from(CostCategory), min_size=1, max_size=3))
        costs.append(line)
    financing = []
    for _ in range(draw(st.integers(0, 3))):
        source = draw(st.sampled_from(FinancingSource))
        repaid = draw(st.booleans()) if source.is_own else False
        needs_years = source is FinancingSource.LOAN or repaid
        financing.append(
            FinancingLine(source, draw(amounts), draw(texts), draw(percents),
                          draw(st.integers(1, 40)) if needs_years else draw(st.none() | st.integers(1, 40)), repaid)
        )  # fmt: skip
    running = Running(
        {rate: draw(amounts) for rate in RunningRate},
        [Service(draw(names), draw(amounts), draw(allocations(ids))) for _ in range(draw(st.integers(0, 2)))],
    )
    return Scenario(name, draw(factors), tenants, rooms, equipment, costs, financing, running)


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    from planners.reference import municipalities, pool_rounds

    catalogs = copy.deepcopy(bundled_catalogs())
    if draw(st.booleans()):
        catalogs.equipment[draw(names)] = EquipmentItem(
            draw(names), draw(texts), draw(amounts), draw(lifetimes)
        )
    if draw(st.booleans()):
        catalogs.running_rates[RunningRate.MAINTENANCE] = draw(amounts)
    first = draw(st.integers(2000, 2100))
    years = list(range(first, first + draw(st.integers(1, 4))))
    items = [*catalogs.equipment, "other"]
    scenario_names = draw(st.lists(names, min_size=1, max_size=2, unique=True))
    scenario_list = [draw(scenarios(n, years, items)) for n in scenario_names]
    return Plan(
        title=draw(names),
        years=years,
        pool_round=draw(st.sampled_from(sorted(pool_rounds()))),
        applicant=Applicant(draw(texts), draw(st.sampled_from(ApplicantType))),
        partners=draw(st.lists(texts, max_size=2)),
        gp_collaboration=draw(st.none() | st.builds(GPCollaboration, texts, texts)),
        contact=Contact(draw(texts), draw(texts), draw(texts)),
        municipality=draw(st.none() | st.sampled_from(sorted(m.name for m in municipalities().values()))),
        address=draw(texts),
        project_type=draw(st.none() | st.sampled_from(ProjectType)),
        price_year=draw(st.none() | st.integers(1990, 2100)),
        amounts_include_vat=draw(st.booleans()),
        description=draw(texts),
        applied_scenario=draw(st.none() | st.sampled_from(scenario_names)),
        scenarios=scenario_list,
        catalogs=catalogs,
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans())
def test_generated_valid_plans_round_trip(plan: Plan) -> None:
    assert_round_trips(plan)


# --- found in review: inputs that once crashed, hung or vanished ------------------------------------


def _minimal(**scenario: object) -> dict:
    return {
        "format": "sundhedshus-plan",
        "format_version": 1,
        "plan": {"title": "x", "years": [2019]},
        "scenarios": [{"name": "A", **scenario}],
    }


def test_a_lone_surrogate_is_invalid_not_a_crash() -> None:
    doc = _minimal()
    doc["plan"]["title"] = "x\ud800y"
    with pytest.raises(InvalidPlan) as info:
        plan_from_dict(doc)
    assert [(p.path, p.message_da) for p in info.value.problems] == [("plan.title", "indeholder et ugyldigt tegn")]


def test_a_number_with_an_endless_exponent_is_refused() -> None:
    doc = _minimal(rooms=[{"type": "other", "net_m2": D("17.0e-100000000"), "vacant": True}])
    with pytest.raises(InvalidPlan) as info:
        plan_from_dict(doc)
    assert info.value.problems[0].path == "scenarios[0].rooms[0].net_m2"
    assert "decimaler" in info.value.problems[0].message_da


def test_a_year_key_with_a_leading_zero_does_not_merge() -> None:
    doc = _minimal(costs=[{"category": "other", "amount": 1, "spread": {"2019": 50, "02019": 50}}])
    with pytest.raises(InvalidPlan) as info:
        plan_from_dict(doc)
    assert [p.path for p in info.value.problems] == ['scenarios[0].costs[0].spread["02019"]']


def test_a_removed_catalog_item_survives_the_round_trip() -> None:
    plan = plan_from_dict(_minimal())
    assert "ultrasound" in plan.catalogs.equipment
    del plan.catalogs.equipment["ultrasound"]
    doc = plan_to_dict(plan)
    assert doc["catalogs"]["equipment"] == {"ultrasound": None}
    again = plan_from_dict(json.loads(dump_json(plan), parse_float=D))
    assert "ultrasound" not in again.catalogs.equipment
    assert again == plan
