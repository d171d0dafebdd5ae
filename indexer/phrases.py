"""The phrases tagging reads, in English, French and Spanish, as WTO covers, minutes and
statements print them (see :mod:`ipcw.indexer.tags` for how they are weighed).

Each is matched on the text as one stream of words (``\\s+`` wherever a line may break), and
tolerates what mirrors do to accents ("Secretara", "Secrtariat").
"""

from __future__ import annotations

import re

#: "of" before a name in French and Spanish: "de la", "de l'", "des", "du", "de las", "del", "d'"...
_DE_FORMS = r"de\s+la\s+|de\s+l'|des\s+|du\s+|de\s+las\s+|de\s+los\s+|del\s+|de\s+|d'"
_DE = rf"(?:{_DE_FORMS})"

_OF = rf"(?:of\s+(?:the\s+)?|{_DE_FORMS})?"
_DELEGATION = (
    r"(?:the\s+)?(?:Permanent\s+)?(?:Delegations?|Délégations?|Delegaci(?:ón|ones)|Missions?|Misi[oó]n|"
    r"Government|Gouvernement|Gobierno)(?:\s+permanente)?\s+" + _OF
)

# The sub-heading in sentence case, the title in capitals, as covers print them: a title that
# mentions "THE NOTE BY THE SECRETARIAT", or a sentence on "the WTO Secretariat technical
# cooperation programme", is not the Secretariat's note. Mirrors that lost their accents
# ("Secretara", "Secrtariat") are read too.
SECRETARIAT = re.compile(
    r"\b(?:Background\s+|Information\s+)?Note\s+by\s+the\s+Secretariat\b|"
    r"\bNote\s+(?:d'information\s+|de\s+synth[èe]?se\s+)?du\s+Secr[ée]?tariat\b|"
    r"\bNota\s+(?:de\s+antecedentes\s+|informativa\s+)?de\s+la\s+Secretar[íi]?a\b|"
    r"\bSECRETARIAT\s+TECHNICAL\s+CO-?OPERATION\b|"
    r"\bCOOPÉRATION\s+TECHNIQUE\s+DU\s+SECRÉTARIAT\b|\bCOOPERACIÓN\s+TÉCNICA\s+DE\s+LA\s+SECRETARÍA\b"
)
#: "is being circulated at the request of the delegation of", and its French and Spanish forms.
REQUEST = re.compile(
    r"\b(?:circulated|distribu[ée]e?s?|distribuye|distribuyen)\b[^.]{0,40}?"
    r"(?:at\s+the\s+request\s+of|à\s+la\s+demande|a\s+(?:petición|solicitud))\s+"
    rf"{_DE}?(?:the\s+)?"
    rf"(?:{_DELEGATION})?",
    re.IGNORECASE,
)
#: The Secretariat's disclaimer, a sentence of the cover: "prepared under the Secretariat's own
#: responsibility", "sous la responsabilité du Secrétariat", "bajo la responsabilidad de la Secretaría".
SECRETARIAT_SENTENCE = re.compile(
    r"\bprepared\s+under\s+the\s+(?:Secretariat's\s+own\s+)?responsibility\s+of\s+the\s+Secretariat\b|"
    r"\bprepared\s+under\s+the\s+Secretariat's\s+own\s+responsibility\b|"
    r"\bsous\s+la\s+(?:propre\s+)?responsabilité\s+du\s+Secr[ée]?tariat\b|"
    r"\bbajo\s+la\s+(?:exclusiva\s+)?responsabilidad\s+de\s+la\s+Secretar[íi]?a\b",
    re.IGNORECASE,
)
#: "The following communication, dated 14 September 2021, from Japan, is being circulated ...".
DATED_FROM = re.compile(
    r"\bcommunication,?\s+dated\s+[^,]{3,30}?,?\s+from\s+(?:the\s+)?" + f"(?:{_DELEGATION})?",
    re.IGNORECASE,
)
RECEIVED_FROM_DELEGATION = re.compile(
    r"\b(?:received|re[çc]ue?s?|recibid[oa]s?)\s+(?:from|de|del)\s+(?:la\s+)?" + _DELEGATION,
    re.IGNORECASE,
)
#: An organization's information: the name follows, then "by means of" within a few words.
RECEIVED_FROM = re.compile(
    r"\b(?:received|re[çc]u[ée]?s?|recibid[oa]s?)\s+(?:from|de\s+la|de\s+l'|du|del|de)\s+(?:the\s+)?",
    re.IGNORECASE,
)
BY_MEANS_OF = re.compile(r"[\s,]*(?:by\s+means\s+of|au\s+moyen|mediante|par\s+(?:le|la|une))", re.IGNORECASE)
PREPARED_BY = re.compile(
    r"\b(?:prepared|submitted|provided)\s+by\s+(?:the\s+)?|\b(?:établie?|présentée?)\s+par\s+|"
    r"\b(?:preparad[oa]|presentad[oa])\s+por\s+",
    re.IGNORECASE,
)
COMMUNICATION = re.compile(
    r"\b(?:Communication\s+from|Joint\s+communication\s+from|Communication\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d')|"
    r"Comunicación\s+(?:de\s+la\s+|de\s+los\s+|de\s+las\s+|del\s+|de\s+))(?:the\s+)?",
    re.IGNORECASE,
)
ON_BEHALF = re.compile(
    r"\s*(?:,\s*)?(?:\(\s*)?(?:on\s+behalf\s+of|au\s+nom\s+d[ue]s?|au\s+nom\s+de\s+la|en\s+nombre\s+de(?:l)?|"
    r"en\s+nombre\s+de\s+la)\s+(?:the\s+)?",
    re.IGNORECASE,
)
#: "Peru, on behalf also of Bolivia, Colombia and Ecuador": co-sponsors, added to the list.
ALSO_ON_BEHALF = re.compile(
    r"\s*(?:,\s*)?(?:also\s+on\s+behalf\s+of|on\s+behalf\s+also\s+of|en\s+nombre\s+también\s+de(?:l|\s+la|\s+los)?|"
    r"au\s+nom\s+également\s+d[eu]s?)\s+(?:the\s+)?",
    re.IGNORECASE,
)
#: Between two names of a list: ", ", " and ", ", et de l'", " y ".
LIST_SEPARATOR = re.compile(
    r"\s*(?:,\s*(?:(?:and|et|y|e)\s+)?|;\s*|(?<=\s)(?:and|et|y|e)\s+)"
    r"(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+|d'|the\s+)?",
    re.IGNORECASE,
)
_SAID = (
    r"(?:said|stated|noted|recalled|welcomed|thanked|expressed|believed|wondered|confirmed|supported|"
    r"suggested|agreed|proposed|indicated|emphasized|emphasised|urged|asked|requested|informed|"
    r"explained|hoped|considered|added|underlined|reiterated)"
)
#: What only minutes say of themselves: their cover, e-TRIPS's header over an intervention.
MINUTES_COVER = re.compile(
    r"\bMINUTES\s+OF\s+(?:THE\s+)?MEETING\b|\bHeld\s+in\s+the\s+Centre\s+William\s+Rappard\b|"
    r"\bCOMPTE\s+RENDU\s+DE\s+LA\s+RÉUNION\b|\bACTAS?\s+DE\s+LA\s+REUNIÓN\b|\bMinutes\s+-\s+TRIPS\s+Council\b|"
    r"intervention/statement|intervention/la\s+déclaration|intervención/declaración|"
    r"\bStatements\s+by\s+Members\b|\brecord\s+of\s+the\s+discussion\b|"
    r"\bcontains\s+the\s+(?:statements\s+made|information\s+provided)\b",
    re.IGNORECASE,
)
#: Delegations speaking, as minutes report them: evidence when no cover sentence submits the text.
MINUTES = re.compile(
    rf"\b(?:representatives?|delegates?)\s+of\s+[^.]{{2,80}}?\s+{_SAID}\b|"
    rf"\bThe\s+Chair(?:man|person)?\s+{_SAID}\b|"
    r"(?:^|\s)\d{2,3}\.\s+(?:The\s+)?(?:delegation|representative)\s+of\b|"
    # e-TRIPS's pages of minutes open with the Chair: "Ambassador Dacio Castillo (Honduras)".
    r"^\s*(?:H\.E\.\s+)?(?:Ambassador|Mr\.|Ms\.|Mrs\.)\s[^\n]{2,100}?\([^)]{2,40}\)\s[^\n]{0,120}?\s\d{2,3}\.\s|"
    r"\breprésentante?\s+(?:de\s+la\s+|de\s+l'|du\s+|des\s+|de\s+)[^.]{2,60}?\s+a\s+(?:dit|déclaré|rappelé)\b|"
    r"\brepresentante\s+(?:de\s+la\s+|de\s+los\s+|del\s+|de\s+)[^.]{2,60}?\s+(?:dice|dijo|declaró|recuerda)\b",
    re.IGNORECASE,
)
CONTENTS = re.compile(
    r"\b(?:Table\s+of\s+Contents|Subjects\s+discussed|Table\s+des\s+matières|Questions\s+traitées|"
    r"Índice|Asuntos\s+tratados)\b",
    re.IGNORECASE,
)
MINUTES_TITLE = re.compile(r"MINUTES|COMPTE\s+RENDU|ACTAS?\b", re.IGNORECASE)
STATEMENT = re.compile(
    r"\bSTATEMENT\b|\bDÉCLARATION\b|\bDECLARACIÓN\b|\bPresented\s+by\s+the\s+Delegation\b|"
    r"\bStatement\s+by\b|\bDéclaration\s+d[eu]\b|\bDeclaración\s+de\b"
)
#: Where a delegation speaks: "The delegation of Bangladesh welcomes", "The representative of ...".
SPEAKER = re.compile(
    r"\b(?:delegations?|representatives?|delegates?|Ambassador|délégations?|représentante?s?|"
    r"delegaci(?:ón|ones)|representantes?)\s+" + _OF + r"|\bPresented\s+by\s+the\s+Delegation\s+of\s+"
    r"|(?:^|\s)\d{1,3}\.\s+(?:The\s+)?",
    re.IGNORECASE,
)
_ARTICLE_67 = r"\bArt(?:icle|ículo|\.)?\s*67\b"
TECHNICAL_COOPERATION = re.compile(
    r"TECHNICAL\s+(?:AND\s+FINANCIAL\s+)?CO-?OPERATION|COOPÉRATION\s+TECHNIQUE|COOPERACIÓN\s+TÉCNICA|"
    + _ARTICLE_67,
    re.IGNORECASE,
)
ARTICLE_66_2 = re.compile(
    r"\b66[.:]2\b|\bpárrafo\s+2\s+del\s+artículo\s+66\b|\bparagraphe\s+2\s+de\s+l'article\s+66\b",
    re.IGNORECASE,
)
ARTICLE_67 = re.compile(_ARTICLE_67, re.IGNORECASE)
#: The words of technical cooperation in a body that has no title saying so.
COOPERATION_WORDS = re.compile(
    r"technical\s+(?:co-?operation|assistance)|capacity[\s-]+building|training|funds?-in-trust|"
    rf"{_ARTICLE_67}|"
    r"seminars?|workshops?|coopération\s+technique|assistance\s+technique|renforcement\s+des\s+capacités|"
    r"formation|séminaires?|ateliers?|cooperación\s+técnica|asistencia\s+técnica|"
    r"creación\s+de\s+capacidad|capacitación|seminarios?|talleres?",
    re.IGNORECASE,
)
