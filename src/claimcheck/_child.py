"""Work done meanwhile by a forked child process, on the machine's other core.

Reconciling and reporting a large case are mostly Python, which one
process runs on one core at a time, and threads do not help (they take
turns at the interpreter).  Where a piece of the work is independent of
the rest, :class:`Child` forks a process to do it meanwhile: the child
sees the parent's data as it was at the fork (copy on write, nothing is
copied up front), does the work, and hands back bytes through a pipe,
or fills arrays the parent shared with it beforehand (:func:`shared`).

A fork copies only the thread that calls it, so it is used only when the
process runs no other thread (:func:`can_fork`), and only on systems that
fork; otherwise callers do the work themselves.
"""

from __future__ import annotations

import mmap
import os
import signal
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["Child", "ChildError", "can_fork", "read_all", "shared"]


class ChildError(RuntimeError):
    """The child process failed; the message says how."""


def can_fork() -> bool:
    """Whether work can be handed to a forked child: the system forks, no other thread runs."""
    return hasattr(os, "fork") and threading.active_count() == 1


def shared(dtype: npt.DTypeLike, size: int) -> npt.NDArray[np.generic]:
    """An array in memory shared with children forked after it is made.

    Example:
        >>> import numpy as np
        >>> shared(np.int64, 3).tolist()
        [0, 0, 0]
    """
    import numpy as np  # not imported with claimcheck

    kind = np.dtype(dtype)
    memory = mmap.mmap(-1, max(1, size * kind.itemsize))  # anonymous and shared
    array: npt.NDArray[np.generic] = np.frombuffer(memory, dtype=kind, count=size)
    return array


class Child:
    """A forked process doing ``work`` while this one goes on.

    ``work`` runs in the child; the bytes it returns come back through a
    pipe to :meth:`result`.  The child never returns into the caller's
    code: it ends with ``os._exit``, so nothing of the parent (buffers,
    handlers) runs twice.

    Example:
        >>> child = Child(lambda: b"done")
        >>> child.result()
        b'done'
    """

    def __init__(self, work: Callable[[], bytes]) -> None:
        """Fork the child and start ``work`` in it.

        Raises:
            OSError: If the system could not fork (nothing is left open).
        """
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            raise
        if pid == 0:  # the child
            os.close(read)
            status = 1
            try:
                _write_all(write, b"+" + work())
                status = 0
            except BaseException as exc:  # noqa: BLE001 -- said to the parent
                _write_all(write, f"-{type(exc).__name__}: {exc}".encode())
            finally:
                os._exit(status)
        os.close(write)
        self._pid: int | None = pid
        self._read = read

    def result(self) -> bytes:
        """Wait for the child; return what its work returned.

        Raises:
            ChildError: If the work raised, or the child died.
        """
        if self._pid is None:
            raise ChildError("the child's result was taken already")
        said = read_all(self._read)
        os.close(self._read)
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if said.startswith(b"+") and status == 0:
            return said[1:]
        why = said[1:].decode("utf-8", "replace") if said else f"exit status {status}"
        raise ChildError(f"the process working alongside failed: {why}")

    def stop(self) -> None:
        """Stop the child (when the parent gives up), if it has not been waited for."""
        if self._pid is not None:
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            os.close(self._read)
            self._pid = None


def read_all(fd: int) -> bytes:
    """Read from a pipe until its writer closes it."""
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    os.close(fd)
