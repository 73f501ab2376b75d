"""The report and the offer letter read a month's figures from the core (`planners.figures.monthly`), and the
Danish report cites the catalogs' sources in Danish («skøn») as the app does, not the data's English notes."""

from __future__ import annotations

import shutil
from decimal import Decimal as D
from fractions import Fraction as Q
from pathlib import Path

import pytest

from planners.exports.report.document import write_report
from planners.figures.engine import compute
from planners.figures.monthly import a_month, charged_month, component_months
from planners.figures.years import compute_years
from planners.interchange.plan_json import load_json
from planners.model.i18n import source_citation
from planners.reference import template_path
from tests.planners.test_report import pdf_pages
from tests.planners.test_years_phased import phased_plan


def test_component_months_by_hand() -> None:
    """The phased plan fully built (the steady state): 150 m², the GP's 100 m² of them. Building cost = the loan
    700.000 / 7 = 100.000 + the annuity of 400.000 at 5 % over 2 years, 8.820.000/41, + running 100 × 150 =
    15.000; the GP's premises are two thirds of it, a month a twelfth of that."""
    tf = compute(phased_plan()).tenants[0]
    m = component_months(tf)
    space = (Q(115000) + Q(8820000, 41)) * Q(2, 3) / 12
    assert abs(Q(m.space) - space) < Q(1, 10**12)
    assert m.equipment == 0 and m.services == 0 and m.total == tf.per_month
    assert abs(Q(m.total) - space) < Q(1, 10**12)
    assert a_month(D(1200)) == 100
    ty = compute_years(phased_plan()).years[0].tenants[0]
    assert charged_month(ty) == D(110000) / 12  # 2025: the GP pays the whole 110.000


def test_source_citation() -> None:
    note = "estimate: daily cleaning of clinic premises; no Danish source found (FACTS.md)"
    assert source_citation(note, "da") == "skøn (ingen dansk kilde fundet)"
    assert source_citation(note, "en") == note
    cited = "sum.dk, 'Pulje til læge- og sundhedshuse': the call; ism.dk 2019-01-18; DESIGN §4"
    assert source_citation(cited, "da") == "sum.dk, 'Pulje til læge- og sundhedshuse'; ism.dk 2019-01-18"
    assert source_citation(cited, "da", first_only=True) == "sum.dk, 'Pulje til læge- og sundhedshuse'"
    assert source_citation("", "da") == ""


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")
def test_danish_report_cites_in_danish(tmp_path: Path) -> None:
    plan = load_json(template_path("example"))
    da, en = tmp_path / "da.pdf", tmp_path / "en.pdf"
    write_report(plan, da)
    write_report(plan, en, lang="en")
    text_da = " ".join(" ".join(pdf_pages(da)).split())
    text_en = " ".join(" ".join(pdf_pages(en)).split())
    assert "estimate" not in text_da and "FACTS.md" not in text_da
    assert "skøn (ingen dansk kilde fundet)" in text_da
    assert "estimate:" in text_en
