"""The PDF report: the pages and text a reader gets (extracted with pdftotext), written safely."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from planners.exports.report.document import ReportInput, render_report, wrap, write_report
from planners.model import (
    Allocation,
    AllocationKey,
    Finding,
    Level,
    Plan,
    Ref,
    RoomLine,
    RoomType,
    Scenario,
    Tenant,
    TenantKind,
)
from planners.model.errors import PlanError
from planners.store.safewrite import TargetRefused
from tests.planners.test_charts import sample_figures

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing"
)


def pdf_pages(path: Path) -> list[str]:
    """The text of each page (pdftotext separates pages with a form feed)."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    pages = out.stdout.split("\f")
    return pages[:-1] if pages and not pages[-1].strip() else pages


def sample_plan() -> tuple[Plan, Scenario]:
    scenario = Scenario(
        name="Ombygning",
        tenants=[
            Tenant("gp", "Lægerne i Nordby", TenantKind.GP_PRACTICE, clinicians=D(2)),
            Tenant("fys", "Nordby Fysioterapi", TenantKind.PHYSIOTHERAPIST, clinicians=D(2)),
        ],
        rooms=[
            RoomLine(RoomType.CONSULTATION, D(16), count=4, label="Konsultation", tenant="gp"),
            RoomLine(RoomType.WAITING, D(45), label="Venteværelse", shared=Allocation(AllocationKey.AREA)),
            RoomLine(RoomType.OFFICE, D(12), count=2, label="Kontor til udlejning", vacant=True),
        ],
    )
    plan = Plan(
        title="Sundhedshus Nordby",
        years=[2018, 2019],
        pool_round="2019",
        municipality="Ringkøbing-Skjern",
        address="Torvet 1",
        scenarios=[scenario],
        applied_scenario="Ombygning",
    )
    plan.applicant.name = "Nordby Kommune"
    return plan, scenario


FINDINGS = [
    Finding(
        Level.ERROR,
        "financing_unbalanced",
        "Finansieringen svarer ikke til udgifterne",
        "Unbalanced",
        Ref("scenario", "Ombygning"),
    ),
    Finding(Level.NOTE, "gp_shortage_area", "Kommunen er lægedækningstruet", "GP shortage", Ref("plan")),
]


@pytest.fixture(scope="module")
def sample_report(tmp_path_factory) -> tuple[list[str], int]:
    plan, scenario = sample_plan()
    r = ReportInput(plan, scenario, sample_figures(), FINDINGS, today=date(2018, 2, 20))
    path = tmp_path_factory.mktemp("report") / "rapport.pdf"
    count = render_report(r, path)
    return pdf_pages(path), count


def test_every_page_has_the_title_and_its_number(sample_report):
    pages, count = sample_report
    assert len(pages) == count
    # title, key figures + budget (+ financing, tenants), room programme + findings, 4 pages of charts
    assert count >= 7
    for n, page in enumerate(pages, start=1):
        assert "Sundhedshus Nordby" in page
        assert f"Side {n} af {count}" in page
        assert "Scenarie «Ombygning»" in page


def test_title_page(sample_report):
    title = sample_report[0][0]
    for text in (
        "Nordby Kommune (kommune)",
        "Ringkøbing-Skjern (Region Midtjylland)",
        "Torvet 1",
        "Pulje til læge- og sundhedshuse 2019",
        "2018–2019",
        "20. februar 2018",
        "sundhedshus 0.1.0",
        "det scenarie der søges tilskud til",
    ):
        assert text in title


def test_sections_and_figures(sample_report):
    text = "\n".join(sample_report[0])
    for heading in ("Nøgletal", "Anlægsbudget", "Finansiering", "Lejere og husleje", "Rumprogram", "Fund"):
        assert heading in text
    # figures of the hand-written sample, in Danish format
    assert "5.883.352 kr." in text  # establishment total (key figures)
    assert "51,2 %" in text  # 2.883.352 / 5.633.352
    assert "1.818.756" in text and "4.064.596" in text  # spending by year (budget table)
    assert "844.401 kr." in text  # annual cost total, 844.401,25 rounded
    assert "547.601" in text  # Lægerne's annual total 547.600,50 rounds half up
    assert "+7.601" in text and "+1,4 %" in text  # against the current rent of 540.000
    assert "45.633" in text  # per month: 547.600,50 / 12 = 45.633,375
    assert "Kontor til udlejning" in text and "Fælles, efter areal" in text and "Ledigt" in text
    assert "Finansieringen svarer ikke til udgifterne" in text and "1 fejl, 0 advarsler, 1 note" in text


def test_charts_are_in_the_report(sample_report):
    text = "\n".join(sample_report[0])
    for title in (
        "Areal pr. lejer",
        "Anlægsudgifter efter kategori",
        "Årlig udgift pr. lejer",
        "Anlægsudgifter pr. år",
        "Husleje pr. m² brutto pr. år",
        "Ny årlig udgift mod nuværende husleje",
    ):
        assert title in text


def test_example_report_through_the_engine(tmp_path):
    from planners.figures.engine import compute
    from planners.interchange.plan_json import load_json
    from planners.model.money import format_kr
    from planners.reference import template_path

    plan = load_json(template_path("example"))
    target = tmp_path / "eksempel.pdf"
    write_report(plan, target)
    pages = pdf_pages(target)
    text = "\n".join(pages)
    figures = compute(plan)
    assert format_kr(figures.establishment_total) in text
    assert format_kr(figures.annual_cost_total) in text
    for t in figures.tenants:
        assert t.name.split()[0] in text
    assert f"Side {len(pages)} af {len(pages)}" in pages[-1]
    assert not list(tmp_path.glob(".*tmp*"))  # no temporary file left beside it


def test_english_report(tmp_path):
    from planners.interchange.plan_json import load_json
    from planners.reference import template_path

    plan = load_json(template_path("example"))
    target = tmp_path / "report.pdf"
    write_report(plan, target, scenario="Nybyg", lang="en")
    pages = pdf_pages(target)
    assert "Key figures" in pages[1] and "Establishment budget" in "\n".join(pages)
    assert "Page 1 of" in pages[0] and "Scenario “Nybyg”" in pages[0]
    assert "DKK" in "\n".join(pages)


def test_unknown_scenario_writes_nothing(tmp_path):
    plan, _ = sample_plan()
    target = tmp_path / "rapport.pdf"
    target.write_bytes(b"old")
    with pytest.raises(PlanError, match="intet scenarie «Nej»"):
        write_report(plan, target, scenario="Nej")
    assert target.read_bytes() == b"old"


def test_target_open_in_an_office_suite_is_left_alone(tmp_path):
    from planners.interchange.plan_json import load_json
    from planners.reference import template_path

    target = tmp_path / "rapport.pdf"
    target.write_bytes(b"old")
    (tmp_path / ".~lock.rapport.pdf#").write_text(",Anne,host,2018,;", encoding="utf-8")
    with pytest.raises(TargetRefused, match="Anne"):
        write_report(load_json(template_path("remote")), target)
    assert target.read_bytes() == b"old"


def test_wrap_keeps_every_character_of_a_long_code():
    lines = wrap("custom_shares_not_100 and words", 0.8, 8.5)
    assert "".join(lines).replace(" ", "") == "custom_shares_not_100andwords"
    assert lines[0].endswith("_")  # broken after an underscore, not in the middle of a word
