"""Golden files: expected outputs kept in tests/golden and reviewed as diffs.

Run ``CLAIMCHECK_UPDATE_GOLDEN=1 python -m pytest`` to rewrite them from the
current output, then read the diff before committing it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"


def golden(name: str, actual: str) -> str:
    """The golden file's text; with CLAIMCHECK_UPDATE_GOLDEN=1, first write ``actual`` to it."""
    path = GOLDEN / name
    if os.environ.get("CLAIMCHECK_UPDATE_GOLDEN") == "1":
        path.write_text(actual, encoding="utf-8", newline="\n")
    assert path.exists(), f"{path} is missing; run with CLAIMCHECK_UPDATE_GOLDEN=1"
    return path.read_text(encoding="utf-8")


def without_svg(page: str) -> str:
    """The page with each picture replaced by ``<svg/>`` (matplotlib's output varies by version)."""
    return re.sub(r"<svg\b.*?</svg>", "<svg/>", page, flags=re.DOTALL)
