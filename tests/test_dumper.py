"""Tests of claimcheck.dumper: cases written back out load as the same case."""
# ruff: noqa: RUF001 -- Cyrillic text is test data

from __future__ import annotations

import os
import re
import stat
import textwrap
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from claimcheck import Case, dump, dumps, from_mapping, load, loads, to_mapping

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

D = Decimal

# Strings that would read back as something else if written unquoted in YAML.
LOOKALIKES = [
    "0o17",
    "0x1F",
    ".5",
    "-.5",
    "1e3",
    "+1",
    "007",
    "null",
    "Null",
    "~",
    "",
    "true",
    "False",
    "yes",
    "no",
    "on",
    "off",
    ".inf",
    "-.Inf",
    ".nan",
    "2011-12-16",
    "1:20",
    "1_000",
    "- a",
    "a: b",
    "#x",
    "@at",
    "`tick",
    "!bang",
    "&anchor",
    "*alias",
    "%percent",
    "|pipe",
    ">fold",
    "'single'",
    '"double"',
    "  leading",
    "trailing  ",
    "\ttab",
    "a\r\nb",
    "next\x85line",
    "line\u2028separator",
    "para\u2029separator",
    "\ufeffbom",
]


def round_trips(case: Case) -> tuple[bool, bool]:
    """Whether the case survives being written and read as YAML and as JSON."""
    return (
        case == loads(dumps(case)),
        case == loads(dumps(case, format="json"), format="json"),
    )


def tricky_case() -> Case:
    """A case holding every kind of value and text that is hard to write back."""
    return from_mapping(
        {
            "claimcheck": 1,
            "case": {
                "id": "tricky",
                "title": "0o17",
                "date": "2011",
                "extra": {f"s{i}": text for i, text in enumerate(LOOKALIKES)},
            },
            "lexicon": {
                "a handful": [2, 6],
                "a smidgen": [D("0.5"), D("1.5")],
                "approx": D("0.25"),
            },
            "sources": [
                {"id": "no", "kind": "ngo", "name": "yes", "bloc": "on"},
                {"id": "on", "kind": "media", "name": "Жанаозен", "part_of": "no", "url": "null"},
            ],
            "propositions": [
                {"id": "off", "kind": "quantity", "text": "null", "unit": "people"},
                {
                    "id": "part",
                    "kind": "quantity",
                    "text": "Some",
                    "unit": "people",
                    "part_of": "off",
                },
                {"id": "kg", "kind": "quantity", "text": "Weight", "unit": "kg", "integer": False},
                {
                    "id": "who",
                    "kind": "category",
                    "text": "Who",
                    "values": [{"true": ["yes", "no"]}, "null", {"1e3": None}],
                },
                {
                    "id": "seq",
                    "kind": "sequence",
                    "text": "Order",
                    "events": {"a": "1e3", "b": "~"},
                },
                {"id": "as", "kind": "assertion", "text": "Да", "extra": {"deep": {"x": [[[]]]}}},
            ],
            "claims": [
                {
                    "source": "no",
                    "proposition": "off",
                    "value": "About  450 People",
                    "quote": "Жанаозен:\nмного\nпогибших",
                },
                {
                    "source": "no",
                    "proposition": "off",
                    "value": {"low": 11, "best": 14, "high": 20},
                },
                {"source": "no", "proposition": "off", "value": "1,000"},
                {"source": "no", "proposition": "off", "value": "eighty-six"},
                {"source": "no", "proposition": "kg", "value": D("2.50")},
                {"source": "no", "proposition": "kg", "value": D("1E+3")},
                {
                    "id": "c-11",
                    "source": "no",
                    "proposition": "part",
                    "value": 11,
                    "date": "2011-12",
                },
                {
                    "source": "on",
                    "proposition": "off",
                    "value": 11,
                    "via": ["no"],
                    "cites": ["c-11"],
                    "retracted": True,
                    "url": "https://example.org/?q=1&r=2#x",
                },
                {"source": "on", "proposition": "who", "value": "true"},
                {"source": "on", "proposition": "who", "value": {"not": "null"}},
                {"source": "on", "proposition": "who", "value": {"any_of": ["yes", "1e3"]}},
                {"source": "on", "proposition": "seq", "value": [["a", "b"]]},
                {
                    "source": "on",
                    "proposition": "as",
                    "value": False,
                    "quote": "line one\n  indented\n\nlast",
                    "extra": {"0o17": [D("0.10"), None, True, {"n": 10**30}]},
                },
            ],
            "extra": {"top": [D("3.14159265358979323846264338327950288")]},
        }
    )


@pytest.mark.parametrize("name", ["starter.yaml", "zhanaozen-2011.yaml"])
def test_fixtures_round_trip(name: str) -> None:
    """Both fixtures load back equal from their YAML and their JSON."""
    assert (True, True) == round_trips(load(FIXTURES / name))


def test_tricky_case_round_trips() -> None:
    """Lookalike strings, Decimals, nested extra, phrases and unicode survive both formats."""
    assert (True, True) == round_trips(tricky_case())


@pytest.mark.parametrize("text", LOOKALIKES)
def test_lookalike_strings_stay_strings(text: str) -> None:
    """Each string that looks like another YAML type is written so it reads back as text."""
    case = from_mapping({"claimcheck": 1, "case": {"title": text, "extra": {text: text}}})
    back = loads(dumps(case))
    assert (text, {text: text}) == (back.info.title, dict(back.info.extra))


def test_phrases_are_written_exactly_as_given() -> None:
    """A claim's value is written as the file gave it, not as the parsed interval."""
    case = tricky_case()
    written = [c["value"] for c in to_mapping(case)["claims"][:6]]
    assert [
        "About  450 People",
        {"low": 11, "best": 14, "high": 20},
        "1,000",
        "eighty-six",
        D("2.50"),
        D("1E+3"),
    ] == written
    back = [c.written for c in loads(dumps(case)).claims[:6]]
    assert (written, ["2.50", "1E+3"]) == (back, [str(w) for w in back[4:]])


def test_decimals_are_written_digit_for_digit() -> None:
    """Decimal values are written exactly in YAML and JSON, never through floats."""
    case = tricky_case()
    pi = "3.14159265358979323846264338327950288"
    assert (
        [f"- {pi}"],
        [pi],
    ) == (
        [line.strip() for line in dumps(case).splitlines() if pi in line],
        [line.strip() for line in dumps(case, format="json").splitlines() if pi in line],
    )


def test_starter_is_written_canonically() -> None:
    """The canonical YAML of the starter case: fixed key order, defaults left out."""
    text = dumps(load(FIXTURES / "starter.yaml"))
    assert (
        textwrap.dedent(
            """\
            claimcheck: 1
            case:
              id: starter
              title: A protest in a small town
              date: 2024-05-01
            lexicon:
              a handful:
              - 2
              - 6
            sources:
            - id: ministry
              name: Ministry of the Interior
              kind: government
              bloc: state
            """
        )
        == text[: text.index("- id: police")]
    )
    assert (
        textwrap.dedent(
            """\
        - id: ministry.curfew-declared.1
          source: ministry
          proposition: curfew-declared
          value: true
          via:
          - wire
        """
        )
        == text[text.index("- id: ministry.curfew-declared.1") :]
    )


def test_empty_lists_and_defaults_are_left_out() -> None:
    """Empty via and cites, defaults and empty extra are left out of what is written."""
    case = loads(
        "claimcheck: 1\nsources: [{id: a, kind: ngo, extra: {}}]\n"
        "propositions: [{id: p, kind: quantity, text: T, unit: people, integer: true}]\n"
        "claims: [{source: a, proposition: p, value: 3, via: [], cites: [], retracted: false}]\n"
    )
    assert {
        "claimcheck": 1,
        "sources": [{"id": "a", "kind": "ngo"}],
        "propositions": [{"id": "p", "kind": "quantity", "text": "T", "unit": "people"}],
        "claims": [{"id": "a.p.1", "source": "a", "proposition": "p", "value": 3}],
    } == to_mapping(case)


def test_default_ids_are_written_out() -> None:
    """Every claim is written with its id, so ids stay stable when claims move."""
    claims = to_mapping(load(FIXTURES / "starter.yaml"))["claims"]
    assert "union.who-fired-first.1" == claims[4]["id"]


def test_multi_line_quote_is_a_literal_block() -> None:
    """A multi-line quote is written as a YAML literal block."""
    case = loads(
        "claimcheck: 1\nsources: [{id: a, kind: ngo}]\npropositions: [{id: p, kind: assertion, text: T}]\n"
        'claims: [{source: a, proposition: p, value: true, quote: "first\\nsecond"}]\n'
    )
    assert "  quote: |-\n    first\n    second\n" in dumps(case)


def test_dumps_refuses_an_unknown_format() -> None:
    """`dumps` writes yaml or json only."""
    with pytest.raises(ValueError, match=r"^format must be 'yaml' or 'json', not 'xml'$"):
        dumps(load(FIXTURES / "starter.yaml"), format="xml")


KEYED_EXTRA = (
    "claimcheck: 1\n"
    "case: {id: k}\n"
    "sources: [{id: a, kind: ngo}]\n"
    "propositions: [{id: p, kind: assertion, text: T}]\n"
    "claims: [{id: c, source: a, proposition: p, value: true}]\n"
)


def _with_extra(where: str, extra: str) -> str:
    """KEYED_EXTRA with ``extra`` given to one object: case, source, proposition, claim or file."""
    if where == "file":
        return f"{KEYED_EXTRA}extra: {extra}\n"
    anchor = {
        "case": "id: k",
        "source": "kind: ngo",
        "proposition": "text: T",
        "claim": "value: true",
    }
    return KEYED_EXTRA.replace(anchor[where], f"{anchor[where]}, extra: {extra}")


def test_extra_keys_that_are_not_text_round_trip_through_yaml() -> None:
    """YAML keys 1, true, null and 2.5 are written as they are, beside the text key '1'."""
    case = loads(_with_extra("source", "{1: a, '1': b, null: d, 2.5: e, n: [{true: f}]}"))
    text = dumps(case)
    assert (
        "  extra:\n    1: a\n    '1': b\n    null: d\n    2.5: e\n    n:\n    - true: f\n"
    ) in text
    back = loads(text).sources[0].extra
    # Case equality takes true for 1: compare the keys' types too.
    assert [int, str, type(None), Decimal, str] == [type(k) for k in back]
    assert [bool] == [type(k) for k in back["n"][0]]
    assert case == loads(text)


@pytest.mark.parametrize(
    ("where", "owner"),
    [
        ("case", "the case entry"),
        ("source", "source 'a'"),
        ("proposition", "proposition 'p'"),
        ("claim", "claim 'c'"),
        ("file", "the file's top level"),
    ],
)
@pytest.mark.parametrize(
    ("key", "shown"), [("1", "1"), ("true", "true"), ("null", "null"), ("2.5", "2.5")]
)
@pytest.mark.parametrize(
    ("extra", "under"),
    [
        ("{{{key}: v}}", "extra"),
        ("{{x: [0, {{{key}: deep}}]}}", "extra['x'][1]"),
        ('{{"a.b\\n": {{{key}: v}}}}', r"extra['a.b\n']"),  # a dot and a line break
    ],
)
def test_json_refuses_extra_keys_that_are_not_text(
    tmp_path: Path, where: str, owner: str, key: str, shown: str, extra: str, under: str
) -> None:
    """JSON keys are text: written as text, 1 would load back as another case ('1')."""
    case = loads(_with_extra(where, extra.format(key=key)))
    message = (
        f"cannot write the case as JSON: {owner} has the key {shown} under {under}, and JSON "
        f"keys are text; write the case as YAML, or make the key text ('{shown}')"
    )
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        dumps(case, format="json")
    with pytest.raises(ValueError, match=re.escape(message)):
        dump(case, tmp_path / "out.json")
    assert [] == list(tmp_path.iterdir())  # nothing written, not even a temporary file
    assert case == loads(dumps(case))  # YAML can write it


@pytest.mark.parametrize("suffix", [".yaml", ".yml", ".json"])
def test_dump_writes_a_file_that_loads_back(tmp_path: Path, suffix: str) -> None:
    """`dump` writes the format its suffix names, leaving no temporary file behind."""
    case = tricky_case()
    path = tmp_path / f"out{suffix}"
    dump(case, path)
    assert (case, ["out" + suffix]) == (load(path), sorted(os.listdir(tmp_path)))


def test_dump_replaces_an_existing_file_keeping_its_mode(tmp_path: Path) -> None:
    """Overwriting a case file keeps its permissions."""
    path = tmp_path / "case.yaml"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o640)
    dump(load(FIXTURES / "starter.yaml"), str(path))
    assert (0o640, ["case.yaml"]) == (path.stat().st_mode & 0o777, os.listdir(tmp_path))


def test_dump_creates_files_with_the_usual_permissions(tmp_path: Path) -> None:
    """A new case file is readable as the umask allows, not private to its owner."""
    umask = os.umask(0o022)
    try:
        dump(load(FIXTURES / "starter.yaml"), tmp_path / "case.yaml")
    finally:
        os.umask(umask)
    assert 0o644 == (tmp_path / "case.yaml").stat().st_mode & 0o777


def test_dump_refuses_an_unknown_suffix(tmp_path: Path) -> None:
    """`dump` writes nothing for a suffix other than .yaml, .yml or .json."""
    path = tmp_path / "case.txt"
    message = f"{path}: a case file ends in .yaml, .yml or .json"
    with pytest.raises(ValueError, match=re.escape(message)) as caught:
        dump(load(FIXTURES / "starter.yaml"), path)
    assert (message, []) == (
        str(caught.value),
        os.listdir(tmp_path),
    )


def test_failed_dump_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If writing fails midway, the old file stays whole and the temporary file is removed."""
    path = tmp_path / "case.yaml"
    path.write_text("old\n", encoding="utf-8")

    def broken_replace(*_args: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match=r"^disk full$"):
        dump(load(FIXTURES / "starter.yaml"), path)
    assert ("old\n", ["case.yaml"]) == (path.read_text(encoding="utf-8"), os.listdir(tmp_path))


def test_write_atomic_leaves_nothing_when_the_writer_fails(tmp_path: Path) -> None:
    from claimcheck.dumper import write_atomic

    target = tmp_path / "report.json"

    def half_then_fail(stream: Any) -> None:
        stream.write("{\n")
        raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError, match="disk on fire"):
        write_atomic(target, half_then_fail)
    assert list(tmp_path.iterdir()) == []
    write_atomic(target, lambda stream: stream.write("done\n"))
    assert target.read_text(encoding="utf-8") == "done\n"


def test_write_atomic_writes_through_a_link(tmp_path: Path) -> None:
    """A link stays a link: the file it names is what is replaced."""
    from claimcheck.dumper import write_atomic

    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "report.txt"
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "report.txt"
    link.symlink_to(target)
    write_atomic(link, "new\n")
    assert link.is_symlink()
    assert "new\n" == target.read_text(encoding="utf-8")
    assert ["report.txt"] == os.listdir(tmp_path / "out")
    # A link to a file not there yet makes that file.
    dangling = tmp_path / "later.txt"
    dangling.symlink_to(tmp_path / "out" / "later.txt")
    write_atomic(dangling, lambda stream: stream.write("made\n"))
    assert (dangling.is_symlink(), "made\n") == (
        True,
        (tmp_path / "out" / "later.txt").read_text(encoding="utf-8"),
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_write_atomic_writes_into_what_is_not_a_regular_file(tmp_path: Path) -> None:
    """A named pipe (or /dev/stdout) is written to, not replaced by a file."""
    import threading

    from claimcheck.dumper import write_atomic

    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    got: list[str] = []
    reader = threading.Thread(
        target=lambda: got.append(pipe.read_text(encoding="utf-8")), daemon=True
    )
    reader.start()
    write_atomic(pipe, "through the pipe\n")
    reader.join(timeout=30)
    assert ["through the pipe\n"] == got
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert ["pipe"] == os.listdir(tmp_path)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc/self/fd")
def test_write_atomic_appends_to_a_name_of_an_open_file(tmp_path: Path) -> None:
    """``-o /dev/stdout`` with standard output a file a shell opened (``>>``) adds to it."""
    from claimcheck.dumper import write_atomic

    log = tmp_path / "log.txt"
    log.write_text("before\n", encoding="utf-8")
    inode = log.stat().st_ino
    with log.open("a", encoding="utf-8") as opened:
        write_atomic(Path(f"/proc/self/fd/{opened.fileno()}"), "the report\n")
    assert ("before\nthe report\n", inode) == (log.read_text(encoding="utf-8"), log.stat().st_ino)
    assert ["log.txt"] == os.listdir(tmp_path)
