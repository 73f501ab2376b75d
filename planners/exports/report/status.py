"""Who applies and how far the application has come (issues 16.3 and 16.6), for the report.

`cover_rows` answers the case officer's "by whom" on the cover: the applicant's CVR and EAN numbers, the legally
responsible signatory, the project leader and the political approval, each only when given. `application_status`
adds the section "Ansøgningens status" once the application is begun (`planners.checks.findings.application_begun`):
the timetable's milestones, each tenant's commitment, the sub-projects with their cost and grant and priority, and
the grant applied for per cost line. The plan's own fields as typed; the only arithmetic is display sums of the
engine's line amounts and of the typed grants (as the annex's sheet "Ansøgning" sums its cells).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from planners.exports import palette
from planners.model import Approval, CommitmentStatus, Person, Plan
from planners.model.glossary import APPROVAL_NAMES, COMMITMENT_NAMES
from planners.model.i18n import N_, translate
from planners.model.money import format_date

if TYPE_CHECKING:
    from reportlab.platypus import Flowable

    from planners.exports.report.document import ReportInput, _Fmt



def _person(p: Person) -> str:
    return ", ".join(x.strip() for x in (p.name, p.title, p.email) if x.strip())


def approval_text(approval: Approval, lang: str) -> str:
    """"Godkendt (5. marts 2026)": the status and, when given, the date of the decision or of its meeting."""
    text = translate(APPROVAL_NAMES[approval.status], lang)
    return f"{text} ({format_date(approval.date, lang)})" if approval.date is not None else text


def cover_rows(plan: Plan, lang: str) -> list[tuple[str, str]]:
    """(label, value) of the cover's "by whom" rows that the plan gives, in the order a case officer reads them."""
    rows = [
        (N_("CVR-nummer"), plan.cvr.strip()),
        (N_("EAN-nummer"), plan.ean.strip()),
        (N_("Tegningsberettiget"), _person(plan.signatory)),
        (N_("Projektleder"), _person(plan.project_leader)),
        (N_("Politisk godkendelse"), approval_text(plan.approval, lang) if plan.approval != Approval() else ""),
    ]
    return [(translate(label, lang), value) for label, value in rows if value]


def _date(day: object, lang: str) -> str:
    from datetime import date

    return format_date(day, lang) if isinstance(day, date) else "–"


def application_status(story: list[Flowable], r: ReportInput, fmt: _Fmt) -> None:
    """The section "Ansøgningens status", when the application is begun; nothing before."""
    from planners.checks.findings import application_begun
    from planners.exports.report import flow

    plan, sc, lang, f = r.plan, r.scenario, r.lang, r.figures
    if not application_begun(plan, sc):
        return
    story += flow.heading(translate("Ansøgningens status", lang))  # who applies is on the cover

    story += flow.heading(translate("Tidsplan", lang), 1)
    if plan.milestones:
        cols = [flow.Col(translate("Milepæl", lang), 1.0), flow.Col(translate("Dato", lang), 0.0),
                flow.Col(translate("Note", lang), 1.0)]
        story.append(flow.table(cols, [[m.name, _date(m.date, lang), m.note] for m in plan.milestones]))
    else:
        story.append(flow.para(translate("Ingen milepæle er angivet.", lang)))

    story += flow.heading(translate("Lejernes tilsagn", lang), 1)
    if sc.tenants:
        rows = []
        for tenant in sc.tenants:
            commitment = sc.commitments.get(tenant.id)
            status = commitment.status if commitment is not None else CommitmentStatus.NONE
            day = commitment.date if commitment is not None else None
            rows.append([tenant.name, translate(COMMITMENT_NAMES[status], lang), _date(day, lang)])
        cols = [flow.Col(translate("Lejer", lang), 1.0), flow.Col(translate("Tilsagn", lang), 0.0),
                flow.Col(translate("Dato", lang), 0.0)]
        story.append(flow.table(cols, rows))
    else:
        story.append(flow.para(translate("Scenariet har ingen lejere.", lang)))

    amounts = {line.index: line.amount for line in f.cost_lines}
    if plan.subprojects:
        story += flow.heading(translate("Delprojekter", lang), 1)
        rows = []
        for sp in sorted(plan.subprojects, key=lambda p: p.priority):  # kept longest first
            lines = [i for i, line in enumerate(sc.costs) if line.subproject == sp.name]
            cost = sum((amounts.get(i, Decimal(0)) for i in lines), Decimal(0))
            grants = [sc.costs[i].grant for i in lines if sc.costs[i].grant is not None]
            grant = sum((g for g in grants if g is not None), Decimal(0)) if grants else None
            rows.append([str(sp.priority), sp.name, fmt.amount(cost), fmt.amount(grant)])
        cols = [flow.Col(translate("Prioritet", lang), 0.0, "right"), flow.Col(translate("Delprojekt", lang), 1.0),
                flow.Col(translate("Anlægsudgift, kr.", lang), 0.0, "right"),
                flow.Col(translate("Tilskud, kr.", lang), 0.0, "right")]
        story.append(flow.table(cols, rows))
        story.append(flow.note(translate(
            "Ved et mindre tilskud udgår delprojektet med det højeste prioritetsnummer først.", lang)))

    granted = [(i, line) for i, line in enumerate(sc.costs) if line.grant is not None]
    if granted:
        story += flow.heading(translate("Tilskud pr. post", lang), 1)
        rows = [[line.text or palette.name(palette.CATEGORY_NAMES, line.category, lang), line.subproject or "",
                 fmt.amount(amounts.get(i)), fmt.amount(line.grant)] for i, line in granted]
        total = sum((line.grant for _i, line in granted if line.grant is not None), Decimal(0))
        cols = [flow.Col(translate("Post", lang), 1.0), flow.Col(translate("Delprojekt", lang), 0.6),
                flow.Col(translate("Anlægsudgift, kr.", lang), 0.0, "right"),
                flow.Col(translate("Tilskud, kr.", lang), 0.0, "right")]
        story.append(flow.table(cols, rows, [[translate("I alt", lang), "", "", fmt.amount(total)]]))
        story.append(flow.note(translate("Tilskud fra puljen i finansieringen: {grant}.", lang,
                                         grant=fmt.kr(f.grant))))


__all__ = ["APPROVAL_NAMES", "COMMITMENT_NAMES", "application_status", "approval_text", "cover_rows"]
