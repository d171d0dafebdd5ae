"""What commands print: records made plain (:mod:`.records`), then written in one format family.

- :mod:`ipcw.output.records`: each record a command returns (a search :class:`~ipcw.models.Hit`, a
  manifest :class:`~ipcw.harvester.manifest.Entry`, a shown :class:`~ipcw.models.Document`, a
  problem ``ipcw check`` found) as a plain row: the one field list every format shares;
- :mod:`ipcw.output.table`: for people, on a terminal;
- :mod:`ipcw.output.json_format` and :mod:`ipcw.output.csv_format`: for programs.

A new command gets all three by returning records and naming their rows.
"""
