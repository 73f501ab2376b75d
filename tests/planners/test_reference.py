"""The bundled reference data (resources/) and its loader `planners.reference`: complete, sourced, typed."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from planners import reference
from planners.model import (
    ApplicantType,
    Catalogs,
    RoomType,
    RunningRate,
    Sector,
    TenantKind,
)

RESOURCES = Path(reference.__file__).resolve().parent.parent / "resources"

# FACTS.md, "GP-shortage areas (lægedækningstruede områder), PLO list of May 2019", copied by hand.
SHORTAGE = {
    "Region Hovedstaden": "Albertslund Brøndby Frederiksberg Glostrup Herlev Hvidovre København Rødovre Vallensbæk",
    "Region Sjælland": "Guldborgsund Holbæk Kalundborg Lolland Odsherred Slagelse Stevns Vordingborg",
    "Region Syddanmark": "Billund Esbjerg Fanø Faaborg-Midtfyn Svendborg Tønder Varde Vejle Aabenraa",
    "Region Midtjylland": "Lemvig Norddjurs Ringkøbing-Skjern Samsø Skive Struer",
    "Region Nordjylland": (
        "Brønderslev Frederikshavn Hjørring Jammerbugt Læsø Morsø Rebild Thisted Vesthimmerland Aalborg"
    ),
}


def _raw(relative: str) -> dict:
    return json.loads((RESOURCES / relative).read_text(encoding="utf-8"))


# --- files -------------------------------------------------------------------------------------------


def test_resources_dir_holds_every_data_file() -> None:
    root = reference.resources_dir()
    for relative in (
        "catalogs/tenant_kinds.json",
        "catalogs/room_types.json",
        "catalogs/equipment.json",
        "catalogs/running_rates.json",
        "catalogs/capacity.json",
        "municipalities.json",
        "rounds/2018.json",
        "rounds/2019.json",
        "benchmarks.json",
        "templates/index.json",
        "README.md",
    ):
        assert (root / relative).is_file(), relative


def test_every_json_file_parses() -> None:
    files = sorted(reference.resources_dir().rglob("*.json"))
    assert len(files) >= 14
    for path in files:
        json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)


# --- catalogs ----------------------------------------------------------------------------------------


def test_catalogs_cover_every_code() -> None:
    catalogs = reference.bundled_catalogs()
    assert isinstance(catalogs, Catalogs)
    assert set(catalogs.tenant_kinds) == set(TenantKind)
    assert len(catalogs.tenant_kinds) == 13
    assert set(catalogs.room_types) == set(RoomType)
    assert len(catalogs.room_types) == 17
    assert list(catalogs.running_rates) == list(RunningRate)


def test_tenant_kinds_have_names_sector_norms_and_source() -> None:
    kinds = reference.bundled_catalogs().tenant_kinds
    gp = kinds[TenantKind.GP_PRACTICE]
    assert gp.name_da == "Almen praksis"
    assert gp.sector is Sector.GENERAL_PRACTICE
    assert gp.rooms_per_clinician[RoomType.CONSULTATION] == Decimal("1.0")
    assert gp.rooms_per_clinician[RoomType.EXAMINATION] == Decimal("0.5")
    physio = kinds[TenantKind.PHYSIOTHERAPIST]
    assert physio.rooms_per_clinician[RoomType.TREATMENT] == 1
    assert physio.rooms_per_clinician[RoomType.TRAINING_HALL] == Decimal("0.2")
    assert kinds[TenantKind.HOME_NURSING].sector is Sector.MUNICIPAL
    assert kinds[TenantKind.REHABILITATION].sector is Sector.MUNICIPAL
    for code, info in kinds.items():
        assert info.name_da and info.name_en, code
        assert info.m2_per_clinician > 0, code
        assert info.rooms_per_clinician, code
        assert all(isinstance(v, Decimal) and v > 0 for v in info.rooms_per_clinician.values()), code
        assert info.source, code


def test_every_catalog_row_is_sourced_or_an_estimate() -> None:
    for relative, section in (
        ("catalogs/tenant_kinds.json", "kinds"),
        ("catalogs/room_types.json", "room_types"),
        ("catalogs/equipment.json", "items"),
        ("catalogs/running_rates.json", "rates"),
    ):
        for code, row in _raw(relative)[section].items():
            assert row["source"].strip(), (relative, code)
            # A row that is an estimate says so in its source text too, so the GUI can show it as one.
            if row.get("estimate"):
                assert "estimate" in row["source"] or "an estimate for Denmark" in row["source"], (relative, code)


def test_room_types_sizes_follow_facts() -> None:
    rooms = reference.bundled_catalogs().room_types
    assert Decimal(12) <= rooms[RoomType.CONSULTATION].default_net_m2 <= Decimal(16)  # RACGP 12–16 m²
    assert rooms[RoomType.TREATMENT].default_net_m2 == 7  # RACGP
    assert rooms[RoomType.RECEPTION].default_net_m2 == 10  # AusHFG
    assert rooms[RoomType.WAITING].default_net_m2 % Decimal("1.2") == 0  # AusHFG: 1.2 m² a seat
    for code, info in rooms.items():
        assert info.name_da and info.name_en and info.source, code
        assert info.default_net_m2 > 0, code


def test_equipment_catalog_has_the_named_items_priced() -> None:
    equipment = reference.bundled_catalogs().equipment
    named = {
        "ecg", "spirometer", "crp_analyser", "hba1c_analyser", "haematology_analyser", "ultrasound",
        "abpm_24h", "autoclave", "defibrillator", "retinal_camera", "video_consultation", "examination_couch",
    }
    assert named <= set(equipment)
    assert "other" not in equipment  # "other" is the code of a custom item (DESIGN §9)
    for code, item in equipment.items():
        assert item.name_da and item.name_en, code
        assert item.unit_price > 0, code
        assert item.lifetime_years > 0, code
        assert item.annual_service >= 0, code
        assert item.source, code
    assert equipment["ecg"].name_da == "EKG-apparat"


def test_point_of_care_testing_costs_a_couple_of_hundred_thousand() -> None:
    # FACTS.md (ugeskriftet.dk): GPs invest "et par hundrede tusinde kroner" in point-of-care testing.
    equipment = reference.bundled_catalogs().equipment
    lab = sum(equipment[c].unit_price for c in ("crp_analyser", "hba1c_analyser", "haematology_analyser"))
    assert Decimal(100_000) <= lab <= Decimal(400_000)


def test_running_rates_are_estimates_per_gross_m2() -> None:
    rates = reference.bundled_catalogs().running_rates
    assert all(isinstance(v, Decimal) and v > 0 for v in rates.values())
    assert sum(rates.values()) == Decimal(110 + 150 + 120 + 60 + 40)
    assert all(row["estimate"] is True for row in _raw("catalogs/running_rates.json")["rates"].values())


def test_capacity_default_is_1600_with_its_source() -> None:
    catalogs = reference.bundled_catalogs()
    assert catalogs.patients_per_gp == Decimal(1600)
    capacity = reference.capacity()
    assert capacity.patients_per_gp == 1600
    assert "laeger.dk" in capacity.patients_per_gp_source
    assert capacity.catchment_listed_share is None  # no source for it: unknown, not invented
    assert capacity.catchment_listed_share_source


def test_bundled_catalogs_is_a_fresh_copy_each_call() -> None:
    first = reference.bundled_catalogs()
    first.equipment["ecg"].unit_price = Decimal(1)
    first.running_rates[RunningRate.CLEANING] = Decimal(0)
    del first.tenant_kinds[TenantKind.OTHER]
    second = reference.bundled_catalogs()
    assert second.equipment["ecg"].unit_price == 35000
    assert second.running_rates[RunningRate.CLEANING] == 150
    assert TenantKind.OTHER in second.tenant_kinds


def test_numbers_are_exact_decimals() -> None:
    grants = {g.recipient: g.grant for g in reference.benchmarks().grants_given}
    assert grants["Varde"] == Decimal("11269712.50")
    assert isinstance(reference.bundled_catalogs().room_types[RoomType.WAITING].default_net_m2, Decimal)


# --- municipalities -----------------------------------------------------------------------------------


def test_98_municipalities_in_5_regions() -> None:
    municipalities = reference.municipalities()
    assert len(municipalities) == 98
    assert reference.regions() == [
        "Region Hovedstaden",
        "Region Sjælland",
        "Region Syddanmark",
        "Region Midtjylland",
        "Region Nordjylland",
    ]
    assert {m.region for m in municipalities.values()} == set(reference.regions())
    per_region = {r: sum(1 for m in municipalities.values() if m.region == r) for r in reference.regions()}
    assert per_region == {
        "Region Hovedstaden": 29,
        "Region Sjælland": 17,
        "Region Syddanmark": 22,
        "Region Midtjylland": 19,
        "Region Nordjylland": 11,
    }
    assert len(_raw("municipalities.json")["municipalities"]) == 98  # no duplicate names hidden by the dict


def test_official_names_spelled_right() -> None:
    municipalities = reference.municipalities()
    for name in ("Ringkøbing-Skjern", "Aabenraa", "Høje-Taastrup", "Lyngby-Taarbæk", "Ærø", "Læsø", "Fanø",
                 "Samsø", "København", "Bornholm", "Faaborg-Midtfyn", "Ikast-Brande", "Nordfyns"):
        assert name in municipalities, name
    assert "Christiansø" not in municipalities
    assert municipalities["Aabenraa"].region == "Region Syddanmark"
    assert municipalities["Læsø"].region == "Region Nordjylland"
    assert municipalities["Bornholm"].region == "Region Hovedstaden"


def test_gp_shortage_list_is_plo_may_2019() -> None:
    municipalities = reference.municipalities()
    expected = {name for names in SHORTAGE.values() for name in names.split()}
    assert len(expected) == 42
    for region, names in SHORTAGE.items():
        for name in names.split():
            assert name in municipalities, name
            assert municipalities[name].region == region, name
    assert {m.name for m in municipalities.values() if m.gp_shortage} == expected
    assert "PLO" in reference.gp_shortage_source()


# --- pool rounds --------------------------------------------------------------------------------------


def test_rounds_2018_and_2019_with_newest_2019() -> None:
    rounds = reference.pool_rounds()
    assert list(rounds) == ["2018", "2019"]
    assert reference.newest_round() == "2019"


def test_round_files_are_named_by_their_code() -> None:
    for path in sorted((reference.resources_dir() / "rounds").glob("*.json")):
        assert _raw(f"rounds/{path.name}")["code"] == path.stem


def test_round_2018_rules() -> None:
    r = reference.pool_rounds()["2018"]
    assert r.code == "2018"
    assert r.total == Decimal(200_000_000)
    assert r.deadline == date(2018, 3, 5)
    assert r.applicant_types == [ApplicantType.MUNICIPALITY, ApplicantType.REGION]
    assert "dagensmedicin" in r.applicant_types_source
    assert r.gp_rule == "in_house_or_collaboration"
    assert r.gp_rule_level == "error"
    assert "aim" in r.gp_rule_source
    assert r.name_da and r.name_en and r.fundable_da and r.fundable_en


def test_round_2019_rules() -> None:
    r = reference.pool_rounds()["2019"]
    assert r.total == Decimal("207600000")
    assert r.deadline == date(2019, 3, 20)
    assert r.deadline_time == "12:00"
    assert r.applicant_types == [ApplicantType.MUNICIPALITY, ApplicantType.REGION]
    assert r.gp_rule == "in_house_or_collaboration"
    assert r.gp_rule_level == "error"
    assert "sum.dk" in r.gp_rule_source
    assert "udstyr" in r.fundable_da
    assert "ombygning" in r.fundable_da.lower()


@pytest.mark.parametrize("code", ["2018", "2019"])
def test_unknown_rules_are_null_and_say_why(code: str) -> None:
    r = reference.pool_rounds()[code]
    # FACTS.md: no eligible-category list, maximum grant or co-financing share was found in any source.
    assert r.eligible_categories is None and r.eligible_known is False and r.eligible_source
    assert r.max_grant is None and r.max_grant_known is False and r.max_grant_source
    assert r.max_grant_share is None and r.max_grant_share_known is False and r.max_grant_share_source
    raw = _raw(f"rounds/{code}.json")
    for key in ("eligible_categories", "max_grant", "max_grant_share"):
        assert raw[key]["value"] is None and raw[key]["known"] is False and raw[key]["why"], key


@pytest.mark.parametrize("code", ["2018", "2019"])
def test_priorities_and_sources(code: str) -> None:
    r = reference.pool_rounds()[code]
    assert [p.code for p in r.priorities] == ["gp_shortage", "remote_area", "several_gps"]
    assert all(p.name_da and p.name_en and p.source for p in r.priorities)
    assert r.priority("remote_area") is not None
    assert r.priority("nonsense") is None
    assert r.sources and r.total_source and r.deadline_source and r.fundable_source
    assert all(n.da and n.en and n.source for n in r.notes)


def test_the_50_percent_case_is_a_note_not_a_rule() -> None:
    r = reference.pool_rounds()["2018"]
    assert r.max_grant_share is None
    assert any("50 %" in n.da for n in r.notes)


# --- benchmarks ---------------------------------------------------------------------------------------


def test_benchmarks_ranges() -> None:
    b = reference.benchmarks()
    assert (b.establishment_per_gross_m2.low, b.establishment_per_gross_m2.high) == (5000, 45000)
    assert (b.rent_per_gross_m2.low, b.rent_per_gross_m2.high) == (300, 3500)
    assert (b.gross_m2.low, b.gross_m2.high) == (100, 30000)
    assert (b.area_per_clinician.low, b.area_per_clinician.high) == (Decimal("0.5"), Decimal("2.0"))
    assert b.rent_per_gross_m2.estimate and b.establishment_per_gross_m2.estimate
    assert all(r.source for r in (b.establishment_per_gross_m2, b.rent_per_gross_m2, b.gross_m2, b.grant))
    assert b.establishment_per_gross_m2.contains(Decimal(5000))
    assert b.establishment_per_gross_m2.contains(Decimal(45000))
    assert not b.establishment_per_gross_m2.contains(Decimal("45000.01"))


def test_aabenraa_reference_is_derived_from_facts() -> None:
    b = reference.benchmarks()
    ref = b.establishment_reference
    assert "Aabenraa" in b.establishment_reference_name
    # ≈ 56 mio. kr. over 2.400–2.600 m² (FACTS.md): 56e6 / 2600 ≈ 21.538, 56e6 / 2400 ≈ 23.333.
    assert ref.low <= Decimal(56_000_000) / 2600 and Decimal(56_000_000) / 2400 <= ref.high + 50
    assert b.establishment_per_gross_m2.low < ref.low < ref.high < b.establishment_per_gross_m2.high


def test_grant_range_matches_the_grants_given_in_2018() -> None:
    b = reference.benchmarks()
    assert (b.grant.low, b.grant.high) == (Decimal(896_000), Decimal(20_170_000))
    known_2018 = [g.grant for g in b.grants_given if g.year == 2018 and g.grant is not None]
    assert min(known_2018) == b.grant.low and max(known_2018) == b.grant.high
    assert len(b.grants_given) == 14
    assert all(g.source for g in b.grants_given)
    assert all(b.grant.contains(g.grant) for g in b.grants_given if g.grant is not None)


# --- templates index -----------------------------------------------------------------------------------


def test_template_names_example_first() -> None:
    names = reference.template_names()
    assert names[0][0] == "example"
    assert {n for n, _ in names} >= {"example", "remote", "large", "conversion"}
    assert all(title for _, title in names)
    titles = reference.template_titles()
    assert [t[0] for t in titles] == [n for n, _ in names]
    assert all(da and en and da != en for _, da, en in titles)


def test_template_path_and_unknown_name() -> None:
    for name, _ in reference.template_names():
        assert reference.template_path(name).is_file()
    assert reference.example_path() == reference.template_path("example")
    with pytest.raises(KeyError):
        reference.template_path("findes-ikke")


def test_readme_names_each_file() -> None:
    text = (reference.resources_dir() / "README.md").read_text(encoding="utf-8")
    for name in ("tenant_kinds.json", "room_types.json", "equipment.json", "running_rates.json", "capacity.json",
                 "municipalities.json", "rounds/", "benchmarks.json", "templates/"):
        assert name in text, name


def test_json_files_are_what_glob_finds(tmp_path: Path) -> None:
    """s19-sum2: the rounds' files are listed without pathlib's glob (its pattern's regular expression): the same
    entries in the same order, for names glob's `*.json` matches and does not."""
    from planners.reference import _json_files, resources_dir

    names = ["2030.json", ".hidden.json", ".json", "a.JSON", "b.json.bak", "c.jsonx", "d json", "æ.json", "e.json.json"]
    for name in names:
        (tmp_path / name).write_text("{}")
    (tmp_path / "folder.json").mkdir()
    assert _json_files(tmp_path) == list(tmp_path.glob("*.json"))
    assert len(_json_files(tmp_path)) == 6
    bundled = resources_dir() / "rounds"
    assert _json_files(bundled) == list(bundled.glob("*.json")) and _json_files(bundled)


def test_every_bundled_file_reads_as_a_text_mode_json_load_reads_it() -> None:
    """`_read` decodes a file's bytes in one piece (s20-imp): every bundled JSON file gives exactly what `json.load`
    of the file opened as UTF-8 text gave, numbers as Decimal, and the folder is found once."""
    import json
    from decimal import Decimal

    root = reference.resources_dir()
    assert reference.resources_dir() is root  # found once a process
    files = sorted(root.rglob("*.json"))
    assert len(files) > 10
    for path in files:
        with path.open(encoding="utf-8") as handle:
            expected = json.load(handle, parse_float=Decimal, parse_int=Decimal)
        assert reference._read(path.relative_to(root).as_posix()) == expected, path


def test_the_municipalities_by_position_are_the_files_rows() -> None:
    rows = json.loads((reference.resources_dir() / "municipalities.json").read_text(encoding="utf-8"))["municipalities"]
    made = reference.municipalities()
    assert list(made) == [row["name"] for row in rows]
    for row in rows:
        m = made[row["name"]]
        assert (m.name, m.region, m.gp_shortage) == (row["name"], row["region"], bool(row["gp_shortage"]))


def test_the_bundled_folder_is_found_without_importing_the_resources_package() -> None:
    """The folder beside `planners/` is the bundled data (s20-imp): a summary no longer imports `resources` for it,
    and it is the folder the package's own `__init__` is in."""
    import os
    import subprocess
    import sys

    code = ("import sys\nfrom planners import reference\nfolder = reference.resources_dir()\n"
            "print('resources' in sys.modules)\nimport resources\nfrom pathlib import Path\n"
            "print(folder == Path(resources.__file__).resolve().parent)")
    root = Path(reference.__file__).resolve().parent.parent
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONPATH": str(root)})
    assert done.stdout.split() == ["False", "True"]


def test_one_municipality_is_the_dicts_entry() -> None:
    """`municipality(name)` (the checks' one look-up, s20-imp2) is `municipalities().get(name)` for every name and
    for names that are none; `known_names` lists the same names in the same order."""
    made = reference.municipalities()
    for name in [*made, "", "Christiansø", "københavn", "Aabenraa ", "Region Hovedstaden"]:
        assert reference.municipality(name) == made.get(name), name
    assert reference.known_names().municipalities == tuple(made)


def test_one_municipality_and_the_names_with_a_name_twice(monkeypatch: pytest.MonkeyPatch) -> None:
    """With a name on two rows the dict keeps the name's first place and the last row's values: the one look-up and
    the names for validation do the same."""
    rows = [{"name": "A", "region": "R1", "gp_shortage": False}, {"name": "B", "region": "R2", "gp_shortage": True},
            {"name": "A", "region": "R3", "gp_shortage": True}]
    real = reference._read
    monkeypatch.setattr(reference, "_read", lambda relative: {"municipalities": rows}
                        if relative == "municipalities.json" else real(relative))
    reference._municipalities.cache_clear()
    try:
        made = reference.municipalities()
        assert list(made) == ["A", "B"]
        assert reference.municipality("A") == made["A"] == reference.Municipality("A", "R3", True)
        assert reference.municipality("B") == made["B"]
        assert reference.municipality("C") is None
        assert reference._municipality_names() == ("A", "B")
    finally:
        reference._municipalities.cache_clear()
