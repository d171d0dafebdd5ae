"""The installed layout: everything under the ``ipcw`` import name, nothing generic at the top."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _setuptools() -> dict[str, object]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["setuptools"]  # type: ignore[no-any-return]


def test_every_installed_package_is_under_ipcw() -> None:
    packages = _setuptools()["packages"]
    assert isinstance(packages, list)
    assert all(p == "ipcw" or p.startswith("ipcw.") for p in packages)


def test_the_top_level_folders_are_installed_as_ipcw_subpackages_and_linked_for_the_source_tree() -> None:
    mapping = _setuptools()["package-dir"]
    assert isinstance(mapping, dict)
    assert sorted(mapping) == ["ipcw.fixtures", "ipcw.harvester", "ipcw.indexer", "ipcw.search"]
    for package, folder in mapping.items():
        assert (ROOT / folder / "__init__.py").is_file()
        link = ROOT / "ipcw" / package.removeprefix("ipcw.")
        assert link.is_symlink() and link.resolve() == (ROOT / folder).resolve()


def test_the_product_does_not_import_the_tests_fault_injection() -> None:
    product = [
        p
        for folder in ("ipcw", "harvester", "indexer", "search", "fixtures")
        for p in (ROOT / folder).rglob("*.py")
    ]
    assert product
    assert [
        p
        for p in product
        if "faulty_site" in p.read_text(encoding="utf-8") or "class Fault" in p.read_text(encoding="utf-8")
    ] == []
