"""The kinds of export the menu offers, apart from `desktop.export` (its dialogs, threads and writers): the menus are
made at start, the exports load on the first one."""

from __future__ import annotations

KINDS = {
    # kind: (menu text, file filter, suffix, progress text)
    "annex": ("Excel-bilag…", "Excel-projektmapper (*.xlsx)", ".xlsx", "Skriver Excel-bilaget …"),
    "report": ("PDF-rapport…", "PDF-dokumenter (*.pdf)", ".pdf", "Skriver PDF-rapporten …"),
    "handout": ("Uddeling på én side (PDF)…", "PDF-dokumenter (*.pdf)", ".pdf", "Skriver uddelingen …"),
    "offer": ("Lejetilbud til en lejer (PDF)…", "PDF-dokumenter (*.pdf)", ".pdf", "Skriver lejetilbuddet …"),
    # Every scenario side by side (issue 15.7): the annex with the sheet "Scenarier", the report with its pages.
    "compare_annex": ("Sammenligning af scenarierne (Excel)…", "Excel-projektmapper (*.xlsx)", ".xlsx",
                      "Skriver sammenligningen …"),
    "compare_report": ("Sammenligning af scenarierne (PDF)…", "PDF-dokumenter (*.pdf)", ".pdf",
                       "Skriver sammenligningen …"),
    # The plan for another program (the interchange format); the format's name is only the file filter's suffix.
    "json": ("Planen til et andet program…", "Udvekslingsfiler (*.json)", ".json",
             "Skriver planen til et andet program …"),
}
