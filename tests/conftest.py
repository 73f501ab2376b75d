"""Shared test set-up: Qt runs offscreen, so tests need no display."""

import os
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Settings (recent plans, window geometry) of every test and the processes it starts in a folder of their own,
# never the user's: the plans of tests were listed among the user's recent plans.
os.environ.setdefault("SUNDHEDSHUS_SETTINGS_DIR", tempfile.mkdtemp(prefix="sundhedshus-settings-"))
