"""The lock file of a plan opened for editing (DESIGN §2), like an office suite's lock files.

`NAME.sundhedshus.lock` beside the plan holds JSON: user, host, pid, time (ISO 8601). It is created
atomically — a fully written temporary file hard-linked into place, which fails if a lock exists; where the
file system has no hard links, `O_CREAT | O_EXCL` — and removed on close. A lock whose process is gone on
the same host is stale and is taken over; a lock from another host is always respected (we cannot see its
processes). The file is data from outside: read with a size cap, never blocking, tolerant of any bytes; its
user and host are cleaned before they are shown (`clean_name`). An empty or garbage lock, or one of this very
process, is never taken over silently: the GUI asks, then calls `take_over()`.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

from planners.model.errors import PlanLocked
from planners.model.i18n import N_, Message, translate
from planners.model.prebuilt import dataclass

LOCK_SUFFIX = ".lock"
# A lock file is data from outside (issue 20.4): at most this many bytes are read; a larger one is garbage.
MAX_LOCK_BYTES = 4096
MAX_PID = 2**31 - 1  # os.kill() of a larger number raises OverflowError
MAX_NAME = 64  # characters of a user or host name shown


def lock_path(plan_path: str | os.PathLike[str]) -> Path:
    """The lock file of a plan: the plan's file name + `.lock`, in the same folder."""
    p = Path(plan_path)
    return p.with_name(p.name + LOCK_SUFFIX)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name (some containers): the uid still tells processes apart
        return str(os.getuid()) if hasattr(os, "getuid") else "ukendt"


def _host() -> str:
    """This machine's name, as `socket.gethostname()` gives it: where there is `uname` (Linux, macOS) that is its
    node name, the very value gethostname reads there; importing `socket` for it costs ≈ 3 ms at every start."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import socket  # Windows

    return socket.gethostname()


def _owner_now() -> dict[str, object]:
    return {
        "user": _user(),
        "host": _host(),
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


def clean_name(value: object, limit: int = MAX_NAME) -> str:
    """A user or host name from a lock file, safe to show: control, format (bidi overrides, zero-width) and
    other invisible characters removed, whitespace collapsed, at most `limit` characters."""
    import unicodedata

    text = value if isinstance(value, str) else ""
    kept = "".join(" " if c.isspace() else c for c in text
                   if c.isspace() or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))  # fmt: skip
    kept = " ".join(kept.split())
    return kept if len(kept) <= limit else kept[: limit - 1] + "…"


def valid_pid(value: object) -> int | None:
    """The pid of a lock file if it is one (an int of a plausible size), else None."""
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= MAX_PID else None


OWNER_TEXT = N_("Planen er åben hos {user} på {host}{when}")


def owner_values(owner: Mapping[str, object]) -> dict[str, object]:
    """The fields of `OWNER_TEXT` for a lock's owner (the unknown ones and the time said in words)."""
    when: object = ""
    try:
        t = datetime.fromisoformat(str(owner.get("time"))[:40])
        when = Message.of(N_(" siden {date} kl. {time}"), date=f"{t:%d.%m.%Y}", time=f"{t:%H:%M}")
    except (TypeError, ValueError, OverflowError):
        pass
    return {
        "user": clean_name(owner.get("user")) or Message.of(N_("en ukendt bruger")),
        "host": clean_name(owner.get("host")) or Message.of(N_("en ukendt computer")),
        "when": when,
    }


UNKNOWN_OWNER_TEXT = N_("Planen er låst af en ukendt bruger (låsefilen er tom eller kan ikke læses)")


def describe_owner(owner: Mapping[str, object], lang: str = "da") -> str:
    """'Planen er åben hos anne på pc-42 siden 24.11.2026 kl. 09:12' (in `lang`, for the user); names cleaned
    of control and direction characters and capped (a lock file is data from outside)."""
    if not owner:
        return translate(UNKNOWN_OWNER_TEXT, lang)
    return translate(OWNER_TEXT, lang, **owner_values(owner))


def _locked(owner: Mapping[str, object]) -> PlanLocked:
    if not owner:
        return PlanLocked(UNKNOWN_OWNER_TEXT, {})
    return PlanLocked(OWNER_TEXT, _shown(owner), **owner_values(owner))


def _read_bytes(path: Path) -> bytes | None:
    """At most MAX_LOCK_BYTES + 1 bytes of a lock file (never blocking on a FIFO); None if there is none."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        return None
    except OSError:
        return b""
    try:
        return os.read(fd, MAX_LOCK_BYTES + 1)
    except OSError:
        return b""
    finally:
        os.close(fd)


def read_lock(plan_path: str | os.PathLike[str]) -> dict[str, object] | None:
    """The owner recorded in a plan's lock file; None without a lock; {} if it is empty, too large, not UTF-8,
    not JSON or not an object (garbage: `PlanLocked` with an empty owner, which the GUI offers to take over)."""
    return read_lock_bytes(_read_bytes(lock_path(plan_path)))


def _is_stale(owner: dict[str, object]) -> bool:
    if owner.get("host") != _host():
        return False
    pid = valid_pid(owner.get("pid"))
    return pid is not None and not _process_alive(pid)


# Lock files this process holds through a live PlanLock: a lock with our pid that is NOT here was left behind
# (an open that failed halfway, a window that crashed) and may be taken over after asking.
_HELD: set[str] = set()


def is_own(owner: dict[str, object], plan_path: str | os.PathLike[str] | None = None) -> bool:
    """A lock written by this very process that no live PlanLock of it holds any more."""
    if owner.get("host") != _host() or valid_pid(owner.get("pid")) != os.getpid():
        return False
    return plan_path is None or os.path.abspath(lock_path(plan_path)) not in _HELD


def take_over(plan_path: str | os.PathLike[str], seen: dict[str, object]) -> bool:
    """Remove a lock the user agreed to take over (empty, garbage or this process's own), only if it is still
    the one the user was shown; True if the lock is gone. The caller then opens the plan as usual."""
    path = lock_path(plan_path)
    current = read_lock(plan_path)
    if current is None:
        return True
    if current != seen or (current and not is_own(current, plan_path)):
        return False
    aside = path.with_name(f".{path.name}.{os.getpid()}.stale")
    try:
        os.rename(path, aside)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    moved = _read_bytes(aside)
    judged = read_lock_bytes(moved)
    if judged != seen:  # another process locked it between our read and the rename: give it back
        with contextlib.suppress(OSError):
            os.link(aside, path)
        with contextlib.suppress(OSError):
            aside.unlink()
        return False
    with contextlib.suppress(OSError):
        aside.unlink()
    return True


def read_lock_bytes(data: bytes | None) -> dict[str, object] | None:
    """`read_lock` of bytes already read."""
    if data is None:
        return None
    if len(data) > MAX_LOCK_BYTES:
        return {}
    try:
        parsed = json.loads(data.decode("utf-8"))
    except (ValueError, RecursionError):  # UnicodeDecodeError is a ValueError
        return {}
    return parsed if isinstance(parsed, dict) else {}


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
        _HELD.discard(os.path.abspath(self.path))
        current = read_lock_bytes(_read_bytes(self.path))
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
            _HELD.add(os.path.abspath(path))
            return PlanLock(path, owner)
        existing = read_lock(plan_path)
        if existing is None:
            continue  # removed in between: try again
        if not existing or not _is_stale(existing):
            raise _locked(existing)
        # Stale: move it aside under a name of our own, and only then check it is the lock we judged; a
        # process that took it over in between would otherwise lose its fresh lock to us.
        aside = path.with_name(f".{path.name}.{os.getpid()}.stale")
        try:
            os.rename(path, aside)
        except FileNotFoundError:
            continue
        moved = read_lock_bytes(_read_bytes(aside))
        if moved != existing:
            with contextlib.suppress(OSError):
                os.link(aside, path)  # put the other process's lock back
            with contextlib.suppress(OSError):
                aside.unlink()
            raise _locked(moved or {})
        with contextlib.suppress(OSError):
            aside.unlink()
    owner_now = read_lock(plan_path) or {}
    raise _locked(owner_now)


def _shown(owner: Mapping[str, object]) -> dict[str, str]:
    """The owner as PlanLocked carries it: known keys only, each cleaned and capped."""
    return {k: clean_name(str(owner[k]), 80) for k in ("user", "host", "pid", "time") if k in owner}
