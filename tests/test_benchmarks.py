"""Tests of benchmarks/run.py at a tiny size: it runs end to end (no timing checks)."""
# ruff: noqa: RUF001 -- en dashes and multiplication signs are test data

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from claimcheck import load

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"
TINY = 300


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("claimcheck_benchmarks_run", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


run = _load_script()


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A tiny generated case file and its description."""
    described: dict[str, Any] = run.prepare_case(TINY, 0, tmp_path_factory.mktemp("bench"))
    return described


def test_prepare_case_writes_a_loadable_file(case: dict[str, Any]) -> None:
    """The case file loads, and the description counts what it holds."""
    loaded = load(case["path"])
    assert TINY == len(loaded.claims)
    assert len(loaded.propositions) == case["propositions"]
    assert len(loaded.sources) == case["sources"]
    assert case["file_mb"] > 0


def test_child_times_every_stage(case: dict[str, Any]) -> None:
    """A fresh process reports each stage with its time and peak memory."""
    records = run.run_child("pipeline", Path(case["path"]), run.STAGES, timeout=120)
    assert list(run.STAGES) == [r["stage"] for r in records]
    assert all(r["seconds"] >= 0 and r["rss_mb"] > 0 for r in records)
    assert TINY == records[0]["claims"]
    rss = [r["rss_mb"] for r in records]
    assert sorted(rss) == rss  # a running peak never falls


def test_child_times_json_loads(case: dict[str, Any]) -> None:
    """The baseline process times plain json.loads."""
    (record,) = run.run_child("json", Path(case["path"]), [], timeout=120)
    assert "json_loads" == record["stage"]
    assert record["seconds"] >= 0
    assert record["check_seconds"] > 0  # and how fast the CPU was just then
    assert record["memory_seconds"] > 0  # and how costly page faults were


@pytest.fixture
def stuck(tmp_path: Path) -> Iterator[Path]:
    """A case path whose loading never ends: a named pipe nobody writes to.

    A stage that must run over cannot be one that merely takes long: a
    tiny case loads in milliseconds, and a test process kept off the CPU
    that long would see the stage finish before its timeout.  Opening this
    pipe blocks until the child is stopped.  Should the timeout fail to
    stop it, the pipe is opened from here after a minute, and in any case
    at the end of the test: a child still waiting then reads an empty file
    and fails, so that the test fails instead of hanging and leaves no
    process waiting.
    """
    path = tmp_path / "stuck.json"
    try:
        os.mkfifo(path)
    except OSError as exc:
        pytest.skip(f"no named pipe here: {exc}")

    def release() -> None:
        # Read and write: opening does not wait for the other end.
        os.close(os.open(path, os.O_RDWR | os.O_NONBLOCK))

    timer = threading.Timer(60, release)
    timer.start()
    try:
        yield path
    finally:
        timer.cancel()
        release()


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")


@needs_fifo
def test_stage_over_time_is_stopped(stuck: Path) -> None:
    """A stage that runs past the timeout is recorded as such; later stages are not run."""
    records = run.run_child("pipeline", stuck, run.STAGES, timeout=0.2)
    assert [{"stage": "load", "timeout": True, "limit": 0.2}] == records


def test_failing_child_is_reported(tmp_path: Path) -> None:
    """A process that fails is recorded with its last line of error."""
    missing = tmp_path / "missing.json"
    (record,) = run.run_child("pipeline", missing, run.STAGES, timeout=120)
    assert "load" == record["stage"]
    assert "missing.json" in record["error"]


@needs_fifo
def test_measure_stops_before_a_stage_that_ran_over(case: dict[str, Any], stuck: Path) -> None:
    """After a timeout, later repeats stop before that stage; the median says timeout."""
    result = run.measure({**case, "path": str(stuck)}, repeat=2, max_pairs=10, timeout=0.2)
    assert {"timeout": True} == result["median"]["load"]
    assert {"timeout": True} == result["median"]["command"]
    assert 1 == len(result["runs"])
    assert [[{"stage": "load", "timeout": True, "limit": 0.2}]] == [
        [r for r in records if r["stage"] != "command"] for records in result["runs"]
    ]


def test_main_end_to_end(tmp_path: Path) -> None:
    """The script runs at tiny sizes and writes the markdown report and raw data."""
    out, raw = tmp_path / "report.md", tmp_path / "raw.json"
    argv = ["--sizes", "150", str(TINY), "--repeat", "1", "--quiet", "--max-pairs", "5"]
    argv += ["--workdir", str(tmp_path), "-o", str(out), "--json", str(raw)]
    assert 0 == run.main(argv)
    text = out.read_text(encoding="utf-8")
    for heading in ("## Cases", "## Times", "## Growth", "load ÷ json.loads", "Machine:"):
        assert heading in text
    assert "| claims | speed check | memory check | json.loads |" in text
    assert "## The whole command, and the report" in text
    data = json.loads(raw.read_text(encoding="utf-8"))
    assert [150, TINY] == [r["size"] for r in data["results"]]
    assert 5 == data["settings"]["max_pairs"]
    medians = data["results"][1]["median"]
    assert {"json_loads", "command", *run.STAGES} == set(medians)
    assert medians["report"]["report_mb"] > 0
    assert medians["command"]["rss_mb"] > 0
    assert [] == list(tmp_path.glob("synthetic-*.json"))  # case files are removed
    assert not (tmp_path / "src").exists()  # and so is the copy of the code measured


def test_command_line_runs(tmp_path: Path) -> None:
    """The documented command works as a script, with only some stages."""
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--sizes", "100", "--repeat", "1", "--quiet"]
        + ["--stages", "reconcile", "--workdir", str(tmp_path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    assert "| 100 |" in proc.stdout
    assert "| – |" in proc.stdout  # the report and the graph were not run


def test_command_is_timed_whole_and_refuses_a_bad_case(tmp_path: Path) -> None:
    """The command run writes nothing behind; a case it refuses is an error, not a time."""
    good = run.run_command(Path(run.prepare_case(TINY, 0, tmp_path)["path"]), max_pairs=5)
    assert {"stage", "seconds", "rss_mb"} == set(good)
    bad = tmp_path / "bad.json"
    bad.write_text('{"claimcheck": 2}', encoding="utf-8")
    refused = run.run_command(bad)
    assert "command" == refused["stage"]
    assert "format version 2 is not supported" in refused["error"]
    assert [] == list(tmp_path.glob("*.command.json"))


def test_targets_section() -> None:
    """With 100k and 1M results the report checks the targets."""

    def result(size: int, seconds: float, rss: float) -> dict[str, Any]:
        stage = {"seconds": seconds, "rss_mb": rss}
        median = {s: dict(stage) for s in run.STAGES}
        median["report"].update(report_data=seconds / 2, write_json=seconds / 2)
        median["json_loads"] = {"seconds": seconds / 10}
        return {
            "size": size,
            "propositions": size // 10,
            "sources": 10,
            "largest_proposition": 10,
            "hubs": 0,
            "file_mb": 1.0,
            "generate_s": 1.0,
            "median": median,
        }

    about = run.machine()
    settings = {"seed": 0, "repeat": 1, "max_pairs": 10000, "timeout": 300.0, "snapshot": True}
    text = run.render_markdown(
        [result(100_000, 1.0, 500.0), result(1_000_000, 20.0, 5000.0)], about, settings
    )
    assert "load + reconcile + report ≤ 30 s: 60.0 s — **not met**" in text
    assert "peak RSS < 4 GB: 4.88 GB — **not met**" in text
    assert "100k → 1M at most 12×: 20.0× — **not met**" in text
    assert "| 100,000 → 1,000,000 | 10.0 | 20.0 | 20.0 | 20.0 | 20.0 | 10.0 |" in text


def test_machine_description() -> None:
    """The machine is described by CPU, cores, memory and Python version."""
    about = run.machine()
    assert {"cpu", "cores", "usable_cores", "memory_gb", "python", "platform"} <= set(about)
    assert about["python"].endswith(
        ".".join(map(str, sys.version_info[:2])) + "." + str(sys.version_info[2])
    )


def test_memory_limit_fails_the_stage(case: dict[str, Any]) -> None:
    """A process past its memory limit fails, and the failure is recorded, not raised."""
    records = run.run_child("pipeline", Path(case["path"]), run.STAGES, memory_mb=30)
    assert "error" in records[-1]
    assert len(records) <= len(run.STAGES)


def test_snapshot_copies_the_package(tmp_path: Path) -> None:
    """The copy of the source holds the package, without bytecode caches."""
    src = run.snapshot_source(tmp_path)
    assert src is not None
    assert (src / "claimcheck" / "generate.py").is_file()
    assert [] == list(src.rglob("__pycache__"))


def test_unfinished_pipeline_shows_memory_so_far() -> None:
    """When a stage ran over, the peak memory is shown as a lower bound, not a verdict."""
    median = {
        "load": {"seconds": 90.0, "rss_mb": 2302.0},
        "reconcile": {"timeout": True},
        "json_loads": {"seconds": 5.0},
    }
    case = {
        "size": 1_000_000,
        "propositions": 1,
        "sources": 1,
        "largest_proposition": 1,
        "hubs": 0,
        "file_mb": 1.0,
        "generate_s": 1.0,
        "median": median,
    }
    settings = {"seed": 0, "repeat": 1, "max_pairs": 10000, "timeout": 300.0}
    text = run.render_markdown([case], run.machine(), settings)
    assert "| 90.00 | 18.0× | timeout | – | – | – | ≥ 2,302 (to load) |" in text
    assert "load + reconcile + report ≤ 30 s: not measured" in text
    assert "peak RSS < 4 GB: not measured" in text
