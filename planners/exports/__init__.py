"""What leaves the app for people and other programs: the charts and their palette (`charts`, `palette`), the
Excel application annex (`annex/`), the PDF report (`report/`), and recalculation by LibreOffice (`recalc`).
Output files are written through `planners.store.safewrite` (never half-written).

May import: everything of the core below it (model, reference, checks, figures, interchange, store.safewrite);
nothing imports the exports except the command line and the GUI: exports never feed figures or checks (the
`layers` contract in pyproject.toml).
"""
