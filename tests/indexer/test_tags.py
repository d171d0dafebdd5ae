"""Origin and submitter tagging from cover texts in English, French and Spanish."""

from __future__ import annotations

import pytest

from indexer.cover import Cover
from indexer.tags import split_names, tag
from ipcw.models import Origin, Topic


def _cover(title: str, subs: tuple[str, ...], sentence: str) -> Cover:
    return Cover(title=title, subheadings=subs, sentence=sentence)


@pytest.mark.parametrize(
    ("cover", "origin", "submitters"),
    [
        (
            _cover(
                "TECHNICAL COOPERATION ACTIVITIES: INFORMATION FROM MEMBERS",
                ("JAPAN", "Addendum"),
                "The following communication, dated 9 October 2018, is being circulated at the request of "
                "the delegation of Japan.",
            ),
            Origin.MEMBER,
            ("Japan",),
        ),
        (
            _cover(
                "TECHNICAL COOPERATION ACTIVITIES: INFORMATION FROM MEMBERS",
                ("Addendum",),
                "The following communication has been received from the delegation of the United States.",
            ),
            Origin.MEMBER,
            ("United States",),
        ),
        (
            _cover(
                "WAIVER FROM CERTAIN PROVISIONS",
                ("Communication from India and South Africa",),
                "The following communication, dated 2 October 2020, is being circulated at the request of "
                "the delegations of India and South Africa.",
            ),
            Origin.MEMBER,
            ("India", "South Africa"),
        ),
        (
            _cover(
                "DÉROGATION",
                ("Communication de l'Inde et de l'Afrique du Sud",),
                "La communication ci-après, datée du 2 octobre 2020, est distribuée à la demande des "
                "délégations de l'Inde et de l'Afrique du Sud.",
            ),
            Origin.MEMBER,
            ("India", "South Africa"),
        ),
        (
            _cover(
                "ACTIVIDADES DE COOPERACIÓN TÉCNICA",
                ("SUIZA",),
                "La siguiente comunicación, de fecha 27 de septiembre de 2019, se distribuye a petición "
                "de la delegación de Suiza.",
            ),
            Origin.MEMBER,
            ("Switzerland",),
        ),
        (
            _cover(
                "REQUEST FOR AN EXTENSION",
                ("Communication from Chad on behalf of the LDC Group",),
                "The following communication, dated 21 September 2020, is being circulated at the request of "
                "the delegation of Chad, on behalf of the LDC Group.",
            ),
            Origin.MEMBER,
            ("LDC Group",),
        ),
        (
            _cover(
                "TECHNICAL COOPERATION ACTIVITIES: INFORMATION FROM OTHER INTERGOVERNMENTAL ORGANIZATIONS",
                ("WORLD HEALTH ORGANIZATION (WHO)",),
                "The present document reproduces the information which has been received from the World "
                "Health Organization (WHO) by means of a communication dated 29 September 2019.",
            ),
            Origin.IGO,
            ("World Health Organization (WHO)",),
        ),
        (
            _cover(
                "ACTIVITÉS DE COOPÉRATION TECHNIQUE",
                ("ORGANISATION MONDIALE DE LA SANTÉ (OMS)",),
                "Le présent document reproduit les renseignements qui ont été reçus de l'Organisation "
                "mondiale de la santé (OMS) au moyen d'une communication datée du 29 septembre 2019.",
            ),
            Origin.IGO,
            ("World Health Organization (WHO)",),
        ),
        (
            _cover(
                "DRAFT MODEL LEGISLATION ON BORDER ENFORCEMENT",
                ("Communication from the World Customs Organization (WCO)",),
                "",
            ),
            Origin.IGO,
            ("World Customs Organization (WCO)",),
        ),
        (
            _cover(
                "WTO SECRETARIAT TECHNICAL COOPERATION IN THE TRIPS AREA",
                ("Note by the Secretariat",),
                "This note reports on ...",
            ),
            Origin.SECRETARIAT,
            ("WTO Secretariat",),
        ),
        (
            _cover(
                "COOPERACIÓN TÉCNICA DE LA SECRETARÍA DE LA OMC EN LA ESFERA DE LOS ADPIC",
                ("Nota de la Secretaría",),
                "",
            ),
            Origin.SECRETARIAT,
            ("WTO Secretariat",),
        ),
    ],
)
def test_origin_and_submitters(cover: Cover, origin: Origin, submitters: tuple[str, ...]) -> None:
    tags = tag(cover)
    assert (tags.origin, tags.submitters) == (origin, submitters)


def test_unknown_cover_has_no_origin_rather_than_a_guess() -> None:
    assert tag(_cover("MINUTES OF MEETING", (), "")).origin is None


def test_topics() -> None:
    assert tag(_cover("TECHNICAL COOPERATION ACTIVITIES", (), "")).topic is Topic.TECHNICAL_COOPERATION
    assert tag(_cover("REPORT ON THE IMPLEMENTATION OF ARTICLE 66.2", (), "")).topic is Topic.ARTICLE_66_2
    assert tag(_cover("EXTENSION UNDER ARTICLE 66.1", (), "")).topic is Topic.OTHER


def test_names_with_commas_stay_whole() -> None:
    assert split_names("Korea, Republic of, Japan and the European Union") == [
        "Korea, Republic of",
        "Japan",
        "European Union",
    ]


def test_unknown_names_are_kept_as_written() -> None:
    assert split_names("Ruritania and Japan") == ["Ruritania", "Japan"]
