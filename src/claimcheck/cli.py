"""The command line: ``claimcheck COMMAND CASE ...``.

The CLI is thin: it parses arguments, calls the library and prints.  Exit
codes: 0 done; 1 ``check`` found contradictions; 2 the input is invalid
(every problem on standard error as ``FILE:LINE: what is wrong``); 3 an
unexpected failure.  Set ``CLAIMCHECK_DEBUG=1`` to see the traceback of an
unexpected failure.
"""

from __future__ import annotations

import argparse
import functools
import io
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

from claimcheck import __version__
from claimcheck._algorithms import ALGORITHMS as TRUST_ALGORITHMS
from claimcheck._memory import cyclic_gc_paused
from claimcheck.dumper import write_atomic
from claimcheck.errors import InvalidCaseError
from claimcheck.loader import load, loads
from claimcheck.model import Case
from claimcheck.reconciliation import DEFAULT_MAX_PAIRS, reconcile
from claimcheck.render import DEFAULT_OPTIONS, RENDERERS, WRITERS, RenderOptions, people_data
from claimcheck.report import write_report

__all__ = [
    "EXIT_CONTRADICTIONS",
    "EXIT_FAILURE",
    "EXIT_INVALID",
    "EXIT_OK",
    "main",
    "use_colour",
]

#: The names of claimcheck.graph_formats.GRAPH_FORMATS, known without importing networkx.
GRAPH_FORMAT_NAMES = ("dot", "gexf", "graphml", "json")

EXIT_OK = 0
EXIT_CONTRADICTIONS = 1
EXIT_INVALID = 2
EXIT_FAILURE = 3

Command = Callable[[argparse.Namespace, TextIO, TextIO], int]


def read_case(args: argparse.Namespace) -> Case:
    """Load the case the arguments name (``-`` is standard input)."""
    if args.case == "-":
        return loads(sys.stdin.buffer.read(), format=args.input_format, name="<stdin>")
    return load(args.case)


def _validate(args: argparse.Namespace, out: TextIO, _err: TextIO) -> int:
    case = read_case(args)
    name = "<stdin>" if args.case == "-" else args.case
    out.write(
        f"{name}: valid: {len(case.sources)} sources, {len(case.propositions)} "
        f"propositions, {len(case.claims)} claims\n"
    )
    return EXIT_OK


def _emit(
    args: argparse.Namespace, text: str | Callable[[TextIO], object], out: TextIO, err: TextIO
) -> int:
    """Write output to ``-o FILE`` or to standard output, whole or not at all.

    ``text`` is the output, or a function that writes it to a stream (the
    JSON report, written item by item).  A file is written through a
    temporary file, streamed, so neither a failure while writing nor a
    failed write leaves a file behind.  Standard output gets the output
    only once it is whole, so a failure leaves no truncated output there
    either (at the cost of holding it; ``-o`` does not).
    """
    if not args.output:
        if not isinstance(text, str):
            buffer = io.StringIO()
            text(buffer)
            text = buffer.getvalue()
        out.write(text)
        return EXIT_OK
    try:
        write_atomic(Path(args.output), text)
    except OSError as exc:
        err.write(f"claimcheck: cannot write {args.output}: {exc.strerror or exc}\n")
        return EXIT_FAILURE
    return EXIT_OK


def use_colour(args: argparse.Namespace, out: TextIO) -> bool:
    """Whether to colour text output: a terminal, no ``-o``, no ``NO_COLOR``.

    ``NO_COLOR`` counts when set and not empty (https://no-color.org), and so
    does ``TERM=dumb``.
    """
    if args.output or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(out, "isatty", None)
    return bool(isatty is not None and isatty())


def _report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    result = reconcile(read_case(args), max_pairs=args.max_pairs)
    trust = None
    if args.trust:
        from claimcheck import reliability  # loaded only for --trust

        try:
            trust = reliability.estimate(
                result,
                args.trust,
                max_iterations=args.trust_iterations,
                tolerance=args.trust_tolerance,
            )
        except reliability.ReliabilityError as exc:
            err.write(f"claimcheck: --trust {args.trust}: {exc}\n")
            return EXIT_INVALID
    if args.format == "json":  # streamed from the reconciliation: no report data is built
        return _emit(args, functools.partial(write_report, result, trust=trust), out, err)
    # Only HTML draws pictures; the others keep no list whole for the graph picture.
    pictures = DEFAULT_OPTIONS.pictures if args.format == "html" else 0
    options = RenderOptions(colour=use_colour(args, out), pictures=pictures)
    data = people_data(result, options, trust=trust)  # only what the format shows
    write = WRITERS[args.format]  # a proposition at a time
    return _emit(args, lambda stream: write(data, stream, options), out, err)


def _graph(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    result = reconcile(read_case(args), max_pairs=args.max_pairs)
    # networkx loads only for this command, so the others start quickly.
    from claimcheck.graph import to_networkx
    from claimcheck.graph_formats import GRAPH_FORMATS

    return _emit(args, GRAPH_FORMATS[args.format](to_networkx(result)), out, err)


def _check(args: argparse.Namespace, out: TextIO, _err: TextIO) -> int:
    result = reconcile(read_case(args), max_pairs=args.max_pairs)
    count = result.number_of_contradictions
    contested = [p.proposition.id for p in result.propositions if p.status == "contested"]
    if not count:
        out.write("no contradictions\n")
        return EXIT_OK
    out.write(
        f"{count} contradiction{'s' if count != 1 else ''} in "
        f"{len(contested)} contested proposition{'s' if len(contested) != 1 else ''}: "
        f"{', '.join(contested)}\n"
    )
    return EXIT_CONTRADICTIONS


def _whole_number(least: int, rule: str) -> Callable[[str], int]:
    """An argparse type: a whole number of at least ``least``, else ``rule`` as the error."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if value < least:
            raise argparse.ArgumentTypeError(rule)
        return value

    return parse


_max_pairs = _whole_number(0, "must be 0 (no limit) or more")
_iterations = _whole_number(1, "must be 1 or more")


def _tolerance(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 <= value < float("inf"):
        raise argparse.ArgumentTypeError("must be 0 or more, and finite")
    return value


def _add_trust(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--trust",
        choices=TRUST_ALGORITHMS,
        metavar="ALGORITHM",
        help="add each source's trust, as estimated by ALGORITHM, to the report: "
        + ", ".join(TRUST_ALGORITHMS),
    )
    parser.add_argument(
        "--trust-iterations",
        type=_iterations,
        metavar="N",
        help="run the trust algorithm at most N iterations (default: the algorithm's own)",
    )
    parser.add_argument(
        "--trust-tolerance",
        type=_tolerance,
        metavar="X",
        help="stop once an iteration changes the trust scores by less than X "
        "(default: the algorithm's own)",
    )
    parser.set_defaults(check=functools.partial(_check_trust, parser))


def _check_trust(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Refuse the trust controls without --trust, rather than ignore them."""
    if args.trust is not None:
        return
    for option, value in (
        ("--trust-iterations", args.trust_iterations),
        ("--trust-tolerance", args.trust_tolerance),
    ):
        if value is not None:
            parser.error(f"argument {option}: needs --trust ALGORITHM")


def _add_max_pairs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-pairs",
        type=_max_pairs,
        default=DEFAULT_MAX_PAIRS,
        metavar="N",
        help="list at most N supports and N pair contradictions per proposition "
        f"(default {DEFAULT_MAX_PAIRS:,}; 0 means no limit); counts stay exact",
    )


def _add_output(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (whole or not at all)"
    )


def _add_case_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "case", metavar="CASE", help="a .yaml, .yml or .json case file, or - for standard input"
    )
    parser.add_argument(
        "--input-format",
        choices=("yaml", "json"),
        default="yaml",
        help="the format of standard input (default: yaml)",
    )


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser, one subcommand per job."""
    parser = argparse.ArgumentParser(
        prog="claimcheck",
        description="Reconcile contested claims: what contradicts what, what is "
        "corroborated by independent sources, and what every source agrees on.",
    )
    parser.add_argument("--version", action="version", version=f"claimcheck {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    validate = commands.add_parser(
        "validate",
        help="parse and validate a case file only",
        description="Parse and validate a case file. Every problem is listed on standard "
        "error as FILE:LINE: what is wrong, and the exit code is 2.",
        epilog="example: claimcheck validate fixtures/starter.yaml",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_case_argument(validate)
    validate.set_defaults(run=_validate)

    report = commands.add_parser(
        "report",
        help="reconcile a case and print its contradiction report",
        description="Reconcile a case: what contradicts what, what is corroborated by\n"
        "independent sources, what the other side concedes, and what every source\n"
        "agrees on.\n\n"
        "formats:\n"
        "  text      for a terminal, one block per proposition, contested first\n"
        "            (coloured on a terminal unless NO_COLOR is set)\n"
        "  markdown  the same, for an article draft or an issue\n"
        "  html      one self-contained page with pictures (the pictures need\n"
        "            matplotlib: pip install 'claimcheck[html]')\n"
        "  json      the complete report as data (version 1)\n"
        "Text and Markdown list at most 20 contradictions and supports per\n"
        "proposition and count the rest; JSON lists them all (up to --max-pairs).\n\n"
        "--trust ALGORITHM adds each source's trust and each proposition's favoured\n"
        "value to every format, as estimates of a truth-discovery algorithm:\n"
        "  majority, sums, average-log, investment, pooled-investment, truthfinder\n"
        "  (categories, assertions and quantities), crh (quantities only).",
        epilog="examples:\n"
        "  claimcheck report fixtures/zhanaozen-2011.yaml\n"
        "  claimcheck report case.yaml --format html -o report.html\n"
        "  claimcheck report case.yaml --trust truthfinder\n"
        "  cat case.json | claimcheck report - --input-format json --format json",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_case_argument(report)
    report.add_argument(
        "--format",
        choices=sorted(RENDERERS),
        default="text",
        help="the report format (default: text)",
    )
    _add_output(report)
    _add_max_pairs(report)
    _add_trust(report)
    report.set_defaults(run=_report)

    graph = commands.add_parser(
        "graph",
        help="write the support and contradiction graph for Gephi, Cytoscape or Graphviz",
        description="Reconcile a case and write its graph: sources, claims and propositions\n"
        "as nodes; asserts, about, part_of, relays, cites, supports, contradicts and\n"
        "supersedes as edges, each with its attributes.\n\n"
        "formats:\n"
        "  graphml  GraphML (Gephi, Cytoscape, yEd; networkx.read_graphml)\n"
        "  gexf     GEXF 1.2 (Gephi; networkx.read_gexf); a contradiction's type\n"
        "           is written as contradiction_type, as GEXF reserves 'type'\n"
        "  json     node-link JSON (networkx.node_link_graph(data, edges='edges'))\n"
        "  dot      Graphviz DOT (dot -Tsvg graph.dot -o graph.svg)",
        epilog="examples:\n"
        "  claimcheck graph fixtures/zhanaozen-2011.yaml --format graphml -o case.graphml\n"
        "  claimcheck graph case.yaml --format dot | dot -Tsvg -o case.svg",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_case_argument(graph)
    graph.add_argument(
        "--format",
        choices=GRAPH_FORMAT_NAMES,
        default="graphml",
        help="the graph format (default: graphml)",
    )
    _add_output(graph)
    _add_max_pairs(graph)
    graph.set_defaults(run=_graph)

    check = commands.add_parser(
        "check",
        help="exit 1 when any contradiction stands",
        description="Reconcile a case and exit 1 when any contradiction stands among "
        "current claims (0 when none; 2 when the case is invalid).",
        epilog="example: claimcheck check case.yaml || echo contested",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    _add_case_argument(check)
    _add_max_pairs(check)
    check.set_defaults(run=_check)
    return parser


def main(
    argv: Sequence[str] | None = None, *, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    """Run the command line and return its exit code.

    Example:
        >>> main(["validate", "fixtures/starter.yaml"])
        fixtures/starter.yaml: valid: 4 sources, 3 propositions, 7 claims
        0
    """
    out = stdout or sys.stdout
    err = stderr or sys.stderr
    args = build_parser().parse_args(argv)
    check: Callable[[argparse.Namespace], None] | None = getattr(args, "check", None)
    if check is not None:
        check(args)  # usage errors that depend on several options
    run: Command = args.run
    try:
        # A command builds large structures with almost no reference cycles
        # and then ends: the cyclic collector's full passes over millions of
        # objects would cost seconds and free nothing.
        with cyclic_gc_paused():
            return run(args, out, err)
    except InvalidCaseError as exc:
        for problem in exc.problems:
            err.write(f"{problem}\n")
        return EXIT_INVALID
    except KeyboardInterrupt:
        err.write("claimcheck: interrupted\n")
        return EXIT_FAILURE
    except Exception as exc:  # noqa: BLE001 -- the contract: no traceback, exit 3
        if os.environ.get("CLAIMCHECK_DEBUG"):
            traceback.print_exc(file=err)
        err.write(
            f"claimcheck: unexpected failure: {type(exc).__name__}: {exc}\n"
            "(set CLAIMCHECK_DEBUG=1 to see the traceback, and please report it)\n"
        )
        return EXIT_FAILURE
