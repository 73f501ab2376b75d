"""The findings of the rent over the years (issue 17; docs/findings.md): market rent against the rent charged
(sundhedsloven §§ 205 a–b), a grant's effect on it, the VAT choice of a public owner and the time line's own
consistency (tenants' moves, loans' terms, phases).

Only a scenario with rent terms has them (the engine computes its figures over the years then): `findings.run_checks`
imports this module for such a scenario only, so a plan without rent terms never loads it (issue 19). Their order
among the other findings is `run_checks`' (the same collector, sorted at the end).
"""

from __future__ import annotations

from decimal import Decimal

from planners.checks import _applicant_type, _join, _q, _said
from planners.model import ZERO, ApplicantType, FinancingSource, Level, Plan, Ref, Scenario
from planners.model.i18n import N_, translate
from planners.model.money import format_kr
from planners.model.timeline import KOMMUNEKREDIT_MAX_INTEREST_ONLY_YEARS as MAX_IO
from planners.model.timeline import RentBasis, has_market_rent

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (issue 19)
if TYPE_CHECKING:
    from planners.checks.findings import _Collector
    from planners.model.yearly import YearsFigures

_PUBLIC_OWNERS = (ApplicantType.MUNICIPALITY, ApplicantType.REGION)
# Differences below half an øre are the arithmetic's, not the plan's.
_KR_TOLERANCE = Decimal("0.005")
# KommuneKredit: bullet loans at most 10 years (kommunekredit.dk "Løbetider", FACTS.md).
_KOMMUNEKREDIT_MAX_BULLET_YEARS = 10


def _check_tenant_terms(scenario: Scenario, first: int, last: int, out: _Collector) -> None:
    sname = scenario.name
    ids = {t.id: i for i, t in enumerate(scenario.tenants)}
    for terms in scenario.timeline.tenants:
        if terms.tenant not in ids:
            out.add(Level.ERROR, "timeline_invalid", _said("Husleje over tid nævner en lejer, scenariet ikke har ({tenant}).", tenant=_q(terms.tenant)),
                Ref("scenario", sname, field="timeline"))
            continue
        name_ = _q(scenario.tenants[ids[terms.tenant]].name)
        ref = Ref("tenant", sname, ids[terms.tenant], "timeline")
        if terms.move_in is not None and terms.move_out is not None and terms.move_out < terms.move_in:
            out.add(Level.ERROR, "timeline_invalid", _said("{name} flytter ud ({move_out}) før den flytter ind ({move_in}).", name=name_, move_out=terms.move_out, move_in=terms.move_in), ref)
        for year in (terms.move_in, terms.move_out):
            if year is not None and not first <= year <= last:
                out.add(Level.WARNING, "timeline_year_outside", _said("{name}: året {year} ligger uden for husets driftsår {first}–{last}.", name=name_, year=year, first=first, last=last), ref)


def _check_loan_terms(scenario: Scenario, out: _Collector) -> None:
    sname = scenario.name
    for terms in scenario.timeline.loans:
        line = scenario.financing[terms.line] if 0 <= terms.line < len(scenario.financing) else None
        if line is None or not line.is_repaid:
            pos = terms.line + 1
            out.add(Level.ERROR, "timeline_invalid", _said("Afdragsformen gælder finansieringslinje {pos}, som ikke er et lån, der betales af huslejen.", pos=pos),
                Ref("scenario", sname, field="timeline"))
            continue
        ref = Ref("financing", sname, terms.line, "timeline")
        years = line.years or 0
        io = terms.interest_only_years
        if io > years or io < 0:
            out.add(Level.ERROR, "timeline_invalid", _said("{io} afdragsfrie år passer ikke til lånets løbetid på {years} år.", io=io, years=years), ref)
        elif io == years and years > _KOMMUNEKREDIT_MAX_BULLET_YEARS:
            out.add(Level.WARNING, "loan_terms_unusual", _said("Et lån uden afdrag i hele løbetiden (stående lån) på {years} år: KommuneKredit giver stående lån på højst {max_years} år.", years=years, max_years=_KOMMUNEKREDIT_MAX_BULLET_YEARS), ref)
        elif io > MAX_IO:
            out.add(Level.WARNING, "loan_terms_unusual", _said("{io} afdragsfrie år: KommuneKredit giver højst {max_years} afdragsfrie år.", io=io, max_years=MAX_IO), ref)


def _check_phases(scenario: Scenario, first: int, last: int, out: _Collector) -> None:
    ref = Ref("scenario", scenario.name, field="timeline")
    for phase in scenario.timeline.phases:
        bad = [i + 1 for i in phase.rooms if not 0 <= i < len(scenario.rooms)]
        if bad:
            out.add(Level.ERROR, "timeline_invalid", _said("Etapen {name} nævner rumlinjer, scenariet ikke har ({bad}).", name=_q(phase.name), bad=lambda lang, bad=bad: _join(map(str, bad), lang)), ref)
        if not first <= phase.first_year <= last:
            out.add(Level.WARNING, "timeline_year_outside", _said("Etapen {name}: året {first_year} ligger uden for husets driftsår {first}–{last}.", name=_q(phase.name), first_year=phase.first_year, first=first, last=last), ref)
        bad_costs = [i + 1 for i in phase.costs if not 0 <= i < len(scenario.costs)]
        if bad_costs:
            out.add(Level.ERROR, "timeline_invalid", _said("Etapen {name} nævner anlægsposter, scenariet ikke har ({bad}).", name=_q(phase.name), bad=lambda lang, bad=bad_costs: _join(map(str, bad), lang)), ref)
    bad_lines = [f.line + 1 for f in scenario.timeline.financing_years if not 0 <= f.line < len(scenario.financing)]
    if bad_lines:
        out.add(Level.ERROR, "timeline_invalid", _said("Finansieringens år nævner finansieringslinjer, scenariet ikke har ({bad}).", bad=lambda lang: _join(map(str, bad_lines), lang)), ref)


def check_market_rent(plan: Plan, scenario: Scenario, years: YearsFigures, out: _Collector) -> None:
    """Market rent against the rent charged (sundhedsloven §§ 205 a–b), a grant's effect on it, the VAT choice of
    a public owner, and the time line's own consistency."""
    _check_tenant_terms(scenario, years.first_year, years.last_year, out)
    _check_loan_terms(scenario, out)
    _check_phases(scenario, years.first_year, years.last_year, out)
    tl = scenario.timeline
    sname = scenario.name
    public = plan.applicant.type in _PUBLIC_OWNERS
    for i, tenant in enumerate(scenario.tenants):
        ref = Ref("tenant", sname, i, "market_rent")
        tname = _q(tenant.name)
        if tl.rent_basis is not RentBasis.COST and not has_market_rent(plan, tl.tenant_terms(tenant.id)):
            out.add(Level.WARNING, "market_rent_missing", _said("Huslejen skal følge markedslejen, men {tname} har ingen markedsleje, og planen har ingen standard: lokalerne er regnet til omkostningsbestemt husleje.", tname=tname), ref)
        below = [(row.year, row.tenants[i]) for row in years.years]
        below = [(y, t) for y, t in below if t.present and t.market_rent is not None
                 and t.market_rent - t.space_charged > _KR_TOLERANCE]
        if public and below:
            year, t = below[0]
            gap = (t.market_rent or ZERO) - t.space_charged
            out.add(Level.WARNING, "rent_below_market", _said("{tname} betaler under markedslejen: {gap} mindre i {year} (i {below} af årene). En {owner}, der udlejer til sundhedspersoner, skal gøre det på markedsvilkår (sundhedsloven §§ 205 a–205 b).", tname=tname, gap=lambda lang, gap=gap: format_kr(gap, lang), year=year, below=len(below), owner=lambda lang: _applicant_type(plan.applicant.type, lang)), ref)
    first = years.years[0] if years.years else None
    grant = sum((f.amount for f in scenario.financing if f.source is FinancingSource.GRANT), ZERO)
    if first is not None and grant > 0:
        lower = [t for t in first.tenants if t.present and t.market_rent is not None
                 and t.market_rent - t.space_cost_rent > _KR_TOLERANCE]
        if lower:
            if tl.rent_basis is RentBasis.MARKET:
                keeps = N_("ejeren (huslejen følger markedslejen, og ejeren beholder overskuddet)")
            else:
                keeps = N_("lejerne (de betaler den lavere omkostningsbestemte husleje)")
            out.add(Level.NOTE, "grant_below_market", _said("Med tilskuddet er den omkostningsbestemte husleje under markedslejen for {lower} lejer(e) i første driftsår; forskellen tilfalder {keeps}.", lower=len(lower), keeps=lambda lang: translate(keeps, lang)), Ref("scenario", sname, field="timeline"))
    if public and scenario.tenants and tl.vat_registered is None:
        out.add(Level.NOTE, "vat_letting_undecided", _said("Udlejning er momsfri (momsloven § 13, stk. 1, nr. 8); en {owner} kan frivilligt registrere sig (§ 51, for mindst to kalenderår). Planen har ikke taget stilling til frivillig momsregistrering.", owner=lambda lang: _applicant_type(plan.applicant.type, lang)),
            Ref("scenario", sname, field="timeline"))
