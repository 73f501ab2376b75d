"""The findings before submission (issue 16.6; docs/findings.md): what a case officer will ask for that the plan
does not give yet — the applicant's numbers, the signatory, the project leader, the political approval, the
tenants' commitments, the sources of rates, the grant split on the budget's lines, sub-projects.

Warnings, never errors: a plan is worked on long before it is sent, and none of this changes a figure. Checked
only with a scenario (an application is for one) and once the application is begun: `findings.run_checks` asks
`findings.application_begun` and imports this module only then, so a plan being sketched never loads it (issue
19). Their order among the other findings is `run_checks`' (the same collector, sorted at the end).
"""

from __future__ import annotations

from decimal import Decimal

from planners.checks import _cost_name, _join, _q, _said
from planners.model import (
    ZERO,
    ApprovalStatus,
    CommitmentStatus,
    FinancingSource,
    Level,
    Plan,
    Ref,
    RunningRate,
    Scenario,
)
from planners.model.i18n import N_, translate
from planners.model.money import format_kr, format_number
from planners.model.names import name_of  # by the table's name: Danish without the catalog (issue 19)

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (issue 19)
if TYPE_CHECKING:
    from planners.checks.findings import _Collector


def check_submission(plan: Plan, scenario: Scenario, out: _Collector) -> None:
    """The findings before submission of `scenario`, into `out`; for a plan whose application is begun (the caller
    asks `findings.application_begun` first)."""
    missing = [word for word, value in ((N_("CVR-nummer"), plan.cvr), (N_("EAN-nummer"), plan.ean))
               if not value.strip()]  # fmt: skip
    if missing:
        out.add(Level.WARNING, "submission_applicant_numbers",
                _said("Før ansøgningen sendes: ansøgerens {missing} mangler.",
                      missing=lambda lang: _join((translate(w, lang) for w in missing), lang)),
                Ref("plan", field="cvr" if not plan.cvr.strip() else "ean"))  # fmt: skip
    if not plan.signatory.name.strip():
        out.add(Level.WARNING, "submission_signatory_missing",
                _said("Før ansøgningen sendes: den tegningsberettigede, som skriver under på ansøgningen, mangler."),
                Ref("plan", field="signatory"))  # fmt: skip
    if not plan.project_leader.name.strip():
        out.add(Level.WARNING, "submission_project_leader_missing",
                _said("Før ansøgningen sendes: projektlederen mangler."), Ref("plan", field="project_leader"))
    status = plan.approval.status
    if status is not ApprovalStatus.APPROVED:
        text = (_said("Projektet er ikke politisk godkendt, og godkendelsen er ikke sat i gang.")
                if status is ApprovalStatus.NONE else
                _said("Den politiske godkendelse er i gang, men ikke givet endnu."))  # fmt: skip
        out.add(Level.WARNING, "submission_approval_missing", text, Ref("plan", field="approval"))
    sname = scenario.name
    for i, tenant in enumerate(scenario.tenants):
        commitment = scenario.commitments.get(tenant.id)
        if commitment is None or commitment.status is CommitmentStatus.NONE:
            out.add(Level.WARNING, "submission_commitment_missing",
                    _said("Før ansøgningen sendes: {name} har hverken givet en hensigtserklæring eller skrevet under "
                          "på en lejekontrakt.", name=_q(tenant.name)),
                    Ref("tenant", sname, i, "commitments"))  # fmt: skip
    for i, line in enumerate(scenario.costs):
        if line.per_m2 is not None and not line.source.strip():
            out.add(Level.WARNING, "submission_rate_without_source",
                    _said("Posten {name} regnes med en sats på {rate} pr. m², men satsen har ingen kilde.",
                          name=lambda lang, line=line: _q(_cost_name(line, lang)),
                          rate=lambda lang, line=line: format_kr(line.per_m2 or ZERO, lang)),
                    Ref("cost", sname, i, "source"))  # fmt: skip
    unsourced = [rate for rate in RunningRate
                 if scenario.running.per_gross_m2.get(rate, ZERO) > 0
                 and not scenario.running.sources.get(rate, "").strip()]  # fmt: skip
    if unsourced:
        out.add(Level.WARNING, "submission_rate_without_source",
                _said("Driftssatser uden kilde: {rates}.",
                      rates=lambda lang: _join((name_of("RUNNING_RATE_NAMES", r, lang) for r in unsourced), lang)),
                Ref("running", sname, field="source"))  # fmt: skip
    # The plan's catalog rates actually used: a scenario rate above 0 that is still the plan's default rate took
    # its number from the catalog, so the catalog's row (shown in the annex and the report) must say where it is
    # from, whatever the scenario's own source says.
    catalogs = plan.catalogs
    from_catalog = [rate for rate in RunningRate
                    if scenario.running.per_gross_m2.get(rate, ZERO) > 0
                    and catalogs.running_rates.get(rate) == scenario.running.per_gross_m2.get(rate)
                    and not catalogs.running_rate_sources.get(rate, "").strip()]  # fmt: skip
    if from_catalog:
        out.add(Level.WARNING, "submission_rate_without_source",
                _said("Planens standardsatser for drift uden kilde, som scenariet bruger: {rates}.",
                      rates=lambda lang: _join((name_of("RUNNING_RATE_NAMES", r, lang) for r in from_catalog), lang)),
                Ref("plan", field="catalogs"))  # fmt: skip
    _check_grant_lines(scenario, out)
    known = {sp.name for sp in plan.subprojects}
    for i, line in enumerate(scenario.costs):
        if line.subproject is not None and line.subproject not in known:
            out.add(Level.WARNING, "subproject_unknown",
                    _said("Posten {name} hører til delprojektet {subproject}, som planen ikke har.",
                          name=lambda lang, line=line: _q(_cost_name(line, lang)), subproject=_q(line.subproject)),
                    Ref("cost", sname, i, "subproject"))  # fmt: skip


def _check_grant_lines(scenario: Scenario, out: _Collector) -> None:
    """The grant applied for, split on the budget's lines, sums to the grant of the financing (exactly: both are
    amounts the user typed)."""
    grant = sum((f.amount for f in scenario.financing if f.source is FinancingSource.GRANT), ZERO)
    given = [line.grant for line in scenario.costs if line.grant is not None]
    if not given:
        if grant > 0:
            out.add(Level.WARNING, "submission_grant_by_line_missing",
                    _said("Før ansøgningen sendes: tilskuddet på {grant} er ikke fordelt på budgettets poster.",
                          grant=lambda lang: format_kr(grant, lang)),
                    Ref("scenario", scenario.name, field="grant"))  # fmt: skip
        return
    by_line = sum(given, ZERO)
    if by_line != grant:
        text = (N_("Tilskuddet fordelt på budgettets poster ({by_line}) er {difference} mindre end tilskuddet i "
                   "finansieringen ({grant}).") if by_line < grant else
                N_("Tilskuddet fordelt på budgettets poster ({by_line}) er {difference} større end tilskuddet i "
                   "finansieringen ({grant})."))  # fmt: skip
        out.add(Level.WARNING, "submission_grant_by_line_unbalanced",
                _said(text, by_line=lambda lang: _exact_kr(by_line, lang), grant=lambda lang: _exact_kr(grant, lang),
                      difference=lambda lang: _exact_kr(abs(by_line - grant), lang)),
                Ref("scenario", scenario.name, field="grant"))  # fmt: skip


def _exact_kr(x: Decimal, lang: str) -> str:
    """An amount the user typed, with its øre where it has any (a difference of 0,50 kr. must not read 1 kr.)."""
    if x == x.to_integral_value():
        return format_kr(x, lang)
    n = format_number(x, 2, lang)
    return f"DKK {n}" if lang == "en" else f"{n} kr."
