"""The bundled Zhanaozen case: its headline findings, and golden reports of it.

Any change in the analysis of the case shows up as a diff of the golden
files, to be reviewed (``CLAIMCHECK_UPDATE_GOLDEN=1`` rewrites them).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import claimcheck
from claimcheck.reconciliation import Reconciliation, reconcile
from claimcheck.render import RENDERERS, RenderOptions
from claimcheck.report import report_data

from _golden import golden, without_svg

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "zhanaozen-2011.yaml"
SUFFIXES = {"text": "txt", "markdown": "md", "json": "json", "html": "html"}


@pytest.fixture(scope="module")
def result() -> Reconciliation:
    """The reconciliation of the bundled case."""
    return reconcile(claimcheck.load(FIXTURE))


@pytest.fixture(scope="module")
def data(result: Reconciliation) -> dict[str, Any]:
    """The report data of the bundled case."""
    return report_data(result)


def proposition(data: dict[str, Any], id: str) -> dict[str, Any]:
    """One proposition's entry in the report."""
    return next(p for p in data["propositions"] if p["id"] == id)


def test_the_death_toll_is_contested_with_common_ground_of_at_least_eleven(
    data: dict[str, Any],
) -> None:
    """Officials' eleven contradicts dozens and at least 14; all put deaths at 11 or more."""
    deaths = proposition(data, "deaths-zhanaozen-dec16")
    assert ("contested", {"min": 11, "max": None, "text": "at least 11"}) == (
        deaths["status"],
        deaths["common_ground"],
    )
    reasons = sorted(
        c["reason"] for c in data["contradictions"] if c.get("proposition") == deaths["id"]
    )
    assert ["eleven (11) is below at least 14", "eleven (11) is below dozens (12 to 99)"] == reasons


def test_the_un_invitation_is_contested(data: dict[str, Any]) -> None:
    """The authorities say they asked the UN; the Secretary-General's spokesman says not."""
    un = proposition(data, "un-invited-to-investigate")
    assert ("contested", {"value": None, "text": "no common ground"}) == (
        un["status"],
        un["common_ground"],
    )


def test_the_ngos_verdict_on_atabaev_is_corroborated_by_three_independent_origins(
    data: dict[str, Any],
) -> None:
    """HRW, ARTICLE 19 and Amnesty each call the charge unfounded, independently."""
    charge = proposition(data, "atabaev-charge-unfounded")
    assert "corroborated" == charge["status"]
    assert [
        {
            "claims": [
                "amnesty-charge-trumped-up",
                "article19-charges-spurious",
                "hrw-charge-unfounded",
            ],
            "origins": 3,
            "value": {"value": True},
            "text": "true",
        }
    ] == charge["positions"]
    supports = [s for s in data["supports"] if s["proposition"] == charge["id"]]
    assert (6, True) == (len(supports), all(s["independent"] for s in supports))


def test_the_other_side_concedes_what_the_state_prosecutes_and_the_footage_shows(
    data: dict[str, Any],
) -> None:
    """Cross-bloc supports: the state's charges against police, and K-Plus's footage."""
    conceded = sorted(
        (s["proposition"], s["by"], s["claim"]) for s in data["supports"] if s["cross_bloc"]
    )
    props = {p for p, _, _ in conceded}
    assert {"security-forces-fired-on-crowd", "who-initiated"} <= props
    assert ("who-initiated", "kplus-crowd-began", "prosecutor-hooligans-attacked") in conceded


@pytest.mark.parametrize("fmt", sorted(SUFFIXES))
def test_the_report_of_the_bundled_case_matches_its_golden_file(
    result: Reconciliation, data: dict[str, Any], fmt: str
) -> None:
    """Each report format of the bundled case is what its reviewed golden file holds."""
    if fmt == "html":
        pytest.importorskip("matplotlib")
    actual = RENDERERS[fmt](data, RenderOptions())
    if fmt == "html":
        actual = without_svg(actual)
    assert golden(f"zhanaozen-2011.{SUFFIXES[fmt]}", actual) == actual


def test_the_readme_quotes_the_findings_as_the_report_prints_them(data: dict[str, Any]) -> None:
    """Every line the README shows of the bundled case's report is a line the report prints."""
    readme = (FIXTURE.parent.parent / "README.md").read_text(encoding="utf-8")
    section = readme.split("## What the bundled case shows", 1)[1].split("\n## ", 1)[0]
    shown = [
        line for block in section.split("```")[1::2] for line in block.splitlines() if line.strip()
    ]
    printed = set(RENDERERS["text"](data, RenderOptions()).splitlines())
    assert [] == [line for line in shown if line not in printed]
    assert len(shown) > 15
