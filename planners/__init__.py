"""Sundhedshus core: the plan document, the figures, the checks and the exports. Never imports Qt."""

__version__ = "0.1.0"
