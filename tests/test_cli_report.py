"""Tests of claimcheck.cli's report, check and graph commands: formats, files, exit codes."""

from __future__ import annotations

import functools
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

import claimcheck
from claimcheck import cli, report
from claimcheck.graph import to_networkx
from claimcheck.graph_formats import GRAPH_FORMATS
from claimcheck.reconciliation import reconcile
from claimcheck.render import RENDERERS, WRITERS, RenderOptions
from claimcheck.report import report_data

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
PROTEST = CASES / "protest.yaml"
HOSTILE = CASES / "hostile.yaml"
ZHANAOZEN = ROOT / "fixtures" / "zhanaozen-2011.yaml"
GRAPH_CASES = [PROTEST, HOSTILE, CASES / "revisions.yaml", ZHANAOZEN]
CALM = "claimcheck: 1\nsources: [{id: a, kind: media}]\npropositions: [{id: p, kind: assertion, text: P}]\nclaims: [{source: a, proposition: p, value: true}]\n"


class Terminal(io.StringIO):
    """Standard output that says it is a terminal."""

    def isatty(self) -> bool:
        """Claim to be a terminal."""
        return True


def main(*args: str, stdout: io.StringIO | None = None) -> tuple[int, str, str]:
    """Run the command line in this process; return code, stdout, stderr."""
    out, err = stdout or io.StringIO(), io.StringIO()
    code = cli.main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


@functools.cache
def rendered(path: Path, fmt: str, *, colour: bool = False) -> str:
    """What the library renders for a case file (kept: pictures take a while to draw)."""
    data = report_data(reconcile(claimcheck.load(path)))
    return RENDERERS[fmt](data, RenderOptions(colour=colour))


def graph_of(path: Path, **kwargs: Any) -> nx.MultiDiGraph:
    """The library's graph of a case file."""
    return to_networkx(reconcile(claimcheck.load(path), **kwargs))


@pytest.fixture(autouse=True)
def _no_colour_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests start from an environment without NO_COLOR and with a capable terminal."""
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("CLAIMCHECK_DEBUG", raising=False)


def test_report_prints_text_by_default() -> None:
    """``report CASE`` prints the text report and exits 0."""
    assert (0, rendered(PROTEST, "text"), "") == main("report", str(PROTEST))


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_report_prints_each_format(fmt: str) -> None:
    """``report --format F`` prints what the F renderer makes of the case."""
    if fmt == "html":
        pytest.importorskip("matplotlib")
    assert (0, rendered(PROTEST, fmt), "") == main("report", str(PROTEST), "--format", fmt)


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_report_writes_each_format_to_a_file(tmp_path: Path, fmt: str) -> None:
    """``-o FILE`` writes the whole report there, uncoloured, and prints nothing."""
    if fmt == "html":
        pytest.importorskip("matplotlib")
    target = tmp_path / f"report.{fmt}"
    code, out, err = main(
        "report", str(PROTEST), "--format", fmt, "-o", str(target), stdout=Terminal()
    )
    assert (0, "", "") == (code, out, err)
    assert rendered(PROTEST, fmt) == target.read_text(encoding="utf-8")
    assert [target] == list(tmp_path.iterdir())


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
@pytest.mark.parametrize("to_file", [False, True])
def test_long_lists_report_as_from_the_full_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, to_file: bool
) -> None:
    """The command line renders from cut lists, and writes as it goes: the same report."""
    if fmt == "html":
        pytest.importorskip("matplotlib")
    case = tmp_path / "long.yaml"
    case.write_text(
        "claimcheck: 1\n"
        "sources: [" + ", ".join(f"{{id: s{i}, kind: media}}" for i in range(30)) + "]\n"
        "propositions: [{id: n, kind: quantity, text: How many, unit: x}]\n"
        "claims: ["
        + ", ".join(f"{{source: s{i % 30}, proposition: n, value: {i % 3}}}" for i in range(60))
        + "]\n",
        encoding="utf-8",
    )
    target = tmp_path / "out"
    args = ("report", str(case), "--format", fmt, *(("-o", str(target)) if to_file else ()))
    made = Counter[str]()
    real = report._support_data
    monkeypatch.setattr(report, "_support_data", lambda s: made.update(["s"]) or real(s))
    code, out, err = main(*args)
    assert (0, "") == (code, err)
    # Of the 1,140 supports listed, the 20 shown are made; HTML's graph picture draws them all.
    assert made["s"] == (1140 if fmt == "html" else 20)
    expected = rendered(case, fmt)
    assert "… and 1,180 more contradictions" in expected or fmt == "html"
    assert expected == (target.read_text(encoding="utf-8") if to_file else out)


def test_text_is_coloured_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Colour on a terminal; none when piped, with NO_COLOR set, or on a dumb terminal."""
    coloured = rendered(PROTEST, "text", colour=True)
    plain = rendered(PROTEST, "text")
    assert (0, coloured, "") == main("report", str(PROTEST), stdout=Terminal())
    assert (0, plain, "") == main("report", str(PROTEST))
    monkeypatch.setenv("NO_COLOR", "1")
    assert (0, plain, "") == main("report", str(PROTEST), stdout=Terminal())
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("TERM", "dumb")
    assert (0, plain, "") == main("report", str(PROTEST), stdout=Terminal())


def test_check_exits_1_on_contradictions_and_0_without(tmp_path: Path) -> None:
    """``check`` names the contested propositions and exits 1; a calm case exits 0."""
    code, out, err = main("check", str(PROTEST))
    assert (1, "") == (code, err)
    assert "7 contradictions in 4 contested propositions: " in out
    calm = tmp_path / "calm.yaml"
    calm.write_text(CALM, encoding="utf-8")
    assert (0, "no contradictions\n", "") == main("check", str(calm))


@pytest.mark.parametrize("command", ["report", "check", "graph", "validate"])
def test_invalid_case_exits_2_listing_every_problem(tmp_path: Path, command: str) -> None:
    """Every problem of an invalid case goes to standard error as FILE:LINE: message."""
    bad = tmp_path / "bad.yaml"
    bad.write_text("claimcheck: 1\nsources:\n  - {id: a, kind: ngoo}\nbogus: 1\n", encoding="utf-8")
    code, out, err = main(command, str(bad))
    assert (2, "") == (code, out)
    assert [f"{bad}:3", f"{bad}:4"] == [line.split(": ")[0] for line in err.splitlines()]


@pytest.mark.parametrize(
    ("command", "fmt", "table"),
    [
        ("report", "markdown", WRITERS),
        ("report", "html", WRITERS),
        ("graph", "dot", GRAPH_FORMATS),
    ],
)
def test_failure_while_rendering_leaves_no_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, command: str, fmt: str, table: dict[str, Any]
) -> None:
    """A renderer that fails exits 3, keeps the old file as it was and leaves no temporary file.

    The report writers fail after writing part of the report.
    """

    def broken(*args: object) -> str:
        if len(args) == 3:  # a writer: data, stream, options
            args[1].write("# part of a report\n")  # type: ignore[attr-defined]
        raise RuntimeError("boom")

    monkeypatch.setitem(table, fmt, broken)
    target = tmp_path / "out"
    target.write_text("old", encoding="utf-8")
    code, out, err = main(command, str(PROTEST), "--format", fmt, "-o", str(target))
    assert (3, "") == (code, out)
    assert err.startswith("claimcheck: unexpected failure: RuntimeError: boom\n")
    assert "Traceback" not in err
    assert "old" == target.read_text(encoding="utf-8")
    assert [target] == list(tmp_path.iterdir())


def test_failure_while_writing_leaves_no_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A write that fails half-way removes its temporary file and leaves no report."""
    real_fdopen = os.fdopen

    class Full(io.TextIOWrapper):
        def write(self, text: str) -> int:
            super().write(text[:10])
            raise OSError(28, "No space left on device")

    def fdopen(fd: int, *args: Any, **kwargs: Any) -> Any:
        return Full(real_fdopen(fd, "wb"), encoding="utf-8")

    monkeypatch.setattr(os, "fdopen", fdopen)
    target = tmp_path / "report.txt"
    code, out, err = main("report", str(PROTEST), "-o", str(target))
    assert (3, "", f"claimcheck: cannot write {target}: No space left on device\n") == (
        code,
        out,
        err,
    )
    assert [] == list(tmp_path.iterdir())


def test_unwritable_output_exits_3_with_a_message(tmp_path: Path) -> None:
    """A FILE in a missing directory is a short message and exit 3, not a traceback."""
    target = tmp_path / "missing" / "report.txt"
    code, out, err = main("report", str(PROTEST), "-o", str(target))
    assert (3, "") == (code, out)
    assert f"claimcheck: cannot write {target}: No such file or directory\n" == err


@pytest.mark.parametrize("input_format", ["yaml", "json"])
def test_standard_input(monkeypatch: pytest.MonkeyPatch, input_format: str) -> None:
    """``-`` reads the case from standard input, as YAML or JSON per --input-format."""
    case = claimcheck.load(PROTEST)
    text = claimcheck.dumps(case, format=input_format)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    args = ("report", "-", "--input-format", input_format, "--format", "markdown")
    assert (0, rendered(PROTEST, "markdown"), "") == main(*args)


def test_standard_input_errors_name_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bad case on standard input is reported as <stdin>:LINE and exits 2."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"claimcheck: 1\nbogus: 1\n")))
    assert (2, "", "<stdin>:2: unknown top-level key 'bogus'\n") == main("graph", "-")


def test_python_m_claimcheck_reports_from_a_pipe() -> None:
    """``python -m claimcheck report -`` is the same program, reading a pipe, never coloured."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    env.pop("NO_COLOR", None)
    done = subprocess.run(
        [sys.executable, "-m", "claimcheck", "report", "-", "--format", "text"],
        input=PROTEST.read_bytes(),
        capture_output=True,
        env=env,
        check=False,
    )
    assert (0, rendered(PROTEST, "text"), "") == (
        done.returncode,
        done.stdout.decode(),
        done.stderr.decode(),
    )


@pytest.mark.parametrize("command", ["validate", "report", "check", "graph"])
def test_help_explains_each_command_with_an_example(
    capsys: pytest.CaptureFixture[str], command: str
) -> None:
    """``COMMAND --help`` says what the command does and shows an example."""
    with pytest.raises(SystemExit) as exit_info:
        cli.main([command, "--help"])
    assert 0 == exit_info.value.code
    help_text = capsys.readouterr().out
    assert "example" in help_text
    assert f"claimcheck {command} " in help_text.split("example")[1]


def edges(graph: nx.Graph) -> Counter[tuple[str, str, str]]:
    """The edges of a graph as (source, target, relation), with multiplicity."""
    return Counter((str(a), str(b), str(d.get("relation"))) for a, b, d in graph.edges(data=True))


def read_back(fmt: str, path: Path) -> nx.Graph:
    """Read a graph file with networkx's readers, or the DOT parser below."""
    if fmt == "graphml":
        return nx.read_graphml(path)
    if fmt == "gexf":
        return nx.read_gexf(path, relabel=False)
    if fmt == "json":
        return nx.node_link_graph(json.loads(path.read_text(encoding="utf-8")), edges="edges")
    return parse_dot(path.read_text(encoding="utf-8"))


_DOT_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|(->)|([\[\]{};=,])|(\w+)|\s+', re.DOTALL)


def parse_dot(text: str) -> nx.MultiDiGraph:
    """A small parser for the DOT that ``graph --format dot`` writes (a strict subset)."""
    tokens: list[tuple[str, str]] = []
    position = 0
    while position < len(text):
        match = _DOT_TOKEN.match(text, position)
        assert match is not None, f"unexpected DOT at {text[position : position + 40]!r}"
        position = match.end()
        quoted, arrow, punct, word = match.groups()
        if quoted is not None:
            unescaped = re.sub(
                r"\\(.)", lambda m: "\n" if m.group(1) == "n" else m.group(1), quoted
            )
            tokens.append(("id", unescaped))
        elif arrow or punct:
            tokens.append(("op", arrow or punct))
        elif word:
            tokens.append(("id" if word not in ("digraph", "graph") else "kw", word))
    assert [("kw", "digraph"), ("op", "{")] == [tokens[0], tokens[2]]
    assert ("op", "}") == tokens[-1]
    graph = nx.MultiDiGraph(name=tokens[1][1])
    statement: list[tuple[str, str]] = []
    for token in tokens[3:-1]:
        if token != ("op", ";"):
            statement.append(token)
            continue
        attrs: dict[str, str] = {}
        if ("op", "[") in statement:
            start = statement.index(("op", "["))
            body = [t[1] for t in statement[start + 1 : -1] if t != ("op", ",")]
            assert ["="] * (len(body) // 3) == body[1::3]
            attrs = dict(zip(body[0::3], body[2::3], strict=True))
            statement = statement[:start]
        if statement[0] == ("kw", "graph"):
            graph.graph.update(attrs)
        elif len(statement) == 3 and statement[1] == ("op", "->"):
            graph.add_edge(statement[0][1], statement[2][1], **attrs)
        else:
            assert [("id", statement[0][1])] == statement
            graph.add_node(statement[0][1], **attrs)
        statement = []
    assert [] == statement
    return graph


@pytest.mark.parametrize("fmt", sorted(GRAPH_FORMATS))
@pytest.mark.parametrize("path", GRAPH_CASES, ids=lambda p: p.stem)
def test_graph_file_reads_back(tmp_path: Path, path: Path, fmt: str) -> None:
    """Each graph file reads back with the same nodes, edges and labels."""
    target = tmp_path / f"graph.{fmt}"
    assert (0, "", "") == main("graph", str(path), "--format", fmt, "-o", str(target))
    expected = graph_of(path)
    actual = read_back(fmt, target)
    assert sorted(expected.nodes) == sorted(actual.nodes)
    assert edges(expected) == edges(actual)
    labels = {n: d["label"].replace("\x1b", "\ufffd") for n, d in expected.nodes(data=True)}
    if fmt == "json":
        labels = dict(expected.nodes(data="label"))
    assert labels == dict(actual.nodes(data="label"))


def test_graph_prints_to_standard_output() -> None:
    """Without -o the graph goes to standard output; graphml is the default format."""
    code, out, err = main("graph", str(PROTEST))
    assert (0, "") == (code, err)
    assert GRAPH_FORMATS["graphml"](graph_of(PROTEST)) == out


def test_graph_keeps_attribute_types() -> None:
    """GraphML keeps booleans, numbers and text; GEXF renames the edge type it reserves."""
    graph = graph_of(PROTEST)
    _, graphml, _ = main("graph", str(PROTEST), "--format", "graphml")
    _, gexf, _ = main("graph", str(PROTEST), "--format", "gexf")
    contradiction = next(d for *_, d in graph.edges(data=True) if d["relation"] == "contradicts")
    read = nx.parse_graphml(graphml)
    assert [contradiction] == [
        {k: v for k, v in d.items() if k != "id"}  # the edge's key, which GraphML writes as id
        for *_, d in read.edges(data=True)
        if d.get("reason") == contradiction["reason"]
    ]
    gexf_edges = [d for *_, d in nx.read_gexf(io.BytesIO(gexf.encode())).edges(data=True)]
    assert {"pair", "joint"} == {
        d["contradiction_type"] for d in gexf_edges if d["relation"] == "contradicts"
    }


def test_graphml_edge_ids_are_unique() -> None:
    """Gephi and yEd keep one edge per id, so no two edges of the file share one."""
    _, graphml, _ = main("graph", str(ZHANAOZEN), "--format", "graphml")
    ids = re.findall(r'<edge [^>]*\bid="([^"]*)"', graphml)
    assert graph_of(ZHANAOZEN).number_of_edges() == len(ids) == len(set(ids))


def test_graph_takes_the_pair_limit() -> None:
    """``--max-pairs`` cuts the graph's supports and contradictions as it cuts the report's."""
    code, out, _ = main("graph", str(ZHANAOZEN), "--format", "json", "--max-pairs", "1")
    assert 0 == code
    limited = nx.node_link_graph(json.loads(out), edges="edges")
    assert edges(graph_of(ZHANAOZEN, max_pairs=1)) == edges(limited)
    assert sum(edges(limited).values()) < sum(edges(graph_of(ZHANAOZEN)).values())


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
@pytest.mark.parametrize("path", GRAPH_CASES, ids=lambda p: p.stem)
def test_graphviz_reads_the_dot_file(path: Path) -> None:
    """Graphviz lays out the DOT file without complaint."""
    _, out, _ = main("graph", str(path), "--format", "dot")
    done = subprocess.run(
        ["dot", "-Tsvg"], input=out.encode(), capture_output=True, check=False, timeout=60
    )
    assert (0, b"") == (done.returncode, done.stderr)


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])  # html: see test_render.py
def test_zhanaozen_reports_in_every_format(fmt: str) -> None:
    """The bundled case reports in every format."""
    code, out, err = main("report", str(ZHANAOZEN), "--format", fmt)
    assert (0, "") == (code, err)
    assert rendered(ZHANAOZEN, fmt) == out


def test_the_graph_command_offers_every_graph_format() -> None:
    """The CLI's list of graph formats (kept free of networkx) names every writer."""
    from claimcheck.cli import GRAPH_FORMAT_NAMES
    from claimcheck.graph_formats import GRAPH_FORMATS

    assert sorted(GRAPH_FORMATS) == list(GRAPH_FORMAT_NAMES)


def test_starting_the_command_line_does_not_import_networkx() -> None:
    """Only the graph command pays for networkx; validate, report and check start light."""
    code = "import sys, claimcheck.cli; print('networkx' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
    )
    assert "False" == done.stdout.strip()


def test_a_json_report_that_cannot_be_written_leaves_no_partial_output(tmp_path: Path) -> None:
    # An ASCII stream cannot take the case's "é": the report fails whole,
    # before any of it reaches the stream.
    from claimcheck import cli

    case = tmp_path / "case.yaml"
    case.write_text(
        "claimcheck: 1\n"
        "sources: [{id: s, kind: media}]\n"
        "propositions: [{id: p, kind: assertion, text: Something happened}]\n"
        "claims: [{source: s, proposition: p, value: true, quote: Café}]\n",
        encoding="utf-8",
    )
    raw = io.BytesIO()
    out = io.TextIOWrapper(raw, encoding="ascii")
    code = cli.main(["report", str(case), "--format", "json"], stdout=out, stderr=io.StringIO())
    out.flush()
    assert code == 3
    assert raw.getvalue() == b""


def test_a_large_json_report_written_in_two_processes_is_the_same_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With -o, a report past the size for two processes is written in place, whole."""
    from claimcheck import report

    monkeypatch.setattr(report, "TWO_PROCESSES_FROM", 0)
    path = ROOT / "fixtures" / "zhanaozen-2011.yaml"
    written = tmp_path / "report.json"
    assert 0 == main("report", str(path), "--format", "json", "-o", str(written))[0]
    golden = ROOT / "tests" / "golden" / "zhanaozen-2011.json"
    assert golden.read_bytes() == written.read_bytes()
    assert [written] == list(tmp_path.iterdir())  # no temporary file left behind
