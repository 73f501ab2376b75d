"""Qt properties of an enum type set by their keys' names, without naming the `Qt` namespace (issue 19, start).

The first touch of `PySide6.QtCore.Qt` makes PySide build the Python enum classes of the whole namespace at once
(≈ 95 classes, `Qt.Key` alone ≈ 5 ms: ≈ 20 ms CPU in all), which a bare window never pays. What the first painted
window sets on its widgets (an alignment, a scroll-bar policy, a shortcut context) is a Qt property, and Qt's
meta-object system converts a key's name to its value in C++: `set_enum_property(label, "alignment",
"AlignRight|AlignVCenter")` is `label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)`.
Code that runs after the first paint (a dialog, a page opened later) names `Qt` as usual.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence


def set_enum_property(obj: QObject, name: str, keys: str) -> None:
    """Set the enum or flags property `name` of `obj` to `keys` ("AlignRight|AlignVCenter" for flags).

    Raises ValueError if `obj` has no such property or `keys` names no value of its type: Qt's `setProperty`
    would otherwise make a dynamic property of that name, or leave the value as it was, and say so only by
    returning False."""
    meta = obj.metaObject()
    index = meta.indexOfProperty(name)
    if index < 0 or not meta.property(index).isEnumType() or not obj.setProperty(name, keys):
        raise ValueError(f"{type(obj).__name__}.{name} cannot be set to {keys!r}")


def set_shortcut(action: QAction, shortcut: QKeySequence | QKeySequence.StandardKey | str) -> None:
    """`action.setShortcut(QKeySequence(shortcut))`, through its property: PySide's `setShortcut` weighs its
    overloads (one takes a `Qt.Key`) and so builds the `Qt` namespace's enum classes on its first call."""
    if not action.setProperty("shortcut", QKeySequence(shortcut)):
        raise ValueError(f"{action.text()!r}: the shortcut {shortcut!r} was not set")
