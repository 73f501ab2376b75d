"""The report, the handout and the offer letter as printed (issue 16.5, 15.7): every template, a five-scenario
comparison and 300-character names at 8 pt or more on every page, no nearly empty page, a table of contents whose
page numbers are right, PDF bookmarks, no double stops, user text printed as typed (direction controls dropped, a
character the font lacks marked), and layout in time proportional to the text."""

from __future__ import annotations

import shutil
import subprocess
import time
from datetime import date
from decimal import Decimal as D
from pathlib import Path

import pytest

from planners.exports.report.document import ReportInput, render_report, write_report
from planners.exports.report.handout import render_handout, write_handout
from planners.exports.report.offer import render_offer, write_offer
from planners.model.errors import PlanError
from tests.planners.annex_plans import five_scenario_plan, long_names_plan, templates
from tests.planners.pdf_fonts import body_lines_per_page, smallest_per_page
from tests.planners.test_charts import sample_figures
from tests.planners.test_report import FINDINGS, pdf_pages, sample_plan

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")

SMALLEST_PT = 8.0
FEWEST_LINES = 5


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("report_print")
    out: dict[str, Path] = {}
    for name, plan in templates().items():
        out[name] = folder / f"{name}.pdf"
        write_report(plan, out[name])
    out["five_scenarios"] = folder / "five.pdf"
    write_report(five_scenario_plan(), out["five_scenarios"], compare=True)
    out["long_names"] = folder / "long.pdf"
    write_report(long_names_plan(), out["long_names"])
    out["english"] = folder / "english.pdf"
    write_report(templates()["example"], out["english"], lang="en")
    return out


@pytest.fixture(scope="module")
def others(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A handout and an offer letter of every template and of the plan with 300-character names."""
    folder = tmp_path_factory.mktemp("handouts")
    out: dict[str, Path] = {}
    for name, plan in [*templates().items(), ("long_names", long_names_plan())]:
        out[f"handout_{name}"] = folder / f"handout_{name}.pdf"
        write_handout(plan, out[f"handout_{name}"])
        tenant = plan.scenario(plan.applied_scenario).tenants[0].id
        out[f"offer_{name}"] = folder / f"offer_{name}.pdf"
        write_offer(plan, tenant, out[f"offer_{name}"])
    return out


def test_every_page_of_every_report_prints_at_8_pt_or_more(reports: dict[str, Path]) -> None:
    for name, path in reports.items():
        for n, (size, text) in enumerate(smallest_per_page(path), start=1):
            assert size >= SMALLEST_PT, f"{name} page {n}: {size} pt ({text!r})"


def test_handouts_and_offers_print_at_8_pt_or_more(others: dict[str, Path]) -> None:
    for name, path in others.items():
        for n, (size, text) in enumerate(smallest_per_page(path), start=1):
            assert size >= SMALLEST_PT, f"{name} page {n}: {size} pt ({text!r})"


def test_no_page_but_the_last_is_nearly_empty(reports: dict[str, Path]) -> None:
    for name, path in reports.items():
        lines = body_lines_per_page(path)
        thin = [n for n, count in enumerate(lines[:-1], start=1) if count < FEWEST_LINES]
        assert not thin, f"{name}: pages {thin} have fewer than {FEWEST_LINES} lines ({lines})"


def test_the_handout_is_one_page(others: dict[str, Path]) -> None:
    for name, path in others.items():
        if name.startswith("handout_") and name != "handout_long_names":
            assert len(pdf_pages(path)) == 1, name


def _contents(pages: list[str]) -> dict[str, int]:
    """The table of contents' entries: heading → page number."""
    import re

    page = next(p for p in pages if any(line.strip() in ("Indhold", "Contents") for line in p.splitlines()))
    entries = {}
    for line in page.splitlines():
        match = re.match(r"\s*(\S.*?)[\s.]+(\d+)\s*$", line)
        if match and "Side" not in line and "Page" not in line:
            entries[match.group(1).strip(" .")] = int(match.group(2))
    return entries


@pytest.mark.parametrize("name", ["example", "large", "five_scenarios", "english"])
def test_contents_page_numbers_are_where_the_headings_are(reports: dict[str, Path], name: str) -> None:
    pages = pdf_pages(reports[name])
    entries = _contents(pages)
    expected = {"Nøgletal", "Anlæg og finansiering", "Lejere og husleje", "Rumprogram", "Udstyr", "Driftsudgifter",
                "Fund", "Forudsætninger og kilder", "Diagrammer"}
    if name == "english":
        expected = {"Key figures", "Equipment", "Running costs", "Assumptions and sources", "Charts"}
    if name == "five_scenarios":
        expected.add("Sammenligning af scenarier")
    assert expected <= set(entries), sorted(entries)
    for heading, number in entries.items():
        lines = [line.strip() for line in pages[number - 1].splitlines()]
        assert heading in lines, f"«{heading}» is not a line of page {number}"


def test_bookmarks_name_every_section(reports: dict[str, Path]) -> None:
    from pypdf import PdfReader

    reader = PdfReader(str(reports["five_scenarios"]))

    def titles(outline: list) -> list[str]:  # type: ignore[type-arg]
        out: list[str] = []
        for item in outline:
            out += titles(item) if isinstance(item, list) else [item.title]
        return out

    names = titles(reader.outline)
    for heading in ("Nøgletal", "Anlægsbudget", "Finansiering", "Lejere og husleje", "Udstyr", "Driftsudgifter",
                    "Forudsætninger og kilder", "Sammenligning af scenarier", "Forskel mod «Ombygning»"):
        assert heading in names
    # a bookmark opens its heading's page
    first = reader.outline[0]
    assert "Nøgletal" in reader.pages[reader.get_destination_page_number(first)].extract_text()


def test_no_double_full_stop_after_kroner(reports: dict[str, Path]) -> None:
    for name, path in reports.items():
        assert "kr.." not in "\n".join(pdf_pages(path)), name


def test_five_scenario_headers_keep_their_words_whole(reports: dict[str, Path]) -> None:
    plan = five_scenario_plan()
    pages = pdf_pages(reports["five_scenarios"])
    start = max(i for i, p in enumerate(pages) if "Sammenligning af scenarier" in p)
    words = set(" ".join(pages[start:]).split())
    for scenario in plan.scenarios:
        for word in scenario.name.split():
            assert word in words, word  # "bruttofaktor" printed whole, never "brutto-" / "faktor"


def test_sections_of_issue_16(reports: dict[str, Path]) -> None:
    text = " ".join(" ".join(pdf_pages(reports["example"])).split())
    for expected in ("Udstyr", "Driftsudgifter", "Forudsætninger og kilder", "El, vand og varme",
                     "Bygningens drift", "Fælles ydelser", "Kilde"):
        assert expected in text, expected
    # the running rates are given with their source from the bundled catalog
    from planners.reference import catalog_sources

    source = catalog_sources()["running_rates"]["utilities"]
    # the bundled rate is an estimate (an English note in the data): the Danish report says so in Danish and
    # never prints the English note (issue 17's review: English catalog notes reached the Danish report)
    assert source.startswith("estimate")
    assert "skøn (ingen dansk kilde fundet)" in text
    assert " ".join(source.split()[:4]) not in text


def test_rent_over_the_years_when_the_scenario_has_a_time_line(tmp_path: Path) -> None:
    from planners.model.timeline import TenantTerms

    plan = templates()["example"]
    sc = plan.scenario(plan.applied_scenario)
    sc.timeline.first_year = 2021
    sc.timeline.years = 3
    sc.timeline.tenants = [TenantTerms(sc.tenants[0].id, move_in=2022)]
    target = tmp_path / "years.pdf"
    write_report(plan, target)
    text = "\n".join(pdf_pages(target))
    assert "Husleje over tid" in text and "Husets udgifter og indtægter" in text
    assert "Driftsårene 2021–2023" in text
    # the tenant moves in the second year: nothing charged in 2021
    row = next(line for line in text.splitlines() if line.strip().startswith(sc.tenants[0].name[:12])
               and "–" in line)
    assert row.split()[len(sc.tenants[0].name.split())] == "–"
    plain = tmp_path / "plain.pdf"
    write_report(templates()["example"], plain)
    assert "Husleje over tid" not in "\n".join(pdf_pages(plain))


def test_user_text_prints_as_typed(tmp_path: Path) -> None:
    plan, scenario = sample_plan()
    scenario.tenants[0].name = "Lægerne \u202eiN\u202c 👩\u200d⚕️ Nordby"
    figures = sample_figures()
    figures.tenants[0].name = scenario.tenants[0].name
    target = tmp_path / "r.pdf"
    render_report(ReportInput(plan, scenario, figures, FINDINGS, today=date(2018, 2, 20)), target)
    text = "\n".join(pdf_pages(target))
    assert "Lægerne iN □⚕ Nordby" in text  # the override dropped, the emoji marked, the staff of Aesculapius kept
    fonts = subprocess.run(["pdffonts", str(target)], capture_output=True, text=True, check=True).stdout
    assert "DejaVuSans" in fonts and "Helvetica" not in fonts


def test_a_2000_character_word_and_300_character_names_lay_out_fast() -> None:
    from planners.exports.report import flow

    word = "".join(chr(ord("a") + i % 26) for i in range(2000))
    name = " ".join(["sundhedshus"] * 30)[:300]
    story = [flow.para(word)]
    story.append(flow.table([flow.Col("Lejer", 1.0), flow.Col("Kr.", 0.0, "right")],
                            [[name + str(i), "1.234"] for i in range(40)] + [[word, "1"]]))
    running = flow.Running(word, name, "x", lambda n, total: f"{n}/{total}")
    started = time.process_time()
    built = flow.build(story, running)
    spent = time.process_time() - started
    assert built.pages >= 2
    assert spent < 1.0, f"{spent:.2f} s"


# --- the handout and the offer letter ----------------------------------------------------------------------------


def test_handout_of_the_sample(tmp_path: Path) -> None:
    plan, scenario = sample_plan()
    scenario.notes = "Besluttet på mødet: lægerne flytter ind først."  # type: ignore[attr-defined]
    target = tmp_path / "h.pdf"
    pages = render_handout(ReportInput(plan, scenario, sample_figures(), FINDINGS, today=date(2018, 2, 20)), target)
    assert pages == 1
    text = " ".join(" ".join(pdf_pages(target)).split())
    # Lægerne: 547.600,50 a year → 45.633,375 a month; today 540.000 → 45.000 a month; +633,375 a month, +1,4 %
    assert "Lægerne i Nordby 45.633 45.000 +633 +1,4 %" in text
    assert "Nordby Fysioterapi 22.817 – – –" in text  # 273.800,25 / 12 = 22.816,69, no current rent
    assert "Der søges om" in text and "Hvad lejerne betaler" in text
    assert "Ny årlig udgift mod nuværende husleje" in text  # the one chart
    assert "Besluttet på mødet: lægerne flytter ind først." in text


def test_offer_letter_of_the_sample(tmp_path: Path) -> None:
    plan, scenario = sample_plan()
    target = tmp_path / "o.pdf"
    render_offer(ReportInput(plan, scenario, sample_figures(), FINDINGS, today=date(2018, 2, 20)), "gp", target)
    text = " ".join(" ".join(pdf_pages(target)).split())
    assert "Lejetilbud" in text and "Til Lægerne i Nordby" in text and "Fra Nordby Kommune" in text
    # 120 m² own, 160 m² in all → 40 m² of the common areas; 160 × 1,35 = 216 m² gross
    assert "Egne lokaler (netto) 120,0 m²" in text and "Andel af fællesarealer (netto) 40,0 m²" in text
    assert "Lejeareal (brutto, faktor" in text and "216,0 m²" in text
    # a year and a month: 345.600,50 / 12 = 28.800,04; 190.000 / 12 = 15.833,33; 547.600,50 / 12 = 45.633,38
    assert "Lokaler (omkostningsbestemt husleje) 345.601 28.800" in text
    assert "Andel af udstyr 12.000 1.000" in text and "Andel af fælles ydelser 190.000 15.833" in text
    assert "Husleje i alt 547.601 45.633" in text
    assert "I dag betaler lejeren 540.000 kr. om året; ændringen er +7.601 kr. (+1,4 %)." in text
    assert "Konsultation" in text and "Venteværelse" in text  # its own rooms and the shared waiting room
    assert "For udlejer" in text and "For lejer" in text


def test_offer_to_an_unknown_tenant_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "o.pdf"
    with pytest.raises(PlanError, match="ingen lejer «nej»"):
        write_offer(templates()["example"], "nej", target)
    assert not target.exists()


def test_cli_handout_and_offer(tmp_path: Path) -> None:
    import io

    from planners.cli import main
    from planners.reference import template_path

    handout, offer = tmp_path / "h.pdf", tmp_path / "o.pdf"
    out, err = io.StringIO(), io.StringIO()
    code = main(["export", str(template_path("example")), "--handout", str(handout), "--offer", "gp", str(offer)],
                out, err)
    assert code == 0, err.getvalue()
    assert len(pdf_pages(handout)) == 1 and "Lejetilbud" in pdf_pages(offer)[0]
    assert "Uddeling skrevet" in out.getvalue() and "Lejetilbud skrevet" in out.getvalue()
    bad = tmp_path / "bad.pdf"
    code = main(["export", str(template_path("example")), "--offer", "nej", str(bad)], io.StringIO(), err)
    assert code == 2 and "ingen lejer «nej»" in err.getvalue() and not bad.exists()
    code = main(["export", str(template_path("example")), "--handout", str(bad), "--offer", "gp", str(bad)],
                io.StringIO(), io.StringIO())
    assert code == 2 and not bad.exists()


def test_offer_amounts_are_the_engines(tmp_path: Path) -> None:
    """Through the engine: the example's first tenant's year and month in the letter are its figures."""
    from planners.figures.engine import compute
    from planners.model.money import format_number, round_kr

    plan = templates()["example"]
    sc = plan.scenario(plan.applied_scenario)
    target = tmp_path / "o.pdf"
    write_offer(plan, sc.tenants[0].id, target)
    figures = next(t for t in compute(plan, sc).tenants if t.tenant_id == sc.tenants[0].id)
    text = " ".join(" ".join(pdf_pages(target)).split())
    assert f"Husleje i alt {format_number(round_kr(figures.total))} {format_number(round_kr(figures.per_month))}" in text
    assert D(0) < figures.per_month
