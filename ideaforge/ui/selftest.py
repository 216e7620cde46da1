"""``ideaforge --self-test``: check that this installation works, end to end, in a minute or two.

It does what a person does on first use, in a data folder of its own (a new temporary one,
removed afterwards, unless ``--data-dir`` names one): opens a database, shows the real main
window, creates a session and presses Generate for a few ideas with the tiny built-in model,
which prepares (converts) the model on first use just as the app does. Each step is printed
with its time; the exit status is 0 when every step worked, 1 with the reason otherwise.

The build script of the desktop bundle (packaging/build_bundle.py) runs it on the built
bundle, and people can run it to tell a broken installation from a problem elsewhere. Set
IDEAFORGE_MODEL_DIR to reuse models already prepared there (the conversion is then skipped).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType

from ideaforge import __version__
from ideaforge.core import i18n
from ideaforge.core.errors import IdeaForgeError
from ideaforge.services.config import ENV_DEVICE, load_settings
from ideaforge.services.workspace import Workspace
from ideaforge.ui.qt import QtCore, QtWidgets

MODEL = "smollm2-135m"  # the tiny built-in model: prepared in about a minute, 2 GB of memory
IDEAS = 3
LIMIT_S = 900  # a step that takes longer than this has hung (the conversion takes ~1 minute)
CHALLENGE = "How might we make bike commuting safer for new riders?"


def fill(text: str, *values: object) -> str:
    """Put ``values`` in for %1, %2... of a translated text (from the last, so %1 never eats
    into %10)."""
    for n in range(len(values), 0, -1):
        text = text.replace(f"%{n}", str(values[n - 1]))
    return text


class StepFailed(Exception):
    """A step of the self-test did not work; the message says why, for people."""


class SelfTest(QtCore.QObject):
    """The steps, run one after the other; ``run`` returns the exit status."""

    def __init__(self, data_dir: Path) -> None:
        super().__init__()
        self.data_dir = data_dir
        self.errors: list[str] = []  # unexpected errors and message boxes: the step failed
        self.ws: Workspace | None = None
        self.window: QtWidgets.QMainWindow | None = None
        self.step = 0
        self.steps = 5

    # --- output ---------------------------------------------------------------------------

    @staticmethod
    def say(text: str, error: bool = False) -> None:
        stream = sys.stderr if error else sys.stdout
        if stream is None:  # a windowed program on Windows has no console
            return
        print(text, file=stream, flush=True)

    def run_step(self, title: str, work: Callable[[], str]) -> None:
        self.step += 1
        self.say(f"[{self.step}/{self.steps}] {title}")
        started = time.monotonic()
        detail = work()
        QtWidgets.QApplication.processEvents()  # a message box the step caused shows up now
        if self.errors:
            raise StepFailed(self.errors[0])
        seconds = f"{time.monotonic() - started:.1f}"
        self.say("      " + fill(self.tr("ok (%1 s): %2"), seconds, detail))

    # --- waiting on the window, never blocking it ---------------------------------------------

    def _hook(
        self, kind: type[BaseException], error: BaseException, _tb: TracebackType | None
    ) -> None:
        self.errors.append(str(error) if isinstance(error, IdeaForgeError) else
                           f"{kind.__name__}: {error}")  # fmt: skip

    def _close_message_boxes(self) -> None:
        """A message box would wait for a click forever: note its text as the failure. Runs
        every 100 ms for the whole test, also inside the box's own event loop."""
        for widget in QtWidgets.QApplication.topLevelWidgets():
            if isinstance(widget, QtWidgets.QMessageBox) and widget.isVisible():
                self.errors.append(widget.text())
                widget.done(0)

    def wait_until(self, done: Callable[[], bool], what: str, on_tick: Callable[[], None]) -> None:
        """Run the event loop until ``done()``, an error, or LIMIT_S seconds."""
        loop = QtCore.QEventLoop()
        deadline = time.monotonic() + LIMIT_S

        def tick() -> None:
            on_tick()
            if done() or self.errors or time.monotonic() > deadline:
                loop.quit()

        timer = QtCore.QTimer()
        timer.setInterval(100)
        timer.timeout.connect(tick)
        timer.start()
        loop.exec()
        timer.stop()
        if self.errors:
            raise StepFailed(self.errors[0])
        if not done():
            raise StepFailed(fill(self.tr("%1 did not finish within %2 s."), what, LIMIT_S))

    # --- the steps ----------------------------------------------------------------------------

    def open_database(self) -> str:
        device = None if os.environ.get(ENV_DEVICE) else "cpu"  # CPU unless asked otherwise
        settings = load_settings(
            db=str(self.data_dir / "ideaforge.db"), data_dir=self.data_dir, device=device,
            user="self-test",
        )  # fmt: skip
        self.ws = Workspace.open(settings)
        return self.ws.store.where

    def check_resources(self) -> str:
        from ideaforge.ui.app import I18N

        assert self.ws is not None
        needed = [I18N / "ideaforge_zh_TW.qm", i18n.CATALOGUES / "messages_zh_TW.json",
                  self.ws.models.catalogue_path]  # fmt: skip
        missing = [str(p) for p in needed if not p.is_file()]
        if missing:
            raise StepFailed(fill(self.tr("Files of the app are missing: %1"), ", ".join(missing)))
        lenses = self.ws.diverge.lenses("en")
        return fill(self.tr("%1 lenses, translations and the model catalogue"), len(lenses))

    def open_window(self) -> str:
        from ideaforge.ui.main_window import MainWindow

        assert self.ws is not None
        self.ws.models.use(MODEL)
        self.window = MainWindow(self.ws)
        self.window.show()
        QtWidgets.QApplication.processEvents()
        if not self.window.isVisible():
            raise StepFailed(self.tr("The main window did not appear."))
        return QtWidgets.QApplication.platformName()

    def create_session(self) -> str:
        from ideaforge.ui.main_window import MainWindow

        assert self.ws is not None and isinstance(self.window, MainWindow)
        session = self.ws.sessions.new(CHALLENGE, title="Self-test")
        self.window.refresh_sessions()
        self.window.select_session(session.id)
        if self.window.current_session != session.id:
            raise StepFailed(self.tr("The new session could not be opened in the window."))
        return CHALLENGE

    def generate(self) -> str:
        from ideaforge.ui.main_window import MainWindow

        window = self.window
        assert self.ws is not None and isinstance(window, MainWindow)
        window.count_box.setValue(IDEAS)
        if not window.generate_button.isEnabled():
            raise StepFailed(self.tr("The Generate button is not enabled."))
        window.generate_button.click()  # the path a person's click takes
        shown = [""]

        def report() -> None:  # the stage of the progress bar, without the changing figures
            stage = window.progress.format().split(" · ")[0]
            if stage and stage != shown[0]:
                shown[0] = stage
                self.say(f"      … {stage}")

        self.wait_until(lambda: window._worker is None, self.tr("Generating"), report)
        session_id = window.current_session
        assert session_id is not None
        ideas = self.ws.ideas.list(session_id)
        if not ideas or window._last_run is None:
            raise StepFailed(
                fill(self.tr("The model wrote no usable idea (%1)."), window.run_label.text())
            )
        if window.ideas.rowCount() != len(ideas):
            text = self.tr("The window lists %1 ideas, the database has %2.")
            raise StepFailed(fill(text, window.ideas.rowCount(), len(ideas)))
        return window.run_label.text()

    def close(self) -> None:
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        if self.ws is not None:
            self.ws.close()
            self.ws = None

    def run(self) -> int:
        started = time.monotonic()
        frozen = (
            self.tr("desktop bundle") if getattr(sys, "frozen", False) else self.tr("run by Python")
        )
        system = f"{platform.system()} {platform.machine()}"
        self.say(fill(self.tr("IdeaForge %1 self-test (%2; Python %3, Qt %4, %5)"), __version__,
                      frozen, platform.python_version(), QtCore.qVersion(), system))  # fmt: skip
        previous = sys.excepthook
        sys.excepthook = self._hook
        watchdog = QtCore.QTimer(self)
        watchdog.setInterval(100)
        watchdog.timeout.connect(self._close_message_boxes)
        watchdog.start()
        steps: list[tuple[str, Callable[[], str]]] = [
            (fill(self.tr("Open a database in %1"), self.data_dir), self.open_database),
            (self.tr("Find the app's files"), self.check_resources),
            (self.tr("Show the main window"), self.open_window),
            (self.tr("Create a session"), self.create_session),
            (fill(self.tr("Generate %1 ideas with %2 (prepared first if needed)"), IDEAS, MODEL),
             self.generate),
        ]  # fmt: skip
        self.steps = len(steps)
        try:
            for title, work in steps:
                try:
                    self.run_step(title, work)
                except Exception as error:  # never a traceback: the step and the reason
                    if not isinstance(error, StepFailed | IdeaForgeError):
                        error = StepFailed(f"{type(error).__name__}: {error}")
                    text = self.tr("Self-test FAILED at step %1 (%2): %3")
                    self.say(fill(text, self.step, title, error), error=True)
                    return 1
        finally:
            watchdog.stop()
            sys.excepthook = previous
            self.close()
        seconds = f"{time.monotonic() - started:.0f}"
        self.say(fill(self.tr("Self-test passed in %1 s."), seconds))
        return 0


def run_self_test(args: argparse.Namespace, qt_args: Sequence[str]) -> int:
    """Run the self-test with the app's options (``--data-dir``, ``--lang``); the exit status."""
    from ideaforge.ui.app import install_translators

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([sys.argv[0], *qt_args])
    translators = install_translators(app, args.lang or "en")  # noqa: F841 (kept alive here)
    temporary = args.data_dir is None
    data_dir = Path(tempfile.mkdtemp(prefix="ideaforge-selftest-")) if temporary else (
        Path(args.data_dir).expanduser().resolve())  # fmt: skip
    try:
        return SelfTest(data_dir).run()
    finally:
        if temporary:
            shutil.rmtree(data_dir, ignore_errors=True)
