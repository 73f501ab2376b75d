"""The report's comparison pages (pdftotext) and the comparison charts (their data read back from the artists)."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from planners.exports import charts
from planners.exports.report.document import write_report
from planners.figures.compare import Comparison, compare
from planners.model.errors import PlanError
from planners.model.money import format_number, round_kr
from tests.planners.annex_plans import example, tiny_plan
from tests.planners.test_compare import THIRD, three_scenario_plan
from tests.planners.test_report import pdf_pages

needs_pdftotext = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")


@pytest.fixture(scope="module")
def comparison() -> Comparison:
    return compare(three_scenario_plan())


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    folder = tmp_path_factory.mktemp("compare_report")
    plan = three_scenario_plan()
    out = {}
    write_report(example(), folder / "two.pdf", compare=True)
    out["two"] = pdf_pages(folder / "two.pdf")
    for name, kwargs in {"plain": {}, "da": {"compare": True}, "en": {"compare": True, "lang": "en"},
                         "nybyg": {"compare": True, "scenario": "Nybyg"}}.items():
        path = folder / f"{name}.pdf"
        write_report(plan, path, **kwargs)  # type: ignore[arg-type]
        out[name] = pdf_pages(path)
    return out


def _comparison_pages(pages: list[str], heading: str) -> str:
    # The table of contents (issue 16.5) names the heading too: the section is the first page that names it
    # and is not the contents page.
    def is_contents(page: str) -> bool:
        return any(line.strip() in ("Indhold", "Contents") for line in page.splitlines())

    start = next(i for i, p in enumerate(pages) if heading in p and not is_contents(p))
    return "\n".join(pages[start:])


@needs_pdftotext
def test_comparison_pages_are_added_at_the_end(reports: dict[str, list[str]], comparison: Comparison) -> None:
    assert not any("Sammenligning af scenarier" in p for p in reports["plain"])
    # after the report's own pages: the tables, then the charts' two pages
    n = len(reports["plain"])
    assert "Sammenligning af scenarier" in reports["da"][n] and len(reports["da"]) >= n + 3
    assert "Lejernes årlige udgift pr. scenarie" in reports["da"][-1]
    text = _comparison_pages(reports["da"], "Sammenligning af scenarier")
    words = " ".join(text.split())
    for expected in ("Ombygning", "Nybyg", THIRD, "Nybyg − Ombygning", "Nøgletal pr. scenarie",
                     "Forskel mod «Ombygning»", "Lejernes årlige udgift i alt", "Tandlægen",
                     "Der søges tilskud til «Ombygning»", "Lejernes årlige udgift pr. scenarie", "procentpoint"):
        assert expected in words, expected
    # Amounts in whole kroner, half up; differences signed.
    total = comparison.value("establishment_total", THIRD)
    assert format_number(round_kr(total)) in text
    diff = comparison.difference("establishment_total", THIRD)
    assert "+" + format_number(round_kr(diff)) in text
    # Three scenarios: a table of values, then one of differences. The dentist is only in the third scenario:
    # "–" for the two others, and no difference against the base, where it is absent.
    tand = [line for line in text.splitlines() if line.startswith("Tandlægen") and " kr. " in line]
    assert [line.count("–") for line in tand] == [2, 2]


@needs_pdftotext
def test_two_scenarios_in_one_table(reports: dict[str, list[str]]) -> None:
    text = _comparison_pages(reports["two"], "Sammenligning af scenarier")
    header = next(line for line in text.splitlines() if line.startswith("Nøgletal"))
    assert header.split()[-4:] == ["Ombygning", "Nybyg", "Nybyg", "−"] or "Nybyg − Ombygning" in header
    assert "Forskel mod" not in text


@needs_pdftotext
def test_english_comparison(reports: dict[str, list[str]]) -> None:
    words = " ".join(_comparison_pages(reports["en"], "Scenarios compared").split())
    assert "Key figures by scenario" in words and "Each tenant's annual cost by scenario" in words
    assert "percentage points" in words and "Difference against “Ombygning”" in words


@needs_pdftotext
def test_base_is_the_reports_scenario(reports: dict[str, list[str]]) -> None:
    words = " ".join(_comparison_pages(reports["nybyg"], "Sammenligning af scenarier").split())
    assert "Ombygning − Nybyg" in words and "Forskel mod «Nybyg»" in words


def test_a_plan_of_one_scenario_gets_no_report(tmp_path: Path) -> None:
    target = tmp_path / "r.pdf"
    with pytest.raises(PlanError, match="kun ét scenarie"):
        write_report(tiny_plan(), target, compare=True)
    assert not target.exists()


# --- the charts ---------------------------------------------------------------------------------------------


def _containers(fig: Figure, gid: str) -> dict[str, list[float]]:
    """Each bar container's label → its bars' heights (vertical) or widths (horizontal)."""
    ax = next(a for a in fig.axes if a.get_gid() == gid)
    out = {}
    for container in ax.containers:
        horizontal = container.orientation == "horizontal"
        out[container.get_label()] = [p.get_width() if horizontal else p.get_height() for p in container.patches]
    return out


@pytest.mark.parametrize(("chart", "keys"), [
    (charts.compare_key_figures, list(charts.COMPARED_KEY_FIGURES)),
    (charts.compare_rent, list(charts.COMPARED_RENT)),
])
def test_grouped_bars_are_the_comparisons_figures(comparison: Comparison, chart, keys: list[str]) -> None:
    fig = chart(comparison)
    bars = _containers(fig, chart.__name__)
    assert list(bars) == list(comparison.scenarios)
    for name, heights in bars.items():
        assert heights == [float(comparison.value(k, name)) for k in keys]
    ax = next(a for a in fig.axes if a.get_gid() == chart.__name__)
    colours = [to_hex(c.patches[0].get_facecolor()) for c in ax.containers]
    assert colours == [charts.scenario_colour(i).lower() for i in range(3)]


def test_tenant_totals_chart(comparison: Comparison) -> None:
    fig = charts.compare_tenant_totals(comparison, lang="en")
    bars = _containers(fig, "compare_tenant_totals")
    rows = comparison.tenant_rows
    for k, name in enumerate(comparison.scenarios):
        for width, row in zip(bars[name], rows, strict=True):
            if row.values[k] is None:
                assert math.isnan(width)  # absent: no bar, not a bar of 0
            else:
                assert width == float(row.values[k])
    ax = fig.axes[0]
    assert [t.get_text().replace("\n", " ") for t in ax.get_yticklabels()] == [r.label_en for r in rows]
    absent = [t.get_text() for t in ax.texts if t.get_gid() == "absent"]
    assert sorted(absent) == sorted([f"{THIRD}: not in the scenario", "Ombygning: not in the scenario",
                                     "Nybyg: not in the scenario"])


def test_comparison_charts_by_key(comparison: Comparison) -> None:
    figures = charts.comparison_charts(comparison)
    assert list(figures) == [key for key, _ in charts.COMPARE_CHARTS]
    assert all(any(a.get_gid() == key for a in fig.axes) for key, fig in figures.items())
