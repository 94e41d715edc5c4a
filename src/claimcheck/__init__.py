"""claimcheck: reconcile contested claims.

Claims tagged by source go in; what contradicts what, what is corroborated
by independent sources, what the other side concedes and what every source
agrees on come out.

Example:
    >>> import claimcheck
    >>> result = claimcheck.reconcile(claimcheck.load("fixtures/starter.yaml"))
    >>> result.proposition("deaths").status
    'contested'
"""

from claimcheck.dumper import dump, dumps, to_mapping
from claimcheck.errors import ClaimcheckError, InvalidCaseError, Problem
from claimcheck.loader import from_mapping, load, loads, parse_value
from claimcheck.logic import Relation, relate
from claimcheck.model import (
    AssertionProposition,
    Case,
    CaseInfo,
    CategoryProposition,
    Claim,
    Proposition,
    QuantityProposition,
    SequenceProposition,
    Source,
)
from claimcheck.phrases import PhraseError, format_interval, parse_quantity
from claimcheck.reconciliation import (
    Contradiction,
    PropositionResult,
    Reconciliation,
    Revision,
    SourceResult,
    Support,
    reconcile,
)
from claimcheck.report import render_json, report_data
from claimcheck.values import (
    AssertionValue,
    CategoryValue,
    Interval,
    Lexicon,
    QuantityValue,
    SequenceValue,
    Value,
)

__version__ = "0.1.0"

__all__ = [
    "AssertionProposition",
    "AssertionValue",
    "Case",
    "CaseInfo",
    "CategoryProposition",
    "CategoryValue",
    "Claim",
    "ClaimcheckError",
    "Contradiction",
    "Interval",
    "InvalidCaseError",
    "Lexicon",
    "PhraseError",
    "Problem",
    "Proposition",
    "PropositionResult",
    "QuantityProposition",
    "QuantityValue",
    "Reconciliation",
    "Relation",
    "Revision",
    "SequenceProposition",
    "SequenceValue",
    "Source",
    "SourceResult",
    "Support",
    "Value",
    "__version__",
    "dump",
    "dumps",
    "format_interval",
    "from_mapping",
    "load",
    "loads",
    "parse_quantity",
    "parse_value",
    "reconcile",
    "relate",
    "render_json",
    "report_data",
    "to_mapping",
]
