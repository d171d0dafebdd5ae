"""The local search page: Flask over the same library calls as the CLI.

Pages (server-rendered HTML, no JavaScript; every value written by Jinja2 with autoescaping, a
snippet's ``**marked**`` words turned into ``<mark>`` only after escaping):

- ``/``: the search box (the query language of ``ipcw search``), filters and facet counts in a side
  panel (a facet value is a link that adds it as a filter), hits with their snippets, and with
  ``group=family`` each family once with the rest of it;
- ``/document?symbol=...&lang=...``: what the index holds of one document, its text, and links to
  its PDF in each language on Documents Online and in the local store;
- ``/pdf?symbol=...&lang=...``: a stored PDF, and only a file inside the data directory's store;
- ``/coverage``: the Article 67 coverage table (:mod:`ipcw.report`).

A searcher is opened for each request and closed after it: a page always reads the index current
when it was asked for, whatever a crawl swaps in meanwhile.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from flask import Flask, abort, render_template, request, send_file, url_for
from markupsafe import Markup, escape
from werkzeug.datastructures import MultiDict

from ipcw.config import Settings
from ipcw.errors import IndexMissingError, IpcwError, StoreError
from ipcw.harvester.site import DOCUMENTS_ONLINE, download_url, html_results_url, idol_query
from ipcw.harvester.store import Store
from ipcw.models import LANGUAGES, Document, Kind, Origin, Topic
from ipcw.output.table import submitter_label
from ipcw.report import REPORT_FILTERS, Section, coverage
from ipcw.report.render import HEADINGS, report_title, short_label
from ipcw.search import Engine, Filters, open_searcher
from ipcw.symbols import parse_symbol

log = logging.getLogger(__name__)

#: Hits a page shows.
PAGE = 20
#: The facets of the side panel, with their headings and the filter each value sets.
FACET_FILTERS = {
    "origin": ("Origin", "origin"),
    "submitter": ("Submitter", "submitter"),
    "year": ("Year", "year"),
    "lang": ("Language", "lang"),
    "topic": ("Topic", "topic"),
    "kind": ("Kind", "kind"),
}
#: The search filters a page's address may carry, and the values each takes (empty: any).
CHOICES: dict[str, tuple[str, ...]] = {
    "origin": tuple(o.value for o in Origin),
    "lang": LANGUAGES,
    "topic": tuple(t.value for t in Topic),
    "kind": tuple(k.value for k in Kind),
    "sort": ("relevance", "date"),
    "group": ("", "family"),
}
#: The three searches of the WTO's technical-cooperation page, offered on the empty search page.
SEED_SEARCHES = (
    "technical cooperation",
    "technical cooperation and member",
    "technical cooperation and intergovernmental organizations",
)
#: The parameters of a search page's address: links carry these and no others.
SEARCH_PARAMETERS = (
    *("q", "sort", "group", "origin", "submitter", "year", "lang", "topic", "kind"),
    *("from", "to", "symbol", "page"),
)
_MARKED = re.compile(r"\*\*(.+?)\*\*")


def create_app(settings: Settings) -> Flask:
    """The web application over the data directory of ``settings``."""
    app = Flask(__name__)
    data = settings.data
    app.jinja_env.filters["marked"] = marked
    app.jinja_env.globals["submitter_label"] = submitter_label
    app.jinja_env.globals["search_url"] = search_url

    @contextmanager
    def searcher() -> Iterator[Engine]:
        with open_searcher(settings) as opened:
            yield opened

    @app.errorhandler(IpcwError)
    def library_error(exc: IpcwError) -> tuple[str, int]:
        status = 503 if isinstance(exc, IndexMissingError) else 400
        return render_template("error.html", message=str(exc)), status

    @app.get("/")
    def search_page() -> str:
        args = request.args
        query = args.get("q", "").strip()
        chosen = {name: args.get(name, "") for name in CHOICES}
        for name, allowed in CHOICES.items():
            if chosen[name] and chosen[name] not in allowed:
                abort(400, f"{name} is one of {', '.join(filter(None, allowed))}")
        page = max(1, _int(args.get("page"), 1))
        context: dict[str, Any] = {
            "query": query,
            "chosen": chosen,
            "args": args,
            "seeds": SEED_SEARCHES,
            "choices": CHOICES,
        }
        if query:
            filters = Filters(
                origins=_some(chosen["origin"]),
                languages=_some(chosen["lang"]),
                topics=_some(chosen["topic"]),
                kinds=_some(chosen["kind"]),
                submitters=_some(args.get("submitter", "").strip()),
                symbols=_some(args.get("symbol", "").strip()),
                year=_int(args.get("year"), None),
                date_from=_day(args.get("from")),
                date_to=_day(args.get("to")),
            )
            with searcher() as opened:  # one hit (or family) more than shown: is there a next page?
                result = opened.search(
                    query,
                    filters,
                    limit=PAGE * page + 1,
                    sort=chosen["sort"] or "relevance",
                    facets=True,
                    by_family=chosen["group"] == "family",
                )
                hits = list(result.hits)[PAGE * (page - 1) :]
            context.update(
                result=result,
                hits=hits[:PAGE],
                page=page,
                more=len(hits) > PAGE,
                facets=_facet_links(result.facets or {}, args),
            )
        return render_template("search.html", **context)

    @app.get("/document")
    def document_page() -> str:
        symbol, language = request.args.get("symbol", ""), request.args.get("lang") or None
        with searcher() as opened:
            copies = [hit.document for hit in opened.lookup(symbol, None, with_text=True)]
        if not copies:
            abort(404, f"{symbol} is not in the index")
        shown = next((doc for doc in copies if doc.language == language), copies[0])
        return render_template(
            "document.html",
            doc=shown,
            held=[doc.language for doc in copies],
            links=_links(settings, shown.symbol, copies),
        )

    @app.get("/pdf")
    def pdf() -> Any:
        symbol, language = request.args.get("symbol", ""), request.args.get("lang", "")
        with searcher() as opened:
            copies = [hit.document for hit in opened.lookup(symbol, language or None, with_text=False)]
        path = data.pdf(copies[0].symbol, copies[0].language) if copies and copies[0].path else None
        if path is None or not _inside(path, data.files):
            abort(404, f"no stored PDF of {symbol} in {language or 'any language'}")
        return send_file(path, mimetype="application/pdf", download_name=path.name)

    @app.get("/coverage")
    def coverage_page() -> str:
        with searcher() as opened:
            table = coverage(opened.documents(REPORT_FILTERS))
        sections = [(HEADINGS[s], table.section(s)) for s in Section if table.section(s)]
        return render_template(
            "coverage.html", table=table, sections=sections, title=report_title(table), label=short_label
        )

    return app


def marked(snippet: str) -> Markup:
    """A snippet as HTML: escaped, then its ``**marked**`` words in ``<mark>``."""
    return Markup(_MARKED.sub(r"<mark>\1</mark>", str(escape(snippet))))


def _some(value: str) -> tuple[str, ...]:
    return (value,) if value else ()


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        abort(400, f"not a date (YYYY-MM-DD): {value!r}")


def _int(value: str | None, default: Any) -> Any:
    try:
        return int(value) if value else default
    except ValueError:
        abort(400, f"not a number: {value!r}")


def search_url(args: MultiDict[str, str], **changes: Any) -> str:
    """The address of the search ``args`` asks for, with ``changes`` (a value ``""`` drops its
    parameter): only the search's own parameters (:data:`SEARCH_PARAMETERS`) are carried, whatever
    else the address held, and page 1 unless ``page`` is changed."""
    wanted: dict[str, Any] = {key: args.get(key, "") for key in SEARCH_PARAMETERS if key != "page"}
    wanted.update({key: str(value) for key, value in changes.items() if key in SEARCH_PARAMETERS})
    return url_for("search_page", **{key: value for key, value in wanted.items() if value})


def _facet_links(facets: dict[str, dict[str, int]], args: MultiDict[str, str]) -> list[Any]:
    """Each facet's values, counts and the address of the search with that value as a filter."""
    panels = []
    for name, (heading, param) in FACET_FILTERS.items():
        values = facets.get(name, {})
        if not values:
            continue
        links = [
            (str(value), count, search_url(args, **{param: value}), args.get(param) == str(value))
            for value, count in list(values.items())[:12]
        ]
        panels.append((heading, links))
    return panels


def _links(settings: Settings, symbol: str, copies: list[Document]) -> list[tuple[str, str, str | None]]:
    """For each language of ``symbol`` that its listing on Documents Online names or the index
    holds: the PDF on Documents Online (from the store's listing, else the site's search for the
    symbol) and, where the index holds it, in the local store."""
    files: dict[str, str] = {}
    try:
        if settings.data.holds_store():
            with Store(settings.data) as store:
                for language in LANGUAGES:
                    entry = store.get(symbol, language)
                    listing = entry.document.listing if entry else None
                    files.update(listing.files if listing else {})
    except StoreError as exc:  # the page goes on with the site's search for the symbol
        log.warning("document page of %s: the store's listing cannot be read: %s", symbol, exc)
    held = {doc.language: doc for doc in copies}
    search = html_results_url(DOCUMENTS_ONLINE, idol_query([str(parse_symbol(symbol))]))
    return [
        (
            language,
            download_url(DOCUMENTS_ONLINE, files[language]) if language in files else search,
            url_for("pdf", symbol=symbol, lang=language)
            if language in held and held[language].path
            else None,
        )
        for language in LANGUAGES
        if language in files or language in held
    ]


def _inside(path: Path, folder: Path) -> bool:
    """Whether ``path`` is a file inside ``folder`` (links and ``..`` resolved)."""
    try:
        return path.resolve().is_relative_to(folder.resolve()) and path.is_file()
    except OSError:
        return False
