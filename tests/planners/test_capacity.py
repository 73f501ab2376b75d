"""Capacity planning (planners.figures.capacity): GPs needed and the suggested room programme, against hand-computed
figures. The plan carries its own small catalogs, so the expectations do not depend on the bundled data."""

from __future__ import annotations

import dataclasses
from decimal import Decimal as D

import pytest

from planners.figures.capacity import SuggestedRoom, gps_needed, gps_needed_for_population, suggest_rooms
from planners.model import (
    Allocation,
    Catalogs,
    Plan,
    RoomLine,
    RoomType,
    RoomTypeInfo,
    Scenario,
    Sector,
    Tenant,
    TenantKind,
    TenantKindInfo,
)


@pytest.mark.parametrize(
    ("patients", "per_gp", "expected"),
    [
        (0, D(1600), 0),
        (1, D(1600), 1),
        (1600, D(1600), 1),
        (1601, D(1600), 2),
        (6400, D(1600), 4),
        (3200, D(1563), 3),  # 2,047… → 3 (Region Midtjylland's average)
        (5000, D(1714), 3),  # 2,917… → 3
    ],
)
def test_gps_needed_is_the_ceiling(patients, per_gp, expected):
    assert gps_needed(patients, per_gp) == expected


def test_gps_needed_default_is_1600_per_gp():
    assert gps_needed(4801) == 4  # 3,0006… → 4


@pytest.mark.parametrize(("patients", "per_gp"), [(-1, D(1600)), (100, D(0)), (100, D(-5))])
def test_gps_needed_refuses_nonsense(patients, per_gp):
    with pytest.raises(ValueError):
        gps_needed(patients, per_gp)


def test_gps_needed_for_population_with_a_given_share():
    assert gps_needed_for_population(10_000, D("0.98")) == 7  # 9.800 / 1.600 = 6,125 → 7
    assert gps_needed_for_population(16_000, D("0.5"), D(1600)) == 5  # 8.000 / 1.600 = 5 exactly
    assert gps_needed_for_population(0, D("0.98")) == 0


def test_gps_needed_for_population_takes_the_share_from_the_data(monkeypatch):
    from planners import reference

    known = dataclasses.replace(reference.capacity(), catchment_listed_share=D("0.9"))
    monkeypatch.setattr(reference, "capacity", lambda: known)
    assert gps_needed_for_population(3200) == 2  # 2.880 / 1.600 = 1,8 → 2


def test_gps_needed_for_population_needs_a_share_where_the_data_has_none(monkeypatch):
    from planners import reference

    unknown = dataclasses.replace(reference.capacity(), catchment_listed_share=None)
    monkeypatch.setattr(reference, "capacity", lambda: unknown)
    with pytest.raises(ValueError):
        gps_needed_for_population(3200)


@pytest.mark.parametrize(("population", "share"), [(-1, D("0.5")), (100, D("1.5")), (100, D("-0.1"))])
def test_gps_needed_for_population_refuses_nonsense(population, share):
    with pytest.raises(ValueError):
        gps_needed_for_population(population, share)


def catalogs() -> Catalogs:
    def kind(name: str, rooms: dict[RoomType, D]) -> TenantKindInfo:
        return TenantKindInfo(name, name, Sector.PRIVATE, rooms_per_clinician=rooms, m2_per_clinician=D(30))

    return Catalogs(
        tenant_kinds={
            TenantKind.GP_PRACTICE: kind("Almen praksis", {RoomType.CONSULTATION: D(1),
                                                           RoomType.EXAMINATION: D("0.5"),
                                                           RoomType.LABORATORY: D("0.25"),
                                                           RoomType.OFFICE: D("0.25")}),
            TenantKind.PHYSIOTHERAPIST: kind("Fysioterapeut", {RoomType.TREATMENT: D(1),
                                                               RoomType.TRAINING_HALL: D("0.2")}),
            TenantKind.OTHER: kind("Anden lejer", {RoomType.CONSULTATION: D(1)}),
        },
        room_types={  # no `office`: a room type without a size gives no suggestion
            RoomType.CONSULTATION: RoomTypeInfo("Konsultation", "Consultation room", D(16)),
            RoomType.EXAMINATION: RoomTypeInfo("Undersøgelsesrum", "Examination room", D(12)),
            RoomType.LABORATORY: RoomTypeInfo("Laboratorium", "Laboratory", D(12)),
            RoomType.TREATMENT: RoomTypeInfo("Behandlingsrum", "Treatment room", D(7)),
            RoomType.TRAINING_HALL: RoomTypeInfo("Træningssal", "Training hall", D(60)),
        },
        patients_per_gp=D(1600),
    )


def house() -> tuple[Plan, Scenario]:
    scenario = Scenario(
        name="Nybyg",
        tenants=[
            Tenant(id="gp", name="Lægerne i Nordby", kind=TenantKind.GP_PRACTICE, clinicians=D(2),
                   listed_patients=6400),
            Tenant(id="fys", name="Nordby Fysioterapi", kind=TenantKind.PHYSIOTHERAPIST, clinicians=D(3)),
            Tenant(id="psyk", name="Psykolog", kind=TenantKind.PSYCHOLOGIST, clinicians=D(1)),  # no norms
            Tenant(id="adm", name="Administration", kind=TenantKind.OTHER),  # no clinicians
        ],
        rooms=[
            RoomLine(RoomType.CONSULTATION, D(16), count=2, tenant="gp"),
            RoomLine(RoomType.CONSULTATION, D(16), count=5, shared=Allocation()),  # shared: not the GP's own
            RoomLine(RoomType.TREATMENT, D(7), count=4, tenant="fys"),
        ],
    )
    return Plan(title="Nordby", years=[2020], scenarios=[scenario], catalogs=catalogs()), scenario


def rows(suggestions: list[SuggestedRoom]) -> list[tuple[str, RoomType, int, D, int]]:
    return [(s.room.tenant, s.room.type, s.room.count, s.room.net_m2, s.existing) for s in suggestions]


def test_suggested_programme_from_the_norms():
    plan, scenario = house()
    # GP: 6.400 patients / 1.600 = 4 GPs > 2 clinicians → 4 × 1, 4 × 0,5, 4 × 0,25 (office has no size);
    # physiotherapist: 3 × 1 = 3 treatment rooms, ⌈3 × 0,2⌉ = ⌈0,6⌉ = 1 training hall.
    assert rows(suggest_rooms(plan, scenario)) == [
        ("gp", RoomType.CONSULTATION, 4, D(16), 2),
        ("gp", RoomType.EXAMINATION, 2, D(12), 0),
        ("gp", RoomType.LABORATORY, 1, D(12), 0),
        ("fys", RoomType.TREATMENT, 3, D(7), 4),
        ("fys", RoomType.TRAINING_HALL, 1, D(60), 0),
    ]


def test_missing_only_subtracts_the_tenants_own_rooms():
    plan, scenario = house()
    suggestions = suggest_rooms(plan, scenario, missing_only=True)
    # consultation 4 − 2 = 2; the physiotherapist's 4 treatment rooms already cover 3.
    assert [(t, rt, n) for t, rt, n, _, _ in rows(suggestions)] == [
        ("gp", RoomType.CONSULTATION, 2),
        ("gp", RoomType.EXAMINATION, 2),
        ("gp", RoomType.LABORATORY, 1),
        ("fys", RoomType.TRAINING_HALL, 1),
    ]
    full = suggest_rooms(plan, scenario)
    assert [s.missing for s in full] == [2, 2, 1, 0, 1]


def test_room_lines_are_ready_to_add():
    plan, scenario = house()
    line = suggest_rooms(plan, scenario)[0].room
    assert line.label == "Konsultation" and line.tenant == "gp"
    assert line.shared is None and line.vacant is False


def test_gp_uses_its_clinicians_when_more_than_the_list_needs():
    plan, scenario = house()
    scenario.tenants[0].clinicians = D(5)
    scenario.tenants[0].listed_patients = 3200  # 2 GPs needed, 5 clinicians
    assert rows(suggest_rooms(plan, scenario))[:3] == [
        ("gp", RoomType.CONSULTATION, 5, D(16), 2),
        ("gp", RoomType.EXAMINATION, 3, D(12), 0),  # ⌈2,5⌉
        ("gp", RoomType.LABORATORY, 2, D(12), 0),  # ⌈1,25⌉
    ]


def test_fractional_clinicians_round_up():
    plan, scenario = house()
    scenario.tenants[0].clinicians = D("2.5")
    scenario.tenants[0].listed_patients = 0
    counts = [n for _, _, n, _, _ in rows(suggest_rooms(plan, scenario))[:3]]
    assert counts == [3, 2, 1]  # ⌈2,5⌉, ⌈1,25⌉, ⌈0,625⌉


def test_reasons_in_both_languages():
    plan, scenario = house()
    first, *_, last = suggest_rooms(plan, scenario)
    assert "Lægerne i Nordby" in first.reason_da
    assert "6.400 tilmeldte patienter / 1.600 pr. læge" in first.reason_da
    assert "6,400 listed patients / 1,600 per GP" in first.reason_en
    assert "4 rum à 16 m²" in first.reason_da and "findes: 2" in first.reason_da
    assert "0,2 træningssal" in last.reason_da and "0.2 training hall" in last.reason_en
    assert first.reason("en") == first.reason_en and first.reason() == first.reason_da


def test_no_suggestions_without_tenants():
    plan, scenario = house()
    scenario.tenants = []
    assert suggest_rooms(plan, scenario) == []
