"""Tests of claimcheck._documents: YAML and JSON text into located plain data."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claimcheck import InvalidCaseError, loads
from claimcheck._documents import (
    MAX_DEPTH,
    DocumentError,
    Locator,
    is_too_deep,
    read_json,
    read_yaml,
    resolve_plain,
)
from claimcheck._frozen import FrozenDict

D = Decimal


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("~", None),
        ("null", None),
        ("Null", None),
        ("NULL", None),
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("FALSE", False),
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("0", 0),
        ("-12", -12),
        ("+12", 12),
        ("007", 7),
        ("0o17", 15),
        ("0x1F", 31),
        ("0b101", "0b101"),
        ("1_000", "1_000"),
        ("1:20", "1:20"),
        ("0.1", D("0.1")),
        (".5", D("0.5")),
        ("-.5", D("-0.5")),
        ("1.", D("1")),
        ("1e3", D("1E+3")),
        ("1.5E-2", D("0.015")),
        ("2011-12-16", "2011-12-16"),
        ("1,000", "1,000"),
        ("about 450", "about 450"),
    ],
)
def test_resolve_plain_follows_the_yaml_12_core_schema(text: str, expected: object) -> None:
    """Plain scalars resolve as the YAML 1.2 core schema says, fractions as Decimal."""
    actual = resolve_plain(text)
    assert (expected, type(expected)) == (actual, type(actual))


@pytest.mark.parametrize(
    ("text", "expected"),
    [(".inf", "Infinity"), ("+.Inf", "Infinity"), ("-.INF", "-Infinity"), (".nan", "NaN")],
)
def test_resolve_plain_non_finite(text: str, expected: str) -> None:
    """Infinities and NaN become non-finite Decimals for the loader to refuse."""
    assert str(D(expected)) == str(resolve_plain(text))


def test_read_yaml_records_lines() -> None:
    """Each mapping key and list item knows its line."""
    data, locator, problems = read_yaml("a: 1\nb:\n  - x\n  - y: 2\n    z: 3\n")
    assert {"a": 1, "b": ["x", {"y": 2, "z": 3}]} == data
    assert [] == problems
    assert [1, 2, 3, 4, 5, 4, 1] == [
        locator.line(("a",)),
        locator.line(("b",)),
        locator.line(("b", 0)),
        locator.line(("b", 1)),
        locator.line(("b", 1, "z")),
        locator.line(("b", 1, "nowhere")),
        locator.line(()),
    ]


def test_read_yaml_empty_document() -> None:
    """An empty document reads as nothing, with no lines."""
    data, locator, problems = read_yaml("# nothing\n")
    assert (None, None, []) == (data, locator.line(("a",)), problems)


def test_read_yaml_quoted_scalars_stay_text() -> None:
    """Quoted scalars and the !!str tag are text, however they look."""
    data, _, problems = read_yaml("a: '12'\nb: \"true\"\nc: !!str 0.5\n")
    assert ({"a": "12", "b": "true", "c": "0.5"}, []) == (data, problems)


def test_read_yaml_explicit_core_tags() -> None:
    """!!int, !!float, !!bool and !!null are honoured when the text fits them."""
    data, _, problems = read_yaml("a: !!float 1\nb: !!int 7\nc: !!bool true\nd: !!null ''\n")
    assert ({"a": D(1), "b": 7, "c": True, "d": None}, []) == (data, problems)
    assert isinstance(data["a"], Decimal)


def test_read_yaml_reports_tags_it_does_not_allow() -> None:
    """Tags that do not fit, or name other types, are reported by path."""
    _, locator, problems = read_yaml(
        "a: !!int 1.5\nb: !!binary aGk=\nc: !!set {x}\nd: !!python/name:os.system ''\n"
    )
    assert [
        (("a",), "tag 'tag:yaml.org,2002:int' is not allowed here (value '1.5')"),
        (("b",), "tag 'tag:yaml.org,2002:binary' is not allowed here (value 'aGk=')"),
        (("c",), "tag 'tag:yaml.org,2002:set' is not allowed in a case file"),
        (("d",), "tag 'tag:yaml.org,2002:python/name:os.system' is not allowed here (value '')"),
    ] == problems
    assert [1, 2, 3, 4] == [locator.line(path) for path, _ in problems]


@pytest.mark.parametrize(
    ("text", "first", "second"),
    [
        ("1: a\ntrue: b\n", "1", "true"),
        ("1.0: a\n1: b\n", "1.0", "1"),
        ("false: a\n0: b\n", "false", "0"),
        ("100: a\n1e2: b\n", "100", "1e2"),
        ("0x10: a\n16: b\n", "0x10", "16"),
        ("null: a\n~: b\n", "null", "~"),
    ],
)
def test_read_yaml_says_when_keys_are_equal_values_of_different_types(
    text: str, first: str, second: str
) -> None:
    """YAML keys 1, 1.0 and true differ as written but are one key: the message says so, as written."""
    data, locator, problems = read_yaml(text)
    assert 1 == len(data)
    ((path, message),) = problems
    assert (
        2,
        f"keys {first} (line 1) and {second} are one key to claimcheck, which reads them as "
        f"the same value: put them in quotes ('{first}', '{second}') to keep both, as text",
    ) == (locator.line(path), message)


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: 2\na: 3\nb: 4\na: 5\n",
        '{"a": 1,\n"b": 2,\n"a": 3,\n"b": 4,\n"a": 5}',
    ],
)
def test_each_repeat_of_a_key_is_reported_at_its_own_line(text: str) -> None:
    """A key given three times is reported twice, each repeat at its line, in YAML and JSON."""
    read = read_json if text.startswith("{") else read_yaml
    _, locator, problems = read(text)
    assert [
        (3, "key 'a' is given twice in one object (first on line 1)"),
        (4, "key 'b' is given twice in one object (first on line 2)"),
        (5, "key 'a' is given twice in one object (first on line 1)"),
    ] == [(locator.line(path), message) for path, message in problems]


def test_read_yaml_reports_each_of_three_equal_keys_at_its_line() -> None:
    """1, true and 1.0 on three lines: two problems, at lines 2 and 3, each naming its key."""
    _, locator, problems = read_yaml("1: a\ntrue: b\n1.0: c\n")
    assert [(2, "true"), (3, "1.0")] == [
        (locator.line(path), message.split(" are one key")[0].split(" and ")[1])
        for path, message in problems
    ]


def test_read_yaml_keeps_quoted_keys_apart_from_numbers() -> None:
    """Quoted, such keys are text, distinct from each other and from numbers."""
    data, _, problems = read_yaml("1: a\n'1': b\n'true': c\n")
    assert ({1: "a", "1": "b", "true": "c"}, []) == (data, problems)


def test_read_yaml_reports_duplicate_keys_at_the_repeat() -> None:
    """A repeated key keeps its first value and is reported at its second line."""
    data, locator, problems = read_yaml("a: 1\nb: 2\na: 3\n")
    assert {"a": 1, "b": 2} == data
    ((path, message),) = problems
    assert (3, "key 'a' is given twice in one object (first on line 1)") == (
        locator.line(path),
        message,
    )


def test_read_yaml_syntax_error() -> None:
    """Broken YAML raises DocumentError with the line of the problem."""
    with pytest.raises(DocumentError) as caught:
        read_yaml("a: 1\n  b: 2\n")
    assert [(2, "not valid YAML: mapping values are not allowed here")] == caught.value.problems


def test_read_yaml_tab_indentation() -> None:
    """A tab where YAML wants spaces is a syntax error at its line."""
    with pytest.raises(DocumentError) as caught:
        read_yaml("a:\n\t- b\n")
    assert [(2, "not valid YAML: found character '\\t' that cannot start any token")] == (
        caught.value.problems
    )


def test_read_yaml_merge_key_is_an_ordinary_key() -> None:
    """YAML 1.2 has no merge key: << is read as a plain key."""
    data, _, problems = read_yaml("a: &x {k: 1}\nb:\n  <<: *x\n")
    assert ({"a": {"k": 1}, "b": {"<<": {"k": 1}}}, []) == (data, problems)


def test_read_yaml_alias_budget() -> None:
    """Aliases may repeat data, but not expand far beyond the size of the file."""
    data, _, _ = read_yaml("a: &x [1, 2]\nb: [*x, *x, *x]\n")
    assert {"a": [1, 2], "b": [[1, 2], [1, 2], [1, 2]]} == data
    text = "a: &a [" + ", ".join(["x"] * 50) + "]\n"
    for name, prev in zip("bcdef", "abcde", strict=True):
        text += f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 50) + "]\n"
    with pytest.raises(DocumentError) as caught:
        read_yaml(text)
    assert [(1, "aliases expand to far more data than the file holds")] == caught.value.problems


def test_read_json_numbers() -> None:
    """JSON fractions and exponents are exact Decimals; integers stay ints."""
    data, _, problems = read_json('{"a": 0.1, "b": 1e3, "c": 10, "d": -0.0}')
    assert ({"a": D("0.1"), "b": D("1E+3"), "c": 10, "d": D("-0.0")}, []) == (data, problems)
    assert isinstance(data["c"], int)


def test_read_json_locates_lines_only_when_asked() -> None:
    """The JSON locator finds the line of any path."""
    _, locator, problems = read_json('{\n "a": [\n  1,\n  {"b": 2}\n ],\n "c": "x"\n}')
    assert [] == problems
    assert [1, 2, 3, 4, 4, 6] == [
        locator.line(()),
        locator.line(("a",)),
        locator.line(("a", 0)),
        locator.line(("a", 1)),
        locator.line(("a", 1, "b")),
        locator.line(("c",)),
    ]


def test_read_json_reports_duplicate_keys() -> None:
    """A key repeated in a JSON object is reported at the repeat, first value kept."""
    data, locator, problems = read_json('{"a": 1,\n "b": {"x": 1,\n  "x": 2},\n "a": 3}')
    assert {"a": 3, "b": {"x": 2}} == data  # what json itself keeps; the case is refused anyway
    assert [
        (3, "key 'x' is given twice in one object (first on line 2)"),
        (4, "key 'a' is given twice in one object (first on line 1)"),
    ] == [(locator.line(path), message) for path, message in problems]


def test_read_json_syntax_error() -> None:
    """Broken JSON raises DocumentError with its line and column."""
    with pytest.raises(DocumentError) as caught:
        read_json('{"a": 1,\n "b" 2}')
    assert [(2, "not valid JSON: Expecting ':' delimiter (column 6)")] == caught.value.problems


def test_read_json_non_finite_constants_become_decimals() -> None:
    """NaN and Infinity are read as non-finite Decimals for the loader to refuse."""
    data, _, _ = read_json('{"a": NaN, "b": Infinity, "c": -Infinity}')
    assert ["NaN", "Infinity", "-Infinity"] == [str(v) for v in data.values()]


def test_depth_limit_is_the_same_for_yaml_and_json() -> None:
    """Both readers accept MAX_DEPTH levels of nesting and refuse one more."""
    ok, too_deep = "[" * MAX_DEPTH + "]" * MAX_DEPTH, "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    assert (False, False) == (is_too_deep(read_yaml(ok)[0]), is_too_deep(read_json(ok)[0]))
    for reader in (read_yaml, read_json):
        with pytest.raises(DocumentError) as caught:
            reader(too_deep)
        assert "the document is nested too deeply (more than 100 levels)" == str(caught.value)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (1, False),
        ([], False),
        ([[]], False),
        ([[[]]], True),
        ({"a": {"b": 1}}, False),
        ({"a": {"b": {}}}, True),
        ((((),),), True),
    ],
)
def test_is_too_deep(data: Any, expected: bool) -> None:
    """`is_too_deep` counts nested lists and mappings against the limit."""
    assert expected == is_too_deep(data, limit=2)


def test_locator_without_data_knows_no_line() -> None:
    """A locator for a Python mapping has no lines."""
    assert None is Locator().line(("claims", 0))


def test_a_lone_surrogate_escape_in_json_is_reported_with_its_line() -> None:
    """JSON text may escape a lone surrogate, which no report could write: it is refused."""
    with pytest.raises(InvalidCaseError) as caught:
        loads('{"claimcheck": 1,\n "case": {"title": "a\\ud800b"}}', format="json", name="c.json")
    assert ["c.json:2: case: text holds a lone surrogate (U+D800), which is not a character"] == [
        str(p) for p in caught.value.problems
    ]


def test_a_lone_surrogate_escape_in_yaml_is_reported_with_its_line() -> None:
    """A double-quoted YAML string may escape a lone surrogate too: it is refused."""
    with pytest.raises(InvalidCaseError) as caught:
        loads('claimcheck: 1\ncase: {title: "x\\ud800"}\n', name="c.yaml")
    assert ["c.yaml:2: case: text holds a lone surrogate (U+D800), which is not a character"] == [
        str(p) for p in caught.value.problems
    ]


def test_a_control_character_yaml_forbids_is_reported_with_its_line() -> None:
    """PyYAML refuses some control characters as it reads: that is a problem, not a crash."""
    with pytest.raises(InvalidCaseError) as caught:
        loads("claimcheck: 1\n\x1f\n", name="c.yaml")
    assert ["c.yaml:2: not valid YAML: character U+001F is not allowed in YAML"] == [
        str(p) for p in caught.value.problems
    ]


def _depth(data: Any) -> int:
    """How many lists and mappings nest in ``data`` (the plain recursive way)."""
    if isinstance(data, str | int | Decimal | None):
        return 0
    if isinstance(data, Mapping):
        return 1 + max(map(_depth, data.values()), default=0)
    if isinstance(data, list | tuple):
        return 1 + max(map(_depth, data), default=0)
    return 0


_NESTED = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=2), st.just(D("1.5"))),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.text(max_size=2), inner, max_size=3),
        st.dictionaries(st.text(max_size=2), inner, max_size=3).map(FrozenDict),
    ),
    max_leaves=30,
)


@given(_NESTED, st.integers(0, 6))
def test_is_too_deep_counts_levels_as_a_recursive_walk_would(data: Any, limit: int) -> None:
    """`is_too_deep` answers whether more than ``limit`` levels nest, as counted recursively."""
    assert (_depth(data) > limit) == is_too_deep(data, limit=limit)


def test_a_number_no_decimal_holds_is_refused_whatever_the_decimal_context() -> None:
    """Where the caller's context does not trap InvalidOperation, Decimal gives NaN."""
    import decimal

    with decimal.localcontext() as context:
        context.traps[decimal.InvalidOperation] = False
        data, locator, problems = read_json("[\n1e999999999999999999999]")
    ((path, message),) = problems
    assert message.startswith("the number 1e999999999999999999999 is out of range")
    assert ((0,), 2) == (path, locator.line(path))  # its place and line
    assert ["1e999999999999999999999"] == data  # left as its text
