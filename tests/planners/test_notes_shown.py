"""The workshop's notes and decisions of each scenario (issue 15.7) where the comparison and the handout show
them: the comparison's own record, the report's comparison pages and the handout (pdftotext), the annex sheet
"Scenarier" (openpyxl)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from planners.exports.annex.layout import SCENARIOS
from planners.exports.annex.workbook import write_annex
from planners.exports.report.document import write_report
from planners.exports.report.handout import write_handout
from planners.figures.compare import compare
from planners.model import Plan
from tests.planners.test_compare import THIRD, three_scenario_plan
from tests.planners.test_report import pdf_pages

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")

OMBYGNING_NOTE = "Besluttet 3/12: psykologen flytter ind i 2028.\nKommunen undersøger lån til inventar."
NYBYG_NOTE = "Grunden ved stationen er for dyr — droppes."


def noted_plan() -> Plan:
    plan = three_scenario_plan()
    plan.scenario("Ombygning").notes = OMBYGNING_NOTE
    plan.scenario("Nybyg").notes = "  " + NYBYG_NOTE + "\n"  # as typed, with a stray space and line
    return plan  # THIRD has none


def _flat(text: str) -> str:
    """pdftotext's text with its line breaks and runs of spaces as one space (a paragraph wraps where it fits)."""
    return " ".join(text.split())


def test_the_comparison_carries_each_scenarios_notes() -> None:
    c = compare(noted_plan())
    assert c.notes == (OMBYGNING_NOTE, "  " + NYBYG_NOTE + "\n", "")
    # only the scenarios with notes, stripped, in the comparison's order
    assert c.noted == (("Ombygning", OMBYGNING_NOTE), ("Nybyg", NYBYG_NOTE))
    assert compare(three_scenario_plan()).noted == ()


@needs_pdftotext
def test_the_report_shows_the_notes_after_the_comparison(tmp_path: Path) -> None:
    write_report(noted_plan(), tmp_path / "r.pdf", compare=True)
    pages = pdf_pages(tmp_path / "r.pdf")
    start = next(i for i, p in enumerate(pages) if "Sammenligning af scenarier" in p and "Indhold" not in p)
    text = _flat("\n".join(pages[start:]))
    assert "Noter og beslutninger" in text
    assert "Scenarie «Ombygning» Besluttet 3/12: psykologen flytter ind i 2028. Kommunen undersøger lån" in text
    assert "Scenarie «Nybyg» Grunden ved stationen er for dyr — droppes." in text
    assert f"Scenarie «{THIRD}» " not in text.split("Noter og beslutninger")[-1]
    # English: the heading translated, the notes as typed
    write_report(noted_plan(), tmp_path / "en.pdf", compare=True, lang="en")
    english = _flat("\n".join(pdf_pages(tmp_path / "en.pdf")))
    assert "Notes and decisions" in english and NYBYG_NOTE in english


@needs_pdftotext
def test_a_report_without_notes_has_no_notes_section(tmp_path: Path) -> None:
    write_report(three_scenario_plan(), tmp_path / "r.pdf", compare=True)
    assert "Noter og beslutninger" not in "\n".join(pdf_pages(tmp_path / "r.pdf"))


@needs_pdftotext
def test_the_handout_shows_its_scenarios_notes(tmp_path: Path) -> None:
    plan = noted_plan()
    write_handout(plan, tmp_path / "o.pdf", "Ombygning")
    write_handout(plan, tmp_path / "n.pdf", "Nybyg")
    write_handout(plan, tmp_path / "t.pdf", THIRD)
    ombygning = pdf_pages(tmp_path / "o.pdf")
    assert len(ombygning) == 1
    text = _flat(ombygning[0])
    assert "Noter og beslutninger Besluttet 3/12: psykologen flytter ind i 2028. Kommunen undersøger lån til " \
           "inventar." in text
    assert NYBYG_NOTE not in text  # another scenario's notes stay on its own handout
    assert NYBYG_NOTE in _flat(pdf_pages(tmp_path / "n.pdf")[0])
    assert "Noter og beslutninger" not in pdf_pages(tmp_path / "t.pdf")[0]


def test_the_annex_comparison_sheet_lists_the_notes(tmp_path: Path) -> None:
    long_note = " ".join(f"ord{i}" for i in range(900))  # ≈ 5.000 characters: over several rows
    plan = noted_plan()
    plan.scenario(THIRD).notes = long_note
    write_annex(plan, tmp_path / "a.xlsx", "Ombygning", compare=True)
    ws = openpyxl.load_workbook(tmp_path / "a.xlsx")[SCENARIOS]
    cells = {(c.row, c.column): c.value for row in ws.iter_rows() for c in row if c.value not in (None, "")}
    heading = next(r for (r, col), v in cells.items() if col == 1 and v == "Noter og beslutninger")
    below = sorted((r, col, v) for (r, col), v in cells.items() if r > heading)
    names = [(r, v) for r, col, v in below if col == 1 and v in ("Ombygning", "Nybyg", THIRD)]
    assert [v for _r, v in names] == ["Ombygning", "Nybyg", THIRD]  # the comparison's order
    by_name = {}
    for i, (r, name) in enumerate(names):
        end = names[i + 1][0] if i + 1 < len(names) else 10**6
        by_name[name] = [v for rr, col, v in below if r <= rr < end and col == 2]
    # a paragraph a row, as typed
    assert by_name["Ombygning"] == OMBYGNING_NOTE.split("\n")
    assert by_name["Nybyg"] == [NYBYG_NOTE]
    # the long note whole, over rows none of which outgrows a spreadsheet row (409 pt)
    assert len(by_name[THIRD]) > 1 and " ".join(by_name[THIRD]) == long_note
    for r, _col, v in below:
        if v in by_name[THIRD]:
            assert ws.row_dimensions[r].height is not None and ws.row_dimensions[r].height <= 409
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert any(m.startswith(f"B{names[0][0]}:") for m in merged)
