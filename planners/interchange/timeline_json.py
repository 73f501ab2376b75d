"""The JSON form of rent terms over the years (issue 17): the scenario key `timeline` and the plan key
`market_rent` (docs/plan-format.md). Both are optional; `export-json` writes them only where they differ from
the default (no terms; no default market rent), so a plan without them exports exactly as before.

Read with the plan reader of `plan_json` (its `_Reader` collects problems with their paths); invalid values
are refused by `planners.model.timeline_validation`.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from planners.model.timeline import (
    CostSplit,
    FinancingYear,
    LoanTerms,
    MarketRentDefault,
    Phase,
    RentBasis,
    Repayment,
    TenantTerms,
    TimeLine,
)
from planners.model.timeline_validation import validate_market_rent_default, validate_timeline
from planners.model.value_rules import REPORTED, index_path, join

TIMELINE_KEYS = (
    "first_year", "years", "rent_basis", "rent_index_pct", "rent_index_source", "running_index_pct",
    "running_index_source", "discount_pct", "discount_source", "vat_registered", "area_tolerance_pct",
    "cost_split", "tenants", "loans", "phases", "financing_years",
)  # fmt: skip
TENANT_TERMS_KEYS = ("tenant", "move_in", "move_out", "market_per_m2", "market_total", "market_source")
LOAN_TERMS_KEYS = ("line", "repayment", "interest_only_years", "first_year")
PHASE_KEYS = ("name", "first_year", "rooms", "costs")
FINANCING_YEAR_KEYS = ("line", "year")
MARKET_RENT_KEYS = ("per_m2", "source")


def _ok(value: object) -> bool:
    """A value read without a problem (REPORTED marks one already reported)."""
    if value is REPORTED:
        return False
    if isinstance(value, list):
        return all(_ok(v) for v in value)
    if hasattr(value, "__dataclass_fields__"):
        return all(_ok(getattr(value, f)) for f in value.__dataclass_fields__)
    return True


def _code(reader: Any, codes: type, d: Mapping[str, Any], key: str, path: str, default: Any) -> Any:
    value = reader.code_(codes, d, key, path, default)
    if isinstance(value, str) and not isinstance(value, codes):
        return reader._bad(join(path, key), (f"ukendt kode «{value}»", f"unknown code «{value}»"))
    return value


def read_timeline(reader: Any, s: Mapping[str, Any], path: str) -> TimeLine:
    """The scenario's `timeline` object (absent or null: the default)."""
    if s.get("timeline") is None:
        return TimeLine()
    d = reader.section(s, "timeline", path, TIMELINE_KEYS)
    path = join(path, "timeline")

    def tenant(t: Mapping[str, Any], p: str) -> TenantTerms:
        return TenantTerms(
            tenant=reader.str_(t, "tenant", p, ""), move_in=reader.int_(t, "move_in", p),
            move_out=reader.int_(t, "move_out", p), market_per_m2=reader.num(t, "market_per_m2", p),
            market_total=reader.num(t, "market_total", p), market_source=reader.str_(t, "market_source", p),
        )

    def loan(t: Mapping[str, Any], p: str) -> LoanTerms:
        return LoanTerms(
            line=reader.int_(t, "line", p, 0), repayment=_code(reader, Repayment, t, "repayment", p, Repayment.ANNUITY),
            interest_only_years=reader.int_(t, "interest_only_years", p, 0), first_year=reader.int_(t, "first_year", p),
        )

    def positions(t: Mapping[str, Any], key: str, p: str) -> Any:
        raw = reader.items(t, key, p)
        return REPORTED if raw is None else [reader.integer(v, index_path(join(p, key), i))
                                             for i, v in enumerate(raw)]

    def phase(t: Mapping[str, Any], p: str) -> Phase:
        return Phase(name=reader.str_(t, "name", p, ""), first_year=reader.int_(t, "first_year", p, 0),
                     rooms=positions(t, "rooms", p), costs=positions(t, "costs", p))

    def financing_year(t: Mapping[str, Any], p: str) -> FinancingYear:
        return FinancingYear(line=reader.int_(t, "line", p, 0), year=reader.int_(t, "year", p, 0))

    tl = TimeLine(
        first_year=reader.int_(d, "first_year", path), years=reader.int_(d, "years", path),
        rent_basis=_code(reader, RentBasis, d, "rent_basis", path, RentBasis.COST),
        rent_index_pct=reader.num(d, "rent_index_pct", path, Decimal(0)),
        rent_index_source=reader.str_(d, "rent_index_source", path),
        running_index_pct=reader.num(d, "running_index_pct", path, Decimal(0)),
        running_index_source=reader.str_(d, "running_index_source", path),
        discount_pct=reader.num(d, "discount_pct", path), discount_source=reader.str_(d, "discount_source", path),
        vat_registered=reader.boolean(d.get("vat_registered"), join(path, "vat_registered"), None),
        area_tolerance_pct=reader.num(d, "area_tolerance_pct", path),
        cost_split=_code(reader, CostSplit, d, "cost_split", path, CostSplit.KEYS),
        tenants=reader.lines(d, "tenants", path, TENANT_TERMS_KEYS, tenant),
        loans=reader.lines(d, "loans", path, LOAN_TERMS_KEYS, loan),
        phases=reader.lines(d, "phases", path, PHASE_KEYS, phase),
        financing_years=reader.lines(d, "financing_years", path, FINANCING_YEAR_KEYS, financing_year),
    )
    if not _ok(tl):
        return TimeLine()  # the problems are reported; the plan is refused
    for problem in validate_timeline(tl, path):
        reader.problems.add(problem.path, (problem.message_da, problem.message_en))
    return tl


def read_market_rent(reader: Any, p: Mapping[str, Any], path: str) -> MarketRentDefault | None:
    if p.get("market_rent") is None:
        return None
    d = reader.section(p, "market_rent", path, MARKET_RENT_KEYS)
    path = join(path, "market_rent")
    per_m2 = reader.num(d, "per_m2", path)
    if per_m2 is None:
        reader._bad(join(path, "per_m2"), ("mangler", "missing"))
        return None
    value = MarketRentDefault(per_m2, reader.str_(d, "source", path))
    if not _ok(value):
        return None
    for problem in validate_market_rent_default(value, path):
        reader.problems.add(problem.path, (problem.message_da, problem.message_en))
    return value


def timeline_dict(tl: TimeLine, n: Any) -> dict[str, Any]:
    """The `timeline` object, every key, in TIMELINE_KEYS' order (`n` writes a number exactly); the keys of
    schema version 6 (a phase's `costs`, `financing_years`) only where given, so a plan that does not use them
    exports exactly as before."""
    out: dict[str, Any] = {
        "first_year": tl.first_year, "years": tl.years, "rent_basis": tl.rent_basis.value,
        "rent_index_pct": n(tl.rent_index_pct), "rent_index_source": tl.rent_index_source,
        "running_index_pct": n(tl.running_index_pct), "running_index_source": tl.running_index_source,
        "discount_pct": n(tl.discount_pct), "discount_source": tl.discount_source,
        "vat_registered": tl.vat_registered, "area_tolerance_pct": n(tl.area_tolerance_pct),
        "cost_split": tl.cost_split.value,
        "tenants": [{"tenant": t.tenant, "move_in": t.move_in, "move_out": t.move_out,
                     "market_per_m2": n(t.market_per_m2), "market_total": n(t.market_total),
                     "market_source": t.market_source} for t in tl.tenants],
        "loans": [{"line": t.line, "repayment": t.repayment.value, "interest_only_years": t.interest_only_years,
                   "first_year": t.first_year} for t in tl.loans],
        "phases": [{"name": p.name, "first_year": p.first_year, "rooms": list(p.rooms),
                    **({"costs": list(p.costs)} if p.costs else {})} for p in tl.phases],
    }  # fmt: skip
    if tl.financing_years:
        out["financing_years"] = [{"line": f.line, "year": f.year} for f in tl.financing_years]
    return out


def market_rent_dict(value: MarketRentDefault, n: Any) -> dict[str, Any]:
    return {"per_m2": n(value.per_m2), "source": value.source}
