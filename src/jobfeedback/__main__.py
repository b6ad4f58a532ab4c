"""``python -m jobfeedback``: the same as the ``jobfeedback`` command."""

import sys

from .cli import main

sys.exit(main())
