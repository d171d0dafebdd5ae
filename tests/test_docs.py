"""The README and the CLI stay in step: every command documented, every help with an example,
and CI running the README's test line exactly as written."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from ipcw.cli import commands
from ipcw.config import Settings

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(commands())


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(name: str) -> None:
    command = commands()[name]
    with click.Context(command, info_name=name) as ctx:
        text = command.get_help(ctx)
    assert command.help and "Example" in text


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_appears_in_the_readme(name: str) -> None:
    assert f"ipcw {name}" in README


def test_ci_runs_the_readme_test_line() -> None:
    quickstart = README.split("## Quickstart", 1)[1].split("##", 1)[0]
    lines = [line.strip() for line in quickstart.splitlines() if line.strip().startswith(("python3", "pip"))]
    assert len(lines) == 2, lines
    assert lines[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def test_the_readme_shows_the_user_agent_ipcw_sends() -> None:
    contact = "https://lab.example.org/ipcw"
    assert f"`{Settings(contact=contact).user_agent}`" in README
    assert f"IPCW_CONTACT={contact}" in README
