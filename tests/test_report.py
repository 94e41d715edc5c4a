"""Tests of claimcheck.report: the version-1 JSON report."""

from __future__ import annotations

import io
import json
import os
import textwrap
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import claimcheck
from claimcheck import report as report_module
from claimcheck.model import Case, QuantityProposition
from claimcheck.reconciliation import reconcile
from claimcheck.report import (
    number,
    render_json,
    report_data,
    value_data,
    write_json,
    write_report,
)
from claimcheck.strategies import cases
from claimcheck.values import Interval, QuantityValue

#: The example of the report contract: the government's 11, the
#: opposition's dozens and the article's at least 14.
WORKED_EXAMPLE = """\
claimcheck: 1
case: {id: zhanaozen-2011, title: Zhanaozen massacre}
sources:
  - {id: kz-government, kind: government, bloc: state}
  - {id: opposition-sources, kind: opposition, bloc: workers-opposition}
  - {id: encyclopedia, kind: encyclopedia}
propositions:
  - id: deaths-zhanaozen-dec16
    kind: quantity
    text: People killed in Zhanaozen on 16 December 2011
    unit: people
claims:
  - id: gov-deaths-11
    source: kz-government
    proposition: deaths-zhanaozen-dec16
    value: 11
    date: 2011-12-17
    quote: Eleven were killed, according to government officials
  - id: opp-deaths-dozens
    source: opposition-sources
    proposition: deaths-zhanaozen-dec16
    value: dozens
  - id: article-deaths
    source: encyclopedia
    proposition: deaths-zhanaozen-dec16
    value: at least 14
"""

#: A case touching every part of the report.
RICH = """\
claimcheck: 1
case: {id: rich, title: Every kind of claim, date: 2011-12}
sources:
  - {id: gov, kind: government, bloc: state}
  - {id: ministry, kind: government, part_of: gov}
  - {id: union, kind: opposition, bloc: workers}
  - {id: wire, kind: media}
  - {id: ngo, kind: ngo}
propositions:
  - {id: total, kind: quantity, text: People killed in the region, unit: people}
  - {id: town, kind: quantity, text: People killed in the town, unit: people, part_of: total}
  - {id: road, kind: quantity, text: Length of the road, unit: km, integer: false}
  - {id: letter, kind: category, text: Which letter, values: [a, b, c, d]}
  - {id: order, kind: sequence, text: What came first, events: {a: A, b: B, c: C, d: D}}
  - {id: fired, kind: assertion, text: The police fired}
  - {id: planned, kind: assertion, text: It was planned}
claims:
  - {id: g-total-1, source: gov, proposition: total, value: at most 20, date: 2011-12-17}
  - {id: g-total-2, source: ministry, proposition: total, value: 18, date: 2011-12-20}
  - {id: u-total, source: union, proposition: total, value: {low: 11, best: 14, high: 20}}
  - {id: u-town, source: union, proposition: town, value: at least 25, via: [wire]}
  - {id: w-town, source: wire, proposition: town, value: at least 30, cites: [u-town]}
  - {id: g-road, source: gov, proposition: road, value: more than 2.5}
  - {id: u-road, source: union, proposition: road, value: about 3}
  - {id: x, source: gov, proposition: letter, value: {any_of: [a, b]}}
  - {id: y, source: union, proposition: letter, value: {any_of: [b, c]}}
  - {id: z, source: wire, proposition: letter, value: {any_of: [a, c]}}
  - {id: s1, source: gov, proposition: order, value: [[a, b], [c, d]]}
  - {id: s2, source: union, proposition: order, value: [a, b, d]}
  - {id: f-gov, source: gov, proposition: fired, value: false, quote: Nobody fired}
  - {id: f-union, source: union, proposition: fired, value: true}
  - {id: f-ngo, source: ngo, proposition: fired, value: true, retracted: true}
"""


def report(text: str, *, max_pairs: int = 10_000) -> dict[str, Any]:
    """The report data of a case given as YAML."""
    return report_data(reconcile(claimcheck.loads(text), max_pairs=max_pairs))


def by_id(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Records keyed by their id."""
    return {r["id"]: r for r in records}


def reordered(text: str) -> str:
    """The same case with its sources, propositions and claims in reverse order."""
    head, rest = text.split("sources:\n")
    sources, rest = rest.split("propositions:\n")
    propositions, claims = rest.split("claims:\n")

    def reverse(block: str) -> str:
        items = textwrap.dedent(block).split("\n- ")
        items = [i if i.startswith("- ") else "- " + i for i in items if i.strip()]
        return textwrap.indent("".join(i.rstrip("\n") + "\n" for i in reversed(items)), "  ")

    return (
        f"{head}sources:\n{reverse(sources)}propositions:\n{reverse(propositions)}"
        f"claims:\n{reverse(claims)}"
    )


# -- the worked example of the contract ---------------------------------------------


def test_worked_example_proposition() -> None:
    """The contract's deaths entry, field by field."""
    data = report(WORKED_EXAMPLE)
    expected = {
        "id": "deaths-zhanaozen-dec16",
        "kind": "quantity",
        "text": "People killed in Zhanaozen on 16 December 2011",
        "status": "contested",
        "claims": ["article-deaths", "gov-deaths-11", "opp-deaths-dozens"],
        "current": ["article-deaths", "gov-deaths-11", "opp-deaths-dozens"],
        "common_ground": {"min": 11, "max": None, "text": "at least 11"},
        "positions": [
            {
                "claims": ["gov-deaths-11"],
                "origins": 1,
                "value": {"min": 11, "max": 11},
                "text": "11",
            },
            {
                "claims": ["article-deaths", "opp-deaths-dozens"],
                "origins": 2,
                "value": {"min": 14, "max": 99},
                "text": "14 to 99",
            },
        ],
        "aggregates": {
            "conservative": 11,
            "informative": 14,
            "representative": 11,
            "range": {"min": 11, "max": None},
        },
    }
    (actual,) = data["propositions"]
    assert expected == {key: actual[key] for key in expected}


def test_worked_example_contradictions() -> None:
    """11 is below at least 14; the vague dozens is flagged and shown beside its interval."""
    data = report(WORKED_EXAMPLE)
    expected = [
        {
            "proposition": "deaths-zhanaozen-dec16",
            "type": "pair",
            "claims": ["article-deaths", "gov-deaths-11"],
            "independent": True,
            "vague": False,
            "reason": "11 is below at least 14",
        },
        {
            "proposition": "deaths-zhanaozen-dec16",
            "type": "pair",
            "claims": ["gov-deaths-11", "opp-deaths-dozens"],
            "independent": True,
            "vague": True,
            "reason": "11 is below dozens (12 to 99)",
        },
    ]
    assert expected == data["contradictions"]


def test_worked_example_claim_record() -> None:
    """The contract's claim record for the government's 11."""
    expected = {
        "id": "gov-deaths-11",
        "source": "kz-government",
        "proposition": "deaths-zhanaozen-dec16",
        "written": 11,
        "value": {"min": 11, "max": 11},
        "text": "11",
        "state": "current",
        "date": "2011-12-17",
        "quote": "Eleven were killed, according to government officials",
    }
    actual = by_id(report(WORKED_EXAMPLE)["claims"])["gov-deaths-11"]
    assert expected == {key: actual[key] for key in expected}


def test_worked_example_summary() -> None:
    """Sources, propositions, claims, statuses, contradictions and supports are counted."""
    expected = {
        "sources": 3,
        "propositions": 1,
        "claims": 3,
        "contested": 1,
        "corroborated": 0,
        "consistent": 0,
        "single_source": 0,
        "unclaimed": 0,
        "contradictions": 2,
        "supports": 0,
    }
    actual = report(WORKED_EXAMPLE)["summary"]
    assert expected == {key: actual[key] for key in expected}


# -- the whole report ---------------------------------------------------------------


def test_top_level_keys() -> None:
    """Every key of the contract is there, the version first."""
    data = report(RICH)
    contract = [
        "claimcheck_report",
        "case",
        "summary",
        "propositions",
        "contradictions",
        "supports",
        "revisions",
        "claims",
        "sources",
    ]
    assert (1, "claimcheck_report", set()) == (
        data["claimcheck_report"],
        next(iter(data)),
        set(contract) - set(data),
    )


def test_case_info() -> None:
    """The case block carries the metadata given."""
    expected = {"id": "rich", "title": "Every kind of claim", "date": "2011-12"}
    assert expected == report(RICH)["case"]


def test_lists_are_sorted_as_the_contract_says() -> None:
    """Propositions, sources, claims by id; contradictions and supports by their claim ids."""
    data = report(reordered(RICH))

    def is_sorted(keys: list[Any]) -> bool:
        return keys == sorted(keys)

    actual = {
        "propositions": is_sorted([p["id"] for p in data["propositions"]]),
        "sources": is_sorted([s["id"] for s in data["sources"]]),
        "claims": is_sorted([c["id"] for c in data["claims"]]),
        "contradictions": is_sorted([c["claims"] for c in data["contradictions"]]),
        "supports": is_sorted([(s["claim"], s["by"]) for s in data["supports"]]),
    }
    assert dict.fromkeys(actual, True) == actual


def test_the_same_case_gives_the_same_bytes() -> None:
    """Two runs, and the case with its lists in reverse order, give identical bytes."""
    first = render_json(report(RICH)).encode()
    again = render_json(report(RICH)).encode()
    reverse = render_json(report(reordered(RICH))).encode()
    assert (first, first) == (again, reverse)


def test_a_cut_joint_list_is_the_same_whatever_the_claim_order() -> None:
    """125 minimal sets, 100 listed: the same 100 for either order of the claims."""
    claims = "".join(
        f"  - {{id: {name}{i}, source: {source}, proposition: letter, value: {{any_of: [{leaves}]}}}}\n"
        for name, source, leaves in (
            ("x", "gov", "a, b"),
            ("y", "union", "b, c"),
            ("z", "wire", "a, c"),
        )
        for i in range(5)
    )
    head = RICH.split("claims:\n")[0] + "claims:\n"
    expected = [c["claims"] for c in report(head + claims)["contradictions"]]
    actual = [c["claims"] for c in report(reordered(head + claims))["contradictions"]]
    assert (100, expected) == (len(expected), actual)


def test_whole_numbers_are_written_as_integers() -> None:
    """11 is written 11, not 11.0."""
    text = render_json(report(WORKED_EXAMPLE))
    expected = ['"min": 11,', '"max": 99}', '"conservative": 11,']
    assert expected == [s for s in expected if s in text]


def test_render_json_is_valid_utf8_json() -> None:
    """The text parses back to the same data; non-ASCII text stays as it is."""
    data = report(RICH)
    data["case"]["title"] = "Жаңаөзен"
    text = render_json(data)
    assert (data, True) == (json.loads(text), "Жаңаөзен" in text)


# -- propositions ---------------------------------------------------------------------


def test_proposition_entries() -> None:
    """Status, claims, current and common ground of every kind."""
    props = by_id(report(RICH)["propositions"])
    expected = {
        "total": (
            "contested",
            ["g-total-1", "g-total-2", "u-total"],
            ["g-total-2", "u-total"],
            {"min": 11, "max": 20, "text": "11 to 20"},
        ),
        "town": (
            "contested",
            ["u-town", "w-town"],
            ["u-town", "w-town"],
            {"min": 25, "max": None, "text": "at least 25"},
        ),
        "road": (
            "corroborated",
            ["g-road", "u-road"],
            ["g-road", "u-road"],
            {"min": 2.5, "max": None, "min_open": True, "text": "more than 2.5"},
        ),
        "letter": (
            "contested",
            ["x", "y", "z"],
            ["x", "y", "z"],
            {"values": ["a", "b", "c"], "text": "one of a, b, c"},
        ),
        "order": (
            "consistent",
            ["s1", "s2"],
            ["s1", "s2"],
            {"precedences": [["a", "b"]], "text": "a before b"},
        ),
        "fired": (
            "contested",
            ["f-gov", "f-ngo", "f-union"],
            ["f-gov", "f-union"],
            {"value": None, "text": "no common ground"},
        ),
        "planned": ("unclaimed", [], [], None),
    }
    actual = {
        k: (p["status"], p["claims"], p["current"], p["common_ground"]) for k, p in props.items()
    }
    assert expected == actual


def test_positions_by_kind() -> None:
    """Quantity positions by (min, max), others by claim ids, each with its value in words."""
    props = by_id(report(RICH)["propositions"])
    expected = {
        "road": [
            {
                "claims": ["g-road", "u-road"],
                "origins": 2,
                "value": {"min": 2.7, "max": 3.3},
                "text": "2.7 to 3.3",
            }
        ],
        "letter": [
            {"claims": ["x", "y"], "origins": 2, "value": {"values": ["b"]}, "text": "b"},
            {"claims": ["x", "z"], "origins": 2, "value": {"values": ["a"]}, "text": "a"},
            {"claims": ["y", "z"], "origins": 2, "value": {"values": ["c"]}, "text": "c"},
        ],
        "order": [
            {
                "claims": ["s1", "s2"],
                "origins": 2,
                "value": {"precedences": [["a", "b"], ["b", "d"], ["c", "d"]]},
                "text": "a before b; b before d; c before d",
            }
        ],
        "fired": [
            {"claims": ["f-gov"], "origins": 1, "value": {"value": False}, "text": "false"},
            {"claims": ["f-union"], "origins": 1, "value": {"value": True}, "text": "true"},
        ],
        "town": [
            {
                "claims": ["u-town", "w-town"],
                "origins": 1,
                "value": {"min": 30, "max": None},
                "text": "at least 30",
            }
        ],
        "planned": [],
    }
    assert expected == {k: props[k]["positions"] for k in expected}


def test_aggregates_only_for_quantities() -> None:
    """Quantities with current claims carry the four policies; the range keeps open bounds."""
    props = by_id(report(RICH)["propositions"])
    expected = {
        "total": {
            "conservative": 14,
            "informative": 18,
            "representative": 14,
            "range": {"min": 11, "max": 20},
        },
        "town": {
            "conservative": 25,
            "informative": 30,
            "representative": 25,
            "range": {"min": 25, "max": None},
        },
        "road": {
            "conservative": 2.5,
            "informative": 3,
            "representative": 2.5,
            "range": {"min": 2.5, "max": None, "min_open": True},
        },
    }
    actual = {k: p["aggregates"] for k, p in props.items() if "aggregates" in p}
    assert expected == actual


def test_positions_omitted_for_large_sequences() -> None:
    """Over 16 sequence claims, positions are omitted and the entry says so."""
    claims = "".join(
        f"  - {{id: c{i:02d}, source: wire, proposition: order, value: [a, b]}}\n"
        for i in range(17)
    )
    data = report(RICH.split("claims:\n")[0] + "claims:\n" + claims)
    entry = by_id(data["propositions"])["order"]
    expected: tuple[list[Any], bool] = ([], True)
    assert expected == (entry["positions"], entry["positions_omitted"])


def test_truncated_only_when_cut() -> None:
    """A proposition whose lists were cut says so; the others carry no flag."""
    claims = "".join(
        f"  - {{id: c{i}, source: {s}, proposition: fired, value: true}}\n"
        for i, s in enumerate(["gov", "union", "wire"])
    )
    head = RICH.split("claims:\n")[0] + "claims:\n"
    cut = by_id(report(head + claims, max_pairs=2)["propositions"])
    full = by_id(report(head + claims, max_pairs=0)["propositions"])
    expected = (True, False, False)
    assert expected == (
        cut["fired"].get("truncated", False),
        "truncated" in full["fired"],
        "truncated" in cut["planned"],
    )


def test_max_pairs_keeps_summary_counts_exact() -> None:
    """Six supports, two listed; the summary still says six."""
    claims = "".join(
        f"  - {{id: c{i}, source: {s}, proposition: fired, value: true}}\n"
        for i, s in enumerate(["gov", "union", "wire"])
    )
    data = report(RICH.split("claims:\n")[0] + "claims:\n" + claims, max_pairs=2)
    expected = (6, 2)
    assert expected == (data["summary"]["supports"], len(data["supports"]))


# -- contradictions, supports, revisions -------------------------------------------------


def test_pair_entry() -> None:
    """A pair contradiction names its proposition, its two claims and why."""
    data = report(RICH)
    expected = [
        {
            "proposition": "fired",
            "type": "pair",
            "claims": ["f-gov", "f-union"],
            "independent": True,
            "vague": False,
            "reason": "false excludes true",
        }
    ]
    assert expected == [c for c in data["contradictions"] if c["type"] == "pair"]


def test_part_whole_entry() -> None:
    """At least 25 and at least 30 in the town exceed 18, and 11 to 20, in the region."""
    data = report(RICH)
    part_whole = [c for c in data["contradictions"] if c["type"] == "part-whole"]
    expected = [
        {
            "propositions": ["town", "total"],
            "type": "part-whole",
            "claims": [part, whole],
            "independent": independent,
            "vague": False,
            "reason": f"the part, at least {low}, exceeds the whole, {high}",
        }
        for part, whole, independent, low, high in [
            ("u-town", "g-total-2", True, 25, "18"),
            ("u-town", "u-total", False, 25, "11 to 20"),
            ("w-town", "g-total-2", True, 30, "18"),
            ("w-town", "u-total", False, 30, "11 to 20"),
        ]
    ]
    assert expected == part_whole


def test_a_propositions_count_takes_in_its_part_whole_contradictions() -> None:
    """Both propositions of a part-whole contradiction count it, listed or not."""
    result = reconcile(claimcheck.loads(RICH))
    by_id = {p.proposition.id: p for p in result.propositions}
    data = {p["id"]: p for p in report_data(result)["propositions"]}
    # Neither has a contradiction of its own: the four of test_part_whole_entry are all.
    for prop in ("town", "total"):
        found = by_id[prop]
        assert (0, 0, 4, 4) == (
            found.number_of_pair_contradictions,
            found.number_of_joint_contradictions,
            found.number_of_part_whole_contradictions,
            data[prop]["contradictions"],
        )
    # Cut to one listed pair per pair of propositions, the count stays exact.
    cut = {
        p["id"]: p
        for p in report_data(reconcile(claimcheck.loads(RICH), max_pairs=1))["propositions"]
    }
    assert (4, 4) == (cut["town"]["contradictions"], cut["total"]["contradictions"])
    assert (True, True) == (cut["town"].get("truncated"), cut["total"].get("truncated"))


def test_joint_entry() -> None:
    """A joint contradiction lists all its claims."""
    data = report(RICH)
    joint = [c for c in data["contradictions"] if c["type"] == "joint"]
    expected = [
        {
            "proposition": "letter",
            "type": "joint",
            "claims": ["x", "y", "z"],
            "independent": True,
            "vague": False,
            "reason": "no single value fits all of 'one of a, b', 'one of b, c' and 'one of a, c'",
        }
    ]
    assert expected == joint


def test_supports_and_revisions() -> None:
    """Supports name the claim and its supporter; revisions the superseded and current claim."""
    data = report(RICH)
    expected = (
        [
            {
                "proposition": "road",
                "claim": "g-road",
                "by": "u-road",
                "independent": True,
                "cross_bloc": True,
            },
            {
                "proposition": "total",
                "claim": "u-total",
                "by": "g-total-2",
                "independent": True,
                "cross_bloc": True,
            },
            {
                "proposition": "town",
                "claim": "u-town",
                "by": "w-town",
                "independent": False,
                "cross_bloc": False,
            },
        ],
        [
            {
                "proposition": "total",
                "superseded": "g-total-1",
                "current": "g-total-2",
                "changed": True,
            }
        ],
    )
    assert expected == (data["supports"], data["revisions"])


# -- claims and sources ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        (
            "u-total",
            {
                "written": {"low": 11, "best": 14, "high": 20},
                "value": {"min": 11, "max": 20},
                "text": "11 to 20",
                "state": "current",
            },
        ),
        (
            "g-total-1",
            {
                "written": "at most 20",
                "value": {"min": 0, "max": 20},
                "text": "at most 20",
                "state": "superseded",
                "date": "2011-12-17",
            },
        ),
        (
            "w-town",
            {
                "written": "at least 30",
                "value": {"min": 30, "max": None},
                "text": "at least 30",
                "state": "current",
            },
        ),
        (
            "g-road",
            {
                "written": "more than 2.5",
                "value": {"min": 2.5, "max": None, "min_open": True},
                "text": "more than 2.5",
                "state": "current",
            },
        ),
        (
            "x",
            {
                "written": {"any_of": ["a", "b"]},
                "value": {"values": ["a", "b"]},
                "text": "one of a, b",
                "state": "current",
            },
        ),
        (
            "s1",
            {
                "written": [["a", "b"], ["c", "d"]],
                "value": {"precedences": [["a", "b"], ["c", "d"]]},
                "text": "a before b; c before d",
                "state": "current",
            },
        ),
        (
            "f-gov",
            {
                "written": False,
                "value": {"value": False},
                "text": "false",
                "state": "current",
                "quote": "Nobody fired",
            },
        ),
        (
            "f-ngo",
            {"written": True, "value": {"value": True}, "text": "true", "state": "retracted"},
        ),
    ],
)
def test_claim_records(claim: str, expected: dict[str, Any]) -> None:
    """Each claim as written, as a value, in words, with its state, date and quote."""
    record = by_id(report(RICH)["claims"])[claim]
    keys = [*expected, "date", "quote"]
    assert expected == {k: record[k] for k in keys if k in record}


def test_source_records() -> None:
    """Root, shown bloc, every claim made, and the contradictions taken part in."""
    expected: list[dict[str, Any]] = [
        {"id": "gov", "root": "gov", "bloc": "state", "claims": 5, "contradictions": 2},
        {"id": "ministry", "root": "gov", "bloc": "state", "claims": 1, "contradictions": 2},
        {"id": "ngo", "root": "ngo", "bloc": None, "claims": 1, "contradictions": 0},
        {"id": "union", "root": "union", "bloc": "workers", "claims": 6, "contradictions": 5},
        {"id": "wire", "root": "wire", "bloc": None, "claims": 2, "contradictions": 3},
    ]
    actual = [{k: s[k] for k in expected[0]} for s in report(RICH)["sources"]]
    assert expected == actual


def test_summary_counts() -> None:
    """Statuses and every contradiction, whatever its type."""
    expected = {
        "sources": 5,
        "propositions": 7,
        "claims": 15,
        "contested": 4,
        "corroborated": 1,
        "consistent": 1,
        "single_source": 0,
        "unclaimed": 1,
        "contradictions": 6,
        "supports": 3,
    }
    actual = report(RICH)["summary"]
    assert expected == {k: actual[k] for k in expected}


# -- helpers ------------------------------------------------------------------------------


def test_number_writes_whole_decimals_as_ints() -> None:
    """14 stays 14, 2.5 becomes a float."""
    actual = (number(Decimal("14.0")), number(Decimal("2.5")))
    assert ((14, int), (2.5, float)) == tuple((x, type(x)) for x in actual)


def test_value_data_of_an_open_non_integer_interval() -> None:
    """An open bound of a non-integer quantity is flagged."""
    km = QuantityProposition("road", "Road", unit="km", integer=False)
    value = QuantityValue(Interval(Decimal(1), Decimal(2), low_open=True, high_open=True))
    expected = {
        "min": 1,
        "max": 2,
        "min_open": True,
        "max_open": True,
        "text": "more than 1 and less than 2",
    }
    assert expected == value_data(km, value)


def test_write_json_to_a_file_writes_the_golden_report(tmp_path: Path) -> None:
    # render_json is write_json into a string, so compare a real file with
    # the golden report rather than the two with each other.
    data = report_data(reconcile(claimcheck.load("fixtures/zhanaozen-2011.yaml")))
    written = tmp_path / "report.json"
    with written.open("w", encoding="utf-8", newline="\n") as stream:
        write_json(data, stream)
    golden = Path(__file__).parent / "golden" / "zhanaozen-2011.json"
    assert written.read_bytes() == golden.read_bytes()
    assert json.loads(written.read_text(encoding="utf-8")) == data


# -- write_report: the same bytes, written straight from the reconciliation ----------------


def _generated(claims: int, seed: int) -> claimcheck.Reconciliation:
    from claimcheck.generate import generate_case

    return reconcile(generate_case(claims, seed=seed), max_pairs=50)


@pytest.mark.parametrize(
    "path",
    sorted(
        str(p)
        for p in [
            *(Path(__file__).parent / "cases").glob("*.yaml"),
            *(Path(__file__).parent.parent / "fixtures").glob("*.yaml"),
        ]
    ),
)
def test_write_report_writes_the_bytes_of_report_data(path: str) -> None:
    result = reconcile(claimcheck.load(path))
    out = io.BytesIO()
    write_report(result, out)
    assert render_json(report_data(result)).encode() == out.getvalue()


def test_reports_write_the_largest_numbers_a_value_holds() -> None:
    """Numbers at the edge of the range are written in full, as valid JSON, both ways.

    A whole number of 4,000 digits is within what Python writes; a number
    with a fraction beyond any float is written as its nearest whole number
    (JSON has no infinity: the report used to fail).
    """
    big = Decimal("1" + "0" * 400 + ".5")
    case = claimcheck.from_mapping(
        {
            "claimcheck": 1,
            "sources": [{"id": "a", "kind": "ngo"}],
            "propositions": [
                {"id": "n", "kind": "quantity", "text": "N", "unit": "people"},
                {"id": "x", "kind": "quantity", "text": "X", "unit": "km", "integer": False},
            ],
            "claims": [
                {"id": "c1", "source": "a", "proposition": "n", "value": Decimal("1e3999")},
                {"id": "c2", "source": "a", "proposition": "x", "value": big},
            ],
        }
    )
    result = reconcile(case)
    text = render_json(report_data(result))
    out = io.BytesIO()
    write_report(result, out)
    assert text.encode() == out.getvalue()
    claims = {c["id"]: c for c in json.loads(text)["claims"]}
    assert claims["c1"]["value"]["min"] == 10**3999
    assert claims["c2"]["value"]["min"] == 10**400  # the nearest whole number (a half to even)
    assert claims["c2"]["written"] == 10**400


def test_write_report_writes_a_generated_case_as_report_data_does() -> None:
    result = _generated(3000, 5)
    out = io.BytesIO()
    write_report(result, out)
    assert render_json(report_data(result)).encode() == out.getvalue()


@given(
    cases(number_of_propositions=st.integers(1, 6), number_of_claims=st.integers(0, 20)),
    st.sampled_from([0, 1, 3, 10_000]),
)
def test_write_report_writes_any_case_as_report_data_does(case: Case, max_pairs: int) -> None:
    """The two ways of making the JSON report agree on every case, cut or not."""
    result = reconcile(case, max_pairs=max_pairs)
    out = io.BytesIO()
    write_report(result, out)
    assert render_json(report_data(result)).encode() == out.getvalue()


def test_equal_values_written_differently_are_reported_as_each_claim_wrote_them() -> None:
    """Mappings in another order, or (1,) and (True,), are equal but are not written alike."""
    from claimcheck.model import Claim, Source

    text = json.dumps(
        {
            "claimcheck": 1,
            "sources": [{"id": "a", "kind": "media"}, {"id": "b", "kind": "media"}],
            "propositions": [{"id": "n", "kind": "quantity", "text": "How many", "unit": "x"}],
            "claims": [
                {"source": "a", "proposition": "n", "value": {"min": 1, "max": 2}},
                {"source": "b", "proposition": "n", "value": {"max": 2, "min": 1}},
            ],
        }
    )
    from_file = reconcile(claimcheck.loads(text, format="json"))
    value = QuantityValue(Interval(Decimal(1), Decimal(1)))
    made = reconcile(
        Case(
            sources=[Source("a", "media")],
            propositions=[QuantityProposition("n", "How many", unit="x")],
            claims=[
                Claim(f"c{k}", "a", "n", value, written=w)
                for k, w in enumerate([(1,), (True,), 0.0, -0.0])
            ],
        )
    )
    written = []
    for result in (from_file, made):
        out = io.BytesIO()
        write_report(result, out)
        assert render_json(report_data(result)).encode() == out.getvalue()
        written.append([c["written"] for c in json.loads(out.getvalue())["claims"]])
    assert [["min", "max"], ["max", "min"]] == [list(w) for w in written[0]]
    assert [[1], [True], 0.0, -0.0] == written[1]


def test_write_report_to_a_text_stream_without_a_buffer() -> None:
    result = reconcile(claimcheck.load("fixtures/starter.yaml"))
    out = io.StringIO()
    write_report(result, out)
    assert render_json(report_data(result)) == out.getvalue()


@pytest.mark.parametrize("mode", ["binary", "text"])
def test_write_report_in_two_processes_writes_the_same_bytes_in_place(
    tmp_path: Path, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second process writes the pairs; what is around the report is kept."""
    monkeypatch.setattr(report_module, "TWO_PROCESSES_FROM", 0)
    result = _generated(3000, 6)
    expected = render_json(report_data(result))
    path = tmp_path / "report.json"
    if mode == "binary":
        with path.open("wb") as stream:
            stream.write(b"before ")
            write_report(result, stream)
            stream.write(b" after")
    else:
        with path.open("w", encoding="utf-8", newline="\n") as stream:
            stream.write("été ")
            write_report(result, stream)
            stream.write(" after")
    before = "before " if mode == "binary" else "été "
    assert (before + expected + " after").encode() == path.read_bytes()


def test_write_report_in_two_processes_drops_what_it_wrote_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dropping the pages written, a little behind, leaves the report as it would be."""
    monkeypatch.setattr(report_module, "TWO_PROCESSES_FROM", 0)
    monkeypatch.setattr(report_module, "DROP_BEHIND", 1 << 12)
    asked, advise = [], os.posix_fadvise

    def spy(*args: int) -> None:  # in the child too: each call is one byte through a pipe
        os.write(write_end, b".")
        advise(*args)

    read_end, write_end = os.pipe()
    monkeypatch.setattr(os, "posix_fadvise", spy)
    result = _generated(3000, 6)
    path = tmp_path / "report.json"
    with path.open("wb") as stream:
        stream.write(b"before ")
        write_report(result, stream)
        stream.write(b" after")
    os.close(write_end)
    while chunk := os.read(read_end, 1 << 16):
        asked.append(chunk)
    os.close(read_end)
    assert b"before " + render_json(report_data(result)).encode() + b" after" == path.read_bytes()
    # The head, the pairs (from the child) and the rest: each more than 4 KiB, each asked.
    assert len(b"".join(asked)) >= 3


def test_positioned_writes_go_on_when_the_system_refuses_the_advice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: int) -> None:
        raise OSError(22, "Invalid argument")

    monkeypatch.setattr(report_module, "DROP_BEHIND", 4)
    monkeypatch.setattr(os, "posix_fadvise", refuse, raising=False)
    path = tmp_path / "out"
    with path.open("wb") as stream:
        out = report_module._Positioned(stream.fileno(), 0)
        for piece in (b"abcde", b"fghij", b"klmno"):
            out.write(piece)
    assert b"abcdefghijklmno" == path.read_bytes()


@pytest.mark.skipif(not hasattr(os, "posix_fadvise"), reason="the system has no posix_fadvise")
def test_positioned_writes_ask_to_drop_each_stretch_once_it_is_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each request covers what was written since the one before last: the older part is on disk."""
    asked: list[tuple[int, int]] = []
    advise = os.posix_fadvise

    def spy(fd: int, offset: int, length: int, advice: int) -> None:
        assert advice == os.POSIX_FADV_DONTNEED
        asked.append((offset, offset + length))
        advise(fd, offset, length, advice)

    monkeypatch.setattr(report_module, "DROP_BEHIND", 10)
    monkeypatch.setattr(os, "posix_fadvise", spy)
    path = tmp_path / "out"
    path.write_bytes(b"0123")
    with path.open("r+b") as stream:
        out = report_module._Positioned(stream.fileno(), 4)
        for piece in (b"a" * 6, b"b" * 6, b"c" * 12, b"d" * 3, b"e" * 9):
            out.write(piece)
    assert b"0123" + b"a" * 6 + b"b" * 6 + b"c" * 12 + b"d" * 3 + b"e" * 9 == path.read_bytes()
    assert [(4, 16), (4, 28), (16, 40)] == asked


@pytest.mark.parametrize("held_at_most", [0, 1 << 30])
def test_pairs_made_before_their_place_is_known_are_held_then_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, held_at_most: int
) -> None:
    """The second process makes pairs while the first makes the head, slowly here.

    With room to hold them all, every pair is made before the head is
    done; with none, the second process waits after one piece.  Either
    way the report is the same.
    """
    monkeypatch.setattr(report_module, "TWO_PROCESSES_FROM", 0)
    monkeypatch.setattr(report_module, "HELD_AT_MOST", held_at_most)
    head = report_module._ReportWriter.head

    def slow_head(self: Any) -> Any:
        time.sleep(0.3)
        return head(self)

    monkeypatch.setattr(report_module._ReportWriter, "head", slow_head)
    result = _generated(3000, 7)
    path = tmp_path / "report.json"
    with path.open("wb") as stream:
        write_report(result, stream)
    assert render_json(report_data(result)).encode() == path.read_bytes()


@pytest.mark.parametrize("slow_head", [False, True])
def test_a_failing_second_process_is_an_error_in_the_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, slow_head: bool
) -> None:
    """The child's error is the message, even when it died before it was told where to write."""
    monkeypatch.setattr(report_module, "TWO_PROCESSES_FROM", 0)

    def fail(self: object) -> Any:
        raise RuntimeError("no pairs today")
        yield

    monkeypatch.setattr(report_module._ReportWriter, "middle", fail)
    if slow_head:
        head = report_module._ReportWriter.head

        def slow(self: Any) -> Any:
            time.sleep(0.3)  # the child has died by now: writing to it breaks the pipe
            return head(self)

        monkeypatch.setattr(report_module._ReportWriter, "head", slow)
    result = reconcile(claimcheck.load("fixtures/starter.yaml"))
    with (
        (tmp_path / "report.json").open("wb") as stream,
        pytest.raises(OSError, match="RuntimeError: no pairs today"),
    ):
        write_report(result, stream)


def test_write_report_refuses_a_partial_reconciliation() -> None:
    case = claimcheck.load("fixtures/starter.yaml")
    part = reconcile(case, propositions=["deaths"])
    with pytest.raises(ValueError, match="write_report needs every proposition"):
        write_report(part, io.BytesIO())


def test_written_behind_keeps_the_order_in_pieces_of_about_its_size() -> None:
    written: list[bytes | bytearray] = []
    out = report_module._WrittenBehind(written.append)
    block = bytearray(b"x" * (report_module._WrittenBehind.PIECE // 4))  # as lines come
    pieces: list[bytes | bytearray] = [b"a", b"b", block, b"c", *([b"d" * 1000] * 5000), b"e"]
    for piece in pieces:
        out.write(piece)
    out.close()
    assert b"".join(written) == b"".join(pieces)
    assert out.written == sum(map(len, pieces))
    assert 2 <= len(written) <= 4  # gathered into pieces, not written one by one
    assert all(len(w) <= report_module._WrittenBehind.PIECE + 1000 for w in written)


def test_written_behind_raises_the_error_of_its_writes() -> None:
    def fail(data: bytes | bytearray) -> None:
        raise OSError("disk full")

    out = report_module._WrittenBehind(fail)
    out.write(b"x" * report_module._WrittenBehind.PIECE)
    with pytest.raises(OSError, match="disk full"):
        out.close()


def test_a_report_appended_to_a_file_is_written_in_one_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file opened to append, where pwrite ignores offsets, gets the report in one process."""
    monkeypatch.setattr(report_module, "TWO_PROCESSES_FROM", 0)
    result = _generated(3000, 6)
    path = tmp_path / "report.json"
    path.write_bytes(b"before ")
    with path.open("ab") as stream:
        write_report(result, stream)
    assert b"before " + render_json(report_data(result)).encode() == path.read_bytes()


def test_readable_takes_descriptors_numbered_past_select_s_limit() -> None:
    """A process with over a thousand files open can still write a report in two."""
    import os
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    high = 2000
    if hard != resource.RLIM_INFINITY and hard <= high:
        pytest.skip("cannot open a descriptor numbered 2000 here")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, high + 1), hard))
    read, write = os.pipe()
    try:
        os.dup2(read, high)
        assert not report_module._readable(high)
        os.write(write, b"1")
        assert report_module._readable(high)
    finally:
        for fd in (read, write, high):
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_a_report_is_written_in_one_process_when_the_system_cannot_fork(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    monkeypatch.setattr(report_module, "TWO_PROCESSES_FROM", 0)

    def no_fork() -> int:
        raise BlockingIOError("Resource temporarily unavailable")

    monkeypatch.setattr(os, "fork", no_fork)
    result = _generated(3000, 6)
    path = tmp_path / "report.json"
    with path.open("wb") as stream:
        write_report(result, stream)
    assert render_json(report_data(result)).encode() == path.read_bytes()
