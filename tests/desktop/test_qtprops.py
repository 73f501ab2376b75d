"""desktop.qtprops: enum properties and shortcuts set without naming the `Qt` namespace (issue 19, the start)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QListWidget

from desktop.qtprops import set_enum_property, set_shortcut


def test_an_enum_property_is_set_by_its_keys(qtbot) -> None:  # noqa: ANN001
    label = QLabel("1.234 kr.")
    qtbot.addWidget(label)
    set_enum_property(label, "alignment", "AlignRight|AlignVCenter")
    assert label.alignment() == Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    view = QListWidget()
    qtbot.addWidget(view)
    set_enum_property(view, "horizontalScrollBarPolicy", "ScrollBarAlwaysOff")
    assert view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    set_enum_property(view, "horizontalScrollBarPolicy", "ScrollBarAsNeeded")
    assert view.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded


@pytest.mark.parametrize(("name", "keys"), [("alignment", "AlignSomewhere"), ("alinement", "AlignRight"),
                                            ("text", "AlignRight")])  # fmt: skip
def test_a_misspelt_name_or_key_is_refused_not_ignored(qtbot, name: str, keys: str) -> None:  # noqa: ANN001
    label = QLabel("x")
    qtbot.addWidget(label)
    with pytest.raises(ValueError, match=name):
        set_enum_property(label, name, keys)
    assert label.alignment() == QLabel().alignment() and label.text() == "x"
    assert name not in [bytes(n).decode() for n in label.dynamicPropertyNames()]  # no property made up


@pytest.mark.parametrize("shortcut", [QKeySequence.StandardKey.Undo, "Ctrl+Shift+S", "F11", QKeySequence("Ctrl+E")])
def test_a_shortcut_is_the_one_setShortcut_sets(qtbot, shortcut: QKeySequence | QKeySequence.StandardKey | str) -> None:  # noqa: ANN001, N802
    ours, qts = QAction("a"), QAction("b")
    set_shortcut(ours, shortcut)
    qts.setShortcut(QKeySequence(shortcut))
    assert ours.shortcut() == qts.shortcut() and not ours.shortcut().isEmpty()
    assert ours.shortcuts() == qts.shortcuts()
