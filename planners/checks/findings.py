"""The findings of a plan (DESIGN §5): the pool's rules, inconsistencies across lines, plausibility.

A plan may be inconsistent while it is edited (DESIGN §3); nothing here refuses or changes anything: each
check turns what it sees into a `Finding` (level, stable code, Danish and English message, the object it
concerns). The round's rules come from its data file (`planners.reference.pool_rounds()`), never from
constants here: a rule the data marks unknown is not checked and gives no finding — it is on `to_look_up`, the
short list of what the applicant looks up in the call for applications (issue 14.3).
Norms per tenant kind are the plan's own catalog copies; the plausibility ranges are the bundled benchmarks.
Every code is documented in docs/findings.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal

from planners import reference
from planners.checks import _applicant_type, _cost_name, _join, _q, _said
from planners.model import (
    HUNDRED,
    ZERO,
    Allocation,
    AllocationKey,
    ApplicantType,
    CostCategory,
    CostLine,
    EquipmentLine,
    FinancingSource,
    Finding,
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
    TenantKindInfo,
)
from planners.model.i18n import N_, translate
from planners.model.money import decimals_shown, format_count, format_kr, format_m2, format_number, format_pct
from planners.model.names import name_of  # by the table's name: Danish without the catalog (issue 19)
from planners.model.results import ScenarioFigures

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (≈ 2 ms CPU of `summary`; issue 19)
if TYPE_CHECKING:
    from typing import Any

    from planners.checks import Text

ONE = Decimal(1)
# Financing equals establishment when the totals agree within 1 kr. (DESIGN §4).
FINANCING_TOLERANCE = Decimal(1)
# The one GP rule the checks know (PoolRound.gp_rule): a gp_practice tenant, or a recorded collaboration.
GP_RULE_IN_HOUSE_OR_COLLABORATION = "in_house_or_collaboration"

_LEVEL_ORDER = {Level.ERROR: 0, Level.WARNING: 1, Level.NOTE: 2}
# "Plan order": the plan's own fields first, then a scenario's lists in the order the GUI shows its pages.
_ENTITY_ORDER = {
    "plan": 0,
    "scenario": 1,
    "tenant": 2,
    "room": 3,
    "equipment": 4,
    "cost": 5,
    "financing": 6,
    "service": 7,
    "running": 8,
}


# --- formatting -------------------------------------------------------------------------------------


def _pct(percent: Decimal, lang: str) -> str:
    """A percent figure (100 = all) as '90 %' (da) / '90%' (en): `format_pct` of the fraction percent / 100, written
    without dividing and multiplying back (a sum of shares or of a spread, made in the context: dividing its digits
    by 100 is exact)."""
    n = format_number(percent, decimals_shown(percent), lang)
    return f"{n}%" if lang == "en" else f"{n} %"


def _m2(x: Decimal, lang: str) -> str:
    return format_m2(x, decimals_shown(x, most=1), lang)


def _row_name(lang: str, da: str, en: str) -> str:
    """A catalog row's name in `lang`: the plan's own data names its rows in Danish and English."""
    return en if lang == "en" and en else da


class _Collector:
    """The findings of one run, in the order they were made (sorted at the end). A plain class: nothing compares or
    prints it, and a dataclass costs ≈ 40 µs to make at every import (s20-cold)."""

    __slots__ = ("findings",)

    def __init__(self) -> None:
        self.findings: list[Finding] = []

    def add(self, level: Level, code: str, text: Text, ref: Ref) -> None:
        # The messages are built from `text` when first read (`Finding`): only in the language shown.
        self.findings.append(Finding(level, code, None, None, ref, text))  # type: ignore[arg-type]

    def sorted(self) -> list[Finding]:
        def key(item: tuple[int, Finding]) -> tuple[int, int, int, int]:
            seq, f = item
            index = -1 if f.ref.index is None else f.ref.index
            return (_LEVEL_ORDER[f.level], _ENTITY_ORDER.get(f.ref.entity, 99), index, seq)

        return [f for _, f in sorted(enumerate(self.findings), key=key)]


# --- naming the object a finding concerns -----------------------------------------------------------


def _room_type_name(plan: Plan, room_type: RoomType, lang: str) -> str:
    info = plan.catalogs.room_types.get(room_type)
    if info is None:
        return room_type.value
    return _row_name(lang, info.name_da, info.name_en)


def _room_name(plan: Plan, room: RoomLine, lang: str) -> str:
    return room.label or _room_type_name(plan, room.type, lang)


def _equipment_name(plan: Plan, line: EquipmentLine, lang: str) -> str:
    if line.name:
        return line.name
    item = plan.catalogs.equipment.get(line.item)
    return line.item if item is None else _row_name(lang, item.name_da, item.name_en)


# --- the plan's own fields --------------------------------------------------------------------------


def _check_round_known(plan: Plan, out: _Collector) -> reference.PoolRound | None:
    rounds = reference.pool_rounds()
    pool_round = rounds.get(plan.pool_round or reference.newest_round())
    if pool_round is None:
        out.add(
            Level.WARNING,
            "round_unknown",
            lambda lang: translate(
                "Puljerunden {round} kendes ikke (kendte runder: {known}); puljens regler er ikke kontrolleret.",
                lang, round=_q(plan.pool_round), known=_join(rounds, lang),
            ),
            Ref("plan", field="pool_round"),
        )
    return pool_round


def _check_applicant(plan: Plan, pool_round: reference.PoolRound, out: _Collector) -> None:
    admitted = pool_round.applicant_types
    kind = plan.applicant.type
    if kind in admitted:
        return

    def text(lang: str) -> str:
        who = _q(plan.applicant.name or _applicant_type(kind, lang))
        allowed = _join((_applicant_type(t, lang) for t in admitted), lang)
        return translate(
            "Ansøgeren {who} er af typen {kind}, men puljerunden {round} kan kun søges af: {allowed}. Lad "
            "kommunen eller regionen være ansøger og angiv praksis som partner.",
            lang, who=who, kind=_applicant_type(kind, lang), round=pool_round.code, allowed=allowed,
        )

    out.add(Level.ERROR, "applicant_type_not_admitted", text, Ref("plan", field="applicant"))


def _check_gp_shortage(plan: Plan, pool_round: reference.PoolRound | None, out: _Collector) -> None:
    municipality = reference.municipality(plan.municipality or "")
    if municipality is None or not municipality.gp_shortage:
        return
    prioritised = pool_round is not None and pool_round.priority("gp_shortage") is not None
    out.add(
        Level.NOTE,
        "gp_shortage_area",
        lambda lang: translate(
            N_("{municipality} er på PLO's liste over lægedækningstruede områder (maj 2019). Puljen prioriterer "
               "lægedækningstruede områder; nævn det i ansøgningen.") if prioritised else
            N_("{municipality} er på PLO's liste over lægedækningstruede områder (maj 2019). Nævn det i "
               "ansøgningen."),
            lang, municipality=municipality.name,
        ),
        Ref("plan", field="municipality"),
    )


def _check_vat(plan: Plan, out: _Collector) -> None:
    kind = plan.applicant.type
    if not plan.amounts_include_vat or kind not in (ApplicantType.MUNICIPALITY, ApplicantType.REGION):
        return
    out.add(
        Level.NOTE,
        "vat_refund",
        lambda lang: translate(
            "Beløbene er angivet inkl. moms, men ansøgeren er en {kind} med momsrefusion. Moms er normalt kun "
            "tilskudsberettiget, hvor tilskudsmodtageren endeligt bærer den: overvej at angive beløbene ekskl. "
            "moms.",
            lang, kind=_applicant_type(kind, lang),
        ),
        Ref("plan", field="amounts_include_vat"),
    )


# --- the GP rule ------------------------------------------------------------------------------------


def _check_gp_rule(plan: Plan, scenario: Scenario, pool_round: reference.PoolRound, out: _Collector) -> bool:
    """The round's GP rule on one scenario; False where the data names a rule this code does not know."""
    if pool_round.gp_rule != GP_RULE_IN_HOUSE_OR_COLLABORATION:
        return False
    if any(t.kind is TenantKind.GP_PRACTICE for t in scenario.tenants):
        return True
    collaboration = plan.gp_collaboration
    if collaboration is not None:
        if not collaboration.with_.strip():
            out.add(
                Level.WARNING,
                "gp_collaboration_unnamed",
                lambda lang: translate(
                    "Scenariet {scenario} har ingen almen praksis i huset, og samarbejdet med praktiserende "
                    "læger uden for huset nævner ikke, hvem det er med.",
                    lang, scenario=_q(scenario.name),
                ),
                Ref("plan", field="gp_collaboration"),
            )
        return True
    out.add(
        Level.WARNING if pool_round.gp_rule_level == "warning" else Level.ERROR,
        "gp_missing",
        lambda lang: translate(
            "Scenariet {scenario} har ingen lejer af typen almen praksis, og planen har intet sikret samarbejde "
            "med praktiserende læger uden for huset; det kræver puljerunden {round}. Tilføj en almen praksis, "
            "eller registrér samarbejdet.",
            lang, scenario=_q(scenario.name), round=pool_round.code,
        ),
        Ref("scenario", scenario.name, field="tenants"),
    )
    return True


# --- the scenario's lines (the plan alone) ----------------------------------------------------------


def _custom_sum(shared: Allocation, tenant_ids: set[str]) -> Decimal:
    """Σ custom shares given to the scenario's tenants. A share naming no tenant gives nothing to anyone (the
    engine's rule), so it does not count."""
    shares = shared.shares
    if tenant_ids.issuperset(shares):  # the usual line: every share names a tenant, the same sum in the same order
        return sum(shares.values(), ZERO)
    return sum((v for k, v in shares.items() if k in tenant_ids), ZERO)


def _check_custom_shares(plan: Plan, scenario: Scenario, out: _Collector) -> None:
    tenant_ids = {t.id for t in scenario.tenants}

    # A line's name is made only for a line with a finding (most lines have none: 60.000 lines on an XL plan).
    def room_what(room: RoomLine) -> Text:
        return _said("Rumlinjen {name}", name=lambda lang, r=room: _q(_room_name(plan, r, lang)))

    def equipment_what(item: EquipmentLine) -> Text:
        return _said("Udstyrslinjen {name}", name=lambda lang, e=item: _q(_equipment_name(plan, e, lang)))

    def service_what(service: Service) -> Text:
        return _said("Den fælles ydelse {name}", name=_q(service.name))

    lines: list[tuple[str, list[Any], Callable[[Any], Text]]] = [
        ("room", scenario.rooms, room_what),
        ("equipment", scenario.equipment, equipment_what),
        ("service", scenario.running.services, service_what),
    ]
    custom = AllocationKey.CUSTOM
    for entity, items, what_of in lines:
        for i, line in enumerate(items):
            shared = line.shared  # (most lines have none or another key: no call for them)
            if shared is None or shared.key is not custom:
                continue
            total = _custom_sum(shared, tenant_ids)
            if total == HUNDRED:
                continue
            out.add(
                Level.ERROR,
                "custom_shares_not_100",
                _said(
                    "{line}: lejernes procentandele i fordelingsnøglen summerer til {total}, ikke 100 %; resten "
                    "({rest}) bliver ejerens tomgangsudgift.",
                    line=what_of(line), total=lambda lang, x=total: _pct(x, lang),
                    rest=lambda lang, x=HUNDRED - total: _pct(x, lang),
                ),
                Ref(entity, scenario.name, i, "shared"),
            )


def _check_spreads(plan: Plan, scenario: Scenario, out: _Collector) -> None:
    years = sorted(plan.years)
    for i, line in enumerate(scenario.costs):
        if not line.spread:
            continue  # an empty spread is spread evenly over the plan's years (DESIGN §4)
        total = sum(line.spread.values(), ZERO)
        if total != HUNDRED:
            out.add(
                Level.ERROR,
                "spread_not_100",
                _said(
                    "Udgiftslinjen {line}: fordelingen på år summerer til {total}, ikke 100 %.",
                    line=lambda lang, x=line: _q(_cost_name(x, lang)), total=lambda lang, x=total: _pct(x, lang),
                ),
                Ref("cost", scenario.name, i, "spread"),
            )
        # A year set to 0 % is a year not used (issue 14.4): only years with a share above 0 can lie outside.
        outside = sorted(y for y, share in line.spread.items() if y not in years and share > 0)
        if outside:
            out.add(
                Level.ERROR,
                "spread_year_outside",
                _said(
                    "Udgiftslinjen {line} fordeler udgifter på {outside}, som ikke er blandt projektets år "
                    "({years}).",
                    line=lambda lang, x=line: _q(_cost_name(x, lang)),
                    outside=lambda lang, x=outside: _join(map(str, x), lang),
                    years=lambda lang: _join(map(str, years), lang),
                ),
                Ref("cost", scenario.name, i, "spread"),
            )


def _room_serves(room: RoomLine, tenant_id: str) -> bool:
    """Whether a room line is (partly) the tenant's: dedicated to it, or shared by a key giving it a part."""
    if room.tenant == tenant_id:
        return True
    if room.shared is None:
        return False
    if room.shared.key is AllocationKey.CUSTOM:
        return room.shared.shares.get(tenant_id, ZERO) > 0
    return True


def _check_gp_consultation(plan: Plan, scenario: Scenario, out: _Collector) -> None:
    consultation = RoomType.CONSULTATION
    for i, tenant in enumerate(scenario.tenants):
        if tenant.kind is not TenantKind.GP_PRACTICE:
            continue
        tenant_id = tenant.id
        # (the other rooms are passed over inside the generator: `any` is not resumed for each of them)
        if any(_room_serves(r, tenant_id) for r in scenario.rooms if r.type is consultation):
            continue
        out.add(
            Level.WARNING,
            "gp_without_consultation",
            _said(
                "Lejeren {tenant} er en almen praksis uden rum af typen {room}.",
                tenant=_q(tenant.name), room=lambda lang: _q(_room_type_name(plan, RoomType.CONSULTATION, lang)),
            ),
            Ref("tenant", scenario.name, i),
        )


# --- checks on the figures --------------------------------------------------------------------------


# Listed patients per GP that the data makes plausible: the data's averages lie at 1.563–1.809 per GP and a list
# may close at 1.600 (resources/catalogs/capacity.json); half to one and a half times the plan's norm is a wide
# band around them [derived], outside which the count of doctors or of patients is most likely mistyped.
PATIENTS_PER_GP_BAND = (Decimal("0.5"), Decimal("1.5"))


def _check_gp_doctors(plan: Plan, scenario: Scenario, out: _Collector) -> None:
    """A GP practice with no doctors (it gets no rooms and no share by head), or listed patients per doctor far
    from the data's norm (a mistyped count)."""
    norm = plan.catalogs.patients_per_gp
    low, high = (norm * f for f in PATIENTS_PER_GP_BAND)
    for i, tenant in enumerate(scenario.tenants):
        if tenant.kind is not TenantKind.GP_PRACTICE:
            continue
        if tenant.clinicians <= 0:

            no_doctors = _said("Lægepraksissen {tenant} har 0 læger: den får ingen foreslåede rum og ingen andel "
                               "efter antal ansatte. Skriv antallet af læger.", tenant=_q(tenant.name))  # fmt: skip
            out.add(Level.WARNING, "gp_practice_no_doctors", no_doctors, Ref("tenant", scenario.name, i, "clinicians"))
            continue
        if tenant.listed_patients <= 0:
            continue
        per = Decimal(tenant.listed_patients) / tenant.clinicians
        if low <= per <= high:
            continue
        def count(x: Decimal) -> Callable[[str], str]:
            return lambda lang: format_count(x, lang)

        implausible = _said(
            "Lægepraksissen {tenant} har {patients} tilmeldte patienter pr. {doctors} læger, altså {per} pr. læge; "
            "det sandsynlige er {low}–{high} (normen er {norm}). Tjek antallet af læger og af patienter.",
            tenant=_q(tenant.name), patients=count(Decimal(tenant.listed_patients)), doctors=count(tenant.clinicians),
            per=count(per.quantize(ONE)), low=count(low), high=count(high), norm=count(norm),
        )  # fmt: skip

        out.add(Level.WARNING, "gp_patients_per_doctor_implausible", implausible,
                Ref("tenant", scenario.name, i, "listed_patients"))  # fmt: skip


def _check_tenant_areas(plan: Plan, scenario: Scenario, figures: ScenarioFigures, out: _Collector) -> None:
    factors = reference.benchmarks().area_per_clinician
    by_id = {tf.tenant_id: tf for tf in figures.tenants}
    for i, tenant in enumerate(scenario.tenants):
        tf = by_id.get(tenant.id)
        if tf is None:
            continue
        area = tf.allocated_net_m2
        if area <= 0:
            out.add(
                Level.WARNING,
                "tenant_without_area",
                _said(
                    "Lejeren {tenant} har intet areal: intet rum er tildelt eller delt med lejeren.",
                    tenant=_q(tenant.name),
                ),
                Ref("tenant", scenario.name, i),
            )
            continue
        kind = plan.catalogs.tenant_kinds.get(tenant.kind)
        if tenant.clinicians <= 0 or kind is None or kind.m2_per_clinician <= 0:
            continue  # no divisor or no norm: nothing to compare with
        norm = kind.m2_per_clinician
        per_clinician = area / tenant.clinicians
        is_low = per_clinician < norm * factors.low
        if not is_low and per_clinician <= norm * factors.high:
            continue
        factor = factors.low if is_low else factors.high

        def text(lang: str, tenant: Tenant = tenant, kind: TenantKindInfo = kind, per_clinician: Decimal = per_clinician,
                 factor: Decimal = factor, is_low: bool = is_low, norm: Decimal = norm, area: Decimal = area) -> str:
            return translate(
                N_("Lejeren {tenant} har et nettoareal pr. behandler på {per_clinician} ({area} / {clinicians}), "
                   "under {limit} ({factor} × normen {norm} for {kind}).") if is_low else
                N_("Lejeren {tenant} har et nettoareal pr. behandler på {per_clinician} ({area} / {clinicians}), "
                   "over {limit} ({factor} × normen {norm} for {kind})."),
                lang, tenant=_q(tenant.name), per_clinician=_m2(per_clinician, lang), area=_m2(area, lang),
                clinicians=format_count(tenant.clinicians, lang), limit=_m2(norm * factor, lang),
                factor=format_count(factor, lang), norm=_m2(norm, lang),
                kind=_row_name(lang, kind.name_da, kind.name_en).lower(),
            )

        code = "area_per_clinician_low" if is_low else "area_per_clinician_high"
        out.add(Level.WARNING, code, text, Ref("tenant", scenario.name, i, "clinicians"))


def _first_grant_ref(scenario: Scenario) -> Ref:
    for i, line in enumerate(scenario.financing):
        if line.source is FinancingSource.GRANT:
            return Ref("financing", scenario.name, i, "amount")
    return Ref("scenario", scenario.name, field="financing")


def _check_financing(scenario: Scenario, figures: ScenarioFigures, out: _Collector) -> None:
    difference = figures.financing_difference
    if abs(difference) <= FINANCING_TOLERANCE:
        return
    more = difference > 0
    out.add(
        Level.ERROR,
        "financing_unbalanced",
        lambda lang: translate(
            N_("Finansieringen ({financing}) svarer ikke til anlægsudgifterne ({establishment}): forskellen er "
               "{difference} for meget.") if more else
            N_("Finansieringen ({financing}) svarer ikke til anlægsudgifterne ({establishment}): forskellen er "
               "{difference} for lidt."),
            lang, financing=format_kr(figures.financing_total, lang),
            establishment=format_kr(figures.establishment_total, lang), difference=format_kr(abs(difference), lang),
        ),
        Ref("scenario", scenario.name, field="financing"),
    )


# An unknown rule that mattered to a check: its Danish msgid (on the round's `to_look_up` list, no finding).
_Unknown = str


def _check_grant_rules(
    scenario: Scenario, figures: ScenarioFigures, pool_round: reference.PoolRound | None, out: _Collector
) -> list[_Unknown]:
    """The grant against the eligible total, and the round's cap and share limit where the data holds them."""
    grant, eligible = figures.grant, figures.eligible_total
    if grant > eligible:
        out.add(
            Level.ERROR,
            "grant_exceeds_eligible",
            lambda lang: translate(
                "Tilskuddet fra puljen ({grant}) er større end de tilskudsberettigede udgifter ({eligible}): "
                "{excess} for meget.",
                lang, grant=format_kr(grant, lang), eligible=format_kr(eligible, lang),
                excess=format_kr(grant - eligible, lang),
            ),
            _first_grant_ref(scenario),
        )
    if pool_round is None or grant <= 0:
        return []
    unknown: list[_Unknown] = []
    cap = pool_round.max_grant
    if cap is None:
        unknown.append(N_("om der er et maksimalt tilskud"))
    elif grant > cap:
        out.add(
            Level.ERROR,
            "grant_above_cap",
            lambda lang: translate(
                "Tilskuddet fra puljen ({grant}) er over puljerundens maksimum ({cap}; kilde: {source}).",
                lang, grant=format_kr(grant, lang), cap=format_kr(cap, lang), source=pool_round.max_grant_source,
            ),
            _first_grant_ref(scenario),
        )
    limit = pool_round.max_grant_share
    if limit is None:
        unknown.append(N_("om tilskuddets andel er begrænset"))
    elif eligible > 0 and figures.grant_share > limit:
        out.add(
            Level.ERROR,
            "grant_share_above_limit",
            lambda lang: translate(
                "Tilskuddet er {share} af de tilskudsberettigede udgifter; puljerunden tillader højst {limit} "
                "(kilde: {source}).",
                lang, share=format_pct(figures.grant_share, 1, lang), limit=format_pct(limit, 1, lang),
                source=pool_round.max_grant_share_source,
            ),
            _first_grant_ref(scenario),
        )
    return unknown


def _check_eligible_categories(
    scenario: Scenario, figures: ScenarioFigures, pool_round: reference.PoolRound | None, out: _Collector
) -> list[_Unknown]:
    """Lines flagged eligible in a category the round does not fund, where the data says which it funds."""
    if pool_round is None:
        return []
    claimed = [(i, line) for i, line in enumerate(scenario.costs) if line.eligible and line.has_basis]
    equipment_claimed = figures.equipment_eligible and figures.equipment_in_project > 0
    if not claimed and not equipment_claimed:
        return []
    categories = pool_round.eligible_categories
    if categories is None:
        return [N_("hvilke udgiftskategorier der er tilskudsberettigede")]

    def funded(lang: str) -> str:
        return _join((name_of("CATEGORY_NAMES", c, lang).lower() for c in categories), lang)

    for i, line in claimed:
        if line.category in categories:
            continue
        out.add(
            Level.ERROR,
            "category_not_eligible",
            _said(
                "Udgiftslinjen {line} er markeret tilskudsberettiget, men puljerunden {round} giver kun tilskud "
                "til: {funded}.",
                line=lambda lang, x=line: _q(_cost_name(x, lang)), round=pool_round.code, funded=funded,
            ),
            Ref("cost", scenario.name, i, "eligible"),
        )
    if equipment_claimed and CostCategory.EQUIPMENT not in categories:
        out.add(
            Level.ERROR,
            "category_not_eligible",
            lambda lang: translate(
                "Udstyret i projektet ({amount}) tæller som tilskudsberettiget, men puljerunden {round} giver "
                "kun tilskud til: {funded}.",
                lang, amount=format_kr(figures.equipment_in_project, lang), round=pool_round.code,
                funded=funded(lang),
            ),
            Ref("scenario", scenario.name, field="equipment"),
        )
    return []


def _check_cost_structure(scenario: Scenario, figures: ScenarioFigures, out: _Collector) -> None:
    cycle = sorted(set(figures.cycle_lines))
    for i in cycle:
        line = scenario.costs[i]
        others = [scenario.costs[j] for j in cycle if j != i]

        def text(lang: str, line: CostLine = line, others: list[CostLine] = others) -> str:
            names = _join((_q(_cost_name(o, lang)) for o in others), lang)
            return translate(
                N_("Procentlinjen {line} indgår i en kreds med {others}: linjerne beregnes af hinanden og tæller "
                   "derfor 0 kr. Ret de kategorier, den er procent af.") if others else
                N_("Procentlinjen {line} indgår i en kreds: linjerne beregnes af hinanden og tæller derfor 0 kr. "
                   "Ret de kategorier, den er procent af."),
                lang, line=_q(_cost_name(line, lang)), others=names,
            )

        out.add(Level.ERROR, "percent_cycle", text, Ref("cost", scenario.name, i, "of"))
    for i in sorted(set(figures.ignored_equipment_lines)):
        line = scenario.costs[i]
        out.add(
            Level.ERROR,
            "equipment_line_duplicate",
            _said(
                "Udgiftslinjen {line} er endnu en udstyrslinje uden beregningsgrundlag; kun den første bestemmer "
                "udstyrets tilskudsberettigelse og fordeling på år. Linjen tæller 0 kr.",
                line=lambda lang, x=line: _q(_cost_name(x, lang)),
            ),
            Ref("cost", scenario.name, i, "category"),
        )


def _check_plausibility(scenario: Scenario, figures: ScenarioFigures, out: _Collector) -> None:
    bench = reference.benchmarks()
    gross = figures.gross_m2
    if gross > 0:
        per_m2 = figures.establishment_total / gross
        band = bench.establishment_per_gross_m2
        seen = bench.establishment_reference
        if not band.contains(per_m2):
            out.add(
                Level.WARNING,
                "establishment_per_m2_implausible",
                lambda lang: translate(
                    "Anlægsudgifterne er {per_m2} pr. brutto-m² ({total} / {gross}), uden for det sandsynlige "
                    "interval {low}–{high} ({reference}: ca. {seen_low}–{seen_high}).",
                    lang, per_m2=format_kr(per_m2, lang), total=format_kr(figures.establishment_total, lang),
                    gross=_m2(gross, lang), low=format_kr(band.low, lang), high=format_kr(band.high, lang),
                    reference=bench.establishment_reference_name, seen_low=format_kr(seen.low, lang),
                    seen_high=format_kr(seen.high, lang),
                ),
                Ref("scenario", scenario.name, field="costs"),
            )
        rent = figures.rent_per_gross_m2
        rent_band = bench.rent_per_gross_m2
        if not rent_band.contains(rent):
            out.add(
                Level.WARNING,
                "rent_per_m2_implausible",
                lambda lang: translate(
                    "Huslejen er {rent} pr. brutto-m² om året, uden for det sandsynlige interval {low}–{high}. "
                    "Kontrollér driftsudgifter og lån.",
                    lang, rent=format_kr(rent, lang), low=format_kr(rent_band.low, lang),
                    high=format_kr(rent_band.high, lang),
                ),
                Ref("scenario", scenario.name, field="running"),
            )
        area_band = bench.gross_m2
        if not area_band.contains(gross):
            out.add(
                Level.WARNING,
                "gross_m2_implausible",
                lambda lang: translate(
                    "Bruttoarealet er {gross}, uden for det sandsynlige interval {low}–{high}. Kontrollér "
                    "rumprogram og bruttofaktor.",
                    lang, gross=_m2(gross, lang), low=_m2(area_band.low, lang), high=_m2(area_band.high, lang),
                ),
                Ref("scenario", scenario.name, field="gross_factor"),
            )
    grant = figures.grant
    grant_band = bench.grant
    if grant > 0 and not grant_band.contains(grant):
        is_low = grant < grant_band.low
        seen_grant = grant_band.low if is_low else grant_band.high
        out.add(
            Level.WARNING,
            "grant_size_unusual",
            lambda lang: translate(
                N_("Tilskuddet ({grant}) er mindre end det mindste tilskud, puljen har givet ({seen}).") if is_low
                else N_("Tilskuddet ({grant}) er større end det største tilskud, puljen har givet ({seen})."),
                lang, grant=format_kr(grant, lang), seen=format_kr(seen_grant, lang),
            ),
            _first_grant_ref(scenario),
        )


# --- what the applicant looks up rather than changes (issue 14.3) -------------------------------------

# Codes of findings that would only ask the applicant to look something up in the call for applications. The
# former `rule_unknown` warning came on every plan with a grant, and nobody could act on it; it is no finding at
# all now (issue 14.3), and `to_look_up` is the short list the app, the annex, the report and `check --json`
# show instead. Kept (empty) so `for_people` stays the one place such a code would be left out.
LOOK_UP_CODES: frozenset[str] = frozenset()


def for_people(findings: Iterable[Finding]) -> list[Finding]:
    """The findings a person can act on in the plan: all but those of `LOOK_UP_CODES`, in their order."""
    return [f for f in findings if f.code not in LOOK_UP_CODES]


def to_look_up(round_code: str, lang: str = "da") -> list[str]:
    """What a round (a plan's `pool_round`; "" the newest) leaves unknown, as things to look up in its call for
    applications, in `lang`: one plain sentence each, read from the round's data (resources/rounds/), [] for a
    round that knows all or is unknown itself (that is a finding of its own)."""
    pool_round = reference.pool_rounds().get(round_code or reference.newest_round())
    if pool_round is None:
        return []
    items: list[str] = []
    if pool_round.gp_rule != GP_RULE_IN_HOUSE_OR_COLLABORATION:
        items.append(N_("Hvad puljen kræver af praktiserende læger i huset."))
    if pool_round.eligible_categories is None:
        items.append(N_("Hvilke udgifter puljen giver tilskud til (ansøgnings- og budgetskemaet)."))
    if pool_round.max_grant is None:
        items.append(N_("Om der er et største tilskud pr. projekt."))
    if pool_round.max_grant_share is None:
        items.append(N_("Om tilskuddet højst må dække en vis andel af udgifterne (krav om egenfinansiering)."))
    return [translate(x, lang) for x in items]


def plain_source(source: str, lang: str = "da") -> str:
    """A rate's source as a Danish reader reads it: the bundled data's English "estimate: …" notes (DESIGN,
    FACTS.md) become "skøn (ingen dansk kilde fundet)", as the app's catalogs dialog says; a user's own source
    is shown as typed. In English the source as it is."""
    if lang != "en" and source.strip().startswith("estimate"):
        return translate("skøn (ingen dansk kilde fundet)", lang)
    return source


def rate_source(plan: Plan, scenario: Scenario, rate: RunningRate) -> str:
    """Where a scenario's running rate comes from, as the annex and the report print it: the scenario's own
    source, else the plan's catalog source where the rate is still the catalog's number (it was taken from
    there), else "" (none given; `_check_submission` names it before submission)."""
    own = scenario.running.sources.get(rate, "").strip()
    if own:
        return own
    value = scenario.running.per_gross_m2.get(rate)
    if value is not None and plan.catalogs.running_rates.get(rate) == value:
        return plan.catalogs.running_rate_sources.get(rate, "").strip()
    return ""


# --- entry points -----------------------------------------------------------------------------------


def run_checks(plan: Plan, scenario: Scenario | str | None, figures: ScenarioFigures | None) -> list[Finding]:
    """Every finding of the plan and one of its scenarios (None: the one applied for, else the first).

    `figures` are that scenario's, as `planners.figures.engine.compute` gives them: the checks read the
    engine's results, never the engine (`planners.figures.checked.run_checks` computes them for a caller
    that has none). None only for a plan without scenarios, which has only the plan's findings. Sorted:
    errors, warnings, notes; within a level in plan order (the plan's fields, the scenario, then tenants,
    rooms, equipment, cost lines, financing, services, each by row), then in the order found.
    """
    out = _Collector()
    pool_round = _check_round_known(plan, out)
    if pool_round is not None:
        _check_applicant(plan, pool_round, out)
    _check_gp_shortage(plan, pool_round, out)
    _check_vat(plan, out)
    if not plan.scenarios and not isinstance(scenario, Scenario):
        return out.sorted()  # nothing more to check (a plan always has one; an empty one is invalid)

    if figures is None:
        raise ValueError("run_checks needs the scenario's figures (planners.figures.checked.run_checks computes them)")
    if isinstance(scenario, Scenario):
        chosen = scenario
    else:
        chosen = plan.scenario(scenario if scenario is not None else figures.scenario)

    unknown: list[_Unknown] = []
    if pool_round is not None and not _check_gp_rule(plan, chosen, pool_round, out):
        unknown.append(N_("hvad runden kræver af praktiserende læger"))
    _check_custom_shares(plan, chosen, out)
    _check_spreads(plan, chosen, out)
    _check_gp_consultation(plan, chosen, out)
    _check_gp_doctors(plan, chosen, out)
    _check_tenant_areas(plan, chosen, figures, out)
    _check_financing(chosen, figures, out)
    unknown += _check_eligible_categories(chosen, figures, pool_round, out)
    unknown += _check_grant_rules(chosen, figures, pool_round, out)
    _check_cost_structure(chosen, figures, out)
    _check_plausibility(chosen, figures, out)
    if figures is not None and figures.rent_years is not None:  # the engine computed them: rent terms in use
        # The rent over the years' checks only then: a plan without rent terms never loads them (issue 19).
        from planners.checks.timeline_findings import check_market_rent

        check_market_rent(plan, chosen, figures.rent_years, out)
    # `unknown` is no finding (issue 14.3): every such rule is on the round's `to_look_up` list, which the app,
    # the annex, the report and `check --json` show on their own (tests/planners/test_look_up.py holds them equal).
    del unknown
    if application_begun(plan, chosen):  # the findings before submission stay silent until then (issue 16.6)
        from planners.checks.submission_findings import check_submission  # only then (issue 19)

        check_submission(plan, chosen, out)
    return out.sorted()


# --- before submission (issue 16.6): what a case officer will ask for that the plan does not give yet ---------
# Warnings, never errors: a plan is worked on long before it is sent, and none of this changes a figure. Checked
# only with a scenario (an application is for one) and once the application is begun (`application_begun`).


def application_begun(plan: Plan, scenario: Scenario) -> bool:
    """Whether the plan gives any of the application's fields (issue 16.6). Until it does, the plan is being
    sketched (a workshop, a first budget) and the findings before submission stay silent: they would only list
    every field of a page not opened yet."""
    from planners.model import Approval, Person

    return bool(
        plan.cvr or plan.ean or plan.signatory != Person() or plan.project_leader != Person()
        or plan.approval != Approval() or plan.milestones or plan.subprojects or scenario.commitments
        or scenario.running.sources or any(c.grant is not None or c.source or c.subproject for c in scenario.costs)
    )  # fmt: skip
