"""Tests of claimcheck.loader: case files in, a valid Case or every problem out."""

from __future__ import annotations

import json
import re
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck import (
    AssertionProposition,
    AssertionValue,
    Case,
    CategoryProposition,
    CategoryValue,
    Claim,
    Interval,
    InvalidCaseError,
    Lexicon,
    QuantityProposition,
    QuantityValue,
    SequenceProposition,
    SequenceValue,
    dumps,
    from_mapping,
    load,
    loader,
    loads,
    model,
    parse_value,
    strategies,
)
from claimcheck._documents import MAX_DEPTH
from claimcheck.errors import Problem
from claimcheck.generate import generate_json

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

D = Decimal


def doc(text: str) -> str:
    """A case file from an indented literal (its first line is line 1)."""
    return textwrap.dedent(text)


def problems(text: str | bytes, *, format: str = "yaml", name: str = "case.yaml") -> list[str]:
    """The lines a user sees for text that is not a valid case."""
    with pytest.raises(InvalidCaseError) as caught:
        loads(text, format=format, name=name)
    return [str(p) for p in caught.value.problems]


# A small valid case the claim tests below add to (claims start on line 8).
# Its category proposition 'who' has a hierarchy; 'order' has events a, b, c.
HEAD = doc(
    """\
    claimcheck: 1
    sources: [{id: amnesty, kind: ngo}, {id: gov, kind: government}]
    propositions:
      - {id: deaths, kind: quantity, text: People killed, unit: people}
      - {id: who, kind: category, text: Who fired, values: {police: null, protesters: [strikers, provocateurs]}}
      - {id: order, kind: sequence, text: What came first, events: {a: A, b: B, c: C}}
    claims:
    """
)


def claim_problems(claims: str) -> list[str]:
    """The problems of HEAD followed by these claims (the first on line 8)."""
    return problems(HEAD + doc(claims))


# -- loading valid files ------------------------------------------------------


def test_load_starter_fixture() -> None:
    """The starter fixture loads with its ids and default claim ids."""
    case = load(FIXTURES / "starter.yaml")
    assert "starter" == case.info.id
    assert ["ministry", "police", "union", "wire"] == [s.id for s in case.sources]
    assert ["deaths", "who-fired-first", "curfew-declared"] == [p.id for p in case.propositions]
    assert [
        "ministry-deaths",
        "union-deaths",
        "wire-deaths",
        "police-fired",
        "union.who-fired-first.1",
        "wire.curfew-declared.1",
        "ministry.curfew-declared.1",
    ] == [c.id for c in case.claims]


def test_load_zhanaozen_fixture() -> None:
    """The Zhanaozen fixture loads whole."""
    case = load(str(FIXTURES / "zhanaozen-2011.yaml"))
    assert ("zhanaozen-2011", "Zhanaozen massacre", "2011-12-16") == (
        case.info.id,
        case.info.title,
        case.info.date,
    )
    assert (20, 45, 56) == (len(case.sources), len(case.propositions), len(case.claims))


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json", ".YAML"])
def test_load_reads_each_suffix(tmp_path: Path, suffix: str) -> None:
    """The same case loads alike from .yaml, .yml and .json files."""
    data = {
        "claimcheck": 1,
        "sources": [{"id": "a", "kind": "media"}],
        "propositions": [{"id": "p", "kind": "assertion", "text": "It rained"}],
        "claims": [{"source": "a", "proposition": "p", "value": True}],
    }
    path = tmp_path / f"case{suffix}"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert from_mapping(data) == load(path)


def test_loads_json_text() -> None:
    """`loads` reads JSON text with fractions as exact Decimals."""
    case = loads('{"claimcheck": 1, "lexicon": {"approx": 0.15}}', format="json")
    assert D("0.15") == case.lexicon.approx


def test_loads_accepts_utf8_bytes_with_a_byte_order_mark() -> None:
    """UTF-8 bytes starting with a byte order mark are read as text."""
    case = loads("\ufeffclaimcheck: 1\ncase: {title: Жанаозен}\n".encode())
    assert "Жанаозен" == case.info.title


def test_loads_refuses_an_unknown_format() -> None:
    """A format other than yaml or json is a programming error."""
    with pytest.raises(ValueError, match="format must be 'yaml' or 'json', not 'toml'"):
        loads("claimcheck: 1", format="toml")


def test_from_mapping_reads_floats_by_their_shortest_repr() -> None:
    """A Python float such as 0.1 becomes Decimal('0.1'), not its binary value."""
    case = from_mapping({"claimcheck": 1, "lexicon": {"approx": 0.1}})
    assert D("0.1") == case.lexicon.approx


def test_from_mapping_reads_float_keys_as_decimals_and_refuses_nan_ones() -> None:
    """Float keys under extra are read as a file's are: 2.5 a Decimal, NaN refused."""
    case = from_mapping({"claimcheck": 1, "extra": {2.5: "a", "x": [{0.1: "b"}]}})
    assert [(D, D("2.5")), (str, "x")] == [(type(k), k) for k in case.extra]
    assert [(D, D("0.1"))] == [(type(k), k) for k in case.extra["x"][0]]
    with pytest.raises(InvalidCaseError, match=r"^<mapping>: case: extra NaN is not a finite"):
        from_mapping({"claimcheck": 1, "case": {"extra": {float("nan"): 1}}})


@pytest.mark.parametrize("where", ["claim", "source", "case", "top"])
def test_from_mapping_refuses_extra_data_no_file_can_hold(where: str) -> None:
    """A set under extra is named as a file's problems are, claims' included (read quickly or not)."""
    data: dict[str, Any] = {
        "claimcheck": 1,
        "sources": [{"id": "gov", "kind": "government"}],
        "propositions": [{"id": "deaths", "kind": "quantity", "text": "P", "unit": "people"}],
        "claims": [{"source": "gov", "proposition": "deaths", "value": 11}],
    }
    owner = {"claim": "claim #1: ", "source": "source 'gov': ", "case": "case: ", "top": ""}[where]
    target = {
        "claim": data["claims"][0],
        "source": data["sources"][0],
        "case": data.setdefault("case", {}),
        "top": data,
    }[where]
    target["extra"] = {"a": [{1, 2}]}
    message = "extra the set {1, 2} is not plain data a case file can hold"
    with pytest.raises(InvalidCaseError, match=f"^<mapping>: {re.escape(owner + message)}"):
        from_mapping(data)


def test_from_mapping_reads_numpy_floats_by_their_value() -> None:
    """A float of numpy's is a float: its repr (np.float64(0.1)) is not read as a number."""
    case = from_mapping({"claimcheck": 1, "lexicon": {"approx": np.float64(0.1)}})
    assert D("0.1") == case.lexicon.approx


@pytest.mark.parametrize("quick", [True, False])
def test_long_whole_numbers_under_extra_load_alike_on_both_paths(quick: bool) -> None:
    """4,000 digits under a claim's extra or a source's: kept on both ways of reading claims."""
    n = "7" * 4000
    text = (
        f"claimcheck: 1\nsources: [{{id: g, kind: ngo, extra: {{n: {n}}}}}]\n"
        "propositions: [{id: p, kind: quantity, text: P, unit: u}]\n"
        f"claims: [{{source: g, proposition: p, value: 1, extra: {{n: {n}}}}}]\n"
    )
    case = loader._loads(text, "yaml", "<string>", quick=quick)
    assert int(n) == case.sources[0].extra["n"] == case.claims[0].extra["n"]
    assert case == loads(dumps(case))


def test_from_mapping_problems_have_no_line() -> None:
    """A mapping's problems read ``<mapping>: message``."""
    with pytest.raises(InvalidCaseError) as caught:
        from_mapping({"claimcheck": 1, "sources": [{"id": "a", "kind": "ngoo"}]})
    assert [
        Problem(
            "<mapping>",
            None,
            "source 'a': kind 'ngoo' is not one of government, opposition, ngo, "
            "intergovernmental, media, witness, court, academic, encyclopedia, other; "
            "did you mean 'ngo'?",
        )
    ] == list(caught.value.problems)


def test_from_mapping_refuses_deep_nesting() -> None:
    """A Python mapping nested beyond the limit is refused, not a RecursionError."""
    deep: list[object] = []
    for _ in range(5000):
        deep = [deep]
    with pytest.raises(InvalidCaseError) as caught:
        from_mapping({"claimcheck": 1, "extra": {"deep": deep}})
    assert ["<mapping>: the document is nested too deeply (more than 100 levels)"] == [
        str(p) for p in caught.value.problems
    ]


def test_default_claim_ids_count_per_source_and_proposition() -> None:
    """Default ids are <source>.<proposition>.<n>, explicit-id claims counting too."""
    case = loads(
        HEAD
        + doc(
            """\
            - {id: first, source: amnesty, proposition: deaths, value: 3}
            - {source: amnesty, proposition: deaths, value: 4}
            - {source: gov, proposition: deaths, value: 5}
            - {source: amnesty, proposition: who, value: police}
            - {source: amnesty, proposition: deaths, value: 6}
            """
        )
    )
    assert [
        "first",
        "amnesty.deaths.2",
        "gov.deaths.1",
        "amnesty.who.1",
        "amnesty.deaths.3",
    ] == [c.id for c in case.claims]


def test_default_id_colliding_with_an_explicit_id() -> None:
    """A default id that another claim uses explicitly is an error."""
    assert [
        "case.yaml:9: claim #2: its default id 'amnesty.deaths.2' collides with an explicit "
        "claim id; give this claim an id"
    ] == claim_problems(
        """\
        - {source: amnesty, proposition: deaths, value: 3}
        - {source: amnesty, proposition: deaths, value: 4}
        - {id: amnesty.deaths.2, source: gov, proposition: deaths, value: 5}
        """
    )


def test_yaml_ids_no_yes_on_off_stay_text() -> None:
    """Under YAML 1.2 core, ids no, yes, on and off are text, not booleans."""
    case = loads(
        doc(
            """\
            claimcheck: 1
            sources:
              - {id: no, kind: ngo}
              - {id: yes, kind: ngo}
              - {id: on, kind: ngo}
              - {id: off, kind: ngo}
            """
        )
    )
    assert ["no", "yes", "on", "off"] == [s.id for s in case.sources]


def test_yaml_core_schema_scalars() -> None:
    """Plain scalars resolve as the YAML 1.2 core schema says, fractions as Decimal."""
    case = loads(
        doc(
            """\
            claimcheck: 1
            extra: {a: 0.1, b: 1e3, c: 0o17, d: 0x1F, e: yes, f: ~, g: .5, h: TRUE, i: '12', j: 2011-12-16}
            """
        )
    )
    assert {
        "a": D("0.1"),
        "b": D("1E+3"),
        "c": 15,
        "d": 31,
        "e": "yes",
        "f": None,
        "g": D("0.5"),
        "h": True,
        "i": "12",
        "j": "2011-12-16",
    } == dict(case.extra)


def test_yaml_yes_is_not_a_boolean() -> None:
    """Only true and false are booleans: retracted: yes is an error."""
    assert ["case.yaml:9: claim 'c1': retracted must be true or false, got 'yes'"] == (
        claim_problems(
            """\
            - id: c1
              retracted: yes
              source: amnesty
              proposition: deaths
              value: 3
            """
        )
    )


def test_numeric_id_becomes_text() -> None:
    """An id written as a plain integer is read as its digits."""
    case = loads("claimcheck: 1\nsources: [{id: 2011, kind: media}]\n")
    assert "2011" == case.sources[0].id


def test_parse_value_of_each_kind() -> None:
    """`parse_value` reads category, sequence and assertion values."""
    who = CategoryProposition("who", "Who", values={"police": None, "side": ["x", "y"]})
    order = SequenceProposition("order", "Order", events={"a": "A", "b": "B", "c": "C"})
    assert CategoryValue({"x", "y"}) == parse_value(who, "side")
    assert CategoryValue({"police", "y"}) == parse_value(who, {"any_of": ["police", "y"]})
    assert CategoryValue({"x", "y"}) == parse_value(who, {"not": "police"})
    assert SequenceValue({("a", "b"), ("c", "b")}) == parse_value(order, [["a", "b"], ["c", "b"]])
    assert AssertionValue(False) == parse_value(AssertionProposition("p", "It rained"), False)


def test_parse_value_of_a_quantity_uses_the_lexicon() -> None:
    """`parse_value` reads a quantity phrase with the lexicon it is given."""
    deaths = QuantityProposition("deaths", "Deaths", unit="people")
    handful = parse_value(deaths, "a handful of people", lexicon=Lexicon({"a handful": (2, 6)}))
    assert QuantityValue(Interval(D(2), D(6)), vague=True) == handful


# -- every kind of bad input --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "claimcheck: 1\nsourcse: []\n",
            "case.yaml:2: unknown top-level key 'sourcse'; did you mean 'sources'?",
            id="top",
        ),
        pytest.param(
            "claimcheck: 1\ncase:\n  id: x\n  titel: T\n",
            "case.yaml:4: case: unknown key 'titel'; did you mean 'title'?",
            id="case",
        ),
        pytest.param(
            "claimcheck: 1\nsources:\n  - id: a\n    kind: ngo\n    nmae: A\n",
            "case.yaml:5: source 'a': unknown key 'nmae'; did you mean 'name'?",
            id="source",
        ),
        pytest.param(
            "claimcheck: 1\npropositions:\n  - id: p\n    kind: assertion\n    txet: T\n    text: T\n",
            "case.yaml:5: proposition 'p': unknown key 'txet'; did you mean 'text'?",
            id="proposition",
        ),
        pytest.param(
            HEAD + "  - {id: c1, source: gov, proposition: deaths, value: 3,\n     qoute: x}\n",
            "case.yaml:9: claim 'c1': unknown key 'qoute'; did you mean 'quote'?",
            id="claim",
        ),
    ],
)
def test_unknown_key_names_the_closest_key(text: str, expected: str) -> None:
    """An unknown key at any level is named, with the closest known key."""
    assert [expected] == problems(text)


def test_unknown_key_without_a_close_one_lists_the_known_keys() -> None:
    """With nothing close, the message lists the keys that are allowed."""
    assert [
        "case.yaml:2: source 'a': unknown key 'zzz'; known keys: id, kind, name, part_of, "
        "bloc, url, extra"
    ] == problems("claimcheck: 1\nsources: [{id: a, kind: ngo, zzz: 1}]\n")


def test_key_of_another_proposition_kind() -> None:
    """A key that belongs to another kind of proposition is named as such."""
    assert [
        "case.yaml:5: proposition 'p': key 'unit' does not belong to an assertion proposition",
        "case.yaml:6: proposition 'p': key 'values' does not belong to an assertion proposition",
    ] == problems(
        doc(
            """\
            claimcheck: 1
            propositions:
              - id: p
                kind: assertion
                unit: people
                values: [a, b]
                text: It rained
            """
        )
    )


def test_duplicate_key_in_yaml() -> None:
    """A key given twice in one YAML object is an error naming both lines."""
    assert [
        "case.yaml:4: source 'a': key 'kind' is given twice in one object (first on line 3)"
    ] == (problems("claimcheck: 1\nsources:\n  - kind: ngo\n    kind: media\n    id: a\n"))


def test_equal_keys_of_different_types_in_extra_are_named_as_such() -> None:
    """``extra`` keeps keys as written, but 1 and true cannot both be keys of one mapping."""
    assert [
        "case.yaml:7: source 'a': keys 1 (line 6) and true are one key to claimcheck, which "
        "reads them as the same value: put them in quotes ('1', 'true') to keep both, as text"
    ] == problems(
        "claimcheck: 1\nsources:\n  - id: a\n    kind: ngo\n"
        "    extra:\n      1: one\n      true: yes\n"
    )


def test_duplicate_key_names_an_object_without_id_by_its_place() -> None:
    """An object with no id (a claim's is made later) is named by its place in its list."""
    assert [
        "case.yaml:12: claim #2: key 'value' is given twice in one object (first on line 11)"
    ] == claim_problems(
        "- {id: c1, source: amnesty, proposition: deaths, value: 3}\n"
        "- source: amnesty\n  proposition: deaths\n  value: 3\n  value: 4\n"
    )


def test_messages_speak_of_the_file_not_of_python() -> None:
    """A null key, a list where a value's name goes and an empty mapping, in the file's words."""
    assert [
        "case.yaml:2: unknown top-level key null",
        "case.yaml:4: proposition 'c': a category value must be non-empty text, got a list",
        "case.yaml:5: proposition 'd': category value 'v' has nothing below it",
    ] == problems(
        "claimcheck: 1\nnull: 3\npropositions:\n"
        "  - {id: c, kind: category, text: C, values: [a, [b, c]]}\n"
        "  - {id: d, kind: category, text: D, values: {v: {}}}\n"
    )


def test_event_ids_given_as_numbers_are_their_text() -> None:
    """As any id given as a whole number: ``events: {1: ...}`` and ``value: [1, 2]``."""
    case = loads(
        "claimcheck: 1\nsources: [{id: a, kind: media}]\npropositions:\n"
        "  - {id: s, kind: sequence, text: O, events: {1: first, 2: second}}\n"
        "claims:\n  - {source: a, proposition: s, value: [1, 2]}\n"
    )
    (prop,) = case.propositions
    (claim,) = case.claims
    assert isinstance(prop, SequenceProposition)
    assert ["1", "2"] == list(prop.events)
    assert isinstance(claim.value, SequenceValue)
    assert ({("1", "2")}, (1, 2)) == (set(claim.value.precedences), claim.written)
    assert case == loads(dumps(case))
    assert [
        "case.yaml:3: proposition 's': events '1' is given twice, once as a number"
    ] == problems(
        "claimcheck: 1\npropositions:\n"
        '  - {id: s, kind: sequence, text: O, events: {1: a, "1": b}}\n'
    )


def test_a_problem_of_the_whole_document_stands_where_it_starts() -> None:
    """In a file, the first line with something on it; from a mapping, no line."""
    assert [
        "case.json:3: a case file is a mapping that starts with 'claimcheck: 1', got 'hello'"
    ] == problems('\n\n"hello"', format="json", name="case.json")
    with pytest.raises(InvalidCaseError) as caught:
        from_mapping({"sources": []})
    assert [None] == [p.line for p in caught.value.problems]


def test_deep_json_with_a_key_given_twice_is_reported_at_its_line() -> None:
    """The reader finds the depth itself then, and names the line too."""
    text = (
        '{"claimcheck": 1,\n "case": {"id": "a", "id": "b"},\n'
        ' "claims": [{"extra": {"x": ' + "[" * 120 + "]" * 120 + "}}]}"
    )
    assert ["case.yaml:3: the document is nested too deeply (more than 100 levels)"] == (
        problems(text, format="json")
    )


def test_unknown_null_and_true_keys_are_named_as_written() -> None:
    assert [
        "case.yaml:2: case: unknown key null; known keys: id, title, date, extra",
        "case.yaml:3: source 'a': unknown key true; known keys: id, kind, name, part_of, bloc,"
        " url, extra",
    ] == problems("claimcheck: 1\ncase: {null: 1}\nsources: [{id: a, kind: ngo, true: 1}]\n")
    with pytest.raises(ValueError, match=r"^unknown key null in a quantity mapping"):
        parse_value(QuantityProposition("q", "Q", unit="people"), {None: 3, "min": 1})


def test_a_misspelt_reference_is_matched_to_an_object_with_problems_of_its_own() -> None:
    """The source meant has a problem too: the hint still names it."""
    found = problems(
        "claimcheck: 1\nsources:\n  - {id: gov, kind: goverment}\n"
        "propositions: [{id: q, kind: quantity, text: Q, unit: people}]\n"
        "claims:\n  - {source: govt, proposition: q, value: 3}\n"
    )
    assert "case.yaml:6: claim 'govt.q.1': unknown source 'govt'; did you mean 'gov'?" == found[-1]


def test_every_bad_event_of_a_proposition_is_reported() -> None:
    assert [
        "case.yaml:3: proposition 's': event 'bad event' is not a valid id; "
        "event '-x' is not a valid id; event 'y' needs a description in words"
    ] == problems(
        "claimcheck: 1\npropositions:\n"
        '  - {id: s, kind: sequence, text: O, events: {"bad event": a, "-x": b, ok: c, y: 3}}\n'
    )


def test_every_bad_category_value_of_a_proposition_is_reported() -> None:
    assert [
        "case.yaml:3: proposition 'c': a category value must be non-empty text, got a list; "
        "category value 'a' is declared twice; category value 'v' has nothing below it"
    ] == problems(
        "claimcheck: 1\npropositions:\n"
        "  - {id: c, kind: category, text: C, values: [a, [b, c], a, {v: {}}]}\n"
    )


def test_duplicate_key_in_json() -> None:
    """A key given twice in one JSON object is an error naming both lines."""
    text = '{"claimcheck": 1,\n "sources": [{"id": "a",\n   "kind": "ngo",\n   "kind": "media"}]}'
    assert [
        "case.json:4: source 'a': key 'kind' is given twice in one object (first on line 3)"
    ] == (problems(text, format="json", name="case.json"))


def test_duplicate_source_id() -> None:
    """Two sources with one id are an error at the second."""
    assert ["case.yaml:4: source id 'a' is used twice"] == problems(
        "claimcheck: 1\nsources:\n  - {id: a, kind: ngo}\n  - {id: a, kind: media}\n"
    )


def test_duplicate_proposition_id() -> None:
    """Two propositions with one id are an error at the second."""
    assert ["case.yaml:4: proposition id 'p' is used twice"] == problems(
        doc(
            """\
            claimcheck: 1
            propositions:
              - {id: p, kind: assertion, text: T}
              - {id: p, kind: assertion, text: U}
            """
        )
    )


def test_duplicate_claim_id() -> None:
    """Two claims with one id are an error at the second."""
    assert ["case.yaml:9: claim id 'x' is used twice"] == claim_problems(
        """\
        - {id: x, source: amnesty, proposition: deaths, value: 3}
        - {id: x, source: gov, proposition: deaths, value: 4}
        """
    )


def test_unknown_source_of_a_claim() -> None:
    """A claim's unknown source is named with the closest source id."""
    assert [
        "case.yaml:8: claim 'amnest.deaths.1': unknown source 'amnest'; did you mean 'amnesty'?"
    ] == claim_problems("- {source: amnest, proposition: deaths, value: 3}\n")


def test_unknown_proposition_of_a_claim() -> None:
    """A claim's unknown proposition is named with the closest proposition id."""
    assert [
        "case.yaml:8: claim 'c1': unknown proposition 'death'; did you mean 'deaths'?"
    ] == claim_problems("- {id: c1, source: gov, proposition: death, value: 3}\n")


def test_unknown_via_source() -> None:
    """A relay in via must be a known source."""
    assert ["case.yaml:8: claim 'c1': unknown source 'gv'; did you mean 'gov'?"] == (
        claim_problems("- {id: c1, source: amnesty, proposition: deaths, value: 3, via: [gv]}\n")
    )


def test_unknown_cited_claim() -> None:
    """A cited claim must exist; the closest claim id is suggested."""
    assert ["case.yaml:9: claim 'c2': unknown claim 'gov-1'; did you mean 'gov-11'?"] == (
        claim_problems(
            """\
            - {id: gov-11, source: gov, proposition: deaths, value: 11}
            - {id: c2, source: amnesty, proposition: deaths, value: 11, cites: [gov-1]}
            """
        )
    )


def test_unknown_part_of_source() -> None:
    """A source's part_of must name a source; the closest id is suggested."""
    assert ["case.yaml:6: source 'b': unknown source 'amnesti'; did you mean 'amnesty'?"] == (
        problems(
            doc(
                """\
                claimcheck: 1
                sources:
                  - {id: amnesty, kind: ngo}
                  - id: b
                    kind: ngo
                    part_of: amnesti
                """
            )
        )
    )


def test_unknown_part_of_proposition() -> None:
    """A proposition's part_of must name a proposition; the closest id is suggested."""
    assert [
        "case.yaml:5: proposition 'part': unknown proposition 'hole'; did you mean 'whole'?"
    ] == problems(
        doc(
            """\
            claimcheck: 1
            propositions:
              - {id: whole, kind: quantity, text: All, unit: people}
              - id: part
                part_of: hole
                kind: quantity
                text: Some
                unit: people
            """
        )
    )


def test_part_of_cycle_of_sources() -> None:
    """A cycle of part_of among sources is reported once, at its first member."""
    assert ["case.yaml:5: source 'a': part_of forms a cycle: a -> b -> c -> a"] == problems(
        doc(
            """\
            claimcheck: 1
            sources:
              - {id: tail, kind: ngo, part_of: a}
              - id: a
                part_of: b
                kind: ngo
              - {id: b, kind: ngo, part_of: c}
              - {id: c, kind: ngo, part_of: a}
            """
        )
    )


def test_source_part_of_itself() -> None:
    """A source that is part of itself is a cycle of one."""
    assert ["case.yaml:3: source 'a': part_of forms a cycle: a -> a"] == problems(
        "claimcheck: 1\nsources:\n  - {id: a, kind: ngo, part_of: a}\n"
    )


def test_part_of_cycle_of_propositions() -> None:
    """A cycle of part_of among propositions is reported once, at its first member."""
    assert ["case.yaml:3: proposition 'p': part_of forms a cycle: p -> q -> p"] == problems(
        doc(
            """\
            claimcheck: 1
            propositions:
              - {id: p, kind: quantity, text: T, unit: people, part_of: q}
              - {id: q, kind: quantity, text: T, unit: people, part_of: p}
            """
        )
    )


def test_proposition_part_of_itself() -> None:
    """A proposition that is part of itself is a cycle of one."""
    assert ["case.yaml:3: proposition 'r': part_of forms a cycle: r -> r"] == problems(
        "claimcheck: 1\npropositions:\n  - {id: r, kind: quantity, text: T, unit: people, part_of: r}\n"
    )


def test_part_of_between_different_units() -> None:
    """A part_of must join propositions of the same unit."""
    assert [
        "case.yaml:3: proposition 'p': unit 'people' differs from the unit 'km' of 'q' it is part of"
    ] == problems(
        doc(
            """\
            claimcheck: 1
            propositions:
              - {id: p, kind: quantity, text: T, unit: people, part_of: q}
              - {id: q, kind: quantity, text: T, unit: km}
            """
        )
    )


def test_part_of_a_non_quantity() -> None:
    """A part_of must name a quantity proposition."""
    assert [
        "case.yaml:3: proposition 'p': part_of names assertion proposition 'q', not a quantity"
    ] == problems(
        doc(
            """\
            claimcheck: 1
            propositions:
              - {id: p, kind: quantity, text: T, unit: people, part_of: q}
              - {id: q, kind: assertion, text: T}
            """
        )
    )


def test_cites_cycle() -> None:
    """Claims citing each other in a ring are an error naming the ring."""
    assert ["case.yaml:8: claim 'c1': cites forms a cycle: c1 -> c3 -> c2 -> c1"] == (
        claim_problems(
            """\
            - {id: c1, source: amnesty, proposition: deaths, value: 3, cites: [c3]}
            - {id: c2, source: gov, proposition: deaths, value: 3, cites: [c1]}
            - {id: c3, source: gov, proposition: deaths, value: 3, cites: [c2]}
            """
        )
    )


def test_claim_citing_itself() -> None:
    """A claim may not cite itself."""
    assert ["case.yaml:8: claim 'c1' cites itself"] == claim_problems(
        "- {id: c1, source: amnesty, proposition: deaths, value: 3, cites: [c1]}\n"
    )


def test_sequence_claim_that_cycles_on_its_own() -> None:
    """A sequence value whose own precedences form a cycle is an error."""
    assert [
        "case.yaml:8: claim 'amnesty.order.1': value: the precedences form a cycle through 'a'"
    ] == claim_problems("- {source: amnesty, proposition: order, value: [[a, b], [b, a]]}\n")


def test_sequence_claim_with_an_undeclared_event() -> None:
    """A sequence value may only name declared events."""
    assert [
        "case.yaml:8: claim 'c1': value: undeclared event 'd' in proposition 'order'",
        "case.yaml:9: claim 'c2': value: undeclared event 'bb' in proposition 'order'; "
        "did you mean 'b'?",
    ] == claim_problems(
        """\
        - {id: c1, source: amnesty, proposition: order, value: [a, d]}
        - {id: c2, source: amnesty, proposition: order, value: [a, bb]}
        """
    )


def test_sequence_event_that_is_not_an_id() -> None:
    """An event inside a chain must be an event id, not a list."""
    assert ["case.yaml:8: claim 'c1': value: an event is named by its id, got a list"] == (
        claim_problems("- {id: c1, source: amnesty, proposition: order, value: [[a, [b]]]}\n")
    )


def test_unknown_category_value() -> None:
    """A category value must be declared; the closest declared value is suggested."""
    assert [
        "case.yaml:8: claim 'c1': value: 'polce' is not a value of proposition 'who'; "
        "did you mean 'police'?"
    ] == claim_problems("- {id: c1, source: amnesty, proposition: who, value: polce}\n")


def test_category_not_excluding_everything() -> None:
    """A ``not`` that leaves no leaf is an error."""
    assert [
        "case.yaml:8: claim 'c1': value: 'not' excludes every value, so nothing is left"
    ] == claim_problems(
        "- {id: c1, source: amnesty, proposition: who, value: {not: [police, protesters]}}\n"
    )


def test_category_mapping_with_another_key() -> None:
    """A category mapping has exactly one key, any_of or not."""
    assert [
        "case.yaml:8: claim 'c1': value: a category mapping has exactly one key, any_of or not; "
        "got 'one_of'",
        "case.yaml:9: claim 'c2': value: any_of needs a value or a non-empty list of values",
    ] == claim_problems(
        """\
        - {id: c1, source: amnesty, proposition: who, value: {one_of: [police]}}
        - {id: c2, source: amnesty, proposition: who, value: {any_of: []}}
        """
    )


def test_empty_interval() -> None:
    """A range whose low is above its high is an error quoting the phrase."""
    assert [
        "case.yaml:8: claim 'c1': value: 'between 20 and 10' is an empty interval"
    ] == claim_problems(
        "- {id: c1, source: amnesty, proposition: deaths, value: between 20 and 10}\n"
    )


def test_negative_count() -> None:
    """A count is never negative."""
    assert ["case.yaml:8: claim 'c1': value: '-3': a count is never negative"] == (
        claim_problems("- {id: c1, source: amnesty, proposition: deaths, value: -3}\n")
    )


def test_yaml_nan_and_infinity() -> None:
    """YAML .nan and .inf are refused, in values and under extra alike."""
    assert [
        "case.yaml:2: extra -infinity is not a finite number",
        "case.yaml:9: claim 'c1': value NaN is not a finite number",
        "case.yaml:10: claim 'c2': value infinity is not a finite number",
        "case.yaml:11: claim 'c3': extra NaN is not a finite number",
    ] == problems(
        HEAD.replace("claimcheck: 1\n", "claimcheck: 1\nextra: {a: [1, -.inf]}\n")
        + doc(
            """\
            - {id: c1, source: amnesty, proposition: deaths, value: .nan}
            - {id: c2, source: amnesty, proposition: deaths, value: .Inf}
            - {id: c3, source: amnesty, proposition: deaths, value: 3, extra: {x: {y: .NaN}}}
            """
        )
    )


def test_yaml_nan_and_infinity_as_keys_under_extra() -> None:
    """A key .nan or .inf under extra is refused too: no file could write it back."""
    assert [
        "case.yaml:2: extra NaN is not a finite number",
        "case.yaml:9: claim 'c1': extra infinity is not a finite number",
    ] == problems(
        HEAD.replace("claimcheck: 1\n", "claimcheck: 1\nextra: {.nan: a}\n")
        + doc(
            """\
            - {id: c1, source: amnesty, proposition: deaths, value: 3, extra: {x: [{.inf: y}]}}
            """
        )
    )


def test_json_nan_and_infinity() -> None:
    """JSON NaN and Infinity are refused, in values and under extra alike."""
    text = (
        '{"claimcheck": 1,\n'
        ' "extra": {"a": -Infinity},\n'
        ' "sources": [{"id": "a", "kind": "ngo"}],\n'
        ' "propositions": [{"id": "p", "kind": "quantity", "text": "T", "unit": "people"}],\n'
        ' "claims": [\n'
        '  {"id": "c1", "source": "a", "proposition": "p", "value": NaN},\n'
        '  {"id": "c2", "source": "a", "proposition": "p", "value": Infinity},\n'
        '  {"id": "c3", "source": "a", "proposition": "p", "value": 1, "extra": {"x": [NaN]}}]}'
    )
    assert [
        "case.json:2: extra -infinity is not a finite number",
        "case.json:6: claim 'c1': value NaN is not a finite number",
        "case.json:7: claim 'c2': value infinity is not a finite number",
        "case.json:8: claim 'c3': extra NaN is not a finite number",
    ] == problems(text, format="json", name="case.json")


OUT_OF_RANGE = "is out of range: claimcheck reads exponents from -10,000 to 10,000"


@pytest.mark.parametrize(
    "number", ["1e999999999999999999999", "-2.5E-999999999999999999999", "1e400000000", "1E-10001"]
)
def test_json_number_with_an_exponent_out_of_range(number: str) -> None:
    """A number whose exponent would make it too long to write is an error on its line.

    The first two no Decimal can hold at all (they crashed the loader);
    the others it holds, but a report would write them out in full.  Each
    is said once, and the rest of the file is still checked.
    """
    # The same text quoted on line 2 is not where the number is.
    text = (
        '{"claimcheck": 1,\n'
        ' "sources": [{"id": "a", "kind": "ngo", "extra": {"n": "see [NUMBER]"}}],\n'
        ' "propositions": [{"id": "p", "kind": "quantity", "text": "T", "unit": "people"}],\n'
        ' "claims": [{"id": "c1", "source": "a", "proposition": "p", "value": 1,\n'
        '             "extra": {"x": NUMBER}},\n'
        '            {"id": "c2", "source": "a", "proposition": "p", "value": NUMBER},\n'
        '            {"id": "c3", "source": "nobody", "proposition": "p", "value": 3}]}'
    ).replace("NUMBER", number)
    assert [
        f"case.json:5: claim 'c1': the number {number} {OUT_OF_RANGE}",
        f"case.json:6: claim 'c2': the number {number} {OUT_OF_RANGE}",
        "case.json:7: claim 'c3': unknown source 'nobody'",
    ] == problems(text, format="json", name="case.json")


def test_numbers_with_an_exponent_in_range_load() -> None:
    text = '{"claimcheck": 1, "extra": {"a": 1e10000, "b": -2.5E-9999, "c": 0.000000000001}}'
    extra = loads(text, format="json").extra
    assert [Decimal("1e10000"), Decimal("-2.5E-9999"), Decimal("1E-12")] == list(extra.values())


def test_values_out_of_range_are_refused_on_their_line() -> None:
    """A value's number within the file's exponents but beyond what a value holds.

    ``1e5000`` reads (its exponent is within 10,000), and an ``extra``
    keeps it as written, but as a value it would be written out in full
    in every report: the report failed.  It is now a problem of the claim.
    """
    text = (
        '{"claimcheck": 1,\n'
        ' "sources": [{"id": "a", "kind": "ngo"}],\n'
        ' "propositions": [{"id": "p", "kind": "quantity", "text": "T", "unit": "people"},\n'
        '                  {"id": "q", "kind": "quantity", "text": "T", "unit": "km", "integer": false}],\n'
        ' "claims": [{"id": "c1", "source": "a", "proposition": "p", "value": 1e5000},\n'
        '            {"id": "c2", "source": "a", "proposition": "q", "value": {"min": 2e-5000}},\n'
        '            {"id": "c3", "source": "a", "proposition": "p", "value": 3, "extra": {"n": 1e5000}}]}'
    )
    range_is = "is out of range: a value's numbers lie from 1E-4000 to below 1E+4000 in size"
    assert [
        f"case.json:5: claim 'c1': value: '1E+5000': the number 1E+5000 {range_is}",
        f"case.json:6: claim 'c2': value: '{{min: 2E-5000}}': the number 2E-5000 {range_is}",
    ] == problems(text, format="json", name="case.json")


def test_a_mapping_with_a_huge_number_is_refused_at_once() -> None:
    """Through the Python API too: ``Decimal("1e100000000")`` no longer hangs a report."""
    data = {
        "claimcheck": 1,
        "sources": [{"id": "a", "kind": "ngo"}],
        "propositions": [{"id": "p", "kind": "quantity", "text": "T", "unit": "people"}],
        "claims": [
            {"id": "c1", "source": "a", "proposition": "p", "value": Decimal("1e100000000")}
        ],
    }
    with pytest.raises(InvalidCaseError, match=r"the number 1E\+100000000 is out of range"):
        from_mapping(data)


def test_yaml_number_with_an_exponent_out_of_range() -> None:
    """The same in YAML, said once (not again as a value that does not read)."""
    assert [
        f"case.yaml:8: claim 'c1': the number 1e999999999999999999999 {OUT_OF_RANGE}",
        f"case.yaml:9: claim 'c2': the number 1e400000000 {OUT_OF_RANGE}",
        "case.yaml:10: claim 'c3': unknown source 'nobody'",
    ] == claim_problems(
        "- {id: c1, source: amnesty, proposition: deaths, value: 3,"
        " extra: {x: 1e999999999999999999999}}\n"
        "- {id: c2, source: amnesty, proposition: deaths, value: 1e400000000}\n"
        "- {id: c3, source: nobody, proposition: deaths, value: 3}\n"
    )


def test_unparsable_phrase() -> None:
    """A phrase that does not parse is an error quoting it."""
    assert ["case.yaml:8: claim 'c1': value: cannot read 'lots of people' as a quantity"] == (
        claim_problems("- {id: c1, source: amnesty, proposition: deaths, value: lots of people}\n")
    )


def test_non_integer_exact_value_of_an_integer_quantity() -> None:
    """An exact value with a fraction cannot count whole people."""
    assert [
        "case.yaml:8: claim 'c1': value: '2.5' is not a whole number, but the proposition "
        "counts whole people"
    ] == claim_problems("- {id: c1, source: amnesty, proposition: deaths, value: 2.5}\n")


def test_value_null_and_value_missing() -> None:
    """A claim needs a value, and null is not one."""
    assert [
        "case.yaml:8: claim 'c1': missing required key 'value'",
        "case.yaml:9: claim 'c2': value is empty (null)",
    ] == claim_problems(
        """\
        - {id: c1, source: amnesty, proposition: deaths}
        - {id: c2, source: amnesty, proposition: deaths, value: null}
        """
    )


def test_assertion_value_must_be_a_boolean() -> None:
    """An assertion's value is true or false; yes is text under YAML 1.2."""
    assert [
        "case.yaml:4: claim 'a.p.1': value: an assertion's value is true or false, got 'yes'"
    ] == problems(
        doc(
            """\
            claimcheck: 1
            sources: [{id: a, kind: ngo}]
            propositions: [{id: p, kind: assertion, text: T}]
            claims: [{source: a, proposition: p, value: yes}]
            """
        )
    )


@pytest.mark.parametrize(
    ("version", "shown"),
    [("2", "2"), ("'1'", "'1'"), ("1.0", "1.0"), ("true", "true"), ("null", "nothing (null)")],
)
def test_wrong_format_version(version: str, shown: str) -> None:
    """Any format version but the number 1 is refused."""
    assert [
        f"case.yaml:1: format version {shown} is not supported; this claimcheck reads "
        "'claimcheck: 1'"
    ] == problems(f"claimcheck: {version}\n")


def test_missing_format_version() -> None:
    """A file without 'claimcheck: 1' is refused."""
    assert [
        "case.yaml:1: missing the format version: a case file starts with 'claimcheck: 1'"
    ] == problems("sources: []\n")


def test_file_with_a_nul_byte() -> None:
    """Text holding a NUL byte is not a case file."""
    assert ["case.yaml:2: not a text file (it holds a NUL byte)"] == problems(
        b"claimcheck: 1\nx: \x00\n"
    )


def test_file_that_is_not_utf8() -> None:
    """Bytes that are not UTF-8 are refused at the line they stand on."""
    assert ["case.yaml:2: not a text file (byte 14 is not UTF-8)"] == problems(
        b"claimcheck: 1\n\xff\xfe\n"
    )


def test_binary_file(tmp_path: Path) -> None:
    """A binary file (an image) is not a case file."""
    path = tmp_path / "photo.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InvalidCaseError) as caught:
        load(path)
    assert [f"{path}:1: not a text file (byte 0 is not UTF-8)"] == [
        str(p) for p in caught.value.problems
    ]


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n"])
def test_empty_file(text: str) -> None:
    """An empty YAML file is refused with a hint at what it should hold."""
    assert ["case.yaml:1: the file is empty; a case file starts with 'claimcheck: 1'"] == problems(
        text
    )


def test_empty_json_file() -> None:
    """An empty JSON file is not valid JSON."""
    assert ["case.json:1: not valid JSON: Expecting value (column 1)"] == problems(
        "", format="json", name="case.json"
    )


def test_top_level_list() -> None:
    """A case file is a mapping, not a list."""
    assert [
        "case.yaml:1: a case file is a mapping that starts with 'claimcheck: 1', got a list"
    ] == problems("- claimcheck: 1\n")


def test_top_level_json_scalar() -> None:
    """A JSON text that is a bare string is not a case."""
    assert [
        "case.json:1: a case file is a mapping that starts with 'claimcheck: 1', got 'hello'"
    ] == problems('"hello"', format="json", name="case.json")


def test_invalid_yaml_syntax() -> None:
    """Broken YAML is reported at its line, not as a traceback."""
    assert ["case.yaml:3: not valid YAML: expected the node content, but found '-'"] == (
        problems("claimcheck: 1\nsources: [\n  - a\n")
    )


def test_yaml_with_two_documents() -> None:
    """A case file holds one YAML document."""
    assert ["case.yaml:2: not valid YAML: but found another document"] == problems(
        "claimcheck: 1\n---\nclaimcheck: 1\n"
    )


def test_invalid_json_syntax() -> None:
    """Broken JSON is reported at its line and column."""
    assert [
        "case.json:2: not valid JSON: Expecting property name enclosed in double quotes (column 1)"
    ] == problems('{"claimcheck": 1,\n}', format="json", name="case.json")


def test_yaml_python_tag_is_refused_and_never_run(tmp_path: Path) -> None:
    """A tag that would construct a Python object is an error and runs nothing."""
    marker = tmp_path / "pwned"
    text = f"claimcheck: 1\nextra:\n  x: !!python/object/apply:os.system ['touch {marker}']\n"
    assert [
        "case.yaml:3: tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed "
        "in a case file"
    ] == problems(text)
    assert not marker.exists()


def test_yaml_unknown_scalar_tag() -> None:
    """A custom tag on a scalar is refused."""
    assert ["case.yaml:2: tag '!foo' is not allowed here (value 'bar')"] == problems(
        "claimcheck: 1\nextra: {a: !foo bar}\n"
    )


def test_billion_laughs_fails_fast_with_a_message() -> None:
    """Aliases that expand exponentially are refused, not expanded."""
    lines = ["claimcheck: 1", "extra:", "  a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, 10):
        lines.append(
            f"  {'abcdefghij'[i]}: &{'abcdefghij'[i]} ["
            + ", ".join(["*" + "abcdefghij"[i - 1]] * 9)
            + "]"
        )
    # The line is that of the anchor whose expansion ran over the budget.
    assert ["case.yaml:3: aliases expand to far more data than the file holds"] == problems(
        "\n".join(lines) + "\n"
    )


def test_recursive_alias() -> None:
    """An alias inside its own anchor is refused as too deep, not followed forever."""
    assert ["case.yaml:2: the document is nested too deeply (more than 100 levels)"] == problems(
        "claimcheck: 1\nextra: &a {b: *a}\n"
    )


@pytest.mark.parametrize(
    ("text", "fmt", "expected"),
    [
        pytest.param(
            "[" * 100_000,
            "yaml",
            "case.yaml: the document is nested too deeply (more than 100 levels)",
            id="yaml-unclosed",
        ),
        pytest.param(
            "[" * 100_000,
            "json",
            "case.yaml: the document is nested too deeply (more than 100 levels)",
            id="json-unclosed",
        ),
        pytest.param(
            '{"claimcheck": 1, "extra": {"a": ' + "[" * 500 + "]" * 500 + "}}",
            "json",
            "case.yaml:1: the document is nested too deeply (more than 100 levels)",
            id="json-well-formed",
        ),
        pytest.param(
            "claimcheck: 1\nextra:\n  a:\n    " + "[" * 99 + "]" * 99 + "\n",
            "yaml",
            "case.yaml:4: the document is nested too deeply (more than 100 levels)",
            id="yaml-well-formed",
        ),
    ],
)
def test_deeply_nested_input(text: str, fmt: str, expected: str) -> None:
    """Deep nesting is refused with a message, never a RecursionError."""
    assert [expected] == problems(text, format=fmt)


def test_deep_nesting_is_reported_at_its_line() -> None:
    """The line given is where the data first goes past the limit, in YAML or in JSON."""
    deep = _nested(MAX_DEPTH)
    data = {"claimcheck": 1, "extra": {"shallow": [1], "deep": deep}}
    text = json.dumps(data, indent=1)
    line = text.splitlines().index(" " * MAX_DEPTH + "[") + 1  # the 101st level
    message = "the document is nested too deeply (more than 100 levels)"
    assert [f"case.yaml:{line}: {message}"] == problems(text, format="json")
    claims = {"claimcheck": 1, "claims": [{**_PLAIN, "extra": {"deep": _nested(MAX_DEPTH)}}]}
    text = json.dumps(claims, indent=1)
    line = text.splitlines().index(" " * MAX_DEPTH + "[") + 1
    assert [f"case.yaml:{line}: {message}"] == problems(text, format="json")


def test_nesting_below_the_limit_loads() -> None:
    """Data nested just below the limit is kept."""
    case = loads("claimcheck: 1\nextra:\n  a: " + "[" * 98 + "]" * 98 + "\n")
    depth, node = 0, case.extra["a"]
    while node:
        depth, node = depth + 1, node[0]
    assert 97 == depth


def test_integer_beyond_python_conversion_limit() -> None:
    """A number with thousands of digits is read exactly, not a crash."""
    digits = "9" * 5000
    yaml_case = loads(f"claimcheck: 1\nextra: {{a: {digits}}}\n")
    json_case = loads(f'{{"claimcheck": 1, "extra": {{"a": {digits}}}}}', format="json")
    assert (D(digits), D(digits)) == (yaml_case.extra["a"], json_case.extra["a"])


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("2011-13-01", "date '2011-13-01' is not a day of the calendar"),
        ("2011-02-30", "date '2011-02-30' is not a day of the calendar"),
        ("17 Dec 2011", "date '17 Dec 2011' is not YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2011-1-1", "date '2011-1-1' is not YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2011.12", "date must be a date YYYY, YYYY-MM or YYYY-MM-DD, got 2011.12"),
    ],
)
def test_bad_date(date: str, expected: str) -> None:
    """A date that is not ISO 8601 YYYY, YYYY-MM or YYYY-MM-DD is refused."""
    assert [f"case.yaml:3: case: {expected}"] == problems(f"claimcheck: 1\ncase:\n  date: {date}\n")


def test_bad_ids() -> None:
    """Ids must match [A-Za-z0-9][A-Za-z0-9._-]*."""
    rule = "is not a valid id (letters, digits, '.', '_' and '-', starting with a letter or digit)"
    assert [
        f"case.yaml:3: source #1: id '-a' {rule}",
        f"case.yaml:4: source #2: id 'a b' {rule}",
        f"case.yaml:5: source 'c': part_of 'x/y' {rule}",
        f"case.yaml:6: case: id true {rule}",
    ] == problems(
        doc(
            """\
            claimcheck: 1
            sources:
              - {id: -a, kind: ngo}
              - {id: a b, kind: ngo}
              - {id: c, kind: ngo, part_of: x/y}
            case: {id: true}
            """
        )
    )


def test_wrong_types() -> None:
    """Values of the wrong type are named with what was expected."""
    assert [
        "case.yaml:3: source 'a': name must be text, got true; put it in quotes",
        "case.yaml:4: source 'b': kind a list is not one of government, opposition, ngo, "
        "intergovernmental, media, witness, court, academic, encyclopedia, other; "
        "did you mean 'ngo'?",
        "case.yaml:6: proposition 'p': integer must be true or false, got 'yes'",
        "case.yaml:7: proposition 'q': kind a list is not quantity, category, sequence or "
        "assertion; did you mean 'quantity'?",
        "case.yaml:9: claim 'c1': quote must be text, got 12; put it in quotes",
        "case.yaml:9: claim 'c1': via must be a list of ids, got a mapping",
        "case.yaml:9: claim 'c1': retracted must be true or false, got 'no'",
        "case.yaml:10: case must be a mapping of keys to values, got a list",
    ] == problems(
        doc(
            """\
            claimcheck: 1
            sources:
              - {id: a, kind: ngo, name: true}
              - {id: b, kind: [ngo]}
            propositions:
              - {id: p, kind: quantity, text: T, unit: people, integer: yes}
              - {id: q, kind: [quantity], text: T}
            claims:
              - {id: c1, source: a, proposition: p, value: 3, quote: 12, via: {a: b}, retracted: 'no'}
            case: [a]
            """
        )
    )


def test_list_that_is_not_a_list() -> None:
    """The keys sources, propositions and claims hold lists."""
    assert [
        "case.yaml:2: sources must be a list, got a mapping",
        "case.yaml:3: claims must be a list, got 'none'",
    ] == problems("claimcheck: 1\nsources: {a: 1}\nclaims: none\n")


def test_item_that_is_not_a_mapping() -> None:
    """Each source, proposition and claim is a mapping."""
    assert [
        "case.yaml:2: source #1 must be a mapping of keys to values, got 'amnesty'",
        "case.yaml:3: proposition #1 must be a mapping of keys to values, got 3",
        "case.yaml:4: claim #1 must be a mapping of keys to values, got nothing (null)",
    ] == problems("claimcheck: 1\nsources: [amnesty]\npropositions: [3]\nclaims: [null]\n")


def test_missing_required_keys() -> None:
    """Each missing required key is named."""
    assert [
        "case.yaml:3: source 'amnesty': missing required key 'kind'",
        "case.yaml:5: proposition 'p': missing required key 'unit'",
        "case.yaml:6: proposition 'q': missing required key 'kind' (quantity, category, "
        "sequence or assertion)",
        "case.yaml:8: claim #1: missing required key 'source'",
    ] == problems(
        doc(
            """\
            claimcheck: 1
            sources:
              - {id: amnesty}
            propositions:
              - {id: p, kind: quantity, text: T}
              - {id: q, text: T}
            claims:
              - {proposition: p, value: 3}
            """
        )
    )


def test_bad_proposition_kind_suggests_the_closest() -> None:
    """A misspelt proposition kind is named with the closest kind."""
    assert [
        "case.yaml:2: proposition 'p': kind 'quantitty' is not quantity, category, sequence or "
        "assertion; did you mean 'quantity'?"
    ] == problems("claimcheck: 1\npropositions: [{id: p, kind: quantitty, text: T}]\n")


def test_bad_category_and_sequence_declarations() -> None:
    """Malformed values and events of a proposition are refused."""
    assert [
        "case.yaml:3: proposition 'c': category value 'b' is declared twice",
        "case.yaml:4: proposition 'e': a category proposition needs at least one value",
        "case.yaml:5: proposition 's': a sequence proposition needs a mapping of events",
    ] == problems(
        doc(
            """\
            claimcheck: 1
            propositions:
              - {id: c, kind: category, text: T, values: {a: [b, c], d: [b]}}
              - {id: e, kind: category, text: T, values: []}
              - {id: s, kind: sequence, text: T, events: [a, b]}
            """
        )
    )


def test_bad_lexicon() -> None:
    """Lexicon words need [low, high] ranges and approx a tolerance below 1."""
    assert [
        "case.yaml:3: lexicon: 'a handful' must be [low, high] with 0 <= low <= high, got [6, 2.5]",
        "case.yaml:4: lexicon: approx must be a number from 0 up to (not including) 1, got 2",
        "case.yaml:5: lexicon: 'some' must be [low, high] with 0 <= low <= high, got 'x'",
        "case.yaml:6: lexicon: 'odd' must be [low, high] with 0 <= low <= high, got [NaN, 1]",
    ] == problems(
        doc(
            """\
            claimcheck: 1
            lexicon:
              a handful: [6, 2.5]
              approx: 2
              some: x
              odd: [.nan, 1]
            """
        )
    )


def test_extra_must_be_a_mapping() -> None:
    """An extra holds keys and values; null counts as empty."""
    assert [
        "case.yaml:2: extra must be a mapping of keys to values, got a list",
        "case.yaml:3: source 'a': extra must be a mapping of keys to values, got 5",
    ] == problems("claimcheck: 1\nextra: [1]\nsources: [{id: a, kind: ngo, extra: 5}]\n")
    assert {} == loads("claimcheck: 1\nextra:\n").extra


def test_collection_used_as_a_key() -> None:
    """A YAML key that is a list or mapping is refused at its line."""
    assert ["case.yaml:4: a key must be a plain value, not a list or mapping"] == problems(
        "claimcheck: 1\nextra:\n  b: 1\n  ? [a]\n  : 1\n"
    )


def test_references_to_broken_objects_are_not_reported_again() -> None:
    """A claim naming a source that failed to build gets no second message."""
    assert [
        "case.yaml:2: source 'a': kind 'ngx' is not one of government, opposition, ngo, "
        "intergovernmental, media, witness, court, academic, encyclopedia, other; "
        "did you mean 'ngo'?",
        "case.yaml:3: proposition 'p': missing required key 'unit'",
    ] == problems(
        doc(
            """\
            claimcheck: 1
            sources: [{id: a, kind: ngx}]
            propositions: [{id: p, kind: quantity, text: T}]
            claims: [{source: a, proposition: p, value: 3}]
            """
        )
    )


def test_unknown_file_suffix(tmp_path: Path) -> None:
    """`load` refuses a file that is not .yaml, .yml or .json."""
    path = tmp_path / "case.txt"
    path.write_text("claimcheck: 1\n", encoding="utf-8")
    with pytest.raises(InvalidCaseError) as caught:
        load(path)
    assert [f"{path}: unknown file type; a case file ends in .yaml, .yml or .json"] == [
        str(p) for p in caught.value.problems
    ]


def test_missing_file(tmp_path: Path) -> None:
    """A file that does not exist is a problem, not an OSError."""
    path = tmp_path / "nowhere.yaml"
    with pytest.raises(InvalidCaseError) as caught:
        load(path)
    assert [f"{path}: cannot read the file: No such file or directory"] == [
        str(p) for p in caught.value.problems
    ]


def test_every_problem_is_reported_in_line_order() -> None:
    """Problems found in different passes still come out sorted by line."""
    text = doc(
        """\
        claimcheck: 2
        sources:
          - {id: a, kind: ngoo}
          - {id: b, kind: ngo, part_of: zz}
        propositions:
          - {id: p, kind: quantity, text: T, unit: people}
        claims:
          - {source: a, proposition: p, value: lots}
          - {source: q, proposition: p, value: 3}
        bogus: 1
        """
    )
    with pytest.raises(InvalidCaseError) as caught:
        loads(text, name="case.yaml")
    expected = [
        "case.yaml:1: format version 2 is not supported; this claimcheck reads 'claimcheck: 1'",
        "case.yaml:3: source 'a': kind 'ngoo' is not one of government, opposition, ngo, "
        "intergovernmental, media, witness, court, academic, encyclopedia, other; "
        "did you mean 'ngo'?",
        "case.yaml:4: source 'b': unknown source 'zz'",
        "case.yaml:8: claim 'a.p.1': value: cannot read 'lots' as a quantity",
        "case.yaml:9: claim 'q.p.1': unknown source 'q'",
        "case.yaml:10: unknown top-level key 'bogus'",
    ]
    assert expected == [str(p) for p in caught.value.problems]
    assert "\n".join(expected) == str(caught.value)


def test_loading_and_reconciling_leave_the_garbage_collector_as_they_found_it() -> None:
    # Both pause the cyclic collector while they build; neither may leave it off.
    import gc

    from claimcheck import reconcile

    assert gc.isenabled()
    case = loads("claimcheck: 1")
    reconcile(case)
    assert gc.isenabled()
    with pytest.raises(InvalidCaseError):
        loads("claimcheck: 1\nnonsense: 1")
    assert gc.isenabled()
    gc.disable()
    try:
        loads("claimcheck: 1")
        assert not gc.isenabled()  # paused before: still paused after
    finally:
        gc.enable()


# -- the quick path for plainly valid claims ----------------------------------------


def _outcome(text: str, fmt: str, *, quick: bool) -> Case | list[str]:
    """The case a text loads as, or the lines of its problems."""
    try:
        return loader._loads(text, fmt, f"case.{fmt}", quick=quick)
    except InvalidCaseError as exc:
        return [str(p) for p in exc.problems]


@given(
    st.one_of(
        strategies.case_texts().map(lambda t: (t.text, t.format)),
        strategies.invalid_case_texts().map(lambda t: (t.text, t.format)),
        st.tuples(strategies.mutated_case_texts(), st.sampled_from(strategies.FORMATS)),
    )
)
def test_quick_and_general_claims_agree(text_and_format: tuple[str, str]) -> None:
    """Reading claims the quick way gives the case, or the problems, the general way gives."""
    text, fmt = text_and_format
    assert _outcome(text, fmt, quick=False) == _outcome(text, fmt, quick=True)


_PLAIN = {"source": "gov", "proposition": "deaths", "value": 11}

# Claims the quick path must hand to the general path, or read exactly as it does.
_ODD_CLAIMS: list[Any] = [
    {**_PLAIN, "id": 5},
    {**_PLAIN, "id": "a b"},
    {**_PLAIN, "id": "gov.deaths.1"},
    {**_PLAIN, "id": "c1", "cites": ["c1"]},
    {**_PLAIN, "id": "c1"},
    {**_PLAIN, "date": 2011},
    {**_PLAIN, "date": "2011-13"},
    {**_PLAIN, "date": None},
    {**_PLAIN, "via": "amnesty"},
    {**_PLAIN, "via": []},
    {**_PLAIN, "via": ["nobody"]},
    {**_PLAIN, "via": [1]},
    {**_PLAIN, "cites": ["nothing"]},
    {**_PLAIN, "quote": 5},
    {**_PLAIN, "retracted": 1},
    {**_PLAIN, "extra": None},
    {**_PLAIN, "extra": {}},
    {**_PLAIN, "extra": []},
    {**_PLAIN, "extra": {"n": [1, {"m": "x"}]}},
    {**_PLAIN, "unknown": 1},
    {**_PLAIN, "value": None},
    {**_PLAIN, "value": "lots"},
    {**_PLAIN, "value": 11.5},
    {**_PLAIN, "value": [11]},
    {**_PLAIN, "value": {"min": 10, "max": 20}},
    {**_PLAIN, "value": {"max": 20, "min": 10}},
    {**_PLAIN, "value": {"min": 10.0, "max": 20}},
    {**_PLAIN, "value": {"min": True, "max": 20}},
    {**_PLAIN, "source": "nobody"},
    {**_PLAIN, "source": 7},
    {**_PLAIN, "proposition": "nothing"},
    {**_PLAIN, "proposition": "who", "value": {"any_of": ["police", "strikers"]}},
    {**_PLAIN, "proposition": "who", "value": {"not": "police"}},
    {**_PLAIN, "proposition": "who", "value": "nobody"},
    {**_PLAIN, "proposition": "order", "value": [["a", "b"], ["b", "c"]]},
    {**_PLAIN, "proposition": "order", "value": ["b", "a", "b"]},
    {"source": "gov", "proposition": "deaths"},
    "a claim",
]


# HEAD as data, for claims that YAML could not write alike.
_HEAD_DATA: dict[str, Any] = {
    "claimcheck": 1,
    "sources": [{"id": "amnesty", "kind": "ngo"}, {"id": "gov", "kind": "government"}],
    "propositions": [
        {"id": "deaths", "kind": "quantity", "text": "People killed", "unit": "people"},
        {
            "id": "who",
            "kind": "category",
            "text": "Who fired",
            "values": {"police": None, "protesters": ["strikers", "provocateurs"]},
        },
        {
            "id": "order",
            "kind": "sequence",
            "text": "What came first",
            "events": {"a": "A", "b": "B", "c": "C"},
        },
    ],
}


@pytest.mark.parametrize("odd", _ODD_CLAIMS)
@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_quick_and_general_claims_agree_on_odd_claims(odd: Any, fmt: str) -> None:
    """An odd claim among plain ones loads the same either way."""
    for claims in ([_PLAIN, odd, _PLAIN], [odd, {**_PLAIN, "id": "c1"}, odd]):
        text = json.dumps({**_HEAD_DATA, "claims": claims})
        assert _outcome(text, fmt, quick=False) == _outcome(text, fmt, quick=True)


def test_plain_claims_are_read_the_quick_way(monkeypatch: pytest.MonkeyPatch) -> None:
    """A generated case's claims are all made by the quick path (it does not give up)."""
    made: list[Claim] = []
    unchecked = model._unchecked_claim

    def spy(*fields: Any) -> Claim:
        made.append(unchecked(*fields))
        return made[-1]

    text = generate_json(500, seed=3)
    monkeypatch.setattr(model, "_unchecked_claim", spy)
    case = loads(text, format="json")
    assert (500, list(case.claims)) == (len(made), made)


def _nested(depth: int) -> Any:
    """Lists nested ``depth`` deep around a number."""
    value: Any = 1
    for _ in range(depth):
        value = [value]
    return value


@pytest.mark.parametrize("depth", [MAX_DEPTH - 3, MAX_DEPTH - 2])
@pytest.mark.parametrize("where", ["value", "extra", "source", "top"])
def test_json_nested_too_deep_anywhere_is_refused_alone(where: str, depth: int) -> None:
    """JSON nested past the limit, in a claim or elsewhere, is refused with that problem only."""
    claim: dict[str, Any] = {**_PLAIN, "source": "nobody"}
    data = {**_HEAD_DATA, "claims": [_PLAIN, claim]}
    if where == "value":
        claim["value"] = _nested(depth)
    elif where == "extra":
        claim["extra"] = {"deep": _nested(depth - 1)}
    elif where == "source":
        data["sources"] = [
            *data["sources"],
            {"id": "x", "kind": "ngo", "extra": {"a": _nested(depth - 1)}},
        ]
    else:
        data["extra"] = {"a": {"b": {"c": _nested(depth - 1)}}}
    text = json.dumps(data)
    found = _outcome(text, "json", quick=True)
    assert _outcome(text, "json", quick=False) == found
    too_deep = ["case.json:1: the document is nested too deeply (more than 100 levels)"]
    assert (depth > MAX_DEPTH - 3) == (too_deep == found)


_QUANTITY = {"id": "q", "kind": "quantity", "text": "Q", "unit": "people"}

# Propositions the quick path must hand to the general path, or read exactly as it does.
_ODD_PROPOSITIONS: list[Any] = [
    {**_QUANTITY, "integer": False, "part_of": "deaths", "extra": {"n": [1]}},
    {**_QUANTITY, "extra": {}},
    {**_QUANTITY, "id": 7},
    {**_QUANTITY, "id": "a b"},
    {**_QUANTITY, "text": ""},
    {**_QUANTITY, "text": 5},
    {**_QUANTITY, "unit": " "},
    {**_QUANTITY, "unit": None},
    {**_QUANTITY, "integer": 1},
    {**_QUANTITY, "part_of": "q"},
    {**_QUANTITY, "part_of": "nothing"},
    {**_QUANTITY, "values": ["a"]},
    {**_QUANTITY, "extra": []},
    {**_QUANTITY, "extra": None},
    {**_QUANTITY, "other": 1},
    {"id": "q", "kind": "quantity", "text": "Q"},
    {"id": "q", "text": "Q"},
    {**_QUANTITY, "kind": "quantities"},
    {**_QUANTITY, "kind": ["quantity"]},
    {"id": "c", "kind": "category", "text": "C", "values": ["a", {"b": ["c"]}]},
    {"id": "c", "kind": "category", "text": "C", "values": ["a", "a"]},
    {"id": "c", "kind": "category", "text": "C", "values": []},
    {"id": "c", "kind": "category", "text": "C", "values": {"a": [1.5]}},
    {"id": "s", "kind": "sequence", "text": "S", "events": {"e": "E", "f": "F"}},
    {"id": "s", "kind": "sequence", "text": "S", "events": {"e": 1}},
    {"id": "s", "kind": "sequence", "text": "S", "events": []},
    {"id": "t", "kind": "assertion", "text": "T", "unit": "people"},
    {"id": "deaths", "kind": "assertion", "text": "T"},
    "a proposition",
]


@pytest.mark.parametrize("odd", _ODD_PROPOSITIONS)
@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_quick_and_general_propositions_agree_on_odd_ones(odd: Any, fmt: str) -> None:
    """An odd proposition among plain ones loads the same either way."""
    data = {**_HEAD_DATA, "propositions": [*_HEAD_DATA["propositions"], odd], "claims": [_PLAIN]}
    text = json.dumps(data)
    assert _outcome(text, fmt, quick=False) == _outcome(text, fmt, quick=True)


# Propositions that read values alike (see loader._part), and some that do not.
_KIN: list[dict[str, Any]] = [
    {"id": "who1", "kind": "category", "text": "W", "values": {"p": None, "s": ["x", "y"]}},
    {"id": "who2", "kind": "category", "text": "W", "values": {"s": ["x", "y"], "p": None}},
    {"id": "who3", "kind": "category", "text": "W", "values": ["p", "x"]},
    {"id": "seq1", "kind": "sequence", "text": "S", "events": {"a": "A", "b": "B", "c": "C"}},
    {"id": "seq2", "kind": "sequence", "text": "S", "events": {"c": "C", "b": "B", "a": "A"}},
    {"id": "seq3", "kind": "sequence", "text": "S", "events": {"a": "A", "b": "B"}},
    {"id": "yes1", "kind": "assertion", "text": "Y"},
    {"id": "yes2", "kind": "assertion", "text": "Y"},
    {"id": "n1", "kind": "quantity", "text": "N", "unit": "people"},
    {"id": "n2", "kind": "quantity", "text": "N", "unit": "cars"},
    {"id": "n3", "kind": "quantity", "text": "N", "unit": "people", "integer": False},
]
_KIN_VALUES: list[tuple[str, Any]] = [
    ("who1", "s"),
    ("who2", "s"),
    ("who3", "x"),
    ("who1", {"not": "p"}),
    ("who2", {"not": "p"}),
    ("who3", {"not": "p"}),
    ("seq1", ["a", "c"]),
    ("seq2", ["a", "c"]),
    ("seq3", ["a", "b"]),
    ("yes1", True),
    ("yes2", True),
    ("n1", "about 10"),
    ("n2", "about 10"),
    ("n3", "about 10"),
    ("n1", "about 10 people"),
]


@pytest.mark.parametrize("quick", [True, False])
def test_propositions_that_read_alike_share_their_values(quick: bool) -> None:
    """Equal values read for propositions that read alike are one object, and are equal to each other's."""
    claims = [{"source": "gov", "proposition": p, "value": v} for p, v in _KIN_VALUES]
    text = json.dumps({**_HEAD_DATA, "propositions": _KIN, "claims": claims})
    values = [c.value for c in loader._loads(text, "json", "case.json", quick=quick).claims]
    # Each value as the first of the values that is the same object.  The
    # quantities are read from the one text 'about 10', for whole things or not.
    first = [next(i for i, other in enumerate(values) if other is value) for value in values]
    assert [0, 0, 2, 3, 3, 5, 6, 6, 8, 9, 9, 11, 11, 13, 11] == first
    assert values[11] == values[13]


@pytest.mark.parametrize(
    ("proposition", "value", "expected"),
    [
        ("seq3", ["a", "c"], "undeclared event 'c' in proposition 'seq3'"),
        ("who3", "s", "'s' is not a value of proposition 'who3'"),
        ("who3", {"not": ["p", "x"]}, "'not' excludes every value, so nothing is left"),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "yaml"])
def test_a_value_read_for_one_proposition_is_checked_for_each(
    proposition: str, value: Any, expected: str, fmt: str
) -> None:
    """A value read well for one proposition is still refused, by name, for one that reads apart."""
    claims = [{"source": "gov", "proposition": p, "value": v} for p, v in _KIN_VALUES]
    claims.append({"source": "gov", "proposition": proposition, "value": value})
    text = json.dumps({**_HEAD_DATA, "propositions": _KIN, "claims": claims})
    found = _outcome(text, fmt, quick=True)
    assert _outcome(text, fmt, quick=False) == found
    n = 1 + sum(p == proposition for p, _ in _KIN_VALUES)
    assert [f"case.{fmt}:1: claim 'gov.{proposition}.{n}': value: {expected}"] == found


@pytest.mark.parametrize("quick", [True, False])
def test_each_claim_keeps_its_value_exactly_as_written(quick: bool) -> None:
    """Values that read alike but are written apart (1.0, 1.00) keep each its own writing."""
    head = {
        **_HEAD_DATA,
        "propositions": [
            {"id": "km", "kind": "quantity", "text": "K", "unit": "km", "integer": False}
        ],
    }
    written = ["1.0", "1.00", "1.0", '{"min": 1.0}', '{"min": 1.00}']
    claims = ", ".join(f'{{"source": "gov", "proposition": "km", "value": {w}}}' for w in written)
    text = json.dumps(head)[:-1] + f', "claims": [{claims}]}}'
    case = loader._loads(text, "json", "case.json", quick=quick)
    assert ["1.0", "1.00", "1.0", "{'min': Decimal('1.0')}", "{'min': Decimal('1.00')}"] == [
        str(c.written) if isinstance(c.written, Decimal) else repr(dict(c.written))
        for c in case.claims
    ]
