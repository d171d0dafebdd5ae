"""Folding: the one meaning of "the same word" in names, title searches and the index."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipcw.indexer.schema import word_analyzer
from ipcw.names import names_table
from ipcw.text import fold, fold_space


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Coopération Técnica", "cooperation tecnica"),
        ("Øresund Łódź Straße Þingvellir", "oresund lodz strasse thingvellir"),
        ("ﬁnancement", "financement"),
        ("Ｊａｐａｎ", "japan"),
        ("Côte d’Ivoire", "cote d'ivoire"),
    ],
)
def test_accents_case_and_forms_are_folded(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize("text", ["République de Corée", "Cooperación técnica", "Türkiye"])
def test_decomposed_text_folds_as_composed_text_does(text: str) -> None:
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text and fold(decomposed) == fold(text)


def test_a_name_written_decomposed_is_known() -> None:
    found = names_table().resolve(unicodedata.normalize("NFD", "République de Corée"))
    korea = names_table().resolve("Korea, Republic of")
    assert found is not None and korea is not None and found.name == korea.name


def test_the_index_folds_words_as_titles_and_names_do() -> None:
    for text in ("Coopération", "Øresund", "Ｊａｐａｎ", "ﬁnancement"):
        assert [token.text for token in word_analyzer()(text)] == [fold(text)]


def test_fold_space_puts_text_on_one_line() -> None:
    assert fold_space("  technical\n\tcooperation  ") == "technical cooperation"


@given(
    st.text(alphabet=st.characters(codec="utf-8"))
    | st.text(alphabet=" \t\n\r\x0b\x0c\x1c\x85\xa0\u2000\u2028\u3000ab")
)
def test_fold_space_takes_as_whitespace_what_a_regular_expression_takes(text: str) -> None:
    assert fold_space(text) == re.sub(r"\s+", " ", text).strip()
