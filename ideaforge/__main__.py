"""``python -m ideaforge <command>``: the headless CLI."""

import sys

from ideaforge.cli import main

sys.exit(main())
