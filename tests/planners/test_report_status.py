"""The report's cover says by whom, and "Ansøgningens status" shows how far the application has come (issues
16.3, 16.6): read back with pdftotext, figures by hand."""

from __future__ import annotations

import datetime
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from planners.exports.report.document import write_report
from planners.model import (
    Approval,
    ApprovalStatus,
    Commitment,
    CommitmentStatus,
    Milestone,
    Person,
    Plan,
    SubProject,
)
from tests.planners.annex_plans import example
from tests.planners.test_report import pdf_pages

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is missing")


def applied_plan() -> Plan:
    plan = example()
    plan.cvr = "13748136"  # Erhvervsstyrelsen's worked example of the modulus-11 check
    plan.ean = "5790000000005"  # 5·1 + 7·3 + 9·1 = 35: check digit 5
    plan.signatory = Person(name="Anne Borgmester", title="Borgmester")
    plan.project_leader = Person(name="Bo Leder", title="Projektchef", email="bo@varde.dk")
    plan.approval = Approval(ApprovalStatus.APPROVED, datetime.date(2026, 3, 5))
    plan.milestones = [Milestone("Byggestart", datetime.date(2027, 4, 1), "efter udbud"), Milestone("Indflytning")]
    plan.subprojects = [SubProject("Inventar og IT", 2), SubProject("Selve ombygningen", 1)]
    sc = plan.scenario("Ombygning")
    for line in sc.costs[:3]:
        line.subproject = "Selve ombygningen"
    for line in sc.costs[3:5]:
        line.subproject = "Inventar og IT"
    sc.costs[0].grant = Decimal(4_000_000)
    sc.costs[4].grant = Decimal(300_000)
    sc.commitments = {"gp": Commitment(CommitmentStatus.SIGNED_LEASE, datetime.date(2026, 2, 1)),
                      "fys": Commitment(CommitmentStatus.LETTER_OF_INTENT)}
    return plan


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_cover_and_status_in_danish(tmp_path: Path) -> None:
    write_report(applied_plan(), tmp_path / "r.pdf", "Ombygning")
    pages = pdf_pages(tmp_path / "r.pdf")
    cover = _flat(pages[0])
    assert "CVR-nummer 13748136" in cover and "EAN-nummer 5790000000005" in cover
    assert "Tegningsberettiget Anne Borgmester, Borgmester" in cover
    assert "Projektleder Bo Leder, Projektchef, bo@varde.dk" in cover
    assert "Politisk godkendelse Godkendt (5. marts 2026)" in cover
    start = next(i for i, p in enumerate(pages) if "Ansøgningens status" in p and "Indhold" not in p)
    text = _flat("\n".join(pages[start:start + 2]))
    assert "Byggestart 1. april 2027 efter udbud" in text and "Indflytning –" in text
    # every tenant, with its commitment or none
    assert "Lægerne i Ølgod Underskrevet lejekontrakt 1. februar 2026" in text
    assert "Ølgod Fysioterapi Hensigtserklæring –" in text
    assert "Psykologpraksis Ølgod Intet tilsagn –" in text
    # sub-projects, kept-longest first. By hand: construction 648,2 m² × 14.000 = 9.074.800; consultancy 12 % of
    # it = 1.088.976; contingency 10 % of both = 1.016.377,6; together 11.180.153,6 → 11.180.154 kr.
    # Furniture 450.000 + IT 300.000 = 750.000 kr.
    assert "1 Selve ombygningen 11.180.154 4.000.000" in text
    assert "2 Inventar og IT 750.000 300.000" in text
    assert text.index("Selve ombygningen 11.180.154") < text.index("Inventar og IT 750.000")
    # the grant per line: the two lines given, their total 4.300.000
    assert "Tilskud pr. post" in text
    assert "Ombygning af den tidligere sparekassebygning Selve ombygningen 9.074.800 4.000.000" in text
    assert "IT-installationer og netværk Inventar og IT 300.000 300.000" in text
    assert "I alt 4.300.000" in text
    assert "Tilskud fra puljen i finansieringen: 4.500.000 kr." in text


def test_cover_and_status_in_english(tmp_path: Path) -> None:
    write_report(applied_plan(), tmp_path / "r.pdf", "Ombygning", lang="en")
    text = _flat("\n".join(pdf_pages(tmp_path / "r.pdf")))
    assert "Status of the application" in text and "Tenants' commitments" in text
    assert "Grant per cost line" in text and "Construction cost, DKK" in text
    assert "Approved (5 March 2026)" in text
    assert "Letter of intent" in text and "Signed lease" in text


def test_a_sketch_has_neither(tmp_path: Path) -> None:
    write_report(example(), tmp_path / "r.pdf", "Ombygning")
    text = _flat("\n".join(pdf_pages(tmp_path / "r.pdf")))
    assert "Ansøgningens status" not in text and "CVR-nummer" not in text and "Tegningsberettiget" not in text
