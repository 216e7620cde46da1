"""Start the IdeaForge desktop app."""

import sys

from ideaforge.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
