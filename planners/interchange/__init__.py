"""A plan as text for other programs: the JSON interchange format v1 (`plan_json`, docs/plan-format.md)
and JSON with exact decimal numbers (`exactjson`).

May import: `planners.model` and `planners.reference`; never the store, figures, checks or exports (the
`layers` contract in pyproject.toml).
"""
