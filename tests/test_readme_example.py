"""The property test of the README section "Testing your own claim logic", run as written there."""

from __future__ import annotations

from pathlib import Path
from typing import Any

README = Path(__file__).resolve().parent.parent / "README.md"


def readme_example() -> dict[str, Any]:
    """Run the section's Python block and return what it defines."""
    section = README.read_text(encoding="utf-8").split("## Testing your own claim logic", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    namespace: dict[str, Any] = {"__name__": "readme_example"}
    exec(compile(code, f"{README}:testing-your-claim-logic", "exec"), namespace)
    return namespace


def test_the_readme_property_test_runs_and_holds() -> None:
    """The user's property test from the README passes against claimcheck itself."""
    example = readme_example()
    example["test_every_flagged_proposition_has_a_contradiction"]()


def test_the_readme_property_test_can_fail() -> None:
    """Given code that flags too much, the README's property test finds a counterexample."""
    import pytest

    example = readme_example()
    reconcile = example["reconcile"]

    def flag_everything(case: Any) -> set[str]:
        return {r.proposition.id for r in reconcile(case).propositions}

    example["flagged"] = flag_everything  # the namespace is the test's globals
    with pytest.raises(AssertionError):
        example["test_every_flagged_proposition_has_a_contradiction"]()
