"""Capacity planning, the workshop aid of DESIGN §4: how many GPs a list of patients needs, and a room
programme suggested from the norms of the plan's own catalogs.

Nothing here changes a plan: `suggest_rooms` returns room lines with a reason, and the GUI offers each one
for the user to accept (the accepted line then goes through the ordinary, validated add-room operation).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from planners.model import Plan, RoomLine, RoomType, Scenario, Tenant, TenantKind
from planners.model.i18n import N_, translate, translate_plural
from planners.model.money import format_count

DEFAULT_PATIENTS_PER_GP = Decimal(1600)


def _ceil(value: Decimal) -> int:
    return int(value.to_integral_value(rounding=ROUND_CEILING))


def gps_needed(listed_patients: int, patients_per_gp: Decimal = DEFAULT_PATIENTS_PER_GP) -> int:
    """⌈listed patients / patients per GP⌉ (DESIGN §4); 0 patients need 0 GPs."""
    if listed_patients < 0:
        raise ValueError("listed_patients must be >= 0")
    if patients_per_gp <= 0:
        raise ValueError("patients_per_gp must be > 0")
    return _ceil(Decimal(listed_patients) / Decimal(patients_per_gp))


def gps_needed_for_population(
    population: int, listed_share: Decimal | None = None, patients_per_gp: Decimal = DEFAULT_PATIENTS_PER_GP
) -> int:
    """GPs needed for a catchment population of which `listed_share` (a fraction, 0–1) is listed locally.

    Without `listed_share` the bundled data's share is used (`reference.capacity().catchment_listed_share`);
    no source gives one today, so then the caller must give it (ValueError otherwise): nothing is assumed.
    """
    if listed_share is None:
        from planners.reference import capacity

        listed_share = capacity().catchment_listed_share
        if listed_share is None:
            raise ValueError("no listed share in the data: give listed_share, or use listed patients")
    if population < 0:
        raise ValueError("population must be >= 0")
    if not Decimal(0) <= listed_share <= Decimal(1):
        raise ValueError("listed_share must be a fraction between 0 and 1")
    if patients_per_gp <= 0:
        raise ValueError("patients_per_gp must be > 0")
    return _ceil(Decimal(population) * listed_share / Decimal(patients_per_gp))


@dataclass(frozen=True)
class SuggestedRoom:
    """One room line the GUI can offer to add, with why it is suggested (Danish and English).

    `room.count` is the norm's full count for the tenant; `existing` is how many rooms of that type the
    tenant already has in the scenario (dedicated lines), so `missing` is what adding would still cover.
    """

    room: RoomLine
    reason_da: str
    reason_en: str
    existing: int = 0

    @property
    def missing(self) -> int:
        return max(self.room.count - self.existing, 0)

    def reason(self, lang: str = "da") -> str:
        return self.reason_en if lang == "en" else self.reason_da


def clinicians_for_rooms(tenant: Tenant, patients_per_gp: Decimal = DEFAULT_PATIENTS_PER_GP) -> Decimal:
    """The clinicians the room norm is applied to: for a GP practice at least the GPs its list needs."""
    if tenant.kind is TenantKind.GP_PRACTICE and tenant.listed_patients > 0:
        return max(tenant.clinicians, Decimal(gps_needed(tenant.listed_patients, patients_per_gp)))
    return tenant.clinicians


def _existing_rooms(scenario: Scenario, tenant_id: str, room_type: RoomType) -> int:
    return sum(r.count for r in scenario.rooms if r.tenant == tenant_id and r.type is room_type)


def _reason(plan: Plan, tenant: Tenant, clinicians: Decimal, room_type: RoomType, per_clinician: Decimal,
            needed: int, existing: int, lang: str) -> str:
    kind = plan.catalogs.tenant_kinds[tenant.kind]
    room = plan.catalogs.room_types[room_type]
    heads, norm, size = (format_count(x, lang) for x in (clinicians, per_clinician, room.default_net_m2))
    patients = format_count(Decimal(tenant.listed_patients), lang)
    per_gp = format_count(plan.catalogs.patients_per_gp, lang)
    from_list = clinicians > tenant.clinicians  # the GP count came from the list of patients
    basis = translate(" ({patients} tilmeldte patienter / {per_gp} pr. læge)", lang, patients=patients,
                      per_gp=per_gp) if from_list else ""  # fmt: skip
    # the plan's own catalogs name its room types and tenant kinds (data, not the program's texts)
    room_name, kind_name = ((x.name_en if lang == "en" else x.name_da).lower() for x in (room, kind))
    return translate(
        # "behandler", the glossary's word (planners.model.glossary.CLINICIAN), as in the tenants' table.
        "{tenant}: {clinicians}{basis} × {norm} {room} pr. behandler (norm for {kind}) = {rooms}; findes: {existing}.",
        lang, tenant=tenant.name, basis=basis, norm=norm, room=room_name, kind=kind_name, existing=existing,
        # Two msgids rather than one plural entry: Danish and English both have one form for 1 and one for the
        # rest, and a plain msgid travels through the JSON catalogs (resources/locale/new/), a plural does not.
        clinicians=translate(N_("{n} behandler") if clinicians == 1 else N_("{n} behandlere"), lang, n=heads),
        rooms=translate_plural("{n} rum à {size} m²", "{n} rum à {size} m²", needed, lang, n=needed, size=size),
    )


def suggest_rooms(plan: Plan, scenario: Scenario, *, missing_only: bool = False) -> list[SuggestedRoom]:
    """A room programme for `scenario`'s tenants from the plan catalogs' norms, in tenant order.

    Per tenant and room type of its kind's `rooms_per_clinician`: count = ⌈rooms per clinician ×
    clinicians⌉ (a GP practice counts at least ⌈listed patients / patients per GP⌉ clinicians), net m² the
    room type's default, label its Danish name, dedicated to the tenant. A tenant with no clinicians, a kind
    without norms, a room type the catalog gives no size, or a count of 0 gives no line. With `missing_only`,
    a line's count is only what the tenant's existing rooms of that type leave missing (satisfied lines are
    left out).

    Shared rooms (waiting room, reception, staff room) are not suggested: the bundled data holds no sourced
    norm that sizes or counts them from the tenants (no seats per clinician, no persons per staff room).
    """
    catalogs = plan.catalogs
    suggestions: list[SuggestedRoom] = []
    for tenant in scenario.tenants:
        kind = catalogs.tenant_kinds.get(tenant.kind)
        clinicians = clinicians_for_rooms(tenant, catalogs.patients_per_gp)
        if kind is None or clinicians <= 0:
            continue
        for room_type, per_clinician in kind.rooms_per_clinician.items():
            info = catalogs.room_types.get(room_type)
            if info is None or info.default_net_m2 <= 0 or per_clinician <= 0:
                continue
            needed = _ceil(per_clinician * clinicians)
            existing = _existing_rooms(scenario, tenant.id, room_type)
            count = needed - existing if missing_only else needed
            if count <= 0:
                continue
            room = RoomLine(type=room_type, net_m2=info.default_net_m2, count=count, label=info.name_da,
                            tenant=tenant.id)
            suggestions.append(SuggestedRoom(
                room,
                _reason(plan, tenant, clinicians, room_type, per_clinician, needed, existing, "da"),
                _reason(plan, tenant, clinicians, room_type, per_clinician, needed, existing, "en"),
                existing,
            ))
    return suggestions
