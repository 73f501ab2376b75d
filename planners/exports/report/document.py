"""The PDF report of one scenario (issue 6, rebuilt on ReportLab's platypus in issue 16.5): what a council
meeting, a case officer or the partners read.

A4 portrait: a cover that answers the case officer's first questions (what is applied for, by whom, the house,
the total cost, the grant and its share, each party's own money, loans, the pool's checks), a table of contents,
then the key figures, the establishment budget and its financing, the tenants and their rent (cost rent, and
market rent and rent charged where a market rent exists), the room programme, the equipment, the running costs,
the rent over the years (where the scenario has a time line or a market rent), the findings, the assumptions
with their sources and the charts (`planners.exports.charts`, as vector graphics); with `compare`, the scenarios
side by side. The plan's title, the scenario and "Side N af M" on every page; a PDF bookmark per section.

The typesetting is `flow` (platypus); nothing is computed here: every amount is a figure of
`planners.figures.engine.compute` (or the yearly series of `planners.figures.years`), written through
`planners.model.money`. The file is written to a temporary file and moved into place (`planners.store.safewrite`).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from planners import __version__
from planners.exports import palette
from planners.model import (
    CostCategory,
    FinancingSource,
    Finding,
    Level,
    Plan,
    RoomLine,
    RoomType,
    RoomTypeInfo,
    Scenario,
    glossary,
)
from planners.model.errors import PlanError
from planners.model.i18n import N_, source_citation, translate, translate_in, translate_plural
from planners.model.money import format_date
from planners.model.results import ScenarioFigures
from planners.model.safetext import printable

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from planners.figures.compare import CompareRow, Comparison
    from planners.model import Allocation
    from planners.model.yearly import YearsFigures


# --- text measuring and wrapping (inches; kept for callers that lay out text themselves) -----------------------


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of `text` in inches as DejaVu Sans sets it (the report's font, measured from its metrics)."""
    from planners.exports.report import flow

    return flow.text_width(text, size, bold) / 72.0


def wrap(text: str, width: float, size: float, bold: bool = False) -> list[str]:
    """Break `text` into lines that fit `width` inches; a word longer than a line is broken, nothing is lost.

    Direction controls (a right-to-left override) are dropped first: they would print a name reversed (issue
    20.9). A line's break is found by bisection, so a 2.000-character word costs O(n log n) measurements, not
    O(n²) (issue 20.10)."""
    lines: list[str] = []
    for paragraph in printable(str(text)).split("\n"):
        words = paragraph.split()
        if not words:
            lines.append("")
            continue
        current = ""
        for word in words:
            trial = f"{current} {word}" if current else word
            if text_width(trial, size, bold) <= width:
                current = trial
                continue
            if current:
                lines.append(current)
            current = word
            while len(current) > 1 and (len(current) > _max_chars(width, size)
                                        or text_width(current, size, bold) > width):  # fmt: skip
                # a word wider than the column (a finding's code, an e-mail address): break it, after a "_",
                # "-", "." or "@" where there is one, so nothing of it is lost
                fit = _longest_fit(current, width, size, bold)
                soft = max(current.rfind(ch, 0, fit) for ch in "_-.@")
                cut = soft + 1 if soft > 0 else fit
                lines.append(current[:cut])
                current = current[cut:]
        if current:
            lines.append(current)
    return lines or [""]


def _max_chars(width: float, size: float) -> int:
    """More characters than any line of `width` inches can hold (DejaVu Sans's narrowest glyphs are ≈0,28 em)."""
    return int(width * 72 / (size * 0.2)) + 1


def _longest_fit(word: str, width: float, size: float, bold: bool) -> int:
    """The longest prefix of `word` (at least 1 character) that fits `width`: widths grow with the prefix."""
    lo, hi = 1, min(len(word) - 1, _max_chars(width, size))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text_width(word[:mid], size, bold) <= width:
            lo = mid
        else:
            hi = mid - 1
    return lo


# --- the report's content -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportInput:
    """What the report shows: the plan, the scenario, the engine's figures and the checks' findings."""

    plan: Plan
    scenario: Scenario
    figures: ScenarioFigures
    findings: list[Finding]
    lang: str = "da"
    today: date = field(default_factory=date.today)
    comparison: Comparison | None = None  # the plan's scenarios side by side (pages at the end), or none


class _Fmt:
    def __init__(self, lang: str) -> None:
        from planners.model import money

        self.money = money
        self.lang = lang

    def kr(self, value: Decimal | None) -> str:
        return self.money.format_kr(value, lang=self.lang)

    def m2(self, value: Decimal | None) -> str:
        return self.money.format_m2(value, lang=self.lang)

    def pct(self, fraction: Decimal | None) -> str:
        return self.money.format_pct(fraction, lang=self.lang)

    def number(self, value: Decimal | int | None, decimals: int = 0) -> str:
        return "–" if value is None else self.money.format_number(value, decimals, self.lang)

    def amount(self, value: Decimal | None) -> str:
        """Whole kroner without the unit, for table columns whose header names it ("1.234.567")."""
        return "–" if value is None else self.money.format_number(self.money.round_kr(value), 0, self.lang)

    def signed_amount(self, value: Decimal | None) -> str:
        text = self.amount(value)
        return f"+{text}" if value is not None and self.money.round_kr(value) > 0 else text

    def signed_kr(self, value: Decimal | None) -> str:
        text = self.kr(value)
        return f"+{text}" if value is not None and value > 0 and self.money.round_kr(value) != 0 else text

    def signed_pct(self, value: Decimal | None) -> str:
        text = self.pct(value)
        return f"+{text}" if value is not None and value > 0 and not text.startswith(("0,0", "0.0")) else text


Story = list["Flowable"]


def _years_text(years: Sequence[int]) -> str:
    ordered = sorted(years)
    if not ordered:
        return "–"
    if ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) > 1:
        return f"{ordered[0]}–{ordered[-1]}"
    return ", ".join(str(y) for y in ordered)


def _applied(r: ReportInput) -> bool:
    plan = r.plan
    return plan.applied_scenario == r.scenario.name or (
        plan.applied_scenario is None and bool(plan.scenarios) and plan.scenarios[0] is r.scenario
    )


def _title_page(story: Story, r: ReportInput, fmt: _Fmt) -> None:
    from reportlab.platypus import PageBreak

    from planners.exports.report import flow

    plan, lang = r.plan, r.lang
    story.append(flow.space(14))
    story.append(flow.para(translate("Læge- og sundhedshus — projekt, budget og husleje", lang), 12,
                           colour="#444444", space_after=8))
    story.append(flow.para(plan.title, 24, bold=True, colour="#004488", space_after=8))
    scen = translate("Scenarie «{name}»", lang, name=r.scenario.name)
    if _applied(r):
        scen += translate(" (det scenarie der søges tilskud til)", lang)
    story.append(flow.para(scen, 13, space_after=8))
    _in_brief(story, r, fmt)
    story.append(flow.space(8))

    rows: list[list[str]] = []

    def add(label_da: str, value: str) -> None:
        if value:
            rows.append([translate(label_da, lang), value])

    applicant = plan.applicant.name
    if applicant:
        applicant += f" ({palette.name(palette.APPLICANT_TYPE_NAMES, plan.applicant.type, lang).lower()})"
    add(N_("Ansøger"), applicant)
    # by whom (issue 16.3): the applicant's numbers, signatory, project leader and political approval, when given
    from planners.exports.report.status import cover_rows

    rows += [[label, value] for label, value in cover_rows(plan, lang)]
    add(N_("Partnere"), "; ".join(plan.partners))
    if plan.gp_collaboration is not None:
        gc = plan.gp_collaboration
        add(N_("Samarbejde med praktiserende læger"), " — ".join(x for x in (gc.with_, gc.description) if x))
    add(N_("Kommune"), _municipality(plan))
    add(N_("Adresse"), plan.address)
    if plan.project_type is not None:
        add(N_("Projekttype"), palette.name(palette.PROJECT_TYPE_NAMES, plan.project_type, lang))
    add(N_("Puljerunde"), _round_name(plan, lang))
    add(N_("Projektperiode"), _years_text(plan.years))
    if plan.price_year is not None:
        add(N_("Prisniveau"), str(plan.price_year))
    add(N_("Beløb"), translate("inkl. moms", lang) if plan.amounts_include_vat else translate("ekskl. moms", lang))
    contact = ", ".join(x for x in (plan.contact.name, plan.contact.email, plan.contact.phone) if x)
    add(N_("Kontaktperson"), contact)
    add(N_("Dato"), format_date(r.today, lang))
    add(N_("Version"), f"sundhedshus {__version__}")
    story.append(flow.table([flow.Col("", 0.0), flow.Col("", 1.0)], rows, header=False, size=flow.BODY,
                            bold_first=True))
    if plan.description:
        story.append(flow.space(6))
        story += [flow.Heading(translate("Projektet", lang), 1, toc=False), flow.para(plan.description)]
    story.append(PageBreak())


def _in_brief(story: Story, r: ReportInput, fmt: _Fmt) -> None:
    """The case officer's first questions answered on the title page (issue 16.3): what is applied for, the
    total cost, the grant's share, each party's own money, loans, other grants and whether the checks pass."""
    from planners.exports.report import flow

    lang, f = r.lang, r.figures
    by_source = f.financing_by_source
    # Counted by level, as the annex's cover: a note is no warning.
    errors = sum(1 for x in r.findings if x.level is Level.ERROR)
    warnings = sum(1 for x in r.findings if x.level is Level.WARNING)
    if not errors and not warnings:
        checks = translate("planen opfylder de kontrollerede regler", lang)
    else:
        checks = translate("{errors} fejl og {warnings} advarsler (se «Fund»)", lang, errors=errors, warnings=warnings)
    rows = [
        [translate("Der søges om", lang), fmt.kr(f.grant)],
        [translate("Anlægsudgifter i alt", lang), fmt.kr(f.establishment_total)],
        [translate("Tilskudsandel af de tilskudsberettigede udgifter", lang), fmt.pct(f.grant_share)],
    ]
    own = (
        (FinancingSource.OWN_MUNICIPALITY, N_("Kommunens egne midler")),
        (FinancingSource.OWN_REGION, N_("Regionens egne midler")),
        (FinancingSource.OWN_PRACTICE, N_("Praksisejernes egne midler")),
        (FinancingSource.LOAN, N_("Lån")),
        (FinancingSource.OTHER_GRANT, N_("Andre tilskud")),
    )
    for source, text in own:
        amount = by_source.get(source)
        if amount:
            rows.append([translate(text, lang), fmt.kr(amount)])
    rows.append([translate("Husleje pr. brutto m² pr. år", lang), fmt.kr(f.rent_per_gross_m2)])
    rows.append([translate("Puljens regler", lang), checks])
    story.append(flow.Heading(translate("Ansøgningen kort", lang), 1, toc=False))
    story.append(flow.table([flow.Col("", 1.0), flow.Col("", 0.0, "right")], rows, header=False, size=flow.BODY,
                            bold_first=True))


def _municipality(plan: Plan) -> str:
    if not plan.municipality:
        return ""
    from planners.reference import municipalities

    info = municipalities().get(plan.municipality)
    return f"{plan.municipality} ({info.region})" if info else plan.municipality


def _round_name(plan: Plan, lang: str) -> str:
    if not plan.pool_round:
        return ""
    from planners.reference import pool_rounds

    info = pool_rounds().get(plan.pool_round)
    if info is None:
        return plan.pool_round
    return info.name_en if lang == "en" else info.name_da


def _pairs(rows: list[list[str]], size: float | None = None) -> Flowable:
    """A two-column table of label and figure (no header)."""
    from planners.exports.report import flow

    return flow.table([flow.Col("", 1.0), flow.Col("", 0.0, "right")], rows, header=False,
                      size=size or flow.BODY, keep=40)


def _key_figures(story: Story, r: ReportInput, fmt: _Fmt) -> None:
    from planners.exports.report import flow

    f, lang = r.figures, r.lang
    story += flow.heading(translate("Nøgletal", lang))
    factor = fmt.number(f.gross_factor, 2)
    rows = [
        [translate("Nettoareal", lang), fmt.m2(f.net_m2)],
        [translate("Bruttoareal (faktor {factor})", lang, factor=factor), fmt.m2(f.gross_m2)],
        [translate("Heraf ledigt (brutto)", lang), fmt.m2(f.vacant_gross_m2)],
        [translate("Anlægsudgifter i alt", lang), fmt.kr(f.establishment_total)],
        [translate("Heraf tilskudsberettiget", lang), fmt.kr(f.eligible_total)],
        [translate("Finansiering i alt", lang), fmt.kr(f.financing_total)],
        [translate("Tilskud fra puljen", lang), fmt.kr(f.grant)],
        [translate("Tilskudsandel af berettigede udgifter", lang), fmt.pct(f.grant_share)],
        [translate("Kapitaludgift pr. år", lang), fmt.kr(f.capital_cost)],
        [translate("Driftsudgifter (bygning) pr. år", lang), fmt.kr(f.running_cost)],
        [translate("Udstyr pr. år", lang), fmt.kr(f.equipment_annual_total)],
        [translate("Fælles ydelser pr. år", lang), fmt.kr(f.services_total)],
        [translate("Årlige udgifter i alt", lang), fmt.kr(f.annual_cost_total)],
        [translate("Husleje pr. m² brutto pr. år", lang), fmt.kr(f.rent_per_gross_m2)],
        [translate_in("rapport", "Husleje pr. m² uden tilskud", lang), fmt.kr(f.rent_per_gross_m2_without_grant)],
        [translate("Tomgang (ejerens udgift) pr. år", lang), fmt.kr(f.vacancy_cost)],
    ]
    if f.financing_difference != 0:
        rows.insert(6, [translate("Finansiering minus anlægsudgifter", lang), fmt.signed_kr(f.financing_difference)])
    story.append(_pairs(rows))
    counts = {level: sum(1 for x in r.findings if x.level is level) for level in palette.LEVEL_NAMES}
    if r.findings:
        text = translate("Tjek mod puljens regler: ", lang) + ", ".join(
            _count(n, level, lang) for level, n in counts.items()
        )
        text += translate(" (se afsnittet Fund).", lang)
    else:
        text = translate("Tjek mod puljens regler: ingen fund.", lang)
    story.append(flow.space(4))
    story.append(flow.para(text))


def _count(n: int, level: Level, lang: str) -> str:
    if level is Level.ERROR:
        return translate_plural("{n} fejl", "{n} fejl", n, lang, n=n)
    if level is Level.WARNING:
        return translate_plural("{n} advarsel", "{n} advarsler", n, lang, n=n)
    return translate_plural("{n} note", "{n} noter", n, lang, n=n)


def _establishment(story: Story, r: ReportInput, fmt: _Fmt) -> None:
    from planners.exports.report import flow

    f, lang = r.figures, r.lang
    story += flow.heading(translate("Anlæg og finansiering", lang))
    story += flow.heading(translate("Anlægsbudget", lang), 1)
    years = f.years
    categories = [
        c for c in CostCategory
        if f.by_category.get(c, 0) != 0 or any(f.by_category_year.get(c, {}).get(y, 0) for y in years)
    ]
    cols = [flow.Col(translate("Kategori", lang), 1.0)]
    cols += [flow.Col(str(y), 0.0, "right") for y in years]
    cols += [flow.Col(translate("I alt", lang), 0.0, "right"),
             flow.Col(translate("Heraf berettiget", lang), 0.0, "right")]
    rows = [
        [palette.name(palette.CATEGORY_NAMES, c, lang)]
        + [fmt.amount(f.by_category_year.get(c, {}).get(y, Decimal(0))) for y in years]
        + [fmt.amount(f.by_category.get(c, Decimal(0))), fmt.amount(f.eligible_by_category.get(c, Decimal(0)))]
        for c in categories
    ]
    totals = [[translate("I alt", lang)] + [fmt.amount(f.by_year[y]) for y in years]
              + [fmt.amount(f.establishment_total), fmt.amount(f.eligible_total)]]
    story.append(flow.table(cols, rows, totals))
    story.append(flow.note(translate(
        N_("Beløb i kroner. Ikke tilskudsberettigede udgifter: {amount}; beløb inkl. moms.")
        if r.plan.amounts_include_vat
        else N_("Beløb i kroner. Ikke tilskudsberettigede udgifter: {amount}; beløb ekskl. moms."),
        lang, amount=fmt.kr(f.non_eligible_total),
    )))
    _financing(story, r, fmt)


def _financing(story: Story, r: ReportInput, fmt: _Fmt) -> None:
    from planners.exports.report import flow

    f, lang, sc = r.figures, r.lang, r.scenario
    story += flow.heading(translate("Finansiering", lang), 1)
    cols = [
        flow.Col(translate("Kilde", lang), 1.0),
        flow.Col(translate("Tekst", lang), 1.5),
        flow.Col(translate("Beløb, kr.", lang), 0.0, "right"),
        flow.Col(translate("Rente", lang), 0.0, "right"),
        flow.Col(translate_in("flertal", "År", lang), 0.0, "right"),
        flow.Col(translate("Ydelse pr. år, kr.", lang), 0.0, "right"),
    ]
    rows = []
    for line, lf in zip(sc.financing, f.financing_lines, strict=False):
        repaid = line.is_repaid
        rows.append([
            palette.name(palette.SOURCE_NAMES, line.source, lang),
            line.text,
            fmt.amount(lf.amount),
            fmt.pct(line.interest_pct / 100) if repaid else "",
            str(line.years) if repaid and line.years else "",
            fmt.amount(lf.annuity) if repaid else "",
        ])
    totals = [[translate("I alt", lang), "", fmt.amount(f.financing_total), "", "", fmt.amount(f.capital_cost)]]
    story.append(flow.table(cols, rows, totals))
    lines = [translate(
        "Tilskud fra puljen: {grant}, {share} af de tilskudsberettigede udgifter ({eligible}).",
        lang, grant=fmt.kr(f.grant), share=fmt.pct(f.grant_share), eligible=fmt.kr(f.eligible_total),
    )]
    if f.financing_difference != 0:
        lines.append(translate("Finansieringen afviger fra anlægsudgifterne med {difference}.", lang,
                               difference=fmt.signed_kr(f.financing_difference)))
    lines.append(translate("Tilskuddet betales ikke tilbage; lån og egenfinansiering, der betales tilbage over huslejen, indgår i kapitaludgiften med deres årlige ydelse (annuitet).", lang))
    story.append(flow.note(" ".join(lines)))


def _years(r: ReportInput) -> YearsFigures | None:
    """The yearly series when the scenario says anything about rent beyond one year (a time line or a market
    rent), else None."""
    from planners.model.timeline import rent_terms_in_use

    if not rent_terms_in_use(r.plan, r.scenario):
        return None
    if r.figures.rent_years is not None:
        return r.figures.rent_years
    from planners.figures.years import compute_years

    return compute_years(r.plan, r.scenario)


def _tenants(story: Story, r: ReportInput, fmt: _Fmt, years: YearsFigures | None) -> None:
    from planners.exports.report import flow

    f, lang = r.figures, r.lang
    story += flow.heading(translate("Lejere og husleje", lang))
    story.append(flow.para(translate(
        "Omkostningsbestemt husleje: {rent} pr. m² brutto om året (uden tilskud {without}). Fællesarealer, "
        "fælles udstyr og fælles ydelser er fordelt efter hver linjes fordelingsnøgle.",
        lang, rent=fmt.kr(f.rent_per_gross_m2), without=fmt.kr(f.rent_per_gross_m2_without_grant),
    )))
    story += flow.heading(translate("Areal og årlige udgifter", lang), 1)
    cols = [
        flow.Col(translate("Lejer", lang), 1.0),
        flow.Col(translate("m² netto", lang), 0.0, "right"),
        flow.Col(translate("m² brutto", lang), 0.0, "right"),
        flow.Col(translate("Husleje, kr.", lang), 0.0, "right"),
        flow.Col(translate("Udstyr, kr.", lang), 0.0, "right"),
        flow.Col(translate("Ydelser, kr.", lang), 0.0, "right"),
        flow.Col(translate("I alt pr. år, kr.", lang), 0.0, "right"),
    ]
    rows = [
        [t.name, fmt.number(t.allocated_net_m2, 1), fmt.number(t.allocated_gross_m2, 1), fmt.amount(t.space_rent),
         fmt.amount(t.equipment_share), fmt.amount(t.services_share), fmt.amount(t.total)]
        for t in f.tenants
    ]
    rows.append([translate("Ledigt / tomgang (ejer)", lang), fmt.number(f.vacant_net_m2, 1),
                 fmt.number(f.vacant_gross_m2, 1), "", "", "", fmt.amount(f.vacancy_cost)])
    totals = [[translate("Huset i alt", lang), fmt.number(f.net_m2, 1), fmt.number(f.gross_m2, 1), "", "", "",
               fmt.amount(f.annual_cost_total)]]
    story.append(flow.table(cols, rows, totals))

    story += flow.heading(translate("Lejernes opgørelse", lang), 1)
    cols = [
        flow.Col(translate("Lejer", lang), 1.0),
        flow.Col(translate("Pr. måned, kr.", lang), 0.0, "right"),
        flow.Col(translate("Pr. m² brutto, kr.", lang), 0.0, "right"),
        flow.Col(translate("Pr. behandler, kr.", lang), 0.0, "right"),
        flow.Col(translate("Husleje i dag, kr.", lang), 0.0, "right"),
        flow.Col(translate("Ændring, kr.", lang), 0.0, "right"),
        flow.Col(translate("Ændring %", lang), 0.0, "right"),
    ]
    rows = [
        [t.name, fmt.amount(t.per_month), fmt.amount(t.per_gross_m2), fmt.amount(t.per_clinician),
         fmt.amount(t.current_annual_rent), fmt.signed_amount(t.change), fmt.signed_pct(t.change_pct)]
        for t in f.tenants
    ]
    if not rows:
        story.append(flow.para(translate("Scenariet har ingen lejere.", lang)))
        return
    story.append(flow.table(cols, rows))
    story.append(flow.note(translate("Ændring = ny årlig udgift minus nuværende årlige husleje; «–» hvor tallet ikke findes (ingen nuværende husleje, ingen behandlere eller intet areal).", lang)))
    if years is not None and years.years and any(t.market_rent is not None for t in years.years[0].tenants):
        _market_rent(story, r, fmt, years)


def _market_rent(story: Story, r: ReportInput, fmt: _Fmt, years: YearsFigures) -> None:
    """Cost rent, market rent and the rent charged per tenant in the first operating year (issue 17.4)."""
    from planners.exports.report import flow
    from planners.figures.monthly import charged_month

    lang = r.lang
    first = years.years[0]
    names = {t.id: t.name for t in r.scenario.tenants}
    story += flow.heading(translate("Omkostningsbestemt husleje og markedsleje", lang), 1)
    story.append(flow.para(translate(
        "Det første driftsår ({year}): lejerens omkostningsbestemte husleje, markedslejen for lokalerne og den "
        "husleje, der opkræves efter planens lejegrundlag.", lang, year=first.year)))
    cols = [
        flow.Col(translate("Lejer", lang), 1.0),
        flow.Col(translate("Omkostningsbestemt, kr.", lang), 0.0, "right"),
        flow.Col(translate("Markedsleje, kr.", lang), 0.0, "right"),
        flow.Col(translate("Opkræves, kr.", lang), 0.0, "right"),
        flow.Col(translate("Opkræves pr. måned, kr.", lang), 0.0, "right"),
    ]
    rows = [[names.get(t.tenant_id, t.tenant_id), fmt.amount(t.cost_rent), fmt.amount(t.market_rent),
             fmt.amount(t.charged), fmt.amount(charged_month(t))]
            for t in first.tenants if t.present]
    story.append(flow.table(cols, rows))


def _room_user(plan: Plan, sc: Scenario, room: RoomLine, lang: str) -> str:
    if room.vacant:
        return palette.pick(palette.VACANT_NAME, lang)
    if room.tenant is not None:
        tenant = sc.tenant(room.tenant)
        return tenant.name if tenant else room.tenant
    if room.shared is not None:
        return _shared_text(room.shared, lang)
    return ""


def _shared_text(shared: Allocation, lang: str) -> str:
    """A shared line's use in the report's words, from the one glossary (issue 14.3)."""
    return glossary.shared_text(shared.key, lang, report=True)


@lru_cache(maxsize=1)
def _bundled_room_types() -> dict[RoomType, RoomTypeInfo]:
    from planners.reference import bundled_catalogs

    return bundled_catalogs().room_types


def _room_name(plan: Plan, room: RoomLine, lang: str) -> str:
    info = plan.catalogs.room_types.get(room.type) or _bundled_room_types().get(room.type)
    type_name = (info.name_en if lang == "en" else info.name_da) if info else room.type.value
    # "Depot, lægerne" says it is a store already; "Sygeplejeklinik" needs "(behandlingsrum)" to say what it is
    if room.label and type_name.lower() not in room.label.lower():
        return f"{room.label} ({type_name.lower()})"
    return room.label or type_name


# Up to this many room lines the report lists them all; a larger programme is summed by room type (the full
# list is in the annex), so the report stays a document one reads rather than a print-out of the data.
ROOM_LINES_LISTED = 80
EQUIPMENT_LINES_LISTED = 60


def _rooms(story: Story, r: ReportInput, fmt: _Fmt) -> None:
    from planners.exports.report import flow

    f, lang, sc = r.figures, r.lang, r.scenario
    story += flow.heading(translate("Rumprogram", lang))
    if not sc.rooms:
        story.append(flow.para(translate("Scenariet har ingen rum.", lang)))
        return
    factor = fmt.number(f.gross_factor, 2)
    gross_label = translate("Bruttoareal (faktor {factor})", lang, factor=factor)
    if len(sc.rooms) > ROOM_LINES_LISTED:
        _rooms_by_type(story, r, fmt, gross_label)
        return
    cols = [
        flow.Col(translate("Rum", lang), 1.2),
        flow.Col(translate("Antal", lang), 0.0, "right"),
        flow.Col(translate("m² pr. rum", lang), 0.0, "right"),
        flow.Col(translate("m² netto", lang), 0.0, "right"),
        flow.Col(translate("Bruger", lang), 1.0),
    ]
    rows = [[_room_name(r.plan, room, lang), str(room.count), fmt.number(room.net_m2, 1),
             fmt.number(room.net_total, 1), _room_user(r.plan, sc, room, lang)] for room in sc.rooms]
    totals = [[translate("Nettoareal i alt", lang), "", "", fmt.number(f.net_m2, 1), ""],
              [gross_label, "", "", fmt.number(f.gross_m2, 1), ""]]
    story.append(flow.table(cols, rows, totals))


def _rooms_by_type(story: Story, r: ReportInput, fmt: _Fmt, gross_label: str) -> None:
    from planners.exports.report import flow

    f, lang, sc = r.figures, r.lang, r.scenario
    story.append(flow.para(translate(
        "Rumprogrammet har {lines} linjer; her samlet efter rumtype. Hele rumprogrammet står i "
        "ansøgningsbilaget (regnearket).", lang, lines=len(sc.rooms))))
    # display sums of the room lines by type (counts and net m²); the house's totals below are the engine's
    counts: dict[RoomType, list[Any]] = {}
    for room in sc.rooms:
        entry = counts.setdefault(room.type, [0, Decimal(0), 0])
        entry[0] += room.count
        entry[1] += room.net_total
        entry[2] += 1
    cols = [flow.Col(translate("Rumtype", lang), 1.0), flow.Col(translate("Linjer", lang), 0.0, "right"),
            flow.Col(translate("Antal rum", lang), 0.0, "right"), flow.Col(translate("m² netto", lang), 0.0, "right")]
    rows = []
    for room_type, (count, net, lines) in counts.items():
        info = r.plan.catalogs.room_types.get(room_type) or _bundled_room_types().get(room_type)
        name = (info.name_en if lang == "en" else info.name_da) if info else str(room_type)
        rows.append([name, str(lines), str(count), fmt.number(net, 1)])
    totals = [[translate("Nettoareal i alt", lang), str(len(sc.rooms)), "", fmt.number(f.net_m2, 1)],
              [gross_label, "", "", fmt.number(f.gross_m2, 1)]]
    story.append(flow.table(cols, rows, totals))


def _equipment_name(plan: Plan, item: str, name: str, lang: str) -> str:
    info = plan.catalogs.equipment.get(item)
    catalog = (info.name_en if lang == "en" else info.name_da) if info else item
    return name or catalog


def _equipment(story: Story, r: ReportInput, fmt: _Fmt) -> None:
    """Each equipment line: what it is, how many, its price, who uses it and what it costs a year."""
    from planners.exports.report import flow

    f, lang, sc = r.figures, r.lang, r.scenario
    story += flow.heading(translate("Udstyr", lang))
    if not sc.equipment:
        story.append(flow.para(translate("Scenariet har intet udstyr.", lang)))
        return
    story.append(flow.para(translate(
        "Udstyr købt i projektet: {investment}. Udstyrets årlige udgift (service og, hvor lejerne selv køber "
        "det, prisen fordelt over levetiden): {annual}.", lang,
        investment=fmt.kr(f.equipment_in_project), annual=fmt.kr(f.equipment_annual_total))))
    cols = [
        flow.Col(translate("Udstyr", lang), 1.3),
        flow.Col(translate("Antal", lang), 0.0, "right"),
        flow.Col(translate("Stykpris, kr.", lang), 0.0, "right"),
        flow.Col(translate("Investering, kr.", lang), 0.0, "right"),
        flow.Col(translate("Levetid, år", lang), 0.0, "right"),
        flow.Col(translate("Pr. år, kr.", lang), 0.0, "right"),
        flow.Col(translate("Bruger", lang), 1.0),
    ]
    lines = list(zip(sc.equipment, f.equipment_lines, strict=False))
    if len(lines) > EQUIPMENT_LINES_LISTED:
        story.append(flow.para(translate(
            "Scenariet har {lines} udstyrslinjer; her de {shown} dyreste. Alle linjer står i ansøgningsbilaget.",
            lang, lines=len(lines), shown=EQUIPMENT_LINES_LISTED)))
        lines = sorted(lines, key=lambda x: -x[1].investment)[:EQUIPMENT_LINES_LISTED]
    rows = []
    for e, ef in lines:
        if e.tenant is not None:
            tenant = sc.tenant(e.tenant)
            user = tenant.name if tenant else e.tenant
        elif e.shared is not None:
            user = _shared_text(e.shared, lang)
        else:
            user = ""
        if not e.in_project:
            user = (user + "; " if user else "") + translate("købes af lejerne", lang)
        rows.append([_equipment_name(r.plan, e.item, e.name, lang), str(e.quantity), fmt.amount(e.unit_price),
                     fmt.amount(ef.investment), fmt.number(e.lifetime_years, 0), fmt.amount(ef.annual_cost), user])
    totals = [[translate("I alt", lang), "", "", fmt.amount(f.equipment_in_project), "",
               fmt.amount(f.equipment_annual_total), ""]]
    story.append(flow.table(cols, rows, totals))


def _running(story: Story, r: ReportInput, fmt: _Fmt) -> None:
    """The yearly running costs: the building's rates per m², the shared services, and the year's total."""
    from planners.exports.report import flow
    from planners.model.names import RUNNING_RATE_NAMES

    f, lang, sc, plan = r.figures, r.lang, r.scenario, r.plan
    story += flow.heading(translate("Driftsudgifter", lang))
    rates = plan.catalogs.running_rates
    rows = [[palette.name(RUNNING_RATE_NAMES, code, lang), fmt.amount(rate)] for code, rate in rates.items()]
    totals = [[translate("I alt pr. m² brutto", lang), fmt.amount(f.running_rates_total)],
              [translate("Driftsudgifter pr. år ({gross} m² brutto)", lang, gross=fmt.number(f.gross_m2, 1)),
               fmt.amount(f.running_cost)]]
    story += flow.heading(translate("Bygningens drift", lang), 1)
    story.append(flow.table([flow.Col(translate("Post", lang), 1.0),
                             flow.Col(translate("Kr. pr. m² brutto pr. år", lang), 0.0, "right")], rows, totals))
    if sc.running.services:
        story += flow.heading(translate("Fælles ydelser", lang), 1)
        rows = [[s.name, fmt.amount(s.annual), _shared_text(s.shared, lang)] for s in sc.running.services]
        story.append(flow.table(
            [flow.Col(translate("Ydelse", lang), 1.0), flow.Col(translate("Pr. år, kr.", lang), 0.0, "right"),
             flow.Col(translate("Fordeling", lang), 0.6)],
            rows, [[translate("I alt", lang), fmt.amount(f.services_total), ""]]))
    story += flow.heading(translate("Årets udgifter", lang), 1)
    story.append(_pairs([
        [translate("Kapitaludgift pr. år", lang), fmt.kr(f.capital_cost)],
        [translate("Driftsudgifter (bygning) pr. år", lang), fmt.kr(f.running_cost)],
        [translate("Udstyr pr. år", lang), fmt.kr(f.equipment_annual_total)],
        [translate("Fælles ydelser pr. år", lang), fmt.kr(f.services_total)],
        [translate("Årlige udgifter i alt", lang), fmt.kr(f.annual_cost_total)],
    ]))


def _rent_over_years(story: Story, r: ReportInput, fmt: _Fmt, years: YearsFigures | None) -> None:
    """The yearly series (issue 17.4): the house's costs, income and result by year, and each tenant's rent."""
    from planners.exports.report import flow

    if years is None or not years.years:
        return
    lang = r.lang
    story += flow.heading(translate("Husleje over tid", lang))
    text = translate("Driftsårene {first}–{last}. Markedslejer stiger {rent} om året, driftsudgifter {running} om "
                     "året; kapitaludgifterne følger lånenes ydelser.", lang, first=years.first_year,
                     last=years.last_year, rent=fmt.pct(years.rent_index_pct / 100),
                     running=fmt.pct(years.running_index_pct / 100))
    story.append(flow.para(text))
    # Cost lines in phases and financing given for a year: the money of the establishment in the operating years.
    dated = bool(years.opening_balance) or any(y.establishment or y.financing_received for y in years.years)
    if dated:
        story += _dated_money(r, fmt, years)
    cols = [
        flow.Col(translate("År", lang), 0.0, "right"),
        flow.Col(translate("Udgifter, kr.", lang), 1.0, "right"),
        flow.Col(translate("Lejeindtægt, kr.", lang), 1.0, "right"),
        flow.Col(translate("Tomgang, kr.", lang), 1.0, "right"),
        flow.Col(translate("Resultat, kr.", lang), 1.0, "right"),
    ]
    if dated:
        cols += [flow.Col(translate("Anlæg betalt, kr.", lang), 1.0, "right"),
                 flow.Col(translate("Finansiering modtaget, kr.", lang), 1.0, "right")]
    cols.append(flow.Col(translate("Akkumuleret, kr.", lang), 1.0, "right"))
    rows = []
    for y in years.years:
        row = [str(y.year), fmt.amount(y.total_cost), fmt.amount(y.income), fmt.amount(y.vacancy_cost),
               fmt.signed_amount(y.surplus)]
        if dated:
            row += [fmt.amount(y.establishment), fmt.amount(y.financing_received)]
        rows.append([*row, fmt.signed_amount(y.cash_balance)])
    story += flow.heading(translate("Husets udgifter og indtægter", lang), 1)
    story.append(flow.table(cols, rows))
    if dated:
        story.append(flow.note(translate("Akkumuleret: kassebeholdningen ved driftens begyndelse plus hvert års "
                                         "resultat og den finansiering, der modtages, minus de anlæg, der "
                                         "betales.", lang)))
    # each tenant's rent charged in the first, a middle and the last year (the whole series is in the annex)
    picked = sorted({0, len(years.years) // 2, len(years.years) - 1})
    names = {t.id: t.name for t in r.scenario.tenants}
    cols = [flow.Col(translate("Lejer", lang), 1.0)]
    cols += [flow.Col(translate("Husleje {year}, kr.", lang, year=years.years[i].year), 0.0, "right")
             for i in picked]
    if years.present_value is not None:
        cols.append(flow.Col(translate("Nutidsværdi, kr.", lang), 0.0, "right"))
    rows = []
    for k, tenant in enumerate(r.scenario.tenants):
        row = [names.get(tenant.id, tenant.id)]
        for i in picked:
            ty = years.years[i].tenants[k]
            row.append(fmt.amount(ty.charged) if ty.present else "–")
        if years.present_value is not None:
            row.append(fmt.amount(years.present_value.tenants.get(tenant.id)))
        rows.append(row)
    story += flow.heading(translate("Husleje pr. lejer", lang), 1)
    story.append(flow.table(cols, rows))
    story.append(flow.note(translate("Opkrævet husleje om året inkl. udstyr og ydelser; «–»: lejeren er ikke i huset det år. Hele rækken af år står i ansøgningsbilaget.", lang)))


def _dated_money(r: ReportInput, fmt: _Fmt, years: YearsFigures) -> Story:
    """The phases' cost lines (paid in the phase's first year), the financing lines given for a year, and the
    opening balance they give (docs/years.md)."""
    from planners.exports.report import flow

    lang = r.lang
    sc = r.scenario
    tl = sc.timeline
    amounts = {c.index: c.amount for c in r.figures.cost_lines}
    out: Story = []
    out += flow.heading(translate("Etaper og finansieringens år", lang), 1)
    cols = [flow.Col(translate("Hvad", lang), 1.0), flow.Col(translate("År", lang), 0.0, "right"),
            flow.Col(translate("Beløb, kr.", lang), 0.0, "right")]
    rows = []
    for phase in tl.phases:
        for i in phase.costs:
            if 0 <= i < len(sc.costs):
                line = sc.costs[i]
                text = line.text or palette.name(palette.CATEGORY_NAMES, line.category, lang)
                rows.append([translate("Anlæg i {phase}: {text}", lang, phase=phase.name, text=text),
                             str(phase.first_year), fmt.amount(amounts.get(i, Decimal(0)))])
    for fy in tl.financing_years:
        if 0 <= fy.line < len(sc.financing):
            money = sc.financing[fy.line]
            text = money.text or palette.name(palette.SOURCE_NAMES, money.source, lang)
            rows.append([translate("Finansiering: {text}", lang, text=text), str(fy.year), fmt.amount(money.amount)])
    out.append(flow.table(cols, rows))
    out.append(flow.para(translate(
        "En etapes anlægsposter betales i etapens første år; finansiering gives for det år, der står ud for den, og "
        "et lån betales tilbage fra det år. Kassebeholdning ved driftens begyndelse: {amount} kr. (anlæg betalt i "
        "driftsårene minus finansiering givet for dem).", lang, amount=fmt.signed_amount(years.opening_balance))))
    return out


def _findings(story: Story, r: ReportInput, fmt: _Fmt) -> None:
    from planners.exports.report import flow

    lang = r.lang
    story += flow.heading(translate_in("flertal", "Fund", lang))
    if not r.findings:
        story.append(flow.para(translate("Planen opfylder de kendte regler for puljen; tjekket gav ingen fund.", lang)))
    else:
        story.append(flow.note(translate("Tjek af planen mod puljens regler og mod erfaringstal. Fejl skal rettes før ansøgningen sendes; advarsler og noter er til overvejelse.", lang)))
        # No code column: the reader acts on the text, never on the code (issue 14.3).
        cols = [flow.Col(translate("Niveau", lang), 0.0), flow.Col(translate("Besked", lang), 1.0)]
        rows = [[palette.name(palette.LEVEL_NAMES, x.level, lang), x.message(lang)] for x in r.findings]
        story.append(flow.table(cols, rows))
    _look_up(story, r)


def _look_up(story: Story, r: ReportInput) -> None:
    """What the round's data does not know: no finding but a short list to look up in the call for
    applications (issue 14.3), the same as the app's help and checks page and the annex's sheet "Fund"."""
    from planners.checks.findings import to_look_up
    from planners.exports.report import flow

    items = to_look_up(r.plan.pool_round, r.lang)
    if not items:
        return
    story += flow.heading(translate("Slå op i puljeopslaget", r.lang), 1)
    story.append(flow.para(translate("Programmet kender ikke disse regler for runden og har ikke kontrolleret dem. "
                                     "Find dem i puljeopslaget, før ansøgningen sendes:", r.lang)))
    for x in items:
        story.append(flow.para("• " + x))


def _assumptions(story: Story, r: ReportInput, fmt: _Fmt, years: YearsFigures | None) -> None:
    """What the figures rest on and where each number comes from: the running rates, the catalogs used, the
    gross factor, the terms of "without grant", the time line's indexes and the pool's round."""
    from planners.checks.findings import rate_source
    from planners.exports.report import flow
    from planners.model.names import RUNNING_RATE_NAMES
    from planners.reference import catalog_sources, pool_rounds

    f, lang, plan, sc = r.figures, r.lang, r.plan, r.scenario
    story += flow.heading(translate("Forudsætninger og kilder", lang))
    story.append(flow.para(translate("Tallene bygger på disse satser og kataloger. Kilderne står, som de er registreret i planens kataloger og i programmets referencedata; «skøn» betyder, at der ikke er fundet en offentlig kilde.", lang)))
    sources = catalog_sources()
    none = translate("ingen kilde angivet", lang)
    rows: list[list[str]] = []

    def per_m2(amount: Decimal) -> str:
        return translate("{amount} pr. m² brutto pr. år", lang, amount=fmt.kr(amount))

    # The plan's own catalog rows and their sources (issue 16.6: the catalog's source column), as registered
    # (the intro explains «skøn»); the scenario's rates with theirs follow, as the annex's "Forudsætninger".
    # A catalog's source is the reference data's English note: the reader of a Danish report gets the Danish
    # citation or «skøn», as the app shows it (`source_citation`); a source the user wrote stays as written.
    def cited(source: str) -> str:
        return source_citation(source, lang, first_only=True)

    for code, rate in plan.catalogs.running_rates.items():
        rows.append([palette.name(RUNNING_RATE_NAMES, code, lang) + " " + translate("(standardsats)", lang),
                     per_m2(rate),
                     cited(plan.catalogs.running_rate_sources.get(code, "")) or none])
    for code, rate in sc.running.per_gross_m2.items():
        if rate > 0:
            own = sc.running.sources.get(code, "").strip()
            rows.append([palette.name(RUNNING_RATE_NAMES, code, lang) + " " + translate("(scenariet)", lang),
                         per_m2(rate), own or cited(rate_source(plan, sc, code)) or none])
    rows.append([translate("Bruttofaktor (brutto / netto)", lang), fmt.number(f.gross_factor, 2),
                 translate("planens scenarie", lang)])
    interest, term = f.grant_loan_terms
    rows.append([translate("«Uden tilskud»: tilskuddet regnet som lån", lang),
                 translate("{interest} over {years} år", lang, interest=fmt.pct(interest / 100), years=term),
                 translate("planens længste lån, ellers KommuneKredits normale vilkår", lang)])
    for i, line in enumerate(sc.financing):
        if line.is_repaid:
            rows.append([translate("Rente, {source} {n}", lang,
                                   source=palette.name(palette.SOURCE_NAMES, line.source, lang).lower(), n=i + 1),
                         translate("{interest} over {years} år", lang, interest=fmt.pct(line.interest_pct / 100),
                                   years=line.years or 0),
                         none])  # a loan has no source field yet (issue 16.6 adds one)
    if plan.market_rent is not None:
        rows.append([translate("Markedsleje", lang),
                     per_m2(plan.market_rent.per_m2),
                     plan.market_rent.source or none])
    tl = sc.timeline
    if years is not None:
        rows.append([translate("Lejeindeks", lang), fmt.pct(tl.rent_index_pct / 100), tl.rent_index_source or none])
        rows.append([translate("Indeks for driftsudgifter", lang), fmt.pct(tl.running_index_pct / 100),
                     tl.running_index_source or none])
        if tl.discount_pct is not None:
            rows.append([translate("Diskonteringsrente", lang), fmt.pct(tl.discount_pct / 100),
                         tl.discount_source or none])
    story += flow.heading(translate("Satser", lang), 1)
    cols = [flow.Col(translate("Forudsætning", lang), 0.6), flow.Col(translate("Værdi", lang), 0.35),
            flow.Col(translate("Kilde", lang), 1.0)]
    story.append(flow.table(cols, rows))

    rows = []
    for room_type in dict.fromkeys(room.type for room in sc.rooms):
        info = plan.catalogs.room_types.get(room_type) or _bundled_room_types().get(room_type)
        if info is None:
            continue
        name = info.name_en if lang == "en" else info.name_da
        rows.append([translate("Rumtype", lang), name,
                     cited(info.source or sources["room_types"].get(room_type.value, "")) or none])
    for kind in dict.fromkeys(t.kind for t in sc.tenants):
        kinfo = plan.catalogs.tenant_kinds.get(kind)
        if kinfo is None:
            continue
        rows.append([translate("Lejertype", lang), kinfo.name_en if lang == "en" else kinfo.name_da,
                     cited(kinfo.source or sources["tenant_kinds"].get(kind.value, "")) or none])
    for item in dict.fromkeys(e.item for e in sc.equipment):
        einfo = plan.catalogs.equipment.get(item)
        if einfo is None:
            continue
        rows.append([translate("Udstyr", lang), einfo.name_en if lang == "en" else einfo.name_da,
                     cited(einfo.source or sources["equipment"].get(item, "")) or none])
    if rows:
        story += flow.heading(translate("Kataloger", lang), 1)
        story.append(flow.table([flow.Col(translate("Katalog", lang), 0.0), flow.Col(translate("Række", lang), 0.5),
                                 flow.Col(translate("Kilde", lang), 1.0)], rows))
    pool_round = pool_rounds().get(plan.pool_round) if plan.pool_round else None
    if pool_round is not None:
        story += flow.heading(translate("Puljens regler", lang), 1)
        story.append(flow.para(translate("Puljerunde: {name}. Kilder:", lang,
                                         name=pool_round.name_en if lang == "en" else pool_round.name_da)))
        for source in dict.fromkeys(source_citation(s, lang) for s in pool_round.sources):
            story.append(flow.para("• " + source, flow.SMALL + 0.5, space_after=2))


CHART_H = 3.85 * 72  # two charts to a page


def _charts(story: Story, r: ReportInput) -> None:
    from planners.exports import charts
    from planners.exports.report import flow

    chosen = [fn for _key, fn in charts.CHARTS]
    if not r.figures.tenants or all(t.current_annual_rent is None for t in r.figures.tenants):
        chosen.remove(charts.cost_vs_current_rent)  # an empty chart tells the reader nothing
    story += flow.heading(translate("Diagrammer", r.lang))
    # the charts print the names as the tables do (a character the font lacks marked, no direction controls)
    figures = replace(r.figures, tenants=[replace(t, name=flow.clean(t.name)) for t in r.figures.tenants])
    for fn in chosen:
        story.append(flow.Chart(_draw(fn, figures, r.lang), flow.CONTENT_W, CHART_H))
        story.append(flow.space(10))


CHART_FONT = 9.5  # its small text (ticks, legends) is 0,85 of it: 8,1 pt, never under 8


def _draw(fn: Callable[..., object], data: object, lang: str) -> Callable[[Any], object]:
    def draw(target: Any) -> object:
        return fn(data, lang=lang, target=target, font_size=CHART_FONT)

    return draw


def build_document(r: ReportInput) -> Story:
    """The report's story (the flowables in order), ready for `flow.build`."""
    from reportlab.platypus import PageBreak

    from planners.exports.report import flow
    from planners.exports.report.status import application_status

    fmt = _Fmt(r.lang)
    years = _years(r)
    story: Story = []
    _title_page(story, r, fmt)
    story += flow.contents(translate("Indhold", r.lang))
    story.append(PageBreak())
    _key_figures(story, r, fmt)
    application_status(story, r, fmt)
    _establishment(story, r, fmt)
    _tenants(story, r, fmt, years)
    _rooms(story, r, fmt)
    _equipment(story, r, fmt)
    _running(story, r, fmt)
    _rent_over_years(story, r, fmt, years)
    _findings(story, r, fmt)
    _assumptions(story, r, fmt, years)
    _charts(story, r)
    if r.comparison is not None:
        story.append(PageBreak())
        _comparison(story, r, r.comparison, fmt)
    return story


def running_text(r: ReportInput) -> Any:
    from planners.exports.report import flow

    return flow.Running(
        title=r.plan.title,
        right=translate("Scenarie «{name}»", r.lang, name=r.scenario.name),
        footer=f"sundhedshus {__version__} · {format_date(r.today, r.lang)}",
        page_text=lambda n, total: translate("Side {number} af {total}", r.lang, number=n, total=total),
    )


def render_report(r: ReportInput, path: Path) -> int:
    """Write the report of `r` to `path` (no safety net: `write_report` is the entry); the page count."""
    from planners.exports.report import flow

    built = flow.build(
        build_document(r), running_text(r),
        title=flow.clean(f"{r.plan.title} — {r.scenario.name}"), author=flow.clean(r.plan.applicant.name or ""),
        subject=translate("Læge- og sundhedshus: projekt, budget og husleje", r.lang),
        creator=f"sundhedshus {__version__}",
    )
    Path(path).write_bytes(built.data)
    return built.pages


def write_report(
    plan: Plan, target: Path, scenario: str | None = None, lang: str = "da", compare: bool = False
) -> None:
    """The PDF report of a scenario (default: the one applied for) at `target`, written atomically.

    With `compare`, pages at the end put every scenario of the plan side by side (`planners.figures.compare`), with
    the differences against the report's scenario, and their charts.
    Raises `PlanError` (Danish message) for an unknown scenario or, with `compare`, a plan of one scenario,
    and `safewrite.TargetRefused` for a target that cannot be written (read-only, open in an office suite);
    the target is then left as it was.
    """
    from planners.store.safewrite import atomic_target

    with collector_paused():
        report = report_input(plan, scenario, lang, compare)
        with atomic_target(Path(target)) as tmp:
            render_report(report, tmp)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while a document is made, and started again after (issue 19).

    Making the report allocates some hundred thousand objects (matplotlib's artists and transforms, ReportLab's
    fragments and table cells) that live until the document is written; every few hundred allocations the
    collector ran and walked them, and now and then everything the process holds (the imported matplotlib and
    ReportLab, the plan): ≈ 0,2 s CPU of the large plan's ≈ 1,7 s, for no garbage (reference counting frees what
    goes). The cycles a document leaves (a matplotlib figure is one) are collected when the collector runs
    again, right after. Left as it was when it was off already (another document still being made, or a caller
    that turned it off)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def report_input(plan: Plan, scenario: str | None = None, lang: str = "da", compare: bool = False) -> ReportInput:
    """The plan's scenario (default: the one applied for) with its figures and findings, for any document."""
    from planners.checks.findings import run_checks
    from planners.figures.engine import compute

    try:
        chosen = plan.scenario(scenario)
    except KeyError:
        names = ", ".join(f"«{s.name}»" for s in plan.scenarios) or "ingen"
        raise PlanError(
            f"Planen har intet scenarie «{scenario}». Scenarier: {names}",
            f"The plan has no scenario “{scenario}”.",
        ) from None
    comparison = None
    if compare:
        from planners.figures.compare import compare as compare_scenarios

        comparison = compare_scenarios(plan, None, base=chosen.name)
    figures = compute(plan, chosen)
    findings = run_checks(plan, chosen, figures)
    return ReportInput(plan=plan, scenario=chosen, figures=figures, findings=findings, lang=lang,
                       comparison=comparison)


# --- scenarios side by side (issue 9) -------------------------------------------------------------------------

# Up to this many scenarios, one table holds the values and the differences; more get two tables (a column
# narrower than a scenario's name would break the name inside its words).
COMBINED_UP_TO = 2


def _compare_cell(fmt: _Fmt, row: CompareRow, value: Decimal | None, signed: bool = False) -> str:
    """A value of a comparison row without its unit (the unit has its own column); "–" where absent."""
    from planners.figures.compare import Unit

    if value is None:
        return "–"
    if row.unit is Unit.KR:
        return fmt.signed_amount(value) if signed else fmt.amount(value)
    if row.unit is Unit.PCT:
        value = value * 100  # display only: a fraction as percent (its difference as percentage points)
    decimals = 1 if row.unit in (Unit.M2, Unit.PCT) else 0
    text = fmt.number(value, decimals)
    if signed and value > 0 and text.strip("0,.") != "":  # no "+" on a difference that shows as 0
        text = "+" + text
    return text


def _comparison_table(story: Story, c: Comparison, fmt: _Fmt, lang: str, values: bool, diffs: bool) -> None:
    from planners.exports.report import flow
    from planners.figures.compare import group_label

    others = [name for name in c.scenarios if name != c.base]
    titles = []
    if values:
        titles += list(c.scenarios)
    if diffs:
        titles += [f"{name} − {c.base}" for name in others]
    cols = [flow.Col(translate_in("tabelkolonne", "Nøgletal", lang), 1.0), flow.Col(translate("Enhed", lang), 0.0)]
    cols += [flow.Col(t, 0.0, "right") for t in titles]
    rows: list[list[str]] = []
    bold: set[int] = set()
    group = None
    for r in c.rows:
        if r.group is not group:
            group = r.group
            bold.add(len(rows))
            rows.append([group_label(group, lang), *[""] * (len(cols) - 1)])
        cells = [r.label(lang), r.unit.symbol(lang)]
        if values:
            cells += [_compare_cell(fmt, r, v) for v in r.values]
        if diffs:
            cells += [_compare_cell(fmt, r, r.differences[c.scenarios.index(n)], signed=True) for n in others]
        rows.append(cells)
    story.append(flow.table(cols, rows, bold_rows=frozenset(bold)))


def _comparison(story: Story, r: ReportInput, c: Comparison, fmt: _Fmt) -> None:
    from planners.exports import charts
    from planners.exports.report import flow

    lang = r.lang
    story.append(flow.Heading(translate("Sammenligning af scenarier", lang), 0))
    names = ", ".join(f"«{n}»" for n in c.scenarios)
    text = translate(
        "Planens {count} scenarier side om side: {names}. Forskellene er regnet mod «{base}» (rapportens "
        "scenarie): scenariets tal minus tallet for «{base}».",
        lang, count=len(c.scenarios), names=names, base=c.base,
    )
    if c.applied is not None:
        text += " " + translate("Der søges tilskud til «{name}».", lang, name=c.applied)
    story.append(flow.para(text))
    if len(c.scenarios) <= COMBINED_UP_TO:
        _comparison_table(story, c, fmt, lang, values=True, diffs=True)
    else:
        story += flow.heading(translate("Nøgletal pr. scenarie", lang), 1)
        _comparison_table(story, c, fmt, lang, values=True, diffs=False)
        story += flow.heading(translate("Forskel mod «{base}»", lang, base=c.base), 1)
        _comparison_table(story, c, fmt, lang, values=False, diffs=True)
    story.append(flow.note(translate("Beløb i hele kroner, arealer i m², tilskudsandelen i procent og dens forskel i procentpoint. «–»: lejeren findes ikke i det scenarie (lejerne genkendes på deres id). Antal fund er fra tjekket af hvert scenarie mod puljens regler og erfaringstal.", lang)))
    _comparison_notes(story, c, lang)
    for _key, fn in charts.COMPARE_CHARTS:
        story.append(flow.Chart(_draw(fn, c, lang), flow.CONTENT_W, CHART_H))
        story.append(flow.space(10))


def _comparison_notes(story: Story, c: Comparison, lang: str) -> None:
    """The workshop's notes and decisions of each compared scenario that has any (issue 15.7), beside the
    figures they were decided on."""
    from planners.exports.report import flow

    if not c.noted:
        return
    story += flow.heading(translate("Noter og beslutninger", lang), 1)
    for name, text in c.noted:
        story.append(flow.para(translate("Scenarie «{name}»", lang, name=name), bold=True, space_after=1))
        story.append(flow.para(text))


__all__ = ["ReportInput", "build_document", "collector_paused", "render_report", "report_input", "write_report"]
