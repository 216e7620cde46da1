"""GUI entry point: ``ideaforge`` (or ``python main.py``)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from ideaforge import __version__
from ideaforge.core.errors import IdeaForgeError
from ideaforge.services.config import load_settings
from ideaforge.services.workspace import Workspace
from ideaforge.ui.qt import QtWidgets


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ideaforge", description="IdeaForge desktop app")
    parser.add_argument("--db", metavar="URL", help="database URL or SQLite file")
    parser.add_argument("--data-dir", metavar="DIR", help="data folder")
    parser.add_argument("--user", metavar="NAME", help="your name in sessions")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    args, qt_args = parser.parse_known_args(argv)

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([sys.argv[0], *qt_args])
    app.setApplicationName("IdeaForge")
    app.setOrganizationName("IdeaForge")
    app.setApplicationVersion(__version__)
    try:
        settings = load_settings(db=args.db, data_dir=args.data_dir, user=args.user)
        ws = Workspace.open(settings)
    except IdeaForgeError as error:
        QtWidgets.QMessageBox.critical(None, "IdeaForge cannot start", str(error))
        return 1

    from ideaforge.ui.main_window import MainWindow

    window = MainWindow(ws)
    window.show()
    try:
        return int(app.exec())
    finally:
        ws.close()
