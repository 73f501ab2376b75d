"""What differs between two plans (issue 18.3): added, removed and changed per scenario, tenant, line and field,
in plain Danish (or English) with the old and the new value, and what the changes do to each scenario's key
figures and each tenant's rent.

Two copies of one plan (they share an origin, `planners.store.origin`) keep their row ids, so a line is the same
line in both however much it was edited (`by_row_id=True`). Two unrelated plans have row ids that mean nothing to
each other: there scenarios pair by name, tenants by their id in the plan ("gp") and other lines by content and
position (identical lines first, then the rest in order, like a text diff pairs lines).

Nothing here writes; the figures are the engine's, unrounded until shown (`planners.model.money`).
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from planners.model import (
    Allocation,
    AllocationKey,
    ApplicantType,
    ApprovalStatus,
    CommitmentStatus,
    CostCategory,
    FinancingSource,
    Plan,
    ProjectType,
    RoomType,
    RunningRate,
    Scenario,
    Sector,
    TenantKind,
)
from planners.model.i18n import translate
from planners.model.linekinds import LINE_KINDS, LINES, LineKind
from planners.model.money import (
    decimals_shown,
    format_change,
    format_kr,
    format_m2,
    format_number,
    format_pct,
)
from planners.model.names import (
    APPLICANT_TYPE_NAMES,
    CATEGORY_NAMES,
    KEY_NAMES,
    PROJECT_TYPE_NAMES,
    RUNNING_RATE_NAMES,
    SECTOR_NAMES,
    SOURCE_NAMES,
    pick,
)

Words = tuple[str, str]  # (Danish, English) of a field or figure this module names itself

# --- the names a reader sees -----------------------------------------------------------------------------

FIELD_NAMES: dict[str, Words] = {  # a field of a line, the plan or a scenario, as the GUI labels it
    # tenants
    "id": ("kort navn", "short name"),
    "name": ("navn", "name"),
    "kind": ("type", "kind"),
    "sector": ("sektor", "sector"),
    "clinicians": ("behandlere", "clinicians"),
    "staff": ("øvrige ansatte", "other staff"),
    "listed_patients": ("tilmeldte patienter", "listed patients"),
    "provider_numbers": ("ydernumre", "provider numbers"),
    "weekly_hours": ("åbningstimer om ugen", "weekly opening hours"),
    "current_annual_rent": ("nuværende husleje om året", "current annual rent"),
    "note": ("note", "note"),
    # rooms
    "type": ("rumtype", "room type"),
    "label": ("betegnelse", "label"),
    "count": ("antal", "count"),
    "net_m2": ("nettoareal pr. rum", "net area per room"),
    "tenant": ("lejer", "tenant"),
    "shared": ("fælles, fordelt", "shared, split"),
    "vacant": ("ledigt", "vacant"),
    # equipment
    "item": ("udstyr", "item"),
    "quantity": ("antal", "quantity"),
    "unit_price": ("stykpris", "unit price"),
    "lifetime_years": ("levetid (år)", "lifetime (years)"),
    "annual_service": ("service om året", "annual service"),
    "in_project": ("købes i projektet", "bought in the project"),
    # costs
    "category": ("kategori", "category"),
    "text": ("tekst", "text"),
    "amount": ("beløb", "amount"),
    "per_m2": ("pris pr. m²", "price per m²"),
    "m2": ("m²", "m²"),
    "percent": ("procent", "percent"),
    "of": ("procent af", "percent of"),
    "eligible": ("støtteberettiget", "eligible"),
    "spread": ("fordeling på år", "spread over years"),
    # financing
    "source": ("kilde", "source"),
    "repaid_by_rent": ("tilbagebetales via husleje", "repaid by rent"),
    "interest_pct": ("rente (%)", "interest (%)"),
    "years": ("år", "years"),
    # services
    "annual": ("beløb om året", "annual amount"),
    # the plan
    "title": ("titel", "title"),
    "pool_round": ("puljerunde", "pool round"),
    "applicant.name": ("ansøger", "applicant"),
    "applicant.type": ("ansøgertype", "applicant type"),
    "partners": ("partnere", "partners"),
    "gp_collaboration": ("samarbejde med praktiserende læger", "collaboration with GPs"),
    "contact.name": ("kontaktperson", "contact person"),
    "contact.email": ("kontaktens e-mail", "contact's e-mail"),
    "contact.phone": ("kontaktens telefon", "contact's phone"),
    "municipality": ("kommune", "municipality"),
    "address": ("adresse", "address"),
    "project_type": ("projekttype", "project type"),
    "price_year": ("prisniveau (år)", "price year"),
    "amounts_include_vat": ("beløb inkl. moms", "amounts include VAT"),
    "description": ("beskrivelse", "description"),
    "applied_scenario": ("scenarie der søges om", "scenario applied for"),
    "market_rent": ("markedsleje", "market rent"),
    "plan_years": ("projektår", "project years"),
    # the application (issue 16.6) and a scenario's notes (15.7)
    "cvr": ("CVR-nummer", "CVR number"),
    "ean": ("EAN-nummer", "EAN number"),
    "signatory": ("tegningsberettiget", "authorised signatory"),
    "project_leader": ("projektleder", "project leader"),
    "approval": ("politisk godkendelse", "political approval"),
    "milestones": ("tidsplan", "timetable"),
    "subprojects": ("delprojekter", "sub-projects"),
    "subproject": ("delprojekt", "sub-project"),
    "grant": ("tilskud", "grant"),
    "notes": ("noter og beslutninger", "notes and decisions"),
    "commitments": ("lejernes tilsagn", "the tenants' commitments"),
    "rate_sources": ("driftssatsernes kilder", "the running rates' sources"),
    # a scenario
    "scenario_name": ("navn", "name"),
    "gross_factor": ("bruttofaktor", "gross factor"),
    "timeline": ("husleje over tid", "rent over the years"),
    **{f"rate.{r.value}": (f"driftsudgift pr. m²: {RUNNING_RATE_NAMES[r][0].lower()}",
                           f"running cost per m²: {RUNNING_RATE_NAMES[r][1].lower()}") for r in RunningRate},
}  # fmt: skip

# The key figures whose change a difference reports (the ones `sundhedshus summary` leads with), with their unit.
KEY_FIGURES: tuple[tuple[str, Words, str], ...] = (
    ("net_m2", ("nettoareal", "net area"), "m2"),
    ("gross_m2", ("bruttoareal", "gross area"), "m2"),
    ("establishment_total", ("anlægsudgift i alt", "establishment total"), "kr"),
    ("eligible_total", ("støtteberettiget", "eligible"), "kr"),
    ("grant", ("tilskud fra puljen", "grant from the pool"), "kr"),
    ("financing_total", ("finansiering i alt", "financing total"), "kr"),
    ("annual_cost_total", ("årlige udgifter i alt", "annual costs total"), "kr"),
    ("rent_per_gross_m2", ("husleje pr. m² brutto", "rent per gross m²"), "kr"),
    ("vacancy_cost", ("tomgang om året", "vacancy cost a year"), "kr"),
)

_CODE_NAMES: dict[type, Mapping[Any, tuple[str, str]]] = {
    CostCategory: CATEGORY_NAMES,
    FinancingSource: SOURCE_NAMES,
    Sector: SECTOR_NAMES,
    AllocationKey: KEY_NAMES,
    ApplicantType: APPLICANT_TYPE_NAMES,
    ProjectType: PROJECT_TYPE_NAMES,
    ApprovalStatus: {ApprovalStatus.NONE: ("ikke sat i gang", "not started"),
                     ApprovalStatus.IN_PROCESS: ("under behandling", "in process"),
                     ApprovalStatus.APPROVED: ("godkendt", "approved")},
    CommitmentStatus: {CommitmentStatus.NONE: ("intet tilsagn", "no commitment"),
                       CommitmentStatus.LETTER_OF_INTENT: ("hensigtserklæring", "letter of intent"),
                       CommitmentStatus.SIGNED_LEASE: ("underskrevet lejekontrakt", "signed lease")},
}


def field_name(attr: str, lang: str = "da") -> str:
    return pick(FIELD_NAMES.get(attr, (attr, attr)), lang)


def show(value: object, plan: Plan | None = None, lang: str = "da") -> str:
    """A value as a reader writes it: 16,5 not Decimal('16.5'), «ja» not True, a code by its name."""
    en = lang == "en"  # the plan's own catalogs name their rows in Danish and English (data, not our texts)
    if value is None or value == "":
        return translate("(tom)", lang)
    if isinstance(value, bool):
        return translate("ja", lang) if value else translate("nej", lang)
    if isinstance(value, Decimal):
        return format_number(value, decimals_shown(value, 6), lang)
    if isinstance(value, TenantKind) and plan is not None and value in plan.catalogs.tenant_kinds:
        info = plan.catalogs.tenant_kinds[value]
        return info.name_en if en else info.name_da
    if isinstance(value, RoomType) and plan is not None and value in plan.catalogs.room_types:
        room = plan.catalogs.room_types[value]
        return room.name_en if en else room.name_da
    if isinstance(value, StrEnum):
        names = _CODE_NAMES.get(type(value))
        return pick(names[value], lang) if names and value in names else str(value.value)
    if isinstance(value, Allocation):
        text = pick(KEY_NAMES[value.key], lang).lower()
        if value.key is AllocationKey.CUSTOM:
            text += ": " + ", ".join(f"{t} {format_pct(s / 100, 1, lang)}" for t, s in value.shares.items())
        return text
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, list):
        return ", ".join(show(v, plan, lang) for v in value) or show(None, plan, lang)
    if isinstance(value, dict):
        parts = [f"{k}: {format_pct(v / 100, 1, lang) if isinstance(v, Decimal) else show(v, plan, lang)}"
                 for k, v in sorted(value.items())]  # fmt: skip
        return ", ".join(parts) or show(None, plan, lang)
    if dataclasses.is_dataclass(value):
        inner = [show(getattr(value, f.name), plan, lang) for f in dataclasses.fields(value)]
        return ", ".join(i for i in inner if i != translate("(tom)", lang)) or show(None, plan, lang)
    return str(value)


# --- what a difference is ------------------------------------------------------------------------------


class Action(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class FieldChange:
    field: str  # the attribute ("net_m2"; "applicant.name"; "rate.cleaning" for a running rate)
    old: object
    new: object
    old_text: str  # as a reader writes it, in the difference's language
    new_text: str

    def label(self, lang: str = "da") -> str:
        return field_name(self.field, lang)


@dataclass(frozen=True)
class Change:
    """One thing added, removed or changed: the plan's own fields, a scenario, or one line of a scenario."""

    action: Action
    part: str  # "plan", "catalog", "scenario" or a line kind ("tenant", "room", …)
    scenario: str | None  # the scenario's name (the new name where it was renamed)
    subject: str  # the thing in words: «rum «Konsultation»»
    fields: tuple[FieldChange, ...] = ()
    row_id: int | None = None  # the line's row id in the NEW plan (the old one where it was removed)

    def text(self, lang: str = "da") -> str:
        where = (
            translate("Scenarie «{name}»", lang, name=self.scenario) + ": "
            if self.scenario is not None
            else ""
        )
        if self.action is Action.ADDED:
            return where + translate("tilføjet {what}", lang, what=self.subject)
        if self.action is Action.REMOVED:
            return where + translate("fjernet {what}", lang, what=self.subject)
        parts = "; ".join(f"{f.label(lang)} {f.old_text} → {f.new_text}" for f in self.fields)
        if self.part == "scenario":  # the scenario's own fields: «Scenarie «X»: bruttofaktor 1,4 → 1,5»
            return where + parts
        if self.part == "plan":
            return translate("Planen", lang) + ": " + parts
        return where + translate("ændret {what}", lang, what=self.subject) + ": " + parts


@dataclass(frozen=True)
class FigureEffect:
    scenario: str
    key: str  # the `ScenarioFigures` attribute
    unit: str  # "kr" or "m2"
    old: Decimal
    new: Decimal

    def text(self, lang: str = "da") -> str:
        label = pick(next(p for k, p, _u in KEY_FIGURES if k == self.key), lang)
        fmt = format_m2 if self.unit == "m2" else format_kr
        change = format_change(self.new - self.old, self.unit, lang)
        return (translate("Scenarie «{name}»", lang, name=self.scenario)
                + f": {label} {fmt(self.old, lang=lang)} → {fmt(self.new, lang=lang)} ({change})")  # fmt: skip


@dataclass(frozen=True)
class RentEffect:
    """A tenant's annual rent (space, equipment and services) before and after; None where it is not a tenant."""

    scenario: str
    tenant_id: str
    tenant: str  # its name in the new plan (the old one where it left)
    old: Decimal | None
    new: Decimal | None

    def text(self, lang: str = "da") -> str:
        head = translate("Scenarie «{name}»", lang, name=self.scenario) + ": "
        head += translate("husleje for «{tenant}» om året", lang, tenant=self.tenant)
        if self.old is None or self.new is None:
            return head + f" {format_kr(self.old, lang)} → {format_kr(self.new, lang)}"
        change = format_change(self.new - self.old, "kr", lang)
        return head + f" {format_kr(self.old, lang)} → {format_kr(self.new, lang)} ({change})"


@dataclass
class PlanDiff:
    changes: list[Change] = field(default_factory=list)
    figures: list[FigureEffect] = field(default_factory=list)
    rents: list[RentEffect] = field(default_factory=list)
    by_row_id: bool = False  # paired by row id (two copies of one plan) or by content and position

    @property
    def empty(self) -> bool:
        return not self.changes

    def text(self, lang: str = "da") -> str:
        if self.empty:
            return translate("Ingen forskelle.", lang) + "\n"
        lines = [translate("Ændringer:", lang)]
        lines += [f"  {c.text(lang)}" for c in self.changes]
        if self.figures:
            lines.append(translate("Virkning på nøgletallene:", lang))
            lines += [f"  {f.text(lang)}" for f in self.figures]
        if self.rents:
            lines.append(translate("Virkning på lejernes husleje:", lang))
            lines += [f"  {r.text(lang)}" for r in self.rents]
        return "\n".join(lines) + "\n"

    def to_dict(self, lang: str = "da") -> dict[str, object]:
        """The stable JSON object of `sundhedshus diff --json` (amounts unrounded, as `summary --json`)."""

        def raw(value: object) -> object:
            if value is None or isinstance(value, bool | int | str | Decimal):
                return value.value if isinstance(value, StrEnum) else value
            return show(value, None, lang)

        return {
            "paired_by": "row_id" if self.by_row_id else "content",
            "changes": [
                {
                    "action": c.action.value,
                    "part": c.part,
                    "scenario": c.scenario,
                    "subject": c.subject,
                    "text": c.text(lang),
                    "fields": [{"field": f.field, "label": f.label(lang), "old": raw(f.old), "new": raw(f.new),
                                "old_text": f.old_text, "new_text": f.new_text} for f in c.fields],
                }
                for c in self.changes
            ],
            "figures": [{"scenario": f.scenario, "key": f.key, "old": f.old, "new": f.new, "change": f.new - f.old}
                        for f in self.figures],
            "rents": [{"scenario": r.scenario, "tenant": r.tenant_id, "name": r.tenant, "old": r.old, "new": r.new}
                      for r in self.rents],
        }  # fmt: skip


# --- comparing -------------------------------------------------------------------------------------------

_PLAN_SCALARS = ("title", "pool_round", "partners", "gp_collaboration", "municipality", "address", "project_type",
                 "price_year", "amounts_include_vat", "description", "applied_scenario", "market_rent")  # fmt: skip


def describe_line(kind: str, line: Any, plan: Plan | None, lang: str = "da") -> str:
    """A line in words: its kind and what a reader calls it («rum «Konsultation»»)."""
    info = LINES[LineKind(kind)]
    k = LineKind(kind)
    if k is LineKind.TENANT:
        name = line.name or line.id
    elif k is LineKind.ROOM:
        name = line.label or show(line.type, plan, lang)
    elif k is LineKind.EQUIPMENT:
        name = line.name or line.item
    elif k is LineKind.COST:
        name = line.text or show(line.category, plan, lang)
    elif k is LineKind.FINANCING:
        name = line.text or show(line.source, plan, lang)
    else:
        name = line.name
    return f"{info.noun_in(lang)} «{name}»"


def _field_changes(pairs: Iterable[tuple[str, object, object]], old_plan: Plan, new_plan: Plan,
                   lang: str) -> tuple[FieldChange, ...]:  # fmt: skip
    return tuple(FieldChange(attr, old, new, show(old, old_plan, lang), show(new, new_plan, lang))
                 for attr, old, new in pairs if old != new)  # fmt: skip


def _plan_field_values(plan: Plan) -> list[tuple[str, object]]:
    values: list[tuple[str, object]] = [("title", plan.title), ("plan_years", plan.years)]
    values += [
        (f"applicant.{f.name}", getattr(plan.applicant, f.name)) for f in dataclasses.fields(plan.applicant)
    ]
    values += [(f"contact.{f.name}", getattr(plan.contact, f.name)) for f in dataclasses.fields(plan.contact)]
    values += [(name, getattr(plan, name)) for name in _PLAN_SCALARS if name != "title"]
    values += [(name, getattr(plan, name)) for name in
               ("cvr", "ean", "signatory", "project_leader", "approval", "milestones", "subprojects")]
    return values


def _scenario_values(s: Scenario) -> list[tuple[str, object]]:
    values: list[tuple[str, object]] = [("scenario_name", s.name), ("gross_factor", s.gross_factor)]
    values += [(f"rate.{r.value}", s.running.per_gross_m2.get(r)) for r in RunningRate]
    values.append(("timeline", s.timeline))
    values += [("notes", s.notes), ("commitments", s.commitments), ("rate_sources", s.running.sources)]
    return values


def _pair_by_content(old: Sequence[Any], new: Sequence[Any]) -> list[tuple[Any | None, Any | None]]:
    """Pairs of (old, new) lines: identical lines first (a text diff's matching blocks), then the lines between
    two matched blocks in order; what is left over was added or removed."""
    matcher = difflib.SequenceMatcher(a=[repr(x) for x in old], b=[repr(x) for x in new], autojunk=False)
    pairs: list[tuple[Any | None, Any | None]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs += list(zip(old[i1:i2], new[j1:j2], strict=True))
            continue
        olds, news = list(old[i1:i2]), list(new[j1:j2])
        common = min(len(olds), len(news))
        pairs += list(zip(olds[:common], news[:common], strict=True))
        pairs += [(o, None) for o in olds[common:]] + [(None, n) for n in news[common:]]
    return pairs


def _pair(old: Sequence[Any], new: Sequence[Any], key: str) -> list[tuple[Any | None, Any | None]]:
    """Pairs of (old, new) by `key` ("row_id", or "id" for tenants), old order first, then what is new."""
    new_by = {getattr(n, key): n for n in new if getattr(n, key) is not None}
    seen: set[object] = set()
    pairs: list[tuple[Any | None, Any | None]] = []
    for o in old:
        k = getattr(o, key)
        match = new_by.get(k) if k is not None else None
        pairs.append((o, match))
        if match is not None:
            seen.add(k)
    pairs += [(None, n) for n in new if getattr(n, key) is None or getattr(n, key) not in seen]
    return pairs


def pair_lines(
    kind: str, old: Sequence[Any], new: Sequence[Any], by_row_id: bool
) -> list[tuple[Any | None, Any | None]]:
    if by_row_id:
        return _pair(old, new, "row_id")
    if LineKind(kind) is LineKind.TENANT:
        return _pair(old, new, "id")  # a tenant's id is its name in the plan: the natural key
    return _pair_by_content(old, new)


def pair_scenarios(old: Plan, new: Plan, by_row_id: bool) -> list[tuple[Scenario | None, Scenario | None]]:
    return _pair(old.scenarios, new.scenarios, "row_id" if by_row_id else "name")


def diff_plans(
    old: Plan, new: Plan, by_row_id: bool = False, lang: str = "da", figures: bool = True
) -> PlanDiff:
    """What changed from `old` to `new`. `by_row_id`: the two are copies of one plan (they share an origin), so
    their row ids name the same lines; else lines pair by content and position (module doc)."""
    result = PlanDiff(by_row_id=by_row_id)
    changes = result.changes
    plan_fields = _field_changes(((a, o, n) for (a, o), (_b, n) in
                                  zip(_plan_field_values(old), _plan_field_values(new), strict=True)),
                                 old, new, lang)  # fmt: skip
    if plan_fields:
        changes.append(Change(Action.CHANGED, "plan", None, translate("planen", lang), plan_fields))
    changes += _catalog_changes(old, new, lang)
    for s_old, s_new in pair_scenarios(old, new, by_row_id):
        if s_new is None:
            assert s_old is not None
            subject = translate("scenarie «{name}»", lang, name=s_old.name)
            changes.append(Change(Action.REMOVED, "scenario", None, subject, row_id=s_old.row_id))
            continue
        if s_old is None:
            subject = translate("scenarie «{name}»", lang, name=s_new.name)
            changes.append(Change(Action.ADDED, "scenario", None, subject, row_id=s_new.row_id))
            continue
        own = _field_changes(((a, o, n) for (a, o), (_b, n) in
                              zip(_scenario_values(s_old), _scenario_values(s_new), strict=True)),
                             old, new, lang)  # fmt: skip
        if own:
            changes.append(Change(Action.CHANGED, "scenario", s_new.name, translate("scenariet", lang), own,
                                  s_new.row_id))  # fmt: skip
        for kind in LINE_KINDS:
            info = LINES[kind]
            for l_old, l_new in pair_lines(kind, info.lines_of(s_old), info.lines_of(s_new), by_row_id):
                if l_new is None:
                    assert l_old is not None
                    changes.append(Change(Action.REMOVED, str(kind), s_new.name,
                                          describe_line(kind, l_old, old, lang), row_id=l_old.row_id))  # fmt: skip
                elif l_old is None:
                    changes.append(Change(Action.ADDED, str(kind), s_new.name,
                                          describe_line(kind, l_new, new, lang), row_id=l_new.row_id))  # fmt: skip
                else:
                    found = _field_changes(((a, getattr(l_old, a), getattr(l_new, a)) for a in info.field_names),
                                           old, new, lang)  # fmt: skip
                    if found:
                        changes.append(Change(Action.CHANGED, str(kind), s_new.name,
                                              describe_line(kind, l_new, new, lang), found, l_new.row_id))  # fmt: skip
        if figures and result.changes:
            _effects(result, old, s_old, new, s_new)
    return result


def _catalog_changes(old: Plan, new: Plan, lang: str) -> list[Change]:
    found: list[Change] = []
    for attr, title in (("tenant_kinds", ("lejertyper", "tenant kinds")), ("room_types", ("rumtyper", "room types")),
                        ("equipment", ("udstyrskatalog", "equipment catalogue"))):  # fmt: skip
        a, b = getattr(old.catalogs, attr), getattr(new.catalogs, attr)
        for code in sorted(set(a) | set(b), key=str):
            if a.get(code) == b.get(code):
                continue
            item = b.get(code) or a.get(code)
            name = (item.name_en if lang == "en" else item.name_da) if item is not None else str(code)
            subject = f"{pick(title, lang)}: «{name}»"
            action = Action.ADDED if code not in a else Action.REMOVED if code not in b else Action.CHANGED
            fields: tuple[FieldChange, ...] = ()
            if action is Action.CHANGED:
                fields = _field_changes(((f.name, getattr(a[code], f.name), getattr(b[code], f.name))
                                         for f in dataclasses.fields(a[code])), old, new, lang)  # fmt: skip
            found.append(Change(action, "catalog", None, subject, fields))
    rates = _field_changes(((f"rate.{r.value}", old.catalogs.running_rates.get(r), new.catalogs.running_rates.get(r))
                            for r in RunningRate), old, new, lang)  # fmt: skip
    gp = _field_changes([("patients_per_gp", old.catalogs.patients_per_gp, new.catalogs.patients_per_gp)],
                        old, new, lang)  # fmt: skip
    if rates or gp:
        found.append(
            Change(Action.CHANGED, "catalog", None, translate("katalogets satser", lang), rates + gp)
        )
    return found


def _effects(result: PlanDiff, old: Plan, s_old: Scenario, new: Plan, s_new: Scenario) -> None:
    """The key figures and each tenant's annual rent before and after, where they differ."""
    from planners.figures.engine import compute

    try:
        f_old, f_new = compute(old, s_old), compute(new, s_new)
    except (
        ArithmeticError,
        KeyError,
        ValueError,
    ):  # a plan the engine cannot compute: the changes still show
        return
    for key, _label, unit in KEY_FIGURES:
        a, b = getattr(f_old, key), getattr(f_new, key)
        if a != b:
            result.figures.append(FigureEffect(s_new.name, key, unit, a, b))
    before = {t.tenant_id: t for t in f_old.tenants}
    after = {t.tenant_id: t for t in f_new.tenants}
    for tid in [*before, *(t for t in after if t not in before)]:
        a_t, b_t = before.get(tid), after.get(tid)
        a_total = a_t.total if a_t else None
        b_total = b_t.total if b_t else None
        if a_total != b_total:
            shown = b_t if b_t is not None else a_t
            name = shown.name if shown is not None else tid
            result.rents.append(RentEffect(s_new.name, tid, name, a_total, b_total))
