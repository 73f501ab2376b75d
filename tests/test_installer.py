"""The installer's files (issue 10), checked without building anything: fast enough for every test run.

The build itself and the bundle's smoke test are `make installer-test` (installer/smoke_test.sh) and CI.
"""

from __future__ import annotations

import configparser
import os
import plistlib
import re
import shutil
import subprocess
import sys
import types
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
INSTALLER = ROOT / "installer"
ICONS = ROOT / "resources" / "icons"
VERSIONINFO = "PyInstaller.utils.win32.versioninfo"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


# --- the PyInstaller spec, run against stand-ins for PyInstaller's build steps ---------------------------------


class _Recorder:
    """Stands in for Analysis/PYZ/EXE/COLLECT/BUNDLE: keeps the arguments, offers the attributes used."""

    def __init__(self, kind: str, calls: list, *args, **kwargs) -> None:
        self.kind, self.args, self.kwargs = kind, args, kwargs
        calls.append((kind, args, kwargs))
        self.binaries: list = []
        self.datas: list = list(kwargs.get("datas", []))
        self.scripts: list = []
        self.pure: list = []


def run_spec(platform: str = "linux") -> tuple[dict, list]:
    calls: list = []
    namespace: dict = {"SPECPATH": str(INSTALLER), "__file__": str(INSTALLER / "sundhedshus.spec")}
    for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"):
        namespace[kind] = lambda *a, _k=kind, **kw: _Recorder(_k, calls, *a, **kw)
    real = sys.platform
    try:
        sys.platform = platform  # the spec picks its programs by platform
        code = compile((INSTALLER / "sundhedshus.spec").read_text("utf-8"), "sundhedshus.spec", "exec")
        saved = sys.modules.get(VERSIONINFO)
        if platform == "win32":
            # PyInstaller's version-resource classes import only on Windows: stand-ins that keep their arguments
            stub = types.ModuleType(VERSIONINFO)
            for name in ("FixedFileInfo", "StringFileInfo", "StringStruct", "StringTable", "VarFileInfo",
                         "VarStruct", "VSVersionInfo"):
                setattr(stub, name, lambda *a, _n=name, **kw: (_n, a, kw))
            sys.modules[VERSIONINFO] = stub
        exec(code, namespace)
    finally:
        sys.platform = real
        if platform == "win32":
            if saved is None:
                sys.modules.pop(VERSIONINFO, None)
            else:
                sys.modules[VERSIONINFO] = saved
    return namespace, calls


def test_spec_collects_the_resources_and_leaves_unused_modules_out() -> None:
    namespace, calls = run_spec("linux")
    analysis = next(c for c in calls if c[0] == "Analysis")
    kwargs = analysis[2]
    sources = {Path(src).relative_to(ROOT).as_posix() for src, _ in kwargs["datas"]}
    for needed in ("resources/templates/example.json", "resources/rounds/2019.json",
                   "resources/catalogs/room_types.json", "resources/icons/sundhedshus-256.png",
                   "resources/icons/sundhedshus.ico", "resources/icons/sundhedshus.icns"):
        assert needed in sources
    # every data file lands under the same relative folder as in the checkout (importlib.resources finds it)
    assert all(Path(src).parent.relative_to(ROOT).as_posix() == dest for src, dest in kwargs["datas"])
    assert "resources" in kwargs["hiddenimports"]
    for unused in ("PySide6.QtWebEngineCore", "PySide6.QtQml", "PySide6.QtQuick", "PySide6.Qt3DCore",
                   "PySide6.QtMultimedia", "PySide6.QtNetwork", "tkinter"):
        assert unused in kwargs["excludes"]
    assert kwargs["hooksconfig"]["matplotlib"]["backends"] == ["Agg", "PDF", "QtAgg"]
    programs = [c for c in calls if c[0] == "EXE"]
    assert [(p[2]["name"], p[2]["console"]) for p in programs] == [("sundhedshus", True)]
    collect = next(c for c in calls if c[0] == "COLLECT")
    assert collect[2]["name"] == "sundhedshus"
    assert not [c for c in calls if c[0] == "BUNDLE"]
    assert namespace["VERSION"] == _version_from_source()


def test_spec_on_macos_makes_an_app_with_the_document_type() -> None:
    _, calls = run_spec("darwin")
    bundle = next(c for c in calls if c[0] == "BUNDLE")[2]
    assert bundle["name"] == "Sundhedshus.app"
    assert bundle["icon"].endswith("sundhedshus.icns")
    info = bundle["info_plist"]
    assert info["CFBundleShortVersionString"] == _version_from_source()
    assert info["CFBundleDocumentTypes"][0]["LSItemContentTypes"] == ["org.sundhedshus.plan"]


def test_spec_on_windows_has_a_windowed_program_and_a_console_twin() -> None:
    _, calls = run_spec("win32")
    programs = {p[2]["name"]: p[2] for p in calls if p[0] == "EXE"}
    assert programs["Sundhedshus"]["console"] is False
    assert programs["sundhedshus-cli"]["console"] is True
    assert programs["Sundhedshus"]["icon"].endswith("sundhedshus.ico")
    version_resource = programs["Sundhedshus"]["version"]
    assert version_resource[0] == "VSVersionInfo"


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/translations/qtbase_da.qm", True),
        ("PySide6/Qt/translations/qtbase_en.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6\\Qt\\translations\\qt_fr.qm", False),  # Windows separators
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platforms/libqvnc.so", False),
        ("PySide6\\Qt\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqxdgdesktopportal.so", True),
        ("PySide6/Qt/plugins/generic/libqtuiotouchplugin.so", False),
        ("PySide6/Qt/plugins/imageformats/libqsvg.so", True),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", True),
        ("PySide6/Qt/plugins/wayland-shell-integration/libivi-shell.so", False),
        ("resources/translations/sundhedshus_en.qm", True),  # the app's own translations always stay
        ("libQt6Widgets.so.6", True),
    ],
)
def test_spec_keeps_what_a_desktop_needs(dest: str, kept: bool) -> None:
    namespace, _ = run_spec("linux")
    assert namespace["keep"](dest) is kept


def test_launcher_hands_over_to_the_console_entry_point() -> None:
    text = (INSTALLER / "launcher.py").read_text("utf-8")
    assert "from desktop.main import main" in text
    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    assert 'sundhedshus = "desktop.main:main"' in pyproject


# --- icons ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [16, 24, 32, 48, 64, 128, 256, 512])
def test_png_icons_have_their_sizes(size: int) -> None:
    with Image.open(ICONS / f"sundhedshus-{size}.png") as image:
        assert image.format == "PNG"
        assert image.size == (size, size)
        assert image.mode == "RGBA"
        # the rounded square leaves the corner transparent and fills the centre
        assert image.getpixel((0, 0))[3] == 0
        assert image.getpixel((size // 2, size // 2))[3] == 255


def test_ico_and_icns_hold_the_sizes_windows_and_macos_ask_for() -> None:
    with Image.open(ICONS / "sundhedshus.ico") as ico:
        assert {16, 32, 48, 256} <= {w for w, h in ico.info["sizes"] if w == h}
    # ICNS: "icns", length, then (type, length, data) chunks. Pillow writes Apple's PNG types 128–512 px at @1x
    # and 16–512 pt at @2x (ic11 = 16 pt on a Retina screen); there is no 16 px @1x type in its output.
    data = (ICONS / "sundhedshus.icns").read_bytes()
    assert data[:4] == b"icns" and int.from_bytes(data[4:8], "big") == len(data)
    types, at = set(), 8
    while at < len(data):
        types.add(data[at:at + 4].decode("ascii"))
        at += int.from_bytes(data[at + 4:at + 8], "big")
    assert {"ic07", "ic08", "ic09", "ic10", "ic11", "ic12", "ic13", "ic14"} <= types


def test_icons_stay_small() -> None:
    total = sum(p.stat().st_size for p in ICONS.iterdir())
    assert total < 200_000


def test_svg_icon_is_a_square_svg() -> None:
    root = ET.parse(INSTALLER / "icon" / "sundhedshus.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 64 64"


# --- Linux desktop integration ---------------------------------------------------------------------------------


def _desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_file_declares_the_app_and_its_file_type() -> None:
    entry = _desktop_entry(INSTALLER / "linux" / "sundhedshus.desktop")
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "@EXEC@ %f"
    assert entry["Icon"] == "sundhedshus"
    assert entry["Terminal"] == "false"
    assert "application/x-sundhedshus;" in entry["MimeType"]
    assert entry["Categories"].split(";")[0] == "Office"  # a registered main category


def test_mime_type_matches_a_real_plan_file() -> None:
    root = ET.parse(INSTALLER / "linux" / "sundhedshus-mime.xml").getroot()
    mime = root.find(f"{MIME_NS}mime-type")
    assert mime is not None and mime.get("type") == "application/x-sundhedshus"
    assert mime.find(f"{MIME_NS}glob").get("pattern") == "*.sundhedshus"
    outer = mime.find(f"{MIME_NS}magic/{MIME_NS}match")
    inner = outer.find(f"{MIME_NS}match")
    header = (ROOT / "tests" / "fixtures" / "plan-v1.sundhedshus").read_bytes()[:100]
    # the magic, read as shared-mime-info reads it, against the header of a plan made by the app
    assert outer.get("value").replace("\\0", "\0").encode() == header[:16]
    offset = int(inner.get("offset"))
    assert inner.get("type") == "big32"
    assert int.from_bytes(header[offset:offset + 4], "big") == int(inner.get("value"), 16)
    assert header[offset:offset + 4] == b"SUND"


def _fake_package(tmp_path: Path) -> Path:
    """An unpacked archive's layout with a stand-in program (the real one takes a PyInstaller build)."""
    package = tmp_path / "pakke"
    app = package / "app"
    (app / "_internal" / "resources" / "icons").mkdir(parents=True)
    program = app / "sundhedshus"
    program.write_text("#!/bin/sh\necho 'sundhedshus 0.0.0'\n")
    program.chmod(0o755)
    for size in (16, 256):
        shutil.copy2(ICONS / f"sundhedshus-{size}.png", app / "_internal" / "resources" / "icons")
    (package / "share").mkdir()
    for name in ("sundhedshus.desktop", "sundhedshus-mime.xml"):
        shutil.copy2(INSTALLER / "linux" / name, package / "share" / name)
    shutil.copy2(INSTALLER / "icon" / "sundhedshus.svg", package / "share")
    for name in ("install.sh", "uninstall.sh"):
        shutil.copy2(INSTALLER / "linux" / name, package / name)
    return package


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the install script is for Linux")
def test_install_and_uninstall_for_the_current_user(tmp_path: Path) -> None:
    package = _fake_package(tmp_path)
    home = tmp_path / 'a $b "c`d\\e'  # every character the Exec line must escape
    home.mkdir()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home)}
    done = subprocess.run(["sh", str(package / "install.sh")], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    data = home / ".local" / "share"
    program = data / "sundhedshus" / "app" / "sundhedshus"
    assert subprocess.run([str(home / ".local" / "bin" / "sundhedshus")], capture_output=True,
                          text=True).stdout == "sundhedshus 0.0.0\n"
    entry = _desktop_entry(data / "applications" / "sundhedshus.desktop")
    # Desktop Entry spec: quoted; ", `, $ escaped by a backslash, a backslash written as four (hand-made)
    expected = '"' + str(tmp_path) + '/a \\$b \\"c\\`d\\\\\\\\e/.local/share/sundhedshus/app/sundhedshus" %f'
    assert entry["Exec"] == expected
    assert entry["TryExec"] == str(program).replace("\\", "\\\\")
    assert (data / "mime" / "packages" / "sundhedshus.xml").is_file()
    assert (data / "icons" / "hicolor" / "16x16" / "apps" / "sundhedshus.png").is_file()
    assert (data / "icons" / "hicolor" / "256x256" / "mimetypes" / "application-x-sundhedshus.png").is_file()
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / "sundhedshus.svg").is_file()

    again = subprocess.run(["sh", str(package / "install.sh")], env=env, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr  # a second install replaces the first

    gone = subprocess.run(["sh", str(data / "sundhedshus" / "uninstall.sh")], env=env, capture_output=True,
                          text=True)
    assert gone.returncode == 0, gone.stderr
    left = [p for p in home.rglob("*") if "sundhedshus" in p.name and p.is_file()]
    assert left == []
    assert not (home / ".local" / "bin" / "sundhedshus").exists()


def test_uninstall_leaves_a_foreign_command_alone(tmp_path: Path) -> None:
    home = tmp_path / "home"
    other = home / ".local" / "bin" / "sundhedshus"
    other.parent.mkdir(parents=True)
    other.write_text("#!/bin/sh\n")
    done = subprocess.run(["sh", str(INSTALLER / "linux" / "uninstall.sh")],
                          env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home)},
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert other.exists()


# --- Windows and macOS files -----------------------------------------------------------------------------------


def test_inno_setup_script_has_association_languages_and_uninstall() -> None:
    text = (INSTALLER / "windows" / "sundhedshus.iss").read_text("utf-8")
    sections = set(re.findall(r"^\[(\w+)\]", text, flags=re.MULTILINE))
    assert {"Setup", "Languages", "Files", "Icons", "Registry", "Tasks", "Run", "UninstallDelete"} <= sections
    assert 'MessagesFile: "compiler:Languages\\Danish.isl"' in text
    assert 'MessagesFile: "compiler:Default.isl"' in text
    assert "DefaultDirName={autopf}\\{#AppName}" in text
    assert 'Subkey: "Software\\Classes\\.sundhedshus"' in text
    assert '"""{app}\\{#AppExe}"" ""%1"""' in text  # open command with the file, both quoted
    assert "ChangesAssociations=yes" in text
    assert re.search(r"^AppId=\{\{[0-9A-F-]{36}\}$", text, flags=re.MULTILINE)


def test_macos_plist_declares_and_opens_the_plan_type() -> None:
    info = plistlib.loads((INSTALLER / "macos" / "Info-additions.plist").read_bytes())
    exported = info["UTExportedTypeDeclarations"][0]
    assert exported["UTTypeTagSpecification"]["public.filename-extension"] == ["sundhedshus"]
    assert exported["UTTypeTagSpecification"]["public.mime-type"] == ["application/x-sundhedshus"]
    assert "public.data" in exported["UTTypeConformsTo"]
    document = info["CFBundleDocumentTypes"][0]
    assert document["LSItemContentTypes"] == [exported["UTTypeIdentifier"]]
    assert document["CFBundleTypeRole"] == "Editor"


def test_no_file_points_at_a_build_machine() -> None:
    files = [p for p in INSTALLER.rglob("*") if p.is_file() and p.suffix != ".pyc"]
    files.append(ROOT / ".github" / "workflows" / "installers.yml")
    pattern = re.compile(r"/work/|/root/|/home/\w|/tmp/[\w-]+/|C:\\Users", re.IGNORECASE)
    for path in files:
        if path.suffix in {".png", ".ico", ".icns"}:
            continue
        text = path.read_text("utf-8")
        assert not pattern.search(text), f"{path} names a machine path"


def test_build_reads_the_version_and_measures_a_tree(tmp_path: Path) -> None:
    sys.path.insert(0, str(INSTALLER))
    try:
        import build as installer_build
    finally:
        sys.path.remove(str(INSTALLER))
    assert installer_build.version() == _version_from_source()
    (tmp_path / "a").write_bytes(b"x" * 10)
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "b").write_bytes(b"y" * 5)
    (tmp_path / "link").symlink_to(tmp_path / "a")
    assert installer_build.tree_size(tmp_path) == 15  # the link is not counted twice


def _version_from_source() -> str:
    from planners import __version__

    return __version__
