"""Every URL rule and selector of WTO Documents Online, in one place.

When the site changes, this is the module to edit. Parsers raise
:class:`~ipcw.errors.LayoutChangedError` naming the selector that no longer matches.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import parse_qs, quote, urljoin, urlsplit

import defusedxml.ElementTree as defused
from bs4 import BeautifulSoup, Tag
from defusedxml import DefusedXmlException

from ipcw.errors import LayoutChangedError
from ipcw.models import Listing

# -- routes ---------------------------------------------------------------------------------------
XML_RESULTS_PATH = "/dol2fe/Pages/SS/GetXMLResults.aspx"
HTML_RESULTS_PATH = "/dol2fe/Pages/FE_Search/FE_S_S006.aspx"
DIRECTDOC_PATH = "/dol2fe/Pages/SS/directdoc.aspx"
#: Documents Online itself: where links for readers go, whatever site a crawl was pointed at.
DOCUMENTS_ONLINE = "https://docs.wto.org"
ROBOTS_PATH = "/robots.txt"
XML_HITS_PER_PAGE = 100  # the most the endpoint is reported to return

#: The drive letter of a file path is its language (PDF): q English, r French, s Spanish.
PDF_DRIVES = {"q": "en", "r": "fr", "s": "es"}


def idol_query(patterns: list[str], since: date | None = None, until: date | None = None) -> str:
    """The IDOL query listing ``patterns`` (``IP/C/W/64*``, exact symbols) within the dates."""
    terms = [f'@Symbol="{p}"' if "*" not in p else f"@Symbol={p}" for p in patterns]
    query = terms[0] if len(terms) == 1 else "(" + " OR ".join(terms) + ")"
    if since:
        query += f" AND @meta_Date>={since:%d/%m/%Y}"
    if until:
        query += f" AND @meta_Date<={until:%d/%m/%Y}"
    return query


def xml_results_url(base_url: str, query: str, start: int) -> str:
    return (
        f"{base_url.rstrip('/')}{XML_RESULTS_PATH}?DataSource=Cat&query={quote(query, safe='@=/*')}"
        f"&Language=English&XMLMaxHitsPerPage={XML_HITS_PER_PAGE}&XMLStart={start}"
    )


def html_results_url(base_url: str, query: str) -> str:
    return (
        f"{base_url.rstrip('/')}{HTML_RESULTS_PATH}?Query={quote('(' + query + ')', safe='@=/*')}"
        "&Language=ENGLISH&Context=FomerScriptedSearch&languageUIChanged=true"
    )


def download_url(base_url: str, file_path: str) -> str:
    """The ``directdoc.aspx`` URL of a site file path such as ``q:/IP/C/W640A3.pdf``."""
    return f"{base_url.rstrip('/')}{DIRECTDOC_PATH}?filename={quote(file_path, safe=':/')}&Open=True"


def language_of(file_path: str) -> str | None:
    """``q:/IP/C/W640A3.pdf`` → ``en``; ``None`` for Word files and unknown drives."""
    drive = file_path.strip()[:2].lower()
    return PDF_DRIVES.get(drive[0]) if len(drive) == 2 and drive[1] == ":" else None


def _day(text: str) -> date | None:
    text = text.strip()
    for fmt in ("%d/%m/%Y %H:%M:%S", "%d/%m/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


ACCESS = {"U": "unrestricted", "D": "derestricted", "R": "restricted"}


# -- XML route ------------------------------------------------------------------------------------
AUTN = "{http://schemas.autonomy.com/aci/}"


@dataclass(frozen=True)
class ResultsPage:
    """One page of listing results."""

    total: int
    listings: list[Listing]
    next_form: dict[str, str] | None = None  # HTML route: the postback that fetches the next page
    action_url: str = ""


def parse_xml_results(content: bytes, url: str) -> ResultsPage:
    """Parse one page of ``GetXMLResults.aspx``."""
    try:
        # Hardened: a DTD, an entity declaration or an external reference is refused, never
        # expanded or fetched (billion laughs, quadratic blow-up, XXE).
        root = defused.fromstring(content, forbid_dtd=True)
    except ET.ParseError as exc:
        raise LayoutChangedError("autnresponse", url, f"not XML: {exc}") from exc
    except DefusedXmlException as exc:
        raise LayoutChangedError("autnresponse", url, f"a DTD or entities, refused: {exc!r}") from exc
    total_el = root.find(f".//{AUTN}totalhits")
    if total_el is None or not (total_el.text or "").strip().isdigit():
        raise LayoutChangedError("autn:totalhits", url)
    listings = []
    for hit in root.iter(f"{AUTN}hit"):
        doc = hit.find(f"{AUTN}content/DOCUMENT")
        if doc is None:
            raise LayoutChangedError("autn:content/DOCUMENT", url)

        def text(tag: str, doc: ET.Element = doc) -> str:
            el = doc.find(tag)
            return (el.text or "").strip() if el is not None else ""

        def split(tag: str) -> tuple[str, ...]:
            return tuple(p.strip() for p in text(tag).split("#") if p.strip())

        symbols = split("SYMBOL")
        if not symbols:
            raise LayoutChangedError("DOCUMENT/SYMBOL", url)
        files = {lang: path for path in split("FILENAMESA") if (lang := language_of(path))}
        listings.append(
            Listing(
                symbols=symbols,
                title=text("CATTITLE") or (hit.findtext(f"{AUTN}title") or "").strip(),
                date=_day(text("ISSUINGDATE")),
                catalogue_id=text("CATID"),
                access=ACCESS.get(text("RESTRICTIONTYPENAME").upper(), ""),
                files=files,
                bodies=split("BODIES"),
                types=split("TYPES"),
                subjects=split("SUBJECTLIST"),
            )
        )
    return ResultsPage(total=int(total_el.text or 0), listings=listings)


# -- HTML route -----------------------------------------------------------------------------------
SEL_FORM = "form#aspnetForm"
SEL_TOTAL = "span#ctl00_MainPlaceHolder_lbl010"
SEL_NEXT = "a#ctl00_MainPlaceHolder_lnkNext"
SEL_RESULTS = "table#ctl00_MainPlaceHolder_dtlDocs"
SEL_SYMBOL = (
    "div.hitSymbol a.FECatalogueSymbolPreviewCss, div.hitSymbol a.FECatalogueDisabledSymbolPreviewCss"
)
SEL_TITLE = 'div.hitTitle span[title="Document title"]'
SEL_CATALOGUE_ID = 'input[id$="_hdnCatalogueHeaderId"]'
FILE_LINK_DIVS = {"en": "div.hitEnFileLink a", "fr": "div.hitFrFileLink a", "es": "div.hitSpFileLink a"}
DETAIL_SUFFIXES = {
    "access": "lbl024",
    "date": "lbl023",
    "pages": "lbl049",
    "doc_number": "lbl046",
}
NEXT_TARGET = "ctl00$MainPlaceHolder$lnkNext"
HIDDEN_FIELDS = ("__VIEWSTATE", "__VIEWSTATEGENERATOR", "__EVENTVALIDATION")


def _require(soup: BeautifulSoup | Tag, selector: str, url: str) -> Tag:
    found = soup.select_one(selector)
    if found is None:
        raise LayoutChangedError(selector, url)
    return found


def file_path_from_link(href: str) -> str | None:
    """The ``filename`` parameter of a ``directdoc.aspx`` link (``Q:/WT/DS/1-3.pdf``)."""
    values = parse_qs(urlsplit(href).query).get("filename")
    return values[0].strip() if values else None


def parse_results_page(content: bytes | str, url: str) -> ResultsPage:
    """Parse one ``FE_S_S006.aspx`` results page, and the postback that fetches the next one."""
    soup = BeautifulSoup(content, "html.parser")
    form = _require(soup, SEL_FORM, url)
    total_text = _require(soup, SEL_TOTAL, url).get_text(strip=True).replace(",", "")
    if not total_text.isdigit():
        raise LayoutChangedError(SEL_TOTAL, url, f"no number in {total_text!r}")
    total = int(total_text)
    listings: list[Listing] = []
    if total:
        table = _require(soup, SEL_RESULTS, url)
        for cell in table.select(":scope > tr > td"):
            listings.append(_parse_row(cell, url))
    next_form = None
    nxt = soup.select_one(SEL_NEXT)
    if nxt is not None and nxt.get("href") and nxt.get("disabled") is None:
        next_form = postback_form(form, url)
    action = urljoin(url, str(form.get("action", "")))
    return ResultsPage(total=total, listings=listings, next_form=next_form, action_url=action)


def postback_form(form: Tag, url: str) -> dict[str, str]:
    """What a browser posts when the "Next" link is clicked: every input of the form as it stands
    (checkboxes and radio buttons only when checked, no buttons), with ``__EVENTTARGET`` naming the
    link. The view state fields must be there."""
    data: dict[str, str] = {}
    for field_ in form.select("input[name]"):
        kind = str(field_.get("type", "text")).lower()
        if kind in ("submit", "button", "image", "reset", "file"):
            continue
        if kind in ("checkbox", "radio") and field_.get("checked") is None:
            continue
        data[str(field_["name"])] = str(field_.get("value", "on" if kind in ("checkbox", "radio") else ""))
    for name in HIDDEN_FIELDS:
        if name not in data:
            raise LayoutChangedError(f"input#{name}", url)
    data["__EVENTTARGET"] = NEXT_TARGET
    data["__EVENTARGUMENT"] = ""
    return data


def _parse_row(cell: Tag, url: str) -> Listing:
    symbol_text = _require(cell, SEL_SYMBOL, url).get_text()
    symbols = tuple(s.strip() for s in symbol_text.split(";") if s.strip())
    title_el = _require(cell, SEL_TITLE, url)
    elided = title_el.find("i") is not None
    title = "".join(str(x) if isinstance(x, str) else x.get_text() for x in title_el.children).strip()
    details: dict[str, str] = {}
    for key, suffix in DETAIL_SUFFIXES.items():
        el = cell.select_one(f'span[id$="_{suffix}"]')
        details[key] = el.get_text(strip=True) if el else ""
    files = {}
    for lang, selector in FILE_LINK_DIVS.items():
        link = cell.select_one(selector)
        if link is not None and link.get("href"):
            path = file_path_from_link(str(link["href"]))
            if path:
                files[lang] = path
    catalogue = cell.select_one(SEL_CATALOGUE_ID)
    pages = details["pages"]
    return Listing(
        symbols=symbols,
        title=re.sub(r"\s+", " ", title),
        date=_day(details["date"]),
        catalogue_id=str(catalogue.get("value", "")) if catalogue else "",
        access=details["access"].lower(),
        files=files,
        doc_number=details["doc_number"],
        pages=int(pages) if pages.isdigit() else None,
        title_elided=elided,
    )


class RobotsPolicy:
    """``robots.txt`` rules (the standard library's parser); everything is allowed without one."""

    def __init__(self, text: str = "") -> None:
        from urllib.robotparser import RobotFileParser

        self.text = text
        self._parser = RobotFileParser()
        self._parser.parse(text.splitlines())

    def allowed(self, url: str, user_agent: str) -> bool:
        return not self.text.strip() or self._parser.can_fetch(user_agent, url)


def within(url: str, site_root: str) -> bool:
    """Whether ``url`` is on the site ``site_root``: same scheme, host and port."""
    target, root = urlsplit(url), urlsplit(site_root)
    return (target.scheme.lower(), target.netloc.lower()) == (root.scheme.lower(), root.netloc.lower())


def robots_url(base_url: str) -> str:
    return base_url.rstrip("/") + ROBOTS_PATH
