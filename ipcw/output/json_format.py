"""Rows as JSON: an array of objects (or one object), indented, non-ASCII characters as they are."""

from __future__ import annotations

import json
from typing import Any


def to_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2)
