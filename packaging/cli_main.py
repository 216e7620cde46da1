"""Entry script of the bundle's ``ideaforge-cli`` program (from Python: ``ideaforge-cli``)."""

import multiprocessing
import sys

from ideaforge.frozen import run_module_from_argv

if __name__ == "__main__":
    multiprocessing.freeze_support()
    run_module_from_argv()  # the converter, when the CLI prepares a model (ideaforge.frozen)
    from ideaforge.cli import main

    sys.exit(main())
