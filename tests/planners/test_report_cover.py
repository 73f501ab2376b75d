"""The report's title page answers the case officer's first questions with amounts (issue 16.3)."""

from __future__ import annotations

import shutil
from decimal import ROUND_HALF_UP
from decimal import Decimal as D
from pathlib import Path

import pytest

from planners.exports.report.document import write_report
from planners.model import FinancingSource
from tests.planners.annex_plans import example
from tests.planners.test_report import pdf_pages

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")


def _kr(amount: object) -> str:
    """Danish thousands with dots, written out here rather than taken from the formatter under test."""
    whole = int(D(str(amount)).quantize(D(1), rounding=ROUND_HALF_UP))
    return f"{whole:,}".replace(",", ".") + " kr."


def test_title_page_says_grant_total_own_money_and_loans(tmp_path: Path) -> None:
    plan = example()
    sc = plan.scenario()
    path = tmp_path / "r.pdf"
    write_report(plan, path)
    first = " ".join(pdf_pages(path)[0].split())
    grant = sum(f.amount for f in sc.financing if f.source is FinancingSource.GRANT)
    loans = sum(f.amount for f in sc.financing if f.source is FinancingSource.LOAN)
    municipality = sum(f.amount for f in sc.financing if f.source is FinancingSource.OWN_MUNICIPALITY)
    assert "Ansøgningen kort" in first
    assert f"Der søges om {_kr(grant)}" in first
    assert f"Lån {_kr(loans)}" in first
    assert f"Kommunens egne midler {_kr(municipality)}" in first
    assert "Anlægsudgifter i alt" in first and "Puljens regler" in first
    assert "Projektet" in first  # the description's heading is not left alone at the page's foot


def test_title_page_in_english(tmp_path: Path) -> None:
    path = tmp_path / "r.pdf"
    write_report(example(), path, lang="en")
    first = " ".join(pdf_pages(path)[0].split())
    assert "The application in brief" in first and "Grant applied for" in first
