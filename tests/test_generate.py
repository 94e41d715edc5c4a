"""Tests of claimcheck.generate: seeded synthetic cases, valid and realistic."""
# ruff: noqa: RUF001 -- en dashes and multiplication signs are test data

from __future__ import annotations

import json
import random
import re
import statistics
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from claimcheck import InvalidCaseError, from_mapping, load, loads
from claimcheck.generate import (
    CAP,
    MEAN_CLAIMS,
    default_sources,
    generate_case,
    generate_json,
    generate_mapping,
    main,
    number_words,
    proposition_sizes,
)
from claimcheck.phrases import parse_number
from claimcheck.reconciliation import ClaimState, reconcile

SMALL = 2000


@pytest.fixture(scope="module")
def data() -> dict[str, Any]:
    """A small generated case, as plain data."""
    return generate_mapping(SMALL, seed=11)


@pytest.fixture(scope="module")
def big() -> dict[str, Any]:
    """A case large enough to hold every phrase variant and a hub (plain data only)."""
    return generate_mapping(50_000, seed=5)


def quantity_values(data: dict[str, Any]) -> Iterator[Any]:
    """The written values of the quantity claims."""
    kinds = {p["id"]: p["kind"] for p in data["propositions"]}
    return (c["value"] for c in data["claims"] if kinds[c["proposition"]] == "quantity")


_FAMILIES = {
    "at least": r"^(at least|no fewer than|>=|≥) |.* or more( |$)|\+( |$)",
    "more than": r"^(more than|over|>) ",
    "at most": r"^(at most|up to|no more than|<=|≤) ",
    "fewer than": r"^(fewer than|less than|under|<) ",
    "range": r"^between .* and |^[0-9.]+ ?(-|–|to) ?[0-9.]+( |$)",
    "about": r"^(about|around|approximately|roughly|some|circa|c\.) |^~",
    "nearly": r"^(nearly|almost|just under) ",
    "vague": r"^(a couple|a handful|a few|several|a dozen|dozens|tens|scores|hundreds|thousands)( |$)",
    "digits with commas": r"^[0-9]{1,3}(,[0-9]{3})+$",
    "number words": r"^[a-z]+(-[a-z]+)?( (hundred|thousand|and|[a-z]+(-[a-z]+)?))*$",
    "digits": r"^[0-9.]+$",
    "with the unit": r" (people|arrests|vehicles|buildings|km|tonnes)$",
}


def families(values: Iterator[Any]) -> Counter[str]:
    """Count the quantity forms: phrase families, numbers and mapping shapes."""
    found: Counter[str] = Counter()
    for value in values:
        if isinstance(value, bool):
            continue
        if isinstance(value, int | float):
            found["number"] += 1
        elif isinstance(value, dict):
            found["mapping " + ",".join(value)] += 1
        else:
            found.update(name for name, pattern in _FAMILIES.items() if re.search(pattern, value))
    return found


def test_same_seed_same_case() -> None:
    """The same arguments give the same data; another seed gives other data."""
    assert generate_mapping(500, seed=3) == generate_mapping(500, seed=3)
    assert generate_mapping(500, seed=3) != generate_mapping(500, seed=4)


def test_same_seed_same_json() -> None:
    """The JSON text is the same, byte for byte, for the same seed."""
    assert generate_json(300, seed=9) == generate_json(300, seed=9)


def test_exact_number_of_claims() -> None:
    """A case has exactly the claims asked for, at any size."""
    for claims in (0, 1, 7, 99, 1234):
        assert claims == len(generate_mapping(claims, seed=claims)["claims"])


def test_loads_as_json_and_as_mapping(tmp_path: Path) -> None:
    """The data loads without problems, from a JSON file and from the mapping alike."""
    path = tmp_path / "case.json"
    path.write_text(generate_json(SMALL, seed=11), encoding="utf-8")
    case = load(path)
    assert SMALL == len(case.claims)
    assert generate_case(SMALL, seed=11) == case


@pytest.mark.parametrize("seed", range(8))
def test_valid_for_many_seeds(seed: int) -> None:
    """Every seed gives a valid case (with few sources, too)."""
    sources = None if seed % 2 else 1 + seed
    case = loads(generate_json(1500, seed=seed, sources=sources), format="json")
    assert 1500 == len(case.claims)


def test_json_is_plain_data(data: dict[str, Any]) -> None:
    """The mapping is JSON-ready: it goes through json unchanged."""
    assert data == json.loads(json.dumps(data))


def test_kind_mix(data: dict[str, Any]) -> None:
    """All four kinds appear, quantities about seven in ten."""
    kinds = Counter(p["kind"] for p in data["propositions"])
    assert {"quantity", "category", "sequence", "assertion"} == set(kinds)
    assert 0.6 < kinds["quantity"] / sum(kinds.values()) < 0.8


def test_phrase_families_small(data: dict[str, Any]) -> None:
    """A small case writes quantities in every family of the table, and mappings."""
    found = families(quantity_values(data))
    expected = {*_FAMILIES, "number", "mapping min,max", "mapping low,best,high"}
    assert set() == expected - set(found)


def test_every_phrase_variant(big: dict[str, Any]) -> None:
    """A large case uses every wording of the table and every mapping shape."""
    written = [v for v in quantity_values(big) if isinstance(v, str)]
    text = "\n".join(written)
    for word in (
        "at least ",
        "no fewer than ",
        " or more",
        "+",
        ">= ",
        "≥ ",
        "more than ",
        "over ",
        "> ",
        "at most ",
        "up to ",
        "no more than ",
        "<= ",
        "≤ ",
        "fewer than ",
        "less than ",
        "under ",
        "< ",
        "between ",
        " to ",
        "–",
        "about ",
        "around ",
        "approximately ",
        "roughly ",
        "some ",
        "~",
        "circa ",
        "c. ",
        "nearly ",
        "almost ",
        "just under ",
        "a dozen",
        "a hundred",
        "a thousand",
        " of people",
        ",",
    ):
        assert word in text, word
    vague = {w for w in written if re.fullmatch(r"[a-z ]+", w) and parse_number(w) is None}
    stripped = {
        re.sub(r"( of)? (people|arrests|vehicles|buildings|km|tonnes)$", "", v) for v in vague
    }
    assert {"a couple", "a handful", "several", "dozens", "hundreds", "thousands"} <= stripped
    shapes = {tuple(v) for v in quantity_values(big) if isinstance(v, dict)}
    assert {("min", "max"), ("min",), ("max",), ("low", "best", "high"), ("low", "high")} == shapes


def test_other_kinds_forms(data: dict[str, Any]) -> None:
    """Categories use groups, any_of and not; sequences single and several chains."""
    props = {p["id"]: p for p in data["propositions"]}
    category = [c["value"] for c in data["claims"] if props[c["proposition"]]["kind"] == "category"]
    assert any(isinstance(v, dict) and "any_of" in v for v in category)
    assert any(isinstance(v, dict) and "not" in v for v in category)
    assert any(isinstance(v, str) and v.startswith("g") for v in category)
    hierarchies = [p for p in props.values() if p["kind"] == "category"]
    assert any(isinstance(p["values"], dict) for p in hierarchies)
    sequence = [c["value"] for c in data["claims"] if props[c["proposition"]]["kind"] == "sequence"]
    assert any(isinstance(v[0], list) for v in sequence)
    assert any(isinstance(v[0], str) for v in sequence)


def test_sources_trees_and_blocs(data: dict[str, Any]) -> None:
    """Sources form part_of trees; a few blocs, and some sources without one."""
    sources = data["sources"]
    assert default_sources(SMALL) == len(sources)
    assert any("part_of" in s for s in sources)
    blocs = Counter(s.get("bloc") for s in sources)
    assert None in blocs
    assert 2 <= len(blocs) - 1 <= 5


def test_citations_point_backward(data: dict[str, Any]) -> None:
    """Every citation names an earlier claim, so cites never form a cycle."""
    seen: set[str] = set()
    made: Counter[tuple[str, str]] = Counter()
    cited = 0
    for claim in data["claims"]:
        key = (claim["source"], claim["proposition"])
        made[key] += 1
        ident = claim.get("id", f"{key[0]}.{key[1]}.{made[key]}")
        for target in claim.get("cites", []):
            assert target in seen
            cited += 1
        seen.add(ident)
    assert cited > 0


def test_claim_fields_present(data: dict[str, Any]) -> None:
    """Default ids, via, every date precision, quotes and retractions all occur."""
    claims = data["claims"]
    assert any("id" not in c for c in claims)
    assert any("via" in c for c in claims)
    assert any(c.get("retracted") for c in claims)
    precisions = {len(c["date"]) for c in claims if "date" in c}
    assert {4, 7, 10} == precisions


def test_reconciles_with_revisions_and_contradictions() -> None:
    """The case has revisions, retractions, supports and contradictions."""
    result = reconcile(generate_case(SMALL, seed=11))
    states = Counter(result.states.values())
    assert {ClaimState.CURRENT, ClaimState.SUPERSEDED, ClaimState.RETRACTED} == set(states)
    assert result.revisions
    assert result.number_of_supports > 0
    assert result.number_of_contradictions > 0
    assert states[ClaimState.CURRENT] > SMALL // 2


def test_heavy_tail_small(data: dict[str, Any]) -> None:
    """Even a small case has a proposition with many times the mean of claims."""
    per_prop = Counter(c["proposition"] for c in data["claims"])
    assert max(per_prop.values()) >= 10 * SMALL / len(per_prop)


def test_hub_when_size_allows(big: dict[str, Any]) -> None:
    """At 50,000 claims there is a hub of a thousand claims or more."""
    per_prop = Counter(c["proposition"] for c in big["claims"])
    assert max(per_prop.values()) >= 1000


def test_sizes_follow_the_law() -> None:
    """The sizes sum exactly, a quarter are ones, median 3, mean near the documented."""
    sizes = proposition_sizes(1_000_000, random.Random(0))
    assert 1_000_000 == sum(sizes)
    assert 0.22 < sizes.count(1) / len(sizes) < 0.28
    assert 3 == statistics.median(sizes)
    assert abs(statistics.mean(sizes) - MEAN_CLAIMS) < 1
    assert CAP >= max(sizes) >= 5000
    assert 20 <= sum(1 for k in sizes if k >= 1000) <= 60


def test_cap() -> None:
    """No proposition gets more claims than the cap."""
    data = generate_mapping(3000, seed=2, cap=50)
    assert max(Counter(c["proposition"] for c in data["claims"]).values()) <= 50


def test_number_words_read_back() -> None:
    """Number words read back as the same number."""
    for n in [*range(0, 1000), *range(1000, 1_000_000, 997)]:
        assert n == parse_number(number_words(n))


def test_bad_arguments() -> None:
    """A negative size, no sources or a cap below one is refused."""
    with pytest.raises(ValueError, match="claims"):
        generate_mapping(-1)
    with pytest.raises(ValueError, match="sources"):
        generate_mapping(10, sources=0)
    with pytest.raises(ValueError, match="cap"):
        generate_mapping(10, cap=0)


def test_main_writes_a_file(tmp_path: Path) -> None:
    """The command line writes a JSON case that loads, the same as the library's."""
    out = tmp_path / "case.json"
    assert 0 == main(["--claims", "400", "--seed", "2", "-o", str(out)])
    assert generate_json(400, seed=2) == out.read_text(encoding="utf-8")
    assert 400 == len(load(out).claims)


def test_main_to_standard_output() -> None:
    """Without -o the JSON goes to the writer."""
    written: list[str] = []
    assert 0 == main(["--claims", "30", "--seed", "1", "--sources", "4"], write=written.append)
    assert 4 == len(json.loads("".join(written))["sources"])


def test_main_bad_size() -> None:
    """A negative size is exit code 2."""
    assert 2 == main(["--claims", "-5"])


def test_from_mapping_accepts_it(data: dict[str, Any]) -> None:
    """The mapping is accepted as is by from_mapping (no InvalidCaseError)."""
    try:
        from_mapping(data)
    except InvalidCaseError as exc:  # pragma: no cover - shows the problems on failure
        pytest.fail(str(exc))
