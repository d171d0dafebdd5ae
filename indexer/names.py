"""Names of WTO Members and intergovernmental organizations as WTO writes them, with the variants
met in English, French and Spanish documents, so that a submitter is always normalised to one name.
"""

from __future__ import annotations

import re
import unicodedata

from ipcw.models import Origin

#: (name as WTO writes it, origin, other spellings: French, Spanish, short forms).
_TABLE: tuple[tuple[str, Origin, tuple[str, ...]], ...] = (
    ("Australia", Origin.MEMBER, ("Australie",)),
    ("Austria", Origin.MEMBER, ("Autriche",)),
    ("Brazil", Origin.MEMBER, ("Brésil", "Brasil")),
    ("Canada", Origin.MEMBER, ("Canadá",)),
    ("Chad", Origin.MEMBER, ("Tchad",)),
    ("China", Origin.MEMBER, ("Chine",)),
    ("Czech Republic", Origin.MEMBER, ("République tchèque", "República Checa")),
    ("Denmark", Origin.MEMBER, ("Danemark", "Dinamarca")),
    (
        "European Communities",
        Origin.MEMBER,
        ("Communautés européennes", "Comunidades Europeas", "European Communities and their member States"),
    ),
    ("European Union", Origin.MEMBER, ("Union européenne", "Unión Europea", "EU")),
    ("Finland", Origin.MEMBER, ("Finlande", "Finlandia")),
    ("France", Origin.MEMBER, ("Francia",)),
    ("Germany", Origin.MEMBER, ("Allemagne", "Alemania")),
    ("Iceland", Origin.MEMBER, ("Islande", "Islandia")),
    ("India", Origin.MEMBER, ("Inde",)),
    ("Japan", Origin.MEMBER, ("Japon", "Japón")),
    (
        "Korea, Republic of",
        Origin.MEMBER,
        ("Republic of Korea", "Korea", "Corée, République de", "Corea, República de"),
    ),
    ("LDC Group", Origin.MEMBER, ("Groupe des PMA", "Grupo de PMA", "least developed country Members")),
    ("Liechtenstein", Origin.MEMBER, ()),
    ("New Zealand", Origin.MEMBER, ("Nouvelle-Zélande", "Nueva Zelandia", "Nueva Zelanda")),
    ("Norway", Origin.MEMBER, ("Norvège", "Noruega")),
    ("Singapore", Origin.MEMBER, ("Singapour", "Singapur")),
    ("South Africa", Origin.MEMBER, ("Afrique du Sud", "Sudáfrica")),
    ("Spain", Origin.MEMBER, ("Espagne", "España")),
    ("Sweden", Origin.MEMBER, ("Suède", "Suecia")),
    ("Switzerland", Origin.MEMBER, ("Suisse", "Suiza")),
    ("United Kingdom", Origin.MEMBER, ("Royaume-Uni", "Reino Unido", "UK")),
    ("United States", Origin.MEMBER, ("États-Unis", "Estados Unidos", "United States of America", "USA")),
    (
        "World Intellectual Property Organization (WIPO)",
        Origin.IGO,
        (
            "World Intellectual Property Organization",
            "WIPO",
            "OMPI",
            "Organisation mondiale de la propriété intellectuelle",
            "Organización Mundial de la Propiedad Intelectual",
        ),
    ),
    (
        "World Health Organization (WHO)",
        Origin.IGO,
        (
            "World Health Organization",
            "WHO",
            "OMS",
            "Organisation mondiale de la santé",
            "Organización Mundial de la Salud",
        ),
    ),
    (
        "United Nations Conference on Trade and Development (UNCTAD)",
        Origin.IGO,
        (
            "United Nations Conference on Trade and Development",
            "UNCTAD",
            "CNUCED",
            "Conférence des Nations Unies sur le commerce et le développement",
            "Conferencia de las Naciones Unidas sobre Comercio y Desarrollo",
        ),
    ),
    (
        "Organisation for Economic Co-operation and Development (OECD)",
        Origin.IGO,
        ("Organisation for Economic Co-operation and Development", "OECD", "OCDE"),
    ),
    ("International Monetary Fund (IMF)", Origin.IGO, ("International Monetary Fund", "IMF", "FMI")),
    (
        "Food and Agriculture Organization of the United Nations (FAO)",
        Origin.IGO,
        (
            "Food and Agriculture Organization of the United Nations",
            "Food and Agriculture Organization",
            "FAO",
        ),
    ),
    (
        "International Union for the Protection of New Varieties of Plants (UPOV)",
        Origin.IGO,
        ("International Union for the Protection of New Varieties of Plants", "UPOV"),
    ),
    ("World Customs Organization (WCO)", Origin.IGO, ("World Customs Organization", "WCO", "OMD")),
    ("World Bank", Origin.IGO, ("Banque mondiale", "Banco Mundial")),
    ("WTO Secretariat", Origin.SECRETARIAT, ("Secretariat", "Secrétariat", "Secretaría", "WTO")),
)

_ARTICLES = re.compile(r"^(?:the|l'|le|la|les|el|los|las|de|du|des|d'|del)\s*", re.IGNORECASE)


def fold(text: str) -> str:
    """Lower case, accents removed, spaces collapsed, leading articles dropped: a lookup key."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[\s\u00a0]+", " ", text.replace("’", "'")).strip(" .,;:")
    previous = None
    while previous != text:
        previous, text = text, _ARTICLES.sub("", text, count=1)
    return text


_INDEX: dict[str, tuple[str, Origin]] = {}
for _name, _origin, _variants in _TABLE:
    for _variant in (_name, *_variants):
        _INDEX.setdefault(fold(_variant), (_name, _origin))


def lookup(text: str) -> tuple[str, Origin] | None:
    """The WTO spelling and origin of a name in any of its spellings, or ``None`` if unknown."""
    key = fold(text)
    if key in _INDEX:
        return _INDEX[key]
    bare = re.sub(r"\s*\([^)]*\)\s*$", "", key)  # "organisation ... (ompi)" → "organisation ..."
    return _INDEX.get(bare)


def normalise(text: str) -> str:
    """A submitter's name as WTO writes it; an unknown name is kept, tidied."""
    found = lookup(text)
    if found:
        return found[0]
    tidy = re.sub(r"\s+", " ", text).strip(" .,;:")
    return _ARTICLES.sub("", tidy, count=1) if tidy.lower().startswith(("the ",)) else tidy
