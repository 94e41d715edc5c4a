"""Benchmark claimcheck on synthetic cases of growing size.

Run from the repository root::

    python benchmarks/run.py --sizes 10000 100000 1000000 --repeat 3

For each size the case is generated once (:mod:`claimcheck.generate`, fixed
seed) and written as JSON.  Each measurement then runs in a fresh Python
process, which imports claimcheck first (not timed) and times each stage
separately:

* ``load`` -- :func:`claimcheck.load` of the JSON file;
* ``reconcile`` -- :func:`claimcheck.reconciliation.reconcile`;
* ``report`` -- :func:`~claimcheck.report.write_report` to a file, as
  ``claimcheck report --format json -o FILE`` does;
* ``graph`` -- :func:`claimcheck.graph.to_networkx`.

As in the ``claimcheck`` command, the cyclic garbage collector is paused
while the stages run.  After each stage the process reports its peak
resident set so far: the largest of its own and of the child processes
that reconciling and reporting may fork (``getrusage``'s ``ru_maxrss`` of
``RUSAGE_SELF`` and of ``RUSAGE_CHILDREN``).  Another fresh
process times plain ``json.loads`` of the same file, for comparison with
``load``, and a third runs the command itself, ``python -m claimcheck
report FILE --format json -o OUT``, from start to exit (its peak resident
set read by ``wait4``).  The table gives medians over the repeats.  A stage that runs past ``--timeout``
seconds is stopped (the process is killed); the stages after it are not
measured, and later repeats stop before it.

The script prints a markdown report (or writes it with ``-o``); ``--json``
also writes the raw measurements.
"""

# ruff: noqa: RUF001 -- the markdown report writes multiplication signs and en dashes on purpose

from __future__ import annotations

import argparse
import contextlib
import itertools
import json
import mmap
import os
import platform
import queue
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

ROOT: Final = Path(__file__).resolve().parent.parent
SRC: Final = ROOT / "src"
if SRC.is_dir() and str(SRC) not in sys.path:
    # Measure the working tree, installed or not.
    sys.path.insert(0, str(SRC))

from claimcheck.generate import generate_mapping  # noqa: E402 -- after the path is set
from claimcheck.reconciliation import DEFAULT_MAX_PAIRS  # noqa: E402 -- after the path is set

#: The stages, in the order a child process runs them.
STAGES: Final = ("load", "reconcile", "report", "graph")
#: The stages the targets speak of: one million claims through these in 30 s.
PIPELINE: Final = ("load", "reconcile", "report")

Result = dict[str, Any]

#: The environment variable that gives a child its memory limit, in MB.
MEMORY_VARIABLE: Final = "CLAIMCHECK_BENCH_MEMORY_MB"


# -- the child process -------------------------------------------------------------------


def _peak_rss_mb() -> float:
    import resource

    # The largest resident set of this process and of any child it forked
    # and waited for (reconcile and write_report may fork one on large cases).
    peak = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    # Linux counts kibibytes, macOS bytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def _emit(record: Result) -> None:
    sys.stdout.write(json.dumps(record) + "\n")
    sys.stdout.flush()


#: How many additions the speed check makes.
CHECK_ADDITIONS: Final = 10_000_000


def speed_check() -> float:
    """Seconds a fixed loop of Python additions takes: how fast the CPU is just now.

    On a shared or virtual machine the same code can run much slower at
    one hour than at another; this figure, taken next to each measurement,
    shows it, so that runs can be compared.
    """
    start = time.perf_counter()
    total = 0
    for i in range(CHECK_ADDITIONS):
        total += i
    return time.perf_counter() - start


#: How many MiB of fresh memory the memory check touches.
CHECK_MEMORY_MIB: Final = 512


def memory_check() -> float:
    """Seconds it takes to touch fresh memory, one byte a page: how costly page faults are now.

    The stages touch gigabytes of memory that the system must hand over a
    page at a time (and, after a fork, copy).  On a virtual machine this
    can cost several times more at one hour than at another while the
    speed check does not move; this figure shows it.
    """
    size = CHECK_MEMORY_MIB << 20
    start = time.perf_counter()
    with mmap.mmap(-1, size) as memory:
        for offset in range(0, size, mmap.PAGESIZE):
            memory[offset] = 1
    return time.perf_counter() - start


def child(argv: Sequence[str]) -> int:
    """Run in a fresh process: time the stages on one case file, one JSON line each.

    ``argv`` is ``[pipeline|json, FILE, MAX_PAIRS, STAGE...]``.
    """
    mode, path, max_pairs, *stages = argv
    limit = os.environ.get(MEMORY_VARIABLE)
    if limit:
        import resource

        # Fail with MemoryError rather than push the machine into swap or the OOM killer.
        cap = int(float(limit) * 1024 * 1024)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    if mode == "json":
        _emit({"event": "ready", "rss_mb": _peak_rss_mb()})
        raw = Path(path).read_bytes()
        start = time.perf_counter()
        json.loads(raw)
        seconds = time.perf_counter() - start
        rss = _peak_rss_mb()  # before the memory check touches more
        record: Result = {"stage": "json_loads", "seconds": seconds, "rss_mb": rss}
        record["check_seconds"] = speed_check()
        with contextlib.suppress(OSError, MemoryError):  # no room under --memory-limit: no figure
            record["memory_seconds"] = memory_check()
        _emit(record)
        return 0

    from claimcheck._memory import cyclic_gc_paused
    from claimcheck.graph import to_networkx
    from claimcheck.loader import load
    from claimcheck.reconciliation import reconcile
    from claimcheck.report import write_report

    _emit({"event": "ready", "rss_mb": _peak_rss_mb()})
    with cyclic_gc_paused():  # as claimcheck.cli.main runs a command
        _stages(path, int(max_pairs), stages, load, reconcile, write_report, to_networkx)
    return 0


def _stages(
    path: str,
    max_pairs: int,
    stages: Sequence[str],
    load: Any,
    reconcile: Any,
    write_report: Any,
    to_networkx: Any,
) -> None:
    """Run and time the stages, emitting one record each."""
    case: Any = None
    result: Any = None
    for stage in stages:
        extra: Result = {}
        start = time.perf_counter()
        if stage == "load":
            case = load(path)
            seconds = time.perf_counter() - start
            extra = {
                "claims": len(case.claims),
                "propositions": len(case.propositions),
                "sources": len(case.sources),
            }
        elif stage == "reconcile":
            result = reconcile(case, max_pairs=max_pairs)
            seconds = time.perf_counter() - start
        elif stage == "report":
            written = Path(path).with_suffix(".report.json")
            try:
                with written.open("wb") as stream:
                    write_report(result, stream)
                seconds = time.perf_counter() - start
                report_mb = written.stat().st_size / 1e6
            finally:
                written.unlink(missing_ok=True)
            extra = {
                "report_mb": report_mb,
                "contradictions": result.number_of_contradictions,
                "supports": result.number_of_supports,
                "listed": len(result.listing.supports) + len(result.listing.contradictions),
            }
        elif stage == "graph":
            graph = to_networkx(result)
            seconds = time.perf_counter() - start
            extra = {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
            del graph
        else:
            raise ValueError(f"unknown stage {stage!r}")
        _emit({"stage": stage, "seconds": seconds, "rss_mb": _peak_rss_mb(), **extra})


# -- running children with a deadline per stage ---------------------------------------


def _child_env(memory_mb: float | None = None, src: Path | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.pop(MEMORY_VARIABLE, None)
    if memory_mb:
        env[MEMORY_VARIABLE] = str(memory_mb)
    src = src or (SRC if SRC.is_dir() else None)
    if src is not None:
        env["PYTHONPATH"] = os.pathsep.join(p for p in (str(src), env.get("PYTHONPATH", "")) if p)
    return env


def snapshot_source(workdir: Path) -> Path | None:
    """Copy ``src/claimcheck`` into ``workdir``, so that every child runs the same code.

    Returns the directory to put on ``PYTHONPATH``, or ``None`` when there
    is no source tree (claimcheck is installed).
    """
    package = SRC / "claimcheck"
    if not package.is_dir():
        return None
    target = workdir / "src"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(
        package,
        target / "claimcheck",
        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
    )
    return target


def run_child(
    mode: str,
    path: Path,
    stages: Sequence[str],
    *,
    max_pairs: int = DEFAULT_MAX_PAIRS,
    timeout: float = 300.0,
    startup: float = 120.0,
    memory_mb: float | None = None,
    src: Path | None = None,
) -> list[Result]:
    """Run one fresh measuring process and collect its records.

    Each stage gets ``timeout`` seconds, counted from the end of the stage
    before it (the first from the moment the process has imported
    claimcheck, which gets ``startup`` seconds).  A stage that runs over is
    recorded as ``{"stage": name, "timeout": True}``; the process is killed
    and the stages after it are not run.  A process that fails (one that
    runs out of its ``memory_mb`` of address space, say) is recorded as
    ``{"stage": name, "error": message}``.  ``src`` is where the child
    imports claimcheck from (default: this checkout's ``src``).
    """
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        mode,
        str(path),
    ]
    command += [str(max_pairs), *stages]
    expected = ["json_loads"] if mode == "json" else list(stages)
    # Standard error goes to a file, so that a chatty child cannot fill a pipe and stall.
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as errors:
        proc = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            env=_child_env(memory_mb, src),
        )
        lines: queue.Queue[str | None] = queue.Queue()

        def read(stream: Any) -> None:
            for line in stream:
                lines.put(line)
            lines.put(None)

        reader = threading.Thread(target=read, args=(proc.stdout,), daemon=True)
        reader.start()
        try:
            return _collect(proc, lines, errors, expected, timeout=timeout, startup=startup)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            reader.join(timeout=10)
            if proc.stdout:
                proc.stdout.close()


def run_command(
    path: Path,
    *,
    max_pairs: int = DEFAULT_MAX_PAIRS,
    timeout: float = 300.0,
    memory_mb: float | None = None,
    src: Path | None = None,
) -> Result:
    """Run ``python -m claimcheck report PATH --format json -o OUT`` and time it whole.

    The wall time runs from starting the process to its exit, imports
    included; the peak resident set is, as ``wait4`` reports it on Linux,
    the largest of the process's own and of the children it waited for.  A command that runs past ``timeout`` is killed.

    Returns:
        ``{"stage": "command", "seconds": ..., "rss_mb": ...}``, or the
        stage with ``"timeout": True`` or ``"error"`` instead.
    """
    written = path.with_suffix(".command.json")
    command = [sys.executable, "-m", "claimcheck", "report", str(path), "--format", "json"]
    command += ["-o", str(written), "--max-pairs", str(max_pairs)]

    def limit() -> None:  # in the child, before it runs claimcheck
        if memory_mb:
            import resource

            cap = int(memory_mb * 1024 * 1024)
            resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    start = time.perf_counter()
    proc = subprocess.Popen(
        command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=_child_env(None, src),
        preexec_fn=limit,
    )
    timer = threading.Timer(timeout, proc.kill)
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        errors = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
        if proc.stderr:
            proc.stderr.close()
        written.unlink(missing_ok=True)
    seconds = time.perf_counter() - start
    if proc.returncode < 0 and seconds >= timeout:
        return {"stage": "command", "timeout": True, "limit": timeout}
    if proc.returncode != 0:
        lines = errors.strip().splitlines()
        return {"stage": "command", "error": lines[-1] if lines else f"exit {proc.returncode}"}
    # Linux counts kibibytes, macOS bytes.
    rss = usage.ru_maxrss / (1024 * 1024) if sys.platform == "darwin" else usage.ru_maxrss / 1024
    return {"stage": "command", "seconds": seconds, "rss_mb": rss}


def _collect(
    proc: subprocess.Popen[str],
    lines: queue.Queue[str | None],
    errors: Any,
    expected: Sequence[str],
    *,
    timeout: float,
    startup: float,
) -> list[Result]:
    """Read a child's records, stopping it when a stage runs over."""
    records: list[Result] = []
    pending = list(expected)
    ready = False
    while pending:
        deadline = timeout if ready else startup
        try:
            line = lines.get(timeout=deadline)
        except queue.Empty:
            proc.kill()
            records.append({"stage": pending[0], "timeout": True, "limit": deadline})
            break
        if line is None:
            proc.wait()
            errors.seek(0)
            error = errors.read().strip().splitlines()
            message = error[-1] if error else f"exit code {proc.returncode}"
            records.append({"stage": pending[0], "error": message})
            break
        record = json.loads(line)
        if record.get("event") == "ready":
            ready = True
            continue
        records.append(record)
        pending.remove(record["stage"])
    return records


# -- one size ---------------------------------------------------------------------------


def prepare_case(size: int, seed: int, workdir: Path) -> Result:
    """Generate the case of ``size`` claims and write it as JSON; describe it."""
    start = time.perf_counter()
    data = generate_mapping(size, seed=seed)
    generated = time.perf_counter() - start
    path = workdir / f"synthetic-{size}-{seed}.json"
    text = json.dumps(data, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    per_prop = Counter(c["proposition"] for c in data["claims"])
    biggest = max(per_prop.values(), default=0)
    return {
        "size": size,
        "path": str(path),
        "file_mb": path.stat().st_size / 1e6,
        "generate_s": generated,
        "sources": len(data["sources"]),
        "propositions": len(data["propositions"]),
        "largest_proposition": biggest,
        "hubs": sum(1 for n in per_prop.values() if n >= 1000),
    }


def measure(
    case: Result,
    *,
    repeat: int,
    max_pairs: int,
    timeout: float,
    stages: Sequence[str] = STAGES,
    memory_mb: float | None = None,
    src: Path | None = None,
    log: Any = None,
) -> Result:
    """Measure one case ``repeat`` times; return every run and the medians."""
    path = Path(case["path"])
    runs: list[list[Result]] = []
    baselines: list[Result] = []
    todo = list(stages)
    whole = "report" in stages
    for i in range(repeat):
        limits: Result = {"timeout": timeout, "memory_mb": memory_mb, "src": src}
        baselines.extend(run_child("json", path, [], **limits))
        if not todo:
            break
        records = run_child("pipeline", path, todo, max_pairs=max_pairs, **limits)
        if whole:
            command = run_command(
                path, max_pairs=max_pairs, **{**limits, "timeout": timeout * len(PIPELINE)}
            )
            whole = "seconds" in command  # later repeats skip a command that failed
            records.append(command)
        runs.append(records)
        failed = [r["stage"] for r in records if "seconds" not in r]
        if failed:
            # Later repeats stop before a stage that ran over or failed.
            todo = todo[: todo.index(failed[0])]
        if log is not None:
            shown = ", ".join(
                f"{r['stage']} {r['seconds']:.2f}s"
                if "seconds" in r
                else f"{r['stage']} {'TIMEOUT' if r.get('timeout') else 'ERROR'}"
                for r in records
            )
            log(f"  {case['size']:>9,} claims, run {i + 1}/{repeat}: {shown}")
    return {
        **case,
        "runs": runs,
        "json_loads": baselines,
        "median": _medians(runs, baselines),
    }


def _medians(runs: list[list[Result]], baselines: list[Result]) -> Result:
    """Median seconds and peak RSS per stage; a stage that failed in any run is marked."""
    out: Result = {}
    for stage in (*STAGES, "command"):
        records = [r for run in runs for r in run if r["stage"] == stage]
        if not records:
            continue
        done = [r for r in records if "seconds" in r]
        if len(done) < len(records):
            bad = next(r for r in records if "seconds" not in r)
            out[stage] = {"timeout": True} if bad.get("timeout") else {"error": bad["error"]}
            continue
        out[stage] = {
            "seconds": statistics.median(r["seconds"] for r in done),
            "rss_mb": statistics.median(r["rss_mb"] for r in done),
        }
        if stage == "report":
            for key in ("report_mb", "listed"):
                out[stage][key] = statistics.median(r[key] for r in done)
    good = [b for b in baselines if "seconds" in b]
    if good:
        out["json_loads"] = {"seconds": statistics.median(b["seconds"] for b in good)}
        for key in ("check_seconds", "memory_seconds"):
            checks = [b[key] for b in good if key in b]
            if checks:
                out["json_loads"][key] = statistics.median(checks)
    return out


# -- the machine and the report ----------------------------------------------------------


def machine() -> Result:
    """Describe the machine: CPU model, cores, memory, Python."""
    cpu = platform.processor() or platform.machine()
    memory_gb = None
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_gb = int(line.split()[1]) / 1024 / 1024
                break
    except OSError:  # no /proc: keep what platform says
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count() or 0
    from claimcheck import __version__

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "memory_gb": memory_gb,
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "platform": platform.platform(),
        "claimcheck": __version__,
    }


def _seconds(stage: Result | None) -> str:
    if stage is None:
        return "–"
    if stage.get("timeout"):
        return "timeout"
    if "error" in stage:
        return "error"
    return f"{stage['seconds']:.2f}"


def _total(median: Result) -> float | None:
    parts = [median.get(s) for s in PIPELINE]
    if any(p is None or "seconds" not in p for p in parts):
        return None
    return float(sum(p["seconds"] for p in parts if p is not None))


def _rss(median: Result, stages: Sequence[str]) -> float | None:
    """The peak RSS through the last of ``stages``, if every one of them finished."""
    if not all("rss_mb" in median.get(s, {}) for s in stages):
        return None
    return float(median[stages[-1]]["rss_mb"])


def _rss_text(median: Result, stages: Sequence[str]) -> str:
    """The peak RSS through ``stages``; when one did not finish, the peak so far."""
    whole = _rss(median, stages)
    if whole is not None:
        return f"{whole:,.0f}"
    done = [s for s in stages if "rss_mb" in median.get(s, {})]
    if not done:
        return "–"
    return f"≥ {median[done[-1]]['rss_mb']:,.0f} (to {done[-1]})"


def render_markdown(results: Sequence[Result], about: Result, settings: Result) -> str:
    """The report: the machine, the cases, the medians, the growth and the targets."""
    memory = f"{about['memory_gb']:.1f} GB" if about.get("memory_gb") else "unknown"
    lines = [
        "# claimcheck benchmark",
        "",
        f"- Machine: {about['cpu']}; {about['cores']} cores ({about['usable_cores']} usable); "
        f"{memory} memory; {about['platform']}",
        f"- Python: {about['python']}; claimcheck {about['claimcheck']}",
        f"- Settings: seed {settings['seed']}, {settings['repeat']} repeat(s), medians shown; "
        f"max_pairs {settings['max_pairs']}; stage timeout {settings['timeout']:g} s; "
        + (
            f"memory limit {settings['memory_limit_gb']:.1f} GB"
            if settings.get("memory_limit_gb")
            else "no memory limit"
        )
        + ("; code: a copy of src/ taken at the start" if settings.get("snapshot") else ""),
        "",
        "## Cases",
        "",
        "| claims | propositions | sources | largest proposition | propositions ≥ 1000 claims "
        "| JSON file MB | generated in s |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        lines.append(
            f"| {r['size']:,} | {r['propositions']:,} | {r['sources']:,} "
            f"| {r['largest_proposition']:,} | {r['hubs']} | {r['file_mb']:.1f} "
            f"| {r['generate_s']:.2f} |"
        )
    lines += [
        "",
        "## Times (seconds, median) and peak memory",
        "",
        f"The speed check is the time {CHECK_ADDITIONS:,} Python additions take in a fresh "
        "process next to each measurement, and the memory check the time that process takes "
        f"to touch {CHECK_MEMORY_MIB} MiB of fresh memory, one byte a page: on a shared or "
        "virtual machine they show how fast the CPU was, and how costly page faults were, "
        "while the figures were taken (lower is faster).",
        "",
        "| claims | speed check | memory check | json.loads | load | load ÷ json.loads "
        "| reconcile | JSON report | load + reconcile + report | graph "
        "| peak RSS MB (to report) | peak RSS MB (to graph) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        m = r["median"]
        baseline = m.get("json_loads", {}).get("seconds")
        check = m.get("json_loads", {}).get("check_seconds")
        memory = m.get("json_loads", {}).get("memory_seconds")
        load = m.get("load", {}).get("seconds")
        ratio = f"{load / baseline:.1f}×" if load and baseline else "–"
        total = _total(m)
        lines.append(
            f"| {r['size']:,} | {'–' if check is None else f'{check:.2f}'} "
            f"| {'–' if memory is None else f'{memory:.2f}'} "
            f"| {'–' if baseline is None else f'{baseline:.2f}'} "
            f"| {_seconds(m.get('load'))} | {ratio} | {_seconds(m.get('reconcile'))} "
            f"| {_seconds(m.get('report'))} | {'–' if total is None else f'{total:.2f}'} "
            f"| {_seconds(m.get('graph'))} "
            f"| {_rss_text(m, PIPELINE)} | {_rss_text(m, STAGES)} |"
        )
    lines += [
        "",
        "## The whole command, and the report",
        "",
        "`python -m claimcheck report FILE --format json -o OUT`, from start to exit "
        "(imports included), and the report it writes.",
        "",
        "| claims | command s | command peak RSS MB | report MB | pairs listed |",
        "|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        m = r["median"]
        command, report = m.get("command", {}), m.get("report", {})
        rss = f"{command['rss_mb']:,.0f}" if "rss_mb" in command else "–"
        mb = f"{report['report_mb']:,.1f}" if "report_mb" in report else "–"
        listed = f"{report['listed']:,.0f}" if "listed" in report else "–"
        lines.append(f"| {r['size']:,} | {_seconds(m.get('command'))} | {rss} | {mb} | {listed} |")
    lines += _growth(results)
    lines += _targets(results)
    return "\n".join(lines) + "\n"


def _growth(results: Sequence[Result]) -> list[str]:
    pairs = list(itertools.pairwise(results))
    if not pairs:
        return []
    lines = [
        "",
        "## Growth",
        "",
        "| from → to | claims × | load × | reconcile × | report × | load + reconcile + report × "
        "| peak RSS × |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for a, b in pairs:

        def ratio(x: float | None, y: float | None) -> str:
            return f"{y / x:.1f}" if x and y is not None else "–"

        def stage(r: Result, s: str) -> float | None:
            value = r["median"].get(s, {}).get("seconds")
            return None if value is None else float(value)

        lines.append(
            f"| {a['size']:,} → {b['size']:,} | {b['size'] / a['size']:.1f} "
            f"| {ratio(stage(a, 'load'), stage(b, 'load'))} "
            f"| {ratio(stage(a, 'reconcile'), stage(b, 'reconcile'))} "
            f"| {ratio(stage(a, 'report'), stage(b, 'report'))} "
            f"| {ratio(_total(a['median']), _total(b['median']))} "
            f"| {ratio(_rss(a['median'], PIPELINE), _rss(b['median'], PIPELINE))} |"
        )
    return lines


def _targets(results: Sequence[Result]) -> list[str]:
    by_size = {r["size"]: r for r in results}
    million = by_size.get(1_000_000)
    if million is None:
        return []
    total = _total(million["median"])
    rss = _rss(million["median"], PIPELINE)
    lines = [
        "",
        "## Targets at one million claims",
        "",
        "- load + reconcile + report ≤ 30 s: "
        + ("not measured (a stage ran over or failed)" if total is None else f"{total:.1f} s")
        + ("" if total is None else (" — met" if total <= 30 else " — **not met**")),
        "- peak RSS < 4 GB: "
        + (
            "not measured (the pipeline did not finish; "
            f"{_rss_text(million['median'], PIPELINE).removeprefix('≥ ')} MB so far)"
            if rss is None
            else f"{rss / 1024:.2f} GB"
        )
        + ("" if rss is None else (" — met" if rss < 4096 else " — **not met**")),
    ]
    small = by_size.get(100_000)
    if small is not None:
        before = _total(small["median"])
        if before and total is not None:
            growth = total / before
            verdict = " — met" if growth <= 12 else " — **not met**"
            lines.append(f"- 100k → 1M at most 12×: {growth:.1f}×{verdict}")
        else:
            lines.append("- 100k → 1M at most 12×: not measured")
    return lines


# -- the command line ----------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python benchmarks/run.py",
        description="Time claimcheck's stages on synthetic cases of growing size.",
    )
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="+",
        default=[10_000, 100_000, 1_000_000],
        help="case sizes in claims (default: 10000 100000 1000000)",
    )
    parser.add_argument("--repeat", type=int, default=3, help="measurements per size (default 3)")
    parser.add_argument("--seed", type=int, default=0, help="the generator's seed (default 0)")
    parser.add_argument(
        "--max-pairs",
        type=int,
        default=DEFAULT_MAX_PAIRS,
        help=f"pairs listed per proposition, passed to reconcile (default {DEFAULT_MAX_PAIRS})",
    )
    parser.add_argument(
        "--timeout",
        type=float,
        default=300.0,
        help="seconds a stage may take before it is stopped (default 300)",
    )
    parser.add_argument(
        "--stages",
        nargs="+",
        choices=STAGES,
        default=list(STAGES),
        help="stages to run (default: all); a stage needs those before it",
    )
    parser.add_argument(
        "--memory-limit",
        type=float,
        default=None,
        help="GB of address space a measuring process may use; past it the stage fails "
        "with MemoryError (default: three quarters of the machine's memory; 0: no limit)",
    )
    parser.add_argument(
        "--no-snapshot",
        action="store_true",
        help="import src/ as it is at each measurement (default: copy it once at the start)",
    )
    parser.add_argument("--workdir", help="where to write the case files (default: a temp dir)")
    parser.add_argument("--keep", action="store_true", help="keep the generated case files")
    parser.add_argument("-o", "--output", help="write the markdown report here too")
    parser.add_argument("--json", dest="json_out", help="write the raw measurements here")
    parser.add_argument("--quiet", action="store_true", help="no progress on standard error")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark; print the markdown report; return the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--child"]:
        return child(argv[1:])
    args = _parser().parse_args(argv)
    if args.repeat < 1 or any(s < 1 for s in args.sizes) or args.max_pairs < 0:
        sys.stderr.write("run.py: --repeat and --sizes must be 1 or more, --max-pairs 0 or more\n")
        return 2
    # A stage needs the ones before it.
    stages = list(STAGES[: max(STAGES.index(s) for s in args.stages) + 1])

    def log(message: str) -> None:
        if not args.quiet:
            sys.stderr.write(message + "\n")
            sys.stderr.flush()

    about = machine()
    if args.memory_limit is None:
        memory_gb = about["memory_gb"] * 0.75 if about.get("memory_gb") else 0.0
    else:
        memory_gb = args.memory_limit
    owned = args.workdir is None
    workdir = Path(args.workdir or tempfile.mkdtemp(prefix="claimcheck-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    results = []
    # On SIGTERM unwind normally, so that the running child is stopped too.
    previous = signal.signal(signal.SIGTERM, lambda *_: sys.exit(128 + signal.SIGTERM))
    try:
        # Others may edit src/ while this runs: measure one copy of it throughout.
        src = None if args.no_snapshot else snapshot_source(workdir)
        for size in sorted(args.sizes):
            log(f"generating {size:,} claims (seed {args.seed}) ...")
            case = prepare_case(size, args.seed, workdir)
            log(f"  {case['file_mb']:.1f} MB in {case['generate_s']:.1f} s; measuring ...")
            results.append(
                measure(
                    case,
                    repeat=args.repeat,
                    max_pairs=args.max_pairs,
                    timeout=args.timeout,
                    stages=stages,
                    memory_mb=memory_gb * 1024 or None,
                    src=src,
                    log=log,
                )
            )
            if not args.keep:
                Path(case["path"]).unlink(missing_ok=True)
        if src is not None and not args.keep:
            shutil.rmtree(src, ignore_errors=True)
    finally:
        signal.signal(signal.SIGTERM, previous)
        if owned and not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        elif args.keep:
            log(f"case files kept in {workdir}")
    settings = {
        "seed": args.seed,
        "repeat": args.repeat,
        "max_pairs": args.max_pairs,
        "timeout": args.timeout,
        "memory_limit_gb": memory_gb or None,
        "snapshot": not args.no_snapshot,
    }
    text = render_markdown(results, about, settings)
    sys.stdout.write(text)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    if args.json_out:
        raw = {"machine": about, "settings": settings, "results": results}
        Path(args.json_out).write_text(json.dumps(raw, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
