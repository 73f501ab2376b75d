"""The lock file of a plan opened for editing (DESIGN §2), like an office suite's lock files.

`NAME.sundhedshus.lock` beside the plan holds JSON: user, host, pid, time (ISO 8601). It is created
atomically — a fully written temporary file hard-linked into place, which fails if a lock exists; where the
file system has no hard links, `O_CREAT | O_EXCL` — and removed on close. A lock whose process is gone on
the same host is stale and is taken over; a lock from another host is always respected (we cannot see its
processes).
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from planners.model.errors import PlanLocked

LOCK_SUFFIX = ".lock"


def lock_path(plan_path: str | os.PathLike[str]) -> Path:
    """The lock file of a plan: the plan's file name + `.lock`, in the same folder."""
    p = Path(plan_path)
    return p.with_name(p.name + LOCK_SUFFIX)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): the uid still tells processes apart
        return str(os.getuid()) if hasattr(os, "getuid") else "ukendt"


def _owner_now() -> dict[str, object]:
    return {
        "user": _user(),
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "time": datetime.now().astimezone().isoformat(timespec="seconds"),
    }


def _process_alive(pid: int) -> bool:
    """Whether a process of this host is running (a zombie, killed but not yet reaped, counts as gone)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    except OSError:
        return False
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except (OSError, IndexError):
        return True  # no /proc (macOS): trust kill()


def describe_owner(owner: Mapping[str, object]) -> str:
    """'Planen er åben hos anne på pc-42 siden 24.11.2026 kl. 09:12' (Danish, for the user)."""
    user = owner.get("user") or "en ukendt bruger"
    host = owner.get("host") or "en ukendt computer"
    when = ""
    try:
        t = datetime.fromisoformat(str(owner.get("time")))
        when = f" siden {t:%d.%m.%Y} kl. {t:%H:%M}"
    except (TypeError, ValueError):
        pass
    return f"Planen er åben hos {user} på {host}{when}"


def read_lock(plan_path: str | os.PathLike[str]) -> dict[str, object] | None:
    """The owner recorded in a plan's lock file; None without a lock; {} if it cannot be read."""
    try:
        text = lock_path(plan_path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _is_stale(owner: dict[str, object]) -> bool:
    if owner.get("host") != socket.gethostname():
        return False
    pid = owner.get("pid")
    return isinstance(pid, int) and not _process_alive(pid)


def _create(path: Path, content: bytes) -> bool:
    """Create the lock file with `content` atomically; False if one exists."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as f:
            f.write(content)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)
            return True
        except FileExistsError:
            return False
        except OSError:
            pass  # no hard links here (some network shares, FAT): fall back to O_EXCL below
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
    except FileExistsError:
        return False
    try:
        os.write(fd, content)
        os.fsync(fd)
    finally:
        os.close(fd)
    return True


@dataclass
class PlanLock:
    """A held lock; `release()` removes the file if it is still ours."""

    path: Path
    owner: dict[str, object]

    def release(self) -> None:
        try:
            current = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if current == self.owner:  # never remove a lock another process took over
            with contextlib.suppress(OSError):
                self.path.unlink()


def acquire(plan_path: str | os.PathLike[str]) -> PlanLock:
    """Take the lock of a plan, taking over a stale one; `PlanLocked` if someone else holds it."""
    path = lock_path(plan_path)
    owner = _owner_now()
    content = json.dumps(owner, ensure_ascii=False).encode("utf-8")
    for _attempt in range(3):
        if _create(path, content):
            return PlanLock(path, owner)
        existing = read_lock(plan_path)
        if existing is None:
            continue  # removed in between: try again
        if not existing or not _is_stale(existing):
            raise PlanLocked(describe_owner(existing), {k: str(v) for k, v in existing.items()})
        # Stale: move it aside under a name of our own, and only then check it is the lock we judged; a
        # process that took it over in between would otherwise lose its fresh lock to us.
        aside = path.with_name(f".{path.name}.{os.getpid()}.stale")
        try:
            os.rename(path, aside)
        except FileNotFoundError:
            continue
        try:
            moved = json.loads(aside.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            moved = None
        if moved != existing:
            with contextlib.suppress(OSError):
                os.link(aside, path)  # put the other process's lock back
            with contextlib.suppress(OSError):
                aside.unlink()
            raise PlanLocked(describe_owner(moved or {}), {k: str(v) for k, v in (moved or {}).items()})
        with contextlib.suppress(OSError):
            aside.unlink()
    owner_now = read_lock(plan_path) or {}
    raise PlanLocked(describe_owner(owner_now), {k: str(v) for k, v in owner_now.items()})
