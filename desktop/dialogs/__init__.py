"""The dialogs of the desktop app: About, the capacity aid, the plan's catalogs, the crash dialog and help.
"""
