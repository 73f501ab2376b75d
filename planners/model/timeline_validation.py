"""The validity rules of rent terms over the years (issue 17; DESIGN §3 "invalid": refused, never stored).

Values of the wrong range are invalid; references that no longer fit the scenario (a tenant deleted, a line
moved) are inconsistent and left to the checks (`timeline_invalid`), as for the lines themselves.
"""

from __future__ import annotations

from decimal import Decimal

from planners.model.errors import Problem
from planners.model.i18n import N_
from planners.model.timeline import MarketRentDefault, TimeLine

_MINUS_100 = Decimal(-100)
_YEARS = (1900, 2200)  # a year outside this is a typing mistake, not a plan


def _add(out: list[Problem], path: str, msgid: str, /, **values: object) -> None:
    # The msgid is marked with N_ at the call: a path built with an f-string inside Problem(...) would make
    # the extraction skip the call.
    out.append(Problem(path, msgid, **values))


def _year(value: int | None, path: str, out: list[Problem]) -> None:
    if value is not None and not _YEARS[0] <= value <= _YEARS[1]:
        _add(out, path, N_("skal være et årstal mellem {first} og {last}"), first=_YEARS[0], last=_YEARS[1])


def _not_negative(value: Decimal | None, path: str, out: list[Problem]) -> None:
    if value is not None and value < 0:
        _add(out, path, N_("må ikke være negativ"))


def _rate(value: Decimal | None, path: str, out: list[Problem]) -> None:
    if value is not None and value <= _MINUS_100:
        _add(out, path, N_("skal være større end −100 %"))


def validate_market_rent_default(value: MarketRentDefault, path: str) -> list[Problem]:
    out: list[Problem] = []
    _not_negative(value.per_m2, f"{path}.per_m2", out)
    return out


def validate_timeline(tl: TimeLine, path: str) -> list[Problem]:
    """Every invalid value of `tl`, with its path (`path` is the time line's own, e.g. "scenarios[0].timeline")."""
    out: list[Problem] = []
    _year(tl.first_year, f"{path}.first_year", out)
    if tl.years is not None and not 1 <= tl.years <= 100:
        _add(out, f"{path}.years", N_("skal være mellem 1 og 100 år"))
    _rate(tl.rent_index_pct, f"{path}.rent_index_pct", out)
    _rate(tl.running_index_pct, f"{path}.running_index_pct", out)
    _rate(tl.discount_pct, f"{path}.discount_pct", out)
    if tl.area_tolerance_pct is not None and not 0 <= tl.area_tolerance_pct <= 100:
        _add(out, f"{path}.area_tolerance_pct", N_("skal være mellem 0 og 100 %"))
    seen: set[str] = set()
    for i, t in enumerate(tl.tenants):
        here = f"{path}.tenants[{i}]"
        if not t.tenant:
            _add(out, f"{here}.tenant", N_("mangler"))
        elif t.tenant in seen:
            _add(out, f"{here}.tenant", N_("lejeren «{tenant}» har allerede vilkår"), tenant=t.tenant)
        seen.add(t.tenant)
        _year(t.move_in, f"{here}.move_in", out)
        _year(t.move_out, f"{here}.move_out", out)
        _not_negative(t.market_per_m2, f"{here}.market_per_m2", out)
        _not_negative(t.market_total, f"{here}.market_total", out)
        if t.market_per_m2 is not None and t.market_total is not None:
            _add(out, f"{here}.market_total", N_("angiv markedslejen pr. m² eller som beløb, ikke begge"))
    lines: set[int] = set()
    for i, loan in enumerate(tl.loans):
        here = f"{path}.loans[{i}]"
        if loan.line < 0:
            _add(out, f"{here}.line", N_("må ikke være negativ"))
        elif loan.line in lines:
            _add(out, f"{here}.line", N_("linjen har allerede vilkår"))
        lines.add(loan.line)
        if loan.interest_only_years < 0:
            _add(out, f"{here}.interest_only_years", N_("må ikke være negativ"))
        _year(loan.first_year, f"{here}.first_year", out)
    costs: set[int] = set()
    for i, phase in enumerate(tl.phases):
        here = f"{path}.phases[{i}]"
        if not phase.name.strip():
            _add(out, f"{here}.name", N_("mangler"))
        _year(phase.first_year, f"{here}.first_year", out)
        if any(r < 0 for r in phase.rooms):
            _add(out, f"{here}.rooms", N_("må ikke være negativ"))
        if any(c < 0 for c in phase.costs):
            _add(out, f"{here}.costs", N_("må ikke være negativ"))
        elif any(c in costs for c in phase.costs):
            _add(out, f"{here}.costs", N_("en post hører allerede til en anden etape"))
        costs.update(phase.costs)
    given: set[int] = set()
    for i, fy in enumerate(tl.financing_years):
        here = f"{path}.financing_years[{i}]"
        if fy.line < 0:
            _add(out, f"{here}.line", N_("må ikke være negativ"))
        elif fy.line in given:
            _add(out, f"{here}.line", N_("linjen har allerede et år"))
        given.add(fy.line)
        _year(fy.year, f"{here}.year", out)
    return out
