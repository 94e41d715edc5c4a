"""The report as a document: the one pipeline every people-readable format shares.

:func:`build_document` turns the report data of
:func:`claimcheck.report.report_data` into a :class:`Document`: headings,
paragraphs, lists, tables, quotes and pictures, in the order a reader wants
them (contested propositions first), with every sentence already in words
and every long list already cut.  The text, Markdown and HTML renderers only
write these blocks in their own markup, so the three formats say the same
thing.

Case text is cleaned here, once: control characters (which could move a
terminal's cursor or break an XML parser) become U+FFFD.  Escaping for a
particular markup is the writer's job.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from typing import Any, Final, TextIO, TypeAlias

import attrs

from claimcheck.phrases import format_interval, format_number
from claimcheck.reconciliation import JOINT_LIMIT
from claimcheck.values import Interval

__all__ = [
    "BAR_LIMIT",
    "DEFAULT_OPTIONS",
    "GRAPH_EDGE_LIMIT",
    "GRAPH_NODE_LIMIT",
    "STATUS_ORDER",
    "Bar",
    "Block",
    "Document",
    "Fields",
    "GraphEdge",
    "GraphFigure",
    "GraphNode",
    "Heading",
    "Inline",
    "IntervalFigure",
    "Items",
    "Note",
    "Paragraph",
    "Quote",
    "RenderOptions",
    "Section",
    "Span",
    "Table",
    "build_document",
    "clean",
    "document_blocks",
    "document_blocs",
    "document_title",
    "number_of_interval_figures",
    "pictured",
    "plain",
    "rendered",
    "written_text",
]

#: The order propositions are shown in: the ones that need attention first.
STATUS_ORDER: Final = ("contested", "corroborated", "consistent", "single-source", "unclaimed")
#: At most this many claims are drawn in one proposition's picture.
BAR_LIMIT: Final = 40
#: The graph picture draws at most this many claims ...
GRAPH_NODE_LIMIT: Final = 150
#: ... and this many supports and contradictions between them.
GRAPH_EDGE_LIMIT: Final = 400
#: A position lists at most this many of its claims by id.
_POSITION_CLAIMS: Final = 10
_FULL_LISTS: Final = "use --format json for the full lists"
_UNCUT_LISTS: Final = "use --format json --max-pairs 0 for the full lists"


@attrs.frozen
class RenderOptions:
    """How a report is rendered.

    Attributes:
        colour: Whether the text renderer may use ANSI colour (the command
            line decides: a terminal, no ``NO_COLOR``, no ``-o``).
        pairs: At most this many contradictions, supports, revisions and
            positions are written per proposition; the rest are counted.
        claims: At most this many claims are tabled per proposition, and
            at most this many sources and propositions in the trust section.
        pictures: The HTML renderer draws pictures for at most this many
            propositions, contested ones first.
    """

    colour: bool = False
    pairs: int = attrs.field(default=20, validator=attrs.validators.ge(1))
    claims: int = attrs.field(default=100, validator=attrs.validators.ge(1))
    pictures: int = attrs.field(default=50, validator=attrs.validators.ge(0))


#: The options a renderer uses when given none.
DEFAULT_OPTIONS: Final = RenderOptions()


@attrs.frozen
class Span:
    """A run of text with one style.

    Attributes:
        text: The text (already cleaned, not escaped).
        style: ``""`` (plain), ``"strong"``, ``"id"`` (an id from the case),
            ``"muted"``, or a status name from :data:`STATUS_ORDER`.
    """

    text: str
    style: str = ""


Inline: TypeAlias = tuple[Span, ...]
Words: TypeAlias = Callable[[Mapping[str, Any]], Inline]


@attrs.frozen
class Heading:
    """A heading."""

    level: int
    text: Inline


@attrs.frozen
class Paragraph:
    """A paragraph of running text."""

    text: Inline


@attrs.frozen
class Fields:
    """Labelled facts, one a line: ``Common ground: at least 11 people``."""

    rows: tuple[tuple[str, Inline], ...]


@attrs.frozen
class Items:
    """A titled list of sentences (positions, contradictions, ...)."""

    title: str
    items: tuple[Inline, ...]


@attrs.frozen
class Table:
    """A table; the first column holds the row's id."""

    header: tuple[str, ...]
    rows: tuple[tuple[Inline, ...], ...]


@attrs.frozen
class Quote:
    """A quote from the case, and who said it."""

    text: str
    by: Inline


@attrs.frozen
class Note:
    """A remark about the report itself (a list that was cut, say)."""

    text: Inline


@attrs.frozen
class Bar:
    """One claim's interval in a quantity picture (``high=None``: unbounded).

    ``label`` is who said it (or, for the common ground, the interval in
    words) and ``written`` the value as written.
    """

    label: str
    written: str
    bloc: str | None
    low: float
    high: float | None
    low_open: bool = False
    high_open: bool = False


@attrs.frozen
class IntervalFigure:
    """The picture of one quantity proposition: every current claim's interval.

    Attributes:
        proposition: The proposition's id.
        title: Its text.
        unit: What it counts.
        bars: The claims drawn, sorted by interval.
        common_ground: The common ground as a bar (``label`` is its text),
            or ``None``.
        omitted: How many current claims were left out of the picture.
    """

    proposition: str
    title: str
    unit: str
    bars: tuple[Bar, ...]
    common_ground: Bar | None
    omitted: int


@attrs.frozen
class GraphNode:
    """A claim in the graph picture."""

    id: str
    bloc: str | None


@attrs.frozen
class GraphEdge:
    """A relation in the graph picture.

    ``relation`` is ``supports`` (from ``a`` to ``b``), ``contradicts``,
    ``joint`` or ``part-whole``.
    """

    a: str
    b: str
    relation: str


@attrs.frozen
class GraphFigure:
    """The picture of supports and contradictions between claims.

    Attributes:
        nodes: The claims drawn.
        edges: The relations drawn.
        omitted: How many listed relations were left out of the picture.
    """

    nodes: tuple[GraphNode, ...]
    edges: tuple[GraphEdge, ...]
    omitted: int


@attrs.frozen
class Section:
    """The blocks of one proposition (or of one part of the report).

    ``anchor`` is a fragment id for formats that link (``p-<proposition>``).
    """

    anchor: str
    status: str
    blocks: tuple[Block, ...]


Block: TypeAlias = (
    Heading
    | Paragraph
    | Fields
    | Items
    | Table
    | Quote
    | Note
    | IntervalFigure
    | GraphFigure
    | Section
)


@attrs.frozen
class Document:
    """A whole report, ready to be written in some markup.

    Attributes:
        title: The case's title (or id).
        blocks: The blocks, in reading order.
        blocs: Every bloc named in the case, sorted (pictures colour by bloc).
    """

    title: str
    blocks: tuple[Block, ...]
    blocs: tuple[str, ...]


# Control characters (C0 and C1, but tab and newline), lone surrogates and the
# two non-characters XML forbids.
_UNPRINTABLE: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    r"""Case text made safe to print: control characters become U+FFFD.

    Example:
        >>> clean("red\x1b[31m alert")
        'red\ufffd[31m alert'
    """
    return _UNPRINTABLE.sub("\ufffd", text)


def plain(inline: Inline) -> str:
    """The text of an inline, styles dropped.

    Example:
        >>> plain((Span("a", "id"), Span(" b")))
        'a b'
    """
    return "".join(span.text for span in inline)


def _inline(*parts: str | Span | Inline) -> Inline:
    out: list[Span] = []
    for part in parts:
        if isinstance(part, str):
            if part:
                out.append(Span(part))
        elif isinstance(part, Span):
            out.append(part)
        else:
            out.extend(part)
    return tuple(out)


def _id(text: str) -> Span:
    return Span(clean(text), "id")


def _plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else words or word + 's'}"


def _joined(parts: Sequence[Inline], last: str = " and ") -> Inline:
    """``a``, ``a and b``, ``a, b and c``."""
    out: list[Span] = []
    for i, part in enumerate(parts):
        if i:
            out.append(Span(last if i == len(parts) - 1 else ", "))
        out.extend(part)
    return tuple(out)


def written_text(value: Any) -> str:
    """A value as the case file wrote it, in one line of text.

    Example:
        >>> written_text({"any_of": ["a", "b"]}), written_text(True), written_text(2.5)
        ('{any_of: [a, b]}', 'true', '2.5')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, dict):
        return (
            "{" + ", ".join(f"{clean(str(k))}: {written_text(v)}" for k, v in value.items()) + "}"
        )
    if isinstance(value, list):
        return "[" + ", ".join(written_text(v) for v in value) + "]"
    return clean(str(value))


def _decimal(x: int | float) -> Decimal:
    return Decimal(str(x))


def _interval_text(value: Mapping[str, Any]) -> str:
    """A ``{min, max}`` mapping of the report in words, as the library words it."""
    high = value.get("max")
    interval = Interval(
        _decimal(value["min"]),
        None if high is None else _decimal(high),
        low_open=bool(value.get("min_open")),
        high_open=bool(value.get("max_open")),
    )
    return format_interval(interval)


class _Index:
    """The report data looked up by id and grouped by proposition, in one pass."""

    def __init__(self, data: Mapping[str, Any]) -> None:
        self.claims: dict[str, Mapping[str, Any]] = {c["id"]: c for c in data.get("claims", [])}
        self.sources: dict[str, Mapping[str, Any]] = {s["id"]: s for s in data.get("sources", [])}
        self.contradictions: defaultdict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for c in data.get("contradictions", []):
            for prop in c.get("propositions") or [c["proposition"]]:
                self.contradictions[prop].append(c)
        self.supports: defaultdict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for s in data.get("supports", []):
            self.supports[s["proposition"]].append(s)
        self.revisions: defaultdict[str, list[Mapping[str, Any]]] = defaultdict(list)
        for r in data.get("revisions", []):
            self.revisions[r["proposition"]].append(r)

    def source_of(self, claim_id: str) -> Mapping[str, Any]:
        source_id = self.claims[claim_id]["source"] if claim_id in self.claims else ""
        return self.sources.get(source_id, {"id": source_id})

    def source_name(self, source_id: str) -> str:
        source = self.sources.get(source_id, {})
        return clean(source.get("name") or source_id)

    def bloc_of(self, source_id: str) -> str | None:
        bloc = self.sources.get(source_id, {}).get("bloc")
        return clean(bloc) if bloc else None

    def claim_ref(self, claim_id: str) -> Inline:
        """``claim-id (source-id)``."""
        return _inline(_id(claim_id), " (", clean(self.source_of(claim_id)["id"]), ")")


def _with_unit(text: str, prop: Mapping[str, Any]) -> str:
    unit = prop.get("unit")
    return f"{text} {clean(unit)}" if unit and prop["kind"] == "quantity" else text


def _ordered(propositions: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    rank = {status: i for i, status in enumerate(STATUS_ORDER)}
    return sorted(propositions, key=lambda p: (rank.get(p["status"], len(rank)), p["id"]))


def pictured(propositions: Iterable[Mapping[str, Any]], options: RenderOptions) -> list[str]:
    """The ids of the propositions the graph picture draws from, in the order shown.

    They are the first ``options.pictures`` propositions in the document's
    order; the picture draws from every contradiction and support they
    list, so data cut for the people formats keeps their lists whole (see
    :func:`claimcheck.render.people_data`).

    Args:
        propositions: Mappings with at least ``id`` and ``status``, as the
            report data's propositions are.
        options: The options the document is built with.

    Example:
        >>> pictured(
        ...     [{"id": "a", "status": "consistent"}, {"id": "b", "status": "contested"}],
        ...     RenderOptions(pictures=1),
        ... )
        ['b']
    """
    return [str(p["id"]) for p in _ordered(propositions)[: options.pictures]]


def _more(shown: int, total: int, what: str, hint: str = _FULL_LISTS) -> Iterator[Note]:
    if total > shown:
        more = total - shown
        yield Note(_inline(f"… and {more:,} more {what if more > 1 else what[:-1]}; {hint}."))


def _contradiction(c: Mapping[str, Any], index: _Index) -> Inline:
    claims = [str(x) for x in c["claims"]]
    if c["type"] == "joint":
        head = _inline(
            _joined([index.claim_ref(x) for x in claims]),
            " cannot all be true: ",
            clean(c["reason"]),
        )
    elif c["type"] == "part-whole":
        part, whole = claims
        part_prop, whole_prop = c["propositions"]
        head = _inline(
            index.claim_ref(part),
            " about the part ",
            _id(part_prop),
            " exceeds ",
            index.claim_ref(whole),
            " about the whole ",
            _id(whole_prop),
            ": ",
            clean(c["reason"]),
        )
    else:
        a, b = claims
        head = _inline(
            index.claim_ref(a), " contradicts ", index.claim_ref(b), ": ", clean(c["reason"])
        )
    flags = ["independent sources" if c["independent"] else "not independent"]
    if c.get("vague"):
        flags.append("a vague word is involved")
    return _inline(head, " — " + "; ".join(flags))


def _support(s: Mapping[str, Any], index: _Index) -> Inline:
    flags = ["independent" if s["independent"] else "not independent"]
    if s["cross_bloc"]:
        flags.append("cross-bloc: conceded by the other side")
    return _inline(
        index.claim_ref(s["by"]),
        " supports ",
        index.claim_ref(s["claim"]),
        " — " + "; ".join(flags),
    )


def _revision(r: Mapping[str, Any], index: _Index) -> Inline:
    def dated(claim_id: str) -> Inline:
        date = index.claims.get(claim_id, {}).get("date")
        return _inline(_id(claim_id), f" ({clean(date)})" if date else "")

    change = "the value changed" if r["changed"] else "the value is the same"
    return _inline(dated(r["superseded"]), " is superseded by ", dated(r["current"]), f"; {change}")


def _position(position: Mapping[str, Any], prop: Mapping[str, Any]) -> Inline:
    claims = [str(x) for x in position["claims"]]
    named: list[Inline] = [(_id(x),) for x in claims[:_POSITION_CLAIMS]]
    if len(claims) > _POSITION_CLAIMS:
        named.append(_inline(f"{len(claims) - _POSITION_CLAIMS:,} more"))
    origins = _plural(int(position["origins"]), "origin")
    return _inline(
        Span(_with_unit(clean(position["text"]), prop), "strong"),
        " — held by ",
        _joined(named),
        f" ({origins})",
    )


def _claim_counts(prop: Mapping[str, Any], index: _Index) -> str:
    states: dict[str, int] = {}
    for claim_id in prop["claims"]:
        state = index.claims.get(claim_id, {}).get("state", "current")
        states[state] = states.get(state, 0) + 1
    total = len(prop["claims"])
    if not total:
        return "none"
    if set(states) == {"current"}:
        return f"{total:,}, all current"
    parts = [f"{states[s]:,} {s}" for s in ("current", "superseded", "retracted") if s in states]
    return f"{total:,}: " + ", ".join(parts)


def _fields(prop: Mapping[str, Any], index: _Index, data: Mapping[str, Any]) -> Fields:
    kind = prop["kind"]
    if kind == "quantity" and prop.get("unit"):
        kind += f", counted in {clean(prop['unit'])}"
    rows: list[tuple[str, Inline]] = [("Kind", _inline(kind))]
    if prop.get("part_of"):
        rows.append(("Part of", (_id(prop["part_of"]),)))
    rows.append(("Claims", _inline(_claim_counts(prop, index))))
    ground = prop.get("common_ground")
    if ground is None:
        rows.append(("Common ground", _inline("none: no current claim")))
    else:
        rows.append(("Common ground", _inline(_with_unit(clean(ground["text"]), prop))))
    aggregates = prop.get("aggregates")
    if aggregates:
        points = ", ".join(
            f"{name} {format_number(_decimal(aggregates[name]))}"
            for name in ("conservative", "informative", "representative")
        )
        span = _with_unit(_interval_text(aggregates["range"]), prop)
        rows.append(("Aggregates", _inline(f"{points}; range {span}")))
    if prop.get("positions_omitted"):
        rows.append(("Positions", _inline("omitted: too many claims to work out every position")))
    if prop.get("truncated"):
        # Which list was cut the data does not say; this is what each may hold.
        limit = data.get("max_pairs")
        joint = f"at most {JOINT_LIMIT} joint contradictions (counted as listed)"
        if isinstance(limit, int) and limit:
            cut = (
                f"at most {limit:,} supports, {limit:,} pair contradictions and {limit:,} "
                f"part-whole contradictions with each other proposition (counted in full), "
                f"and {joint}"
            )
        else:
            cut = joint
        rows.append(("Lists cut", _inline(f"the report lists {cut}")))
    return Fields(tuple(rows))


def _claims_table(
    prop: Mapping[str, Any], index: _Index, options: RenderOptions
) -> Iterator[Block]:
    ids = [str(x) for x in prop["claims"]]
    rows: list[tuple[Inline, ...]] = []
    quotes: list[Quote] = []
    for claim_id in ids[: options.claims]:
        claim = index.claims.get(claim_id, {})
        source = str(claim.get("source", ""))
        rows.append(
            (
                (_id(claim_id),),
                _inline(index.source_name(source)),
                _inline(written_text(claim.get("written", ""))),
                _inline(_with_unit(clean(claim.get("text", "")), prop)),
                _inline(clean(claim.get("date", ""))),
                _inline(claim.get("state", "")),
            )
        )
        if claim.get("quote"):
            quotes.append(
                Quote(
                    clean(claim["quote"]),
                    _inline(_id(claim_id), ", ", index.source_name(source)),
                )
            )
    if rows:
        yield Table(("Claim", "Source", "As written", "Reads as", "Date", "State"), tuple(rows))
    yield from _more(len(rows), len(ids), "claims")
    yield from quotes


def _bar(label: str, written: str, bloc: str | None, value: Mapping[str, Any]) -> Bar:
    return Bar(
        label=label,
        written=written,
        bloc=bloc,
        low=value["min"],
        high=value.get("max"),
        low_open=bool(value.get("min_open")),
        high_open=bool(value.get("max_open")),
    )


#: The largest number a quantity picture draws: its axis is worked out in
#: floats, with room on either side.  A proposition with a larger bound in
#: its current claims or common ground is not drawn (its table still is).
LARGEST_DRAWN: Final = 1e300


def _drawable(value: Mapping[str, Any]) -> bool:
    return all(x is None or abs(x) <= LARGEST_DRAWN for x in (value["min"], value.get("max")))


def _drawn_claims(
    prop: Mapping[str, Any], claims: Mapping[str, Mapping[str, Any]]
) -> list[Mapping[str, Any]] | None:
    """The current claims an interval picture of the proposition draws, or ``None`` if none."""
    current = [claims[x] for x in prop["current"] if x in claims]
    if prop["kind"] != "quantity" or not current:
        return None
    ground = prop.get("common_ground")
    if not all(_drawable(c["value"]) for c in current) or (
        ground is not None and not _drawable(ground)
    ):
        return None
    return current


def number_of_interval_figures(data: Mapping[str, Any]) -> int:
    """How many propositions the document draws an interval picture of.

    A writer that writes the blocks as they are made can know it before
    the first one, without making the pictures.

    Example:
        >>> number_of_interval_figures({"propositions": []})
        0
    """
    claims = {c["id"]: c for c in data.get("claims", [])}
    return sum(_drawn_claims(p, claims) is not None for p in data.get("propositions", []))


def _interval_figure(prop: Mapping[str, Any], index: _Index) -> IntervalFigure | None:
    current = _drawn_claims(prop, index.claims)
    if current is None:
        return None
    ground = prop.get("common_ground")

    def key(claim: Mapping[str, Any]) -> tuple[float, float, str]:
        high = claim["value"].get("max")
        return (claim["value"]["min"], float("inf") if high is None else high, claim["id"])

    bars = tuple(
        _bar(
            index.source_name(c["source"]),
            written_text(c["written"]),
            index.bloc_of(c["source"]),
            c["value"],
        )
        for c in sorted(current, key=key)[:BAR_LIMIT]
    )
    return IntervalFigure(
        proposition=prop["id"],
        title=clean(prop["text"]),
        unit=clean(prop.get("unit") or ""),
        bars=bars,
        common_ground=(None if ground is None else _bar(clean(ground["text"]), "", None, ground)),
        omitted=len(current) - len(bars),
    )


def _graph_edges(prop: Mapping[str, Any], index: _Index) -> Iterator[GraphEdge]:
    for c in index.contradictions.get(prop["id"], []):
        claims = [str(x) for x in c["claims"]]
        if c["type"] == "part-whole" and c["propositions"][0] != prop["id"]:
            continue  # drawn once, with the part
        relation = "contradicts" if c["type"] == "pair" else c["type"]
        for i, a in enumerate(claims):
            for b in claims[i + 1 :]:
                yield GraphEdge(a, b, relation)
    for s in index.supports.get(prop["id"], []):
        yield GraphEdge(s["by"], s["claim"], "supports")


def _omitted(prop: Mapping[str, Any], what: str) -> int:
    """How many of the proposition's listed ``what`` the data left out (each one pair)."""
    return int(prop.get("omitted", {}).get(what, 0))


def _number_of_graph_edges(prop: Mapping[str, Any], index: _Index) -> int:
    """How many edges :func:`_graph_edges` yields, without making them.

    Counted over what the report lists, the records the data left out
    included: they are pair contradictions and supports, an edge each.
    """
    count = len(index.supports.get(prop["id"], []))
    count += _omitted(prop, "contradictions") + _omitted(prop, "supports")
    for c in index.contradictions.get(prop["id"], []):
        if c["type"] != "part-whole" or c["propositions"][0] == prop["id"]:
            count += len(c["claims"]) * (len(c["claims"]) - 1) // 2
    return count


def _graph_figure(
    propositions: Sequence[Mapping[str, Any]], index: _Index, options: RenderOptions
) -> GraphFigure | None:
    nodes: dict[str, GraphNode] = {}
    edges: list[GraphEdge] = []
    for prop in propositions[: options.pictures]:
        for edge in _graph_edges(prop, index):
            new = [x for x in dict.fromkeys((edge.a, edge.b)) if x not in nodes]
            if len(nodes) + len(new) > GRAPH_NODE_LIMIT:
                continue
            for claim_id in new:
                nodes[claim_id] = GraphNode(
                    claim_id, index.bloc_of(index.source_of(claim_id)["id"])
                )
            edges.append(edge)
            if len(edges) == GRAPH_EDGE_LIMIT:
                break
        if len(edges) == GRAPH_EDGE_LIMIT:
            break
    if not edges:
        return None
    total = sum(_number_of_graph_edges(prop, index) for prop in propositions)
    return GraphFigure(tuple(nodes.values()), tuple(edges), total - len(edges))


def _section(
    prop: Mapping[str, Any], index: _Index, data: Mapping[str, Any], options: RenderOptions
) -> Section:
    pid = str(prop["id"])
    status = str(prop["status"])
    blocks: list[Block] = [
        Heading(
            2,
            _inline(Span(status, status), " · ", _id(pid), ": ", clean(prop["text"])),
        ),
        _fields(prop, index, data),
    ]
    limit = options.pairs

    def listing(
        title: str, records: Sequence[Mapping[str, Any]], total: int, what: str, words: Words
    ) -> None:
        shown = [words(r) for r in records[:limit]]
        if shown:
            blocks.append(Items(title, tuple(shown)))
        listed = len(records) + _omitted(prop, what)
        hint = _UNCUT_LISTS if prop.get("truncated") and total > listed else _FULL_LISTS
        blocks.extend(_more(len(shown), max(total, listed), what, hint))

    def position(p: Mapping[str, Any]) -> Inline:
        return _position(p, prop)

    contradictions = index.contradictions.get(pid, [])
    supports = index.supports.get(pid, [])
    revisions = index.revisions.get(pid, [])
    listing("Positions", prop.get("positions") or [], 0, "positions", position)
    listing(
        "Contradictions",
        contradictions,
        int(prop.get("contradictions", 0)),
        "contradictions",
        lambda c: _contradiction(c, index),
    )
    listing(
        "Supports", supports, int(prop.get("supports", 0)), "supports", lambda s: _support(s, index)
    )
    listing("Revisions", revisions, 0, "revisions", lambda r: _revision(r, index))
    blocks.extend(_claims_table(prop, index, options))
    figure = _interval_figure(prop, index)
    if figure is not None:
        blocks.append(figure)
    return Section(f"p-{pid}", status, tuple(blocks))


def _summary(data: Mapping[str, Any]) -> Fields:
    case = data.get("case", {})
    summary = data.get("summary", {})
    rows: list[tuple[str, Inline]] = []
    if case.get("id") or case.get("date"):
        rows.append(
            (
                "Case",
                _inline(
                    (_id(case["id"]),) if case.get("id") else (),
                    ", " if case.get("id") and case.get("date") else "",
                    clean(case.get("date", "")),
                ),
            )
        )
    rows.append(
        (
            "Claims",
            _inline(
                f"{_plural(summary.get('claims', 0), 'claim')} by "
                f"{_plural(summary.get('sources', 0), 'source')} about "
                f"{_plural(summary.get('propositions', 0), 'proposition')}"
            ),
        )
    )
    rows.append(
        (
            "Propositions",
            _joined(
                [
                    _inline(f"{summary.get(s.replace('-', '_'), 0):,} ", Span(s, s))
                    for s in STATUS_ORDER
                ]
            ),
        )
    )
    rows.append(
        (
            "Relations",
            _inline(
                f"{_plural(summary.get('contradictions', 0), 'contradiction')}, "
                f"{_plural(summary.get('supports', 0), 'support')}, "
                f"{_plural(summary.get('revisions', len(data.get('revisions', []))), 'revision')}"
            ),
        )
    )
    return Fields(tuple(rows))


def _sources_section(data: Mapping[str, Any]) -> Section | None:
    sources = data.get("sources", [])
    if not sources:
        return None
    rows = tuple(
        (
            (_id(s["id"]),),
            _inline(clean(s.get("name") or "")),
            _inline(clean(s.get("kind") or "")),
            _inline(clean(s.get("bloc") or "")),
            (_id(s["root"]),) if s.get("root") and s["root"] != s["id"] else (),
            _inline(f"{s.get('claims', 0):,}"),
            _inline(f"{s.get('contradictions', 0):,}"),
        )
        for s in sources
    )
    return Section(
        "sources",
        "",
        (
            Heading(2, _inline("Sources")),
            Table(
                ("Source", "Name", "Kind", "Bloc", "Speaks for", "Claims", "Contradictions"), rows
            ),
        ),
    )


def _trust_section(data: Mapping[str, Any], options: RenderOptions) -> Section | None:
    """Each source's trust and each proposition's favoured value, said to be estimates."""
    trust = data.get("trust")
    if not trust:
        return None
    algorithm = clean(str(trust.get("algorithm", "")))
    iterations = int(trust.get("iterations") or 0)
    run = (
        "it does not iterate"
        if not iterations
        else f"{_plural(iterations, 'iteration')}, "
        + ("converged" if trust.get("converged") else "not converged")
    )
    blocks: list[Block] = [
        Heading(2, _inline(f"Source trust (estimate, {algorithm})")),
        Paragraph(
            _inline(
                f"These scores are estimates, not findings: the {algorithm} algorithm "
                f"({run}) weighed the current claims, giving each root one voice per "
                "proposition. They reflect agreement among the sources of this case, and "
                "mislead where propositions are few, sources copy each other or one bloc "
                "dominates."
            )
        ),
    ]

    def key(s: Mapping[str, Any]) -> tuple[bool, float, str]:
        score = s.get("trust")
        return (score is None, -(score or 0.0), str(s["id"]))

    rows = tuple(
        (
            (_id(s["id"]),),
            (_id(s["root"]),) if s.get("root") and s["root"] != s["id"] else (),
            _inline(
                "none: no evidence of its root weighed"
                if s.get("trust") is None
                else f"{s['trust']:.3f}"
            ),
        )
        for s in sorted(trust.get("sources", []), key=key)[: options.claims]
    )
    if rows:
        blocks.append(Table(("Source", "Speaks for", "Trust (estimate)"), rows))
        blocks.extend(_more(len(rows), len(trust.get("sources", [])), "sources"))
    favoured = list(trust.get("propositions", []))
    props = {p["id"]: p for p in data.get("propositions", [])}
    if favoured:
        blocks.append(
            Table(
                ("Proposition", "Favoured value (estimate)"),
                tuple(
                    (
                        (_id(p["id"]),),
                        _inline(
                            _with_unit(clean(str(p.get("text", ""))), props[p["id"]])
                            if p.get("value") is not None and p["id"] in props
                            else clean(str(p.get("text", "")))
                        ),
                    )
                    for p in favoured[: options.claims]
                ),
            )
        )
        blocks.extend(_more(min(len(favoured), options.claims), len(favoured), "propositions"))
    return Section("trust", "", tuple(blocks))


def build_document(data: Mapping[str, Any], options: RenderOptions) -> Document:
    """Build the document every people-readable format writes.

    Args:
        data: Report data, as :func:`claimcheck.report.report_data` returns it;
            data cut with ``shown`` (as :func:`claimcheck.render.people_data`
            cuts it) gives the same document, as long as ``shown`` is at
            least ``options.pairs`` and the :func:`pictured` propositions
            were kept whole.
        options: The limits to apply (``colour`` is the writers' concern).

    Returns:
        The document: a summary, the graph picture, one section per
        proposition (contested first, then corroborated, consistent,
        single-source and unclaimed), the sources and, when the data has
        a ``trust`` entry, the sources' trust as estimates.

    Example:
        >>> doc = build_document({"case": {"title": "A case"}}, RenderOptions())
        >>> doc.title, type(doc.blocks[0]).__name__
        ('A case', 'Heading')
    """
    return Document(
        document_title(data), tuple(document_blocks(data, options)), document_blocs(data)
    )


def document_blocks(data: Mapping[str, Any], options: RenderOptions) -> Iterator[Block]:
    """The blocks of :func:`build_document`, each made as it is read.

    A renderer that writes each block and lets it go holds one
    proposition's section at a time, not the whole document: the sections
    of a case of a million claims take gigabytes.

    Example:
        >>> blocks = document_blocks({"case": {"title": "A case"}}, RenderOptions())
        >>> [type(block).__name__ for block in blocks]
        ['Heading', 'Fields']
    """
    index = _Index(data)
    propositions = _ordered(data.get("propositions", []))
    yield Heading(1, _inline(document_title(data)))
    yield _summary(data)
    if propositions:
        yield Paragraph(
            _inline(
                "Propositions are listed contested first, then corroborated, consistent, "
                "single-source and unclaimed."
            )
        )
    graph = _graph_figure(propositions, index, options)
    if graph is not None:
        yield graph
    for p in propositions:
        yield _section(p, index, data, options)
    sources = _sources_section(data)
    if sources is not None:
        yield sources
    trust = _trust_section(data, options)
    if trust is not None:
        yield trust


def rendered(
    write: Callable[[Mapping[str, Any], TextIO, RenderOptions], None],
    data: Mapping[str, Any],
    options: RenderOptions,
) -> str:
    """What a writer writes of the data, as one string: each renderer's output.

    Example:
        >>> rendered(lambda data, stream, options: stream.write(data["x"]), {"x": "y"}, RenderOptions())
        'y'
    """
    buffer = io.StringIO()
    write(data, buffer, options)
    return buffer.getvalue()


def document_title(data: Mapping[str, Any]) -> str:
    """The document's title: the case's title, else its id (cleaned)."""
    case = data.get("case", {})
    return clean(case.get("title") or case.get("id") or "claimcheck report")


def document_blocs(data: Mapping[str, Any]) -> tuple[str, ...]:
    """Every bloc named in the case, sorted, as :attr:`Document.blocs`."""
    return tuple(sorted({clean(s["bloc"]) for s in data.get("sources", []) if s.get("bloc")}))
