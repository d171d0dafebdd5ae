"""The benchmark's fixed query set: every kind of search a researcher runs, each kind several times.

Each query is written in ipcw's query language with the filters the CLI gives; the tantivy
reference (:mod:`ipcw.bench.tantivy_ref`) translates the same query tree, so both engines answer
the same question.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BenchQuery:
    """One query of the benchmark: its kind (the rows of the report), its text, its filters."""

    kind: str
    text: str
    languages: tuple[str, ...] = ()
    origins: tuple[str, ...] = ()
    year: int | None = None
    sort: str = "relevance"  # or "date": newest first
    facets: bool = False


def _all(kind: str, *texts: str, **filters: object) -> list[BenchQuery]:
    return [BenchQuery(kind, text, **filters) for text in texts]  # type: ignore[arg-type]


#: The query set, by kind. Words are ones the synthetic corpus uses (see :mod:`ipcw.bench.texts`)
#: at every frequency: rare ("lesotho"), middling ("geographical"), in nearly every document
#: ("cooperation").
QUERIES: tuple[BenchQuery, ...] = (
    *_all("one word", "cooperation", "geographical", "lesotho", "trademarks", "seminar"),
    *_all(
        "two or three words",
        "technical cooperation",
        "plant variety protection",
        "border enforcement training",
        "patent examination",
    ),
    *_all(
        "phrase",
        '"technical cooperation"',
        '"small and medium-sized enterprises"',
        '"geographical indications"',
        '"public health"',
    ),
    *_all("prefix", "cooperat*", "enforc*", "pharma*"),
    *_all("or", "wipo or unctad", "copyright or trademarks", "lesotho or malawi or zambia"),
    *_all("not", "cooperation not seminar", "patents not pharmaceutical"),
    *_all("symbol", "IP/C/W/640/Add.3", "IP/C/W/1200", "IP/C/R/TC/150"),
    *_all("symbol prefix", "IP/C/W/64*", "IP/C/R/TC/1*"),
    *_all("French", "coopération technique", '"indications géographiques"', languages=("fr",)),
    *_all("Spanish", "cooperación técnica", '"propiedad intelectual"', languages=("es",)),
    *_all("filter", "training", "enforcement", origins=("member",), year=2015),
    *_all("date sort", "technical cooperation", "geographical indications", sort="date"),
    *_all("facets", "technical cooperation", "plant variety", facets=True),
)
