"""Writing an output file safely: never half-written, never over a file the user cannot lose.

Exports (the annex, the report, JSON) are written to a temporary file in the target's folder and moved
into place with one rename. Before anything is written, the target is checked: a missing or read-only
folder, a read-only target, or a target open in an office suite (its lock file `.~lock.NAME#` beside it,
DESIGN §7) gives a Danish message and leaves any existing file as it was. A target that is a plan file (by
name or content) or a plan's journal, lock or backup is always refused (`filecheck.refuse_plan_target`).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from planners.model.errors import PlanError


class TargetRefused(PlanError):
    """The output file cannot be written where the user asked; nothing was changed."""


def office_lock_file(target: Path) -> Path:
    """The lock file LibreOffice (and OpenOffice) keeps beside a document it has open."""
    return target.with_name(f".~lock.{target.name}#")


def check_target(target: Path) -> None:
    """Raise `TargetRefused` with a Danish reason if `target` cannot be (re)written safely."""
    from planners.store.filecheck import refuse_plan_target

    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    refuse_plan_target(target)  # no export is ever written over a plan (issue 20.8)
    if target.is_dir():
        raise TargetRefused(f"{target} er en mappe; angiv et filnavn", f"{target} is a folder; give a file name")
    if not folder.is_dir():
        raise TargetRefused(f"Mappen {folder} findes ikke", f"The folder {folder} does not exist")
    if _read_only(folder):
        raise TargetRefused(
            f"Der kan ikke skrives i mappen {folder} (skrivebeskyttet)",
            f"The folder {folder} is read-only",
        )
    if target.exists() and _read_only(target):
        raise TargetRefused(
            f"{target.name} er skrivebeskyttet; den er ikke ændret. Vælg et andet filnavn.",
            f"{target.name} is read-only; it was not changed. Choose another file name.",
        )
    lock = office_lock_file(target)
    if lock.exists():
        owner = _office_lock_owner(lock)
        who = f" af {owner}" if owner else ""
        raise TargetRefused(
            f"{target.name} er åben i et regneark eller kontorprogram{who}. Luk den og prøv igen; filen er ikke ændret.",
            f"{target.name} is open in an office suite{' by ' + owner if owner else ''}. Close it and try again.",
        )


def _read_only(path: Path) -> bool:
    # The mode bits count too: a file marked read-only stays so even for an administrator, who could
    # otherwise write anything.
    return not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222


def _office_lock_owner(lock: Path) -> str:
    # LibreOffice's lock file is one CSV line: ",user name,host,date,profile path;"
    try:
        fields = lock.read_text(encoding="utf-8", errors="replace").split(",")
    except OSError:
        return ""
    return fields[1].strip() if len(fields) > 1 else ""


@contextmanager
def atomic_target(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target`; on success it replaces `target` in one rename.

    The temporary file keeps the target's suffix, so libraries that look at it (openpyxl) are content.
    On any error the temporary file is removed and the target is untouched.
    """
    target = Path(target)
    check_target(target)
    folder = target.parent if str(target.parent) else Path(".")
    fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=f".tmp{target.suffix}", dir=folder)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:  # flush to disk before the rename makes it visible
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600); give it the mode an ordinary new file would have.
        os.chmod(tmp, ordinary_mode(target))
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def ordinary_mode(target: Path) -> int:
    """The mode a file written at `target` should get: the old file's, else what the umask gives a new one."""
    if target.exists():
        return target.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_bytes_atomically(target: Path, data: bytes) -> None:
    with atomic_target(target) as tmp:
        tmp.write_bytes(data)


def write_text_atomically(target: Path, text: str) -> None:
    write_bytes_atomically(target, text.encode("utf-8"))
