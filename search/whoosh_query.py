"""Translate the engine-neutral query tree of :mod:`ipcw.query` into a Whoosh query.

A word is looked for in every language's title and text fields (each analysed by its own
language's analyzer) and in submitter names; titles weigh more (see ``ipcw.indexer.schema``). A prefix
is looked for among the words as written (the ``words`` field), not among stems. A symbol
is an exact term on ``symbols`` plus its family; a symbol prefix is a term on ``series`` or a
prefix on ``family`` (a few hundred terms at most), never a prefix over every symbol.
"""

from __future__ import annotations

from whoosh import query as wq
from whoosh.fields import Schema

from ipcw.models import LANGUAGES
from ipcw.query import And, Node, Not, Or, Phrase, SymbolQuery, Word
from ipcw.symbols import parse_symbol

TEXT_FIELDS = tuple(f"{kind}_{lang}" for lang in LANGUAGES for kind in ("title", "text"))
EXACT_SYMBOL_BOOST = 20.0
FAMILY_BOOST = 8.0


def _analyse(schema: Schema, field: str, text: str) -> list[str]:
    return [t.text for t in schema[field].analyzer(text, mode="query")]


def _text(schema: Schema, text: str, prefix: bool = False) -> wq.Query:
    """A word or phrase in every language's title and text, and in submitter names."""
    alternatives: list[wq.Query] = []
    if prefix:
        # Against the words as written: "cooperat*" finds "cooperation" (stemmed, "cooper").
        for field in ("words", "submitters"):
            alternatives.extend(wq.Prefix(field, term) for term in _analyse(schema, field, text)[:1])
        return wq.Or(alternatives) if alternatives else wq.NullQuery
    for field in (*TEXT_FIELDS, "submitters"):
        terms = _analyse(schema, field, text)
        if len(terms) == 1:
            alternatives.append(wq.Term(field, terms[0]))
        elif terms:
            alternatives.append(wq.Phrase(field, terms))
    return wq.Or(alternatives) if alternatives else wq.NullQuery


def symbol_query(pattern: str) -> wq.Query:
    """``IP/C/W/647`` → that document and its family; ``IP/C/W/64*`` → families by prefix."""
    if pattern.endswith("*"):
        head = pattern.rstrip("*").lower()
        if head.endswith("/"):
            # "IP/C/W/*" is a whole series, "IP/C/W/647/*" one family, "IP/C/*" every series and
            # family below IP/C.
            whole = head.rstrip("/")
            return wq.Or(
                [
                    wq.Term("series", whole),
                    wq.Term("family", whole),
                    wq.Prefix("series", whole + "/"),
                    wq.Prefix("family", whole + "/"),
                ]
            )
        return wq.Or([wq.Prefix("family", head), wq.Prefix("series", head)])
    parsed = parse_symbol(pattern)
    exact = wq.Term("symbols", str(parsed).lower(), boost=EXACT_SYMBOL_BOOST)
    family = wq.Term("family", parsed.base.lower(), boost=FAMILY_BOOST if parsed.is_base else 1.0)
    return wq.Or([exact, family])


def to_whoosh(schema: Schema, node: Node) -> wq.Query:
    if isinstance(node, Word):
        return _text(schema, node.text, node.prefix)
    if isinstance(node, Phrase):
        return _text(schema, node.text)
    if isinstance(node, SymbolQuery):
        return symbol_query(node.pattern)
    if isinstance(node, Not):
        return wq.Not(to_whoosh(schema, node.part))
    parts = [to_whoosh(schema, p) for p in node.parts]
    if isinstance(node, And):
        positive = [p for p in parts if not isinstance(p, wq.Not)]
        negative = [p for p in parts if isinstance(p, wq.Not)]
        if not positive:
            return wq.And([wq.Every(), *negative])
        return wq.And(parts)
    assert isinstance(node, Or)
    return wq.Or(parts)


def top_level(schema: Schema, node: Node) -> wq.Query:
    """The query to run: a bare ``not x`` means every document except those matching ``x``."""
    q = to_whoosh(schema, node)
    return wq.And([wq.Every(), q]) if isinstance(q, wq.Not) else q
