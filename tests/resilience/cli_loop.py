"""Run a list of CLI commands through the real entry point, one after another, in one process.

    python -m tests.resilience.cli_loop COMMANDS.json [--state]

COMMANDS.json holds a list of argument lists, exactly what a person types after
``ideaforge-cli``. Each goes through ``ideaforge.cli.main`` as ``python -m ideaforge`` would
run it (its own Workspace, its own database connection, its own output), between the lines
``$ run N [...]`` and ``$ end N CODE``. Running them in one process, not one process each,
puts the kills the tests send inside the commands' work rather than in Python's start-up.

``--state`` (the reference run) prints ``@ N {...}`` after each command: the database's
state as ``harness.state`` reads it.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    commands = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    with_state = "--state" in argv[1:]
    from ideaforge.cli import main as cli

    db = Path(os.environ["IDEAFORGE_DATA_DIR"]) / "ideaforge.db"
    for n, command in enumerate(commands):
        print(f"$ run {n} {json.dumps(command)}", flush=True)
        code = cli(command)
        sys.stdout.flush()
        print(f"$ end {n} {code}", flush=True)
        if with_state:
            from tests.resilience.harness import state

            print(f"@ {n} {json.dumps(state(db))}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
