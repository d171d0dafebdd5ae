"""The installed layout: everything under the ``ipcw`` import name, nothing generic at the top."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _setuptools() -> dict[str, object]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["setuptools"]  # type: ignore[no-any-return]


def test_every_package_is_installed_and_under_ipcw() -> None:
    packages = _setuptools()["packages"]
    assert isinstance(packages, list)
    assert all(p == "ipcw" or p.startswith("ipcw.") for p in packages)
    in_tree = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "ipcw").rglob("__init__.py")
        if not any((ROOT / "ipcw" / part).is_symlink() for part in init.relative_to(ROOT / "ipcw").parts[:1])
    }
    linked = {f"ipcw.{link.name}" for link in (ROOT / "ipcw").iterdir() if link.is_symlink()}
    assert in_tree | linked == set(packages)


def test_the_top_level_folders_are_installed_as_ipcw_subpackages_and_linked_for_the_source_tree() -> None:
    mapping = _setuptools()["package-dir"]
    assert isinstance(mapping, dict)
    assert sorted(mapping) == ["ipcw.bench", "ipcw.fixtures", "ipcw.harvester", "ipcw.indexer", "ipcw.search"]
    for package, folder in mapping.items():
        assert (ROOT / folder / "__init__.py").is_file()
        link = ROOT / "ipcw" / package.removeprefix("ipcw.")
        assert link.is_symlink() and link.resolve() == (ROOT / folder).resolve()


def test_the_product_does_not_import_the_tests_fault_injection() -> None:
    """The replay behind ``--source fixtures`` is product code; its faults are the tests' own."""
    product = [
        p
        for folder in ("ipcw", "harvester", "indexer", "search", "fixtures", "bench")
        for p in (ROOT / folder).rglob("*.py")
    ]
    imported, classes = set(), set()
    for path in product:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ClassDef):
                classes.add(node.name)
    assert "ReplaySite" in classes and "Fault" not in classes and "FaultySite" not in classes
    assert [name for name in imported if name == "tests" or name.startswith("tests.")] == []
