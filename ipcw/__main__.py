"""``python -m ipcw``: the same as the ``ipcw`` command."""

from ipcw.cli import main

main()
