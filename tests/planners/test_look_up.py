"""One rule everywhere for the rules a round's data does not know (issue 14.3): they are no finding — not in the
checks, the app, the annex's counts, the comparison, the report or `check --json` — and the same short list of
what to look up in the call for applications appears in the annex's sheet "Fund", the report and the CLI's
`--look-up` JSON.

Hand-known: every bundled template (2018 or 2019 round) has exactly one finding per scenario, the note that the
municipality is a GP-shortage area, so 0 errors and 0 warnings; both bundled rounds leave 3 rules unknown (the
eligible categories, a largest grant and a grant-share limit: resources/rounds/*.json say `"known": false`).
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from planners.checks.findings import for_people, run_checks, to_look_up
from planners.cli import main
from planners.exports.annex.workbook import build_workbook
from planners.figures.compare import compare
from planners.figures.engine import compute
from planners.model import Level
from planners.reference import template_path
from tests.planners.annex_plans import templates
from tests.planners.test_report import pdf_pages

TEMPLATES = list(templates())
# The old warning's wording (Danish and English): it must appear nowhere a person or a script reads.
OLD_DA, OLD_EN = "ingen kilde siger", "no source says"


def _cells(ws: Any) -> list[str]:
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]


@pytest.mark.parametrize("name", TEMPLATES)
def test_no_template_has_a_warning_of_an_unknown_rule(name: str) -> None:
    plan = templates()[name]
    for sc in plan.scenarios:
        findings = run_checks(plan, sc, compute(plan, sc.name))
        assert [f.level for f in findings] == [Level.NOTE], [f.code for f in findings]
        assert for_people(findings) == findings  # the app shows the same findings as the checks give
        assert not any(OLD_DA in f.message_da or "rule_unknown" == f.code for f in findings)
    assert len(to_look_up(plan.pool_round)) == 3


@pytest.mark.parametrize("name", TEMPLATES)
def test_the_annex_counts_no_warning_and_lists_what_to_look_up(name: str) -> None:
    plan = templates()[name]
    wb = build_workbook(plan)
    fund = _cells(wb["Fund"])
    levels = [str(c.value) for c in wb["Fund"]["A"][4:] if c.value in ("Fejl", "Advarsel", "Note")]
    assert levels == ["Note"]  # the one note; no warning row
    assert "Slå op i puljeopslaget" in fund
    for item in to_look_up(plan.pool_round):
        assert f"• {item}" in fund
    every = [text for ws in wb.worksheets for text in _cells(ws)]
    assert not any(OLD_DA in text for text in every)
    # The cover's count: the one note, no error, no warning; the look-up list is not counted.
    assert "Ingen fejl eller advarsler; 1 note (se fanen Fund)" in _cells(wb.worksheets[0])


def test_the_comparison_counts_no_warning() -> None:
    plan = templates()["example"]  # two scenarios, each with the one note
    c = compare(plan, None)
    counts = {r.level: r.values for r in c.rows if r.level is not None}
    assert list(counts[Level.WARNING]) == [0, 0]
    assert list(counts[Level.ERROR]) == [0, 0] and list(counts[Level.NOTE]) == [1, 1]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_report_lists_what_to_look_up_and_warns_of_nothing(tmp_path: Path, lang: str) -> None:
    from planners.exports.report.document import write_report

    plan = templates()["example"]
    out = tmp_path / "r.pdf"
    write_report(plan, out, lang=lang)
    text = " ".join(" ".join(p.split()) for p in pdf_pages(out))
    heading = "Slå op i puljeopslaget" if lang == "da" else "Look up in the call for applications"
    assert heading in text
    for item in to_look_up(plan.pool_round, lang):
        assert " ".join(item.split()) in text
    assert OLD_DA not in text and OLD_EN not in text
    if lang == "da":  # the cover's count: the one note is no warning, the look-up list no finding
        assert "planen opfylder de kontrollerede regler" in text and "advarsler (se «Fund»)" not in text
        assert "0 fejl, 0 advarsler, 1 note" in text


def test_check_json_has_no_warning_and_lists_what_to_look_up_under_its_own_key() -> None:
    path = str(template_path("example"))
    out = io.StringIO()
    main(["check", path, "--json"], out=out)
    assert [f["code"] for f in json.loads(out.getvalue())] == ["gp_shortage_area"]  # still a plain list
    out = io.StringIO()
    main(["check", path, "--json", "--look-up"], out=out)
    payload = json.loads(out.getvalue())
    assert [f["code"] for f in payload["findings"]] == ["gp_shortage_area"]
    assert [x["message"] for x in payload["to_look_up"]] == to_look_up("2019", "da")
    assert [x["message_en"] for x in payload["to_look_up"]] == to_look_up("2019", "en")
    assert len(payload["to_look_up"]) == 3
