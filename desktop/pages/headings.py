"""A page's heading and hint labels: the overview (the first page shown) takes them from here without loading the
list pages' table models at the start (issue 19); `desktop.pages.lists` offers them too."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-size: 13pt; font-weight: bold")
    return label


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #555")
    return label
