"""The PDF report of one scenario (issue 6): what a council meeting or the partners read.

A4 portrait: a title page (project, applicant, municipality, date, version), the key figures, the
establishment budget by category × year, the financing, each tenant's statement, the room programme, the
findings and the charts (`planners.exports.charts`); the plan's title, the scenario and "Side N af M" on every page.

Drawn with matplotlib's PDF backend (`PdfPages`); the tables are laid out here: text measured with the Agg
renderer, wrapped to its column, and split over pages with the header repeated. This keeps the project at
one drawing library (matplotlib is needed for the charts anyway) and the text stays real, searchable text.
Nothing is computed here: every amount is a figure of `planners.figures.engine.compute`, written through
`planners.model.money`. The file is written to a temporary file and moved into place (`planners.store.safewrite`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure, SubFigure
from matplotlib.font_manager import FontProperties
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from planners import __version__
from planners.exports import charts, palette
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
from planners.model.i18n import N_, translate, translate_in, translate_plural
from planners.model.money import format_date
from planners.model.results import ScenarioFigures
from planners.model.safetext import printable

if TYPE_CHECKING:
    from planners.figures.compare import CompareRow, Comparison

# A4 in inches, and the printable frame inside it.
PAGE_W, PAGE_H = 8.27, 11.69
MARGIN_X = 0.75
TOP = 0.95  # below the running header
BOTTOM = PAGE_H - 0.85  # above the footer
CONTENT_W = PAGE_W - 2 * MARGIN_X

BODY = 9.5  # pt
TABLE = 8.5
SMALL = 7.5
HEADING = 15.0
SUBHEADING = 11.5
LINE = 1.32  # line height as a multiple of the font size
ZEBRA = "#F2F2F2"
RULE = "#888888"
ACCENT = "#004488"


# --- text measuring and wrapping --------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _renderer():  # type: ignore[no-untyped-def]
    return FigureCanvasAgg(Figure(dpi=72)).get_renderer()


@lru_cache(maxsize=20000)
def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of `text` in inches as DejaVu Sans draws it (measured, not guessed)."""
    prop = FontProperties(size=size, weight="bold" if bold else "normal")
    width, _h, _d = _renderer().get_text_width_height_descent(text, prop, ismath=False)
    return width / 72.0


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
    # Never measure more than could fit: the cost of a line is then bounded by the line, not by the word.
    lo, hi = 1, min(len(word) - 1, _max_chars(width, size))
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if text_width(word[:mid], size, bold) <= width:
            lo = mid
        else:
            hi = mid - 1
    return lo


# --- the page layout ---------------------------------------------------------------------------------------

PageOp = Callable[[Figure], None]


@dataclass
class Column:
    title: str
    width: float  # inches
    align: str = "left"  # "left" or "right"


@dataclass
class _Page:
    ops: list[PageOp] = field(default_factory=list)
    charts: list[Callable[..., object]] = field(default_factory=list)


class Document:
    """Pages filled top to bottom; a block that does not fit starts a new page."""

    def __init__(self) -> None:
        self.pages: list[_Page] = [_Page()]
        self.y = TOP  # inches from the top edge

    # drawing primitives, in inches from the top-left corner
    @staticmethod
    def _text(
        fig: Figure,
        x: float,
        y: float,
        text: str,
        size: float,
        *,
        bold: bool = False,
        ha: str = "left",
        colour: str = "#111111",
    ) -> None:
        fig.text(
            x / PAGE_W,
            1 - y / PAGE_H,
            text,
            fontsize=size,
            fontweight="bold" if bold else "normal",
            ha=ha,
            va="baseline",
            color=colour,
        )

    @staticmethod
    def _hline(fig: Figure, x0: float, x1: float, y: float, width: float = 0.6, colour: str = RULE) -> None:
        fig.add_artist(
            Line2D(
                [x0 / PAGE_W, x1 / PAGE_W],
                [1 - y / PAGE_H, 1 - y / PAGE_H],
                linewidth=width,
                color=colour,
                transform=fig.transFigure,
            )
        )

    @staticmethod
    def _box(fig: Figure, x: float, y: float, w: float, h: float, colour: str) -> None:
        fig.add_artist(
            Rectangle(
                (x / PAGE_W, 1 - (y + h) / PAGE_H),
                w / PAGE_W,
                h / PAGE_H,
                facecolor=colour,
                edgecolor="none",
                transform=fig.transFigure,
                zorder=-1,
            )
        )

    @property
    def page(self) -> _Page:
        return self.pages[-1]

    def new_page(self) -> None:
        if self.page.ops or self.page.charts:
            self.pages.append(_Page())
        self.y = TOP

    def _room(self, height: float) -> None:
        if self.y + height > BOTTOM and self.y > TOP:
            self.new_page()

    def space(self, height: float) -> None:
        self.y += height

    def heading(self, text: str, size: float = HEADING, keep: float = 1.0) -> None:
        """A heading, kept on a page with at least `keep` inches of what follows."""
        height = size * LINE / 72 + 0.12
        self._room(height + keep)
        y = self.y + size / 72
        def draw_heading(fig: Figure, y: float = y) -> None:
            self._text(fig, MARGIN_X, y, text, size, bold=True, colour=ACCENT)

        self.page.ops.append(draw_heading)
        self.y += height

    def paragraph(self, text: str, size: float = BODY, colour: str = "#111111") -> None:
        step = size * LINE / 72
        lines = wrap(text, CONTENT_W, size)
        self._room(min(len(lines), 6) * step)  # a short paragraph stays on one page, never one orphan line
        for line in lines:
            self._room(step)
            y = self.y + size / 72
            def draw_line(fig: Figure, y: float = y, line: str = line) -> None:
                self._text(fig, MARGIN_X, y, line, size, colour=colour)

            self.page.ops.append(draw_line)
            self.y += step
        self.y += 0.08

    def table(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[str]],
        totals: Sequence[Sequence[str]] = (),
        size: float = TABLE,
        header: bool = True,
        bold_first: bool = False,
        bold_rows: frozenset[int] = frozenset(),
    ) -> None:
        """A table; rows that do not fit go on to the next page under a repeated header.

        `bold_rows` (indexes into `rows`) are drawn bold without shading: a group's heading inside the table.
        """
        step = size * LINE / 72
        pad = 0.05

        def cells(row: Sequence[str], bold: bool, is_header: bool = False) -> list[list[str]]:
            # a number is never broken: in a right-aligned column it may use the cell's padding instead
            return [
                [text]
                if col.align == "right" and not is_header
                else wrap(text, col.width - 0.1, size, bold or (bold_first and i == 0))
                for i, (col, text) in enumerate(zip(columns, row, strict=True))
            ]

        head = cells([c.title for c in columns], True, is_header=True) if header else []
        head_h = (max(len(c) for c in head) * step + 2 * pad) if header else 0.0

        def draw_row(wrapped: list[list[str]], y: float, h: float, bold: bool, shade: str | None) -> PageOp:
            def op(fig: Figure) -> None:
                if shade:
                    self._box(fig, MARGIN_X, y, sum(c.width for c in columns), h, shade)
                x = MARGIN_X
                for i, (col, lines) in enumerate(zip(columns, wrapped, strict=True)):
                    tx = x + col.width - 0.05 if col.align == "right" else x + 0.05
                    for k, line in enumerate(lines):
                        self._text(
                            fig,
                            tx,
                            y + pad + size / 72 + k * step,
                            line,
                            size,
                            bold=bold or (bold_first and i == 0),
                            ha=col.align,
                        )
                    x += col.width

            return op

        def draw_header(y: float) -> None:
            width = sum(c.width for c in columns)
            self.page.ops.append(draw_row(head, y, head_h, True, None))
            def draw_rule(fig: Figure, y: float = y) -> None:
                self._hline(fig, MARGIN_X, MARGIN_X + width, y + head_h, 0.9, "#333333")

            self.page.ops.append(draw_rule)

        if header:
            self._room(head_h + step * 2 + 2 * pad)
            draw_header(self.y)
            self.y += head_h
        width = sum(c.width for c in columns)
        for n, row in enumerate(rows):
            wrapped = cells(row, False)
            h = max(len(c) for c in wrapped) * step + 2 * pad
            if self.y + h > BOTTOM:
                self.new_page()
                if header:
                    draw_header(self.y)
                    self.y += head_h
            bold = n in bold_rows
            self.page.ops.append(draw_row(wrapped, self.y, h, bold, ZEBRA if n % 2 and not bold else None))
            self.y += h
        for k, row in enumerate(totals):
            wrapped = cells(row, True)
            h = max(len(c) for c in wrapped) * step + 2 * pad
            self._room(h)
            if k == 0:
                def draw_rule(fig: Figure, y: float = self.y) -> None:
                    self._hline(fig, MARGIN_X, MARGIN_X + width, y, 0.9, "#333333")

                self.page.ops.append(draw_rule)
            self.page.ops.append(draw_row(wrapped, self.y, h, True, None))
            self.y += h
        self.y += 0.18

    def charts_page(self, charts: Sequence[Callable[..., object]]) -> None:
        """A page of its own with one or two charts (each given the sub-figure to draw into)."""
        self.new_page()
        self.page.charts.extend(charts)
        self.new_page()

    def render(self, pdf: PdfPages, header: Callable[[Figure, int, int], None]) -> None:
        pages = [p for p in self.pages if p.ops or p.charts]
        for number, page in enumerate(pages, start=1):
            fig = Figure(figsize=(PAGE_W, PAGE_H))
            if page.charts:
                top, bottom = TOP / PAGE_H, BOTTOM / PAGE_H
                fig.set_layout_engine(
                    ConstrainedLayoutEngine(
                        rect=(MARGIN_X / PAGE_W, 1 - bottom, CONTENT_W / PAGE_W, bottom - top), h_pad=0.15
                    )
                )
                # always two slots, so a lone chart keeps the size of the others instead of filling the page
                subs = fig.subfigures(2, 1, hspace=0.08)
                assert not isinstance(subs, SubFigure)  # two rows: an array of two
                for draw, sub in zip(page.charts, subs, strict=False):
                    draw(sub)
            for op in page.ops:
                op(fig)
            header(fig, number, len(pages))
            pdf.savefig(fig)


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


def _years_text(years: Sequence[int]) -> str:
    ordered = sorted(years)
    if not ordered:
        return "–"
    if ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) > 1:
        return f"{ordered[0]}–{ordered[-1]}"
    return ", ".join(str(y) for y in ordered)


def _title_page(doc: Document, r: ReportInput, fmt: _Fmt) -> None:
    plan, lang = r.plan, r.lang
    doc.space(0.4)
    doc.paragraph(
        translate("Læge- og sundhedshus — projekt, budget og husleje", lang),
        size=12,
        colour="#444444",
    )
    for line in wrap(plan.title, CONTENT_W, 26, bold=True):
        y = doc.y + 26 / 72
        def draw_title_line(fig: Figure, y: float = y, line: str = line) -> None:
            doc._text(fig, MARGIN_X, y, line, 26, bold=True, colour=ACCENT)

        doc.page.ops.append(draw_title_line)
        doc.y += 26 * 1.25 / 72
    doc.space(0.15)
    applied = plan.applied_scenario == r.scenario.name or (
        plan.applied_scenario is None and plan.scenarios and plan.scenarios[0] is r.scenario
    )
    scen = translate("Scenarie «{name}»", lang, name=r.scenario.name)
    if applied:
        scen += translate(" (det scenarie der søges tilskud til)", lang)
    doc.paragraph(scen, size=13)
    doc.space(0.1)
    _in_brief(doc, r, fmt)
    doc.space(0.15)

    rows: list[list[str]] = []

    def add(label_da: str, value: str) -> None:
        if value:
            rows.append([translate(label_da, lang), value])

    applicant = plan.applicant.name
    if applicant:
        applicant += f" ({palette.name(palette.APPLICANT_TYPE_NAMES, plan.applicant.type, lang).lower()})"
    add(N_("Ansøger"), applicant)
    add(N_("Partnere"), "; ".join(plan.partners))
    if plan.gp_collaboration is not None:
        gc = plan.gp_collaboration
        add(
            N_("Samarbejde med praktiserende læger"),
            " — ".join(x for x in (gc.with_, gc.description) if x),
        )
    add(N_("Kommune"), _municipality(plan))
    add(N_("Adresse"), plan.address)
    if plan.project_type is not None:
        add(N_("Projekttype"), palette.name(palette.PROJECT_TYPE_NAMES, plan.project_type, lang))
    add(N_("Puljerunde"), _round_name(plan, lang))
    add(N_("Projektperiode"), _years_text(plan.years))
    if plan.price_year is not None:
        add(N_("Prisniveau"), str(plan.price_year))
    add(
        N_("Beløb"),
        translate("inkl. moms", lang)
        if plan.amounts_include_vat
        else translate("ekskl. moms", lang),
    )
    contact = ", ".join(x for x in (plan.contact.name, plan.contact.email, plan.contact.phone) if x)
    add(N_("Kontaktperson"), contact)
    add(N_("Dato"), format_date(r.today, lang))
    add(N_("Version"), f"sundhedshus {__version__}")
    doc.table([Column("", 2.3), Column("", CONTENT_W - 2.3)], rows, header=False, size=BODY, bold_first=True)
    if plan.description:
        doc.space(0.1)
        # The heading keeps the paragraph's first lines with it (the paragraph moves whole when short).
        lines = min(len(wrap(plan.description, CONTENT_W, BODY)), 6)
        doc.heading(translate("Projektet", lang), SUBHEADING, keep=lines * BODY * LINE / 72)
        doc.paragraph(plan.description)


def _in_brief(doc: Document, r: ReportInput, fmt: _Fmt) -> None:
    """The case officer's first questions answered on the title page (issue 16.3): what is applied for, the
    total cost, the grant's share, each party's own money, loans, other grants and whether the checks pass."""
    lang, f = r.lang, r.figures
    by_source = f.financing_by_source
    errors = sum(1 for x in r.findings if x.level is Level.ERROR)
    warnings = len(r.findings) - errors
    if not r.findings:
        checks = translate("planen opfylder de kontrollerede regler", lang)
    else:
        checks = translate("{errors} fejl og {warnings} advarsler (se «Fund»)", lang, errors=errors, warnings=warnings)
    rows = [
        [translate("Der søges om", lang), fmt.kr(f.grant)],
        [translate("Anlægsudgifter i alt", lang), fmt.kr(f.establishment_total)],
        [translate("Tilskudsandel af de tilskudsberettigede udgifter", lang),
         fmt.pct(f.grant_share)],
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
    doc.heading(translate("Ansøgningen kort", lang), SUBHEADING, keep=1.5)
    doc.table([Column("", 3.2), Column("", CONTENT_W - 3.2, align="right")], rows, header=False, size=BODY,
              bold_first=True)


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


def _key_figures(doc: Document, r: ReportInput, fmt: _Fmt) -> None:
    f, lang = r.figures, r.lang
    doc.new_page()
    doc.heading(translate("Nøgletal", lang))
    factor = fmt.number(f.gross_factor, 2)
    rows = [
        [translate("Nettoareal", lang), fmt.m2(f.net_m2)],
        [translate("Bruttoareal (faktor {factor})", lang, factor=factor), fmt.m2(f.gross_m2)],
        [translate("Heraf ledigt (brutto)", lang), fmt.m2(f.vacant_gross_m2)],
        [translate("Anlægsudgifter i alt", lang), fmt.kr(f.establishment_total)],
        [translate("Heraf tilskudsberettiget", lang), fmt.kr(f.eligible_total)],
        [translate("Finansiering i alt", lang), fmt.kr(f.financing_total)],
        [translate("Tilskud fra puljen", lang), fmt.kr(f.grant)],
        [
            translate("Tilskudsandel af berettigede udgifter", lang),
            fmt.pct(f.grant_share),
        ],
        [translate("Kapitaludgift pr. år", lang), fmt.kr(f.capital_cost)],
        [
            translate("Driftsudgifter (bygning) pr. år", lang),
            fmt.kr(f.running_cost),
        ],
        [translate("Udstyr pr. år", lang), fmt.kr(f.equipment_annual_total)],
        [translate("Fælles ydelser pr. år", lang), fmt.kr(f.services_total)],
        [translate("Årlige udgifter i alt", lang), fmt.kr(f.annual_cost_total)],
        [translate("Husleje pr. m² brutto pr. år", lang), fmt.kr(f.rent_per_gross_m2)],
        [
            translate_in("rapport", "Husleje pr. m² uden tilskud", lang),
            fmt.kr(f.rent_per_gross_m2_without_grant),
        ],
        [
            translate("Tomgang (ejerens udgift) pr. år", lang),
            fmt.kr(f.vacancy_cost),
        ],
    ]
    if f.financing_difference != 0:
        rows.insert(
            6,
            [
                translate("Finansiering minus anlægsudgifter", lang),
                fmt.signed_kr(f.financing_difference),
            ],
        )
    doc.table(
        [Column(translate_in("tabelkolonne", "Nøgletal", lang), 4.2), Column("", 2.2, "right")], rows, header=False, size=BODY
    )
    counts = {level: sum(1 for x in r.findings if x.level is level) for level in palette.LEVEL_NAMES}
    if r.findings:
        text = translate("Tjek mod puljens regler: ", lang) + ", ".join(
            _count(n, level, lang) for level, n in counts.items()
        )
        text += translate(" (se afsnittet Fund).", lang)
    else:
        text = translate("Tjek mod puljens regler: ingen fund.", lang)
    doc.paragraph(text)


def _count(n: int, level: Level, lang: str) -> str:
    if level is Level.ERROR:
        return translate_plural("{n} fejl", "{n} fejl", n, lang, n=n)
    if level is Level.WARNING:
        return translate_plural("{n} advarsel", "{n} advarsler", n, lang, n=n)
    return translate_plural("{n} note", "{n} noter", n, lang, n=n)


def _establishment(doc: Document, r: ReportInput, fmt: _Fmt) -> None:
    f, lang = r.figures, r.lang
    doc.heading(translate("Anlægsbudget", lang), keep=1.5)
    years = f.years
    categories = [
        c
        for c in CostCategory
        if f.by_category.get(c, 0) != 0 or any(f.by_category_year.get(c, {}).get(y, 0) for y in years)
    ]
    name_w = 1.4
    rest = CONTENT_W - name_w
    n = len(years) + 2
    col_w = rest / n
    columns = [Column(translate("Kategori", lang), name_w)]
    columns += [Column(str(y), col_w, "right") for y in years]
    columns += [
        Column(translate("I alt", lang), col_w, "right"),
        Column(translate("Heraf berettiget", lang), col_w, "right"),
    ]
    rows = [
        [palette.name(palette.CATEGORY_NAMES, c, lang)]
        + [fmt.amount(f.by_category_year.get(c, {}).get(y, Decimal(0))) for y in years]
        + [
            fmt.amount(f.by_category.get(c, Decimal(0))),
            fmt.amount(f.eligible_by_category.get(c, Decimal(0))),
        ]
        for c in categories
    ]
    totals = [
        [translate("I alt", lang)]
        + [fmt.amount(f.by_year[y]) for y in years]
        + [fmt.amount(f.establishment_total), fmt.amount(f.eligible_total)]
    ]
    doc.table(columns, rows, totals)
    doc.paragraph(
        translate(
            N_("Beløb i kroner. Ikke tilskudsberettigede udgifter: {amount}; beløb inkl. moms.")
            if r.plan.amounts_include_vat
            else N_("Beløb i kroner. Ikke tilskudsberettigede udgifter: {amount}; beløb ekskl. moms."),
            lang, amount=fmt.kr(f.non_eligible_total),
        ),
        size=SMALL + 1,
    )


def _financing(doc: Document, r: ReportInput, fmt: _Fmt) -> None:
    f, lang, sc = r.figures, r.lang, r.scenario
    doc.heading(translate("Finansiering", lang), keep=1.5)
    columns = [
        Column(translate("Kilde", lang), 1.9),
        Column(translate("Tekst", lang), 1.85),
        Column(translate("Beløb, kr.", lang), 1.05, "right"),
        Column(translate("Rente", lang), 0.6, "right"),
        Column(translate_in("flertal", "År", lang), 0.45, "right"),
        Column(translate("Ydelse pr. år, kr.", lang), CONTENT_W - 5.85, "right"),
    ]
    rows = []
    for line, lf in zip(sc.financing, f.financing_lines, strict=False):
        repaid = line.is_repaid
        rows.append(
            [
                palette.name(palette.SOURCE_NAMES, line.source, lang),
                line.text,
                fmt.amount(lf.amount),
                fmt.pct(line.interest_pct / 100) if repaid else "",
                str(line.years) if repaid and line.years else "",
                fmt.amount(lf.annuity) if repaid else "",
            ]
        )
    totals = [
        [translate("I alt", lang), "", fmt.amount(f.financing_total), "", "", fmt.amount(f.capital_cost)]
    ]
    doc.table(columns, rows, totals)
    lines = [
        translate(
            "Tilskud fra puljen: {grant}, {share} af de tilskudsberettigede udgifter ({eligible}).",
            lang, grant=fmt.kr(f.grant), share=fmt.pct(f.grant_share), eligible=fmt.kr(f.eligible_total),
        )
    ]
    if f.financing_difference != 0:
        lines.append(
            translate("Finansieringen afviger fra anlægsudgifterne med {difference}.", lang,
                      difference=fmt.signed_kr(f.financing_difference))
        )
    lines.append(
        translate("Tilskuddet betales ikke tilbage; lån og egenfinansiering, der betales tilbage over huslejen, indgår i kapitaludgiften med deres årlige ydelse (annuitet).", lang)
    )
    doc.paragraph(" ".join(lines), size=SMALL + 1)


def _tenants(doc: Document, r: ReportInput, fmt: _Fmt) -> None:
    f, lang = r.figures, r.lang
    doc.heading(translate("Lejere og husleje", lang), keep=2.4)
    doc.paragraph(
        translate(
            "Omkostningsbestemt husleje: {rent} pr. m² brutto om året (uden tilskud {without}). Fællesarealer, "
            "fælles udstyr og fælles ydelser er fordelt efter hver linjes fordelingsnøgle.",
            lang, rent=fmt.kr(f.rent_per_gross_m2), without=fmt.kr(f.rent_per_gross_m2_without_grant),
        )
    )
    doc.heading(translate("Areal og årlige udgifter", lang), SUBHEADING, keep=1.0)
    w = (CONTENT_W - 1.75) / 6
    columns = [
        Column(translate("Lejer", lang), 1.75),
        Column(translate("m² netto", lang), w, "right"),
        Column(translate("m² brutto", lang), w, "right"),
        Column(translate("Husleje, kr.", lang), w, "right"),
        Column(translate("Udstyr, kr.", lang), w, "right"),
        Column(translate("Ydelser, kr.", lang), w, "right"),
        Column(translate("I alt pr. år, kr.", lang), w, "right"),
    ]
    rows = [
        [
            t.name,
            fmt.number(t.allocated_net_m2, 1),
            fmt.number(t.allocated_gross_m2, 1),
            fmt.amount(t.space_rent),
            fmt.amount(t.equipment_share),
            fmt.amount(t.services_share),
            fmt.amount(t.total),
        ]
        for t in f.tenants
    ]
    rows.append(
        [
            translate("Ledigt / tomgang (ejer)", lang),
            fmt.number(f.vacant_net_m2, 1),
            fmt.number(f.vacant_gross_m2, 1),
            "",
            "",
            "",
            fmt.amount(f.vacancy_cost),
        ]
    )
    totals = [
        [
            translate("Huset i alt", lang),
            fmt.number(f.net_m2, 1),
            fmt.number(f.gross_m2, 1),
            "",
            "",
            "",
            fmt.amount(f.annual_cost_total),
        ]
    ]
    doc.table(columns, rows, totals)

    doc.heading(translate("Lejernes opgørelse", lang), SUBHEADING, keep=1.0)
    w = (CONTENT_W - 1.75) / 6
    columns = [
        Column(translate("Lejer", lang), 1.75),
        Column(translate("Pr. måned, kr.", lang), w, "right"),
        Column(translate("Pr. m² brutto, kr.", lang), w, "right"),
        Column(translate("Pr. behandler, kr.", lang), w, "right"),
        Column(translate("Husleje i dag, kr.", lang), w, "right"),
        Column(translate("Ændring, kr.", lang), w, "right"),
        Column(translate("Ændring %", lang), w, "right"),
    ]
    rows = [
        [
            t.name,
            fmt.amount(t.per_month),
            fmt.amount(t.per_gross_m2),
            fmt.amount(t.per_clinician),
            fmt.amount(t.current_annual_rent),
            fmt.signed_amount(t.change),
            fmt.signed_pct(t.change_pct),
        ]
        for t in f.tenants
    ]
    if not rows:
        doc.paragraph(translate("Scenariet har ingen lejere.", lang))
        return
    doc.table(columns, rows)
    doc.paragraph(
        translate("Ændring = ny årlig udgift minus nuværende årlige husleje; «–» hvor tallet ikke findes (ingen nuværende husleje, ingen behandlere eller intet areal).", lang),
        size=SMALL + 1,
    )


def _room_user(plan: Plan, sc: Scenario, room: RoomLine, lang: str) -> str:
    if room.vacant:
        return palette.pick(palette.VACANT_NAME, lang)
    if room.tenant is not None:
        tenant = sc.tenant(room.tenant)
        return tenant.name if tenant else room.tenant
    if room.shared is not None:
        return glossary.shared_text(room.shared.key, lang, report=True)
    return ""


@lru_cache(maxsize=1)
def _bundled_room_types() -> dict[RoomType, RoomTypeInfo]:
    from planners.reference import bundled_catalogs

    return bundled_catalogs().room_types


def _room_name(plan: Plan, room: RoomLine, lang: str) -> str:
    info = plan.catalogs.room_types.get(room.type) or _bundled_room_types().get(room.type)
    type_name = (info.name_en if lang == "en" else info.name_da) if info else room.type.value
    # "Depot, lægerne" says it is a store already; "Sygeplejeklinik" needs "(behandlingsrum)" to say what
    # it is
    if room.label and type_name.lower() not in room.label.lower():
        return f"{room.label} ({type_name.lower()})"
    return room.label or type_name


# Up to this many room lines the report lists them all; a larger programme is summed by room type (the full
# list is in the annex), so the report stays a document one reads rather than a print-out of the data.
ROOM_LINES_LISTED = 80


def _rooms(doc: Document, r: ReportInput, fmt: _Fmt) -> None:
    f, lang, sc = r.figures, r.lang, r.scenario
    doc.new_page()
    doc.heading(translate("Rumprogram", lang))
    if not sc.rooms:
        doc.paragraph(translate("Scenariet har ingen rum.", lang))
        return
    factor = fmt.number(f.gross_factor, 2)
    gross_label = translate("Bruttoareal (faktor {factor})", lang, factor=factor)
    if len(sc.rooms) > ROOM_LINES_LISTED:
        _rooms_by_type(doc, r, fmt, gross_label)
        return
    columns = [
        Column(translate("Rum", lang), 2.55),
        Column(translate("Antal", lang), 0.55, "right"),
        Column(translate("m² pr. rum", lang), 0.8, "right"),
        Column(translate("m² netto", lang), 0.85, "right"),
        Column(translate("Bruger", lang), CONTENT_W - 4.75),
    ]
    rows = [
        [
            _room_name(r.plan, room, lang),
            str(room.count),
            fmt.number(room.net_m2, 1),
            fmt.number(room.net_total, 1),
            _room_user(r.plan, sc, room, lang),
        ]
        for room in sc.rooms
    ]
    totals = [
        [translate("Nettoareal i alt", lang), "", "", fmt.number(f.net_m2, 1), ""],
        [gross_label, "", "", fmt.number(f.gross_m2, 1), ""],
    ]
    doc.table(columns, rows, totals)


def _rooms_by_type(doc: Document, r: ReportInput, fmt: _Fmt, gross_label: str) -> None:
    f, lang, sc = r.figures, r.lang, r.scenario
    doc.paragraph(
        translate(
            "Rumprogrammet har {lines} linjer; her samlet efter rumtype. Hele rumprogrammet står i "
            "ansøgningsbilaget (regnearket).",
            lang, lines=len(sc.rooms),
        )
    )
    # display sums of the room lines by type (counts and net m²); the house's totals below are the engine's
    counts: dict[RoomType, list] = {}
    for room in sc.rooms:
        entry = counts.setdefault(room.type, [0, Decimal(0), 0])
        entry[0] += room.count
        entry[1] += room.net_total
        entry[2] += 1
    columns = [
        Column(translate("Rumtype", lang), 3.0),
        Column(translate("Linjer", lang), 1.0, "right"),
        Column(translate("Antal rum", lang), 1.2, "right"),
        Column(translate("m² netto", lang), CONTENT_W - 5.2, "right"),
    ]
    rows = []
    for room_type, (count, net, lines) in counts.items():
        info = r.plan.catalogs.room_types.get(room_type) or _bundled_room_types().get(room_type)
        name = (info.name_en if lang == "en" else info.name_da) if info else str(room_type)
        rows.append([name, str(lines), str(count), fmt.number(net, 1)])
    totals = [
        [translate("Nettoareal i alt", lang), str(len(sc.rooms)), "", fmt.number(f.net_m2, 1)],
        [gross_label, "", "", fmt.number(f.gross_m2, 1)],
    ]
    doc.table(columns, rows, totals)


def _findings(doc: Document, r: ReportInput, fmt: _Fmt) -> None:
    lang = r.lang
    doc.heading(translate_in("flertal", "Fund", lang), keep=1.0)
    if not r.findings:
        doc.paragraph(
            translate("Planen opfylder de kendte regler for puljen; tjekket gav ingen fund.", lang)
        )
        return
    doc.paragraph(
        translate("Tjek af planen mod puljens regler og mod erfaringstal. Fejl skal rettes før ansøgningen sendes; advarsler og noter er til overvejelse.", lang),
        size=SMALL + 1,
    )
    # No code column: the reader acts on the text, never on the code (issue 14.3).
    columns = [
        Column(translate("Niveau", lang), 0.8),
        Column(translate("Besked", lang), CONTENT_W - 0.8),
    ]
    rows = [[palette.name(palette.LEVEL_NAMES, x.level, lang), x.message(lang)] for x in r.findings]
    doc.table(columns, rows)


def _charts(doc: Document, r: ReportInput) -> None:
    chosen = [fn for _key, fn in charts.CHARTS]
    if not r.figures.tenants or all(t.current_annual_rent is None for t in r.figures.tenants):
        chosen.remove(charts.cost_vs_current_rent)  # an empty chart tells the reader nothing
    for i in range(0, len(chosen), 2):
        doc.charts_page(
            [
                (lambda sub, fn=fn: fn(r.figures, lang=r.lang, target=sub, font_size=9.0))
                for fn in chosen[i : i + 2]
            ]
        )


def build_document(r: ReportInput) -> Document:
    fmt = _Fmt(r.lang)
    doc = Document()
    _title_page(doc, r, fmt)
    _key_figures(doc, r, fmt)
    _establishment(doc, r, fmt)
    _financing(doc, r, fmt)
    _tenants(doc, r, fmt)
    _rooms(doc, r, fmt)
    _findings(doc, r, fmt)
    _charts(doc, r)
    if r.comparison is not None:
        _comparison(doc, r, r.comparison, fmt)
    return doc


def _running_header(r: ReportInput) -> Callable[[Figure, int, int], None]:
    title = r.plan.title
    right = translate("Scenarie «{name}»", r.lang, name=r.scenario.name)
    footer_left = f"sundhedshus {__version__} · {format_date(r.today, r.lang)}"

    def draw(fig: Figure, number: int, total: int) -> None:
        right_w = text_width(right, SMALL)
        title_line = wrap(title, CONTENT_W - right_w - 0.3, SMALL, bold=True)[0]
        Document._text(fig, MARGIN_X, 0.55, title_line, SMALL, bold=True, colour="#333333")
        Document._text(fig, PAGE_W - MARGIN_X, 0.55, right, SMALL, ha="right", colour="#333333")
        Document._hline(fig, MARGIN_X, PAGE_W - MARGIN_X, 0.63, 0.6)
        Document._hline(fig, MARGIN_X, PAGE_W - MARGIN_X, PAGE_H - 0.6, 0.6)
        Document._text(fig, MARGIN_X, PAGE_H - 0.42, footer_left, SMALL, colour="#555555")
        Document._text(
            fig,
            PAGE_W - MARGIN_X,
            PAGE_H - 0.42,
            translate("Side {number} af {total}", r.lang, number=number, total=total),
            SMALL,
            ha="right",
            colour="#333333",
        )

    return draw


def render_report(r: ReportInput, path: Path) -> int:
    """Write the report of `r` to `path` (no safety net: `write_report` is the entry); the page count."""
    import matplotlib

    doc = build_document(r)
    metadata = {
        "Title": f"{r.plan.title} — {r.scenario.name}",
        "Author": r.plan.applicant.name or "",
        "Subject": translate("Læge- og sundhedshus: projekt, budget og husleje", r.lang),
        "Creator": f"sundhedshus {__version__}",
    }
    # TrueType (Type 42) fonts keep the text extractable and searchable; only the glyphs used are embedded.
    with (
        matplotlib.rc_context({"pdf.fonttype": 42, "pdf.compression": 6}),
        PdfPages(path, metadata=metadata) as pdf,
    ):
        doc.render(pdf, _running_header(r))
        return pdf.get_pagecount()


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
    from planners.checks.findings import run_checks
    from planners.figures.engine import compute
    from planners.store.safewrite import atomic_target

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
    report = ReportInput(
        plan=plan, scenario=chosen, figures=figures, findings=findings, lang=lang, comparison=comparison
    )
    with atomic_target(Path(target)) as tmp:
        render_report(report, tmp)


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


def _comparison_table(doc: Document, c: Comparison, fmt: _Fmt, lang: str, values: bool, diffs: bool) -> None:
    from planners.figures.compare import group_label

    others = [name for name in c.scenarios if name != c.base]
    titles = []
    if values:
        titles += list(c.scenarios)
    if diffs:
        titles += [f"{name} − {c.base}" for name in others]
    label_w, unit_w = 2.0, 0.6
    w = (CONTENT_W - label_w - unit_w) / max(len(titles), 1)
    columns = [Column(translate_in("tabelkolonne", "Nøgletal", lang), label_w), Column(translate("Enhed", lang), unit_w)]
    columns += [Column(t, w, "right") for t in titles]
    rows: list[list[str]] = []
    bold: set[int] = set()
    group = None
    for r in c.rows:
        if r.group is not group:
            group = r.group
            bold.add(len(rows))
            rows.append([group_label(group, lang), *[""] * (len(columns) - 1)])
        cells = [r.label(lang), r.unit.symbol(lang)]
        if values:
            cells += [_compare_cell(fmt, r, v) for v in r.values]
        if diffs:
            cells += [_compare_cell(fmt, r, r.differences[c.scenarios.index(n)], signed=True) for n in others]
        rows.append(cells)
    doc.table(columns, rows, bold_rows=frozenset(bold))


def _comparison(doc: Document, r: ReportInput, c: Comparison, fmt: _Fmt) -> None:
    lang = r.lang
    doc.new_page()
    doc.heading(translate("Sammenligning af scenarier", lang))
    names = ", ".join(f"«{n}»" for n in c.scenarios)
    text = translate(
        "Planens {count} scenarier side om side: {names}. Forskellene er regnet mod «{base}» (rapportens "
        "scenarie): scenariets tal minus tallet for «{base}».",
        lang, count=len(c.scenarios), names=names, base=c.base,
    )
    if c.applied is not None:
        text += " " + translate("Der søges tilskud til «{name}».", lang, name=c.applied)
    doc.paragraph(text)
    if len(c.scenarios) <= COMBINED_UP_TO:
        _comparison_table(doc, c, fmt, lang, values=True, diffs=True)
    else:
        doc.heading(translate("Nøgletal pr. scenarie", lang), SUBHEADING, keep=1.0)
        _comparison_table(doc, c, fmt, lang, values=True, diffs=False)
        doc.heading(translate("Forskel mod «{base}»", lang, base=c.base), SUBHEADING, keep=1.0)
        _comparison_table(doc, c, fmt, lang, values=False, diffs=True)
    doc.paragraph(
        translate("Beløb i hele kroner, arealer i m², tilskudsandelen i procent og dens forskel i procentpoint. «–»: lejeren findes ikke i det scenarie (lejerne genkendes på deres id). Antal fund er fra tjekket af hvert scenarie mod puljens regler og erfaringstal.", lang),
        size=SMALL + 1,
    )
    chosen = [fn for _key, fn in charts.COMPARE_CHARTS]
    for i in range(0, len(chosen), 2):
        doc.charts_page(
            [(lambda sub, fn=fn: fn(c, lang=lang, target=sub, font_size=9.0)) for fn in chosen[i : i + 2]]
        )


__all__ = ["ReportInput", "build_document", "render_report", "write_report"]
