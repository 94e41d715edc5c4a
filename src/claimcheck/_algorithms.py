"""The names of the source-reliability algorithms, known without importing numpy.

:mod:`claimcheck.reliability` needs numpy; the command line offers its
algorithms as choices before (and without) loading it.
"""

from __future__ import annotations

from typing import Final

#: The algorithms, by the names :func:`claimcheck.reliability.run`,
#: :func:`~claimcheck.reliability.estimate` and ``claimcheck report --trust``
#: know them by.
ALGORITHMS: Final = (
    "majority",
    "sums",
    "average-log",
    "investment",
    "pooled-investment",
    "truthfinder",
    "crh",
)
