"""The plan file: one SQLite document per plan (DESIGN §2).

Its tables (`schema`), opening, reading and editing a file (`planfile`), the edit records with their exact
inverses (`operations`), the checks of a file before it is used and of a writer's target (`filecheck`), upgrades of older files (`migrations`), the lock of a plan open for editing (`lock`) and writing any
output file safely, never half-written (`safewrite`).

May import: `planners.model` and `planners.reference`; never the figures, checks, interchange or exports (the
`layers` contract in pyproject.toml). The GUI uses the plan file and the operations, never `schema`.
"""
