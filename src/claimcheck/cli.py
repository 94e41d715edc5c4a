"""The command line: ``claimcheck COMMAND CASE ...``.

The CLI is thin: it parses arguments, calls the library and prints.  Exit
codes: 0 done; 1 ``check`` found contradictions; 2 the input is invalid
(every problem on standard error as ``FILE:LINE: what is wrong``); 3 an
unexpected failure.  Set ``CLAIMCHECK_DEBUG=1`` to see the traceback of an
unexpected failure.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from typing import TextIO

from claimcheck import __version__
from claimcheck.errors import InvalidCaseError
from claimcheck.loader import load, loads
from claimcheck.model import Case

__all__ = ["EXIT_CONTRADICTIONS", "EXIT_FAILURE", "EXIT_INVALID", "EXIT_OK", "main"]

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
    run: Command = args.run
    try:
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
