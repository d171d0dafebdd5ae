from __future__ import annotations

import re
from datetime import date

import pytest

from ipcw.errors import QueryError
from ipcw.query import And, DateRange, FieldIs, InField, Near, Not, Or, Phrase, SymbolQuery, Word, parse_query


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


def test_near_within_five_words_or_n_issue_10() -> None:
    assert parse_query("technical NEAR assistance") == Near((Word("technical"), Word("assistance")), 5)
    assert parse_query('"plant varieties" near/10 training') == Near(
        (Phrase("plant varieties"), Word("training")), 10
    )
    assert parse_query("a near b c") == And((Near((Word("a"), Word("b"))), Word("c")))  # near binds first
    assert parse_query("not a near b") == Not(Near((Word("a"), Word("b"))))


def test_operators_inside_quotes_are_words_issue_10() -> None:
    assert parse_query('"and near or not"') == Phrase("and near or not")


def test_fields_combine_with_everything_else_issue_10() -> None:
    assert parse_query("title:cooperation not origin:Secretariat") == And(
        (InField("title", Word("cooperation")), Not(FieldIs("origin", "secretariat")))
    )
    assert parse_query('text:"public health" submitter:"European Union"') == And(
        (InField("text", Phrase("public health")), FieldIs("submitter", "European Union"))
    )
    assert parse_query("title:(wipo or who)") == InField("title", Or((Word("wipo"), Word("who"))))
    assert parse_query("title:cooperat*") == InField("title", Word("cooperat", prefix=True))
    assert parse_query("symbol:ip/c/w/64*") == SymbolQuery("IP/C/W/64*")
    assert parse_query("lang:FR topic:article-66.2 kind:minutes") == And(
        (FieldIs("lang", "fr"), FieldIs("topic", "article-66.2"), FieldIs("kind", "minutes"))
    )


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("year:2015..2019", date(2015, 1, 1), date(2019, 12, 31)),
        ("year:2015", date(2015, 1, 1), date(2015, 12, 31)),
        ("year:2015..", date(2015, 1, 1), None),
        ("date:..2019-12-31", None, date(2019, 12, 31)),
        ("date:2019-10-01..2019-12-31", date(2019, 10, 1), date(2019, 12, 31)),
    ],
)
def test_ranges_of_years_and_days_issue_10(text: str, start: date | None, end: date | None) -> None:
    assert parse_query(text) == DateRange(start, end)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour:red", "unknown field 'colour:'"),
        ("origin:nation", "origin: takes member, igo, secretariat: got 'nation'"),
        ("lang:de", "lang: takes en, fr, es"),
        ("year:2019..2015", "range ends before it starts"),
        ("year:twenty", "year: takes a range such as 2015..2019"),
        ("date:2019-13-01", "date: takes a range such as 2019-10-01..2019-12-31"),
        ("year:..", "year: takes a range"),
        ("title:", "field 'title:' has no value"),
        ('title: "public health"', "field 'title:' has no value"),  # no space after the colon
        ("title: (health or medicines)", "field 'title:' has no value"),
        ("symbol:cooperation", "symbol: takes a document symbol"),
        ("submitter:(japan or wipo)", 'submitter: takes a name, or a "quoted name"'),
        ("near wipo", "near needs a word or phrase on each side"),
        ("wipo near", "near needs a word or phrase on each side"),
        ("wipo near or who", "near needs a word or phrase on each side"),
        ("wipo near cooperat*", "near takes words or phrases on each side"),
        ("wipo near/500 who", "near/N takes a distance from 0 to 100"),
        ("wipo near/x who", "near/N takes a whole number of words"),
        ("near/five", "near needs a word or phrase on each side"),
        ("not", "query ends with an operator"),
    ],
)
def test_malformed_fields_and_near_are_clear_errors_issue_10(text: str, message: str) -> None:
    with pytest.raises(QueryError, match=re.escape(message)):
        parse_query(text)
