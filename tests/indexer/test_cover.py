"""The first-page parser on cover texts as pdfminer.six extracts them."""

from __future__ import annotations

from datetime import date

import pytest

from ipcw.indexer.cover import detect_language, find_date, parse_cover

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
    assert find_date(text) == expected


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


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("25 July 2001", date(2001, 7, 25)),
        ("July 25, 2001", date(2001, 7, 25)),
        ("2001/07/25", date(2001, 7, 25)),
        ("2001-07-25", date(2001, 7, 25)),
        ("12 octobre 2020", date(2020, 10, 12)),
        ("1er mars 2022", date(2022, 3, 1)),
        ("12 de octubre de 2020", date(2020, 10, 12)),
    ],
)
def test_a_date_in_any_form_is_found_in_a_header_line_issue_8(written: str, expected: date) -> None:
    for page in (
        f"WORLD TRADE RESTRICTED IP/C/W/300 {written} ORGANIZATION (01-3590)\nTITLE OF THE PAPER\n",
        f"IP/C/W/300\n{written}\n\nTITLE OF THE PAPER\n",
        f"日期: | {written} |\n文件編號: | IP/C/W/300 |\n",
    ):
        cover = parse_cover(page)
        assert (cover.symbol, cover.date) == ("IP/C/W/300", expected), page


def test_dates_and_symbols_in_sentences_are_not_the_documents_own_issue_8() -> None:
    cover = parse_cover(
        "TECHNICAL COOPERATION ACTIVITIES\nAt its meeting of 10 July 2024, the Council agreed. The present\n"
        "document reproduces a communication dated 26 September 2024. It follows the report contained in\n"
        "document IP/C/R/TC/WTO-OMC/4 and (IP/C/W/654/Add.1).\n"
    )
    assert (cover.symbol, cover.date) == ("", None)


def test_the_date_beside_the_symbol_wins_over_a_mirrors_date_issue_8() -> None:
    page = "Norway\n- 2007/12/19\nWorld Trade\nOrganization IP/C/W/497/Add.4\n3 December 2007 (07-5300)\n"
    assert parse_cover(page).date == date(2007, 12, 3)


def test_symbols_of_every_series_and_co_symbols_issue_8() -> None:
    assert parse_cover("RESTRICTED IP/C/M/95/Add.1 2 October 2020").symbol == "IP/C/M/95/Add.1"
    assert parse_cover("IP/C/R/TC/WHO/1\n12 October 2020").symbol == "IP/C/R/TC/WHO/1"
    stacked = parse_cover("IP/C/W/473\nWT/GC/W/566\nTN/C/W/42\n14 March 2006\n")
    assert (stacked.symbol, stacked.cosymbols) == ("IP/C/W/473", ("WT/GC/W/566", "TN/C/W/42"))
    assert parse_cover(
        "Organización Mundial del ComercioIP/C/W/368/Rev.1/Corr.1 9 de marzo de 2006"
    ).symbol == ("IP/C/W/368/Rev.1/Corr.1")


TITLED_EN = """IP/C/W/640/Add.3
12 October 2018
(18-6360) Page: 1/4
Council for Trade-Related Aspects of Original: English
Intellectual Property Rights
TECHNICAL COOPERATION ACTIVITIES
JAPAN
"""
TITLED_FR = """IP/C/W/640/Add.3
12 octobre 2018
Conseil des aspects des droits de
propriété intellectuelle qui touchent au
commerce
Original: anglais
ACTIVITÉS DE COOPÉRATION TECHNIQUE
JAPON
"""
TITLED_ES = """IP/C/W/640/Add.3
12 de octubre de 2018
Página: 1/4
Consejo de los Aspectos de los Derechos de Propiedad
Intelectual relacionados con el Comercio
Original: inglés
ACTIVIDADES DE COOPERACIÓN TÉCNICA
JAPÓN
"""


@pytest.mark.parametrize(
    ("page", "title"),
    [
        (TITLED_EN, "TECHNICAL COOPERATION ACTIVITIES"),
        (TITLED_FR, "ACTIVITÉS DE COOPÉRATION TECHNIQUE"),
        (TITLED_ES, "ACTIVIDADES DE COOPERACIÓN TÉCNICA"),
    ],
)
def test_titles_never_carry_the_councils_name_or_page_furniture_issue_8(page: str, title: str) -> None:
    for layout in (page, " ".join(page.split())):
        assert parse_cover(layout).title == title


@pytest.mark.parametrize(
    "page",
    [
        "IP/C/W/1\n25 Auguſt 2001\n",  # a long s that matches "s" when case is ignored
        "IP/C/W/1\n1 JULİO 2001\n",
        "IP/C/W/1\nPage: 1/" + "9" * 5000,
        "IP/C/W/1 " * 50_000,
        "AB " * 100_000,
        "\x00" * 100_000,
    ],
)
def test_hostile_first_pages_are_read_without_error_issue_8(page: str) -> None:
    cover = parse_cover(page, page)
    assert cover.symbol == ("IP/C/W/1" if page.startswith("IP/C/W/1") else "")
    assert len(cover.cosymbols) < 10 and cover.pages is None


def test_a_meeting_range_and_a_cited_report_are_not_the_documents_date_and_symbol_issue_8() -> None:
    cover = parse_cover("Regional training, Bangkok, 12-14 March 2019. Its annual report, IP/C/W/647, was")
    assert (cover.date, cover.symbol) == (None, "")
