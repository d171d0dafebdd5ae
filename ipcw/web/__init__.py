"""``ipcw serve``: a local web page over the same library calls as the CLI (:mod:`.app`), served
on this machine only unless asked otherwise (:mod:`.serve`). Needs Flask: ``pip install
'ipcw[serve]'``."""
