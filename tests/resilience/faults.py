"""Faults at the store's boundary, for machines that do not allow mounting a small file system.

    python -m tests.resilience.faults FLAG_DIR CLI-ARGS...

runs the real CLI (``ideaforge.cli.main``) with a listener on every new SQLite connection:
while ``FLAG_DIR/full`` exists the connection may not grow the database (``PRAGMA
max_page_count`` at its current size: SQLite then fails with SQLITE_FULL, "database or disk is
full", exactly as on a full disk); while ``FLAG_DIR/readonly`` exists it may not write at all
(``PRAGMA query_only``: "attempt to write a readonly database"). Creating and deleting the
files during a run fills the disk, frees it, or makes the folder read-only and writable again.
``install`` does the same inside a test process.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any


def install(flags: Path) -> Any:
    """Put the listener on every SQLAlchemy engine; returns a function that removes it."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    def on_connect(dbapi_conn: Any, _record: Any) -> None:
        if (flags / "full").exists():
            pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
            dbapi_conn.execute(f"PRAGMA max_page_count = {int(pages)}")
        if (flags / "readonly").exists():
            dbapi_conn.execute("PRAGMA query_only = 1")

    event.listen(Engine, "connect", on_connect)
    return lambda: event.remove(Engine, "connect", on_connect)


def main(argv: list[str]) -> int:
    install(Path(argv[0]))
    from ideaforge.cli import main as cli

    return cli(argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
