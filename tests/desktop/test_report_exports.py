"""File → Eksportér: the one-page handout and an offer letter to a tenant, written off the GUI thread like the
report (issue 15.7); read back with pdftotext."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.desktop.test_export import run_export
from tests.planners.test_report import pdf_pages

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")


def test_handout_from_the_menu(qtbot, opened, tmp_path: Path) -> None:  # noqa: ANN001
    target = tmp_path / "uddeling.pdf"
    assert run_export(qtbot, opened, "handout", target) == [target]
    pages = pdf_pages(target)
    assert len(pages) == 1
    assert opened.session.plan.title.split()[0] in pages[0] and "Hvad lejerne betaler" in pages[0]


def test_offer_from_the_menu_is_for_the_chosen_tenant(qtbot, opened, tmp_path: Path) -> None:  # noqa: ANN001
    tenant = opened.session.scenario.tenants[1]
    opened.exporter.choose_tenant = lambda _session: tenant.id
    target = tmp_path / "tilbud.pdf"
    assert run_export(qtbot, opened, "offer", target) == [target]
    text = " ".join(" ".join(pdf_pages(target)).split())
    assert "Lejetilbud" in text and f"Til {' '.join(tenant.name.split())}" in text


def test_offer_cancelled_writes_nothing(qtbot, opened, tmp_path: Path) -> None:  # noqa: ANN001
    opened.exporter.choose_tenant = lambda _session: None
    opened.exporter.choose_path = lambda _kind, _start: tmp_path / "x.pdf"
    assert opened.exporter.export("offer", opened.session) is None
    assert not (tmp_path / "x.pdf").exists()


def test_the_menu_names_the_new_exports(opened) -> None:  # noqa: ANN001
    texts = [a.text() for a in opened.export_menu.actions()]
    assert any("Uddeling" in x for x in texts) and any("Lejetilbud" in x for x in texts)


def test_the_comparison_from_the_menu(qtbot, window, tmp_path: Path) -> None:  # noqa: ANN001
    """File → Eksportér → the comparison of every scenario, as Excel (the sheet "Scenarier") and as PDF (issue 15.7);
    the example has two scenarios, "Ombygning" and "Nybyg"."""
    from openpyxl import load_workbook

    from tests.desktop.conftest import make_plan

    assert window.open_path(make_plan(tmp_path, "example"))
    xlsx = tmp_path / "sammenligning.xlsx"
    assert run_export(qtbot, window, "compare_annex", xlsx) == [xlsx]
    sheet = load_workbook(xlsx)["Scenarier"]
    texts = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
    assert all(any(name in x for x in texts) for name in ("Ombygning", "Nybyg"))
    pdf = tmp_path / "sammenligning.pdf"
    assert run_export(qtbot, window, "compare_report", pdf) == [pdf]
    text = " ".join(" ".join(pdf_pages(pdf)).split())
    assert "Sammenligning af scenarier" in text and "Ombygning" in text and "Nybyg" in text


def test_the_comparison_of_one_scenario_is_refused_before_asking_for_a_file(opened, answers, tmp_path: Path) -> None:  # noqa: ANN001
    asked: list[str] = []
    opened.exporter.choose_path = lambda kind, _start: asked.append(kind)
    assert len(opened.session.plan.scenarios) == 1  # the large template
    assert opened.exporter.export("compare_annex", opened.session) is None
    assert asked == [] and any("kun ét scenarie" in x for x in answers.told)
