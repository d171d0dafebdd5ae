"""The names table (ipcw/data/names.tsv): its shape, and names resolved in any language and form."""

from __future__ import annotations

import csv
import unicodedata
from collections import Counter
from datetime import date

import pytest

from ipcw.names import NameKind, fold_name, names_table
from tests.shared import shared_path


def test_the_table_has_every_member_and_the_observers() -> None:
    kinds = Counter(name.kind for name in names_table())
    assert kinds[NameKind.MEMBER] == 166  # after Comoros and Timor-Leste joined in August 2024
    assert kinds[NameKind.OBSERVER] == 23
    assert kinds[NameKind.GROUP] >= 3 and kinds[NameKind.IGO] >= 12 and kinds[NameKind.SECRETARIAT] == 1


def test_ids_are_unique_and_every_name_has_three_languages() -> None:
    ids = [name.id for name in names_table()]
    assert len(ids) == len(set(ids))
    assert all(name.en and name.fr and name.es for name in names_table())


def test_every_form_names_one_body() -> None:
    owner: dict[str, str] = {}
    for name in names_table():
        for form in name.forms:
            key = fold_name(form) if not (form.isupper() and len(form) <= 6) else form
            assert owner.setdefault(key, name.id) == name.id, f"{form!r}: {owner[key]} and {name.id}"


def test_members_accession_and_the_2024_accessions() -> None:
    members = [n for n in names_table() if n.kind is NameKind.MEMBER]
    assert all(n.since for n in members)
    assert names_table().resolve("Comoros").since == date(2024, 8, 21)  # type: ignore[union-attr]
    assert names_table().resolve("Timor-Leste").since == date(2024, 8, 30)  # type: ignore[union-attr]


def test_members_are_the_wtos_own_list() -> None:
    with shared_path("wto-members/wto-members.tsv").open(encoding="utf-8") as handle:
        wto = [row for row in csv.DictReader(handle, delimiter="\t") if row["status"] == "member"]
    ours = [n for n in names_table() if n.kind is NameKind.MEMBER]
    assert [unicodedata.normalize("NFC", r["name_en"]) for r in wto] == [n.en for n in ours]


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("japon", "Japan"),
        ("JAPÓN", "Japan"),
        ("EC", "European Union"),
        ("ec", "European Union"),
        ("Communautés européennes", "European Union"),
        ("European Communities", "European Union"),
        ("Türkiye", "Türkiye"),
        ("Turkey", "Türkiye"),
        ("turquie", "Türkiye"),
        ("Swaziland", "Eswatini"),
        ("the former Yugoslav Republic of Macedonia", "North Macedonia"),
        ("Cape Verde", "Cabo Verde"),
        ("Separate Customs Territory of Taiwan, Penghu, Kinmen and Matsu", "Chinese Taipei"),
        ("Territoire douanier distinct de Taiwan, Penghu, Kinmen et Matsu", "Chinese Taipei"),
        ("Korea", "Korea, Republic of"),
        ("l'Afrique du Sud", "South Africa"),
        ("WIPO", "World Intellectual Property Organization (WIPO)"),
        ("OMPI", "World Intellectual Property Organization (WIPO)"),
        ("Organisation mondiale de la santé (OMS)", "World Health Organization (WHO)"),
        ("Africa Group", "African Group"),
        ("Groupe africain", "African Group"),
    ],
)
def test_names_resolve_in_any_language_and_form(written: str, canonical: str) -> None:
    assert names_table().canonical(written) == canonical


def test_a_name_the_table_does_not_know_is_kept_as_written() -> None:
    assert names_table().resolve("Ruritania") is None
    assert names_table().canonical("  the Republic of Ruritania ") == "Republic of Ruritania"


def test_former_names_are_dated() -> None:
    eu = names_table().resolve("EU")
    assert eu is not None
    assert eu.name_on(date(2005, 10, 1)) == "European Communities"
    assert eu.name_on(date(2010, 1, 1)) == "European Union"


def test_acronyms_are_found_in_text_only_as_written() -> None:
    found = [f.name.id for f in names_table().find_all("who said the WHO and the us delegation met the EU")]
    assert found == ["WHO", "EU"]
