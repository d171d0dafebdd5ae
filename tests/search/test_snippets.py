"""Snippets (issue 11): the passage of the body with most of the query's words, found without
analysing the whole text; matched words marked whatever their accents, case or ending."""

from __future__ import annotations

import pytest

from ipcw.query import parse_query
from ipcw.search.snippets import Wanted, matches, snippet, wanted

BODY = (
    "1.1 The Council met. Patents were examined in Geneva. " * 3
    + "2.1 A seminar on Technical Cooperation and technical assistance for the coopération of offices. "
    + "3.1 Trademarks and patent examination were discussed at length. " * 3
)


def _marked(text: str) -> list[str]:
    return text.split("**")[1::2]


def test_the_passage_with_most_of_the_query_s_different_words_is_chosen() -> None:
    found = snippet(BODY, "en", wanted(parse_query("technical cooperation seminar")))
    assert _marked(found) == ["seminar", "Technical", "Cooperation", "technical", "coopération"]
    assert len(found) <= 240 + 4 * 6 and found.startswith("1.1") is False


def test_words_are_matched_by_their_stems_and_prefixes_by_their_start() -> None:
    assert set(_marked(snippet(BODY, "en", wanted(parse_query("patents"))))) == {"Patents"}
    examined = _marked(snippet(BODY, "en", wanted(parse_query("patent examination"))))
    assert set(examined) == {"Patents", "examined"}  # examined and examination share their stem
    assert set(_marked(snippet(BODY, "en", wanted(parse_query("cooperat*"))))) == {
        "Cooperation",
        "coopération",
    }
    assert "coopération" in _marked(snippet(BODY, "en", wanted(parse_query("cooper*"))))


def test_accents_and_ligatures_do_not_stop_a_match() -> None:
    french = "Le programme a porté sur la coopération technique et les œuvres protégées. " * 2
    assert _marked(snippet(french, "fr", wanted(parse_query("cooperation"))))[:1] == ["coopération"]
    assert _marked(snippet(french, "fr", wanted(parse_query("oeuvres"))))[:1] == ["œuvres"]
    assert _marked(snippet(french, "fr", wanted(parse_query('"propriété"')))) == []


@pytest.mark.parametrize(
    ("query", "looked_for"),
    [
        ("patents not seminar", ["patents"]),
        ("title:seminar", []),
        ("text:seminar", ["seminar"]),
        ('"technical cooperation" near/3 offices', ["technical", "cooperation", "offices"]),
        ("origin:igo symbol:IP/C/W/6*", []),
    ],
)
def test_the_body_is_searched_for_the_query_s_positive_words_only(query: str, looked_for: list[str]) -> None:
    assert list(wanted(parse_query(query)).words) == looked_for


def test_no_word_of_the_query_in_the_body_is_no_snippet() -> None:
    assert snippet(BODY, "en", wanted(parse_query("copyright"))) == ""
    assert snippet(BODY, "en", wanted(parse_query("title:copyright"))) == ""


def test_a_tie_goes_to_the_earliest_passage() -> None:
    found = matches(BODY, "en", wanted(parse_query("patents")))
    assert len(found) == 6  # three "Patents", then three "patent" further on: the first three are shown
    assert snippet(BODY, "en", wanted(parse_query("patents"))).count("examined in Geneva") >= 2
    assert _marked(snippet(BODY, "en", wanted(parse_query("trademarks")))) == ["Trademarks"] * 3


@pytest.mark.parametrize(
    ("text", "words", "marked"),
    [
        # a ligature before a decomposed accent: the folded text is as long, its places are not
        ("The ﬁrst patent was granted in Bogota\u0301.", ("patent", "bogota"), ["patent", "Bogota"]),
        (
            "The ﬁrst patent, the œuvres, Straße.",
            ("first", "oeuvres", "strasse"),
            ["ﬁrst", "œuvres", "Straße"],
        ),
        # a non-breaking hyphen splits words, as the index splits them; a compound is one word
        ("The medium\u2011sized firms and medium firms.", ("medium",), ["medium", "medium"]),
        ("An x-patent and a patent.", ("patent",), ["patent"]),
        # stems that change a word's third letter (try → tri)
        ("They try hard. We tried again.", ("try",), ["try", "tried"]),
        ("İstanbul patents here.", ("patents",), ["patents"]),
    ],
)
def test_marks_are_where_the_words_are_whatever_folding_does(
    text: str, words: tuple[str, ...], marked: list[str]
) -> None:
    assert _marked(snippet(text, "en", Wanted(words=words))) == marked


def test_a_ligature_does_not_make_every_word_of_a_long_body_be_stemmed(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ipcw.search import snippets

    looked_at: list[str] = []
    key = snippets._key

    def counting(word: str, *args: object) -> str | None:
        looked_at.append(word)
        return key(word, *args)

    monkeypatch.setattr(snippets, "_key", counting)
    body = "ﬁrst " + "The Council met and discussed patents at length. " * 2_000
    found = matches(body, "en", Wanted(words=("patent",)))
    assert len(found) == 2_000
    assert set(looked_at) == {"patents", "first"}  # no other word of the body: "the", "council"...
