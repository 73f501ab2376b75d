"""The findings of a plan (DESIGN §5): the pool's rules, inconsistencies across lines and plausibility,
each with a level, a Danish and English text and the line it points at (`findings`).

May import: `planners.model` and `planners.reference`; they read the engine's results (`planners.model.results`),
given by the caller, never the engine itself (`planners.figures.checked` computes and checks), the store or
the exports (the `layers` contract in pyproject.toml).
"""
