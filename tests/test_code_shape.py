"""The shape issue 9 gave the code, kept: a thin CLI, modules of a readable size, one owner for the
data directory's paths and for the exit codes."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRODUCT = ("ipcw", "harvester", "indexer", "search", "fixtures", "bench")


def _product_modules() -> list[Path]:
    """Every product module once (ipcw/harvester and the like are links to the top-level folders)."""
    modules = [p for folder in PRODUCT[1:] for p in sorted((ROOT / folder).rglob("*.py"))]
    for path in sorted((ROOT / "ipcw").rglob("*.py")):
        if not (ROOT / "ipcw" / path.relative_to(ROOT / "ipcw").parts[0]).is_symlink():
            modules.append(path)
    return modules


def test_no_product_module_is_over_400_lines() -> None:
    sizes = {
        str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines()) for p in _product_modules()
    }
    assert len(sizes) > 40
    assert {name: n for name, n in sizes.items() if n > 400} == {}


def _commands() -> dict[str, ast.FunctionDef]:
    found = {}
    for path in sorted((ROOT / "ipcw" / "cli").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and any(
                "command" in ast.unparse(d) for d in node.decorator_list
            ):
                found[node.name] = node
    return found


def test_every_command_body_is_25_lines_or_fewer() -> None:
    commands = _commands()
    assert {"crawl", "index", "import_", "check_", "search", "show", "similar", "list_"} <= commands.keys()
    lengths = {}
    for name, node in commands.items():
        body = node.body[1:] if isinstance(node.body[0], ast.Expr) else node.body  # after the docstring
        lengths[name] = (body[-1].end_lineno or 0) - body[0].lineno + 1
    assert {name: n for name, n in lengths.items() if n > 25} == {}


def test_the_cli_names_no_exit_code_of_its_own() -> None:
    """Exit codes live on the exception classes of ipcw.errors."""
    for path in sorted((ROOT / "ipcw" / "cli").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"ctx\.exit\(|SystemExit\(\d|sys\.exit\(\d|exit_code\s*=\s*\d", text), path.name


def test_only_the_data_dir_object_builds_paths_under_the_data_directory() -> None:
    names = r"manifest\.sqlite3|files|text|index|logs|ipcw\.lock|ipcw\.log|quarantine"
    built = re.compile(rf'/ "(?:{names})"')
    offenders = [
        str(p.relative_to(ROOT))
        for p in _product_modules()
        if p.name != "datadir.py"
        and not str(p.relative_to(ROOT)).startswith("fixtures/")  # the replayed site's own folders
        and built.search(p.read_text(encoding="utf-8"))
    ]
    assert offenders == []
