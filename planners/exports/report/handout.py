"""A one-page A4 handout of a scenario (issue 15.7): for a workshop or a council meeting, what the house costs,
what the grant pays, what each tenant pays a month against today, one chart and the scenario's notes.

One page whatever the plan: the chart is set smaller, then left out, and the tenants beyond what the page holds
are summed as one row "Øvrige (N lejere)" (display sums of the engine's figures, as the charts group them).
Typeset with `flow` like the report; nothing is computed here beyond those display sums and a year's amount
shown a month (÷ 12).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from planners import __version__
from planners.exports import palette
from planners.exports.report.document import (
    ReportInput,
    _Fmt,
    _in_brief,
    _round_name,
    collector_paused,
    report_input,
    running_text,
)
from planners.figures.monthly import monthly_rows
from planners.model import Plan
from planners.model.i18n import translate
from planners.model.money import dsum, format_date

if TYPE_CHECKING:
    from reportlab.platypus import Flowable


def _tenant_rows(r: ReportInput, fmt: _Fmt, limit: int) -> list[list[str]]:
    """Each tenant a month (the core's `monthly_rows`, as the guide shows them); past `limit`, the rest in one row."""
    pairs = list(zip(r.figures.tenants, monthly_rows(r.figures), strict=True))
    shown, others = (pairs, []) if len(pairs) <= limit else (pairs[: limit - 1], pairs[limit - 1 :])
    rows = [[m.name, fmt.amount(m.per_month), fmt.amount(m.today_month), fmt.signed_amount(m.change_month),
             fmt.signed_pct(t.change_pct)] for t, m in shown]
    if others:
        today = [m.today_month for _t, m in others if m.today_month is not None]
        label = translate("{others} ({count} lejere)", r.lang, others=palette.pick(palette.OTHERS_NAME, r.lang),
                          count=len(others))
        rows.append([label, fmt.amount(dsum(m.per_month for _t, m in others)),
                     fmt.amount(dsum(today) if today else None), fmt.signed_amount(None), fmt.signed_pct(None)])
    return rows


def build_handout(r: ReportInput, limit: int = 14, chart_height: float | None = 3.0 * 72) -> list[Flowable]:
    from planners.exports import charts
    from planners.exports.report import flow
    from planners.exports.report.document import _draw

    lang, fmt, plan = r.lang, _Fmt(r.lang), r.plan
    story: list[Flowable] = [
        flow.para(plan.title, 17, bold=True, colour="#004488", space_after=2),
        flow.para(" · ".join(x for x in (
            translate("Scenarie «{name}»", lang, name=r.scenario.name), plan.address, _round_name(plan, lang),
            format_date(r.today, lang)) if x), flow.BODY, colour="#444444", space_after=4),
    ]
    brief: list[Flowable] = []
    _in_brief(brief, r, fmt)
    story += brief
    story.append(flow.space(4))
    f = r.figures
    story.append(flow.para(translate(
        "Årlige udgifter i alt {total}: kapital {capital}, drift {running}, udstyr {equipment} og fælles ydelser "
        "{services}.", lang, total=fmt.kr(f.annual_cost_total), capital=fmt.kr(f.capital_cost),
        running=fmt.kr(f.running_cost), equipment=fmt.kr(f.equipment_annual_total),
        services=fmt.kr(f.services_total)), flow.BODY))
    story.append(flow.Heading(translate("Hvad lejerne betaler", lang), 1, toc=False))
    cols = [flow.Col(translate("Lejer", lang), 1.0), flow.Col(translate("Pr. måned, kr.", lang), 0.0, "right"),
            flow.Col(translate("I dag pr. måned, kr.", lang), 0.0, "right"),
            flow.Col(translate("Ændring pr. måned, kr.", lang), 0.0, "right"),
            flow.Col(translate("Ændring %", lang), 0.0, "right")]
    if r.figures.tenants:
        story.append(flow.table(cols, _tenant_rows(r, fmt, limit), keep=100))
    else:
        story.append(flow.para(translate("Scenariet har ingen lejere.", lang)))
    if chart_height:
        chart = charts.annual_cost_by_tenant
        if any(t.current_annual_rent is not None for t in r.figures.tenants):
            chart = charts.cost_vs_current_rent
        story.append(flow.space(4))
        story.append(flow.Chart(_draw(chart, r.figures, lang), flow.CONTENT_W, chart_height))
    notes = r.scenario.notes.strip()
    if notes:
        story.append(flow.Heading(translate("Noter og beslutninger", lang), 1, toc=False))
        story.append(flow.para(notes))
    return story


def render_handout(r: ReportInput, path: Path) -> int:
    """Write the one-page handout of `r` to `path`; the page count (1 unless the notes alone fill more)."""
    from planners.exports.report import flow

    running = running_text(r)
    meta = {"title": flow.clean(f"{r.plan.title} — {r.scenario.name}"), "creator": f"sundhedshus {__version__}",
            "author": flow.clean(r.plan.applicant.name or "")}
    built = None
    # the fullest version that holds on one page: fewer tenant rows, a smaller chart, then no chart
    for limit, height in ((14, 3.1), (10, 2.6), (8, 2.2), (6, 2.0), (6, None), (3, None)):
        built = flow.build(build_handout(r, limit, height * 72 if height else None), running, **meta)
        if built.pages == 1:
            break
    assert built is not None
    Path(path).write_bytes(built.data)
    return built.pages


def write_handout(plan: Plan, target: Path, scenario: str | None = None, lang: str = "da") -> None:
    """The one-page handout of a scenario (default: the one applied for) at `target`, written atomically."""
    from planners.store.safewrite import atomic_target

    with collector_paused():
        r = report_input(plan, scenario, lang)
        with atomic_target(Path(target)) as tmp:
            render_handout(r, tmp)


__all__ = ["build_handout", "render_handout", "write_handout"]
