"""Issue 19 (s20-cold): the findings' texts and the summary's text of many plans in two source trees, compared.

    python bench/findings_sameness.py make PLANS.pkl N      # the plans (from this tree): made once, pickled
    python bench/findings_sameness.py dump PLANS.pkl OUT.json   # in each tree (working folder and PYTHONPATH the tree)
    cmp A.json B.json

`make` draws, with fixed seeds, N plans of `tests.planners.strategies.plans` (inconsistent lines: shares and spreads
not summing to 100, GP practices without rooms …), N/2 consistent ones and N/2 of the templates with a drawn time
line (`tests.planners.years_plans.with_timeline`: the market-rent findings), besides the rich and small test plans,
the four templates and their time-line cases. `dump` computes every scenario of every plan and writes, per finding,
its level, code, Danish and English message, `text("en")`, `text("da")` and ref, then the scenario's `summary_text`
and the round's `to_look_up` in English: what a change to the checks, the money formatting or the translation must
leave byte-identical."""

from __future__ import annotations

import json
import pickle
import sys

from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st

from planners.model import Plan


def make(out: str, n: int) -> None:
    from planners.interchange.plan_json import load_json
    from planners.reference import template_path
    from tests.planners.plans import rich_plan, small_plan
    from tests.planners.strategies import plans
    from tests.planners.years_plans import template_cases, with_timeline

    got: list[Plan] = [rich_plan(), small_plan()]
    got += [load_json(template_path(name)) for name in ("example", "remote", "large", "conversion")]
    cases = list(template_cases().values())
    got += cases
    drawn = (
        (20, n, plans(consistent=False, max_scenarios=2, max_tenants=6, max_rooms=12)),
        (21, n // 2, plans(consistent=True, max_scenarios=1)),
        (22, n // 2, st.sampled_from(cases).flatmap(with_timeline)),
    )
    for number, examples, strategy in drawn:

        @seed(number)
        @settings(max_examples=examples, database=None, deadline=None, suppress_health_check=list(HealthCheck))
        @given(strategy)
        def collect(plan: Plan) -> None:
            got.append(plan)

        collect()
    with open(out, "wb") as f:
        pickle.dump(got, f)
    print(len(got), "plans")


def dump(plans_file: str, out: str) -> None:
    from planners.checks.findings import run_checks, to_look_up
    from planners.figures.engine import compute
    from planners.figures.summary import summary_text

    with open(plans_file, "rb") as f:
        plans: list[Plan] = pickle.load(f)
    result: list[list[object]] = []
    for plan in plans:
        for scenario in plan.scenarios:
            try:
                findings = run_checks(plan, scenario, compute(plan, scenario))
                item: list[object] = [
                    [f.level.value, f.code, f.message_da, f.message_en, f.text("en") if f.text else None,
                     f.text("da") if f.text else None, repr(f.ref)] for f in findings]  # fmt: skip
                item += [summary_text(plan, scenario), to_look_up(plan.pool_round, "en")]
            except Exception as exc:  # the same refusal in both trees is the same result
                item = ["ERR", type(exc).__name__, str(exc)]
            result.append(item)
    with open(out, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, indent=0)
    print(len(result), "scenarios")


if __name__ == "__main__":
    if sys.argv[1] == "make":
        make(sys.argv[2], int(sys.argv[3]))
    else:
        dump(sys.argv[2], sys.argv[3])
