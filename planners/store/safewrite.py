"""Writing an output file safely: never half-written, never over a file the user cannot lose.

Exports (the annex, the report, JSON) are written to a temporary file in the target's folder and moved
into place with one rename. Before anything is written, the target is checked: a missing or read-only
folder, a read-only target, or a target open in an office suite (its lock file `.~lock.NAME#` beside it,
DESIGN §7) gives a Danish message and leaves any existing file as it was. A target that is a plan file (by
name or content) or a plan's journal, lock or backup is always refused (`targets.refuse_plan_target`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from planners.model.errors import PlanError, TargetRefused  # noqa: F401 (TargetRefused: its home for callers)
from planners.model.i18n import N_, Message


def office_lock_file(target: Path) -> Path:
    """The lock file LibreOffice (and OpenOffice) keeps beside a document it has open."""
    return target.with_name(f".~lock.{target.name}#")


def check_target(target: Path) -> None:
    """Raise `TargetRefused` with a Danish reason if `target` cannot be (re)written safely."""
    from planners.store.targets import refuse_plan_target

    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    refuse_plan_target(target)  # no export is ever written over a plan (issue 20.8)
    if target.is_dir():
        raise TargetRefused("{path} er en mappe; angiv et filnavn", path=target)
    if not folder.is_dir():
        raise TargetRefused("Mappen {folder} findes ikke", folder=folder)
    if _read_only(folder):
        raise TargetRefused("Der kan ikke skrives i mappen {folder} (skrivebeskyttet)", folder=folder)
    if target.exists() and _read_only(target):
        raise TargetRefused("{name} er skrivebeskyttet; den er ikke ændret. Vælg et andet filnavn.", name=target.name)
    lock = office_lock_file(target)
    if lock.exists():
        owner = _office_lock_owner(lock)
        who: object = Message.of(N_(" af {owner}"), owner=owner) if owner else ""
        raise TargetRefused(
            "{name} er åben i et regneark eller kontorprogram{who}. Luk den og prøv igen; filen er ikke ændret.",
            name=target.name, who=who,
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
    clean_leftovers(folder)
    # Our pid in the name: a later run can tell a killed export's leftover from one being written now.
    fd, name = tempfile.mkstemp(prefix=f".{target.stem}.{os.getpid()}.", suffix=f".tmp{target.suffix}", dir=folder)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        with open(tmp, "rb+") as fh:  # flush to disk before the rename makes it visible
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600); give it the mode an ordinary new file would have.
        os.chmod(tmp, ordinary_mode(target))
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)
        failed = write_error(exc, target, N_("Filen er ikke skrevet; en tidligere fil af samme navn er uændret."),
                             folder)  # fmt: skip
        if failed is not None:
            raise failed from exc
        raise


_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_LOST = {errno.EIO, errno.ENOENT, errno.ENODEV, errno.ENXIO, getattr(errno, "ESTALE", errno.EIO), errno.EROFS,
         errno.EACCES, errno.EPERM}  # fmt: skip
LOW_SPACE = 1 << 20  # bytes: below this, a writer's odd error (zlib.error, a short write) is the full disk


def write_error(exc: BaseException, target: Path, what: str, folder: Path | None = None) -> PlanError | None:
    """A Danish reason for a full disk or lost access while writing `target` (issue 20.9), or None for any other
    error. `what` is a msgid (N_): what was not done, and that nothing is lost."""
    if isinstance(exc, PlanError):
        return None  # already said in Danish
    code = exc.errno if isinstance(exc, OSError) else None
    if code in _DISK_FULL:
        return PlanError("Disken er fuld. {what}", what=Message.of(what))
    if code in _LOST:
        return PlanError("Der er ikke længere adgang til {name} (drev fjernet, netværk afbrudt eller "
                         "skrivebeskyttet). {what}", name=target.name, what=Message.of(what))  # fmt: skip
    if isinstance(exc, Exception) and not isinstance(exc, OSError):
        # Libraries report a full disk in their own words (zlib.error, "short write"): ask the disk.
        try:
            free = shutil.disk_usage(folder or target.parent).free
        except OSError:
            return None
        if free < LOW_SPACE:
            return PlanError("Disken er fuld. {what}", what=Message.of(what))
    return None


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


# --- leftovers of killed processes (issue 20.5) ------------------------------------------------------------

# Temporary files only this app makes (exports, new plans and copies, migration backups, lock files), with the
# pid of the process that made them where the name has one. Nothing else in a folder is ever touched.
_WITH_PID = (
    re.compile(r"\..+\.(?P<pid>\d{1,10})\.[A-Za-z0-9_]{8}\.tmp\.(xlsx|pdf|json)\Z"),  # an export
    re.compile(r"\..+\.sundhedshus\.bak-v\d+\.(?P<pid>\d{1,10})\.tmp\Z"),  # a migration's backup copy
    re.compile(r"\..+\.sundhedshus\.lock\.(?P<pid>\d{1,10})\.(tmp|stale)\Z"),  # a lock being made or moved
)
_WITHOUT_PID = (
    re.compile(r"\..+\.[A-Za-z0-9_]{8}\.tmp\.(xlsx|pdf|json)\Z"),  # an export of an earlier version
    re.compile(r"\..+\.sundhedshus\.[A-Za-z0-9_]{8}\.tmp\Z"),  # a new plan or a copy being written
)
# A leftover is removed only if it is older than this process, and either its process is gone and it has
# not been written for DEAD_SECONDS, or nothing has written it for QUIET_SECONDS (no export, copy or backup
# takes that long without writing; on a shared folder the pid may be another computer's, so the pid alone
# never decides).
DEAD_SECONDS = 60
QUIET_SECONDS = 15 * 60
_STARTED = time.time()


def _pid_alive(pid: int) -> bool:
    if pid <= 0 or pid > 2**31 - 1:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process, or we may not ask: leave its files alone
    return True


def leftovers(folder: Path, now: float | None = None) -> list[Path]:
    """Our own temporary files in `folder` left by a killed export, copy, migration or lock (see above)."""
    now = time.time() if now is None else now
    found = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        name = entry.name
        if not name.startswith(".") or ".tmp" not in name and not name.endswith(".stale"):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not entry.is_file(follow_symlinks=False):
            continue
        if st.st_mtime >= _STARTED:
            continue
        age = now - st.st_mtime
        match = next((m for p in _WITH_PID if (m := p.match(name))), None)
        if match is not None:
            if age >= QUIET_SECONDS or age >= DEAD_SECONDS and not _pid_alive(int(match["pid"])):
                found.append(Path(entry.path))
        elif age >= QUIET_SECONDS and any(p.match(name) for p in _WITHOUT_PID):
            found.append(Path(entry.path))
    return found


def clean_leftovers(folder: Path) -> int:
    """Remove `leftovers(folder)`; how many. Never raises: cleaning up must not stop an export or an open."""
    removed = 0
    for path in leftovers(Path(folder)):
        with contextlib.suppress(OSError):
            path.unlink()
            removed += 1
    return removed

