"""Recalculating workbooks (and converting documents) with LibreOffice headless.

A workbook written by openpyxl holds formulas but no computed values. LibreOffice opens it, computes
every formula and saves a copy; openpyxl then reads the results (`load_workbook(data_only=True)`).
The tests use this to prove that the annex's formulas give the engine's figures, the benchmark to prove
that LibreOffice can recalculate a large annex, and the visual check to print the annex to PDF.

Many files go through one `soffice` call (its start-up costs more than a small file). Each call runs
with its own LibreOffice profile in a temporary folder, so parallel runs (CI, pytest-xdist, a user's own
open LibreOffice) never collide on a shared profile lock.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from planners.model.errors import PlanError
from planners.model.i18n import N_, Message


class RecalcError(PlanError):
    """LibreOffice is missing, failed, or did not write every converted file."""


def soffice_path() -> str | None:
    """The LibreOffice executable on PATH (`soffice`, or `libreoffice` on some distributions), or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(
    paths: Sequence[Path],
    outdir: Path,
    fmt: str = "xlsx",
    *,
    timeout: float = 300,
    profile_dir: Path | None = None,
) -> list[Path]:
    """Convert every file in `paths` with one LibreOffice call; return the written files in input order.

    `fmt` is LibreOffice's target (`xlsx` recalculates and saves a workbook, `pdf` prints it). The output
    keeps each input's stem, so inputs must have distinct stems, and `outdir` must not be their folder
    when `fmt` equals their suffix (LibreOffice would overwrite the input).
    """
    paths = [Path(p).resolve() for p in paths]
    if not paths:
        return []
    stems = [p.stem for p in paths]
    if len(set(stems)) != len(stems):
        raise RecalcError("Filerne skal have forskellige navne")
    outdir = Path(outdir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    if any(p.parent == outdir and p.suffix.lstrip(".") == fmt for p in paths):
        raise RecalcError("Udmappen må ikke være filernes egen mappe")
    exe = soffice_path()
    if exe is None:
        raise RecalcError("LibreOffice (soffice) er ikke installeret; installér libreoffice-calc-nogui")
    targets = [outdir / f"{p.stem}.{fmt}" for p in paths]
    for t in targets:  # a stale result must never pass for a fresh one
        t.unlink(missing_ok=True)
    own_profile = profile_dir is None
    profile = Path(tempfile.mkdtemp(prefix="sundhedshus-lo-")) if own_profile else Path(profile_dir)  # type: ignore[arg-type]
    try:
        cmd = [
            exe,
            f"-env:UserInstallation={profile.resolve().as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            fmt,
            "--outdir",
            str(outdir),
            *map(str, paths),
        ]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired as exc:
            raise RecalcError("LibreOffice svarede ikke inden for {seconds} s", seconds=round(timeout)) from exc
    finally:
        if own_profile:
            shutil.rmtree(profile, ignore_errors=True)
    missing = [t for t in targets if not t.exists()]
    if proc.returncode != 0 or missing:
        detail = (proc.stderr or proc.stdout).strip()[-500:]
        names = ", ".join(t.name for t in missing)
        raise RecalcError("LibreOffice kunne ikke konvertere {names} (kode {code}): {detail}",
                          names=names or Message.of(N_("filerne")), code=proc.returncode, detail=detail)
    return targets


def recalculate(paths: Sequence[Path], outdir: Path | None = None, *, timeout: float = 300) -> list[Path]:
    """Recalculate workbooks with LibreOffice; return the recalculated copies (in `outdir`, by default a
    `recalculated` folder beside the first input), in input order. The inputs are left as they are."""
    paths = [Path(p) for p in paths]
    if not paths:
        return []
    if outdir is None:
        outdir = paths[0].resolve().parent / "recalculated"
    return convert(paths, Path(outdir), "xlsx", timeout=timeout)


def to_pdf(paths: Sequence[Path], outdir: Path, *, timeout: float = 300) -> list[Path]:
    """Print documents (the annex) to PDF with LibreOffice, as a reviewer's printer would."""
    return convert(paths, outdir, "pdf", timeout=timeout)
