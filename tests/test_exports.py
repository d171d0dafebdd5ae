"""The exports' promises (issue 10): every hit written holds to the JSON Schema in the repository,
whose fields the README documents, in JSON and in JSON Lines alike."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from tests.test_cli import run

README = Path(__file__).resolve().parents[1] / "README.md"


def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(resources.files("ipcw").joinpath("data/hit.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


def test_every_hit_holds_to_the_schema_in_json_and_jsonl(crawled_data: Path) -> None:
    crawled = crawled_data  # read only
    validator = jsonschema.Draft202012Validator(_schema(), format_checker=jsonschema.FormatChecker())
    lines = run(crawled, "search", "cooperation or wipo", "--all", "--format", "jsonl").stdout.splitlines()
    listed = json.loads(run(crawled, "search", "cooperation or wipo", "--all", "--format", "json").stdout)
    similar = json.loads(run(crawled, "similar", "IP/C/W/669", "--format", "json").stdout)
    grouped = json.loads(run(crawled, "search", "IP/C/W/6*", "--group", "family", "--format", "json").stdout)
    assert len(lines) == len(listed) > 5 and similar and any(hit["family"] for hit in grouped)
    for hit in [*map(json.loads, lines), *listed, *similar, *grouped]:
        validator.validate(hit)


def test_the_readme_documents_every_field_of_the_schema() -> None:
    section = README.read_text(encoding="utf-8").split("### JSON and CSV output", 1)[1].split("\n#", 1)[0]
    documented = {
        name
        for row in section.splitlines()
        if row.startswith("| `")
        for name in re.findall(r"`(\w+)`", row.split("|")[1])
    }
    assert documented == set(_schema()["properties"])
