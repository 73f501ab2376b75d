"""The cycle collector runs on the GUI thread only (desktop/collector.py): a worker thread must never free a Qt
object (a closed plan's session in a reference cycle, freed by a collection the chart worker happened to trigger,
deadlocked the suite)."""

from __future__ import annotations

import gc
import threading
import weakref

from desktop.app import make_application


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


def test_automatic_collection_is_off_and_the_gui_thread_collects_cycles(qtbot) -> None:  # noqa: ANN001
    make_application()
    assert not gc.isenabled()
    node = _Node()
    gone = weakref.ref(node)
    del node
    # a worker allocating far past every threshold collects nothing: the cycle is still there
    done = threading.Event()

    def allocate() -> None:
        junk = [[i] for i in range(50_000)]
        del junk
        done.set()

    worker = threading.Thread(target=allocate)
    worker.start()
    worker.join()
    assert done.is_set() and gone() is not None
    # the GUI thread's timer collects it (the counts are far past the thresholds now)
    for _ in range(3):
        [_Node() for _ in range(1_000)]  # noqa: B018 (cycles, to pass generation 0's threshold)
    qtbot.waitUntil(lambda: gone() is None, timeout=10_000)
