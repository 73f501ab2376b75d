"""The Qt binding must not eat the references of `None` and `True` (issue 20.1, PLATFORM.md).

PySide6 6.12 on Python 3.11 dropped one reference per Qt call returning `None`/`True`; the app aborted with
"Fatal Python error: none_dealloc" after about 120 edits on the large template. The pin in pyproject.toml
avoids that binding; this test holds the pin to its promise with the app's own calls: 1.000 edits through the
GUI's table model on the large template (each refills the panel, the pages and the checks tree).
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.desktop.conftest import column

EDITS = 1000


def test_a_thousand_edits_keep_the_refcounts_of_none_and_true(opened, qtbot) -> None:  # noqa: ANN001
    window = opened
    model = window.workspace.show_page("rooms").tables[0].model()
    # Edit while the checks page is on screen: its tree is refilled and painted after every edit (the refill
    # lost ~100 references per edit under PySide6 6.12, and leaked ~10 under 6.11 before it was rewritten).
    window.workspace.show_page("checks")
    col = column(model, "net_m2")
    # Warm up: the first edits and paints fill caches (fonts, text layouts, lazily made widgets) that hold
    # references of their own.
    for i in range(20):
        assert model.setData(model.index(0, col), "16" if i % 2 else "17", Qt.ItemDataRole.EditRole)
        QApplication.processEvents()
    stack = window.session.undo_stack
    stack.clear()
    gc.collect()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for i in range(EDITS):
        row = i % 5
        # Alternate two areas per row so every call is a real change (no "nothing to do" shortcut).
        value = "17" if (i // 5) % 2 == 0 else "16"
        assert model.setData(model.index(row, col), value, Qt.ItemDataRole.EditRole)
        QApplication.processEvents()  # paint what changed, as the running app would

    # The undo stack rightly keeps each edit's old and new values (many of them None); drop it so only a
    # leak or a loss would show.
    assert stack.count() == EDITS
    stack.clear()
    gc.collect()
    none_drift = sys.getrefcount(None) - none_before
    true_drift = sys.getrefcount(True) - true_before
    # What aborts the interpreter is a count that FALLS (PySide6 6.12 on Python 3.11 dropped a reference per
    # call, "none_dealloc"): that is the property held here. A count that grows holds no memory (None is one
    # object); the ±10 of issue 20 is not met since the charts and comparison pages follow every edit (about
    # +21 a edit for None and +4 for True under PySide6 6.11, see bench/RESULTS.md), left open in issue 20.
    assert none_drift >= -10, f"None's count fell by {-none_drift} over {EDITS} edits"
    assert true_drift >= -10, f"True's count fell by {-true_drift} over {EDITS} edits"
