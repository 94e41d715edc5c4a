"""Tests of claimcheck.cli: the validate command, exit codes and what a user sees."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import claimcheck
from claimcheck import cli

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

BAD = "claimcheck: 1\nsources:\n  - {id: a, kind: ngoo}\nbogus: 1\n"
BAD_LINES = [
    "{name}:3: source 'a': kind 'ngoo' is not one of government, opposition, ngo, "
    "intergovernmental, media, witness, court, academic, encyclopedia, other; "
    "did you mean 'ngo'?",
    "{name}:4: unknown top-level key 'bogus'",
]


def run(*args: str, stdin: bytes = b"") -> tuple[int, str, str]:
    """Run ``python -m claimcheck ARGS`` in a fresh process; return code, stdout, stderr."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH")) if p)
    env.pop("CLAIMCHECK_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-m", "claimcheck", *args],
        input=stdin,
        capture_output=True,
        env=env,
        cwd=ROOT,
        check=False,
        timeout=60,
    )
    return done.returncode, done.stdout.decode(), done.stderr.decode()


def main(*args: str) -> tuple[int, str, str]:
    """Run the command line in this process; return code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(args), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_python_m_validates_the_fixtures() -> None:
    """`python -m claimcheck validate` exits 0 on the Zhanaozen fixture."""
    assert (
        0,
        "fixtures/zhanaozen-2011.yaml: valid: 20 sources, 45 propositions, 56 claims\n",
        "",
    ) == run("validate", "fixtures/zhanaozen-2011.yaml")


def test_python_m_reports_every_problem_without_a_traceback(tmp_path: Path) -> None:
    """Bad input exits 2 with FILE:LINE: lines on stderr and no traceback."""
    path = tmp_path / "bad.yaml"
    path.write_text(BAD, encoding="utf-8")
    code, out, err = run("validate", str(path))
    assert (2, "", [line.format(name=path) for line in BAD_LINES], False) == (
        code,
        out,
        err.splitlines(),
        "Traceback" in out + err,
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(
            b"\x89PNG\r\n\x1a\n\x00", "1: not a text file (byte 0 is not UTF-8)", id="binary"
        ),
        pytest.param(
            b"[" * 1_000, " the document is nested too deeply (more than 100 levels)", id="deep"
        ),
        pytest.param(
            b"a: &a [x, x, x, x, x, x, x, x]\nb: &b ["
            + b"*a, " * 3000
            + b"]\nc: ["
            + b"*b, " * 3000
            + b"]",
            "1: aliases expand to far more data than the file holds",
            id="aliases",
        ),
        pytest.param(
            b"claimcheck: 1\nextra: {n: " + b"9" * 5000 + b"}\nbogus: 1\n",
            "3: unknown top-level key 'bogus'",
            id="huge-number",
        ),
    ],
)
def test_hostile_input_exits_2_with_a_message(tmp_path: Path, content: bytes, message: str) -> None:
    """Binary, deeply nested, alias-bomb and huge-number files exit 2 with one line."""
    path = tmp_path / "hostile.yaml"
    path.write_bytes(content)
    assert (2, "", f"{path}:{message}\n") == main("validate", str(path))


def test_console_script_entry_point_validates() -> None:
    """The claimcheck script pyproject declares runs cli.main as the same program."""
    with (ROOT / "pyproject.toml").open("rb") as stream:
        target = tomllib.load(stream)["project"]["scripts"]["claimcheck"]
    module, _, function = target.partition(":")
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import sys; from {module} import {function}; sys.exit({function}())",
            "validate",
            "fixtures/starter.yaml",
        ],
        capture_output=True,
        env=env,
        cwd=ROOT,
        check=False,
        timeout=60,
    )
    assert (
        "claimcheck.cli:main",
        0,
        b"fixtures/starter.yaml: valid: 4 sources, 3 propositions, 7 claims\n",
    ) == (
        target,
        done.returncode,
        done.stdout,
    )


def main_with_stdin(
    stdin: bytes, monkeypatch: pytest.MonkeyPatch, *args: str
) -> tuple[int, str, str]:
    """Run the command line in this process with these bytes on standard input."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    return main(*args)


def test_standard_input_as_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """CASE - reads YAML from standard input and names it <stdin>."""
    assert (2, "", "".join(line.format(name="<stdin>") + "\n" for line in BAD_LINES)) == (
        main_with_stdin(BAD.encode(), monkeypatch, "validate", "-")
    )


def test_standard_input_as_json() -> None:
    """--input-format json reads JSON from standard input, in a fresh process."""
    case = (FIXTURES / "starter.yaml").read_text(encoding="utf-8")
    json_text = claimcheck.dumps(claimcheck.loads(case), format="json")
    assert (0, "<stdin>: valid: 4 sources, 3 propositions, 7 claims\n", "") == run(
        "validate", "-", "--input-format", "json", stdin=json_text.encode()
    )


def test_standard_input_with_invalid_json(monkeypatch: pytest.MonkeyPatch) -> None:
    """Broken JSON on standard input is reported as <stdin>:LINE."""
    assert (
        2,
        "",
        "<stdin>:1: not valid JSON: Expecting property name enclosed in double quotes "
        "(column 18)\n",
    ) == main_with_stdin(
        b'{"claimcheck": 1,}', monkeypatch, "validate", "-", "--input-format", "json"
    )


def test_version() -> None:
    """--version prints the package version."""
    assert (0, f"claimcheck {claimcheck.__version__}\n", "") == run("--version")


def test_validate_in_process() -> None:
    """`cli.main` returns 0 and prints a summary for a valid file."""
    assert (
        0,
        f"{FIXTURES / 'starter.yaml'}: valid: 4 sources, 3 propositions, 7 claims\n",
        "",
    ) == (main("validate", str(FIXTURES / "starter.yaml")))


def test_missing_file_exits_2(tmp_path: Path) -> None:
    """A file that does not exist is invalid input, exit 2."""
    path = tmp_path / "nowhere.yaml"
    assert (2, "", f"{path}: cannot read the file: No such file or directory\n") == main(
        "validate", str(path)
    )


def test_unknown_suffix_exits_2(tmp_path: Path) -> None:
    """A file that is not .yaml, .yml or .json is invalid input, exit 2."""
    path = tmp_path / "case.txt"
    path.write_text("claimcheck: 1\n", encoding="utf-8")
    assert (2, "", f"{path}: unknown file type; a case file ends in .yaml, .yml or .json\n") == (
        main("validate", str(path))
    )


def test_unexpected_failure_exits_3_without_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug inside the library exits 3 with one short message and no traceback."""

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.delenv("CLAIMCHECK_DEBUG", raising=False)
    monkeypatch.setattr(cli, "load", broken)
    assert (
        3,
        "",
        "claimcheck: unexpected failure: RuntimeError: boom\n"
        "(set CLAIMCHECK_DEBUG=1 to see the traceback, and please report it)\n",
    ) == main("validate", str(FIXTURES / "starter.yaml"))


def test_unexpected_failure_shows_the_traceback_when_debugging(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """CLAIMCHECK_DEBUG=1 adds the traceback of an unexpected failure."""

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setenv("CLAIMCHECK_DEBUG", "1")
    monkeypatch.setattr(cli, "load", broken)
    code, _, err = main("validate", str(FIXTURES / "starter.yaml"))
    assert (3, "Traceback (most recent call last):") == (code, err.splitlines()[0])
