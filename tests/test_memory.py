"""Tests of claimcheck._memory: the cyclic garbage collector around large builds."""

from __future__ import annotations

import gc

from claimcheck import loads
from claimcheck._memory import cyclic_gc_paused, promote_to_oldest_generation
from claimcheck.generate import generate_json


def test_a_loaded_case_starts_in_the_oldest_generation() -> None:
    """Loading leaves the case where full collections alone examine it, and the collector on."""
    case = loads(generate_json(50, seed=1), format="json")
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert (True, True, 0) == (gc.isenabled(), id(case.claims[0]) in oldest, gc.get_freeze_count())


def test_nothing_is_promoted_while_something_is_frozen() -> None:
    """Objects someone froze stay frozen, and young objects stay young."""
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        young: list[list[int]] = [[]]
        with cyclic_gc_paused():
            promote_to_oldest_generation()
        in_oldest = any(o is young for o in gc.get_objects(generation=2))
        assert (frozen, False) == (gc.get_freeze_count(), in_oldest)
    finally:
        gc.unfreeze()


def test_a_reconciliation_and_what_its_report_keeps_start_in_the_oldest_generation() -> None:
    """The collector's next run need not examine a reconciliation, report data, or a report's tables."""
    import io

    from claimcheck import reconcile
    from claimcheck.report import report_data, write_report

    result = reconcile(loads(generate_json(200, seed=2), format="json"))
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert (True, True) == (gc.isenabled(), id(result.propositions[0]) in oldest)
    write_report(result, io.BytesIO())
    data = report_data(result)
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    kept = (id(result.listing.table.phrases) in oldest, id(data["claims"]) in oldest)
    assert (True, True, True) == (gc.isenabled(), *kept)
