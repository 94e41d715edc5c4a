"""Work handed to a forked child process comes back whole, or fails loudly."""

from __future__ import annotations

import os
import threading
import time

import numpy as np
import pytest

from claimcheck import _child

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the system does not fork")


def test_the_child_hands_back_more_than_a_pipe_holds() -> None:
    """Several megabytes come back byte for byte, however the pipe splits them."""
    data = bytes(range(256)) * 20_000
    assert data == _child.Child(lambda: data).result()


def test_work_that_raises_is_reported_with_its_error() -> None:
    def work() -> bytes:
        raise ValueError("no such proposition")

    child = _child.Child(work)
    with pytest.raises(_child.ChildError, match="ValueError: no such proposition"):
        child.result()


def test_a_child_that_dies_is_reported() -> None:
    child = _child.Child(lambda: os._exit(7))
    with pytest.raises(_child.ChildError, match="exit status"):
        child.result()


def test_a_result_is_taken_once() -> None:
    child = _child.Child(lambda: b"x")
    assert b"x" == child.result()
    with pytest.raises(_child.ChildError, match="taken already"):
        child.result()


def test_a_stopped_child_is_gone() -> None:
    def work() -> bytes:
        time.sleep(60)
        return b""

    child = _child.Child(work)
    pid = child._pid
    assert pid is not None
    child.stop()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped: no such child any more
    child.stop()  # a second stop does nothing


def test_arrays_filled_by_the_child_are_seen_by_the_parent() -> None:
    array = _child.shared(np.int64, 1000)

    def work() -> bytes:
        array[:] = np.arange(1000) * 3
        return b""

    _child.Child(work).result()
    assert (np.arange(1000) * 3).tolist() == array.tolist()


def test_an_empty_shared_array_is_allowed() -> None:
    assert [] == _child.shared(np.int32, 0).tolist()


def test_no_fork_while_another_thread_runs() -> None:
    """A fork copies one thread only, so callers do the work themselves."""
    go_on = threading.Event()
    thread = threading.Thread(target=go_on.wait)
    thread.start()
    try:
        assert not _child.can_fork()
    finally:
        go_on.set()
        thread.join()
    assert _child.can_fork()
