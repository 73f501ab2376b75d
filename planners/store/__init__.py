"""The plan file: one SQLite document per plan (DESIGN §2).

Its tables (`schema`), opening, reading and editing a file (`planfile`), the edit records with their exact
inverses (`operations`), the checks of a file before it is used and of a writer's target (`filecheck`, with the limits and the words of a
refusal in `filerules`; what a sound plan's read never runs is in modules imported only where needed: statements'
text built at run time `checksql`, values judged one by one `valuecheck`, a journal beside the plan `journalcheck`,
the generator of `schema_constant` `schema_gen`), upgrades of older files (`migrations`), the lock of a plan open for editing (`lock`) and writing any
output file safely, never half-written (`safewrite`).

May import: `planners.model` and `planners.reference`; never the figures, checks, interchange or exports (the
`layers` contract in pyproject.toml). The GUI uses the plan file and the operations, never `schema`.
"""
