"""Build the installer for the platform this runs on (issue 10): `make installer` runs it on Linux, CI on all three.

    python installer/build.py [--dist DIR] [--work DIR] [--skip-pyinstaller]

1. PyInstaller with `installer/sundhedshus.spec` (one folder) into DIST.
2. Packs it:
   - Linux: `sundhedshus-VERSION-linux-ARCH.tar.gz` with `app/` (the bundle), `share/` (.desktop file, MIME type,
     SVG icon), `install.sh`, `uninstall.sh` and a short `LÆSMIG.txt`.
   - Windows: `Sundhedshus-VERSION-windows-setup.exe` with Inno Setup 6 (`installer/windows/sundhedshus.iss`)
     where ISCC is found (on PATH, or `ISCC` names it); else the bundle folder only, with a message.
   - macOS: `Sundhedshus-VERSION-macos-ARCH.dmg` with `hdiutil` (the .app and a link to /Applications).
3. Prints the build time and the sizes, and writes them to `WORK/installer-metrics.json` (bench/RESULTS.md).

Nothing here is specific to one machine: paths are relative to the checkout, tools are looked up on PATH.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
INSTALLER = ROOT / "installer"
SPEC = INSTALLER / "sundhedshus.spec"


def version() -> str:
    """The app's version, read from `planners/__init__.py` without importing the app."""
    text = (ROOT / "planners" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__\s*=\s*"([^"]+)"', text)
    if match is None:
        raise SystemExit("planners/__init__.py har ingen __version__")
    return match[1]


def tree_size(path: Path) -> int:
    """Bytes of every regular file under path (links are not followed: a bundle's size on disk)."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def machine() -> str:
    arch = platform.machine().lower()
    return {"amd64": "x86_64", "arm64": "arm64", "aarch64": "aarch64"}.get(arch, arch or "unknown")


def run_pyinstaller(dist: Path, work: Path) -> None:
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
               "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=ROOT)


def strip_debug_info(bundle: Path) -> int:
    """Remove debug sections from the Linux bundle's ELF files that carry them; returns the bytes saved.

    Only files with `.debug_*` sections (libpython from some Python builds, a few extension modules) are touched,
    and never a library that a wheel's auditwheel/patchelf edited (those in `*.libs/`, or with an RPATH into one):
    rewriting those breaks their program headers. Without binutils this is skipped: the bundle is only larger.
    """
    readelf, strip = shutil.which("readelf"), shutil.which("strip")
    if not (readelf and strip):
        print("readelf/strip (binutils) mangler: fejlfindingsdata bliver i bundlen.", file=sys.stderr)
        return 0
    saved = 0
    for path in sorted(bundle.rglob("*")):
        if not path.is_file() or path.is_symlink() or any(part.endswith(".libs") for part in path.parts):
            continue
        with path.open("rb") as handle:
            if handle.read(4) != b"\x7fELF":
                continue
        sections = subprocess.run([readelf, "-S", "-W", str(path)], capture_output=True, text=True).stdout
        if ".debug_" not in sections:
            continue
        dynamic = subprocess.run([readelf, "-d", "-W", str(path)], capture_output=True, text=True).stdout
        if ".libs" in dynamic:
            continue
        before = path.stat().st_size
        subprocess.run([strip, "--strip-debug", str(path)], check=True)
        saved += before - path.stat().st_size
    return saved


def pack_linux(dist: Path, ver: str) -> Path:
    """The .tar.gz a user unpacks and installs with install.sh (files and modes as a user expects)."""
    bundle = dist / "sundhedshus"
    name = f"sundhedshus-{ver}-linux-{machine()}"
    stage = dist / name
    if stage.exists():
        shutil.rmtree(stage)
    (stage / "share").mkdir(parents=True)
    shutil.copytree(bundle, stage / "app", symlinks=True)
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(INSTALLER / "linux" / script, stage / script)
        (stage / script).chmod(0o755)
    shutil.copy2(INSTALLER / "linux" / "sundhedshus.desktop", stage / "share" / "sundhedshus.desktop")
    shutil.copy2(INSTALLER / "linux" / "sundhedshus-mime.xml", stage / "share" / "sundhedshus-mime.xml")
    shutil.copy2(INSTALLER / "icon" / "sundhedshus.svg", stage / "share" / "sundhedshus.svg")
    (stage / "LÆSMIG.txt").write_text(
        f"Sundhedshus {ver}\n\n"
        "Installér for din bruger (kræver ikke root):  ./install.sh\n"
        "Start uden at installere:                     ./app/sundhedshus\n"
        "Afinstallér:                                  ~/.local/share/sundhedshus/uninstall.sh\n\n"
        "Kræver et Linux-skrivebord med X11 eller Wayland og OpenGL-bibliotekerne (Debian/Ubuntu: libgl1 libegl1).\n"
        "Install for your user: ./install.sh   Run in place: ./app/sundhedshus\n",
        encoding="utf-8",
    )
    archive = dist / f"{name}.tar.gz"

    def normalise(info: tarfile.TarInfo) -> tarfile.TarInfo:
        # No build machine's user names in the archive; files unpack as the user who unpacks them.
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        return info

    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(stage, arcname=name, filter=normalise)
    shutil.rmtree(stage)
    return archive


def find_iscc() -> str | None:
    candidates = [os.environ.get("ISCC"), shutil.which("iscc"), shutil.which("ISCC")]
    for base in (os.environ.get("ProgramFiles(x86)"), os.environ.get("ProgramFiles")):
        if base:
            candidates.append(str(Path(base) / "Inno Setup 6" / "ISCC.exe"))
    return next((c for c in candidates if c and Path(c).exists()), None)


def pack_windows(dist: Path, ver: str) -> Path | None:
    iscc = find_iscc()
    if iscc is None:
        print("Inno Setup 6 (ISCC.exe) blev ikke fundet: kun mappen dist/sundhedshus er bygget.", file=sys.stderr)
        return None
    command = [iscc, f"/DAppVersion={ver}", f"/DSourceDir={dist / 'sundhedshus'}", f"/O{dist}",
               str(INSTALLER / "windows" / "sundhedshus.iss")]
    print("+", " ".join(command), flush=True)
    subprocess.run(command, check=True, cwd=ROOT)
    return dist / f"Sundhedshus-{ver}-windows-setup.exe"


def pack_macos(dist: Path, ver: str) -> Path:
    app = dist / "Sundhedshus.app"
    stage = dist / "dmg"
    if stage.exists():
        shutil.rmtree(stage)
    stage.mkdir()
    shutil.copytree(app, stage / app.name, symlinks=True)
    (stage / "Applications").symlink_to("/Applications")  # drag the app onto it to install
    image = dist / f"Sundhedshus-{ver}-macos-{machine()}.dmg"
    image.unlink(missing_ok=True)
    subprocess.run(["hdiutil", "create", "-volname", "Sundhedshus", "-srcfolder", str(stage), "-ov",
                    "-format", "UDZO", str(image)], check=True)
    shutil.rmtree(stage)
    return image


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Byg Sundhedshus' installationspakke for denne platform.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--skip-pyinstaller", action="store_true", help="pak kun en allerede bygget mappe")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    ver = version()
    started = time.perf_counter()
    if not args.skip_pyinstaller:
        run_pyinstaller(dist, work)
    built = time.perf_counter()
    if sys.platform == "win32":
        bundle, package = dist / "sundhedshus", pack_windows(dist, ver)
    elif sys.platform == "darwin":
        bundle = dist / "Sundhedshus.app"
        package = pack_macos(dist, ver)
    else:
        bundle = dist / "sundhedshus"
        saved = strip_debug_info(bundle)
        print(f"Fejlfindingsdata fjernet: {saved / 1024 / 1024:.1f} MiB", flush=True)
        package = pack_linux(dist, ver)
    finished = time.perf_counter()
    metrics = {
        "version": ver,
        "platform": f"{sys.platform}-{machine()}",
        "python": platform.python_version(),
        "pyinstaller_seconds": round(built - started, 1),
        "package_seconds": round(finished - built, 1),
        "bundle": bundle.relative_to(ROOT).as_posix() if bundle.is_relative_to(ROOT) else str(bundle),
        "bundle_bytes": tree_size(bundle),
        "bundle_files": sum(1 for p in bundle.rglob("*") if p.is_file()),
        "package": package.name if package else None,
        "package_bytes": package.stat().st_size if package else None,
    }
    work.mkdir(parents=True, exist_ok=True)
    (work / "installer-metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    mib = 1024 * 1024
    print(f"Bygget på {metrics['pyinstaller_seconds']} s (+ {metrics['package_seconds']} s pakning): "
          f"{bundle.name} {metrics['bundle_bytes'] / mib:.1f} MiB i {metrics['bundle_files']} filer"
          + (f"; {package.name} {metrics['package_bytes'] / mib:.1f} MiB" if package else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
