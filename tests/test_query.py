from __future__ import annotations

import pytest

from ipcw.errors import QueryError
from ipcw.query import And, Not, Or, Phrase, SymbolQuery, Word, parse_query


def test_juxtaposed_words_are_joined_by_and() -> None:
    assert parse_query("technical cooperation and member") == And(
        (Word("technical"), Word("cooperation"), Word("member"))
    )


def test_operators_in_any_case_with_parentheses() -> None:
    assert parse_query("Technical AND (cooperation Or assistance) NOT wipo") == And(
        (Word("Technical"), Or((Word("cooperation"), Word("assistance"))), Not(Word("wipo")))
    )


def test_or_binds_looser_than_and() -> None:
    assert parse_query("a b or c") == Or((And((Word("a"), Word("b"))), Word("c")))


def test_phrases_and_prefixes() -> None:
    assert parse_query('"trademark office" cooperat*') == And(
        (Phrase("trademark office"), Word("cooperat", True))
    )


@pytest.mark.parametrize(
    ("text", "pattern"),
    [("ip/c/w/647/add.3", "IP/C/W/647/Add.3"), ("IP/C/W/64*", "IP/C/W/64*"), ("ip/c/w/*", "IP/C/W/*")],
)
def test_symbols_and_symbol_prefixes(text: str, pattern: str) -> None:
    assert parse_query(text) == SymbolQuery(pattern)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"unbalanced', "unbalanced quote"),
        ("(a b", "unbalanced parenthesis"),
        ("a b)", "unexpected"),
        ("technical and", "ends with an operator"),
        ("or", "nothing to apply"),
        ("", "empty query"),
        ("   ", "empty query"),
        ('""', "empty phrase"),
        ("a*", "at least two letters"),
    ],
)
def test_malformed_queries_are_clear_errors(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse_query(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("(" * 300 + "a" + ")" * 300, "more than 16 deep"),
        ("a " * 600, "query too long: 1200 characters"),
    ],
)
def test_hostile_queries_are_clear_errors_issue_7(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse_query(text)


def test_a_long_chain_of_not_is_folded_without_recursion_issue_7() -> None:
    assert parse_query("not " * 200 + "wipo") == Word("wipo")
    assert parse_query("not " * 199 + "wipo") == Not(Word("wipo"))


def test_repeated_words_are_collapsed_issue_7() -> None:
    assert parse_query("wipo " * 150) == Word("wipo")
    assert parse_query("wipo or who or wipo") == Or((Word("wipo"), Word("who")))
    assert parse_query("(a b) (b c)") == And((Word("a"), Word("b"), Word("c")))


def test_nesting_within_the_limit_is_parsed() -> None:
    assert parse_query("(" * 16 + "a" + ")" * 16) == Word("a")
