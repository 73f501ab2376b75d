"""`emit(signal, *args)`: emit a Qt signal from Python without PySide6's refcount bug.

PySide6 6.12 on Python 3.11 returns `True` from `SignalInstance.emit()` without taking a reference: each emit
from Python takes one reference from the `True` singleton, and after enough edits the interpreter aborts
("Fatal Python error: bool_dealloc"). Measured at first use: where the bug is present, the reference is given
back; where it is fixed (or bools are immortal, Python ≥ 3.12), this is a plain emit.
Emit every signal from Python through here; connect signal to signal where it only forwards.
"""

from __future__ import annotations

import ctypes
import sys
from typing import Any

from PySide6.QtCore import QObject, Signal

_leaks: bool | None = None


class _Probe(QObject):
    ping = Signal()


def _measure() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.ping.emit()
    lost = before - sys.getrefcount(True)
    if lost > 0:  # give back what the probe took
        for _ in range(lost):
            ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))
    return lost >= 8


def emit(signal: Any, *args: object) -> None:
    global _leaks
    if _leaks is None:
        _leaks = _measure()
    result = signal.emit(*args)
    if _leaks and isinstance(result, bool):
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
