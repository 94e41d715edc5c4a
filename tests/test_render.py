"""Tests of claimcheck.render and claimcheck.graph_formats: every report and graph format.

Golden files live in tests/golden; regenerate them with
``CLAIMCHECK_UPDATE_GOLDEN=1 pytest tests/test_render.py`` and read the diff
before accepting it.
"""

from __future__ import annotations

import html
import importlib.util
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import claimcheck
from claimcheck.graph import to_networkx
from claimcheck.graph_formats import GRAPH_FORMATS
from claimcheck.model import Case
from claimcheck.reconciliation import reconcile
from claimcheck.render import (
    RENDERERS,
    RenderOptions,
    people_data,
    render_html,
    render_markdown,
    render_text,
)
from claimcheck.render.document import build_document
from claimcheck.render.html import INSTALL_HINT
from claimcheck.report import render_json, report_data
from claimcheck.strategies import cases

from _golden import golden, without_svg

ROOT = Path(__file__).resolve().parent.parent
CASES = ROOT / "tests" / "cases"
ZHANAOZEN = ROOT / "fixtures" / "zhanaozen-2011.yaml"
OWN_CASES = ("protest", "revisions", "hostile")
SUFFIXES = {"text": "txt", "markdown": "md", "json": "json", "html": "html"}
GRAPH_SUFFIXES = {"graphml": "graphml", "gexf": "gexf", "json": "graph.json", "dot": "dot"}
SVG = "{http://www.w3.org/2000/svg}"
XHTML = "{http://www.w3.org/1999/xhtml}"
SGR = re.compile(r"\x1b\[[0-9;]*m")
STATUS_ORDER = ["contested", "corroborated", "consistent", "single-source", "unclaimed"]


def report(path: Path) -> dict[str, Any]:
    """The report data of a case file."""
    return report_data(reconcile(claimcheck.load(path)))


def parse_html(page: str) -> ET.Element:
    """Parse a page as XML: fails unless every tag is balanced and every entity escaped."""
    return ET.fromstring(page)


def quantity_pictures(data: Mapping[str, Any]) -> int:
    """How many interval pictures a report should have: quantities with a current claim."""
    return sum(1 for p in data["propositions"] if p["kind"] == "quantity" and p["current"])


def big_case(*, claims: int = 3000) -> claimcheck.Case:
    """A generated case: one quantity with two thirds of the claims, the rest on 100 assertions."""
    sources = [
        {"id": f"s{i}", "kind": "media", **({"bloc": f"bloc{i % 3}"} if i % 4 else {})}
        for i in range(40)
    ]
    propositions: list[dict[str, Any]] = [
        {"id": "deaths", "kind": "quantity", "text": "People killed", "unit": "people"},
        *({"id": f"fact{i}", "kind": "assertion", "text": f"Fact {i}"} for i in range(100)),
    ]
    values = ["about 100", "at least 500", "dozens", "12"]
    rows: list[dict[str, Any]] = []
    for i in range(claims):
        if i < 2 * claims // 3:
            rows.append({"source": f"s{i % 40}", "proposition": "deaths", "value": values[i % 4]})
        else:
            rows.append(
                {"source": f"s{i % 40}", "proposition": f"fact{i % 100}", "value": i % 3 == 0}
            )
    return claimcheck.from_mapping(
        {"claimcheck": 1, "case": {"id": "big"}, "sources": sources,
         "propositions": propositions, "claims": rows}
    )  # fmt: skip


@pytest.fixture(scope="module")
def generated() -> claimcheck.Case:
    """The generated big case."""
    return big_case()


@pytest.fixture(scope="module")
def big(generated: claimcheck.Case) -> dict[str, Any]:
    """The report data of the generated big case, pairs listed up to 1,000 per proposition."""
    return report_data(reconcile(generated, max_pairs=1000))


@pytest.mark.parametrize("fmt", sorted(SUFFIXES))
@pytest.mark.parametrize("case", OWN_CASES)
def test_report_matches_golden(case: str, fmt: str) -> None:
    """Each report format of each small case is what its golden file holds."""
    if fmt == "html":
        pytest.importorskip("matplotlib")
    actual = RENDERERS[fmt](report(CASES / f"{case}.yaml"), RenderOptions())
    if fmt == "html":
        actual = without_svg(actual)
    assert golden(f"{case}.{SUFFIXES[fmt]}", actual) == actual


@pytest.mark.parametrize("fmt", sorted(GRAPH_SUFFIXES))
@pytest.mark.parametrize("case", ["protest", "hostile"])
def test_graph_matches_golden(case: str, fmt: str) -> None:
    """Each graph format of two small cases is what its golden file holds."""
    actual = GRAPH_FORMATS[fmt](to_networkx(reconcile(claimcheck.load(CASES / f"{case}.yaml"))))
    # networkx signs its GEXF files with its version.
    actual = re.sub(r"<creator>NetworkX [^<]*</creator>", "<creator>NetworkX</creator>", actual)
    assert golden(f"{case}.{GRAPH_SUFFIXES[fmt]}", actual) == actual


def test_registry_holds_every_report_format() -> None:
    """RENDERERS maps each --format name of the contract to its renderer."""
    assert {"text", "markdown", "json", "html"} == set(RENDERERS)


def test_json_renderer_writes_the_report_itself() -> None:
    """The json format is the version-1 report, whatever the options."""
    data = report(CASES / "protest.yaml")
    assert render_json(data) == RENDERERS["json"](data, RenderOptions(colour=True, pairs=1))


def test_text_lists_contested_propositions_first() -> None:
    """Propositions come contested first, then corroborated, consistent, single-source, unclaimed."""
    text = render_text(report(ZHANAOZEN))
    statuses = re.findall(r"^(\S+) · \S+: ", text, flags=re.MULTILINE)
    assert len(report(ZHANAOZEN)["propositions"]) == len(statuses)
    assert sorted(statuses, key=STATUS_ORDER.index) == statuses
    assert "contested" == statuses[0]


def test_colour_only_adds_sgr_codes() -> None:
    """Coloured text is the plain text with SGR codes around some words, statuses coloured."""
    data = report(CASES / "protest.yaml")
    coloured = render_text(data, RenderOptions(colour=True))
    assert "\x1b[1;31mcontested\x1b[0m" in coloured
    assert render_text(data) == SGR.sub("", coloured)
    assert "\x1b" not in render_text(data)


def test_text_never_passes_control_characters_through() -> None:
    """A terminal escape in a source name cannot reach the terminal."""
    data = report(CASES / "hostile.yaml")
    assert any("\x1b" in (s["name"] or "") for s in data["sources"])
    assert "\x1b" not in render_text(data)
    assert "\x1b" not in SGR.sub("", render_text(data, RenderOptions(colour=True)))
    assert "</svg>\ufffd[31mred\ufffd[0m -->" in render_text(data)


def test_markdown_escapes_case_text() -> None:
    """Angle brackets, pipes and emphasis from the case stay text; tables keep their columns."""
    markdown = render_markdown(report(CASES / "hostile.yaml"))
    assert re.search(r"(?<!\\)<", markdown) is None
    assert "\\<script\\>alert(1)\\</script\\>" in markdown
    for line in markdown.splitlines():
        if line.startswith("|"):
            assert len(re.findall(r"(?<!\\)\|", line)) in (7, 8)  # 6 or 7 columns
    assert "> \\- left\\" in markdown.splitlines()


@pytest.mark.parametrize(
    "path", [*(CASES / f"{c}.yaml" for c in OWN_CASES), ZHANAOZEN], ids=lambda p: p.stem
)
def test_html_is_well_formed_with_every_picture(path: Path) -> None:
    """The page parses as XML and holds one picture per quantity and one of the graph."""
    pytest.importorskip("matplotlib")
    data = report(path)
    page = render_html(data)
    tree = parse_html(page)
    assert tree.tag == f"{XHTML}html"
    has_graph = bool(data["contradictions"] or data["supports"])
    assert quantity_pictures(data) + has_graph == len(list(tree.iter(f"{SVG}svg")))
    ids = [e.attrib["id"] for e in tree.iter() if "id" in e.attrib]
    assert sorted(set(ids)) == sorted(ids)
    assert not re.search(r"<script|<link|<img|@import|url\(http", page, flags=re.IGNORECASE)


def test_html_escapes_hostile_text_everywhere() -> None:
    """Names, quotes and labels that look like markup stay text, in the page and in its SVG."""
    pytest.importorskip("matplotlib")
    page = render_html(report(CASES / "hostile.yaml"))
    tree = parse_html(page)
    assert "<script" not in page.lower()
    assert not [a for e in tree.iter() for a in e.attrib if a.lower().startswith("on")]
    text = "".join(tree.itertext())
    assert "<script>alert(1)</script>" in text
    assert '" onmouseover="x' in text
    svg_text = [t.text or "" for t in tree.iter(f"{SVG}text")]
    assert "<script>alert(1)</script>: 3" in svg_text
    assert any(t.startswith('" onmouseover="x') for t in svg_text)
    assert "How many <b>bold</b> | pipes #1 \\ backslash" in svg_text


def test_every_report_renders_numbers_beyond_any_float() -> None:
    """A value too large for a float is written in every format; its picture alone is left out.

    The picture's axis is worked out in floats: a bound of 1E+3999 made the
    HTML report fail ("int too large to convert to float").
    """
    pytest.importorskip("matplotlib")
    case = claimcheck.from_mapping(
        {
            "claimcheck": 1,
            "sources": [{"id": "a", "kind": "ngo"}, {"id": "b", "kind": "media"}],
            "propositions": [
                {"id": "huge", "kind": "quantity", "text": "Huge", "unit": "stars"},
                {"id": "small", "kind": "quantity", "text": "Small", "unit": "people"},
            ],
            "claims": [
                {"source": "a", "proposition": "huge", "value": 10**3999},
                {"source": "b", "proposition": "huge", "value": 5},
                {"source": "a", "proposition": "small", "value": 12},
            ],
        }
    )
    data = report_data(reconcile(case))
    for name, render in RENDERERS.items():
        assert "1" + "0" * 3999 in render(data, RenderOptions()), name
    tree = parse_html(render_html(data))
    labels = [s.attrib["aria-label"] for s in tree.iter(f"{SVG}svg")]
    assert [label for label in labels if "Huge" in label] == []
    assert len([label for label in labels if "Small" in label]) == 1
    assert quantity_pictures(data) == len(labels)  # one quantity drawn, and the graph


def test_html_is_the_same_every_time() -> None:
    """The same report gives the same page, pictures included."""
    pytest.importorskip("matplotlib")
    data = report(CASES / "protest.yaml")
    assert render_html(data) == render_html(data)


def test_html_is_the_same_whatever_the_hash_seed() -> None:
    """Strings hash differently in each process: the page must not depend on it."""
    pytest.importorskip("matplotlib")
    code = (
        "import sys, claimcheck; "
        "from claimcheck.report import report_data; "
        "from claimcheck.render import render_html; "
        "sys.stdout.write(render_html(report_data(claimcheck.reconcile("
        "claimcheck.load(sys.argv[1])))))"
    )
    pages = [
        subprocess.run(
            [sys.executable, "-c", code, str(ROOT / "fixtures" / "starter.yaml")],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    ]
    assert "<svg" in pages[0]
    assert pages[0] == pages[1] == pages[2]


def test_html_without_matplotlib_is_complete(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without matplotlib the page says how to get the pictures, once, and nothing else is lost."""
    pytest.importorskip("matplotlib")
    data = report(CASES / "revisions.yaml")
    full = render_html(data)
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    monkeypatch.delitem(sys.modules, "claimcheck.render.pictures", raising=False)
    page = render_html(data)
    parse_html(page)
    hint = f'<p class="note">{html.escape(INSTALL_HINT)}</p>\n'
    assert 1 == page.count(hint)
    assert "pip install 'claimcheck[html]'" in "".join(parse_html(page).itertext())
    assert "<svg" not in page
    pictures = re.compile(r'<figure class="picture">.*?</figure>\n', flags=re.DOTALL)
    assert pictures.sub("", full) == page.replace(hint, "", 1)


def test_html_draws_at_most_the_picture_limit() -> None:
    """Past the limit no more pictures are drawn, contested ones come first, and the page says so."""
    pytest.importorskip("matplotlib")
    data = report(CASES / "revisions.yaml")
    page = render_html(data, RenderOptions(pictures=1))
    tree = parse_html(page)
    labels = [s.attrib["aria-label"] for s in tree.iter(f"{SVG}svg")]
    # The graph shows the first proposition's relations; of the quantities
    # only the first contested one is drawn.
    assert [
        "Supports and contradictions between claims",
        "Claims about People displaced by the flood",
    ] == labels
    assert (
        "Pictures are drawn for the first 1 quantity propositions only, contested ones first; "
        "2 more are not drawn."
    ) in page


def test_import_claimcheck_does_not_import_matplotlib() -> None:
    """Importing the package, the renderers and the CLI leaves matplotlib unimported."""
    code = (
        "import sys, claimcheck, claimcheck.render, claimcheck.cli, claimcheck.graph_formats; "
        "print(sorted(m for m in ('matplotlib', 'hypothesis', 'pytest') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert "[]\n" == done.stdout


def test_long_lists_are_summarised(big: dict[str, Any]) -> None:
    """Text and Markdown list 20 contradictions and supports, then count the rest."""
    deaths = next(p for p in big["propositions"] if p["id"] == "deaths")
    more_c = deaths["contradictions"] - 20
    more_s = deaths["supports"] - 20
    for rendered in (render_text(big), render_markdown(big)):
        # The JSON report was cut at --max-pairs 1000 too, so the hint says how to get it all.
        hint = "use --format json --max-pairs 0 for the full lists."
        assert f"… and {more_c:,} more contradictions; {hint}" in rendered
        assert f"… and {more_s:,} more supports; {hint}" in rendered
        assert (
            f"… and {2000 - 100:,} more claims; use --format json for the full lists." in rendered
        )
        assert (
            "the report lists at most 1,000 supports, 1,000 pair contradictions and 1,000 "
            "part-whole contradictions with each other proposition (counted in full), "
            "and at most 100 joint contradictions (counted as listed)"
        ) in rendered
        # A fact's lists were not cut: the JSON report has them all.
        assert "… and 1 more contradiction; use --format json for the full lists." in rendered
    section = render_text(big).split("contested · deaths: ")[1].split("\ncontested · ")[0]
    assert 20 == section.count(") contradicts s")


def test_cut_joint_contradictions_are_not_said_to_be_counted_in_full() -> None:
    """With no pair limit, only the joint contradictions can be cut, and they count as listed."""
    claims = [
        {"source": f"s{i}", "proposition": "colour", "value": {"any_of": pair}}
        for i in range(5)
        for pair in (["p", "q"], ["q", "r"], ["p", "r"])
    ]
    case = claimcheck.from_mapping(
        {
            "claimcheck": 1,
            "sources": [{"id": f"s{i}", "kind": "media"} for i in range(5)],
            "propositions": [
                {"id": "colour", "kind": "category", "text": "Colour", "values": ["p", "q", "r"]}
            ],
            "claims": claims,
        }
    )
    data = report_data(reconcile(case, max_pairs=0))
    (colour,) = data["propositions"]
    assert (True, 100) == (colour["truncated"], colour["contradictions"])  # of 5 ** 3 = 125
    for rendered in (render_text(data), render_markdown(data)):
        assert "the report lists at most 100 joint contradictions (counted as listed)" in rendered
        assert "counted in full" not in rendered


def test_big_case_renders_every_format(generated: claimcheck.Case, big: dict[str, Any]) -> None:
    """A case of a few thousand claims renders in every report and graph format."""
    assert 3000 == big["summary"]["claims"]
    for fmt, renderer in RENDERERS.items():
        rendered = renderer(big, RenderOptions())
        assert rendered.endswith("\n"), fmt
        if fmt == "html" and importlib.util.find_spec("matplotlib") is not None:
            assert 2 == len(list(parse_html(rendered).iter(f"{SVG}svg")))
    graph = to_networkx(reconcile(generated, max_pairs=10))
    for fmt, writer in GRAPH_FORMATS.items():
        assert writer(graph).endswith("\n"), fmt


def test_people_data_holds_only_what_is_shown(generated: claimcheck.Case) -> None:
    """The people formats' data keeps the first few pairs and counts the rest; same output."""
    result = reconcile(generated, max_pairs=1000)
    full = report_data(result)
    for options in (RenderOptions(), RenderOptions(pairs=3, pictures=0)):
        cut = people_data(result, options)
        assert build_document(cut, options) == build_document(full, options)
        for fmt in ("text", "markdown"):
            assert RENDERERS[fmt](cut, options) == RENDERERS[fmt](full, options)
    cut = people_data(result, RenderOptions(pairs=3, pictures=0))
    deaths = next(p for p in cut["propositions"] if p["id"] == "deaths")
    # 1,000 supports and 1,000 pair contradictions are listed; three of each are kept.
    assert {"contradictions": 997, "supports": 997} == deaths["omitted"]
    assert 3 == sum(1 for s in cut["supports"] if s["proposition"] == "deaths")
    for what in ("contradictions", "supports"):  # what each proposition left out, in all
        left_out = sum(p.get("omitted", {}).get(what, 0) for p in cut["propositions"])
        assert len(full[what]) - len(cut[what]) == left_out > 997
    # Everything else is the full data's.
    for key in ("summary", "claims", "sources", "revisions"):
        assert cut[key] == full[key]
    assert [{k: v for k, v in p.items() if k != "omitted"} for p in cut["propositions"]] == full[
        "propositions"
    ]
    # The propositions the graph picture draws from keep their lists whole.
    whole = people_data(result, RenderOptions(pairs=3, pictures=1))
    assert not any("omitted" in p for p in whole["propositions"] if p["id"] == "deaths")


@given(
    cases(number_of_propositions=st.integers(1, 5), number_of_claims=st.integers(0, 16)),
    st.sampled_from([0, 1, 2, 10_000]),
    st.integers(1, 3),
    st.integers(0, 2),
)
def test_people_data_gives_the_document_of_the_full_data(
    case: Case, max_pairs: int, pairs: int, pictures: int
) -> None:
    """Cut or not, cut lists or not, the data of the people formats gives the same document."""
    result = reconcile(case, max_pairs=max_pairs)
    options = RenderOptions(pairs=pairs, claims=2, pictures=pictures)
    assert build_document(people_data(result, options), options) == build_document(
        report_data(result), options
    )


def test_people_data_keeps_the_hint_of_a_list_the_report_did_not_cut() -> None:
    """Supports cut by --max-pairs, contradictions not: only the supports need --max-pairs 0."""
    case = claimcheck.from_mapping(
        {
            "claimcheck": 1,
            "sources": [{"id": f"s{i}", "kind": "media"} for i in range(5)],
            "propositions": [{"id": "n", "kind": "quantity", "text": "How many", "unit": "x"}],
            "claims": [
                {"source": f"s{i}", "proposition": "n", "value": 20 if i == 4 else 10}
                for i in range(5)
            ],
        }
    )
    result = reconcile(case, max_pairs=5)  # 12 supports, cut; 4 contradictions, not cut
    options = RenderOptions(pairs=1, pictures=0)
    rendered = render_text(people_data(result, options), options)
    assert rendered == render_text(report_data(result), options)
    assert "… and 3 more contradictions; use --format json for the full lists." in rendered
    assert "… and 11 more supports; use --format json --max-pairs 0 for the full lists." in (
        rendered
    )


@given(st.lists(st.sampled_from(["", "a", "bc"]), max_size=30), st.integers(1, 4))
def test_text_lines_are_written_in_batches_as_whole(lines: list[str], batch: int) -> None:
    """Blank lines are kept except at the end, whatever the batches."""
    from claimcheck.render import text

    kept = list(lines)
    while kept and not kept[-1]:
        kept.pop()
    written: list[str] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(text, "_BATCH", batch)
        text._write_lines(iter(lines), written.append)
    assert "\n".join(kept) + "\n" == "".join(written)


@given(st.text(st.sampled_from("ab -\t\n\u00a0\u2003\u3000\x0c"), max_size=14), st.integers(1, 12))
def test_table_cells_wrap_as_textwrap_wraps_them(cell: str, width: int) -> None:
    """Cells that fit skip textwrap; what comes out is textwrap's all the same."""
    import textwrap

    from claimcheck.render.text import _wrapped

    assert (textwrap.wrap(cell, width) or [""]) == _wrapped(cell, width)


def _order_case(*claims: tuple[str, str, str]) -> Case:
    """A sequence proposition of three events and a claim of an order per source."""
    return claimcheck.from_mapping(
        {
            "claimcheck": 1,
            "sources": [{"id": f"s{i}", "kind": "media"} for i in range(len(claims))],
            "propositions": [
                {
                    "id": "o",
                    "kind": "sequence",
                    "text": "Order",
                    "events": {"a": "A", "b": "B", "c": "C"},
                }
            ],
            "claims": [
                {"id": claim, "source": f"s{i}", "proposition": "o", "value": [first, then]}
                for i, (claim, first, then) in enumerate(claims)
            ],
        }
    )


def test_people_data_keeps_every_joint_contradiction() -> None:
    """A cut proposition keeps its joint contradictions, before and past the first shown."""
    cycle = [("c1", "a", "b"), ("c2", "b", "c"), ("c3", "c", "a")]
    result = reconcile(_order_case(*cycle, ("c4", "b", "a")))
    full = report_data(result)
    assert ["joint", "pair"] == [c["type"] for c in full["contradictions"]]
    options = RenderOptions(pairs=1, pictures=0)
    cut = people_data(result, options)
    assert ["joint"] == [c["type"] for c in cut["contradictions"]]
    rendered = render_text(cut, options)
    assert rendered == render_text(full, options)
    assert "c1 (s0), c2 (s1) and c3 (s2) cannot all be true" in rendered
    assert "… and 1 more contradiction;" in rendered
    # A pair before the joint contradiction and one after it: the joint one stays.
    result = reconcile(_order_case(("c0", "b", "a"), *cycle, ("c5", "c", "b")))
    cut = people_data(result, options)
    assert [("pair", ["c0", "c1"]), ("joint", ["c1", "c2", "c3"])] == [
        (c["type"], c["claims"]) for c in cut["contradictions"]
    ]
    assert {"contradictions": 1, "supports": 0} == cut["propositions"][0]["omitted"]
    assert build_document(cut, options) == build_document(report_data(result), options)


def test_report_data_refuses_to_show_nothing() -> None:
    result = reconcile(claimcheck.load(ZHANAOZEN))
    with pytest.raises(ValueError, match="shown must be 1 or more, got 0"):
        report_data(result, shown=0)


def test_render_options_check_their_limits() -> None:
    """Limits below one are refused when the options are made."""
    with pytest.raises(ValueError, match="pairs"):
        RenderOptions(pairs=0)
