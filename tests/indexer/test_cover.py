"""The first-page parser on cover texts as pdfminer.six extracts them."""

from __future__ import annotations

from datetime import date

import pytest

from indexer.cover import detect_language, parse_cover, parse_date

MODERN = """(18-6360)

Council for Trade-Related Aspects of
Intellectual Property Rights

IP/C/W/647/Add.3
12 October 2018

Page: 1/4

Original: English

TECHNICAL COOPERATION ACTIVITIES: INFORMATION FROM MEMBERS

JAPAN
Addendum

The following communication, dated 9 October 2018, is being circulated at the request of the
delegation of Japan.
__________________________________________________________________________________________

1  INTRODUCTION
"""

OLD_FRENCH = """ORGANISATION MONDIALE
DU COMMERCE

RESTREINT
IP/C/W/34
16 septembre 1996
(96-3611)

Conseil des aspects des droits de propriété
intellectuelle qui touchent au commerce

Original: anglais

ACTIVITÉS DE COOPÉRATION TECHNIQUE: RENSEIGNEMENTS COMMUNIQUÉS PAR LES

MEMBRES

AUTRICHE

La communication ci-après, datée du 13 septembre 1996, est distribuée à la demande de la
délégation de l'Autriche.
"""


def test_modern_cover_fields() -> None:
    cover = parse_cover(MODERN)
    assert cover.symbol == "IP/C/W/647/Add.3"
    assert cover.date == date(2018, 10, 12)  # the issuing date, not the communication's
    assert (cover.doc_number, cover.pages, cover.original_language) == ("18-6360", 4, "English")
    assert cover.title == "TECHNICAL COOPERATION ACTIVITIES: INFORMATION FROM MEMBERS"
    assert cover.subheadings == ("JAPAN", "Addendum")
    assert cover.sentence.startswith("The following communication")


def test_old_french_cover_with_wrapped_title() -> None:
    cover = parse_cover(OLD_FRENCH)
    assert cover.symbol == "IP/C/W/34" and cover.date == date(1996, 9, 16) and cover.doc_number == "96-3611"
    assert cover.title == "ACTIVITÉS DE COOPÉRATION TECHNIQUE: RENSEIGNEMENTS COMMUNIQUÉS PAR LES MEMBRES"
    assert cover.subheadings == ("AUTRICHE",)
    assert cover.pages is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2 October 2020", date(2020, 10, 2)),
        ("1er octobre 2017", date(2017, 10, 1)),
        ("30 de septiembre de 2018", date(2018, 9, 30)),
        ("1º de octubre de 2017", date(2017, 10, 1)),
        ("31 February 2020", None),
        ("dated 2 October 2020", None),
    ],
)
def test_dates_in_three_languages(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The following communication has been received from the delegation of Japan.", "en"),
        ("La communication ci-après est distribuée à la demande de la délégation du Japon.", "fr"),
        ("La siguiente comunicación se distribuye a petición de la delegación del Japón.", "es"),
    ],
)
def test_language_is_detected_from_the_text(text: str, language: str) -> None:
    assert detect_language(text) == language
