"""Pause CPython's cyclic garbage collector while large acyclic structures are built."""

from __future__ import annotations

import contextlib
import functools
import gc
from collections.abc import Callable, Iterator
from typing import Final, ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


@contextlib.contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the duration of the block.

    The collector runs whenever allocations outnumber deallocations by a
    threshold, and its full runs walk every live object; building a million
    claims sets it off so often that its runs cost a fifth of loading them.
    What is built under this pause makes almost no reference cycles
    (reference counting frees nearly all of it), so little waits for the
    collector.  The collector's state before the block is restored after
    it, even on error.  The pause is process-wide: other threads run
    without the cyclic collector meanwhile.

    Example:
        >>> with cyclic_gc_paused():
        ...     gc.isenabled()
        False
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def promote_to_oldest_generation() -> None:
    """Move every object the cyclic collector tracks into its oldest generation, unexamined.

    Call it, with the collector paused, once a large structure that will
    live on has been built.  When the collector resumes, its first run
    examines every object made while it was paused, and a later one
    examines them again, before they reach the oldest generation that full
    collections alone examine: at a million claims, each of those runs
    takes over a second, only to find that the case is alive.  This moves
    them there at once (``gc.freeze()`` then ``gc.unfreeze()``, which leave
    every object in the oldest generation).  Objects of the rest of the
    program that were young are moved too, so cyclic garbage among them
    waits for the next full collection, and the collector's counts start
    again from zero, which puts that collection off: call it after large
    builds only, not after every small one.  Nothing is done if anything is
    frozen (``gc.get_freeze_count()``): unfreezing it is not ours to do.

    Example:
        >>> with cyclic_gc_paused():
        ...     promote_to_oldest_generation()
        ...     gc.get_count()[0]
        0
    """
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


#: Builds promote what they made (see :func:`promote_if_many`) only when the
#: collector counts at least this many young objects after them.
PROMOTE_FROM: Final = 100_000

#: How many times builds may promote between two of the collector's full
#: collections (see :func:`promote_if_many`).
PROMOTIONS_BETWEEN_FULL: Final = 3

#: The number of full collections at the last promotion, and how many
#: promotions there have been since then.
_promoted: dict[str, int] = {"full": -1, "since": 0}


def promote_if_many() -> None:
    """Promote the young objects (:func:`promote_to_oldest_generation`) if there are many.

    That is, at least :data:`PROMOTE_FROM`: examining fewer costs the
    collector little.  And at most :data:`PROMOTIONS_BETWEEN_FULL` times
    until the collector has run a full collection: promoting resets its
    counts, which puts off the next full collection, so a program making
    large builds in a loop would otherwise never run one, nor free its
    cyclic garbage.  After that many, builds are left to the collector as
    any other objects are, until it has run one.

    Example:
        >>> with cyclic_gc_paused():
        ...     _ = gc.collect()  # a full collection: promoting is allowed again
        ...     many = [[] for _ in range(PROMOTE_FROM)]
        ...     promote_if_many()
        ...     gc.get_count()[0] < PROMOTE_FROM  # the young are promoted
        True
    """
    if gc.get_count()[0] < PROMOTE_FROM:
        return
    full = gc.get_stats()[2]["collections"]
    if full != _promoted["full"]:
        _promoted["full"], _promoted["since"] = full, 0
    if _promoted["since"] < PROMOTIONS_BETWEEN_FULL:
        promote_to_oldest_generation()
        _promoted["since"] += 1


def builds_large(func: Callable[P, R]) -> Callable[P, R]:
    """Decorate a public function that builds a large structure, to build it as loading does.

    For a function whose result is large and lives on (a case, a
    reconciliation, report data, a graph); one whose result is text needs
    only the pause (``@cyclic_gc_paused()``, as the renderers have).

    The function runs with the collector paused (:func:`cyclic_gc_paused`),
    so that the collector does not run over and over while it builds:
    without this, at 100,000 claims, rendering a text report took twice as
    long.  When the call made at least :data:`PROMOTE_FROM` young objects,
    they are then promoted (:func:`promote_to_oldest_generation`), so that
    the collector does not examine them all when it resumes (at a million
    claims, its first run after reconciling took 1.4 s).  Smaller builds
    are left to the collector as they are (:func:`promote_if_many`):
    promoting also resets its counts, and a program promoting after every
    small call would never run a full collection, nor free the cyclic
    garbage it makes.  Only the outermost call decides: a builder called
    while the collector is paused (by another builder, by the command line
    for the whole command, or by the program) leaves the collector as it
    finds it.

    Example:
        >>> @builds_large
        ... def collector_running() -> bool:
        ...     return gc.isenabled()
        >>> collector_running(), gc.isenabled()
        (False, True)
    """

    @functools.wraps(func)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():
            return func(*args, **kwargs)
        with cyclic_gc_paused():
            result = func(*args, **kwargs)
            promote_if_many()
        return result

    return paused
