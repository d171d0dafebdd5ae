"""Did you mean: a query's unknown words corrected from the index's own vocabulary.

A word the index does not hold (neither as written, in the ``words`` field, nor by its stem in any
language's text) is replaced by the closest word it does hold, at most two edits away (the fewest
edits first, then the word found in most documents), among the words of the query's language: the
one language asked for, else the language whose documents hold most of the query's known words.
"""

from __future__ import annotations

from typing import Any

from ipcw.indexer.opening import documents_with
from ipcw.indexer.schema import text_analyzer, word_analyzer
from ipcw.models import LANGUAGES
from ipcw.query import InField, Near, Node, Not, Phrase, Word

#: The most edits between a word and its correction.
MAX_EDITS = 2


def query_words(node: Node) -> list[str]:
    """The words a query looks for (in words, phrases and ``near``; not prefixes or fields of
    what ipcw knows), folded as the index folds them, in order."""
    if isinstance(node, Word):
        return [] if node.prefix else _folded(node.text)
    if isinstance(node, Phrase):
        return _folded(node.text)
    if isinstance(node, Near):
        return [w for part in node.parts for w in query_words(part)]
    if isinstance(node, Not | InField):
        return query_words(node.part)
    return [w for part in getattr(node, "parts", ()) for w in query_words(part)]


def _folded(text: str) -> list[str]:
    return [token.text for token in word_analyzer()(text)]


def did_you_mean(reader: Any, text: str, tree: Node, languages: tuple[str, ...] = ()) -> str | None:
    """``text`` with each word the index does not hold corrected (``None`` when every word is held,
    or no correction is near enough)."""
    words = list(dict.fromkeys(query_words(tree)))
    unknown = [w for w in words if not _held(reader, w)]
    if not unknown:
        return None
    language = _language(reader, [w for w in words if w not in unknown], languages)
    in_language = _documents_in(reader, language) if language else None
    better = {word: found for word in unknown if (found := _closest(reader, word, in_language))}
    return corrected(text, better)


def corrected(text: str, better: dict[str, str]) -> str | None:
    """``text`` with each word of ``better`` replaced by its correction where the query has it,
    however it was written ("Coopératon"); ``None`` without any correction."""
    if not better:
        return None
    pieces, end = [], 0
    for token in word_analyzer()(text, chars=True):
        if token.text in better:
            pieces += [text[end : token.startchar], better[token.text]]
            end = token.endchar
    return "".join(pieces) + text[end:]


def _held(reader: Any, word: str) -> bool:
    """Whether the index holds ``word`` as written, or its stem in some language's text (a plural
    such as "patents" is found through "patent" and needs no correction)."""
    if reader.doc_frequency("words", word) or reader.doc_frequency("submitters", word):
        return True
    for lang in LANGUAGES:
        stems = [token.text for token in text_analyzer(lang)(word)]
        if stems and all(reader.doc_frequency(f"text_{lang}", stem) for stem in stems):
            return True
    return False


def _language(reader: Any, known: list[str], languages: tuple[str, ...]) -> str | None:
    """The one language asked for; else the one whose documents hold most of ``known``."""
    if len(languages) == 1:
        return languages[0]
    counts = {
        lang: sum(bool(_documents_in(reader, lang) & _documents_with(reader, w)) for w in known)
        for lang in LANGUAGES
    }
    best = max(counts.values(), default=0)
    leaders = [lang for lang, n in counts.items() if n == best]
    return leaders[0] if best and len(leaders) == 1 else None


def _documents_in(reader: Any, language: str) -> set[int]:
    return documents_with(reader, "lang", language)


def _documents_with(reader: Any, word: str) -> set[int]:
    return documents_with(reader, "words", word)


def _closest(reader: Any, word: str, in_language: set[int] | None) -> str | None:
    """The word the index holds nearest ``word``: fewest edits, then in most documents (of the
    language, when there is one)."""
    for edits in range(1, MAX_EDITS + 1):
        ranked = []
        for candidate in reader.terms_within("words", word, edits):
            docs = _documents_with(reader, candidate)
            if in_language is not None:
                docs &= in_language
            if docs:
                ranked.append((-len(docs), candidate))
        if ranked:
            return str(min(ranked)[1])
    return None
