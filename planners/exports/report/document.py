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
    AllocationKey,
    CostCategory,
    Finding,
    Level,
    Plan,
    RoomLine,
    RoomType,
    RoomTypeInfo,
    Scenario,
)
from planners.model.errors import PlanError
from planners.model.money import format_date
from planners.model.results import ScenarioFigures

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


def _t(da: str, en: str, lang: str) -> str:
    return en if lang == "en" else da


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
    """Break `text` into lines that fit `width` inches; a word longer than a line is cut with "…"."""
    lines: list[str] = []
    for paragraph in str(text).split("\n"):
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
            while text_width(current, size, bold) > width and len(current) > 1:
                # a word wider than the column (a finding's code, an e-mail address): break it, after a "_",
                # "-", "." or "@" where there is one, so nothing of it is lost
                fit = len(current) - 1
                while fit > 1 and text_width(current[:fit], size, bold) > width:
                    fit -= 1
                soft = max(current.rfind(ch, 0, fit) for ch in "_-.@")
                cut = soft + 1 if soft > 0 else fit
                lines.append(current[:cut])
                current = current[cut:]
        if current:
            lines.append(current)
    return lines or [""]


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
    doc.space(0.9)
    doc.paragraph(
        _t(
            "Læge- og sundhedshus — projekt, budget og husleje",
            "Doctor and health house — project, budget and rent",
            lang,
        ),
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
    scen = _t(f"Scenarie «{r.scenario.name}»", f"Scenario “{r.scenario.name}”", lang)
    if applied:
        scen += _t(" (det scenarie der søges tilskud til)", " (the scenario applied for)", lang)
    doc.paragraph(scen, size=13)
    doc.space(0.35)

    rows: list[list[str]] = []

    def add(label_da: str, label_en: str, value: str) -> None:
        if value:
            rows.append([_t(label_da, label_en, lang), value])

    applicant = plan.applicant.name
    if applicant:
        applicant += f" ({palette.name(palette.APPLICANT_TYPE_NAMES, plan.applicant.type, lang).lower()})"
    add("Ansøger", "Applicant", applicant)
    add("Partnere", "Partners", "; ".join(plan.partners))
    if plan.gp_collaboration is not None:
        gc = plan.gp_collaboration
        add(
            "Samarbejde med praktiserende læger",
            "Collaboration with GPs",
            " — ".join(x for x in (gc.with_, gc.description) if x),
        )
    add("Kommune", "Municipality", _municipality(plan))
    add("Adresse", "Address", plan.address)
    if plan.project_type is not None:
        add("Projekttype", "Project type", palette.name(palette.PROJECT_TYPE_NAMES, plan.project_type, lang))
    add("Puljerunde", "Pool round", _round_name(plan, lang))
    add("Projektperiode", "Project years", _years_text(plan.years))
    if plan.price_year is not None:
        add("Prisniveau", "Price level", str(plan.price_year))
    add(
        "Beløb",
        "Amounts",
        _t("inkl. moms", "including VAT", lang)
        if plan.amounts_include_vat
        else _t("ekskl. moms", "excluding VAT", lang),
    )
    contact = ", ".join(x for x in (plan.contact.name, plan.contact.email, plan.contact.phone) if x)
    add("Kontaktperson", "Contact", contact)
    add("Dato", "Date", format_date(r.today, lang))
    add("Version", "Version", f"sundhedshus {__version__}")
    doc.table([Column("", 2.3), Column("", CONTENT_W - 2.3)], rows, header=False, size=BODY, bold_first=True)
    if plan.description:
        doc.space(0.1)
        doc.heading(_t("Projektet", "The project", lang), SUBHEADING, keep=0.5)
        doc.paragraph(plan.description)


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
    doc.heading(_t("Nøgletal", "Key figures", lang))
    factor = fmt.number(f.gross_factor, 2)
    rows = [
        [_t("Nettoareal", "Net area", lang), fmt.m2(f.net_m2)],
        [_t(f"Bruttoareal (faktor {factor})", f"Gross area (factor {factor})", lang), fmt.m2(f.gross_m2)],
        [_t("Heraf ledigt (brutto)", "Of which vacant (gross)", lang), fmt.m2(f.vacant_gross_m2)],
        [_t("Anlægsudgifter i alt", "Establishment costs", lang), fmt.kr(f.establishment_total)],
        [_t("Heraf tilskudsberettiget", "Of which eligible", lang), fmt.kr(f.eligible_total)],
        [_t("Finansiering i alt", "Financing", lang), fmt.kr(f.financing_total)],
        [_t("Tilskud fra puljen", "Grant from the pool", lang), fmt.kr(f.grant)],
        [
            _t("Tilskudsandel af berettigede udgifter", "Grant share of eligible costs", lang),
            fmt.pct(f.grant_share),
        ],
        [_t("Kapitaludgift pr. år", "Capital cost a year", lang), fmt.kr(f.capital_cost)],
        [
            _t("Driftsudgifter (bygning) pr. år", "Running costs (building) a year", lang),
            fmt.kr(f.running_cost),
        ],
        [_t("Udstyr pr. år", "Equipment a year", lang), fmt.kr(f.equipment_annual_total)],
        [_t("Fælles ydelser pr. år", "Shared services a year", lang), fmt.kr(f.services_total)],
        [_t("Årlige udgifter i alt", "Annual cost", lang), fmt.kr(f.annual_cost_total)],
        [_t("Husleje pr. m² brutto pr. år", "Rent per gross m² a year", lang), fmt.kr(f.rent_per_gross_m2)],
        [
            _t("Husleje pr. m² uden tilskud", "Rent per m² without the grant", lang),
            fmt.kr(f.rent_per_gross_m2_without_grant),
        ],
        [
            _t("Tomgang (ejerens udgift) pr. år", "Vacancy (owner's cost) a year", lang),
            fmt.kr(f.vacancy_cost),
        ],
    ]
    if f.financing_difference != 0:
        rows.insert(
            6,
            [
                _t("Finansiering minus anlægsudgifter", "Financing minus establishment costs", lang),
                fmt.signed_kr(f.financing_difference),
            ],
        )
    doc.table(
        [Column(_t("Nøgletal", "Figure", lang), 4.2), Column("", 2.2, "right")], rows, header=False, size=BODY
    )
    counts = {level: sum(1 for x in r.findings if x.level is level) for level in palette.LEVEL_NAMES}
    if r.findings:
        text = _t("Tjek mod puljens regler: ", "Checks against the pool's rules: ", lang) + ", ".join(
            _count(n, level, lang) for level, n in counts.items()
        )
        text += _t(" (se afsnittet Fund).", " (see Findings).", lang)
    else:
        text = _t(
            "Tjek mod puljens regler: ingen fund.", "Checks against the pool's rules: no findings.", lang
        )
    doc.paragraph(text)


_COUNT_WORDS = {
    Level.ERROR: (("fejl", "fejl"), ("error", "errors")),
    Level.WARNING: (("advarsel", "advarsler"), ("warning", "warnings")),
    Level.NOTE: (("note", "noter"), ("note", "notes")),
}


def _count(n: int, level: Level, lang: str) -> str:
    da, en = _COUNT_WORDS[level]
    one, many = en if lang == "en" else da
    return f"{n} {one if n == 1 else many}"


def _establishment(doc: Document, r: ReportInput, fmt: _Fmt) -> None:
    f, lang = r.figures, r.lang
    doc.heading(_t("Anlægsbudget", "Establishment budget", lang), keep=1.5)
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
    columns = [Column(_t("Kategori", "Category", lang), name_w)]
    columns += [Column(str(y), col_w, "right") for y in years]
    columns += [
        Column(_t("I alt", "Total", lang), col_w, "right"),
        Column(_t("Heraf berettiget", "Of which eligible", lang), col_w, "right"),
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
        [_t("I alt", "Total", lang)]
        + [fmt.amount(f.by_year[y]) for y in years]
        + [fmt.amount(f.establishment_total), fmt.amount(f.eligible_total)]
    ]
    doc.table(columns, rows, totals)
    doc.paragraph(
        _t(
            f"Beløb i kroner. Ikke tilskudsberettigede udgifter: {fmt.kr(f.non_eligible_total)}; beløb "
            f"{'inkl.' if r.plan.amounts_include_vat else 'ekskl.'} moms.",
            f"Amounts in DKK. Costs not eligible for the grant: {fmt.kr(f.non_eligible_total)}; amounts "
            f"{'including' if r.plan.amounts_include_vat else 'excluding'} VAT.",
            lang,
        ),
        size=SMALL + 1,
    )


def _financing(doc: Document, r: ReportInput, fmt: _Fmt) -> None:
    f, lang, sc = r.figures, r.lang, r.scenario
    doc.heading(_t("Finansiering", "Financing", lang), keep=1.5)
    columns = [
        Column(_t("Kilde", "Source", lang), 1.9),
        Column(_t("Tekst", "Text", lang), 1.85),
        Column(_t("Beløb, kr.", "Amount, DKK", lang), 1.05, "right"),
        Column(_t("Rente", "Interest", lang), 0.6, "right"),
        Column(_t("År", "Years", lang), 0.45, "right"),
        Column(_t("Ydelse pr. år, kr.", "Annuity a year, DKK", lang), CONTENT_W - 5.85, "right"),
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
        [_t("I alt", "Total", lang), "", fmt.amount(f.financing_total), "", "", fmt.amount(f.capital_cost)]
    ]
    doc.table(columns, rows, totals)
    lines = [
        _t(
            f"Tilskud fra puljen: {fmt.kr(f.grant)}, {fmt.pct(f.grant_share)} af de tilskudsberettigede "
            f"udgifter ({fmt.kr(f.eligible_total)}).",
            f"Grant from the pool: {fmt.kr(f.grant)}, {fmt.pct(f.grant_share)} of the eligible costs "
            f"({fmt.kr(f.eligible_total)}).",
            lang,
        )
    ]
    if f.financing_difference != 0:
        lines.append(
            _t(
                f"Finansieringen afviger fra anlægsudgifterne med {fmt.signed_kr(f.financing_difference)}.",
                f"The financing differs from the establishment costs by "
                f"{fmt.signed_kr(f.financing_difference)}.",
                lang,
            )
        )
    lines.append(
        _t(
            "Tilskuddet betales ikke tilbage; lån og egenfinansiering, der betales tilbage over huslejen, "
            "indgår i kapitaludgiften med deres årlige ydelse (annuitet).",
            "The grant is not paid back; loans and own money repaid by the rent count in the capital cost "
            "with their annuity.",
            lang,
        )
    )
    doc.paragraph(" ".join(lines), size=SMALL + 1)


def _tenants(doc: Document, r: ReportInput, fmt: _Fmt) -> None:
    f, lang = r.figures, r.lang
    doc.heading(_t("Lejere og husleje", "Tenants and rent", lang), keep=2.4)
    doc.paragraph(
        _t(
            f"Omkostningsbestemt husleje: {fmt.kr(f.rent_per_gross_m2)} pr. m² brutto om året "
            f"(uden tilskud {fmt.kr(f.rent_per_gross_m2_without_grant)}). Fællesarealer, fælles udstyr og "
            "fælles ydelser er fordelt efter hver linjes fordelingsnøgle.",
            f"Cost-based rent: {fmt.kr(f.rent_per_gross_m2)} per gross m² a year (without the grant "
            f"{fmt.kr(f.rent_per_gross_m2_without_grant)}). Shared areas, equipment and services are split "
            "by each line's allocation key.",
            lang,
        )
    )
    doc.heading(_t("Areal og årlige udgifter", "Area and annual costs", lang), SUBHEADING, keep=1.0)
    w = (CONTENT_W - 1.75) / 6
    columns = [
        Column(_t("Lejer", "Tenant", lang), 1.75),
        Column(_t("m² netto", "Net m²", lang), w, "right"),
        Column(_t("m² brutto", "Gross m²", lang), w, "right"),
        Column(_t("Husleje, kr.", "Rent, DKK", lang), w, "right"),
        Column(_t("Udstyr, kr.", "Equipment, DKK", lang), w, "right"),
        Column(_t("Ydelser, kr.", "Services, DKK", lang), w, "right"),
        Column(_t("I alt pr. år, kr.", "Total a year, DKK", lang), w, "right"),
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
            _t("Ledigt / tomgang (ejer)", "Vacant / vacancy (owner)", lang),
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
            _t("Huset i alt", "The house", lang),
            fmt.number(f.net_m2, 1),
            fmt.number(f.gross_m2, 1),
            "",
            "",
            "",
            fmt.amount(f.annual_cost_total),
        ]
    ]
    doc.table(columns, rows, totals)

    doc.heading(_t("Lejernes opgørelse", "Tenant statements", lang), SUBHEADING, keep=1.0)
    w = (CONTENT_W - 1.75) / 6
    columns = [
        Column(_t("Lejer", "Tenant", lang), 1.75),
        Column(_t("Pr. måned, kr.", "Per month, DKK", lang), w, "right"),
        Column(_t("Pr. m² brutto, kr.", "Per gross m², DKK", lang), w, "right"),
        Column(_t("Pr. behandler, kr.", "Per clinician, DKK", lang), w, "right"),
        Column(_t("Husleje i dag, kr.", "Current rent, DKK", lang), w, "right"),
        Column(_t("Ændring, kr.", "Change, DKK", lang), w, "right"),
        Column(_t("Ændring %", "Change %", lang), w, "right"),
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
        doc.paragraph(_t("Scenariet har ingen lejere.", "The scenario has no tenants.", lang))
        return
    doc.table(columns, rows)
    doc.paragraph(
        _t(
            "Ændring = ny årlig udgift minus nuværende årlige husleje; «–» hvor tallet ikke findes "
            "(ingen nuværende husleje, ingen behandlere eller intet areal).",
            "Change = new annual cost minus current annual rent; “–” where there is no figure (no current "
            "rent, no clinicians or no area).",
            lang,
        ),
        size=SMALL + 1,
    )


def _room_user(plan: Plan, sc: Scenario, room: RoomLine, lang: str) -> str:
    if room.vacant:
        return palette.pick(palette.VACANT_NAME, lang)
    if room.tenant is not None:
        tenant = sc.tenant(room.tenant)
        return tenant.name if tenant else room.tenant
    if room.shared is not None:
        keys = {
            AllocationKey.AREA: ("efter areal", "by area"),
            AllocationKey.HEADCOUNT: ("efter antal ansatte", "by headcount"),
            AllocationKey.EQUAL: ("ligeligt", "equally"),
            AllocationKey.CUSTOM: ("efter aftalt fordeling", "by agreed shares"),
        }
        return _t("Fælles, ", "Shared, ", lang) + palette.pick(keys[room.shared.key], lang)
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
    doc.heading(_t("Rumprogram", "Room programme", lang))
    if not sc.rooms:
        doc.paragraph(_t("Scenariet har ingen rum.", "The scenario has no rooms.", lang))
        return
    factor = fmt.number(f.gross_factor, 2)
    gross_label = _t(f"Bruttoareal (faktor {factor})", f"Gross area (factor {factor})", lang)
    if len(sc.rooms) > ROOM_LINES_LISTED:
        _rooms_by_type(doc, r, fmt, gross_label)
        return
    columns = [
        Column(_t("Rum", "Room", lang), 2.55),
        Column(_t("Antal", "Count", lang), 0.55, "right"),
        Column(_t("m² pr. rum", "m² each", lang), 0.8, "right"),
        Column(_t("m² netto", "Net m²", lang), 0.85, "right"),
        Column(_t("Bruger", "User", lang), CONTENT_W - 4.75),
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
        [_t("Nettoareal i alt", "Net area", lang), "", "", fmt.number(f.net_m2, 1), ""],
        [gross_label, "", "", fmt.number(f.gross_m2, 1), ""],
    ]
    doc.table(columns, rows, totals)


def _rooms_by_type(doc: Document, r: ReportInput, fmt: _Fmt, gross_label: str) -> None:
    f, lang, sc = r.figures, r.lang, r.scenario
    doc.paragraph(
        _t(
            f"Rumprogrammet har {len(sc.rooms)} linjer; her samlet efter rumtype. Hele rumprogrammet står i "
            "ansøgningsbilaget (regnearket).",
            f"The room programme has {len(sc.rooms)} lines; summed here by room type. The full programme is "
            "in "
            "the application annex (the workbook).",
            lang,
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
        Column(_t("Rumtype", "Room type", lang), 3.0),
        Column(_t("Linjer", "Lines", lang), 1.0, "right"),
        Column(_t("Antal rum", "Rooms", lang), 1.2, "right"),
        Column(_t("m² netto", "Net m²", lang), CONTENT_W - 5.2, "right"),
    ]
    rows = []
    for room_type, (count, net, lines) in counts.items():
        info = r.plan.catalogs.room_types.get(room_type) or _bundled_room_types().get(room_type)
        name = (info.name_en if lang == "en" else info.name_da) if info else str(room_type)
        rows.append([name, str(lines), str(count), fmt.number(net, 1)])
    totals = [
        [_t("Nettoareal i alt", "Net area", lang), str(len(sc.rooms)), "", fmt.number(f.net_m2, 1)],
        [gross_label, "", "", fmt.number(f.gross_m2, 1)],
    ]
    doc.table(columns, rows, totals)


def _findings(doc: Document, r: ReportInput, fmt: _Fmt) -> None:
    lang = r.lang
    doc.heading(_t("Fund", "Findings", lang), keep=1.0)
    if not r.findings:
        doc.paragraph(
            _t(
                "Planen opfylder de kendte regler for puljen; tjekket gav ingen fund.",
                "The plan meets the pool's known rules; the checks found nothing.",
                lang,
            )
        )
        return
    doc.paragraph(
        _t(
            "Tjek af planen mod puljens regler og mod erfaringstal. Fejl skal rettes før ansøgningen "
            "sendes; advarsler og noter er til overvejelse.",
            "The plan checked against the pool's rules and benchmarks. Errors must be corrected before "
            "applying; warnings and notes are for consideration.",
            lang,
        ),
        size=SMALL + 1,
    )
    columns = [
        Column(_t("Niveau", "Level", lang), 0.8),
        Column(_t("Kode", "Code", lang), 1.55),
        Column(_t("Besked", "Message", lang), CONTENT_W - 2.35),
    ]
    rows = [[palette.name(palette.LEVEL_NAMES, x.level, lang), x.code, x.message(lang)] for x in r.findings]
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
    right = _t(f"Scenarie «{r.scenario.name}»", f"Scenario “{r.scenario.name}”", r.lang)
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
            _t(f"Side {number} af {total}", f"Page {number} of {total}", r.lang),
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
        "Subject": _t(
            "Læge- og sundhedshus: projekt, budget og husleje",
            "Doctor and health house: project, budget and rent",
            r.lang,
        ),
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
        titles += [_t(f"{name} − {c.base}", f"{name} − {c.base}", lang) for name in others]
    label_w, unit_w = 2.0, 0.6
    w = (CONTENT_W - label_w - unit_w) / max(len(titles), 1)
    columns = [Column(_t("Nøgletal", "Figure", lang), label_w), Column(_t("Enhed", "Unit", lang), unit_w)]
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
    doc.heading(_t("Sammenligning af scenarier", "Scenarios compared", lang))
    names = ", ".join(f"«{n}»" for n in c.scenarios)
    text = _t(
        f"Planens {len(c.scenarios)} scenarier side om side: {names}. Forskellene er regnet mod «{c.base}» "
        "(rapportens scenarie): scenariets tal minus tallet for «" + c.base + "».",
        f"The plan's {len(c.scenarios)} scenarios side by side: {names}. The differences are taken against "
        f"“{c.base}” (the report's scenario): the scenario's figure minus that of “{c.base}”.",
        lang,
    )
    if c.applied is not None:
        text += " " + _t(
            f"Der søges tilskud til «{c.applied}».", f"The application is for “{c.applied}”.", lang
        )
    doc.paragraph(text)
    if len(c.scenarios) <= COMBINED_UP_TO:
        _comparison_table(doc, c, fmt, lang, values=True, diffs=True)
    else:
        doc.heading(_t("Nøgletal pr. scenarie", "Key figures by scenario", lang), SUBHEADING, keep=1.0)
        _comparison_table(doc, c, fmt, lang, values=True, diffs=False)
        doc.heading(_t(f"Forskel mod «{c.base}»", f"Difference against “{c.base}”", lang), SUBHEADING, keep=1.0)
        _comparison_table(doc, c, fmt, lang, values=False, diffs=True)
    doc.paragraph(
        _t(
            "Beløb i hele kroner, arealer i m², tilskudsandelen i procent og dens forskel i procentpoint. "
            "«–»: lejeren findes ikke i det scenarie (lejerne genkendes på deres id). Antal fund er fra tjekket "
            "af hvert scenarie mod puljens regler og erfaringstal.",
            "Amounts in whole kroner, areas in m², the grant share in percent and its difference in percentage "
            "points. “–”: the tenant is not in that scenario (tenants are matched by their id). The findings "
            "are from checking each scenario against the pool's rules and benchmarks.",
            lang,
        ),
        size=SMALL + 1,
    )
    chosen = [fn for _key, fn in charts.COMPARE_CHARTS]
    for i in range(0, len(chosen), 2):
        doc.charts_page(
            [(lambda sub, fn=fn: fn(c, lang=lang, target=sub, font_size=9.0)) for fn in chosen[i : i + 2]]
        )


__all__ = ["ReportInput", "build_document", "render_report", "write_report"]
