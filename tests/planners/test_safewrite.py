"""Safe output writing: refusals leave the target as it was; success leaves no temporary file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from planners.store.safewrite import TargetRefused, office_lock_file, write_text_atomically


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "bilag æø 🏥.txt"
    write_text_atomically(target, "første")
    write_text_atomically(target, "anden")
    assert target.read_text(encoding="utf-8") == "anden"
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]
    umask = os.umask(0o022)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's private 0600


def test_read_only_target_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "bilag.txt"
    target.write_text("original", encoding="utf-8")
    target.chmod(0o444)
    with pytest.raises(TargetRefused, match="skrivebeskyttet"):
        write_text_atomically(target, "ny")
    assert target.read_text(encoding="utf-8") == "original"
    assert [p.name for p in tmp_path.iterdir()] == ["bilag.txt"]


def test_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "låst"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(TargetRefused, match="skrivebeskyttet"):
            write_text_atomically(folder / "bilag.txt", "ny")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_target_open_in_office_suite_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "bilag.xlsx"
    target.write_bytes(b"original")
    office_lock_file(target).write_text(",Anne Jensen,pc-42,24.11.2026 09:12,file:///home/anne;", encoding="utf-8")
    with pytest.raises(TargetRefused, match="Anne Jensen"):
        write_text_atomically(target, "ny")
    assert target.read_bytes() == b"original"


def test_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TargetRefused, match="findes ikke"):
        write_text_atomically(tmp_path / "nej" / "bilag.txt", "ny")


def test_failure_while_writing_leaves_target_and_no_temp(tmp_path: Path) -> None:
    from planners.store.safewrite import atomic_target

    target = tmp_path / "rapport.pdf"
    target.write_bytes(b"gammel")
    with pytest.raises(RuntimeError), atomic_target(target) as tmp:
        tmp.write_bytes(b"halv")
        raise RuntimeError("midt i skrivningen")
    assert target.read_bytes() == b"gammel"
    assert [p.name for p in tmp_path.iterdir()] == ["rapport.pdf"]
