"""Tagging: who submitted a document (Member, IGO or Secretariat, and which) and its topic.

Reads only what the document says, so it works on PDFs from anywhere. The rules follow WTO's
cover templates in English, French and Spanish, from the most specific to the most general:

1. a Secretariat note ("Note by the Secretariat", "Note du Secrétariat", "Nota de la Secretaría");
2. an IGO's information ("received from the World Health Organization (WHO) by means of ...");
3. a Member's communication ("at the request of the delegation of Japan", "Communication from
   India and South Africa"), where a name that is an IGO makes the document an IGO's;
4. the sub-heading alone, when it is a known Member or IGO name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.cover import Cover
from indexer.names import lookup, normalise
from ipcw.models import Origin, Topic

SECRETARIAT = re.compile(
    r"\b(?:Background )?Note by the Secretariat\b|\bNote (?:d'information )?du Secrétariat\b|"
    r"\bNota (?:de antecedentes )?de la Secretaría\b|\bWTO SECRETARIAT TECHNICAL COOPERATION\b|"
    r"\bSECRÉTARIAT DE L'OMC\b|\bSECRETARÍA DE LA OMC\b",
    re.IGNORECASE,
)
IGO_SENTENCE = re.compile(
    r"(?:received from|reçus|recibida)\s+(?:the\s+)?(?:de\s+l'|de\s+la\s+|du\s+|del\s+|de\s+)?"
    r"(?P<name>.+?)\s+(?:by means of|au moyen|mediante)",
    re.IGNORECASE,
)
MEMBER_SENTENCE = re.compile(
    r"(?:request of|received from|à la demande|a petición)\s+(?:the\s+)?"
    r"(?:des?\s+|de\s+la\s+|de\s+las\s+)?(?:delegations?|délégations?|delegaci(?:ón|ones))\s+"
    r"(?:of\s+|de\s+|des\s+|du\s+|de\s+la\s+|del\s+|de\s+l'|d')?(?P<names>.+?)(?:\.\s|\.$|$)",
    re.IGNORECASE,
)
COMMUNICATION = re.compile(
    r"^(?:Communication from|Communication|Comunicación)\s+(?:de\s+|du\s+|des\s+|del\s+)?(?P<names>.+)$",
    re.IGNORECASE,
)
ON_BEHALF = re.compile(
    r"\b(?:on behalf of|au nom d[ue]s?|en nombre de(?:l)?)\s+(?:the\s+|la\s+|le\s+)?(.+)$", re.IGNORECASE
)
TECHNICAL_COOPERATION = re.compile(
    r"TECHNICAL COOPERATION|COOPÉRATION TECHNIQUE|COOPERACIÓN TÉCNICA", re.IGNORECASE
)
ARTICLE_66_2 = re.compile(r"ARTICLE 66\.2|ARTÍCULO 66\.2", re.IGNORECASE)
_SPLIT = re.compile(
    r",\s*(?:and|et|y)?\s*|\s+(?:and|et|y|e)\s+(?:de\s+l'|de\s+la\s+|du\s+|des\s+|de\s+)?", re.IGNORECASE
)


@dataclass(frozen=True)
class Tags:
    origin: Origin | None
    submitters: tuple[str, ...]
    topic: Topic


def split_names(text: str) -> list[str]:
    """``"India and South Africa"`` → both names; ``"Korea, Republic of"`` stays whole."""
    text = text.strip().rstrip(".")
    behalf = ON_BEHALF.search(text)
    if behalf:
        return [normalise(behalf[1])]
    if lookup(text):
        return [normalise(text)]
    parts = [p for p in _SPLIT.split(text) if p and p.strip()]
    names: list[str] = []
    i = 0
    while i < len(parts):
        # Re-join "Korea, Republic of"-style names that the comma split.
        if i + 1 < len(parts) and lookup(f"{parts[i]}, {parts[i + 1]}"):
            names.append(normalise(f"{parts[i]}, {parts[i + 1]}"))
            i += 2
            continue
        names.append(normalise(parts[i]))
        i += 1
    return list(dict.fromkeys(n for n in names if n))


def _origin_of(names: list[str], default: Origin) -> Origin:
    found = [lookup(n) for n in names]
    if found and all(f is not None and f[1] is Origin.IGO for f in found):
        return Origin.IGO
    return default


def topic_of(cover: Cover) -> Topic:
    words = f"{cover.title} {' '.join(cover.subheadings)}"
    if TECHNICAL_COOPERATION.search(words):
        return Topic.TECHNICAL_COOPERATION
    if ARTICLE_66_2.search(words):
        return Topic.ARTICLE_66_2
    return Topic.OTHER


def tag(cover: Cover) -> Tags:
    """Origin, submitters and topic of the document whose cover is ``cover``."""
    topic = topic_of(cover)
    head = f"{cover.title} {' '.join(cover.subheadings)}"
    if SECRETARIAT.search(head):
        return Tags(Origin.SECRETARIAT, ("WTO Secretariat",), topic)
    igo = IGO_SENTENCE.search(cover.sentence)
    if igo:
        return Tags(Origin.IGO, (normalise(igo["name"]),), topic)
    member = MEMBER_SENTENCE.search(cover.sentence)
    if member:
        names = split_names(member["names"])
        return Tags(_origin_of(names, Origin.MEMBER), tuple(names), topic)
    for line in cover.subheadings:
        communication = COMMUNICATION.match(line)
        if communication:
            names = split_names(communication["names"])
            return Tags(_origin_of(names, Origin.MEMBER), tuple(names), topic)
    for line in cover.subheadings:
        found = lookup(line)
        if found:
            return Tags(found[1], (found[0],), topic)
    return Tags(None, (), topic)
