"""The yearly sheet "Husleje over tid" printed on A4 is readable (issue 16.1's rule for every annex sheet): the
annex of a template with a phased time line goes through LibreOffice to PDF, and every page, the yearly sheet's
included, prints its smallest text at 8 pt or more."""

from __future__ import annotations

from pathlib import Path

import pytest

from planners.exports.annex.workbook import write_annex
from planners.exports.annex.years import YEARS_SHEET
from planners.exports.recalc import soffice_path, to_pdf
from tests.planners.pdf_fonts import page_font_sizes, smallest_per_page
from tests.planners.years_plans import template_cases

STEMS = ("phased_example", "phased_large")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("years_print")
    paths = []
    for stem in STEMS:
        paths.append(folder / f"{stem}.xlsx")
        write_annex(template_cases()[stem], paths[-1])
    return {p.stem: p for p in to_pdf(paths, folder / "pdf")}


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("stem", STEMS)
def test_yearly_sheet_prints_at_8_pt_or_more(pdfs: dict[str, Path], stem: str) -> None:
    pages = page_font_sizes(pdfs[stem])
    # The footer names the sheet (&A): the yearly sheet's pages are those whose runs include its name.
    yearly = [k for k, runs in enumerate(pages) if any(YEARS_SHEET in text for _, text in runs)]
    assert yearly, "no page of the yearly sheet"
    smallest = smallest_per_page(pdfs[stem])
    small = [(page + 1, size, text) for page, (size, text) in enumerate(smallest) if size < 8.0]
    assert not small, f"pages with text under 8 pt: {small[:5]}"
