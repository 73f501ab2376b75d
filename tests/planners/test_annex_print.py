"""The annex printed on A4 is readable (issue 16.1).

Every template's annex, a plan with 300-character names in every text field and a five-scenario comparison go
through LibreOffice to PDF (one call); on every page the smallest printed text (font size × every scaling, read
with pypdf) is at least 8 pt. Before this, fit-to-width printed 3,5–6 pt. The page breaks set in the workbook
never leave a heading at a page's foot or the last rows of a table (a total) alone on a page.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from planners.exports.annex.printing import MIN_SCALE, _is_blank, _is_heading, _used_columns
from planners.exports.annex.workbook import build_workbook, write_annex
from planners.exports.recalc import soffice_path, to_pdf
from planners.model import Plan
from tests.planners.annex_plans import five_scenario_plan, long_names_plan, templates
from tests.planners.pdf_fonts import body_lines_per_page, smallest_per_page


def _plans() -> dict[str, tuple[Plan, bool]]:
    out = {name: (plan, False) for name, plan in templates().items()}
    out["long_names"] = (long_names_plan(), False)
    out["five_scenarios"] = (five_scenario_plan(), True)
    return out


PLANS = _plans()


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("print")
    paths = []
    for stem, (plan, compare) in PLANS.items():
        paths.append(folder / f"{stem}.xlsx")
        write_annex(plan, paths[-1], compare=compare)
    return {p.stem: p for p in to_pdf(paths, folder / "pdf")}


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("stem", sorted(PLANS))
def test_every_page_prints_at_8_pt_or_more(pdfs: dict[str, Path], stem: str) -> None:
    smallest = smallest_per_page(pdfs[stem])
    assert smallest, "the annex printed no pages"
    small = [(page + 1, size, text) for page, (size, text) in enumerate(smallest) if size < 8.0]
    assert not small, f"pages with text under 8 pt: {small[:5]}"
    assert all(size > 0 for size, _ in smallest), "a page without any text"


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) is not installed")
def test_no_page_is_nearly_empty(pdfs: dict[str, Path]) -> None:
    """Besides its header and footer, every page has several lines (a lone total row would give one or two)."""
    for stem in ("example", "large", "five_scenarios"):
        lines = body_lines_per_page(pdfs[stem])
        assert min(lines) >= 5, (stem, lines)


@pytest.mark.parametrize("stem", sorted(PLANS))
def test_breaks_keep_headings_and_totals_with_their_table(stem: str) -> None:
    plan, compare = PLANS[stem]
    wb = build_workbook(plan, compare=compare)
    for ws in wb.worksheets:
        setup = ws.sheet_properties.pageSetUpPr
        assert setup is None or not setup.fitToPage, ws.title
        assert MIN_SCALE <= (ws.page_setup.scale or 100) <= 100, ws.title
        last_col = _used_columns(ws)
        last_row = max(r for (r, _), c in ws._cells.items() if c.value not in (None, ""))
        for brk in (b.id for b in ws.row_breaks.brk):
            assert not _is_heading(ws, brk, last_col), f"{ws.title}: a heading ends a page at row {brk}"
            after = []
            r = brk + 1
            while r <= last_row and not _is_blank(ws, r, last_col):
                after.append(r)
                r += 1
            block_continues = not _is_blank(ws, brk, last_col)
            # A page holds at least two rows of a table it continues; three where rows are of normal height
            # (with 300-character names a row is a third of a page, and one row plus the total is the most).
            alone = 1 if stem == "long_names" else 2
            assert not (block_continues and 0 < len(after) <= alone), \
                f"{ws.title}: rows {after} of a table alone after the break at row {brk}"
