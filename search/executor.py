"""Running a Whoosh query a block of postings at a time: every matching document and its score,
the numbers Whoosh's own matchers give (BM25F), without a matcher stepping through each posting.

Whoosh finds a query's matches by stepping a tree of Python matcher objects one document at a time,
about 30 µs a match, and a common word matches most of the index. Here each term's postings are
read whole, a block of up to 128 at a time (one unpickling a block), and scored through a table of
(weight, field length) → score that is filled as it is read; ``or`` and ``and`` are sums and
intersections of dicts; a phrase is checked on the positions of the documents holding all its
words. What this module does not read itself (ranges, ``near``'s spans, another weighting model,
another codec) runs through Whoosh's matchers, match by match, with the same result.

Postings and columns are read by :mod:`ipcw.search.postings`. Scores equal Whoosh's up to the
order in which a document's partial scores are added (a last-digit difference):
``tests/search/test_executor.py`` compares both on every kind of query. One difference is kept on
purpose: a prefix is the sum of its terms' BM25F scores, as Whoosh scores it in a large segment;
in a segment of 5,000 documents or fewer, a prefix of three terms or more (or of 1,024 or more
in any segment) Whoosh matches unscored, 1.0 a document, so its ranking depended on the size of
the segment a document was in.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from heapq import nlargest
from itertools import accumulate
from operator import add, itemgetter
from pickle import UnpicklingError, loads
from typing import Any

from whoosh import formats, scoring
from whoosh import query as wq

from ipcw.search.postings import LENGTH, field_lengths, positions, postings, readable, sort_keys

#: Each matching document (its number in the whole index) and its score.
Scores = dict[int, float]


class _TermScores(dict[tuple[float, int], float]):
    """One term's score for each (weight, length byte) met, computed once each: Whoosh's
    ``BM25FScorer`` (or its ``WeightScorer`` in a field that is not scorable), times the boost."""

    def __init__(self, bm25: tuple[float, float, float, float] | None, boost: float) -> None:
        super().__init__()
        self.bm25, self.boost = bm25, boost

    def __missing__(self, key: tuple[float, int]) -> float:
        weight, length = key
        if self.bm25 is None:
            score = weight
        else:
            idf, average, b, k1 = self.bm25
            score = scoring.bm25(idf, weight, LENGTH[length], average, b, k1)
        if self.boost != 1.0:
            score *= self.boost
        self[key] = score
        return score


class Executor:
    """Runs queries on one Whoosh searcher (whose reader it must not outlive): :meth:`scores` for
    the matches of a query, :meth:`docs` for a filter's documents, :meth:`counts` for facets."""

    def __init__(self, searcher: Any) -> None:
        self._searcher = searcher
        self._leaves: list[tuple[Any, int]] = list(searcher.leaf_searchers())
        weighting = searcher.weighting
        #: Whether postings are read a block at a time; when not, every query runs on Whoosh's
        #: matchers (another weighting model, another codec).
        self.direct = type(weighting) is scoring.BM25F and all(
            readable(sub.reader()) for sub, _ in self._leaves
        )
        self._lengths: dict[tuple[int, str], bytes] = {}
        self._columns: dict[str, list[int]] = {}

    # What matches, scored

    def scores(self, q: wq.Query) -> Scores:
        """Every document ``q`` matches (deleted ones left out) and its score."""
        if q is wq.NullQuery or isinstance(q, wq.NullQuery.__class__):
            return {}
        if not self.direct:
            return self._by_whoosh(q)
        if type(q) is wq.Term:
            return self._term(q.fieldname, q.text, q.boost)
        if type(q) in (wq.Or, wq.And) and len(q.subqueries) == 1:  # Whoosh: the part, its boost unused
            return self.scores(q.subqueries[0])
        if type(q) is wq.Or and not q.minmatch and not q.scale:
            if any(isinstance(sub, wq.Not) for sub in q.subqueries):
                return self._by_whoosh(q)
            return _boosted(_sum([self.scores(sub) for sub in q.subqueries]), q.boost)
        if type(q) is wq.And:
            return self._and(q)
        if type(q) is wq.Phrase and q.slop == 1:
            return self._phrase(q)
        if type(q) is wq.Prefix and q.text:  # (an empty prefix is every document of the field)
            terms = self._searcher.reader().expand_prefix(q.fieldname, q.text)
            return _boosted(_sum([self._term(q.fieldname, term, 1.0) for term in terms]), q.boost)
        if type(q) is wq.Every and q.fieldname in (None, "", "*"):
            return dict.fromkeys(self._all_docs(), float(q.boost))
        return self._by_whoosh(q)

    def docs(self, q: wq.Query) -> set[int]:
        """The documents ``q`` matches, unscored (a filter)."""
        return set(self.scores(q))

    def _and(self, q: wq.And) -> Scores:
        """Documents every positive part matches and no ``not`` part does, their scores summed (a
        ``not`` part counts 1.0, as Whoosh's inverse matcher does)."""
        positive = [sub for sub in q.subqueries if not isinstance(sub, wq.Not)]
        negative = [sub.query for sub in q.subqueries if isinstance(sub, wq.Not)]
        if not positive:
            return self._by_whoosh(q)
        parts = sorted((self.scores(sub) for sub in positive), key=len)
        common = set(parts[0]).intersection(*parts[1:])
        for sub in negative:
            common -= self.docs(sub)
        summed = {d: sum(part[d] for part in parts) for d in common}
        if negative and len(q.subqueries) > 1:
            summed = {d: score + len(negative) for d, score in summed.items()}
        return _boosted(summed, q.boost)

    def _as_bytes(self, field: str, words: Sequence[Any]) -> list[bytes] | None:
        """``words`` as ``field`` holds its terms; ``None`` when the field is not in the schema or
        refuses one of them (a word it cannot hold matches nothing, as in Whoosh)."""
        if field not in self._searcher.schema:
            return None
        try:
            return [self._searcher.schema[field].to_bytes(word) for word in words]
        except ValueError:
            return None

    def _term(self, field: str, text: Any, boost: float) -> Scores:
        """One term's matches and scores."""
        held = self._as_bytes(field, [text])
        if held is None:
            return {}
        term = held[0]
        found: Scores = {}
        table = self._table(field, term, boost)
        for i, (sub, offset) in enumerate(self._leaves):
            lengths = self._field_lengths(i, sub, field)
            for ids, weights, _ in postings(sub.reader(), field, term, values=False):
                keys = zip(weights, _at(lengths, ids), strict=True)
                found.update(zip(_shifted(ids, offset), map(table.__getitem__, keys), strict=True))
        return found

    def _table(self, field: str, term: bytes, boost: float) -> _TermScores:
        searcher = self._searcher
        if not searcher.schema[field].scorable:
            return _TermScores(None, boost)
        weighting = searcher.weighting
        b = weighting._field_B.get(field, weighting.B)
        idf = searcher.idf(field, term)
        return _TermScores((idf, searcher.avg_field_length(field) or 1, b, weighting.K1), boost)

    def _phrase(self, q: wq.Phrase) -> Scores:
        """The documents holding ``q``'s words next to each other in order, scored as Whoosh does:
        the sum of each word's score in the document."""
        field = q.fieldname
        if field not in self._searcher.schema:
            return {}
        form = self._searcher.schema[field].format
        if not form or not form.supports("positions"):
            return self._by_whoosh(q)
        terms = self._as_bytes(field, q.words)
        if terms is None:
            return {}
        tables = [self._table(field, term, 1.0) for term in terms]
        found: Scores = {}
        for i, (sub, offset) in enumerate(self._leaves):
            reader = sub.reader()
            if any((field, term) not in reader for term in terms):
                continue
            lengths = self._field_lengths(i, sub, field)
            weights: list[dict[int, float]] = []  # for each word: document → weight, positions
            places: list[dict[int, bytes]] = []
            for term in terms:
                weights.append({})
                places.append({})
                for ids, block_weights, values in postings(reader, field, term, values=True):
                    weights[-1].update(zip(ids, block_weights, strict=True))
                    places[-1].update(zip(ids, values or (), strict=True))
            rarest = sorted(places, key=len)
            common = set(rarest[0]).intersection(*rarest[1:])
            matched = _in_a_row(form, common, places)
            # Each word's score in each matching document, then their sum, in C (map).
            lengths_of = list(map(lengths.__getitem__, matched))
            scores = _tree_sum(
                [
                    list(map(table.__getitem__, zip(map(held.__getitem__, matched), lengths_of, strict=True)))
                    for table, held in zip(tables, weights, strict=True)
                ]
            )
            if q.boost != 1.0:
                scores = [score * q.boost for score in scores]
            found.update(zip(_shifted(matched, offset), scores, strict=True))
        return found

    def _by_whoosh(self, q: wq.Query) -> Scores:
        """``q`` run on Whoosh's own matchers, match by match."""
        context = self._searcher.context()
        found: Scores = {}
        for sub, offset in self._leaves:
            m = q.matcher(sub, context)
            while m.is_active():
                found[m.id() + offset] = m.score()
                m.next()
        return found

    def close(self) -> None:
        """Let go of the segments' readers and what was read of them (their files close with the
        searcher)."""
        self._leaves, self._lengths, self._columns = [], {}, {}

    # Postings and columns

    def _field_lengths(self, i: int, sub: Any, field: str) -> bytes:
        """Each document's length byte in ``field``, in segment ``i`` (read once a searcher)."""
        if (i, field) not in self._lengths:
            self._lengths[i, field] = field_lengths(sub.reader(), field)
        return self._lengths[i, field]

    def _all_docs(self) -> Iterator[int]:
        for sub, offset in self._leaves:
            yield from _shifted(list(sub.reader().all_doc_ids()), offset)

    def counts(self, field: str, docs: set[int]) -> Counter[str]:
        """For each term of ``field`` (a keyword list: origins, submitters), how many of ``docs``
        hold it."""
        counted: Counter[str] = Counter()
        for term in self._searcher.reader().lexicon(field):
            held = len(docs.intersection(self.docs(wq.Term(field, term.decode("utf-8")))))
            if held:
                counted[term.decode("utf-8")] = held
        return counted

    def column_counts(self, field: str, docs: set[int]) -> Counter[Any]:
        """For each value of the sortable column ``field`` among ``docs``, how many hold it."""
        keys = self.column(field)
        by_key = Counter(keys[d] for d in docs)
        reader = self._searcher.reader().column_reader(field)
        first = {keys[d]: d for d in docs}
        return Counter({reader[first[key]]: count for key, count in by_key.items()})

    def column(self, field: str) -> list[int]:
        """Every document's sort key in the sortable column ``field`` (read once a searcher)."""
        if field not in self._columns:
            self._columns[field] = [key for sub, _ in self._leaves for key in sort_keys(sub.reader(), field)]
        return self._columns[field]

    def newest_first(self, docs: Sequence[int], field: str, limit: int | None) -> list[int]:
        """``docs`` in the order of ``field``'s column, greatest first (ties: the later document
        first, as Whoosh sorts)."""
        keys = self.column(field)
        keyed = ((keys[d], d) for d in docs)
        order = sorted(keyed, reverse=True) if limit is None else nlargest(limit, keyed)
        return [d for _, d in order]


def _in_a_row(form: Any, docs: set[int], places: list[dict[int, bytes]]) -> list[int]:
    """The documents of ``docs`` where the words whose encoded positions are ``places`` stand one
    after another, in order: the documents of a segment holding every word of a phrase."""
    if type(form) is formats.Positions:
        try:
            return _in_a_row_as_whoosh_writes(docs, places)
        except (UnpicklingError, EOFError):  # not as Whoosh 2.7.4 writes it: read as the format says
            pass
    # Where the phrase would start, by each word's place in it: from the rarest word (the fewest
    # documents) to the commonest, whose places are only read up to the first found.
    order = sorted(range(len(places)), key=lambda i: len(places[i]))
    shifts = [(-i).__add__ for i in order]
    found = []
    for d in docs:
        starts = set(map(shifts[0], positions(form, places[order[0]][d])))
        for i, shift in zip(order[1:-1], shifts[1:-1], strict=True):
            starts.intersection_update(map(shift, positions(form, places[i][d])))
        if not starts.isdisjoint(map(shifts[-1], positions(form, places[order[-1]][d]))):
            found.append(d)
    return found


def _in_a_row_as_whoosh_writes(docs: set[int], places: list[dict[int, bytes]]) -> list[int]:
    """:func:`_in_a_row` for positions as Whoosh 2.7.4's ``Positions`` format writes them (a count
    of 4 bytes, then the pickled list of differences), a word at a time over all the documents:
    the loops are comprehensions, mostly in C, and a document is dropped as soon as one word is
    not where the phrase needs it."""
    if len(places) == 2:  # the commonest phrase
        first, second = places
        back = (-1).__add__
        return [
            d
            for d in docs
            if not set(accumulate(loads(first[d][4:]))).isdisjoint(
                map(back, accumulate(loads(second[d][4:])))
            )
        ]
    # Where the phrase would start, by each word's place in it, from the rarest word (the fewest
    # documents) to the commonest.
    order = sorted(range(len(places)), key=lambda i: len(places[i]))
    kept = list(docs)
    held, shift = places[order[0]], (-order[0]).__add__
    starts = [set(map(shift, accumulate(loads(held[d][4:])))) for d in kept]
    for i in order[1:-1]:
        held, shift = places[i], (-i).__add__
        for d, at in zip(kept, starts, strict=True):
            at.intersection_update(map(shift, accumulate(loads(held[d][4:]))))
        kept, starts = [d for d, at in zip(kept, starts, strict=True) if at], [at for at in starts if at]
    held, shift = places[order[-1]], (-order[-1]).__add__
    return [
        d
        for d, at in zip(kept, starts, strict=True)
        if not at.isdisjoint(map(shift, accumulate(loads(held[d][4:]))))
    ]


def _tree_sum(scores: list[list[float]]) -> list[float]:
    """Each document's scores (a list a word) added in the order of Whoosh's ``make_binary_tree``:
    a + (b + c), (a + b) + (c + d)."""
    if len(scores) == 1:
        return scores[0]
    half = len(scores) // 2
    return list(map(add, _tree_sum(scores[:half]), _tree_sum(scores[half:])))


def _sum(parts: list[Scores]) -> Scores:
    """Each document of any part, its scores added."""
    parts = sorted((part for part in parts if part), key=len, reverse=True)
    if not parts:
        return {}
    summed = dict(parts[0])
    for part in parts[1:]:
        get = summed.get
        for d, score in part.items():
            summed[d] = get(d, 0.0) + score
    return summed


def _boosted(scores: Scores, boost: float) -> Scores:
    return scores if boost == 1.0 else {d: score * boost for d, score in scores.items()}


def _shifted(ids: Sequence[int], offset: int) -> Sequence[int]:
    return ids if not offset else list(map(offset.__add__, ids))


def _at(lengths: bytes, ids: Sequence[int]) -> Sequence[int]:
    """The length bytes of documents ``ids``, looked up in C."""
    if len(ids) == 1:
        return (lengths[ids[0]],)
    return itemgetter(*ids)(lengths) if ids else ()


def best(
    scores: Scores, limit: int | None, bonus: Scores, penalty: Callable[[int], float]
) -> list[tuple[int, float]]:
    """The ``limit`` best of ``scores``' documents (all of them with ``None``), each with its final
    score ``score + bonus - penalty``, highest first and, on a tie, the lower document number
    first (as Whoosh's collector). The penalty is never negative, so a document's final score is at
    most its score plus its bonus: only the documents that could reach the top are looked at."""

    def final(d: int) -> float:
        return scores[d] + bonus.get(d, 0.0) - penalty(d)

    def ranked(docs: Iterator[int]) -> list[tuple[int, float]]:
        return sorted(((d, final(d)) for d in docs), key=lambda item: (-item[1], item[0]))

    if limit is None or limit >= len(scores):
        return ranked(iter(scores))
    upper = scores
    if bonus:
        upper = dict(scores)
        upper.update((d, scores[d] + b) for d, b in bonus.items() if d in scores)
    wanted = limit * 2 + 16
    while True:
        candidates = nlargest(wanted, upper.items(), key=itemgetter(1))
        top = ranked(d for d, _ in candidates)[:limit]
        # Every document left out scores at most the last candidate's bound: below the last hit
        # kept, it cannot come in (equal, it might, on its document number).
        if len(candidates) == len(upper) or candidates[-1][1] < top[-1][1]:
            return top
        wanted *= 4
