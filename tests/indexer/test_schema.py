"""Every analyzer of the schema takes any word in any language without failing (issue 7)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipcw.indexer.schema import WORD, build_schema, list_analyzer, name_analyzer, split_words, text_analyzer
from ipcw.models import LANGUAGES

ANALYZERS = {
    **{f"text_{lang}": text_analyzer(lang) for lang in LANGUAGES},
    "name": name_analyzer(),
    "list": list_analyzer(),
}
#: Words with the letters of the three languages (the stemmers' own alphabets), and any Unicode.
LATIN_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzáéíóúüñàâçèêëîïôûùœæ'-", min_size=1, max_size=20)


@pytest.mark.parametrize("word", ["argue", "ague", "argüe", "ARGÜE"])
def test_words_the_spanish_stemmer_fails_on_are_kept_unstemmed_issue_7(word: str) -> None:
    terms = [t.text for t in text_analyzer("es")(f"la delegación {word} que")]
    assert terms == ["la", "delegacion", word.lower().replace("ü", "u"), "que"]


@pytest.mark.parametrize("name", sorted(ANALYZERS))
@settings(max_examples=300, deadline=None)
@given(words=st.lists(LATIN_WORDS | st.text(min_size=1, max_size=30), min_size=1, max_size=8))
def test_every_analyzer_takes_any_words(name: str, words: list[str]) -> None:
    analyzer = ANALYZERS[name]
    for mode in ("index", "query"):
        terms = [t.text for t in analyzer(" ".join(words), mode=mode)]
        assert all(isinstance(term, str) and term for term in terms)


@settings(max_examples=200, deadline=None)
@given(word=LATIN_WORDS)
def test_a_word_is_found_as_it_was_indexed(word: str) -> None:
    for lang in LANGUAGES:
        analyzer = text_analyzer(lang)
        indexed = [t.text for t in analyzer(word)]
        assert [t.text for t in analyzer(word, mode="query")] == indexed


def test_the_schema_analyzes_every_text_field_safely() -> None:
    schema = build_schema()
    for lang in LANGUAGES:
        for kind in ("title", "text"):
            assert [t.text for t in schema[f"{kind}_{lang}"].analyzer("ague")]


@given(
    head=st.text(alphabet=st.characters(codec="utf-8"), max_size=80),
    tail=st.text(alphabet=st.characters(codec="utf-8"), min_size=256, max_size=600),
)
def test_a_text_split_again_after_a_title_gives_the_words_of_the_whole(head: str, tail: str) -> None:
    """The words field's value (title, a newline, the text) is split as the title, then the words
    of the text remembered from its own field: as if split whole."""
    assert split_words(tail) == WORD.findall(tail)
    for value in (f"{head}\n{tail}", f"{head}{tail}", f"{head}\n\n{tail}"):
        assert split_words(value) == WORD.findall(value)
