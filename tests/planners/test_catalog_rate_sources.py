"""A source for every rate (issue 16.6), the plan's default running rates included: the bundled catalogs carry
the sources of resources/catalogs/running_rates.json; the plan file (schema 5), the JSON and an upgraded older
file keep them; a catalog rate a scenario uses without a source is a warning before submission; the annex and
the report print each rate's source.

Hand-known from resources/catalogs/running_rates.json: maintenance 120 kr./m², source "estimate: inside and
outside maintenance; …"; the readiness plan's scenarios use maintenance 120 (the catalog's) and cleaning 150,25
(not the catalog's 149,5).
"""

from __future__ import annotations

import copy
import sqlite3
from decimal import Decimal as D
from pathlib import Path

import pytest

from planners.checks.findings import rate_source
from planners.exports.annex.layout import make_layout
from planners.exports.annex.workbook import build_workbook
from planners.interchange.plan_json import plan_from_dict, plan_to_dict
from planners.model import RunningRate
from planners.model.errors import InvalidPlan
from planners.reference import bundled_catalogs
from planners.store.operations import SetCatalogRow
from planners.store.planfile import create_plan_file, read_plan
from tests.planners.test_readiness import _complete, _findings

MAINTENANCE_SOURCE = "estimate: inside and outside maintenance; no Danish source found (FACTS.md)"


def test_the_bundled_catalogs_have_a_source_for_every_rate() -> None:
    cats = bundled_catalogs()
    assert set(cats.running_rate_sources) == set(RunningRate)
    assert cats.running_rate_sources[RunningRate.MAINTENANCE] == MAINTENANCE_SOURCE
    assert cats.running_rates[RunningRate.MAINTENANCE] == D(120)


def test_the_plan_file_keeps_a_catalog_rate_source_and_a_rate_edit_keeps_it(tmp_path: Path) -> None:
    plan = _complete()
    plan.catalogs.running_rate_sources[RunningRate.CLEANING] = "Rengøringstilbud 2026 æøå"
    del plan.catalogs.running_rate_sources[RunningRate.UTILITIES]
    path = tmp_path / "p.sundhedshus"
    with create_plan_file(path, plan) as pf:
        pf.apply(SetCatalogRow("running_rate", "cleaning", D("151")))
    back = read_plan(path).catalogs
    assert back.running_rates[RunningRate.CLEANING] == D(151)
    assert back.running_rate_sources[RunningRate.CLEANING] == "Rengøringstilbud 2026 æøå"
    assert RunningRate.UTILITIES not in back.running_rate_sources
    assert back.running_rate_sources[RunningRate.MAINTENANCE] == MAINTENANCE_SOURCE
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("SELECT source FROM catalog_running_rate WHERE rate = 'utilities'").fetchone() == ("",)
    finally:
        conn.close()


def test_the_json_writes_only_sources_that_differ_from_the_bundled_and_reads_them_back() -> None:
    plan = _complete()
    assert "running_rate_sources" not in plan_to_dict(plan).get("catalogs", {})
    plan.catalogs.running_rate_sources[RunningRate.CLEANING] = "Tilbud"
    del plan.catalogs.running_rate_sources[RunningRate.UTILITIES]
    doc = plan_to_dict(plan)
    assert doc["catalogs"]["running_rate_sources"] == {"cleaning": "Tilbud", "utilities": ""}
    assert plan_from_dict(doc).catalogs.running_rate_sources == plan.catalogs.running_rate_sources


def test_the_json_refuses_a_source_of_an_unknown_rate() -> None:
    doc = plan_to_dict(_complete())
    doc.setdefault("catalogs", {})["running_rate_sources"] = {"heating_oil": "x"}
    with pytest.raises(InvalidPlan):
        plan_from_dict(doc)


def test_an_upgraded_older_file_has_no_catalog_rate_source(tmp_path: Path) -> None:
    from tests.planners.test_migrations import FIXTURE

    path = tmp_path / "old.sundhedshus"
    path.write_bytes(Path(FIXTURE).read_bytes())
    assert read_plan(path).catalogs.running_rate_sources == {}  # nothing was said where its rates came from


def test_a_catalog_rate_used_without_a_source_is_a_warning_before_submission() -> None:
    plan = _complete()
    assert _findings(plan) == []
    # Cleaning is not used from the catalog (the scenarios have 150,25, the catalog 149,5): no finding.
    del plan.catalogs.running_rate_sources[RunningRate.CLEANING]
    assert _findings(plan) == []
    # Maintenance is (120 in both): its catalog row must say where it comes from, own source or not.
    del plan.catalogs.running_rate_sources[RunningRate.MAINTENANCE]
    assert _findings(plan) == [("submission_rate_without_source",
                                "Planens standardsatser for drift uden kilde, som scenariet bruger: Vedligehold.",
                                "plan", None)]  # fmt: skip


def test_a_rate_source_is_the_scenarios_own_else_the_catalogs_it_was_taken_from() -> None:
    plan = _complete()
    sc = plan.scenario()
    assert rate_source(plan, sc, RunningRate.MAINTENANCE) == "Budget 2026"
    sc.running.sources.clear()
    assert rate_source(plan, sc, RunningRate.MAINTENANCE) == MAINTENANCE_SOURCE
    assert rate_source(plan, sc, RunningRate.CLEANING) == ""  # 150,25 is not the catalog's 149,5


def test_the_annex_gives_each_rates_source() -> None:
    plan = _complete()
    sc = plan.scenario()
    sc.running.sources = {RunningRate.UTILITIES: "Forsyningens takst 2026"}
    ws = build_workbook(plan, sc.name)["Forudsætninger"]
    rows = make_layout(plan, sc).a_rates
    text = {rate: str(ws.cell(row=row, column=3).value) for rate, row in rows.items()}
    assert text[RunningRate.UTILITIES] == "kr. pr. brutto m² pr. år; kilde: Forsyningens takst 2026"
    assert text[RunningRate.MAINTENANCE] == "kr. pr. brutto m² pr. år; kilde: skøn (ingen dansk kilde fundet)"
    assert text[RunningRate.CLEANING] == "kr. pr. brutto m² pr. år; kilde: ingen kilde angivet"


def test_the_report_gives_the_catalogs_and_the_scenarios_rate_sources(tmp_path: Path) -> None:
    from planners.exports.report.document import write_report
    from tests.planners.test_report import pdf_pages

    plan = copy.deepcopy(_complete())
    plan.catalogs.running_rate_sources[RunningRate.CLEANING] = "Rengøringstilbud fra Firma A/S"
    out = tmp_path / "r.pdf"
    write_report(plan, out)
    text = " ".join(" ".join(p.split()) for p in pdf_pages(out))
    assert "Rengøring (standardsats)" in text and "Rengøringstilbud fra Firma A/S" in text
    assert "Vedligehold (scenariet)" in text and "Budget 2026" in text


def test_setting_a_catalog_rate_source_is_one_edit_with_its_inverse(tmp_path: Path) -> None:
    from planners.store.operations import SetCatalogRateSource

    path = tmp_path / "p.sundhedshus"
    with create_plan_file(path, _complete()) as pf:
        pf.apply(SetCatalogRateSource(RunningRate.MAINTENANCE, "Driftsbudget 2026"))
        assert read_plan(path).catalogs.running_rate_sources[RunningRate.MAINTENANCE] == "Driftsbudget 2026"
        pf.apply(SetCatalogRateSource(RunningRate.MAINTENANCE, ""))
        assert RunningRate.MAINTENANCE not in read_plan(path).catalogs.running_rate_sources
        with pytest.raises(InvalidPlan):  # bounded as every source (readiness.MAX_SOURCE)
            pf.apply(SetCatalogRateSource(RunningRate.MAINTENANCE, "x" * 100_000))
