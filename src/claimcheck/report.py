"""The report as data: the version-1 JSON report of a reconciliation.

:func:`report_data` turns a :class:`~claimcheck.reconciliation.Reconciliation`
into plain data (dicts, lists, numbers, text) shaped exactly as the JSON
report contract says; :func:`render_json` writes it as bytes that are the
same for the same case, every time.  The other formats render from the same
data.
"""

from __future__ import annotations

import contextlib
import heapq
import io
import itertools
import json
import math
import operator
import os
import queue
import select
import signal
import stat
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from decimal import Decimal
from functools import cached_property
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any, BinaryIO, Final, TextIO

from claimcheck._child import can_fork, read_all
from claimcheck._frozen import thaw
from claimcheck._memory import builds_large
from claimcheck.logic import describe, reduced_precedences
from claimcheck.model import Case, CategoryProposition, Claim, Proposition, QuantityProposition
from claimcheck.reconciliation import (
    _STATE_NAMES,
    Aggregates,
    Contradiction,
    Position,
    PropositionResult,
    Reconciliation,
    Revision,
    Status,
    Support,
    source_roots,
    written_key,
)
from claimcheck.values import (
    AssertionValue,
    CategoryValue,
    Interval,
    QuantityValue,
    SequenceValue,
    Value,
)

if TYPE_CHECKING:  # numpy stays unloaded unless trust is asked for
    from claimcheck import _lines
    from claimcheck.reliability import Reliability

__all__ = [
    "REPORT_VERSION",
    "TRUST_DIGITS",
    "merge_report_data",
    "number",
    "partial_report_data",
    "render_json",
    "report_data",
    "trust_data",
    "value_data",
    "write_json",
    "write_report",
]

REPORT_VERSION: Final = 1
#: Trust scores and beliefs are rounded to this many decimal places, so that
#: the report does not depend on the last bits of floating-point arithmetic.
TRUST_DIGITS: Final = 6


def number(x: Decimal) -> int | float:
    """A Decimal as a JSON number: an int when whole, else the nearest float.

    A number with a fraction too large for any float (beyond about
    ``1.8E+308``) is written as its nearest whole number, which is as near
    as a float could have been (JSON has no infinity).

    Example:
        >>> number(Decimal("14")), number(Decimal("2.5"))
        (14, 2.5)
        >>> number(Decimal("1" + "0" * 400 + ".5")) == 10**400
        True
    """
    whole = x.to_integral_value()
    if x == whole:
        return int(x)
    nearest = float(x)
    return nearest if math.isfinite(nearest) else int(whole)


def _interval_data(iv: Interval, integer: bool) -> dict[str, Any]:
    out: dict[str, Any] = {
        "min": number(iv.low),
        "max": None if iv.high is None else number(iv.high),
    }
    if not integer:
        if iv.low_open:
            out["min_open"] = True
        if iv.high_open:
            out["max_open"] = True
    return out


def value_data(
    proposition: Proposition, value: Value | None, *, text: str | None = None
) -> dict[str, Any] | None:
    """A value as the report writes it: its parts by kind, and ``text``.

    ``text`` is the value in words when already known (else it is worked
    out with :func:`~claimcheck.logic.describe`).

    Example:
        >>> p = QuantityProposition("deaths", "People killed", unit="people")
        >>> value_data(p, QuantityValue(Interval(Decimal(11))))
        {'min': 11, 'max': None, 'text': 'at least 11'}
    """
    out: dict[str, Any]
    if value is None:
        if proposition.kind != "assertion":
            return None
        out = {"value": None}
    elif isinstance(value, QuantityValue):
        integer = not isinstance(proposition, QuantityProposition) or proposition.integer
        out = _interval_data(value.interval, integer)
    elif isinstance(value, CategoryValue):
        out = {"values": sorted(value.leaves)}
    elif isinstance(value, SequenceValue):
        out = {"precedences": [list(p) for p in reduced_precedences(value)]}
    else:
        assert isinstance(value, AssertionValue)
        out = {"value": value.value}
    out["text"] = describe(proposition, value) if text is None else text
    return out


def _written(value: Any) -> Any:
    """The value as the file wrote it, as JSON data."""
    plain = thaw(value)
    if isinstance(plain, Decimal):
        return number(plain)
    if isinstance(plain, dict):
        return {str(k): _written(v) for k, v in plain.items()}
    if isinstance(plain, list):
        return [_written(v) for v in plain]
    return plain


def _claim_data(result: Reconciliation, claim: Claim) -> dict[str, Any]:
    prop = result.case.proposition(claim.proposition)
    value = value_data(prop, claim.value)
    assert value is not None
    text = value.pop("text")
    out: dict[str, Any] = {
        "id": claim.id,
        "source": claim.source,
        "proposition": claim.proposition,
        "written": _written(claim.written),
        "value": value,
        "text": text,
        "state": result.states[claim.id],
        "origins": sorted(result.origins[claim.id]),
    }
    if claim.id in result.support:
        out["support"] = result.support[claim.id]
    for key in ("date", "quote", "url"):
        if getattr(claim, key) is not None:
            out[key] = getattr(claim, key)
    if claim.via:
        out["via"] = list(claim.via)
    if claim.cites:
        out["cites"] = list(claim.cites)
    return out


class _Values:
    """:func:`value_data` of values, made once per distinct value, without and with ``text``.

    A quantity's data depend on its interval (and whether it counts whole
    things) alone, so values of equal intervals share them; a category's
    on the value and the proposition, whose values its words name; the
    others' on the value alone.  The data handed out are shared: not to be
    changed.
    """

    def __init__(self, text: Callable[[Proposition, Value], str] | None = None) -> None:
        self._text = text
        self._made: dict[tuple[Any, ...], tuple[dict[str, Any], str, dict[str, Any]]] = {}

    def __call__(
        self, prop: Proposition, value: Value, key: tuple[Any, ...] | None = None
    ) -> tuple[dict[str, Any], str, dict[str, Any]]:
        """The value's data without ``text``, its text, and its data with ``text``.

        ``key`` is :meth:`key` of the two, when the caller has it already.
        """
        if key is None:
            key = self.key(prop, value)
        made = self._made.get(key)
        if made is None:
            text = None if self._text is None else self._text(prop, value)
            whole = value_data(prop, value, text=text)
            assert whole is not None
            bare = dict(whole)
            made = self._made[key] = (bare, bare.pop("text"), whole)
        return made

    @staticmethod
    def key(prop: Proposition, value: Value) -> tuple[Any, ...]:
        """What the data of ``value`` depend on: values of one key share them."""
        if isinstance(prop, QuantityProposition) and isinstance(value, QuantityValue):
            return (prop.integer, value.interval)
        if isinstance(prop, CategoryProposition):
            return (prop.id, value)  # its words name the proposition's values
        return (prop.kind, value)


def _position_data(prop: Proposition, position: Position, values: _Values) -> dict[str, Any]:
    value, text, _ = values(prop, position.value)
    return {
        "claims": list(position.claims),
        "origins": position.origins,
        "value": value,
        "text": text,
    }


def _aggregates_data(prop: Proposition, aggregates: Aggregates) -> dict[str, Any]:
    integer = not isinstance(prop, QuantityProposition) or prop.integer
    return {
        "conservative": number(aggregates.conservative),
        "informative": number(aggregates.informative),
        "representative": number(aggregates.representative),
        "range": _interval_data(aggregates.range, integer),
    }


def _proposition_data(result: PropositionResult, values: _Values | None = None) -> dict[str, Any]:
    prop = result.proposition
    values = values or _Values()
    ground = result.common_ground
    if not result.current:
        shown_ground = None
    elif ground is None:
        shown_ground = value_data(prop, None)
    else:
        shown_ground = values(prop, ground)[2]
    out: dict[str, Any] = {
        "id": prop.id,
        "kind": prop.kind,
        "text": prop.text,
        "status": result.status,
        "claims": list(result.claims),
        "current": list(result.current),
        "common_ground": shown_ground,
    }
    if isinstance(prop, QuantityProposition):
        out["unit"] = prop.unit
        if prop.part_of is not None:
            out["part_of"] = prop.part_of
    if result.positions is None:
        out["positions"] = []
        out["positions_omitted"] = True
    else:
        out["positions"] = [_position_data(prop, p, values) for p in result.positions]
    if result.aggregates is not None:
        out["aggregates"] = _aggregates_data(prop, result.aggregates)
    out["supports"] = result.number_of_supports
    out["contradictions"] = (
        result.number_of_pair_contradictions
        + result.number_of_joint_contradictions
        + result.number_of_part_whole_contradictions
    )
    if result.truncated:
        out["truncated"] = True
    return out


def _contradiction_data(c: Contradiction) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if c.type == "part-whole":
        out["propositions"] = list(c.propositions)
    else:
        out["proposition"] = c.propositions[0]
    out.update(
        {
            "type": c.type,
            "claims": list(c.claims),
            "independent": c.independent,
            "vague": c.vague,
            "reason": c.reason,
        }
    )
    return out


def _support_data(s: Support) -> dict[str, Any]:
    return {
        "proposition": s.proposition,
        "claim": s.claim,
        "by": s.by,
        "independent": s.independent,
        "cross_bloc": s.cross_bloc,
    }


def _revision_data(r: Revision) -> dict[str, Any]:
    return {
        "proposition": r.proposition,
        "superseded": r.superseded,
        "current": r.current,
        "changed": r.changed,
    }


def trust_data(result: Reconciliation, trust: Reliability) -> dict[str, Any]:
    """The report's ``trust`` entry: source trust and favoured values, marked as estimates.

    Scores are rounded to :data:`TRUST_DIGITS` places; sources, propositions
    and claims are sorted by id.  A source whose root had no evidence
    weighed (see :class:`claimcheck.reliability.Reliability`) has
    ``trust: null``; a proposition with no favoured value has
    ``value: null``.

    Example:
        >>> import claimcheck
        >>> from claimcheck import reliability
        >>> result = claimcheck.reconcile(claimcheck.load("fixtures/starter.yaml"))
        >>> data = trust_data(result, reliability.estimate(result, "majority"))
        >>> data["estimate"], data["sources"][0]
        (True, {'id': 'ministry', 'root': 'ministry', 'trust': 1.0})
    """
    case = result.case
    propositions = []
    for prop_id, value in sorted(trust.estimate.items()):
        prop = case.proposition(prop_id)
        entry: dict[str, Any] = {"id": prop_id, "value": None, "text": "none favoured"}
        shown = value_data(prop, value) if value is not None else None
        if shown is not None:
            entry["text"] = shown.pop("text")
            entry["value"] = shown
        propositions.append(entry)
    return {
        "algorithm": trust.algorithm,
        "estimate": True,
        "parameters": dict(trust.parameters),
        "iterations": trust.iterations,
        "converged": trust.converged,
        "sources": [
            {"id": s.id, "root": s.root, "trust": _rounded(trust.trust.get(s.id))}
            for s in sorted(result.sources, key=lambda s: s.id)
        ],
        "propositions": propositions,
        "claims": [
            {"id": claim_id, "belief": _rounded(belief)}
            for claim_id, belief in sorted(trust.belief.items())
        ],
    }


def _rounded(x: float | None) -> float | None:
    # + 0.0 turns a rounded -0.0 into 0.0.
    return None if x is None else round(x, TRUST_DIGITS) + 0.0


@builds_large
def report_data(
    result: Reconciliation,
    *,
    trust: Reliability | None = None,
    shown: int | None = None,
    whole: Collection[str] = (),
) -> dict[str, Any]:
    """Return the version-1 report of a reconciliation as plain data.

    Lists are sorted as the contract says: propositions, sources and claims
    by id; contradictions and supports by their claim ids.  With ``trust``
    (from :func:`claimcheck.reliability.estimate`), the report ends with a
    ``trust`` entry (see :func:`trust_data`); without it, there is none.

    With ``shown``, the data is for a reader that shows only the first
    ``shown`` contradictions and supports of each proposition, as the
    people-readable formats do: of a proposition's listed pair
    contradictions and supports, only those among its first ``shown``
    contradictions and its first ``shown`` supports are kept (joint and
    part-whole contradictions are all kept), and the proposition's entry
    says how many were left out, as ``"omitted": {"contradictions": n,
    "supports": m}`` (present only when something was).  A case of a
    million claims lists millions of pairs: this keeps the data small.
    Such data is not the JSON report, whose lists are complete.

    Args:
        result: The reconciliation, of every proposition of its case.
        trust: Source trust estimates to add, or ``None``.
        shown: How many contradictions and supports of each proposition
            to keep at least, or ``None`` for every one listed.
        whole: Ids of propositions whose lists are kept whole even with
            ``shown``.

    Raises:
        ValueError: If ``result`` covers only some propositions (use
            :func:`partial_report_data` and :func:`merge_report_data`),
            or ``shown`` is less than 1.

    Example:
        >>> import claimcheck
        >>> from claimcheck.reconciliation import reconcile
        >>> result = reconcile(claimcheck.load("fixtures/starter.yaml"))
        >>> data = report_data(result)
        >>> data["summary"]["contested"], data["contradictions"][0]["reason"]
        (2, 'three (3) is below dozens of people (12 to 99)')
        >>> cut = report_data(result, shown=1)
        >>> len(cut["contradictions"]), len(data["contradictions"])
        (2, 3)
        >>> [(p["id"], p["omitted"]) for p in cut["propositions"] if "omitted" in p]
        [('curfew-declared', {'contradictions': 0, 'supports': 1}), ('deaths', {'contradictions': 1, 'supports': 0})]
    """
    result.check_whole("report_data")
    data = merge_report_data(result.case, [partial_report_data(result, shown=shown, whole=whole)])
    if trust is not None:
        data["trust"] = trust_data(result, trust)
    return data


@builds_large
def partial_report_data(
    result: Reconciliation, *, shown: int | None = None, whole: Collection[str] = ()
) -> dict[str, Any]:
    """Return what one reconciliation adds to a report, for :func:`merge_report_data`.

    The result may cover only some propositions of a case (see
    :func:`claimcheck.partition.split`); the data then holds their entries,
    their claims, and each source's counts over them alone.  It is plain,
    JSON-ready data, so parts reconciled elsewhere can be sent back to be
    merged.  Its lists are not yet in the report's order.  ``shown`` and
    ``whole`` cut the lists as for :func:`report_data`.

    Raises:
        ValueError: If ``shown`` is less than 1.
    """
    if shown is not None and shown < 1:
        raise ValueError(f"shown must be 1 or more, got {shown}")
    covered = result.proposition_ids
    claims = [c for c in result.case.claims if c.proposition in covered]
    values = _Values()
    lists = _Lists(result, shown, frozenset(whole))
    return {
        "max_pairs": result.max_pairs,
        "propositions": [
            lists.omitted(p, _proposition_data(p, values)) for p in result.propositions
        ],
        "contradictions": lists.contradictions,
        "number_of_contradictions": result.number_of_contradictions,
        "supports": lists.supports,
        "number_of_supports": result.number_of_supports,
        "revisions": [_revision_data(r) for r in result.revisions],
        "claims": [_claim_data(result, c) for c in claims],
        "sources": [
            {"id": s.id, "claims": s.claims, "contradictions": s.contradictions}
            for s in result.sources
            if s.claims or s.contradictions
        ],
    }


class _Lists:
    """The contradictions and supports of a report's data, cut as asked, and what was cut."""

    def __init__(self, result: Reconciliation, shown: int | None, whole: frozenset[str]) -> None:
        self.contradictions: list[dict[str, Any]] = []
        self.supports: list[dict[str, Any]] = []
        self.cut: dict[str, dict[str, int]] = {}
        joints: defaultdict[str, list[Contradiction]] = defaultdict(list)
        if shown is not None:
            for joint in result.listing.joint:
                joints[joint.propositions[0]].append(joint)
        for p in result.propositions:
            pid = p.proposition.id
            contradictions: Iterable[Contradiction] = p.contradictions
            supports: Iterable[Support] = p.supports
            if shown is not None and pid not in whole:
                contradictions, supports = self._cut(p, shown, joints[pid])
            self.contradictions.extend(map(_contradiction_data, contradictions))
            self.supports.extend(map(_support_data, supports))
        self.contradictions.extend(map(_contradiction_data, result.part_whole))

    def _cut(
        self, p: PropositionResult, shown: int, joints: list[Contradiction]
    ) -> tuple[list[Contradiction], list[Support]]:
        """The proposition's contradictions and supports kept, noting what was left out."""
        contradictions = list(itertools.islice(p.contradictions, shown))
        if len(contradictions) < len(p.contradictions):
            # Every joint contradiction stays (they are few); of the pairs,
            # those among the first shown.
            pairs = [c for c in contradictions if c.type == "pair"]
            contradictions = list(heapq.merge(pairs, joints, key=lambda c: c.claims))
        supports = list(itertools.islice(p.supports, shown))
        left_out = (len(p.contradictions) - len(contradictions), len(p.supports) - len(supports))
        if any(left_out):
            self.cut[p.proposition.id] = dict(
                zip(("contradictions", "supports"), left_out, strict=True)
            )
        return contradictions, supports

    def omitted(self, result: PropositionResult, data: dict[str, Any]) -> dict[str, Any]:
        """The proposition's data, saying how much of its lists was left out, if any."""
        cut = self.cut.get(result.proposition.id)
        if cut is not None:
            data["omitted"] = cut
        return data


@builds_large
def merge_report_data(case: Case, parts: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Put together the report of ``case`` from the partial data of its parts.

    Args:
        case: The whole case (its metadata and sources head the report).
        parts: :func:`partial_report_data` of reconciliations that together
            cover each proposition of ``case`` exactly once, all with the
            same ``max_pairs``.

    Returns:
        The very data :func:`report_data` gives for the whole case.

    Raises:
        ValueError: If ``parts`` is empty, mixes ``max_pairs``, or covers a
            proposition twice or not at all.
    """
    if not parts:
        raise ValueError("no parts to merge")
    limits = {part["max_pairs"] for part in parts}
    if len(limits) > 1:
        raise ValueError(f"the parts were reconciled with different max_pairs: {sorted(limits)}")
    propositions = sorted(
        itertools.chain.from_iterable(part["propositions"] for part in parts),
        key=_by_id,
    )
    ids = [p["id"] for p in propositions]
    expected = sorted(p.id for p in case.propositions)
    if ids != expected:
        twice = sorted(i for i, n in Counter(ids).items() if n > 1)
        missing = sorted(set(expected).difference(ids))
        problem = f"{twice[0]!r} twice" if twice else f"no {missing[0]!r}" if missing else "others"
        raise ValueError(f"the parts do not cover each proposition once: {problem}")
    statuses = dict.fromkeys(Status.ALL, 0)
    for p in propositions:
        statuses[p["status"]] += 1
    info: dict[str, Any] = {}
    for key in ("id", "title", "date"):
        if getattr(case.info, key) is not None:
            info[key] = getattr(case.info, key)
    claims = sorted(itertools.chain.from_iterable(part["claims"] for part in parts), key=_by_id)
    revisions = sorted(
        itertools.chain.from_iterable(part["revisions"] for part in parts),
        key=lambda d: (d["proposition"], d["superseded"], d["current"]),
    )
    summary = {
        "sources": len(case.sources),
        "propositions": len(propositions),
        "claims": len(claims),
        **{s.replace("-", "_"): n for s, n in statuses.items()},
        "contradictions": sum(part["number_of_contradictions"] for part in parts),
        "supports": sum(part["number_of_supports"] for part in parts),
        "revisions": len(revisions),
    }
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for part in parts:
        for s in part["sources"]:
            counts[s["id"]].update(claims=s["claims"], contradictions=s["contradictions"])
    roots, blocs = source_roots(case.sources)
    return {
        "claimcheck_report": REPORT_VERSION,
        "case": info,
        "max_pairs": limits.pop(),
        "summary": summary,
        "propositions": propositions,
        "contradictions": sorted(
            itertools.chain.from_iterable(part["contradictions"] for part in parts),
            key=lambda d: (d["claims"], d.get("proposition", ""), d.get("propositions", [])),
        ),
        "supports": sorted(
            itertools.chain.from_iterable(part["supports"] for part in parts),
            key=lambda d: (d["claim"], d["by"]),
        ),
        "revisions": revisions,
        "claims": claims,
        "sources": [
            {
                "id": s.id,
                "name": s.name,
                "kind": s.kind,
                "root": roots[s.id],
                "bloc": blocs[s.id],
                "claims": counts[s.id]["claims"],
                "contradictions": counts[s.id]["contradictions"],
            }
            for s in sorted(case.sources, key=lambda s: s.id)
        ],
    }


def _by_id(d: Mapping[str, Any]) -> str:
    return str(d["id"])


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(", ", ": "))


def _item_encoder() -> Callable[[Any], str]:
    """A function writing one value as :func:`_compact` does, made once per report.

    ``json.dumps`` sets up a new encoder on every call, which cost more
    than the encoding itself for the million small items of a large report;
    CPython's C encoder is made once here and reused (same output, byte for
    byte; other Pythons fall back to ``json.dumps``).
    """
    make = getattr(json.encoder, "c_make_encoder", None)
    if make is None:
        return _compact
    encode = make(
        None,  # no check for circular references: report data is plain
        json.JSONEncoder().default,  # raises TypeError for anything else
        json.encoder.encode_basestring,  # ensure_ascii=False
        None,  # no indent
        ": ",
        ", ",
        False,  # sort_keys
        False,  # skipkeys
        False,  # allow_nan
    )
    return lambda value: "".join(encode(value, 0))


def render_json(data: Mapping[str, Any]) -> str:
    """Write report data as JSON text: UTF-8, the same bytes every time.

    Each top-level key stands on its own line, and so does each item of a
    top-level list (one proposition, contradiction, support, claim or source
    per line), so that reports diff well and large ones are written by the
    standard library's fast encoder.  :func:`write_json` writes the same
    text to a stream without holding it all.

    Example:
        >>> print(render_json({"case": {"id": "x"}, "claims": [{"id": "a"}, {"id": "b"}]}), end="")
        {
          "case": {"id": "x"},
          "claims": [
            {"id": "a"},
            {"id": "b"}
          ]
        }
    """
    buffer = io.StringIO()
    write_json(data, buffer)
    return buffer.getvalue()


def write_json(data: Mapping[str, Any], stream: TextIO) -> None:
    """Write report data to a text stream as :func:`render_json` renders it.

    Item by item, so that a report of millions of items never stands in
    memory twice, as data and as text.

    Example:
        >>> import sys
        >>> write_json({"summary": {"claims": 2}, "claims": []}, sys.stdout)
        {
          "summary": {"claims": 2},
          "claims": []
        }
    """
    encode = _item_encoder()
    write = stream.write
    separator = "{\n"
    for key, value in data.items():
        write(f"{separator}  {encode(key)}: ")
        separator = ",\n"
        if isinstance(value, list) and value:
            write("[\n    ")
            write(encode(value[0]))
            for item in itertools.islice(value, 1, None):
                write(",\n    ")
                write(encode(item))
            write("\n  ]")
        else:
            write(encode(value))
    write("{\n\n}\n" if separator == "{\n" else "\n}\n")


# -- writing the JSON report straight from a reconciliation ---------------------------


@builds_large
def write_report(
    result: Reconciliation, stream: BinaryIO | TextIO, *, trust: Reliability | None = None
) -> None:
    """Write the JSON report of a reconciliation, without building its data first.

    The very bytes of ``render_json(report_data(result, trust=trust))``,
    written section by section.  The listed supports and contradictions,
    millions in a large case, go from the reconciliation's arrays to text
    in blocks (:mod:`claimcheck._lines`), and claims from pieces worked
    out once per distinct value; nothing is held as report data.
    ``claimcheck report --format json`` writes its report this way.

    Args:
        result: A reconciliation of a whole case.
        stream: A binary stream, or a text stream (UTF-8, no newline
            translation); a text stream's underlying buffer is written
            when it has one.
        trust: Source trust to add (see :func:`report_data`).

    Raises:
        ValueError: If ``result`` covers only some propositions.

    Example:
        >>> import io, claimcheck
        >>> result = claimcheck.reconcile(claimcheck.load("fixtures/starter.yaml"))
        >>> out = io.BytesIO()
        >>> write_report(result, out)
        >>> out.getvalue().decode() == render_json(report_data(result))
        True
    """
    result.check_whole("write_report")
    writer = _ReportWriter(result, trust)
    target = _regular_file(stream)
    if target is not None and _two_processes_pay(result):
        try:
            _write_in_two(writer, stream, *target)
            return
        except _NoForkError:  # nothing written yet: one process writes it all
            pass
    out = _WrittenBehind(_sink(stream))
    try:
        for part in (writer.head(), writer.middle(), writer.tail()):
            for data in part:
                out.write(data)
    finally:
        out.close()


#: The report is made by two processes when it lists at least this many pairs
#: (and the system can fork and the output is a regular file); below it,
#: starting a second process costs more than it saves.
TWO_PROCESSES_FROM: Final = 200_000


def _two_processes_pay(result: Reconciliation) -> bool:
    listing = result.listing
    return len(listing.supports) + len(listing.contradictions) >= TWO_PROCESSES_FROM and can_fork()


#: How many bytes of pairs the second process makes and holds while it waits
#: to know where they go (until the head and propositions are made); it stops
#: making more once it holds this many (so at most one block of lines more).
HELD_AT_MOST: Final = 1 << 29


class _NoForkError(Exception):
    """The second process could not be started; nothing was written."""


def _readable(fd: int) -> bool:
    """Whether reading ``fd`` would not block (there is data, or the writer closed it).

    ``poll``, not ``select``, which refuses descriptors numbered 1024 and up.
    """
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(0))


def _regular_file(stream: BinaryIO | TextIO) -> tuple[int, int] | None:
    """The file descriptor and position of a stream onto a regular file, or ``None``."""
    raw: Any = stream
    if isinstance(stream, io.TextIOBase):
        raw = getattr(stream, "buffer", None)
        if raw is None:
            return None
    try:
        fd = raw.fileno()
        if not stat.S_ISREG(os.fstat(fd).st_mode) or not raw.seekable():
            return None
    except (AttributeError, OSError, ValueError):
        return None
    if _appending(fd):  # pwrite would ignore the offsets and append instead
        return None
    stream.flush()
    return fd, os.lseek(fd, 0, os.SEEK_CUR)


def _appending(fd: int) -> bool:
    """Whether ``fd`` was opened to append (``O_APPEND``), where writes go to the end."""
    try:
        import fcntl
    except ImportError:  # not on POSIX: no pwrite either
        return False
    return bool(fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_APPEND)


def _write_in_two(writer: _ReportWriter, stream: BinaryIO | TextIO, fd: int, start: int) -> None:
    """Write the report with a second process making its pairs meanwhile.

    The pairs (contradictions and supports) are most of a large report and
    need only the arrays of the reconciliation; a forked child makes and
    writes them (and the few revisions after them) while this process
    makes the rest.  What both need (see
    :meth:`_ReportWriter.make_shared`) is made before the fork.  Both write
    into the file at their own offsets (``pwrite``): this process first
    writes the head and propositions and tells the child where they end;
    the child, which went on making pairs meanwhile (holding up to
    :data:`HELD_AT_MOST` bytes of them), writes its part from there and
    says where it ended; this process then writes the rest, which it made
    meanwhile, from there.  The stream is left at the end of the report.

    Raises:
        OSError: If the child failed (its error is in the message).
    """
    writer.make_shared()
    begin_read, begin_write = os.pipe()  # where the child starts
    end_read, end_write = os.pipe()  # where it ended, or its error
    try:
        pid = os.fork()
    except OSError as exc:  # out of memory or processes, say
        for pipe in (begin_read, begin_write, end_read, end_write):
            os.close(pipe)
        raise _NoForkError from exc
    if pid == 0:  # the child: never returns
        status = 1
        try:
            os.close(begin_write)
            os.close(end_read)
            middle = writer.middle()
            # The lines made before the parent says where they go are held.
            held: list[bytes | bytearray] = []
            size = 0
            for data in middle:
                held.append(data)
                size += len(data)
                if size >= HELD_AT_MOST or _readable(begin_read):
                    break
            at = int(read_all(begin_read))
            pairs_out = _WrittenBehind(_Positioned(fd, at).write)
            try:
                held.reverse()
                while held:
                    pairs_out.write(held.pop())
                for data in middle:
                    pairs_out.write(data)
            finally:
                pairs_out.close()
            os.write(end_write, str(at + pairs_out.written).encode())
            status = 0
        except BaseException as exc:  # noqa: BLE001 -- reported to the parent
            os.write(end_write, f"error: {type(exc).__name__}: {exc}".encode())
        finally:
            os._exit(status)
    os.close(begin_read)
    os.close(end_write)
    out: _WrittenBehind | None = None
    try:
        head = list(writer.head())
        with contextlib.suppress(BrokenPipeError):  # the child failed already: its error follows
            os.write(begin_write, str(start + sum(map(len, head))).encode())
        os.close(begin_write)
        begin_write = -1
        out = _WrittenBehind(_Positioned(fd, start).write)  # the head, while the tail is made
        for data in head:
            out.write(data)
        del head
        tail = list(writer.tail())  # made while the child writes the pairs
        said = read_all(end_read).decode()
        os.close(end_read)
        end_read = -1
        _, status = os.waitpid(pid, 0)
        pid = 0
        if status != 0 or not said.isdigit():
            why = said or f"exit status {os.waitstatus_to_exitcode(status)}"
            raise OSError(f"the process writing the report's pairs failed: {why}")
        out.close()
        out = _WrittenBehind(_Positioned(fd, int(said)).write)
        for data in tail:
            out.write(data)
        out.close()
    finally:
        for pipe in (begin_write, end_read):
            if pipe >= 0:
                os.close(pipe)
        if pid:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        if out is not None:
            out.close()
    stream.seek(int(said) + sum(map(len, tail)))


#: How many bytes a report writes into a file before it asks the system to
#: write them to disk and to drop from its cache those it asked about the
#: time before (see :class:`_Positioned`).
DROP_BEHIND: Final = 1 << 25


class _Positioned:
    """Writes bytes into a file from an offset on, whatever the file's own position.

    A report of millions of pairs is gigabytes, written once.  Kept in the
    system's cache, it would push out as much of what other programs use,
    and the system would find fresh memory for every page of it, which
    takes longer than writing the page (on a virtual machine, several
    times longer: 2.5 GB took 6 to 8 s of system time, against about 1 s
    with what follows).  So every :data:`DROP_BEHIND` bytes the writer
    asks the system (``posix_fadvise``, ``POSIX_FADV_DONTNEED``) to start
    writing them to disk and to drop from the cache those of the time
    before, which are on disk by then; the system reuses their memory for
    the next.  It never waits for the disk: a page not yet written stays
    cached as it would have.
    """

    def __init__(self, fd: int, at: int) -> None:
        self.fd = fd
        self.at = at
        # From where the writer last asked, and where it asked the time before.
        self._asked = self._asked_before = at

    def write(self, data: bytes | bytearray) -> None:
        """Write ``data`` at the offset, and move the offset past it."""
        view = memoryview(data)
        while view:
            done = os.pwrite(self.fd, view, self.at)
            self.at += done
            view = view[done:]
        if self.at - self._asked >= DROP_BEHIND and hasattr(os, "posix_fadvise"):
            start = self._asked_before
            with contextlib.suppress(OSError):  # only advice: a system may not take it
                os.posix_fadvise(self.fd, start, self.at - start, os.POSIX_FADV_DONTNEED)
            self._asked_before, self._asked = self._asked, self.at


def _sink(stream: BinaryIO | TextIO) -> Callable[[bytes | bytearray], object]:
    """A function writing bytes to ``stream``."""
    if isinstance(stream, io.TextIOBase):
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            return lambda data: stream.write(bytes(data).decode("utf-8"))
        stream.flush()
        return buffer.write  # type: ignore[no-any-return]
    return stream.write  # type: ignore[return-value]


class _WrittenBehind:
    """Bytes gathered into large pieces and written on a thread of their own.

    Writing a large report is as slow as making it: the system lets a
    process write no faster than the disk takes the data.  The writing
    thread waits for the disk while the report's next pieces are made
    (a thread blocked in a write lets Python run).  At most a few pieces
    wait to be written, so memory stays bounded; an error in writing is
    raised in the caller, at the next write or at :meth:`close`.
    """

    PIECE: Final = 1 << 22  # bytes gathered before a piece is handed over
    WAITING: Final = 8  # pieces handed over but not yet written, at most

    def __init__(self, write: Callable[[bytes | bytearray], object]) -> None:
        self._pending: queue.Queue[bytes | bytearray | None] = queue.Queue(self.WAITING)
        self._gathered: list[bytes | bytearray] = []
        self._size = 0
        #: How many bytes were given to write.
        self.written = 0
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(write,), daemon=True)
        self._thread.start()

    def _run(self, write: Callable[[bytes | bytearray], object]) -> None:
        while (data := self._pending.get()) is not None:
            if self._error is None:
                try:
                    write(data)
                except BaseException as exc:  # noqa: BLE001 -- raised in the caller
                    self._error = exc

    def write(self, data: bytes | bytearray) -> None:
        """Write ``data`` (after what was written before).

        Blocks of lines are gathered into pieces too: handing each block
        over as it is, without the copy, was measured slower (a 1M-claim
        report took 13.3 to 13.6 s against 11.2 to 11.9 s).
        """
        if self._error is not None:
            raise self._error
        self._gathered.append(data)
        self._size += len(data)
        self.written += len(data)
        if self._size >= self.PIECE:
            self._hand_over()

    def _hand_over(self) -> None:
        if self._gathered:
            piece = self._gathered[0] if len(self._gathered) == 1 else b"".join(self._gathered)
            self._pending.put(piece)
            self._gathered, self._size = [], 0

    def close(self) -> None:
        """Write what is left and wait for the thread; raise its error, if any."""
        if self._thread.is_alive():
            if self._error is None:
                self._hand_over()
            self._pending.put(None)
            self._thread.join()
        if self._error is not None:
            raise self._error


#: What starts each item of a top-level list but the first.
_NEXT: Final = ",\n    "


def _flags(text: str) -> Callable[[Any, Any], _lines.Piece]:
    """``text`` with its two ``{}`` filled, in JSON, by two arrays of booleans: a line's piece.

    The piece takes, for each line, the row ``2 * a + b`` of a table whose
    rows go false-false, false-true, true-false, true-true.
    """
    import numpy as np

    from claimcheck import _lines

    table = _lines.table(
        [text.format(_JSON[a], _JSON[b]) for a in (False, True) for b in (False, True)]
    )
    return lambda a, b: (table, a.astype(np.int64) * 2 + b)


class _ReportWriter:
    """Writes one reconciliation's JSON report, section by section.

    The layout is :func:`write_json`'s: each top-level key on a line of its
    own, each item of a top-level list on a line of its own.  Every item
    is made starting with :data:`_NEXT`, which the first item of a list
    leaves out.
    """

    def __init__(self, result: Reconciliation, trust: Reliability | None) -> None:
        self.result = result
        self.trust = trust
        self.listing = result.listing
        self.table = result.listing.table
        self.encode = _item_encoder()
        #: Each proposition's id as JSON, in the case's order.
        self.proposition_ids = [encode_basestring(p) for p in self.table.propositions]
        self._written: dict[tuple[Any, ...], str] = {}
        #: Values' data and words, shared by the propositions and the claims.
        self.values = _Values(self.table.text)
        #: Each value's entries in a claim's line, by :meth:`_Values.key`.
        self._claim_entries: dict[tuple[Any, ...], str] = {}

    @cached_property
    def id_table(self) -> Any:
        """The claims' ids as JSON, by rank, as a table for :func:`claimcheck._lines.lines`."""
        from claimcheck import _lines

        return _lines.table(list(map(encode_basestring, self.table.ids)))

    def make_shared(self) -> None:
        """Work out what both the pairs and the claims need, before a second process forks.

        Each claim's phrase (:attr:`~claimcheck.reconciliation._Table.phrases`)
        and the table of ids, made once here instead of once in each
        process.  The second process then works mostly on arrays and
        touches few claims, so that fewer of the pages the two share are
        copied.
        """
        self.table.phrases  # noqa: B018 -- a cached property, made now
        self.id_table  # noqa: B018

    @property
    def kinds(self) -> Any:
        """Per proposition (in the case's order), which words its reasons use (:data:`_REASONS`)."""
        import numpy as np

        number = {"quantity": 0, "sequence": 1}
        return np.array(
            [number.get(p.kind, 2) for p in self.table.propositions.values()], dtype=np.int64
        )

    # The report in three parts: the head and propositions; the middle
    # (contradictions and supports, most of a large report, and revisions);
    # and the rest, from the claims on.

    def head(self) -> Iterator[bytes | bytearray]:
        """The report up to its propositions, included."""
        result, encode = self.result, self.encode
        case = result.case
        propositions = sorted(result.propositions, key=lambda r: r.proposition.id)
        statuses = dict.fromkeys(Status.ALL, 0)
        for p in propositions:
            statuses[p.status] += 1
        info = {
            key: getattr(case.info, key)
            for key in ("id", "title", "date")
            if getattr(case.info, key) is not None
        }
        summary = {
            "sources": len(case.sources),
            "propositions": len(propositions),
            "claims": len(case.claims),
            **{s.replace("-", "_"): n for s, n in statuses.items()},
            "contradictions": result.number_of_contradictions,
            "supports": result.number_of_supports,
            "revisions": len(result.revisions),
        }
        yield (
            f"{{\n  {encode('claimcheck_report')}: {REPORT_VERSION},\n"
            f"  {encode('case')}: {encode(info)},\n"
            f"  {encode('max_pairs')}: {result.max_pairs},\n"
            f"  {encode('summary')}: {encode(summary)}"
        ).encode()
        values = self.values
        yield from self.section(
            "propositions", (_NEXT + encode(_proposition_data(p, values)) for p in propositions)
        )

    def middle(self) -> Iterator[bytes | bytearray]:
        """The contradictions, the supports and the revisions."""
        yield from self.section("contradictions", self.contradictions())
        yield from self.section("supports", self.supports())
        revisions = (_NEXT + self.encode(_revision_data(r)) for r in self.result.revisions)
        yield from self.section("revisions", revisions)

    def tail(self) -> Iterator[bytes | bytearray]:
        """The report from its claims on."""
        result, encode = self.result, self.encode
        yield from self.section("claims", self.claims())
        yield from self.section("sources", (_NEXT + encode(s) for s in _sources_data(result)))
        if self.trust is not None:
            yield f",\n  {encode('trust')}: {encode(trust_data(result, self.trust))}".encode()
        yield b"\n}\n"

    def section(
        self, key: str, items: Iterable[str | bytes | bytearray]
    ) -> Iterator[bytes | bytearray]:
        """A top-level list: ``[]`` when empty, else one item a line."""
        yield f",\n  {self.encode(key)}: ".encode()
        first = True
        for item in items:
            data = item.encode() if isinstance(item, str) else item
            if not data:
                continue
            if first:
                yield b"[\n    "
                data = data[len(_NEXT) :]
                first = False
            yield data
        yield b"[]" if first else b"\n  ]"

    # -- supports and contradictions, from the arrays

    def _heads(self, claims: Any, key: str) -> list[_lines.Piece]:
        """The pieces that begin pair lines: the proposition, then ``key`` and the claim's id.

        Args:
            claims: Each pair's first claim.
            key: What comes before the claim's id.
        """
        return [
            (self.proposition_heads, self.table.proposition[claims]),
            key.encode(),
            (self.id_table, claims),
        ]

    @cached_property
    def proposition_heads(self) -> Any:
        """The beginning of a pair line, up to its proposition, per proposition (in the case's order)."""
        from claimcheck import _lines

        return _lines.table([f'{_NEXT}{{"proposition": {p}, ' for p in self.proposition_ids])

    def supports(self) -> Iterator[bytes | bytearray]:
        """The supports' lines, in blocks."""
        from claimcheck import _lines

        listing = self.listing
        claims, by = listing.supports.first, listing.supports.second
        if not len(claims):
            return
        ids = self.id_table
        flags = _flags(', "independent": {}, "cross_bloc": {}}}')
        independent, cross_bloc = listing.support_independent, listing.support_cross_bloc
        for start in range(0, len(claims), _lines.BLOCK):
            end = min(len(claims), start + _lines.BLOCK)
            yield _lines.lines(
                [
                    *self._heads(claims[start:end], '"claim": '),
                    b', "by": ',
                    (ids, by[start:end]),
                    flags(independent[start:end], cross_bloc[start:end]),
                ],
                end - start,
            )

    def contradictions(self) -> Iterator[bytes | bytearray]:
        """The contradictions' lines: the pairs in blocks, the others where they fall."""
        import numpy as np

        listing, table, encode = self.listing, self.table, self.encode
        rank = table.rank_of
        n = len(table.ids)
        # Joint and part-whole contradictions, each where its claims put it:
        # after the pairs whose claims come first (a pair before a joint
        # contradiction it begins).
        others = sorted(
            (
                (tuple(map(rank, x.claims)), x)
                for x in itertools.chain(listing.joint, self.result.part_whole)
            ),
            key=operator.itemgetter(0),
        )
        first, second = listing.contradictions.first, listing.contradictions.second
        keys = first * n + second
        where = np.searchsorted(
            keys,
            np.array([ranks[0] * n + ranks[1] for ranks, _ in others], dtype=np.int64),
            side="right",
        ).tolist()
        pairs = self._pair_lines()
        done = 0
        for at, (_, other) in zip(where, others, strict=True):
            yield from pairs(done, at)
            yield (_NEXT + encode(_contradiction_data(other))).encode()
            done = at
        yield from pairs(done, len(keys))

    def _pair_lines(self) -> Callable[[int, int], Iterator[bytes | bytearray]]:
        """A function giving the lines of the pair contradictions from one place to another.

        What varies from pair to pair is worked out a block of lines at a
        time: arrays over all the pairs of a large report would each take
        tens of megabytes of fresh memory.
        """
        from claimcheck import _lines

        listing = self.listing
        first, second = listing.contradictions.first, listing.contradictions.second
        if not len(first):
            return lambda start, end: iter(())
        flags = _flags('], "independent": {}, "vague": {}, "reason": "')
        independent, vague = listing.contradiction_independent, listing.contradiction_vague
        reasons = self._reasons(first, second)
        ids = self.id_table

        def lines(start: int, end: int) -> Iterator[bytes | bytearray]:
            for begin in range(start, end, _lines.BLOCK):
                stop = min(end, begin + _lines.BLOCK)
                a, b = first[begin:stop], second[begin:stop]
                yield _lines.lines(
                    [
                        *self._heads(a, '"type": "pair", "claims": ['),
                        b", ",
                        (ids, b),
                        flags(independent[begin:stop], vague[begin:stop]),
                        *reasons(a, b),
                    ],
                    stop - begin,
                )

        return lines

    def _reasons(
        self, first: Any, second: Any
    ) -> Callable[[Any, Any], tuple[_lines.Piece, _lines.Piece]]:
        """The reasons of pairs, as a function of their claims giving two pieces of their lines.

        A reason opens with the words of one claim's phrase and what comes
        between (by the kind of proposition), and closes with the other's.
        The tables of both hold the phrases that the reasons of all the
        pairs ``(first, second)`` name; the function tells, for some of
        them, which entries to take.
        """
        import numpy as np

        from claimcheck import _lines

        listing, table = self.listing, self.table
        # The words of each phrase that a reason names, in a table.
        phrase, _ = table.phrases
        named = np.zeros(len(table.phrases[1]), dtype=bool)
        for start in range(0, len(first), _lines.BLOCK):
            named[phrase[first[start : start + _lines.BLOCK]]] = True
            named[phrase[second[start : start + _lines.BLOCK]]] = True
        phrases = np.flatnonzero(named)
        place = np.zeros(len(named), dtype=np.int64)  # where each phrase is among them
        place[phrases] = np.arange(len(phrases))
        shown = [encode_basestring(table.shown_phrase(p))[1:-1] for p in phrases.tolist()]
        opening = _lines.table([s + between for s in shown for between in _REASONS])
        closing = _lines.table([s + '"}' for s in shown])
        kinds, proposition = self.kinds, table.proposition
        first_point, last_point = listing.first_point, listing.last_point

        def pieces(a: Any, b: Any) -> tuple[_lines.Piece, _lines.Piece]:
            # The reason names the lower value first (quantities), else the pair's first claim.
            words = kinds[proposition[a]]
            a_first, a_last = first_point[a], first_point[b]
            b_first, b_last = last_point[a], last_point[b]
            swap = (words == 0) & ((a_last < a_first) | ((a_last == a_first) & (b_last < b_first)))
            lower, upper = np.where(swap, b, a), np.where(swap, a, b)
            return (
                (opening, place[phrase[lower]] * len(_REASONS) + words),
                (closing, place[phrase[upper]]),
            )

        return pieces

    # -- claims

    def claims(self) -> Iterator[bytes | bytearray]:
        """The claims' lines, in order of id, a block at a time.

        Each entry of a line is made once per distinct value -- the id;
        the source; the proposition; the written value, value and text
        (per phrase, :attr:`claimcheck.reconciliation._Table.phrases`); the
        state and origins; the support; the date -- and the lines are laid
        out from tables of them (:mod:`claimcheck._lines`).  What few
        claims have (quote, url, relays, citations) is made per claim.
        """
        import numpy as np

        from claimcheck import _lines, _pairs

        table, encode = self.table, self.encode
        sources = _lines.table(
            [
                f', "source": {encode_basestring(s.id)}, "proposition": '
                for s in self.result.case.sources
            ]
        )
        propositions = _lines.table([f'{quoted}, "written": ' for quoted in self.proposition_ids])
        pieces = _lines.table(self._value_pieces())
        states = _lines.table(
            [
                f', "state": "{name}", "origins": {encode(sorted(origins))}'
                for name in _STATE_NAMES
                for origins in table.origin_sets
            ]
        )
        state = table.state.astype(np.int64) * len(table.origin_sets) + table.origin_set
        supports = np.array([-1 if s is None else s for s in self.listing.support], np.int64)
        distinct_supports, support_at = _pairs.distinct_inverse(supports)
        support_words = _lines.table(
            ["" if n < 0 else f', "support": {n}' for n in distinct_supports.tolist()]
        )
        number: defaultdict[str | None, int] = defaultdict(itertools.count().__next__)
        date_at = np.fromiter(
            map(number.__getitem__, map(_get_date, table.claims)), np.int64, len(table.claims)
        )
        dates = _lines.table(
            ["" if d is None else f', "date": {encode_basestring(d)}' for d in number]
        )
        phrase = table.phrases[0]
        for start in range(0, len(table.claims), _CLAIM_BLOCK):
            end = min(len(table.claims), start + _CLAIM_BLOCK)
            at = slice(start, end)
            rest = list(map(self._rest, table.claims[start:end]))  # each line's end
            yield _lines.lines(
                [
                    _NEXT.encode() + b'{"id": ',
                    (self.id_table, np.arange(start, end)),
                    (sources, table.source[at]),
                    (propositions, table.proposition[at]),
                    (pieces, phrase[at]),
                    (states, state[at]),
                    (support_words, support_at[at]),
                    (dates, date_at[at]),
                    (_lines.table(rest), np.arange(end - start)),
                ],
                end - start,
            )

    def _rest(self, claim: Claim) -> str:
        """A claim's line from its quote on: the entries most claims do not have."""
        rest = "}"
        if claim.quote is None and claim.url is None and not claim.via and not claim.cites:
            return rest
        if claim.cites:
            rest = f', "cites": {self.encode(list(claim.cites))}{rest}'
        if claim.via:
            rest = f', "via": {self.encode(list(claim.via))}{rest}'
        if claim.url is not None:
            rest = f', "url": {encode_basestring(claim.url)}{rest}'
        if claim.quote is not None:
            rest = f', "quote": {encode_basestring(claim.quote)}{rest}'
        return rest

    def _value_pieces(self) -> list[str]:
        """Each phrase's ``written``, ``value`` and ``text`` entries (see :attr:`_Table.phrases`).

        The written part is made once per distinct written value, the rest
        once per interval (quantities) or value.
        """
        claims = self.table.claims
        return [
            self._written_piece(claims[r].written) + self._shown_value(claims[r])
            for r in self.table.phrases[1]
        ]

    def _written_piece(self, written: Any) -> str:
        if isinstance(written, str):  # most are
            return encode_basestring(written)
        key = written_key(written)  # equal values written differently are written apart
        piece = self._written.get(key)
        if piece is None:
            piece = self._written[key] = self.encode(_written(written))
        return piece

    def _shown_value(self, claim: Claim) -> str:
        prop, value = self.table.propositions[claim.proposition], claim.value
        where = self.values.key(prop, value)
        shown = self._claim_entries.get(where)
        if shown is None:
            data, text, _ = self.values(prop, value, where)  # made already if a position holds it
            shown = self._claim_entries[where] = (
                f', "value": {self.encode(data)}, "text": {self.encode(text)}'
            )
        return shown


_get_source = operator.attrgetter("source")
_get_proposition = operator.attrgetter("proposition")
_get_date = operator.attrgetter("date")
#: How many claims' lines are made at once.
_CLAIM_BLOCK: Final = 1 << 14
_JSON: Final = {False: "false", True: "true"}
#: The words between the two claims of a pair contradiction's reason, by
#: kind: quantities, sequences, the others.
_REASONS: Final = (" is below ", " cannot hold together with ", " excludes ")


def _sources_data(result: Reconciliation) -> list[dict[str, Any]]:
    """The report's source records, sorted by id."""
    shown = {s.id: s for s in result.sources}
    return [
        {
            "id": s.id,
            "name": s.name,
            "kind": s.kind,
            "root": shown[s.id].root,
            "bloc": shown[s.id].bloc,
            "claims": shown[s.id].claims,
            "contradictions": shown[s.id].contradictions,
        }
        for s in sorted(result.case.sources, key=lambda s: s.id)
    ]
