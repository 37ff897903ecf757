"""Account files and spreadsheets from the window: import with a preview, export, the
recent files of the File menu, and the hand-off of a file to the csdesk already running.

``TransferActions`` (actions.py) is the one object the main window holds; the rest are
its parts: workers off the GUI thread (worker.py), the dialogs, the recent files menu
and the single-instance hand-off.
"""
