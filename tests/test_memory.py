"""Tests of claimcheck._memory: the cyclic garbage collector around large builds."""

from __future__ import annotations

import gc
import io
import weakref
from collections.abc import Callable

import pytest

from claimcheck import _memory, from_mapping, loads, reconcile
from claimcheck._memory import cyclic_gc_paused, promote_to_oldest_generation
from claimcheck.generate import generate_json, generate_mapping
from claimcheck.graph import to_networkx
from claimcheck.partition import reconcile_in_parts
from claimcheck.reconciliation import Reconciliation
from claimcheck.render.html import render_html
from claimcheck.render.markdown import render_markdown
from claimcheck.render.text import render_text
from claimcheck.report import merge_report_data, partial_report_data, report_data, write_report


def _oldest(thing: object) -> bool:
    """Whether ``thing`` is in the collector's oldest generation."""
    return any(o is thing for o in gc.get_objects(generation=2))


@pytest.fixture
def promote_all(monkeypatch: pytest.MonkeyPatch) -> None:
    """Promote after builds of any size (the small cases here make fewer young objects)."""
    if gc.get_freeze_count():  # some Pythons start with objects frozen
        pytest.skip(
            "something is frozen, so nothing is promoted (see promote_to_oldest_generation)"
        )
    monkeypatch.setattr(_memory, "PROMOTE_FROM", 0)
    monkeypatch.setattr(_memory, "PROMOTIONS_BETWEEN_FULL", 1_000_000)


@pytest.mark.usefixtures("promote_all")
def test_a_loaded_case_starts_in_the_oldest_generation() -> None:
    """Loading leaves the case where full collections alone examine it, and the collector on."""
    case = loads(generate_json(50, seed=1), format="json")
    assert (True, True, 0) == (gc.isenabled(), _oldest(case.claims[0]), gc.get_freeze_count())


def test_nothing_is_promoted_while_something_is_frozen() -> None:
    """Objects someone froze stay frozen, and young objects stay young."""
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        young: list[list[int]] = [[]]
        with cyclic_gc_paused():
            promote_to_oldest_generation()
        assert (frozen, False) == (gc.get_freeze_count(), _oldest(young))
    finally:
        gc.unfreeze()


@pytest.fixture(scope="module")
def reconciled() -> Reconciliation:
    # Large enough that the collector, left on, would run dozens of times in each builder.
    return reconcile(loads(generate_json(2000, seed=2), format="json"))


def _write_report(result: Reconciliation) -> object:
    return write_report(result, io.BytesIO())


def _merged(result: Reconciliation) -> object:
    return merge_report_data(result.case, [partial_report_data(result)])


#: A case file's data, for from_mapping().
MAPPING = generate_mapping(300, seed=2)
#: Each public function that builds something large, called on a reconciliation.
BUILDERS: dict[str, Callable[[Reconciliation], object]] = {
    "from_mapping": lambda result: from_mapping(MAPPING),
    "reconcile": lambda result: reconcile(result.case),
    "write_report": _write_report,
    "report_data": report_data,
    "partial_report_data": partial_report_data,
    "merge_report_data": _merged,
    "to_networkx": to_networkx,
    "render_text": lambda result: render_text(report_data(result)),
    "render_markdown": lambda result: render_markdown(report_data(result)),
    "render_html": lambda result: render_html(report_data(result)),
    "reconcile_in_parts": lambda result: reconcile_in_parts(result.case, 2),
}


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_public_builders_run_without_the_collector(name: str, reconciled: Reconciliation) -> None:
    """The collector does not run while a large result is built.

    It may run once as it resumes after each of the (at most two) builders
    called here; left on, it runs dozens of times while even these small
    cases build.
    """
    runs: list[int] = []

    def record(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            runs.append(info["generation"])

    gc.collect()
    gc.callbacks.append(record)
    try:
        BUILDERS[name](reconciled)
    finally:
        gc.callbacks.remove(record)
    assert (True, True) == (len(runs) <= 2, gc.isenabled()), runs


@pytest.mark.usefixtures("promote_all")
def test_what_builders_return_or_keep_starts_in_the_oldest_generation(
    reconciled: Reconciliation,
) -> None:
    """The collector's next run need not examine a result, report data, a graph or a report's tables."""
    result = reconcile(reconciled.case)
    kept = [_oldest(result.propositions[0])]
    kept.append(_oldest(report_data(result)))
    kept.append(_oldest(to_networkx(result)))
    write_report(result, io.BytesIO())
    kept.append(_oldest(result.listing.table.phrases))
    assert [True, True, True, True] == kept


@pytest.mark.usefixtures("promote_all")
def test_a_builder_called_while_the_collector_is_paused_leaves_it_as_it_finds_it(
    reconciled: Reconciliation,
) -> None:
    """Only the outermost call promotes: inside a pause, what is built stays young."""
    with cyclic_gc_paused():
        result = reconcile(reconciled.case)
        assert (False, False) == (gc.isenabled(), _oldest(result.propositions[0]))


class _Node:
    """An object in a reference cycle of its own."""

    def __init__(self) -> None:
        self.me = self


def _cycles_left(build: Callable[[], object], times: int) -> float:
    """The share of the cycles made between ``times`` calls of ``build`` that only a full collection frees.

    Those the young generations hold are freed by collecting them; those
    promoted into the oldest generation are not.
    """
    nodes = []
    for _ in range(times):
        nodes.append(weakref.ref(_Node()))
        build()
    gc.collect(1)
    return sum(node() is not None for node in nodes) / times


@pytest.fixture(scope="module")
def tiny() -> Reconciliation:
    return reconcile(loads(generate_json(20, seed=3), format="json"))


def test_small_builds_in_a_loop_leave_cyclic_garbage_to_the_collector(
    tiny: Reconciliation,
) -> None:
    """A program calling builders often still has its cyclic garbage collected as it goes.

    Promoting after each small call would move the program's young cycles
    out of reach of all but full collections, and put those off for good.
    """
    data = report_data(tiny)
    left = [
        _cycles_left(lambda: render_text(data), 600),
        _cycles_left(lambda: report_data(tiny), 600),
        _cycles_left(lambda: reconcile(tiny.case), 600),
    ]
    assert all(share < 0.05 for share in left), left


def test_large_builds_in_a_loop_promote_only_until_a_full_collection(
    tiny: Reconciliation, monkeypatch: pytest.MonkeyPatch
) -> None:
    """However large each build, promotions stop until the collector has run a full collection."""
    monkeypatch.setattr(_memory, "PROMOTE_FROM", 0)  # every build here counts as large
    gc.collect()
    left = _cycles_left(lambda: report_data(tiny), 600)
    assert left < 0.05


@pytest.mark.usefixtures("promote_all")
def test_loading_while_the_collector_is_paused_promotes_nothing() -> None:
    """Like the builders, loading inside a pause leaves the collector's generations as they are."""
    text = generate_json(50, seed=4)
    with cyclic_gc_paused():
        young: list[list[int]] = [[]]
        loads(text, format="json")
        assert not _oldest(young)


def test_loading_and_reconciling_leave_no_cyclic_garbage() -> None:
    """What loading and reconciling discard is freed at once, without waiting for the collector.

    Searches for joint contradictions and positions, and for the leaves
    under a category, once left each search as a reference cycle (a nested
    function referring to itself).
    """
    text = generate_json(2000, seed=2)
    reconcile(loads(text, format="json"))  # what is imported the first time is garbage once
    gc.collect()
    with cyclic_gc_paused():  # else the collector may find the garbage first
        case = loads(text, format="json")
        after_load = gc.collect()
        reconcile(case)
        after_reconcile = gc.collect()
    assert (0, 0) == (after_load, after_reconcile)
