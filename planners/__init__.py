"""Sundhedshus core: the plan document, the figures, the checks and the exports. Never imports Qt or `desktop`.

Its parts, each importing only those below it (`[tool.importlinter]` in pyproject.toml, docs/architecture.md):
`cli` > `exports` > `store` | `interchange` | `figures` (independent of each other) > `checks` > `reference` >
`model`.
"""

__version__ = "0.1.0"
