"""The errors claimcheck raises.

Every error derives from :class:`ClaimcheckError`; the specific ones also
derive from the matching builtin, so ``except ValueError`` keeps working.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

__all__ = ["ClaimcheckError", "InvalidCaseError", "Problem"]


def _shown_key(key: object) -> str:
    """A mapping's key as a case file writes it, for a message.

    Example:
        >>> from decimal import Decimal
        >>> _shown_key(None), _shown_key(True), _shown_key(Decimal("1.5")), _shown_key("name")
        ('null', 'true', '1.5', "'name'")
    """
    if key is None:
        return "null"
    if isinstance(key, bool):
        return "true" if key else "false"
    return repr(key) if isinstance(key, str) else str(key)


class ClaimcheckError(Exception):
    """Base class of every error raised by claimcheck."""


@attrs.frozen(order=True)
class Problem:
    """One thing wrong with a case file.

    Attributes:
        file: The file name as the user gave it (``<string>`` for text,
            ``<mapping>`` for a Python mapping).
        line: The 1-based line the problem stands on, or ``None`` when the
            input has no lines (a Python mapping).
        message: What is wrong, naming the object and what would be right.

    Example:
        >>> str(Problem("case.yaml", 12, "claim 'x': unknown source 'amnest'"))
        "case.yaml:12: claim 'x': unknown source 'amnest'"
    """

    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return f"{self.file}: {self.message}"
        return f"{self.file}:{self.line}: {self.message}"


class InvalidCaseError(ClaimcheckError, ValueError):
    """A case file, text or mapping that is not a valid case.

    Carries every problem found, not just the first; ``str()`` of the error
    is one ``FILE:LINE: what is wrong`` line per problem.

    Attributes:
        problems: The problems, in the order of the file.
    """

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
