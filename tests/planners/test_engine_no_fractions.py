"""The engine on `summary`'s path computes without `fractions` (issue 19.3, s20-frac): the annuities, the building
cost and the rent rates are exact integer ratios (`rent.annuity_ratio`, `exact.ratio_sum`, `exact.reduced`,
`exact.signed_ratio`), and a summary of a plan without rent terms imports no `fractions` at all. Each integer helper
is compared here with the rational it stands for, computed with `Fraction` from the formula itself."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal, localcontext
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planners.figures.exact import ratio_sum, reduced, signed_ratio
from planners.figures.rent import annuity, annuity_ratio
from planners.model.money import CONTEXT, dsum, to_decimal
from planners.store.planfile import create_plan_file
from tests.planners.plans import rich_plan, rich_plan_file
from tests.planners.years_plans import phased

ROOT = Path(__file__).resolve().parents[2]


def _plan_files(tmp_path: Path) -> dict[str, Path]:
    """The example template, the tests' rich plan and a plan of the benchmark's shape (60 tenants, 600 rooms),
    as plan files: none has rent terms."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from bench_engine import build_plan
    finally:
        sys.path.remove(str(ROOT / "bench"))
    from planners.interchange.plan_json import load_json
    from planners.reference import template_path
    from planners.store.planfile import create_plan_file

    files = {"example": tmp_path / "example.sundhedshus", "bench": tmp_path / "bench.sundhedshus"}
    create_plan_file(files["example"], load_json(template_path("example"))).close()
    create_plan_file(files["bench"], build_plan(1, 2)).close()
    files["rich"] = rich_plan_file(tmp_path / "rich.sundhedshus")
    return files


def _loaded_after(argv: list[str]) -> tuple[bool, str]:
    """Run `desktop.main` with `argv` in a fresh interpreter: whether `fractions` was imported, and stdout."""
    code = ("import sys\nfrom desktop.main import main\n"
            f"rc = main({argv!r})\n"
            "print('FRACTIONS', 'fractions' in sys.modules, rc, file=sys.stderr)\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True,
                          cwd=ROOT)
    assert "FRACTIONS" in done.stderr, done.stderr
    return "FRACTIONS True" in done.stderr, done.stdout


def test_a_summary_imports_no_fractions(tmp_path: Path) -> None:
    # (`summary --json` prints the rent over the years of every plan, computed by `figures.years` with Fractions.)
    for name, path in _plan_files(tmp_path).items():
        for argv in (["summary", str(path)], ["check", str(path)], ["check", str(path), "--json"]):
            loaded, out = _loaded_after(argv)
            assert out, (name, argv)  # it printed its figures or findings
            assert not loaded, (name, argv)


def test_rent_over_the_years_still_imports_it_where_used(tmp_path: Path) -> None:
    """The yearly figures compute with Fractions (imported there): the check above can see an import."""
    path = tmp_path / "phased.sundhedshus"
    create_plan_file(path, phased(rich_plan())).close()
    loaded, out = _loaded_after(["summary", str(path)])
    assert loaded and "Husleje over tid" in out


def _annuity_by_formula(principal: Fraction, pct: Fraction, years: int) -> Fraction:
    """DESIGN §4: A = P·r / (1 − (1 + r)^−n), r = pct / 100; P / n where r = 0."""
    r = pct / 100
    if r == 0:
        return principal / years
    return principal * r / (1 - (1 + r) ** -years)


amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
rates = st.decimals(min_value=-5, max_value=100, places=3, allow_nan=False, allow_infinity=False)


@settings(max_examples=300, deadline=None)
@given(amounts, rates, st.integers(min_value=-2, max_value=60))
def test_annuity_ratio_is_the_annuity(principal: Decimal, pct: Decimal, years: int) -> None:
    n, d = annuity_ratio(principal, pct, years)
    assert d > 0
    expected = _annuity_by_formula(Fraction(principal), Fraction(pct), years) if years > 0 else Fraction(0)
    assert Fraction(n, d) == expected
    assert annuity(Fraction(principal), Fraction(pct), years) == expected  # the Fraction form, for the years
    assert repr(signed_ratio(n, d)) == repr(to_decimal(expected))


def test_annuity_by_hand() -> None:
    # 1.000.000 kr. at 3 % over 30 years: 51.019,2593… kr. a year; at 0 %: P / n; without a term: nothing.
    assert signed_ratio(*annuity_ratio(Decimal(1_000_000), Decimal(3), 30)).quantize(Decimal("0.0001")) == \
        Decimal("51019.2593")
    assert annuity_ratio(Decimal(600), Decimal(0), 20) == (600, 20)
    assert annuity_ratio(Decimal(600), Decimal(3), None) == (0, 1)


ints = st.integers(min_value=-(10**40), max_value=10**40)
nonzero = ints.filter(bool)


@settings(max_examples=500, deadline=None)
@given(ints, nonzero)
def test_integer_ratios_are_the_fraction(n: int, d: int) -> None:
    q = Fraction(n, d)
    assert reduced(n, d) == (q.numerator, q.denominator)
    assert repr(signed_ratio(n, d)) == repr(to_decimal(q))  # 0 / −5 is 0, never −0


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(ints, nonzero), max_size=6))
def test_ratio_sum_is_the_sum(values: list[tuple[int, int]]) -> None:
    n, d = ratio_sum(values)
    assert Fraction(n, d) == sum((Fraction(a, b) for a, b in values), Fraction(0))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.builds(lambda c, e: Decimal(c).scaleb(e), ints, st.integers(-40, 40)), max_size=8))
def test_dsum_is_context_add_left_to_right(values: list[Decimal]) -> None:
    assert repr(dsum(values)) == repr(_added_one_by_one(values))


@pytest.mark.parametrize("values", [[], [Decimal("-0")], [Decimal("1E+30"), Decimal(1)], [Decimal("0.1")] * 3])
def test_dsum_edges(values: list[Decimal]) -> None:
    assert repr(dsum(values)) == repr(_added_one_by_one(values))
    assert repr(dsum(iter(values))) == repr(_added_one_by_one(values))


def test_dsum_runs_a_generator_in_the_callers_context() -> None:
    # The values are taken before dsum enters CONTEXT: a division inside the generator keeps the caller's precision.
    with localcontext(prec=5):
        total = dsum(Decimal(1) / Decimal(3) for _ in range(2))
    assert total == Decimal("0.66666")


def _added_one_by_one(values: list[Decimal]) -> Decimal:
    """DESIGN §4's definition: Σ left to right, each sum rounded by `CONTEXT.add`."""
    total = Decimal(0)
    for v in values:
        total = CONTEXT.add(total, v)
    return total
