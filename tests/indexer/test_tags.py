"""Kind, origin, submitter, speaker and topic tagging from cover texts in English, French and Spanish,
each as laid out and reflowed (line breaks folded into spaces, as many PDFs and mirrors give them)."""

from __future__ import annotations

import re

import pytest

from ipcw.indexer.cover import parse_cover
from ipcw.indexer.tags import Tags, names_at, tag
from ipcw.models import Kind, Origin, Topic
from ipcw.names import Name

JAPAN_ADDENDUM = """TECHNICAL COOPERATION ACTIVITIES: INFORMATION FROM MEMBERS
JAPAN
Addendum
The following communication, dated 9 October 2018, is being circulated at the request of the
delegation of Japan.
"""
UNITED_STATES = """TECHNICAL COOPERATION ACTIVITIES: INFORMATION FROM MEMBERS
Addendum
The following communication has been received from the delegation of the United States.
"""
WAIVER = """WAIVER FROM CERTAIN PROVISIONS OF THE TRIPS AGREEMENT
Communication from India and South Africa
The following communication, dated 2 October 2020, is being circulated at the request of the
delegations of India and South Africa.
"""
WAIVER_FR = """DÉROGATION À CERTAINES DISPOSITIONS DE L'ACCORD SUR LES ADPIC
Communication de l'Inde et de l'Afrique du Sud
La communication ci-après, datée du 2 octobre 2020, est distribuée à la demande des
délégations de l'Inde et de l'Afrique du Sud.
"""
SWITZERLAND_ES = """ACTIVIDADES DE COOPERACIÓN TÉCNICA: INFORMACIÓN PRESENTADA POR LOS MIEMBROS
SUIZA
La siguiente comunicación, de fecha 27 de septiembre de 2019, se distribuye a petición de la
delegación de Suiza.
"""
LDC_GROUP = """REQUEST FOR AN EXTENSION OF THE TRANSITION PERIOD UNDER ARTICLE 66.1
Communication from Chad on behalf of the LDC Group
The following communication, dated 21 September 2020, is being circulated at the request of the
delegation of Chad, on behalf of the LDC Group.
"""
WHO_EN = """TECHNICAL COOPERATION ACTIVITIES: INFORMATION FROM OTHER INTERGOVERNMENTAL ORGANIZATIONS
WORLD HEALTH ORGANIZATION (WHO)
The present document reproduces the information which has been received from the World
Health Organization (WHO) by means of a communication dated 29 September 2019.
"""
WHO_FR = """ACTIVITÉS DE COOPÉRATION TECHNIQUE: RENSEIGNEMENTS COMMUNIQUÉS PAR D'AUTRES ORGANISATIONS
ORGANISATION MONDIALE DE LA SANTÉ (OMS)
Le présent document reproduit les renseignements qui ont été reçus de l'Organisation
mondiale de la santé (OMS) au moyen d'une communication datée du 29 septembre 2019.
"""
WCO = """DRAFT MODEL LEGISLATION ON BORDER ENFORCEMENT
Communication from the World Customs Organization (WCO)
"""
SECRETARIAT = """WTO SECRETARIAT TECHNICAL COOPERATION IN THE TRIPS AREA
Note by the
Secretariat
This note reports on the activities of the year.
"""
SECRETARIAT_ES = """COOPERACIÓN TÉCNICA DE LA SECRETARÍA DE LA OMC EN LA ESFERA DE LOS ADPIC
Nota de la Secretaría
"""
TAIPEI = """TECHNICAL COOPERATION ACTIVITIES: INFORMATION FROM MEMBERS
The following communication, dated 1 October 2019, is being circulated at the request of the
delegation of the Separate Customs Territory of Taiwan, Penghu, Kinmen
and Matsu.
"""
EC_2005 = """TECHNICAL COOPERATION ACTIVITIES: INFORMATION FROM MEMBERS
The following communication, dated 12 October 2005, is being circulated at the request of the
delegation of the European Communities and their member States.
"""
CO_SPONSORS = """THE RELATIONSHIP BETWEEN THE TRIPS AGREEMENT AND THE CONVENTION ON BIOLOGICAL DIVERSITY
Communication from Bolivia, Brazil, Cuba, Dominican Republic, Ecuador, India, Peru,
Thailand and Venezuela
"""
SECRETARIAT_FR = """LICENCES OBLIGATOIRES SPÉCIALES POUR L'EXPORTATION DE MÉDICAMENTS
Les modèles figurant dans le présent document ont été établis sous la responsabilité du
Secrétariat et sans préjudice des positions des Membres.
"""
BANGLADESH_GROUP = """The following communication is being circulated at the request of the delegation of
Bangladesh, on behalf of the LDC Group.
"""

CASES = [
    (JAPAN_ADDENDUM, Origin.MEMBER, ("Japan",)),
    (UNITED_STATES, Origin.MEMBER, ("United States",)),
    (WAIVER, Origin.MEMBER, ("India", "South Africa")),
    (WAIVER_FR, Origin.MEMBER, ("India", "South Africa")),
    (SWITZERLAND_ES, Origin.MEMBER, ("Switzerland",)),
    (LDC_GROUP, Origin.MEMBER, ("LDC Group",)),
    (WHO_EN, Origin.IGO, ("World Health Organization (WHO)",)),
    (WHO_FR, Origin.IGO, ("World Health Organization (WHO)",)),
    (WCO, Origin.IGO, ("World Customs Organization (WCO)",)),
    (SECRETARIAT, Origin.SECRETARIAT, ("WTO Secretariat",)),
    (SECRETARIAT_ES, Origin.SECRETARIAT, ("WTO Secretariat",)),
    (TAIPEI, Origin.MEMBER, ("Chinese Taipei",)),
    (EC_2005, Origin.MEMBER, ("European Union",)),
    (
        CO_SPONSORS,
        Origin.MEMBER,
        (
            "Bolivia, Plurinational State of",
            "Brazil",
            "Cuba",
            "Dominican Republic",
            "Ecuador",
            "India",
            "Peru",
            "Thailand",
            "Venezuela, Bolivarian Republic of",
        ),
    ),
    (BANGLADESH_GROUP, Origin.MEMBER, ("LDC Group",)),
    (SECRETARIAT_FR, Origin.SECRETARIAT, ("WTO Secretariat",)),
]


def _tags(text: str, layout: str) -> Tags:
    if layout == "reflowed":
        text = re.sub(r"\s+", " ", text)
    return tag(parse_cover(text))


@pytest.mark.parametrize("layout", ["as laid out", "reflowed"])
@pytest.mark.parametrize(("text", "origin", "submitters"), CASES)
def test_origin_and_submitters_whatever_the_line_breaks(
    text: str, origin: Origin, submitters: tuple[str, ...], layout: str
) -> None:
    tags = _tags(text, layout)
    assert (tags.kind, tags.origin, tags.submitters) == (Kind.COMMUNICATION, origin, submitters)


@pytest.mark.parametrize("layout", ["as laid out", "reflowed"])
def test_minutes_have_speakers_not_submitters(layout: str) -> None:
    minutes = """IP/C/M/95/Add.1
MINUTES OF MEETING
HELD IN THE CENTRE WILLIAM RAPPARD ON 15-16 OCTOBER 2020
12. The representative of Brazil said that the waiver requested at the request of the
delegation of India deserved attention.
"""
    tags = _tags(minutes, layout)
    assert (tags.kind, tags.origin, tags.submitters) == (Kind.MINUTES, None, ())
    assert "Brazil" in tags.speakers


@pytest.mark.parametrize("layout", ["as laid out", "reflowed"])
def test_a_passage_of_minutes_without_its_cover_is_minutes(layout: str) -> None:
    passage = """279.   The delegation of Bangladesh welcomes the reports under Article 66.2 of the
TRIPS Agreement. Reports under Article 66.2 should show incentives to enterprises.
"""
    tags = _tags(passage, layout)
    assert (tags.kind, tags.speakers, tags.topic) == (Kind.MINUTES, ("Bangladesh",), Topic.ARTICLE_66_2)


def test_a_group_statement_is_a_statement_by_its_speakers() -> None:
    statement = "AFRICA GROUP STATEMENT ON TRIPS AND PUBLIC HEALTH\n(Presented by the Delegation of Kenya)\n"
    tags = _tags(statement, "")
    assert (tags.kind, tags.origin, tags.submitters) == (Kind.STATEMENT, None, ())
    assert set(tags.speakers) == {"African Group", "Kenya"}


def test_unknown_cover_has_no_origin_rather_than_a_guess() -> None:
    assert _tags("SOME TITLE\nSome text that names nobody.", "").origin is None


def test_topics() -> None:
    assert _tags("TECHNICAL COOPERATION ACTIVITIES\n", "").topic is Topic.TECHNICAL_COOPERATION
    assert _tags("REPORT ON THE IMPLEMENTATION OF ARTICLE 66.2\n", "").topic is Topic.ARTICLE_66_2
    assert _tags("EXTENSION UNDER ARTICLE 66.1\n", "").topic is Topic.OTHER


def test_the_body_gives_the_topic_when_the_title_is_silent() -> None:
    report = """The following communication, dated 13 September 2024, is being circulated at the
request of the delegation of Japan.
1. Since 1987 Japan has funded training programmes and seminars through its funds-in-trust.
"""
    assert _tags(report, "").topic is Topic.TECHNICAL_COOPERATION


def _names(text: str) -> list[str]:
    found, _ = names_at(text, 0)
    return [n.name if isinstance(n, Name) else n for n in found]


def test_names_with_commas_stay_whole() -> None:
    assert _names("Korea, Republic of, Japan and the European Union.") == [
        "Korea, Republic of",
        "Japan",
        "European Union",
    ]


def test_names_the_table_does_not_know_are_kept_whole_between_those_it_knows() -> None:
    assert _names("Ruritania, Penghu and Japan.") == ["Ruritania, Penghu", "Japan"]
    assert _names("Japan, Ruritania and Penghu. More text") == ["Japan", "Ruritania and Penghu"]
    assert _names("the Separate Customs Territory of Ruritania, Penghu, Kinmen and Matsu.") == [
        "Separate Customs Territory of Ruritania, Penghu, Kinmen and Matsu"
    ]


def test_a_footnote_mark_glued_to_a_name_is_not_part_of_it() -> None:
    assert _names("Australia, the European Union1, Japan and the United States.") == [
        "Australia",
        "European Union",
        "Japan",
        "United States",
    ]
    assert _names("India-1 IP/C/W/196 12 July 2000") == ["India"]


def test_a_list_ends_where_the_sentence_goes_on() -> None:
    assert _names("the European Union and its member States.") == ["European Union"]
    assert _names("Japan, dated 9 October.") == ["Japan"]


def test_a_bug_met_on_one_cover_fails_that_document_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    from ipcw.errors import ExtractError
    from ipcw.indexer import extract_and_tag as read
    from ipcw.indexer.extract import Extracted
    from ipcw.models import Document

    def broken(cover: object) -> Tags:
        raise KeyError("a bug")

    monkeypatch.setattr(read, "tag", broken)
    with pytest.raises(ExtractError, match=re.escape("IP/C/W/1|en: cannot read its cover: KeyError")):
        read.complete(Document("IP/C/W/1", "en"), Extracted(["IP/C/W/1\n1 May 2001\n"], 1))


@pytest.mark.parametrize("layout", ["as laid out", "reflowed"])
def test_minutes_without_their_symbol_that_mention_a_communication_are_minutes(layout: str) -> None:
    passage = """Minutes - TRIPS Council - View details of the intervention/statement
Ambassador Lundeg Purevsuren (Mongolia)
1065. South Africa thanks Members for their engagement on the Communication from India and South
Africa, which is being circulated at the request of the delegations of India and South Africa.
"""
    tags = _tags(passage, layout)
    assert (tags.kind, tags.origin, tags.submitters) == (Kind.MINUTES, None, ())
    assert "South Africa" in tags.speakers


def test_a_members_paper_citing_a_secretariat_note_is_the_members() -> None:
    text = """REVIEW OF ARTICLE 27.3(B): COMMENTS ON THE NOTE BY THE SECRETARIAT
Communication from Norway
The following communication is being circulated at the request of the delegation of Norway.
1. Norway refers to IP/C/W/368/Rev.1, which was prepared under the Secretariat's own responsibility.
"""
    tags = _tags(text, "")
    assert (tags.origin, tags.submitters) == (Origin.MEMBER, ("Norway",))
    assert parse_cover(text).title == "REVIEW OF ARTICLE 27.3(B): COMMENTS ON THE NOTE BY THE SECRETARIAT"


def test_a_government_reporting_through_the_organizations_sentence_is_a_member() -> None:
    text = """TECHNICAL COOPERATION ACTIVITIES: INFORMATION FROM MEMBERS
The present document reproduces the information which has been received from the Government of
Japan by means of a communication dated 2 October 2019.
"""
    assert (_tags(text, "").origin, _tags(text, "").submitters) == (Origin.MEMBER, ("Japan",))


def test_an_organization_the_table_does_not_know_is_kept_whole_with_its_acronym() -> None:
    text = """TECHNICAL COOPERATION ACTIVITIES: INFORMATION FROM OTHER INTERGOVERNMENTAL ORGANIZATIONS
The present document reproduces the information which has been received from the International
Trade Centre (ITC) by means of a communication dated 2 October 2019.
"""
    tags = _tags(text, "reflowed")
    assert (tags.origin, tags.submitters) == (Origin.IGO, ("International Trade Centre (ITC)",))
