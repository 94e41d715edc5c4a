"""Shared test configuration: hypothesis profiles.

``CLAIMCHECK_HYPOTHESIS_PROFILE`` picks one: ``quick`` (the default, for
development: 25 examples a test) or ``thorough`` (for CI: 200 examples a
test).  Neither has a deadline: an example is a whole case, and how long one
takes depends on the machine more than on the code.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "quick",
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough",
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("CLAIMCHECK_HYPOTHESIS_PROFILE", "quick"))
