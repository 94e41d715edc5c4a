"""Check claimcheck.reliability against truthdiscovery 1.0.4, and time both.

    python benchmarks/truth_discovery.py

1. **Agreement.**  Majority voting, Sums, AverageLog, Investment,
   PooledInvestment and TruthFinder run, with truthdiscovery's default
   parameters, on random plain-label datasets and on small edge cases, in
   both implementations.  The script prints the greatest difference in
   trust and in belief per algorithm and fails unless it is at most 1e-6.
2. **Speed.**  On 1,000 sources, 100,000 variables and 10 claims per
   variable from 10 distinct sources (1M claims, four possible values),
   both start from the same list of ``(source, variable, value)`` triples:
   claimcheck's time is ``reliability.run("sums", triples).trust``,
   truthdiscovery's is ``Dataset(triples)`` plus ``Sums().run(dataset)``.
   The script prints both medians and their ratio (the target: at most 0.5).

truthdiscovery pins numpy 1.24 and scipy 1.10, which do not install next to
claimcheck's numpy, so it runs in a virtual environment of its own
(``--env``, default ``/tmp/td-env``), made on the first run with
``truthdiscovery==1.0.4`` installed without its pinned dependencies, plus
numpy, scipy and ``bidict==0.22.1``.  Its drawing modules import pycairo
and imageio, which the algorithms never use: where they are missing the
script stands empty modules in for them.

CRH is left out of the agreement check: truthdiscovery implements it for
labels only, while claimcheck's CRH weighs quantities; the tests check it
against fixed points derived by hand.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import types
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

REFERENCE = "truthdiscovery==1.0.4"
REFERENCE_DEPENDENCIES = ("numpy", "scipy", "bidict==0.22.1")
# The algorithms compared, by claimcheck's name and truthdiscovery's class.
COMPARED = {
    "majority": "MajorityVoting",
    "sums": "Sums",
    "average-log": "AverageLog",
    "investment": "Investment",
    "pooled-investment": "PooledInvestment",
    "truthfinder": "TruthFinder",
}
TOLERANCE = 1e-6
# Runs longer than the default, by dataset and algorithm: enough iterations
# for trust to drain to zero in Investment, which both then stop on.
LONGER = {"drained investment": {"investment": 40}}

Triple = tuple[str, str, Any]


# -- datasets -----------------------------------------------------------------------


def random_triples(
    rng: np.random.Generator,
    sources: int,
    variables: int,
    per_variable: int,
    values: int,
) -> list[Triple]:
    """Plain-label triples: each variable claimed by up to ``per_variable`` distinct sources.

    Each source has a reliability drawn from [0.3, 0.95]; it claims the
    variable's true value with that probability and another value otherwise.
    """
    reliability = rng.uniform(0.3, 0.95, size=sources)
    triples: list[Triple] = []
    for v in range(variables):
        k = int(rng.integers(1, min(per_variable, sources) + 1))
        truth = int(rng.integers(values))
        for s in rng.choice(sources, size=k, replace=False).tolist():
            if rng.random() < reliability[s] or values == 1:
                value = truth
            else:
                value = (truth + int(rng.integers(1, values))) % values
            triples.append((f"s{s}", f"x{v}", value))
    return triples


def agreement_datasets(seed: int) -> dict[str, list[Triple]]:
    """The datasets the agreement check runs on, by name."""
    rng = np.random.default_rng(seed)
    datasets: dict[str, list[Triple]] = {}
    shapes = [(3, 5, 3, 2), (5, 20, 4, 3), (10, 50, 6, 4), (30, 200, 10, 4), (100, 1000, 12, 5)]
    for i, (sources, variables, per_variable, values) in enumerate(shapes * 4):
        name = f"random-{i:02d} ({sources} sources, {variables} variables)"
        datasets[name] = random_triples(rng, sources, variables, per_variable, values)
    datasets["one claim"] = [("a", "x", 1)]
    datasets["one claim per source"] = [("a", "x", 1), ("b", "x", 2), ("c", "y", "p")]
    datasets["single-claim variables"] = [
        ("a", "x", 1),
        ("a", "y", 2),
        ("b", "y", 2),
        ("b", "z", 3),
        ("c", "z", 4),
        ("c", "w", 1),
    ]
    datasets["unanimous"] = [(f"s{s}", f"x{v}", v) for s in range(8) for v in range(6)]
    datasets["words as values"] = [
        ("gov", "deaths", "eleven"),
        ("opposition", "deaths", "dozens"),
        ("wiki", "deaths", "dozens"),
        ("gov", "started", "crowd"),
        ("activists", "started", "police"),
        ("wiki", "started", "police"),
        ("activists", "invited", True),
        ("un", "invited", False),
    ]
    # Trust drains from the lone dissenter: after 35 iterations no one invests in its value.
    datasets["drained investment"] = (
        [(f"s{s}", "x", 0) for s in range(5)]
        + [("lone", "x", 1)]
        + [(f"s{s}", "y", 0) for s in range(5)]
    )
    # 60 sources agree on everything: their trust rounds to 1 after one iteration.
    datasets["saturating truthfinder"] = (
        [(f"s{s}", f"x{v}", 0) for s in range(60) for v in range(3)]
        + [(f"o{k}", "x0", 1) for k in range(3)]
        + [(f"o{k}", "z", k) for k in range(3)]
    )
    return datasets


def speed_arrays(
    seed: int, sources: int, variables: int, per_variable: int, values: int
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """The speed dataset: per variable, ``per_variable`` distinct sources and their values."""
    rng = np.random.default_rng(seed)
    who = np.empty((variables, per_variable), dtype=np.int64)
    for start in range(0, variables, 10_000):
        rows = min(10_000, variables - start)
        # The sources of the least `per_variable` of `sources` random keys: distinct.
        keys = rng.random((rows, sources))
        who[start : start + rows] = np.argpartition(keys, per_variable, axis=1)[:, :per_variable]
    reliability = rng.uniform(0.3, 0.95, size=sources)
    truth = rng.integers(values, size=(variables, 1))
    wrong = (truth + rng.integers(1, values, size=(variables, per_variable))) % values
    right = rng.random((variables, per_variable)) < reliability[who]
    return who, np.where(right, truth, wrong)


def speed_triples(who: np.ndarray[Any, Any], what: np.ndarray[Any, Any]) -> list[Triple]:
    """The speed dataset as the list of triples both implementations start from."""
    names = [f"s{s}" for s in range(int(who.max()) + 1)]
    variables = [f"x{v}" for v in range(who.shape[0])]
    return [
        (names[s], variables[v], value)
        for v, (row, values) in enumerate(zip(who.tolist(), what.tolist(), strict=True))
        for s, value in zip(row, values, strict=True)
    ]


# -- truthdiscovery, in its own environment ---------------------------------------------


def ensure_environment(env: Path) -> Path:
    """Return the Python of the reference's environment, making it on first use."""
    python = env / "bin" / "python"
    probe = (
        "import importlib.util, sys; sys.exit(importlib.util.find_spec('truthdiscovery') is None)"
    )
    if python.exists() and subprocess.run([str(python), "-c", probe], check=False).returncode == 0:
        return python
    print(f"making {env} with {REFERENCE} (without its pinned dependencies)", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run(pip + ["--no-deps", REFERENCE], check=True)
    subprocess.run(pip + list(REFERENCE_DEPENDENCIES), check=True)
    return python


def stub_drawing_modules() -> None:
    """Stand empty modules in for pycairo and imageio when they are missing."""
    for name in ("cairo", "imageio", "imageio.v2"):
        try:
            __import__(name)
        except ImportError:
            sys.modules[name] = types.ModuleType(name)
    if "imageio" in sys.modules and not hasattr(sys.modules["imageio"], "v2"):
        sys.modules["imageio"].v2 = sys.modules["imageio.v2"]  # type: ignore[attr-defined]


def reference_worker(job: Path, out: Path) -> None:
    """Run truthdiscovery on the job's datasets (this runs in the reference's environment)."""
    stub_drawing_modules()
    import truthdiscovery as td  # type: ignore[import-not-found]

    spec = json.loads(job.read_text())
    results: dict[str, Any] = {"agreement": {}, "speed": None}
    for name, triples in spec["datasets"].items():
        rows = [tuple(t) for t in triples]
        data = td.Dataset(rows)
        for algorithm, cls in COMPARED.items():
            longer = LONGER.get(name, {}).get(algorithm)
            options = {"iterator": td.FixedIterator(longer)} if longer else {}
            try:
                result = getattr(td, cls)(**options).run(data)
            except Exception as exc:  # noqa: BLE001 -- recorded and reported, not hidden
                results["agreement"][f"{name}|{algorithm}"] = {"error": repr(exc)}
                continue
            results["agreement"][f"{name}|{algorithm}"] = {
                "trust": {k: float(v) for k, v in result.trust.items()},
                "belief": [
                    [var, val, float(b)]
                    for var, beliefs in result.belief.items()
                    for val, b in beliefs.items()
                ],
                "iterations": result.iterations,
            }
    if spec.get("speed"):
        who = np.load(spec["speed"]["who"])
        what = np.load(spec["speed"]["what"])
        times = []
        trust: dict[str, float] = {}
        for _ in range(spec["speed"]["repeat"]):
            triples = speed_triples(who, what)
            start = time.perf_counter()
            data = td.Dataset(triples)
            built = time.perf_counter()
            result = td.Sums().run(data)
            done = time.perf_counter()
            times.append({"build": built - start, "sums": done - built, "total": done - start})
            trust = {k: float(v) for k, v in result.trust.items()}
            del triples, data, result
        results["speed"] = {"times": times, "trust": trust}
    out.write_text(json.dumps(results))


def run_reference(python: Path, job: dict[str, Any], workdir: Path) -> dict[str, Any]:
    """Run :func:`reference_worker` in the reference's environment and return its results."""
    job_file, out_file = workdir / "job.json", workdir / "reference.json"
    job_file.write_text(json.dumps(job))
    subprocess.run(
        [str(python), __file__, "--reference-worker", str(job_file), str(out_file)], check=True
    )
    result: dict[str, Any] = json.loads(out_file.read_text())
    return result


# -- the comparison ---------------------------------------------------------------------


def compare(datasets: dict[str, list[Triple]], reference: dict[str, Any]) -> list[dict[str, Any]]:
    """Run claimcheck on every dataset and compare with the reference's results."""
    from claimcheck import reliability

    rows = []
    for algorithm in COMPARED:
        worst_trust = worst_belief = 0.0
        compared, notes = 0, []
        for name, triples in datasets.items():
            ref = reference["agreement"][f"{name}|{algorithm}"]
            ours = reliability.run(
                algorithm, triples, max_iterations=LONGER.get(name, {}).get(algorithm)
            )
            if "error" in ref:
                notes.append(f"{name}: truthdiscovery raised {ref['error']}")
                continue
            ref_trust = np.array([ref["trust"][s] for s in ours.sources])
            ref_belief = np.array([b for _, _, b in ref["belief"]])
            our_belief = np.array([ours.belief[var][val] for var, val, _ in ref["belief"]])
            if not (np.all(np.isfinite(ref_trust)) and np.all(np.isfinite(ref_belief))):
                finite = np.all(np.isfinite(ours.trust_scores))
                notes.append(
                    f"{name}: truthdiscovery gives NaN (0/0); claimcheck gives "
                    f"{'finite scores' if finite else 'NaN too'}"
                )
                continue
            if algorithm == "truthfinder" and ref["iterations"] < ours.iterations:
                notes.append(
                    f"{name}: truthdiscovery stopped after {_iterations(ref['iterations'])}, a "
                    "trust having rounded to 1; claimcheck carries 1 - trust and went on to "
                    f"{_iterations(ours.iterations)}"
                )
                continue
            if ref["iterations"] is not None and ref["iterations"] != ours.iterations:
                notes.append(
                    f"{name}: iterations differ ({ref['iterations']} and {ours.iterations})"
                )
            compared += 1
            worst_trust = max(worst_trust, float(np.max(np.abs(ref_trust - ours.trust_scores))))
            worst_belief = max(worst_belief, float(np.max(np.abs(ref_belief - our_belief))))
        rows.append(
            {
                "algorithm": algorithm,
                "datasets": compared,
                "trust": worst_trust,
                "belief": worst_belief,
                "notes": notes,
            }
        )
    return rows


def _iterations(n: int) -> str:
    return f"{n} iteration{'' if n == 1 else 's'}"


def time_claimcheck(
    who: np.ndarray[Any, Any], what: np.ndarray[Any, Any], repeat: int
) -> tuple[list[float], dict[str, float]]:
    """Time claimcheck from the list of triples to Sums trust scores."""
    from claimcheck import reliability

    times = []
    trust: dict[str, float] = {}
    for _ in range(repeat):
        triples = speed_triples(who, what)
        start = time.perf_counter()
        trust = reliability.run("sums", triples).trust  # type: ignore[assignment]
        times.append(time.perf_counter() - start)
        del triples
    return times, trust


def machine() -> str:
    """The machine, in one line."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 2**30:.0f} GiB"
    except (ValueError, OSError, AttributeError):
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores{memory}; Python {platform.python_version()}, "
        f"numpy {np.__version__}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the agreement check and the speed comparison, and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--env", default="/tmp/td-env", help="the reference's environment")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sources", type=int, default=1_000)
    parser.add_argument("--variables", type=int, default=100_000)
    parser.add_argument("--per-variable", type=int, default=10)
    parser.add_argument("--values", type=int, default=4)
    parser.add_argument("--repeat", type=int, default=3, help="timings per side (median shown)")
    parser.add_argument("--no-speed", action="store_true", help="check agreement only")
    parser.add_argument("-o", "--output", help="also write the report to this file")
    parser.add_argument("--reference-worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.reference_worker:
        reference_worker(Path(args.reference_worker[0]), Path(args.reference_worker[1]))
        return 0

    python = ensure_environment(Path(args.env))
    datasets = agreement_datasets(args.seed)
    lines = [f"Machine: {machine()}", ""]
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        job: dict[str, Any] = {"datasets": datasets, "speed": None}
        if not args.no_speed:
            print("making the speed dataset", file=sys.stderr)
            who, what = speed_arrays(
                args.seed, args.sources, args.variables, args.per_variable, args.values
            )
            np.save(workdir / "who.npy", who)
            np.save(workdir / "what.npy", what)
            job["speed"] = {
                "who": str(workdir / "who.npy"),
                "what": str(workdir / "what.npy"),
                "repeat": args.repeat,
            }
        print("running truthdiscovery", file=sys.stderr)
        reference = run_reference(python, job, workdir)
        print("running claimcheck", file=sys.stderr)
        rows = compare(datasets, reference)
        failed = _agreement_report(rows, len(datasets), lines)
        if not args.no_speed:
            ours, trust = time_claimcheck(who, what, args.repeat)
            failed |= _speed_report(args, ours, trust, reference["speed"], lines)
    report = "\n".join(lines) + "\n"
    print(report, end="")
    if args.output:
        Path(args.output).write_text(report)
    return 1 if failed else 0


def _agreement_report(rows: list[dict[str, Any]], datasets: int, lines: list[str]) -> bool:
    lines += [
        f"Agreement with truthdiscovery 1.0.4, default parameters, {datasets} datasets "
        "(the drained Investment case runs 40 iterations in both):",
        "",
        "| algorithm | datasets compared | max abs difference, trust | max abs difference, belief |",
        "|---|---|---|---|",
    ]
    failed = False
    notes = []
    for row in rows:
        lines.append(
            f"| {row['algorithm']} | {row['datasets']} | {row['trust']:.1e} | {row['belief']:.1e} |"
        )
        failed |= row["trust"] > TOLERANCE or row["belief"] > TOLERANCE or not row["datasets"]
        notes += [f"- {row['algorithm']}: {note}" for note in row["notes"]]
    lines.append("")
    if notes:
        lines += ["Not compared:", "", *notes, ""]
    lines.append(f"Agreement within {TOLERANCE:g}: {'NO' if failed else 'yes'}")
    lines.append("")
    return failed


def _speed_report(
    args: argparse.Namespace,
    ours: list[float],
    trust: dict[str, float],
    reference: dict[str, Any],
    lines: list[str],
) -> bool:
    theirs = [t["total"] for t in reference["times"]]
    build = statistics.median(t["build"] for t in reference["times"])
    sums = statistics.median(t["sums"] for t in reference["times"])
    ratio = statistics.median(ours) / statistics.median(theirs)
    claims = args.variables * args.per_variable
    difference = max(abs(trust[s] - reference["trust"][s]) for s in reference["trust"])
    lines += [
        f"Speed: {args.sources:,} sources, {args.variables:,} variables, "
        f"{args.per_variable} claims per variable ({claims:,} claims, {args.values} values), "
        f"median of {args.repeat}:",
        "",
        "| | seconds |",
        "|---|---|",
        f"| truthdiscovery: Dataset(triples) | {build:.2f} |",
        f"| truthdiscovery: Sums().run(dataset) | {sums:.2f} |",
        f"| truthdiscovery: total | {statistics.median(theirs):.2f} |",
        f"| claimcheck: reliability.run('sums', triples).trust | {statistics.median(ours):.2f} |",
        "",
        f"Ratio claimcheck / truthdiscovery: {ratio:.2f} (target: at most 0.5)",
        f"Sums trust, max abs difference on this dataset: {difference:.1e}",
    ]
    return ratio > 0.5 or not math.isfinite(ratio) or difference > TOLERANCE


if __name__ == "__main__":
    sys.exit(main())
