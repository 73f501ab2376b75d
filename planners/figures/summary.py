"""The key figures of one scenario as the command line shows them (DESIGN §6).

`summary_dict` is the stable JSON object of `sundhedshus summary --json` (amounts unrounded);
`summary_text` is the readable Danish table (whole kroner, through `planners.model.money`).
Both only read figures the engine computed: nothing is calculated here.
"""

from __future__ import annotations

from planners.model import Finding, Level, Plan, Scenario
from planners.model.names import name_of  # by the table's name: Danish without the catalog (issue 19)
from planners.model.results import ScenarioFigures

SCALAR_KEYS = (
    "net_m2",
    "gross_m2",
    "establishment_total",
    "eligible_total",
    "grant",
    "financing_total",
    "annual_cost_total",
    "rent_per_gross_m2",
    "rent_per_gross_m2_without_grant",
    "vacancy_cost",
    "grant_share",
)


def compute_with_findings(plan: Plan, scenario: Scenario) -> tuple[ScenarioFigures, list[Finding]]:
    from planners.checks.findings import run_checks
    from planners.figures.engine import compute

    figures = compute(plan, scenario)
    return figures, run_checks(plan, scenario, figures)


def summary_dict(plan: Plan, scenario: Scenario) -> dict[str, object]:
    figures, findings = compute_with_findings(plan, scenario)
    result: dict[str, object] = {"title": plan.title, "scenario": scenario.name}
    for key in SCALAR_KEYS:
        result[key] = getattr(figures, key)
    result["non_eligible_total"] = figures.non_eligible_total
    result["capital_cost"] = figures.capital_cost
    result["running_cost"] = figures.running_cost
    result["equipment_annual_total"] = figures.equipment_annual_total
    result["services_total"] = figures.services_total
    result["tenants"] = [
        {
            "id": t.tenant_id,
            "name": t.name,
            "allocated_net_m2": t.allocated_net_m2,
            "allocated_gross_m2": t.allocated_gross_m2,
            "space_rent": t.space_rent,
            "equipment_share": t.equipment_share,
            "services_share": t.services_share,
            "total": t.total,
            "per_month": t.per_month,
            "per_gross_m2": t.per_gross_m2,
            "per_clinician": t.per_clinician,
            "current_annual_rent": t.current_annual_rent,
            "change": t.change,
            "change_pct": t.change_pct,
        }
        for t in figures.tenants
    ]
    result["years"] = {str(year): amount for year, amount in sorted(figures.by_year.items())}
    result["findings"] = [{"level": f.level.value, "code": f.code, "message": f.message_da} for f in findings]
    result["rent_years"] = _rent_years(plan, scenario, figures)
    return result


def _rent_years(plan: Plan, scenario: Scenario, figures: ScenarioFigures) -> dict[str, object]:
    """The rent over the years (issue 17; docs/years.md), computed by `planners.figures.years` (the engine's
    own, where the plan's rent terms made it compute them)."""
    from planners.figures.years import compute_years, years_dict

    return years_dict(figures.rent_years if figures.rent_years is not None else compute_years(plan, scenario))


def summary_text(plan: Plan, scenario: Scenario) -> str:
    from planners.model.money import format_kr, format_m2, format_number, format_pct

    figures, findings = compute_with_findings(plan, scenario)
    lines: list[str] = [f"{plan.title} — scenarie «{scenario.name}»", ""]

    def row(label: str, value: str) -> None:
        lines.append(f"  {label:<38} {value:>22}")

    lines.append("Areal")
    row("Nettoareal", format_m2(figures.net_m2))
    row(f"Bruttoareal (faktor {str(figures.gross_factor).replace('.', ',')})", format_m2(figures.gross_m2))
    row("Heraf ledigt (brutto)", format_m2(figures.vacant_gross_m2))
    lines += ["", "Anlæg og finansiering"]
    row("Anlægsudgifter i alt", format_kr(figures.establishment_total))
    row("Heraf tilskudsberettiget", format_kr(figures.eligible_total))
    row("Finansiering i alt", format_kr(figures.financing_total))
    row("Tilskud fra puljen", format_kr(figures.grant))
    row("Tilskudsandel af berettigede udgifter", format_pct(figures.grant_share))
    lines += ["", "Udgifter pr. år"]
    for year, amount in sorted(figures.by_year.items()):
        row(str(year), format_kr(amount))
    lines += ["", "Drift og husleje pr. år"]
    row("Kapitaludgift", format_kr(figures.capital_cost))
    row("Driftsudgifter (bygning)", format_kr(figures.running_cost))
    row("Udstyr", format_kr(figures.equipment_annual_total))
    row("Fælles ydelser", format_kr(figures.services_total))
    row("Årlige udgifter i alt", format_kr(figures.annual_cost_total))
    row("Husleje pr. m² brutto", format_kr(figures.rent_per_gross_m2))
    row("Husleje pr. m² uden tilskud", format_kr(figures.rent_per_gross_m2_without_grant))
    row("Tomgang (ejerens udgift)", format_kr(figures.vacancy_cost))

    if figures.tenants:
        lines += ["", "Lejere (pr. år)"]
        header = f"  {'Lejer':<28} {'m² brutto':>11} {'Husleje':>14} {'Udstyr':>12} {'Ydelser':>12} {'I alt':>14} {'Ændring':>14}"
        lines.append(header)
        for t in figures.tenants:
            change = "" if t.change is None else format_kr(t.change)
            lines.append(
                f"  {t.name[:28]:<28} {format_number(t.allocated_gross_m2, 1):>11} {format_kr(t.space_rent):>14}"
                f" {format_kr(t.equipment_share):>12} {format_kr(t.services_share):>12} {format_kr(t.total):>14}"
                f" {change:>14}"
            )
    from planners.model.timeline import rent_terms_in_use

    if rent_terms_in_use(plan, scenario):
        lines += _rent_years_text(plan, scenario, figures)
    lines += ["", f"Fund ({_count(findings)})"]
    for f in findings:
        lines.append(f"  {name_of('LEVEL_NAMES', f.level):<9} {f.code}: {f.message_da}")
    if not findings:
        lines.append("  Ingen fund.")
    return "\n".join(lines) + "\n"


def _rent_years_text(plan: Plan, scenario: Scenario, figures: ScenarioFigures) -> list[str]:
    """A short table of the owner's yearly figures, only where the plan has rent terms (whole kroner): the
    engine computed them already (it does wherever rent terms are in use)."""
    from planners.figures.years import compute_years
    from planners.model.money import decimals_shown, format_kr, format_number

    y = figures.rent_years if figures.rent_years is not None else compute_years(plan, scenario)
    lines = ["", f"Husleje over tid ({y.first_year}–{y.last_year})",
             f"  {'År':<6} {'Udgifter':>14} {'Lejeindtægt':>14} {'Tomgang':>12} {'Over-/underskud':>16} {'Kassebeholdning':>16}"]
    for r in y.years:
        lines.append(f"  {r.year:<6} {format_kr(r.total_cost):>14} {format_kr(r.income):>14} {format_kr(r.vacancy_cost):>12}"
                     f" {format_kr(r.surplus):>16} {format_kr(r.cash_balance):>16}")
    if y.present_value is not None:
        rate = y.present_value.discount_pct
        lines.append(f"  Nutidsværdi af over-/underskud ({format_number(rate, decimals_shown(rate))} % om året): "
                     f"{format_kr(y.present_value.surplus)}")
    return lines


def _count(findings: list[Finding]) -> str:
    from collections import Counter

    counts = Counter(f.level for f in findings)
    words = {Level.ERROR: ("fejl", "fejl"), Level.WARNING: ("advarsel", "advarsler"), Level.NOTE: ("note", "noter")}
    return ", ".join(f"{counts[k]} {one if counts[k] == 1 else many}" for k, (one, many) in words.items())

