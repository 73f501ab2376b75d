"""`emit(signal, *args)`: the one place the GUI emits a Qt signal from Python.

It used to carry a ctypes patch that gave back the reference to `True` that PySide6 6.12 on Python 3.11 drops on
every `SignalInstance.emit()`. That binding also drops references to `None` on many other Qt calls (setText,
data(), clear), which no patch here could cover; the fix is the pin in `pyproject.toml` (PySide6 below 6.12 on
Python < 3.12, where the bug is absent; from 3.12 `None` and `True` are immortal). The pin is checked by
`tests/desktop/test_refcounts.py` (1.000 edits through the GUI keep the counts). `emit` stays as a thin call so
the call sites keep one name for "a signal sent from Python".
"""

from __future__ import annotations

from typing import Any


def emit(signal: Any, *args: object) -> None:
    signal.emit(*args)
