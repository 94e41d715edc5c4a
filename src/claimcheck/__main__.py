"""``python -m claimcheck``: the same program as the ``claimcheck`` command."""

import sys

from claimcheck.cli import main

sys.exit(main())
