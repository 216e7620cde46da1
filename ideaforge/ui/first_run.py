"""The first run: the model is prepared in the background while the window is already usable.

A strip above the phase tabs says what is happening (progress, an honest time left, Cancel),
offers the sample session meanwhile, and when preparation fails says why and what to do
(free disk, another model, the Models window). It hides itself once the model is ready.
"""

from __future__ import annotations

import os

from ideaforge.core.errors import IdeaForgeError
from ideaforge.core.progress import Countdown
from ideaforge.services.models import TINY_MODEL, Readiness
from ideaforge.services.workspace import Workspace
from ideaforge.ui.qt import Qt, QtCore, QtWidgets, Signal
from ideaforge.ui.workers import Worker, start_in_thread

# IDEAFORGE_PREPARE_AT_START=0 leaves preparation to the first Generate (the tests' default).
ENV_PREPARE_AT_START = "IDEAFORGE_PREPARE_AT_START"


def prepare_at_start() -> bool:
    return os.environ.get(ENV_PREPARE_AT_START, "1").strip().lower() not in ("0", "no", "false")


class PrepareWorker(Worker):
    """Prepares one model for the device that will run it, off the GUI thread."""

    finished = Signal(object)  # the installed model
    failed = Signal(str)  # a message for the person; "" when cancelled on request

    def __init__(self, ws: Workspace, name: str) -> None:
        super().__init__(ws)
        self.name = name

    @QtCore.Slot()
    def run(self) -> None:
        unexpected = QtCore.QCoreApplication.translate(
            "FirstRun", "Preparing the model stopped unexpectedly: %1"
        )
        self._run_job(
            lambda: self.ws.models.prepare(
                self.name, progress=self._progress, cancel=self.cancel_token
            ),
            unexpected,
        )


def minutes_text(seconds: float) -> str:
    """'about 4 min left', 'about 40 s left', or 'almost done' (translated)."""
    if seconds < 5:
        return QtCore.QCoreApplication.translate("FirstRun", "almost done")
    if seconds < 90:
        text = QtCore.QCoreApplication.translate("FirstRun", "about %1 s left")
        return text.replace("%1", f"{10 * round(seconds / 10):.0f}")
    text = QtCore.QCoreApplication.translate("FirstRun", "about %1 min left")
    return text.replace("%1", f"{seconds / 60:.0f}")


class ModelPrepBanner(QtWidgets.QFrame):
    """Preparing, failed or just ready: one strip, with the actions that fit each state."""

    open_sample = Signal()
    show_models = Signal()
    model_ready = Signal()  # a preparation finished (or a model was switched to): list again

    def __init__(self, ws: Workspace, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.ws = ws
        self.setObjectName("model_prep_banner")
        self.setFrameShape(QtWidgets.QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#model_prep_banner { background: palette(alternate-base); border-radius: 4px; }"
        )
        self.readiness: Readiness | None = None
        self.worker: PrepareWorker | None = None
        self.prep_thread: QtCore.QThread | None = None
        self.countdown: Countdown | None = None
        self.message = QtWidgets.QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = QtWidgets.QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(True)
        self.time_left = QtWidgets.QLabel()
        self.sample_button = QtWidgets.QPushButton(self.tr("Open the sample session"))
        self.sample_button.setToolTip(
            self.tr("A finished brainstorm to look around in while the model is prepared")
        )
        self.sample_button.clicked.connect(self.open_sample)
        self.cancel_button = QtWidgets.QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(
            self.tr("Stop preparing; it starts again when you press Generate")
        )
        self.cancel_button.clicked.connect(self.cancel)
        self.retry_button = QtWidgets.QPushButton(self.tr("Try again"))
        self.retry_button.clicked.connect(self.start)
        self.tiny_button = QtWidgets.QPushButton(self.tr("Use the tiny model"))
        self.tiny_button.setToolTip(
            self.tr(
                "SmolLM2 135M: needs 2 GB of memory and 1 GB of disk; English only, weaker ideas"
            )
        )
        self.tiny_button.clicked.connect(self.use_tiny)
        self.models_button = QtWidgets.QPushButton(self.tr("Models…"))
        self.models_button.clicked.connect(self.show_models)
        self.close_button = QtWidgets.QToolButton()
        self.close_button.setText("✕")
        self.close_button.setToolTip(self.tr("Hide this message"))
        self.close_button.clicked.connect(self.hide)
        row = QtWidgets.QHBoxLayout()
        row.addWidget(self.bar, 1)
        row.addWidget(self.time_left)
        for b in (self.sample_button, self.cancel_button, self.retry_button, self.tiny_button,
                  self.models_button):  # fmt: skip
            b.setSizePolicy(  # buttons keep their size when the progress bar is hidden
                QtWidgets.QSizePolicy.Policy.Maximum, QtWidgets.QSizePolicy.Policy.Fixed
            )
            row.addWidget(b)
        row.addStretch(0)
        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.message, 1)
        top.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QtWidgets.QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(row)
        self.ticker = QtCore.QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self._tick)
        self.hide()

    # --- states ------------------------------------------------------------------------------

    def _buttons(self, *shown: QtWidgets.QAbstractButton) -> None:
        for b in (self.sample_button, self.cancel_button, self.retry_button, self.tiny_button,
                  self.models_button):  # fmt: skip
            b.setVisible(b in shown)

    @property
    def running(self) -> bool:
        return self.worker is not None

    def start_if_needed(self) -> bool:
        """At start: prepare the active model in the background unless it is ready (or the
        person turned this off). True when a preparation started."""
        if self.running or not prepare_at_start():
            return False
        self.readiness = None  # the active model
        return self.start()

    def start(self) -> bool:
        """Prepare the model of the last attempt (else the active one) unless it is ready.
        True when a preparation started."""
        if self.running:
            return False
        try:
            self.readiness = readiness = self.ws.models.readiness(
                self.readiness.name if self.readiness else None
            )
        except IdeaForgeError as error:
            self._failed(str(error))
            return False
        if readiness.ready:
            self.hide()
            return False
        why = {
            "missing": self.tr("this happens once"),
            "stale": self.tr("it was built by another version and is built again"),
            "broken": self.tr("its files were damaged and it is built again"),
        }.get(readiness.status, readiness.reason)
        self.message.setText(
            self.tr(
                "Getting the model %1 ready for %2 (%3). The window is yours meanwhile: open "
                "the sample session, add your own ideas, or press Generate to start as soon "
                "as the model is ready."
            )
            .replace("%1", readiness.title)
            .replace("%2", readiness.target.upper())
            .replace("%3", why)
        )
        self.countdown = Countdown(readiness.profile) if readiness.profile else None
        if self.countdown is not None:
            self.time_left.setToolTip(
                self.tr("Measured: %1 min on a 2-core PC; the estimate adapts to this computer")
                .replace("%1", f"{self.countdown.total / 60:.0f}")
            )  # fmt: skip
        self.bar.setValue(0)
        self.bar.setFormat(self.tr("Starting…"))
        self.bar.show()
        self.time_left.show()
        self._tick()
        self._buttons(self.sample_button, self.cancel_button)
        self.worker = PrepareWorker(self.ws, readiness.name)
        self.worker.progress.connect(self._progress)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        self.prep_thread = start_in_thread(self.worker, self)
        self.ticker.start()
        self.show()
        return True

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.bar.setFormat(self.tr("Stopping…"))
            self.cancel_button.setEnabled(False)

    def use_tiny(self) -> None:
        try:
            self.ws.models.use(TINY_MODEL)
        except IdeaForgeError as error:
            self._failed(str(error))
            return
        self.model_ready.emit()  # the model list shows the new choice
        self.readiness = None
        self.start()

    def shutdown(self) -> None:
        """The window closes: stop preparing (nothing half-built is kept) and wait for it."""
        if self.worker is not None and self.prep_thread is not None:
            self.worker.cancel()
            self.prep_thread.quit()
            self.prep_thread.wait(10000)

    # --- reports from the worker -------------------------------------------------------------

    def _progress(self, done: int, total: int, message: str) -> None:
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
            if self.countdown is not None:
                self.countdown.update(done / total)
        self.bar.setFormat(message)
        self._tick()

    def _tick(self) -> None:
        if self.countdown is None:
            self.time_left.setText("")
            return
        self.time_left.setText(minutes_text(self.countdown.remaining()))

    def _ended(self) -> None:
        self.worker = None
        self.prep_thread = None
        self.ticker.stop()
        self.cancel_button.setEnabled(True)
        self.time_left.setText("")

    def _finished(self, _model: object) -> None:
        self._ended()
        title = self.readiness.title if self.readiness else ""
        self.message.setText(
            self.tr("The model %1 is ready. Press Generate (Ctrl+G) to let it write ideas.")
            .replace("%1", title)
        )  # fmt: skip
        self.bar.setRange(0, 1)
        self.bar.setValue(1)
        self.bar.setFormat(self.tr("Ready"))
        self._buttons()
        self.model_ready.emit()
        QtCore.QTimer.singleShot(15000, self._hide_if_done)

    def _hide_if_done(self) -> None:
        if not self.running:
            self.hide()

    def _failed(self, message: str) -> None:
        self._ended()
        self.bar.hide()
        self.time_left.hide()
        if not message:  # cancelled on request
            self.message.setText(
                self.tr(
                    "Preparing the model was stopped; nothing half-built was kept. It starts "
                    "again when you press Generate, or now with Try again."
                )
            )
            self._buttons(self.retry_button, self.sample_button)
        else:
            self.message.setText(
                self.tr("The model could not be prepared: %1").replace("%1", message)
            )
            self._buttons(self.retry_button, self.tiny_button, self.models_button,
                          self.sample_button)  # fmt: skip
            tiny = self.readiness is not None and self.readiness.name == TINY_MODEL
            self.tiny_button.setVisible(not tiny)
        self.show()
