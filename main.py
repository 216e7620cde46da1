"""Start the IdeaForge desktop app."""

import multiprocessing
import sys

from ideaforge.frozen import run_module_from_argv

if __name__ == "__main__":
    # In the desktop bundle this program is also the model's process (multiprocessing, spawn)
    # and the converter (ideaforge.frozen); from Python both calls return at once.
    multiprocessing.freeze_support()
    run_module_from_argv()
    from ideaforge.ui.app import main

    sys.exit(main())
