"""Several people, one plan (issue 18): what differs between two plans (`diff`) and bringing two copies of one
plan together (`merge`, a three-way merge against the copies' common origin, `planners.store.origin`).

May import: everything of the core below the exports (model, reference, checks, figures, interchange, store);
nothing of the core imports it except the command line (the `layers` contract in pyproject.toml).
"""
