"""The benchmark (issue 11): ``ipcw bench`` builds synthetic WTO-like corpora of three sizes through
ipcw's own indexing, runs a fixed set of queries, and measures the same texts and queries on
tantivy beside it. See :mod:`ipcw.bench.run` and the README's Performance section."""
