"""GUI entry point: ``ideaforge`` (or ``python main.py``)."""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from ideaforge import __version__
from ideaforge.core import i18n
from ideaforge.core.errors import IdeaForgeError
from ideaforge.core.i18n import ENV_LANG, choose_language
from ideaforge.services.config import load_settings, read_prefs, write_prefs
from ideaforge.services.workspace import Workspace
from ideaforge.ui.icons import app_icon
from ideaforge.ui.qt import QtCore, QtWidgets

I18N = Path(__file__).resolve().parents[2] / "resources" / "i18n"
LANGUAGES = {"en": "English", "zh-TW": "繁體中文"}


def install_translators(app: QtCore.QCoreApplication, language: str) -> list[QtCore.QTranslator]:
    """Load IdeaForge's and Qt's own translations (standard buttons, dialogs) for the language.
    Returns the translators (the app keeps no reference of its own). The language is kept as
    the application's ``ideaforge_language`` property, for texts that come from the services
    in several languages (lens titles)."""
    app.setProperty("ideaforge_language", language)
    i18n.set_language(language)  # messages from the services, stores and models
    if language == "en":
        return []
    loaded = []
    qt_dir = QtCore.QLibraryInfo.path(QtCore.QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"ideaforge_{language.replace('-', '_')}", str(I18N)),
                         ("qtbase_zh_TW", qt_dir)):  # fmt: skip
        translator = QtCore.QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            loaded.append(translator)
    return loaded


def interface_language() -> str:
    """The language the interface was started in ("en" or "zh-TW")."""
    app = QtCore.QCoreApplication.instance()
    value = app.property("ideaforge_language") if app is not None else None
    return str(value) if value else "en"


def _excepthook(log_dir: Path) -> object:
    """Unexpected errors: the details go to a log file, the person sees a short message."""

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log = log_dir / "ideaforge.log"
        try:
            log_dir.mkdir(parents=True, exist_ok=True)
            with log.open("a", encoding="utf-8") as fh:
                fh.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
                fh.write("".join(traceback.format_exception(kind, error, tb)))
        except OSError:
            pass
        if QtWidgets.QApplication.instance() is None:
            return
        if isinstance(error, IdeaForgeError):
            message = str(error)
        else:
            message = QtCore.QCoreApplication.translate(
                "App", "Something went wrong: %1\n\nNothing you saved is lost. Details are in %2."
            )
            message = message.replace("%1", f"{kind.__name__}: {error}").replace("%2", str(log))
        QtWidgets.QMessageBox.critical(None, "IdeaForge", message)

    return hook


def main(argv: Sequence[str] | None = None) -> int:
    started = time.monotonic()
    parser = argparse.ArgumentParser(prog="ideaforge", description="IdeaForge desktop app")
    parser.add_argument("--db", metavar="URL", help="database URL or SQLite file")
    parser.add_argument("--data-dir", metavar="DIR", help="data folder")
    parser.add_argument("--user", metavar="NAME", help="your name in sessions")
    parser.add_argument(
        "--lang", choices=sorted(LANGUAGES), help="interface language (saved for next time)"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--self-test", action="store_true", help="check this installation")
    args, qt_args = parser.parse_known_args(argv)
    if args.self_test:  # ideaforge/ui/selftest.py
        from ideaforge.ui.selftest import run_self_test

        return run_self_test(args, qt_args)

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([sys.argv[0], *qt_args])
    QtWidgets.QApplication.setWindowIcon(app_icon())  # static: app may be typed QCoreApplication
    QtWidgets.QApplication.setDesktopFileName("io.github.ideaforge.IdeaForge")
    app.setApplicationName("IdeaForge")
    app.setOrganizationName("IdeaForge")
    app.setApplicationVersion(__version__)
    try:
        settings = load_settings(db=args.db, data_dir=args.data_dir, user=args.user)
        if args.lang:
            write_prefs(settings.data_dir, language=args.lang)
        pref = os.environ.get(ENV_LANG) or str(read_prefs(settings.data_dir).get("language", ""))
        language = choose_language(pref, QtCore.QLocale.system().name())
        translators = install_translators(app, language)  # noqa: F841 (kept alive here)
        sys.excepthook = _excepthook(settings.data_dir / "logs")  # type: ignore[assignment]
        ws = Workspace.open(settings)
    except IdeaForgeError as error:
        title = QtCore.QCoreApplication.translate("App", "IdeaForge cannot start")
        QtWidgets.QMessageBox.critical(None, title, str(error))
        return 1

    from ideaforge.ui.main_window import MainWindow

    window = MainWindow(ws)
    window.show()
    if os.environ.get("IDEAFORGE_STARTUP_PROBE"):  # benchmarks/startup.py: time to first paint

        def probe() -> None:
            names = ("numpy", "onnxruntime", "onnxruntime_genai", "torch", "sklearn")
            heavy = [m for m in names if m in sys.modules]
            print(f"window shown after {time.monotonic() - started:.3f} s in main(); "
                  f"heavy modules loaded: {', '.join(heavy) or 'none'}", flush=True)  # fmt: skip
            app.quit()

        QtCore.QTimer.singleShot(0, probe)
    try:
        return int(app.exec())
    finally:
        ws.close()
