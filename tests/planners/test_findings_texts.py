"""The findings' texts and sums written the short way (s20-cold, issue 19): each gives what the longer way gave.

- `_pct` writes a percent figure without dividing it by 100 and multiplying it back (`format_pct(x / 100, …)`):
  the figures it gets are sums made in the decimal context (a line's custom shares, a cost line's spread), whose
  digits divide by 100 exactly.
- `_custom_sum` adds a line's shares directly where every share names a tenant of the scenario: the same
  additions in the same order as the filtered sum.
- `_said` hands its values to `translate`, which calls a function of the language with it.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from planners.checks import findings
from planners.model import HUNDRED, ZERO, Allocation, AllocationKey
from planners.model.i18n import translate
from planners.model.money import decimals_shown, format_pct

shares = st.decimals(min_value=Decimal(-200), max_value=Decimal(200), allow_nan=False, allow_infinity=False,
                     places=None)


@settings(max_examples=800, deadline=None)
@given(st.lists(shares, min_size=1, max_size=8), st.sampled_from(["da", "en"]))
def test_pct_is_format_pct_of_the_fraction(values: list[Decimal], lang: str) -> None:
    total = sum(values, ZERO)  # as the checks sum a line's shares or a spread
    for percent in (total, HUNDRED - total):
        assert findings._pct(percent, lang) == format_pct(percent / HUNDRED, decimals_shown(percent), lang)


def test_pct_known() -> None:
    assert findings._pct(Decimal("97.5"), "da") == "97,5 %" and findings._pct(Decimal("-1.5"), "en") == "-1.5%"
    assert findings._pct(Decimal("33.333"), "da") == "33,33 %" and findings._pct(Decimal(100), "da") == "100 %"


@settings(max_examples=600, deadline=None)
@given(st.dictionaries(st.sampled_from(["a", "b", "c", "d", "e", "f"]), shares, max_size=6),
       st.sets(st.sampled_from(["a", "b", "c", "d", "e", "f"])))
def test_custom_sum_is_the_sum_of_the_scenarios_tenants_shares(given_shares: dict[str, Decimal],
                                                               tenant_ids: set[str]) -> None:
    shared = Allocation(AllocationKey.CUSTOM, dict(given_shares))
    expected = sum((v for k, v in given_shares.items() if k in tenant_ids), ZERO)
    got = findings._custom_sum(shared, tenant_ids)
    assert got == expected and str(got) == str(expected)  # the same value, written the same


def test_said_calls_a_function_of_the_language_with_it() -> None:
    text = findings._said("Udgiftslinjen {line}: fordelingen på år summerer til {total}, ikke 100 %.",
                          line=lambda lang: findings._q("Byggeri" if lang == "da" else "Construction"),
                          total=lambda lang: findings._pct(Decimal("97.5"), lang))
    assert text("da") == "Udgiftslinjen «Byggeri»: fordelingen på år summerer til 97,5 %, ikke 100 %."
    assert text("en") == translate("Udgiftslinjen {line}: fordelingen på år summerer til {total}, ikke 100 %.",
                                   "en", line="«Construction»", total="97.5%")
    assert text("en") != text("da")
