"""The findings of a plan (DESIGN §5): the pool's rules, inconsistencies across lines and plausibility,
each with a level, a Danish and English text and the line it points at (`findings`).

May import: `planners.model` and `planners.reference`; they read the engine's results (`planners.model.results`),
never the engine itself, the store or the exports.
"""
