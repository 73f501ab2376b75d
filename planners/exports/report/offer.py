"""A per-tenant offer letter (lejetilbud, issue 15.7): what one tenant is offered in the house — its area and
its shares of the common parts, the rent a year and a month, what the rent includes, and the terms and
assumptions it rests on — as a PDF the owner can send before the lease is negotiated.

Typeset with `flow` like the report; every amount is the engine's (`TenantFigures`, and the yearly series where
the scenario has a time line or a market rent), and a month's amounts are the core's
(`planners.figures.monthly`); the only arithmetic is for display: the shared area as allocated − dedicated (as the area chart shows it) and the tenant's part of the
house's gross area as a percentage.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from planners import __version__
from planners.exports.report.document import (
    ReportInput,
    _equipment_name,
    _Fmt,
    _room_name,
    _shared_text,
    _years,
    report_input,
    running_text,
)
from planners.figures.monthly import charged_month, component_months
from planners.model import Plan
from planners.model.errors import PlanError
from planners.model.i18n import N_, translate
from planners.model.money import format_date

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from planners.model import Tenant
    from planners.model.results import TenantFigures

def find_tenant(r: ReportInput, tenant: str) -> tuple[Tenant, TenantFigures]:
    """The scenario's tenant by id (or by its exact name) with its figures; `PlanError` when there is none."""
    chosen = r.scenario.tenant(tenant) or next((t for t in r.scenario.tenants if t.name == tenant), None)
    figures = next((t for t in r.figures.tenants if chosen is not None and t.tenant_id == chosen.id), None)
    if chosen is None or figures is None:
        names = ", ".join(f"{t.id} ({t.name})" for t in r.scenario.tenants) or "ingen"
        raise PlanError(f"Scenariet «{r.scenario.name}» har ingen lejer «{tenant}». Lejere: {names}",
                        f"The scenario “{r.scenario.name}” has no tenant “{tenant}”.")
    return chosen, figures


def build_offer(r: ReportInput, tenant_id: str) -> list[Flowable]:
    from planners.exports.report import flow

    lang, fmt, plan, sc, f = r.lang, _Fmt(r.lang), r.plan, r.scenario, r.figures
    tenant, tf = find_tenant(r, tenant_id)
    owner = plan.applicant.name or translate("udlejer", lang)
    story: list[Flowable] = [
        flow.para(translate("Lejetilbud", lang), 20, bold=True, colour="#004488", space_after=4),
        flow.para(translate("Til {tenant}", lang, tenant=tenant.name), 12, bold=True, space_after=2),
        flow.para(translate("Fra {owner} · {date}", lang, owner=owner, date=format_date(r.today, lang)),
                  flow.BODY, colour="#444444", space_after=8),
    ]
    house = ", ".join(x for x in (plan.title, plan.address) if x)
    story.append(flow.para(translate(
        "{owner} tilbyder {tenant} at leje lokaler i {house} på de vilkår, der står nedenfor. Tilbuddet bygger på "
        "planens scenarie «{scenario}» og er vejledende, indtil en lejekontrakt er underskrevet.",
        lang, owner=owner, tenant=tenant.name, house=house, scenario=sc.name)))

    story.append(flow.Heading(translate("Areal", lang), 1, toc=False))
    share = tf.allocated_gross_m2 / f.gross_m2 if f.gross_m2 else None
    story.append(flow.table([flow.Col("", 1.0), flow.Col("", 0.0, "right")], [
        [translate("Egne lokaler (netto)", lang), fmt.m2(tf.dedicated_net_m2)],
        [translate("Andel af fællesarealer (netto)", lang), fmt.m2(tf.allocated_net_m2 - tf.dedicated_net_m2)],
        [translate("Areal i alt (netto)", lang), fmt.m2(tf.allocated_net_m2)],
        [translate("Lejeareal (brutto, faktor {factor})", lang, factor=fmt.number(f.gross_factor, 2)),
         fmt.m2(tf.allocated_gross_m2)],
        [translate("Andel af husets bruttoareal", lang), fmt.pct(share)],
    ], header=False, size=flow.BODY))

    story.append(flow.Heading(translate("Husleje", lang), 1, toc=False))
    month = component_months(tf)
    rows = [
        [translate("Lokaler (omkostningsbestemt husleje)", lang), fmt.amount(tf.space_rent), fmt.amount(month.space)],
        [translate("Andel af udstyr", lang), fmt.amount(tf.equipment_share), fmt.amount(month.equipment)],
        [translate("Andel af fælles ydelser", lang), fmt.amount(tf.services_share), fmt.amount(month.services)],
    ]
    totals = [[translate("Husleje i alt", lang), fmt.amount(tf.total), fmt.amount(month.total)]]
    story.append(flow.table([flow.Col(translate("Post", lang), 1.0),
                             flow.Col(translate("Pr. år, kr.", lang), 0.0, "right"),
                             flow.Col(translate("Pr. måned, kr.", lang), 0.0, "right")], rows, totals,
                            size=flow.BODY))
    lines = [translate("Husleje i alt pr. m² brutto, med udstyr og ydelser: {rate} om året.", lang,
                       rate=fmt.kr(tf.per_gross_m2))]
    if tf.current_annual_rent is not None:
        lines.append(translate("I dag betaler lejeren {current} om året; ændringen er {change} ({pct}).", lang,
                               current=fmt.kr(tf.current_annual_rent), change=fmt.signed_kr(tf.change),
                               pct=fmt.signed_pct(tf.change_pct)))
    years = _years(r)
    if years is not None and years.years:
        k = next(i for i, t in enumerate(sc.tenants) if t.id == tenant.id)
        first = next((y for y in years.years if y.tenants[k].present), None)
        if first is not None:
            ty = first.tenants[k]
            text = translate("I det første år i huset ({year}) opkræves {charged} ({monthly} om måneden).", lang,
                             year=first.year, charged=fmt.kr(ty.charged), monthly=fmt.kr(charged_month(ty)))
            if ty.market_rent is not None:
                text += " " + translate("Markedslejen for lokalerne er {market} om året.", lang,
                                        market=fmt.kr(ty.market_rent))
            lines.append(text)
    story.append(flow.para(" ".join(lines)))

    story.append(flow.Heading(translate("Det er med i huslejen", lang), 1, toc=False))
    included: list[list[str]] = []
    for room in sc.rooms:
        if room.tenant == tenant.id:
            included.append([translate("Eget lokale", lang), _room_name(plan, room, lang),
                             f"{room.count} × {fmt.m2(room.net_m2)}"])
    for room in sc.rooms:
        if room.shared is not None and not room.vacant:
            included.append([translate("Fælles lokale", lang), _room_name(plan, room, lang),
                             _shared_text(room.shared, lang)])
    for e in sc.equipment:
        if e.tenant == tenant.id or e.shared is not None:
            where = translate("Eget udstyr", lang) if e.tenant == tenant.id else translate("Fælles udstyr", lang)
            how = f"{e.quantity} ×" if e.tenant == tenant.id else _shared_text(e.shared, lang) if e.shared else ""
            included.append([where, _equipment_name(plan, e.item, e.name, lang), how])
    for s in sc.running.services:
        included.append([translate("Fælles ydelse", lang), s.name, _shared_text(s.shared, lang)])
    if included:
        story.append(flow.table([flow.Col(translate("Hvad", lang), 0.0), flow.Col(translate("Navn", lang), 1.0),
                                 flow.Col(translate("Omfang / fordeling", lang), 0.6)], included))
    else:
        story.append(flow.para(translate("Planen giver ikke lejeren egne eller fælles lokaler.", lang)))

    story.append(flow.Heading(translate("Vilkår og forudsætninger", lang), 1, toc=False))
    terms = [
        translate("Huslejen er omkostningsbestemt: husets kapitaludgifter (lånenes ydelser) og driftsudgifter "
                  "fordelt efter lejeareal, med udstyr og fælles ydelser fordelt efter hver linjes "
                  "fordelingsnøgle.", lang),
        translate("Tilskud fra puljen på {grant} er regnet med; uden tilskud ville huslejen være {without} pr. m² "
                  "brutto om året.", lang, grant=fmt.kr(f.grant), without=fmt.kr(f.rent_per_gross_m2_without_grant)),
        translate(N_("Beløbene er inkl. moms.") if plan.amounts_include_vat else N_("Beløbene er ekskl. moms."), lang),
    ]
    tl = sc.timeline
    if tl.rent_index_pct or tl.running_index_pct:
        terms.append(translate("Huslejen reguleres årligt: markedsleje med {rent}, driftsudgifter med {running}.",
                               lang, rent=fmt.pct(tl.rent_index_pct / 100), running=fmt.pct(tl.running_index_pct / 100)))
    terms.append(translate("Tallene er planens pr. {date} (sundhedshus {version}); de endelige vilkår aftales i "
                           "lejekontrakten.", lang, date=format_date(r.today, lang), version=__version__))
    for term in terms:
        story.append(flow.para("• " + term, space_after=3))

    story.append(flow.space(24))
    sign = [[translate("For udlejer", lang), translate("For lejer", lang)],
            ["", ""], ["_" * 28, "_" * 28], [owner, tenant.name]]
    story.append(flow.table([flow.Col("", 1.0), flow.Col("", 1.0)], sign, header=False, size=flow.BODY))
    return story


def render_offer(r: ReportInput, tenant_id: str, path: Path) -> int:
    from planners.exports.report import flow

    tenant, _figures = find_tenant(r, tenant_id)
    running = running_text(r)
    running.right = translate("Lejetilbud til {tenant}", r.lang, tenant=tenant.name)
    built = flow.build(build_offer(r, tenant_id), running,
                       title=flow.clean(translate("Lejetilbud til {tenant}", r.lang, tenant=tenant.name)),
                       author=flow.clean(r.plan.applicant.name or ""), creator=f"sundhedshus {__version__}")
    Path(path).write_bytes(built.data)
    return built.pages


def write_offer(plan: Plan, tenant: str, target: Path, scenario: str | None = None, lang: str = "da") -> None:
    """The offer letter to `tenant` (its id, or its exact name) in a scenario (default: the one applied for) at
    `target`, written atomically. Raises `PlanError` for an unknown scenario or tenant (nothing written)."""
    from planners.store.safewrite import atomic_target

    r = report_input(plan, scenario, lang)
    find_tenant(r, tenant)  # an unknown tenant stops here, before the target is touched
    with atomic_target(Path(target)) as tmp:
        render_offer(r, tenant, tmp)


__all__ = ["build_offer", "find_tenant", "render_offer", "write_offer"]
