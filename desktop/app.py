"""The desktop application's entry: `run(args)` (called by `desktop.main` for anything not a sub-command).

    sundhedshus                 the start page
    sundhedshus FILE            open a plan (.sundhedshus, or .json imported after asking)
    sundhedshus --example       a copy of the example in the documents folder
    sundhedshus --self-test     the installer's smoke test (DESIGN §6), exit 0 or 1 with the reason

matplotlib is not imported here: the window must be usable within 1.5 s (charts come later, on demand).
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
import time
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:  # Qt and the window load late: the start must stay fast
    from PySide6.QtCore import QObject
    from PySide6.QtWidgets import QApplication

    from desktop.mainwindow import MainWindow

ORGANISATION = "Sundhedshus"
APPLICATION = "Sundhedshus"
STARTUP_PROBE = "SUNDHEDSHUS_STARTUP_PROBE"  # bench: print the seconds to a shown window, then quit ("modules": and
# what it loaded)


# The modules without Qt that the first window with a plan uses, imported before Qt (`load_core_first`).
# Each is imported by the main window's modules anyway, with a plan or without (the start page): nothing more loads.
CORE_FIRST = ("desktop.i18n", "desktop.signals", "desktop.exportkinds", "planners.reference", "planners.model",
              "planners.model.linekinds", "planners.checks.findings", "planners.figures.editing",
              "planners.figures.incremental", "planners.store.lock", "planners.store.planfile",
              "planners.store.history", "planners.store.versions")  # fmt: skip
# (planners.store.history: the plan file imports it only when a plan is opened for editing; the window loads it
# anyway, with a plan or without.)
# And those the open of a plan file uses besides (its checks, the line kinds' row readers): imported before Qt only
# when a file is given, so the start page loads nothing more. A test checks that a plan's first window loads them.
PLAN_FIRST = ("planners.model.validation", "planners.model.value_rules", "planners.model.readiness",
              "planners.model.linekinds_prebuilt", "planners.store.schema_constant")  # fmt: skip


def _usage() -> str:
    return ("Brug: sundhedshus [FIL | --example | --self-test]\n"
            "Kommandoer til kommandolinjen: sundhedshus --help")  # fmt: skip


def make_application(args: list[str] | None = None) -> QApplication:
    """The QApplication (one per process), named for QSettings and the data folder."""
    from PySide6.QtWidgets import QApplication

    quicken_feature_check()
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0] if sys.argv else "sundhedshus", *(args or [])])
    assert isinstance(app, QApplication)  # the process's one application shows widgets
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APPLICATION)
    from desktop.settings import isolate_from_env

    isolate_from_env()  # a test's or benchmark's settings in its own folder
    _set_identity(app)
    from desktop.collector import collect_on_gui_thread

    collect_on_gui_thread(app)  # never a Qt object freed on the chart worker's thread (a deadlock)
    return app


def quicken_feature_check() -> None:
    """PySide's import hook (`shibokensupport.feature`) asks of every module an import statement returns after PySide
    is loaded, once per module, whether its source names "PySide6" (`_mod_uses_pyside`): through `inspect.getsource`,
    which decodes the file, splits it into lines and joins them again. A start of the example asks it of ≈ 48
    modules (≈ 1 MB of source: typing, datetime, enum, ours) for ≈ 25 M instructions, ≈ 10 % of what our start
    costs over a bare window. The same answer, for a module read from a plain source file: whether its bytes
    contain b"PySide6" (ASCII, so the same in any encoding Python source may have); every other module (built in,
    frozen, from a zip, without source) is asked as before. `tests/desktop/test_feature_check.py` compares both
    answers for every module loaded. Nothing changes if a PySide version names these differently."""
    feature = sys.modules.get("shibokensupport.feature")
    asked = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or asked is None or getattr(asked, "quick", False):
        return

    def uses_pyside(module: object) -> bool:
        path = _source_file(module)
        if path is None:
            return bool(asked(module))
        try:
            with open(path, "rb") as source:
                return b"PySide6" in source.read()
        except OSError:
            return False  # what the question answers for a module whose source cannot be read

    uses_pyside.quick = True  # type: ignore[attr-defined]
    uses_pyside.asked = asked  # type: ignore[attr-defined]  # PySide's own (the test compares them)
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]


def _source_file(module: object) -> str | None:
    """The `.py` file `inspect.getsource` would read for `module`, if it is an ordinary source file; else None."""
    from importlib.machinery import SourceFileLoader

    spec = getattr(module, "__spec__", None)
    path = getattr(module, "__file__", None)
    if spec is None or type(spec.loader) is not SourceFileLoader or not isinstance(path, str):
        return None
    return path if path.endswith(".py") and path == spec.origin else None


def load_core_first(plan: bool = False) -> None:
    """Import the core (and our modules without Qt) that the window will use before PySide6 itself: once PySide is
    imported, its import hook reads the whole source of every module imported after it, to see whether it names
    "PySide6" (`shibokensupport.feature`, for `from __feature__ import …`), ≈ 80 modules and ≈ 5–8 ms CPU at
    every start. Only the order changes; a module left out of `CORE_FIRST` is imported later as before. `plan`: a
    plan file is opened at start, so `PLAN_FIRST` too. And the prebuilt methods a window calls but a reading
    command does not (repr, eq, hash: `planners.model.prebuilt._later`), read at their first call, which in the
    window comes after Qt."""
    import importlib

    for name in CORE_FIRST + (PLAN_FIRST if plan else ()):
        importlib.import_module(name)
    importlib.import_module("planners.model.prebuilt_methods_rest")  # (a method's first call finds it loaded)


def _set_identity(app: QApplication) -> None:
    """The window and task-bar icon, and the desktop file name Wayland and the task bar match with the menu
    entry that the Linux installer writes (installer/linux/sundhedshus.desktop)."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QGuiApplication, QIcon

    from planners.reference import resources_dir

    QGuiApplication.setDesktopFileName("sundhedshus")
    icon = QIcon()
    for png in sorted((resources_dir() / "icons").glob("sundhedshus-*.png")):
        # The size from the name ("sundhedshus-256.png"): given it, Qt need not open each file to find it (≈ 1 ms).
        side = png.stem.rpartition("-")[2]
        icon.addFile(str(png), QSize(int(side), int(side)) if side.isdigit() else QSize())
    if not icon.isNull():
        app.setWindowIcon(icon)


def _FileOpenFilter(window: MainWindow) -> QObject:  # noqa: N802 (a class made on first use: Qt is imported late)
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtGui import QFileOpenEvent

    class FileOpenFilter(QObject):
        """Opens the plan of a QFileOpenEvent (a double-click in macOS's Finder) in the window."""

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if isinstance(event, QFileOpenEvent) and event.file():
                window.open_path(event.file())
                return True
            return False

    return FileOpenFilter(window)


def needs_offscreen() -> bool:
    return (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"))  # fmt: skip


def run(args: list[str]) -> int:
    """Start the app; after its event loop the process ends in `leave` (a usage error or the self-test return)."""
    started = time.perf_counter()
    options = [a for a in args if a.startswith("-")]
    files = [a for a in args if not a.startswith("-")]
    unknown = [a for a in options if a not in ("--example", "--self-test")]
    if unknown or len(files) > 1 or (files and options):
        print(_usage(), file=sys.stderr)
        return 2
    if "--self-test" in options:
        if needs_offscreen():
            os.environ["QT_QPA_PLATFORM"] = "offscreen"
        from desktop.selftest import self_test

        return self_test(make_application)
    if needs_offscreen():
        print("Der er ingen skærm (DISPLAY er ikke sat). Brug kommandoerne: sundhedshus --help", file=sys.stderr)
        return 2
    # No cyclic collection while the start builds the window: the GUI's collector (`desktop.collector`, installed by
    # `make_application`) switches automatic collection off anyway and collects on its timer, as the interpreter
    # would have, once the window is up. Before it, the interpreter collected ≈ 30 times while the core and PySide
    # were imported, walking objects that all live as long as the app (≈ 9 M instructions, bench/RESULTS.md).
    gc.disable()
    load_core_first(plan=bool(files))
    app = make_application()
    from desktop.dialogs import crash
    from desktop.mainwindow import MainWindow

    crash.install()
    from desktop.settings import startup

    startup()  # the remembered language and the user's data folder, before anything is built
    window = MainWindow(start_page=not files and "--example" not in options)  # a plan opened shows its own page
    window.show_on_screen()  # never larger than the screen; maximized on a laptop or projector
    if os.environ.get(STARTUP_PROBE):  # a bench never waits on a dialog nobody answers
        def refuse(title: str, text: str) -> bool:
            print(f"{title}: {text}", file=sys.stderr)
            return False

        window.ask = refuse  # type: ignore[method-assign]
        window.tell = refuse  # type: ignore[method-assign,assignment]
    if sys.platform == "darwin":
        # macOS: Finder opens a plan by an event, not an argument. Only there: an application-wide filter written
        # in Python has every event of every widget handed to Python, and PySide then creates the Python type (and
        # its enums) of every Qt class it meets — about 190 enum classes and ≈ 40 ms before the first paint.
        opener = _FileOpenFilter(window)
        app.installEventFilter(opener)
    if files:
        window.open_path(files[0])
    elif "--example" in options:
        window.open_example()
    window.show_start_if_empty()
    code = _probe(app, window, started) if os.environ.get(STARTUP_PROBE) else app.exec()
    leave(app, code)


def leave(app: QApplication, code: int) -> NoReturn:
    """End the process at once after the event loop: every edit is already stored and the windows are closed (the
    plan's lock released), so nothing is left to do but free memory. A normal interpreter exit frees every
    object, module and widget one by one (≈ 60–100 ms CPU after showing the example, against ≈ 20 ms of a bare
    window); the exit handlers (`atexit`) still run, the settings are written, the output is flushed."""
    from PySide6.QtCore import QSettings

    from desktop.mainwindow import MainWindow

    for widget in app.topLevelWidgets():
        if not isinstance(widget, MainWindow):
            continue
        if widget.isVisible():
            widget.close()  # an event loop ended by a quit(), not by closing: close as the user would
        if widget.session is not None:
            widget.close_plan(show_start=False)  # a hidden window's plan (a version's copy): its lock released
        widget.settings.sync()
    QSettings().sync()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    os._exit(code)


def _probe(app: QApplication, window: MainWindow, started: float) -> int:
    """The bench's start probe: run the event loop until the window has been painted once (a zero-timer
    after its first paint event, so the whole pass is done), print the seconds, then close as the app does."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.seen = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if not self.seen and event.type() == QEvent.Type.Paint and watched is window:
                self.seen = True
                QTimer.singleShot(0, app.quit)
            return False

    painted = FirstPaint()
    window.installEventFilter(painted)
    QTimer.singleShot(10_000, app.quit)  # never hang a bench on a platform that paints nothing
    app.exec()
    print(f"startup {time.perf_counter() - started:.3f} painted={painted.seen}", flush=True)
    if os.environ.get(STARTUP_PROBE) == "modules":  # what the first painted window loaded (a test reads it)
        import enum
        import gc

        qt_enums = [t for t in gc.get_objects() if isinstance(t, enum.EnumType) and t.__module__.startswith("PySide6")]
        print("modules " + " ".join(sorted(m for m in sys.modules if m.startswith(("desktop", "planners")))))
        print(f"qt-enum-classes {len(qt_enums)}")
        # Whether the `Qt` namespace's enum classes were built (≈ 95 at once, on its first touch: desktop.qtprops);
        # `AlignRight` is a member of `Qt.AlignmentFlag` only.
        print(f"qt-namespace {any('AlignRight' in e.__members__ for e in qt_enums)}", flush=True)
    window.close()
    return 0
