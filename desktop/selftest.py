"""`sundhedshus --self-test` (DESIGN §6): the smoke test of an installed or bundled app.

Opens the main window (offscreen where there is no display) on a copy of the example in a temporary folder,
exports the annex and the report there, checks that they open — the workbook with openpyxl, the PDF's page
count — and returns 0, or prints the reason and returns 1. No LibreOffice needed.
"""

from __future__ import annotations

import re
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")


def pdf_pages(path: Path) -> int:
    """Pages of a PDF, counted from its page objects (enough for the PDFs the app writes)."""
    data = path.read_bytes()
    if not data.startswith(b"%PDF"):
        return 0
    return len(PAGE.findall(data))


def self_test(make_application: Callable[[], QApplication]) -> int:
    """`make_application`: `desktop.app.make_application`, passed in by the app (which imports this module
    on demand), so that the two modules do not import each other."""
    try:
        _run(make_application)
    except Exception as exc:  # the reason, whatever it is, is the test's result
        traceback.print_exc()
        print(f"Selvtest fejlede: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    print("Selvtest OK")
    return 0


def _run(make_application: Callable[[], QApplication]) -> None:
    app = make_application()
    from desktop.mainwindow import MainWindow
    from planners.exports.annex.workbook import write_annex
    from planners.exports.report.document import write_report
    from planners.interchange.plan_json import load_json
    from planners.reference import example_path
    from planners.store.planfile import create_plan_file

    with tempfile.TemporaryDirectory(prefix="sundhedshus-selvtest-") as tmp:
        folder = Path(tmp)
        window = MainWindow()
        plan_file = create_plan_file(folder / "eksempel.sundhedshus", load_json(example_path()))
        from desktop.session import PlanSession

        window.set_session(PlanSession(plan_file), remember=False)
        window.show()
        app.processEvents()
        session = window.session
        if session is None or window.workspace is None:
            raise RuntimeError("vinduet viste ikke planen")
        plan = session.plan
        annex, report = folder / "bilag.xlsx", folder / "rapport.pdf"
        write_annex(plan, annex)
        write_report(plan, report)
        window.close_plan()
        window.close()
        import openpyxl

        workbook = openpyxl.load_workbook(annex)
        if not workbook.sheetnames:
            raise RuntimeError("ansøgningsbilaget har ingen ark")
        pages = pdf_pages(report)
        if pages < 1:
            raise RuntimeError("rapporten har ingen sider")
        print(f"Bilag: {len(workbook.sheetnames)} ark; rapport: {pages} sider")
