"""The report as data: the version-1 JSON report of a reconciliation.

:func:`report_data` turns a :class:`~claimcheck.reconciliation.Reconciliation`
into plain data (dicts, lists, numbers, text) shaped exactly as the JSON
report contract says; :func:`render_json` writes it as bytes that are the
same for the same case, every time.  The other formats render from the same
data.
"""

from __future__ import annotations

import io
import itertools
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Final, TextIO

from claimcheck._frozen import thaw
from claimcheck._memory import cyclic_gc_paused
from claimcheck.logic import describe, reduced_precedences
from claimcheck.model import Case, Claim, Proposition, QuantityProposition
from claimcheck.reconciliation import (
    Aggregates,
    Contradiction,
    Position,
    PropositionResult,
    Reconciliation,
    Revision,
    Status,
    Support,
    source_roots,
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
]

REPORT_VERSION: Final = 1
#: Trust scores and beliefs are rounded to this many decimal places, so that
#: the report does not depend on the last bits of floating-point arithmetic.
TRUST_DIGITS: Final = 6


def number(x: Decimal) -> int | float:
    """A Decimal as a JSON number: an int when whole, else the nearest float.

    Example:
        >>> number(Decimal("14")), number(Decimal("2.5"))
        (14, 2.5)
    """
    if x == x.to_integral_value():
        return int(x)
    return float(x)


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


def value_data(proposition: Proposition, value: Value | None) -> dict[str, Any] | None:
    """A value as the report writes it: its parts by kind, and ``text``.

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
    out["text"] = describe(proposition, value)
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


def _position_data(prop: Proposition, position: Position) -> dict[str, Any]:
    value = value_data(prop, position.value)
    assert value is not None
    text = value.pop("text")
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


def _proposition_data(result: PropositionResult) -> dict[str, Any]:
    prop = result.proposition
    out: dict[str, Any] = {
        "id": prop.id,
        "kind": prop.kind,
        "text": prop.text,
        "status": result.status,
        "claims": list(result.claims),
        "current": list(result.current),
        "common_ground": value_data(prop, result.common_ground) if result.current else None,
    }
    if isinstance(prop, QuantityProposition):
        out["unit"] = prop.unit
        if prop.part_of is not None:
            out["part_of"] = prop.part_of
    if result.positions is None:
        out["positions"] = []
        out["positions_omitted"] = True
    else:
        out["positions"] = [_position_data(prop, p) for p in result.positions]
    if result.aggregates is not None:
        out["aggregates"] = _aggregates_data(prop, result.aggregates)
    out["supports"] = result.number_of_supports
    out["contradictions"] = (
        result.number_of_pair_contradictions + result.number_of_joint_contradictions
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


def report_data(result: Reconciliation, *, trust: Reliability | None = None) -> dict[str, Any]:
    """Return the version-1 report of a reconciliation as plain data.

    Lists are sorted as the contract says: propositions, sources and claims
    by id; contradictions and supports by their claim ids.  With ``trust``
    (from :func:`claimcheck.reliability.estimate`), the report ends with a
    ``trust`` entry (see :func:`trust_data`); without it, there is none.

    Raises:
        ValueError: If ``result`` covers only some propositions (use
            :func:`partial_report_data` and :func:`merge_report_data`).

    Example:
        >>> import claimcheck
        >>> from claimcheck.reconciliation import reconcile
        >>> data = report_data(reconcile(claimcheck.load("fixtures/starter.yaml")))
        >>> data["summary"]["contested"], data["contradictions"][0]["reason"]
        (2, 'three (3) is below dozens of people (12 to 99)')
    """
    result.check_whole("report_data")
    with cyclic_gc_paused():
        data = merge_report_data(result.case, [partial_report_data(result)])
    if trust is not None:
        data["trust"] = trust_data(result, trust)
    return data


def partial_report_data(result: Reconciliation) -> dict[str, Any]:
    """Return what one reconciliation adds to a report, for :func:`merge_report_data`.

    The result may cover only some propositions of a case (see
    :func:`claimcheck.partition.split`); the data then holds their entries,
    their claims, and each source's counts over them alone.  It is plain,
    JSON-ready data, so parts reconciled elsewhere can be sent back to be
    merged.  Its lists are not yet in the report's order.
    """
    covered = result.proposition_ids
    claims = [c for c in result.case.claims if c.proposition in covered]
    return {
        "max_pairs": result.max_pairs,
        "propositions": [_proposition_data(p) for p in result.propositions],
        "contradictions": [_contradiction_data(c) for c in result.contradictions],
        "number_of_contradictions": result.number_of_contradictions,
        "supports": [_support_data(s) for s in result.supports],
        "number_of_supports": result.number_of_supports,
        "revisions": [_revision_data(r) for r in result.revisions],
        "claims": [_claim_data(result, c) for c in claims],
        "sources": [
            {"id": s.id, "claims": s.claims, "contradictions": s.contradictions}
            for s in result.sources
            if s.claims or s.contradictions
        ],
    }


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
