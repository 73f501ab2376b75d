"""One lock for every matplotlib drawing in the process.

matplotlib is not thread-safe: its font and text-layout caches are shared by all figures. The app draws its
charts on a worker thread (desktop/charts_view.py) while an export may draw the report's charts on another; two
drawings at once crashed the process (a segfault in the charts worker during a report export, seen once in the
suite under load). Everything that draws or saves a matplotlib figure outside the main command line holds this
lock. It is re-entrant: a report's charts are drawn inside the lock that saves them. Kept free of matplotlib so
that taking it imports nothing.
"""

from __future__ import annotations

import threading

DRAW_LOCK = threading.RLock()
