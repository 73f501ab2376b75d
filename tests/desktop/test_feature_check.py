"""PySide's import hook asks of each module whether its source names "PySide6"; the app answers it from the file's
bytes instead of through `inspect.getsource` (`desktop.app.quicken_feature_check`, issue 19: ≈ 20 M instructions
at start). The answer must be PySide's own for every module: those the app loads, and modules written here in
other encodings, with and without the word, and without a source file."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from desktop import app


@pytest.fixture
def quick(qapp):  # noqa: ANN001, ANN201 (the application made: the check is quickened by make_application)
    feature = sys.modules["shibokensupport.feature"]
    app.quicken_feature_check()
    check = feature._mod_uses_pyside
    assert getattr(check, "quick", False)
    return check


def _load(path: Path, name: str):  # noqa: ANN202
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_answer_is_pysides_for_every_module_loaded(quick) -> None:  # noqa: ANN001
    import desktop.mainwindow  # noqa: F401 (the window's modules, ours and the standard library's)

    modules = [m for m in list(sys.modules.values()) if m is not None]
    assert len(modules) > 100
    named = 0
    for module in modules:
        answer = quick(module)
        assert answer == quick.asked(module), module.__name__
        named += answer
    assert named >= 10  # our modules that import PySide6 (desktop.mainwindow, desktop.panel, …)
    assert quick(sys.modules["desktop.mainwindow"]) and not quick(sys.modules["planners.model"])


@pytest.mark.parametrize("encoding", ["utf-8", "latin-1"])
@pytest.mark.parametrize("names", [True, False])
def test_modules_in_other_encodings(quick, tmp_path: Path, encoding: str, names: bool) -> None:  # noqa: ANN001
    word = "PySide6" if names else "PySide"
    text = f"# -*- coding: {encoding} -*-\n# Sundhedshus, Færøerne, {word}\nVALUE = 'æøå'\n"
    path = tmp_path / f"mod_{encoding.replace('-', '_')}_{names}.py"
    path.write_bytes(text.encode(encoding))
    module = _load(path, path.stem)
    assert quick(module) is names
    assert quick.asked(module) is names


def test_a_module_whose_source_is_gone(quick, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "gone_module.py"
    path.write_text("import PySide6\n", encoding="utf-8")
    module = _load(path, "gone_module")
    path.unlink()
    assert quick(module) is quick.asked(module) is False
    builtin = sys.modules["sys"]
    assert quick(builtin) is quick.asked(builtin) is False
