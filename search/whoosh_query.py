"""Translate the engine-neutral query tree of :mod:`ipcw.query` into a Whoosh query.

A word is looked for in every language's title and text fields (each analysed by its own
language's analyzer) and in submitter names; titles weigh more (see ``ipcw.indexer.schema``);
``title:`` and ``text:`` keep to one kind of field. A prefix is looked for among the words as
written (the ``words`` field), not among stems. ``near`` is a span query in each text field: both
sides at most N words apart, in either order. A symbol is an exact term on ``symbols`` plus its
family; a symbol prefix is a term on ``series`` or a prefix on ``family`` (a few hundred terms at
most), never a prefix over every symbol. Fields of what ipcw knows (``origin:``, ``submitter:``,
``year:``...) are terms and ranges on the index's keyword and date fields.
"""

from __future__ import annotations

from datetime import date, datetime, time

from whoosh import query as wq
from whoosh.fields import Schema
from whoosh.query import spans

from ipcw.indexer.schema import name_analyzer
from ipcw.models import LANGUAGES
from ipcw.names import names_table
from ipcw.query import And, DateRange, FieldIs, InField, Near, Node, Not, Or, Phrase, SymbolQuery, Word
from ipcw.symbols import parse_symbol


def text_fields(within: str | None = None, languages: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The index's text fields a word is looked for in: titles and texts (or ``within`` one kind)
    of the ``languages`` searched (all when none is asked for: a document's words are only in its
    own language's fields, so a search filtered by language needs no other)."""
    kinds = ("title", "text") if within is None else (within,)
    return tuple(f"{kind}_{lang}" for lang in languages or LANGUAGES for kind in kinds)


EXACT_SYMBOL_BOOST = 20.0
FAMILY_BOOST = 8.0


def _analyse(schema: Schema, field: str, text: str) -> list[str]:
    return [t.text for t in schema[field].analyzer(text, mode="query")]


def _text(
    schema: Schema,
    text: str,
    prefix: bool = False,
    within: str | None = None,
    languages: tuple[str, ...] = (),
) -> wq.Query:
    """A word or phrase in every language's title and text (or ``languages``'), and in submitter
    names; ``within`` ``title`` or ``text``, in those fields only."""
    alternatives: list[wq.Query] = []
    if prefix:
        # Against the words as written: "cooperat*" finds "cooperation" (stemmed, "cooper"). The
        # words as written are kept for titles and text together: a prefix in title: is a prefix.
        for field in ("words", "submitters") if within is None else ("words",):
            alternatives.extend(wq.Prefix(field, term) for term in _analyse(schema, field, text)[:1])
        return wq.Or(alternatives) if alternatives else wq.NullQuery
    fields = text_fields(within, languages) + (("submitters",) if within is None else ())
    for field in fields:
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


class _SpanNear(spans.SpanNear2):  # type: ignore[misc]  # Whoosh has no type hints
    """Whoosh 2.7.4's ``SpanNear2``, its ``_and_query`` mended: it names an undefined ``q`` (for
    the module ``whoosh.query``), a NameError as soon as a searcher estimates the query."""

    def _and_query(self) -> wq.Query:
        return wq.And(self.qs)


def _span(schema: Schema, field: str, node: Node, outermost: bool = False) -> wq.Query | None:
    """A side of ``near`` in ``field``: a term, a phrase (terms in order, next to each other) or a
    ``near``; ``None`` when it has no word the field indexes."""
    if isinstance(node, Near):
        sides = [_span(schema, field, part) for part in node.parts]
        if None in sides:
            return None
        # At most N words between the two sides: N + 1 positions apart, in either order. The
        # outermost near asks each order on its own: Whoosh's unordered span misses a right side
        # (a phrase) that starts before the left one.
        slop = node.distance + 1
        if outermost:
            return wq.Or([_SpanNear(sides, slop=slop), _SpanNear(sides[::-1], slop=slop)])
        return _SpanNear(sides, slop=slop, ordered=False)
    assert isinstance(node, Word | Phrase)
    terms = [wq.Term(field, term) for term in _analyse(schema, field, node.text)]
    if not terms:
        return None
    return terms[0] if len(terms) == 1 else _SpanNear(terms, slop=1, ordered=True)


def near_query(
    schema: Schema, node: Near, within: str | None = None, languages: tuple[str, ...] = ()
) -> wq.Query:
    """``a near b`` in every language's title and text (or ``within`` one kind of field; or in
    ``languages``' only)."""
    fields = text_fields(within, languages)
    found = [q for q in (_span(schema, field, node, outermost=True) for field in fields) if q is not None]
    return wq.Or(found) if found else wq.NullQuery


def submitter_query(written: str) -> wq.Query:
    """A submitter by any of its names, through the names table (``japon``, ``EC``, ``Turkey``);
    a name the table does not know, as words of the submitters' names."""
    name = names_table().resolve(written)
    if name is not None:
        return wq.Term("submitter_id", name.id)
    terms = [t.text for t in name_analyzer()(written)]
    if not terms:
        return wq.NullQuery
    return wq.Phrase("submitters", terms) if len(terms) > 1 else wq.Term("submitters", terms[0])


def date_query(start: date | None, end: date | None) -> wq.Query:
    """Issued between ``start`` and ``end``, both days included (either open)."""
    return wq.DateRange(
        "date",
        datetime.combine(start, time()) if start else None,
        datetime.combine(end, time(23, 59, 59)) if end else None,
    )


def to_whoosh(
    schema: Schema, node: Node, within: str | None = None, languages: tuple[str, ...] = ()
) -> wq.Query:
    """The Whoosh query for ``node``; ``within`` ``title`` or ``text`` keeps words to those fields,
    ``languages`` to those languages' fields (a search filtered by language)."""
    if isinstance(node, Word):
        return _text(schema, node.text, node.prefix, within, languages)
    if isinstance(node, Phrase):
        return _text(schema, node.text, within=within, languages=languages)
    if isinstance(node, Near):
        return near_query(schema, node, within, languages)
    if isinstance(node, InField):
        return to_whoosh(schema, node.part, node.field, languages)
    if isinstance(node, FieldIs):
        return submitter_query(node.value) if node.field == "submitter" else wq.Term(node.field, node.value)
    if isinstance(node, DateRange):
        return date_query(node.start, node.end)
    if isinstance(node, SymbolQuery):
        return symbol_query(node.pattern)
    if isinstance(node, Not):
        return wq.Not(to_whoosh(schema, node.part, within, languages))
    parts = [to_whoosh(schema, p, within, languages) for p in node.parts]
    if isinstance(node, And):
        positive = [p for p in parts if not isinstance(p, wq.Not)]
        negative = [p for p in parts if isinstance(p, wq.Not)]
        if not positive:
            return wq.And([wq.Every(), *negative])
        return wq.And(parts)
    assert isinstance(node, Or)
    return wq.Or(parts)


def top_level(schema: Schema, node: Node, languages: tuple[str, ...] = ()) -> wq.Query:
    """The query to run, over ``languages``' fields (all when none): a bare ``not x`` means every
    document except those matching ``x``."""
    q = to_whoosh(schema, node, languages=languages)
    return wq.And([wq.Every(), q]) if isinstance(q, wq.Not) else q
