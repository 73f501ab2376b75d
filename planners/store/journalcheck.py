"""Whether a journal beside a plan file is this plan's (issue 20.8), judged before SQLite may roll it back. Imported
only where a journal lies beside the plan (`filecheck.check_header`): an editor killed in a commit leaves one, a
plan closed cleanly never.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from planners.model.errors import RefusedFile

JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")


def check_journal(path: Path, head: bytes, journal: Path, page_size: int) -> None:
    """A regular file `journal` beside the plan `path` (`head`: the plan's first 100 bytes, `page_size` its pages'):
    ignored where it is not hot, refused unless it is this plan's (`_journal_fits`), in the words of every open."""
    with open(journal, "rb") as f:
        jhead = f.read(28)
    if len(jhead) < 28 or jhead[:8] != JOURNAL_MAGIC:
        return  # not hot: SQLite ignores (and the next editing commit deletes) a journal without a header
    journal_page_size = int.from_bytes(jhead[24:28], "big")
    if journal_page_size != page_size:
        raise RefusedFile(
            "Ved siden af planen ligger journalen {name}, som ikke hører til denne plan "
            "(en anden sidestørrelse). Den er ikke brugt, og intet er ændret; flyt den væk og prøv igen.",
            name=journal.name,
        )
    if not _journal_fits(path, head, journal, jhead, page_size):
        raise RefusedFile(
            "Ved siden af planen ligger journalen {name}, som ikke hører til denne plan (dens sider passer "
            "ikke til planens). Den er ikke brugt, og intet er ændret; flyt den væk og prøv igen.",
            name=journal.name,
        )


def _journal_fits(path: Path, head: bytes, journal: Path, jhead: bytes, page_size: int) -> bool:
    """Whether a hot journal is this plan's (issue 20.8). SQLite rolls back ANY valid journal beside a file:
    another plan's, left or copied beside this one, would write that plan's pages into this one (a copy with
    another title became this plan's title, and an editing open made it permanent).

    A journal holds the pages as they were when its transaction began; a page is journaled before it is
    changed in the file. This app's editing connection never spills pages before its commit (`cache_spill =
    OFF`), and a commit writes its pages in ascending order, page 1 (the header, its change counter + 1) first.
    So a journal of this plan is in one of two states, and is applied only if it fits one exactly:
    - nothing of its transaction reached the file yet (page 1 not journaled, or the file's change counter still
      the image's): EVERY journaled page, page 1 included, is still in the file byte for byte as journaled, and
      the header's page count is the journal's at the start — rolling back changes nothing;
    - the commit had begun writing (the file's counter is the image's + 1): the file is then a mix of new and
      old pages, so the pages cannot prove it. What can: a commit changes only the counters, sizes, free list,
      schema cookie and user version of the header — every other header byte equals the image's, the
      "version valid for" equals the new counter, and page 1's b-tree is the image's unless the schema cookie
      changed — and this app writes a plan in place only under its lock: an editor killed in its commit leaves
      its lock file beside the plan. Another plan's journal whose page 1 happens to carry this file's counter
      − 1 (a copy of this plan edited as often as it, say) is refused when no lock file is beside the plan.
    """
    count_at_start = int.from_bytes(jhead[16:20], "big")
    sector = int.from_bytes(jhead[20:24], "big")
    if not 512 <= sector <= 65536:
        return False
    size = journal.stat().st_size
    record_size = 4 + page_size + 4
    counter = int.from_bytes(head[24:28], "big")
    page1: bytes | None = None
    pages: list[tuple[int, bytes]] = []
    with open(journal, "rb") as f:
        # Every segment, as SQLite plays them back: a header (at a multiple of the sector size) and its records;
        # a journal synced more than once (pages spilled in a big transaction) has several.
        offset, first = 0, True
        while offset + 28 <= size:
            f.seek(offset)
            header = f.read(28)
            if header[:8] != JOURNAL_MAGIC:
                break
            records = int.from_bytes(header[8:12], "big")
            if records in (0, 0xFFFFFFFF):  # not synced: counted by the file's size (at most what is there)
                records = max(0, (size - offset - sector) // record_size)
            records = min(records, max(0, (size - offset - sector) // record_size))
            f.seek(offset + sector)
            for _ in range(records):
                record = f.read(record_size)
                number = int.from_bytes(record[:4], "big")
                if len(record) < record_size or number == 0:
                    break
                image = record[4:4 + page_size]
                if number == 1 and first:
                    page1 = image  # the header as the transaction found it (a later image is no older)
                elif 1 < number <= count_at_start:
                    pages.append((number, image))
            end = offset + sector + records * record_size
            offset, first = -(-end // sector) * sector, False
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    try:
        if page1 is not None:
            image_counter = int.from_bytes(page1[24:28], "big")
            if int.from_bytes(page1[28:32], "big") != count_at_start:
                return False
            if counter == image_counter:  # nothing written yet: page 1 and every other page as journaled
                pages.append((1, page1))
            elif counter == (image_counter + 1) & 0xFFFFFFFF:  # the commit had begun (page 1 written first)
                file_page1 = os.pread(fd, page_size, 0)
                return (page1[16:24] == head[16:24] and page1[44:60] == head[44:60]
                        and page1[64:92] == head[64:92] and head[92:96] == head[24:28]
                        and (page1[40:44] != head[40:44] or page1[100:] == file_page1[100:])
                        and _editor_lock_beside(path))  # fmt: skip
            else:
                return False
        elif int.from_bytes(head[28:32], "big") != count_at_start:
            return False
        return all(os.pread(fd, page_size, (number - 1) * page_size) == image for number, image in pages)
    finally:
        os.close(fd)


def _editor_lock_beside(path: Path) -> bool:
    """Whether a lock file (`planners.store.lock`: the plan's name + ".lock") is beside the plan, as an
    editor of this app leaves it when it is killed: it takes the lock before it writes a byte of the plan."""
    try:
        return stat.S_ISREG(os.lstat(path.with_name(path.name + ".lock")).st_mode)
    except OSError:
        return False


