"""The project's shared reference material (``../shared`` beside the checkout): real Documents Online
pages and real texts, which are other people's files and never copied into the project.

Tests that check ipcw against them read them where they are and skip, saying why, where they are absent
(CI always has them)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

#: ``IPCW_SHARED`` overrides where the shared folder is looked for.
SHARED = Path(os.environ.get("IPCW_SHARED") or Path(__file__).resolve().parents[2] / "shared")


def shared_path(relative: str) -> Path:
    """``SHARED / relative``, or skip the test that needs it, naming what is missing."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"{path} is absent: the shared reference material is not beside this checkout")
    return path
