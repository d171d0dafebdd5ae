"""Searches on the index built from the whole fixture site."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path

import pytest

from ipcw.config import Settings
from ipcw.errors import IndexMissingError, QueryError
from ipcw.indexer import IndexWriter, generations
from ipcw.models import Document, Hit, Origin
from ipcw.output import csv_format, json_format, records, table
from ipcw.search import Engine, Filters, Searcher, open_searcher
from ipcw.symbols import parse_symbol, sort_key
from tests.conftest import IndexOf


@pytest.fixture(scope="module")
def searcher(engine_settings: Settings) -> Iterator[Engine]:
    """A searcher of the fixtures' index, on each engine in turn."""
    with open_searcher(engine_settings) as s:
        yield s


def test_filters_by_origin_and_language(searcher: Engine) -> None:
    result = searcher.search("technical cooperation", Filters(origins=("igo",), languages=("en",)), limit=50)
    assert result.hits and all(
        h.document.origin and h.document.origin.value == "igo" and h.document.language == "en"
        for h in result.hits
    )
    assert result.total == len(result.hits)


@pytest.mark.parametrize(
    "query",
    [
        "technical cooperation",
        '"propriété intellectuelle"',
        "coopér*",
        "title:cooperation",
        "cooperation near technical",
    ],
)
@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_a_search_in_one_language_finds_what_a_search_in_all_finds_in_it(
    searcher: Searcher, query: str, lang: str
) -> None:
    """With --lang, words are looked for in that language's fields only (issue 11): the same
    documents, scored the same, as the search of every language's fields kept to that language."""
    one = searcher.search(query, Filters(languages=(lang,)), limit=None).hits
    every = [hit for hit in searcher.search(query, limit=None).hits if hit.document.language == lang]
    assert [(h.document.key, h.score) for h in one] == [(h.document.key, h.score) for h in every]


def test_filter_by_submitter_name_or_acronym(searcher: Engine) -> None:
    japan = searcher.search(
        "technical cooperation", Filters(submitters=("japan",), languages=("en",)), limit=50
    )
    assert {h.document.symbol for h in japan.hits} == {
        "IP/C/W/34/Add.2",
        "IP/C/W/408",
        "IP/C/W/426/Add.2",
        "IP/C/W/632",
        "IP/C/W/647/Add.3",
        "IP/C/W/655/Add.1",
    }
    who = searcher.search("cooperation", Filters(submitters=("WHO",), languages=("en",)), limit=50)
    assert who.hits and all(h.document.submitters == ("World Health Organization (WHO)",) for h in who.hits)


def test_filter_by_year_and_date_range(searcher: Engine) -> None:
    in_2004 = searcher.search("technical", Filters(year=2004), limit=50)
    assert in_2004.hits and all(h.document.date and h.document.date.year == 2004 for h in in_2004.hits)
    window = searcher.search(
        "technical", Filters(date_from=date(2018, 10, 1), date_to=date(2018, 10, 12)), limit=50
    )
    assert window.hits and all(
        h.document.date and date(2018, 10, 1) <= h.document.date <= date(2018, 10, 12) for h in window.hits
    )


def test_filter_by_symbol_prefix(searcher: Engine) -> None:
    result = searcher.search("technical", Filters(symbols=("IP/C/W/64*",), languages=("en",)), limit=50)
    assert {h.document.symbol for h in result.hits} == {
        "IP/C/W/644/Rev.1",
        "IP/C/W/644/Rev.1/Add.1",
        "IP/C/W/645",
        "IP/C/W/647",
        "IP/C/W/647/Add.1",
        "IP/C/W/647/Add.1/Corr.1",
        "IP/C/W/647/Add.3",
    }


def test_series_prefix_query_finds_the_new_series(searcher: Engine) -> None:
    result = searcher.search("IP/C/R/TC/*", limit=50)
    assert {h.document.symbol for h in result.hits} == {
        "IP/C/R/TC/WTO-OMC/1",
        "IP/C/R/TC/WHO/1",
        "IP/C/R/TC/CHE/3",
    }


def test_exact_symbol_comes_before_its_family(searcher: Engine) -> None:
    result = searcher.search("ip/c/w/647/add.3", Filters(languages=("en",)))
    assert result.hits[0].document.symbol == "IP/C/W/647/Add.3"


def test_not_excludes(searcher: Engine) -> None:
    result = searcher.search("technical cooperation not secretariat", Filters(languages=("en",)), limit=100)
    assert result.hits and all(
        h.document.origin and h.document.origin.value != "secretariat" for h in result.hits
    )


def test_french_query_finds_french_documents_accents_or_not(searcher: Engine) -> None:
    accented = searcher.search("coopération technique", Filters(languages=("fr",)), limit=50)
    plain = searcher.search("cooperation technique", Filters(languages=("fr",)), limit=50)
    assert accented.hits and {h.document.symbol for h in accented.hits} == {
        h.document.symbol for h in plain.hits
    }


def test_phrases_do_not_skip_words(searcher: Engine) -> None:
    # "technical assistance" occurs as a phrase; "technical cooperation assistance" never does.
    assert searcher.search('"technical assistance"').hits
    assert not searcher.search('"technical cooperation assistance"').hits


def test_sort_by_date_is_newest_first(searcher: Engine) -> None:
    hits = searcher.search("technical cooperation", Filters(languages=("en",)), limit=20, sort="date").hits
    dates = [h.document.date for h in hits]
    assert dates == sorted(dates, reverse=True)  # type: ignore[type-var]


def test_hits_sorted_by_date_keep_their_relevance_score(searcher: Engine) -> None:
    """A hit's score says how well it matches, whatever the order (not the date's sort key)."""
    by_date = searcher.search("IP/C/W/6* technical cooperation", limit=None, sort="date").hits
    relevance = {
        h.document.key: h.score for h in searcher.search("IP/C/W/6* technical cooperation", limit=None).hits
    }
    assert len(by_date) == len(relevance) > 10
    assert {h.document.key: h.score for h in by_date} == relevance


def test_snippets_mark_matched_words(searcher: Engine) -> None:
    hit = searcher.search("covid-19 waiver", Filters(languages=("en",))).hits[0]
    assert hit.document.symbol == "IP/C/W/669" and "**" in hit.snippet


def test_bad_sort_and_limit_are_query_errors(searcher: Engine) -> None:
    with pytest.raises(QueryError, match="results are sorted by relevance or date, not 'alphabetical'"):
        searcher.search("x", sort="alphabetical")
    with pytest.raises(QueryError, match="a search shows at least 1 hit, not 0"):
        searcher.search("x", limit=0)


def test_lookup_returns_every_language(searcher: Engine) -> None:
    found = searcher.lookup("ip/c/w/669")
    assert [hit.document.language for hit in found] == ["en", "fr", "es"]
    assert "COVID-19" in found[0].document.text


def _json(hits: Sequence[Hit]) -> str:
    return json_format.to_json([records.hit_row(hit) for hit in hits])


def test_json_has_the_documented_fields(searcher: Engine) -> None:
    objects = json.loads(_json(searcher.search("IP/C/W/669", Filters(languages=("en",))).hits))
    first = objects[0]
    documented = "symbol lang date origin submitters title score snippet path topic kind pages symbols parts"
    assert set(documented.split()) <= first.keys()
    assert first["symbol"] == "IP/C/W/669" and first["date"] == "2020-10-02" and first["origin"] == "member"
    assert first["submitters"] == ["India", "South Africa"] and Path(first["path"]).is_file()


def test_csv_and_table_carry_the_same_hits(searcher: Engine) -> None:
    hits = searcher.search("technical cooperation and member", Filters(languages=("en",))).hits
    rows = list(
        csv.DictReader(io.StringIO(csv_format.to_csv(map(records.hit_row, hits), records.HIT_FIELDS)))
    )
    assert [r["symbol"] for r in rows] == [h.document.symbol for h in hits]
    shown = table.hits_table(hits, total=99)
    assert all(h.document.symbol in shown for h in hits) and shown.endswith("10 of 99 documents shown.")


def test_missing_index_says_how_to_build_one(tmp_path: Path) -> None:
    with pytest.raises(IndexMissingError, match="ipcw crawl"):
        Searcher(tmp_path / "index")


def test_empty_index_says_how_to_fill_it(tmp_path: Path) -> None:
    with IndexWriter(tmp_path / "index"):
        pass
    with pytest.raises(IndexMissingError, match="empty"):
        Searcher(tmp_path / "index")


def test_reindexing_is_idempotent(tmp_path: Path, built: Settings) -> None:
    from ipcw.indexer import read_documents
    from ipcw.indexer.opening import open_index

    path = built.data_dir / "files" / "en" / "IP_C_W_669.pdf"
    (doc,) = read_documents([Document(symbol="IP/C/W/669", language="en", path=path)])
    for _ in range(2):
        with IndexWriter(tmp_path / "index") as writer:
            writer.add(doc)
    index = open_index(tmp_path / "index")
    assert index.doc_count() == 1
    index.close()


@pytest.mark.parametrize("written", ["japan", "Japon", "JAPÓN", "Japan "])
def test_submitter_in_any_language_finds_the_same_documents_issue_8(searcher: Engine, written: str) -> None:
    english = searcher.search("cooperation", Filters(submitters=("Japan",)), limit=100)
    found = searcher.search("cooperation", Filters(submitters=(written,)), limit=100)
    assert english.hits and [h.document.symbol + h.document.language for h in found.hits] == [
        h.document.symbol + h.document.language for h in english.hits
    ]


def test_the_ec_is_found_as_the_european_union_and_by_its_old_name_issue_8(searcher: Engine) -> None:
    found = {
        written: {
            h.document.symbol for h in searcher.search("cooperation", Filters(submitters=(written,))).hits
        }
        for written in ("EC", "European Communities", "Communautés européennes", "European Union")
    }
    assert "IP/C/W/426/Add.5" in found["EC"]
    assert len({frozenset(symbols) for symbols in found.values()}) == 1
    hit = next(h for h in searcher.search("IP/C/W/426/Add.5").hits if h.document.symbol == "IP/C/W/426/Add.5")
    assert hit.document.submitters == ("European Union",)  # the canonical name, for a 2004 cover saying EC
    assert json.loads(_json([hit]))[0]["submitters"] == ["European Union"]


def test_former_and_current_names_find_the_same_member_issue_8(index_of: IndexOf) -> None:
    docs = (
        Document("IP/C/W/900", "en", text="technical cooperation", submitters=("Türkiye",)),
        Document("IP/C/W/901", "en", text="technical cooperation", submitters=("Republic of Ruritania",)),
    )
    with index_of(*docs) as searcher:
        for written in ("Turkey", "türkiye", "Turquie", "Turquía"):
            hits = searcher.search("cooperation", Filters(submitters=(written,))).hits
            assert [h.document.symbol for h in hits] == ["IP/C/W/900"], written
        unknown = searcher.search("cooperation", Filters(submitters=("ruritania",))).hits
        assert [h.document.symbol for h in unknown] == ["IP/C/W/901"]
        assert (
            searcher.search("turquie").hits[0].document.symbol == "IP/C/W/900"
        )  # a word of any of its names


def test_a_symbol_not_in_the_index_is_said_issue_8(searcher: Engine) -> None:
    shown = searcher.search("IP/C/W/647/Add.9")
    assert shown.hits and shown.notices() == [
        "IP/C/W/647/Add.9 is not in the index: showing its family (IP/C/W/647) instead"
    ]
    assert searcher.search("IP/C/W/647/Add.1").notices() == []
    assert searcher.search("IP/C/W/9999").notices() == [
        "IP/C/W/9999 is not in the index, nor is any document of its family (IP/C/W/9999)"
    ]


def test_a_symbol_prefix_finds_every_series_below_it(searcher: Engine) -> None:
    every = searcher.search("IP/C/*", limit=1000)
    assert every.total == searcher.search("IP/C/W/* or IP/C/R/TC/*", limit=1000).total > 0
    assert {h.document.symbol.rsplit("/", 2)[0] for h in every.hits} >= {"IP/C/W", "IP/C/R/TC"}


def test_a_submitter_the_table_does_not_know_is_said(searcher: Engine) -> None:
    result = searcher.search("cooperation", Filters(submitters=("Japn",)))
    assert result.notices() == ["'Japn' is not a name ipcw knows: searched as words of submitters' names"]
    assert searcher.search("cooperation", Filters(submitters=("japon",))).notices() == []


@pytest.mark.parametrize(
    "query",
    [
        "technical cooperation and member",
        "technical cooperation and intergovernmental organizations",
        "wipo or unctad",
        "cooperation not secretariat",
        '"public health"',
        "training",
    ],
)
def test_the_top_hits_are_the_same_whatever_the_limit(searcher: Engine, query: str) -> None:
    everything = [h.document.symbol + h.document.language for h in searcher.search(query, limit=1000).hits]
    for limit in (1, 3, 5, 10):
        assert [
            h.document.symbol + h.document.language for h in searcher.search(query, limit=limit).hits
        ] == everything[:limit]


def test_snippets_are_the_same_every_run(built: Settings) -> None:
    """Whoosh breaks ties between passages by memory address: each run (here, each hash seed)
    would show another."""
    import subprocess
    import sys

    script = (
        "import sys; from pathlib import Path; from ipcw.search import Searcher\n"
        "with Searcher(Path(sys.argv[1])) as s:\n"
        "    for q in ('cooperat*', 'technical cooperation', 'training', 'member'):\n"
        "        print([h.snippet for h in s.search(q, limit=10).hits])\n"
    )
    snippets = {
        subprocess.run(
            [sys.executable, "-c", script, str(built.data.index)],
            env={"PYTHONHASHSEED": str(seed), "PATH": ""},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in range(6)
    }
    assert len(snippets) == 1 and "**" in snippets.pop()


def test_importing_ipcw_search_loads_neither_the_extraction_stack_nor_the_harvester() -> None:
    import subprocess
    import sys

    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, ipcw.search; print(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    heavy = ("pdfminer", "ipcw.harvester", "ipcw.indexer.extract_and_tag", "ipcw.indexer.pool")
    assert [m for m in loaded if m.startswith(heavy)] == [] and "ipcw.search" in loaded


def test_an_index_of_the_former_module_names_is_searched_until_rebuilt_issue_9(tmp_path: Path) -> None:
    """Indexes of format 3 pickled their analyzer as ``indexer.schema.GuardedStemFilter``, from when
    ipcw installed a top-level ``indexer``: a search in a new process still reads them."""
    import subprocess
    import sys

    build = (
        "import sys; from pathlib import Path; import ipcw.indexer, ipcw.indexer.schema as schema\n"
        "sys.modules['indexer'], sys.modules['indexer.schema'] = ipcw.indexer, schema\n"
        "schema.GuardedStemFilter.__module__ = 'indexer.schema'\n"
        "from ipcw.indexer import IndexWriter; from ipcw.models import Document\n"
        "with IndexWriter(Path(sys.argv[1])) as writer:\n"
        "    writer.add(Document('IP/C/W/900', 'es', text='El documento argüe sobre cooperación'))\n"
    )
    root = tmp_path / "index"
    subprocess.run([sys.executable, "-c", build, str(root)], check=True)
    pointer = root / generations.POINTER
    name, _ = pointer.read_text(encoding="ascii").split()
    pointer.write_text(f"{name} 3\n", encoding="ascii")
    assert b"indexer.schema" in b"".join(p.read_bytes() for p in (root / name).glob("*.toc"))
    search = (
        "import sys; from pathlib import Path; from ipcw.search import Searcher\n"
        "with Searcher(Path(sys.argv[1])) as s:\n"
        "    print([h.document.symbol for h in s.search('cooperación').hits])\n"
    )
    # Run away from the checkout, whose top-level folder indexer/ would answer to the former name.
    run = subprocess.run
    found = run([sys.executable, "-c", search, str(root)], capture_output=True, text=True, cwd=tmp_path)
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == "['IP/C/W/900']" and "built by an older ipcw" in found.stderr


def test_totals_are_exact_and_from_the_same_pass_as_the_hits_issue_10(searcher: Engine) -> None:
    for query, filters in (
        ("technical cooperation", Filters()),
        ("cooperation", Filters(origins=("igo",))),
        ("not wipo", Filters(languages=("fr",))),
        ("year:2015..2019 cooperation", Filters()),
    ):
        every = searcher.search(query, filters, limit=1000)
        assert every.total == len(every.hits) > 0
        assert searcher.search(query, filters, limit=1).total == every.total
        assert searcher.search(query, filters, limit=1, sort="date").total == every.total


def test_facets_count_the_whole_result_set_not_the_page_issue_10(searcher: Engine) -> None:
    every = [hit.document for hit in searcher.search("technical cooperation", limit=1000).hits]
    result = searcher.search("technical cooperation", limit=1, facets=True)
    assert result.facets is not None and len(result.hits) == 1
    expected = {
        "origin": Counter(d.origin.value for d in every if d.origin),
        "submitter": Counter(name for d in every for name in d.submitters),
        "year": Counter(str(d.date.year) for d in every if d.date),
        "lang": Counter(d.language for d in every),
        "topic": Counter(d.topic.value for d in every),
        "kind": Counter(d.kind.value for d in every),
    }
    assert {name: Counter(counts) for name, counts in result.facets.items()} == expected
    assert list(result.facets["year"]) == sorted(result.facets["year"])  # years in order
    origins = list(result.facets["origin"].values())
    assert origins == sorted(origins, reverse=True)  # the rest most frequent first


@pytest.mark.parametrize(
    ("query", "languages", "suggestion"),
    [
        ("technical cooperaton", (), "technical cooperation"),
        ("tecnical cooperation", (), "technical cooperation"),
        ("title:cooperaton", (), "title:cooperation"),
        ("plant varietes", (), "plant varieties"),
        ("coopération techniqe", ("fr",), "coopération technique"),
        ("cooperación técnika", ("es",), "cooperación tecnica"),
    ],
)
def test_did_you_mean_corrects_words_the_index_does_not_hold_issue_10(
    searcher: Searcher, query: str, languages: tuple[str, ...], suggestion: str
) -> None:
    result = searcher.search(query, Filters(languages=languages))
    assert result.suggestion == suggestion
    assert f"did you mean: {suggestion}?" in result.notices()
    assert searcher.search(suggestion, Filters(languages=languages)).total > 0


def test_no_suggestion_when_every_word_is_held_or_nothing_is_near_issue_10(searcher: Engine) -> None:
    assert searcher.search("technical cooperation").suggestion is None
    assert searcher.search("zzzzqqqxx").suggestion is None


def test_similar_documents_leave_the_document_itself_out_issue_10(searcher: Engine) -> None:
    result = searcher.similar("IP/C/W/669", limit=20)
    symbols = [hit.document.symbol for hit in result.hits]
    assert result.hits and "IP/C/W/669" not in symbols
    assert {hit.document.language for hit in result.hits} == {"en"}  # the copy compared: English
    assert [hit.score for hit in result.hits] == sorted((hit.score for hit in result.hits), reverse=True)
    french = searcher.similar("IP/C/W/669", "fr", limit=5)
    assert french.hits and {hit.document.language for hit in french.hits} == {"fr"}


def test_the_most_similar_report_of_an_organization_is_another_organizations_issue_10(
    searcher: Searcher,
) -> None:
    for symbol in ("IP/C/W/549/Add.5", "IP/C/W/35/Add.7"):
        assert [hit.document.origin for hit in searcher.similar(symbol, limit=3).hits] == [Origin.IGO] * 3


def test_similar_to_a_symbol_not_held_says_so_issue_10(searcher: Engine) -> None:
    result = searcher.similar("IP/C/W/9999")
    assert result.hits == [] and result.missing == ("IP/C/W/9999",)


@pytest.mark.parametrize("symbol", ["IP/C/W/647", "IP/C/W/647/Add.1", "IP/C/W/647/Add.3", "IP/C/W/549/Add.5"])
def test_a_symbol_ranks_itself_then_its_descendants_then_its_family_issue_10(
    searcher: Searcher, symbol: str
) -> None:
    wanted = parse_symbol(symbol)

    def tier(found: str) -> int:
        own = parse_symbol(found)
        if own == wanted:
            return 0
        return 1 if found.startswith(f"{wanted}/") else (2 if own.base == wanted.base else 3)

    tiers = [tier(hit.document.symbol) for hit in searcher.search(symbol, limit=100).hits]
    assert tiers and tiers[0] == 0 and tiers == sorted(tiers)


def test_an_addendum_that_matches_as_well_as_its_document_comes_after_it_issue_10(index_of: IndexOf) -> None:
    text = "technical cooperation with the office of Mozambique"
    docs = (
        Document("IP/C/W/900/Add.1", "en", text=text, title="T"),
        Document("IP/C/W/900", "en", text=text, title="T"),
        Document("IP/C/W/900/Add.1/Corr.1", "en", text=text, title="T"),
    )
    with index_of(*docs) as searcher:
        order = [hit.document.symbol for hit in searcher.search("mozambique").hits]
    assert order == ["IP/C/W/900", "IP/C/W/900/Add.1", "IP/C/W/900/Add.1/Corr.1"]


def test_every_hit_lists_the_languages_its_symbol_is_held_in_issue_10(searcher: Engine) -> None:
    hits = searcher.search("IP/C/W/669", limit=3).hits
    assert sorted(hit.document.language for hit in hits) == ["en", "es", "fr"]
    assert {hit.languages for hit in hits} == {("en", "fr", "es")}
    english_only = searcher.search("IP/C/W/549/Add.5", Filters(languages=("en",)), limit=1).hits[0]
    assert english_only.document.symbol == "IP/C/W/549/Add.5" and english_only.languages == ("en",)


def test_grouped_by_family_each_family_shows_once_its_base_first_issue_10(searcher: Engine) -> None:
    every = searcher.search("technical cooperation", Filters(languages=("en",)), limit=1000).hits
    grouped = searcher.search("technical cooperation", Filters(languages=("en",)), limit=1000, by_family=True)
    assert grouped.families is not None
    bases = [parse_symbol(hit.document.symbol).base for hit in grouped.hits]
    assert len(bases) == len(set(bases)) == len({parse_symbol(h.document.symbol).base for h in every})
    for hit in grouped.hits:
        base = parse_symbol(hit.document.symbol).base
        family = {h.document.symbol for h in every if parse_symbol(h.document.symbol).base == base}
        if base in family:
            assert hit.document.symbol == base  # the base document stands for its family
        listed = [symbol for symbol, _ in grouped.families[hit.document.symbol]]
        assert set(listed) == family - {hit.document.symbol} and listed == sorted(listed, key=sort_key)
    assert len(searcher.search("technical cooperation", limit=3, by_family=True).hits) == 3


def test_snippets_come_from_the_body_not_the_cover_issue_10(searcher: Engine) -> None:
    result = searcher.search("technical cooperation and intergovernmental organizations", limit=10)
    assert result.hits
    for hit in result.hits:
        assert "Original: English" not in hit.snippet and "Page: 1/" not in hit.snippet
        assert "**" in hit.snippet  # the passage holds matched words


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("technical near assistance", "assistance near technical"),
        ('"technical assistance" near/5 patent', 'patent near/5 "technical assistance"'),
    ],
)
def test_near_finds_the_same_in_either_order_issue_10(searcher: Engine, one: str, other: str) -> None:
    found = {hit.document.key for hit in searcher.search(one, limit=1000).hits}
    assert found and found == {hit.document.key for hit in searcher.search(other, limit=1000).hits}


def test_a_document_without_a_date_has_no_year_facet_issue_10(index_of: IndexOf) -> None:
    docs = (
        Document("IP/C/W/900", "en", text="technical cooperation", date=date(2019, 5, 1)),
        Document("IP/C/W/901", "en", text="technical cooperation"),
    )
    with index_of(*docs) as searcher:
        facets = searcher.search("cooperation", facets=True).facets
    assert facets is not None and facets["year"] == {"2019": 1}


def test_similar_shows_the_top_of_its_whole_ranking_and_counts_without_itself_issue_10(
    searcher: Searcher,
) -> None:
    for symbol in ("IP/C/W/654/Add.1", "IP/C/W/669", "IP/C/W/408"):
        every = searcher.similar(symbol, limit=1000)
        first = searcher.similar(symbol, limit=1)
        assert first.hits[0].document.key == every.hits[0].document.key
        assert every.total == len(every.hits) and symbol not in {h.document.symbol for h in every.hits}


def test_a_submitters_name_is_no_misspelling_issue_10(searcher: Engine) -> None:
    result = searcher.search("noruega")
    assert result.hits and result.suggestion is None


def test_a_document_asked_for_by_its_co_symbol_comes_first_issue_10(index_of: IndexOf) -> None:
    docs = (
        Document("IP/C/W/901", "en", text="cooperation", symbols=("IP/C/W/901",)),
        Document("IP/C/M/99/Add.1", "en", text="cooperation", symbols=("IP/C/M/99/Add.1",)),
        Document("IP/C/W/900", "en", text="cooperation", symbols=("IP/C/W/900", "IP/C/M/99")),
    )
    with index_of(*docs) as searcher:
        order = [hit.document.symbol for hit in searcher.search("IP/C/M/99").hits]
    assert order[0] == "IP/C/W/900"  # the document that carries the symbol, though not as its own
