"""The entry point: --self-test, arguments, and the Danish number entry the editors use."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop.app import make_application, run
from desktop.delegates import SharesDialog
from desktop.numbers import edit_text, parse_decimal


def test_self_test_returns_zero(capsys) -> None:  # noqa: ANN001
    assert run(["--self-test"]) == 0
    out = capsys.readouterr().out
    assert "Selvtest OK" in out and " ark; rapport: " in out


def test_unknown_argument_is_a_usage_error(capsys) -> None:  # noqa: ANN001
    assert run(["--nonsens"]) == 2
    assert "Brug: sundhedshus" in capsys.readouterr().err


@pytest.mark.parametrize(("text", "value"), [
    ("1.234,5", Decimal("1234.5")), ("16", Decimal(16)), ("-3,25", Decimal("-3.25")),
    ("1 234 567 kr.", Decimal(1234567)), ("12,5 %", Decimal("12.5")), ("0,1", Decimal("0.1")),
])  # fmt: skip
def test_danish_number_entry(text: str, value: Decimal) -> None:
    assert parse_decimal(text) == value


@pytest.mark.parametrize("text", ["abc", "1,2,3", "", "12.34.5,6,7", "1e5"])
def test_not_numbers(text: str) -> None:
    assert parse_decimal(text) is None


def test_edit_text_keeps_every_digit() -> None:
    assert edit_text(Decimal("1234.5678")) == "1234,5678"
    assert edit_text(Decimal("16.0")) == "16"


def test_shares_dialog_sums_and_reads_danish_numbers(qtbot) -> None:  # noqa: ANN001
    dialog = SharesDialog("Egne andele", [("gp", "Lægerne"), ("fys", "Fysioterapi")], {"gp": Decimal(60)})
    qtbot.addWidget(dialog)
    dialog.table.item(1, 1).setText("30,5")
    assert dialog.values() == {"gp": Decimal(60), "fys": Decimal("30.5")}
    assert dialog.sum_label.text() == "I alt: 90,5 % — bør give 100 %"
    dialog.table.item(1, 1).setText("40")
    assert dialog.sum_label.text() == "I alt: 100 %"


def test_emitting_often_keeps_pythons_true_alive() -> None:
    """PySide6's emit() bug (desktop/signals.py): thousands of edits must not use up True's references."""
    import sys

    from PySide6.QtCore import QObject, Signal

    from desktop.signals import emit

    class Sender(QObject):
        changed = Signal(object)

    sender = Sender()
    received: list[object] = []
    sender.changed.connect(received.append)
    before = sys.getrefcount(True)
    for i in range(2000):
        emit(sender.changed, i)
    assert len(received) == 2000
    assert abs(sys.getrefcount(True) - before) < 10


def test_window_icon_and_desktop_file_name() -> None:
    from PySide6.QtGui import QGuiApplication

    app = make_application()
    assert QGuiApplication.desktopFileName() == "sundhedshus"
    sizes = {s.width() for s in app.windowIcon().availableSizes()}
    assert {16, 32, 256} <= sizes


def test_a_file_open_event_opens_the_plan(window, plan_path) -> None:  # noqa: ANN001
    """macOS's Finder opens a document with a QFileOpenEvent, not a command-line argument."""
    from PySide6.QtGui import QFileOpenEvent
    from PySide6.QtWidgets import QApplication

    from desktop.app import _FileOpenFilter

    opener = _FileOpenFilter(window)
    QApplication.instance().installEventFilter(opener)
    try:
        QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(plan_path)))
    finally:
        QApplication.instance().removeEventFilter(opener)
    assert window.session is not None and window.session.file.path == plan_path


@pytest.mark.parametrize("text", ["2.5", "1.5", "3.25", "1.23", "12.34.567"])
def test_an_english_decimal_point_is_no_number(text: str) -> None:
    """"2.5" must not become 25 (the dot is the Danish thousands separator, only before three digits)."""
    from desktop.numbers import number_hint

    assert parse_decimal(text) is None
    assert "komma" in number_hint(text)


@pytest.mark.parametrize(("text", "value"), [("1.234", "1234"), ("12.345.678", "12345678"), ("2.500,75", "2500.75")])
def test_grouped_thousands_are_read(text: str, value: str) -> None:
    assert parse_decimal(text) == Decimal(value)
