"""Background work for the window: services run on a QThread, results come back as signals.

Workers never touch widgets. Progress is throttled so a fast stream of updates cannot flood
the GUI thread.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from ideaforge.core.errors import IdeaForgeError
from ideaforge.core.model import Idea
from ideaforge.core.progress import CancelToken
from ideaforge.services.diverge import DivergeRequest, DivergeResult
from ideaforge.services.workspace import Workspace
from ideaforge.ui.qt import QtCore, Signal


class Worker(QtCore.QObject):
    """Base of the window's background jobs: a cancel token and throttled progress signals.
    Subclasses define ``finished``/``failed`` signals and a ``run`` slot."""

    progress = Signal(int, int, str)  # done, total (0 = unknown), message

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws = ws
        self.cancel_token = CancelToken()
        self._last = 0.0

    def cancel(self) -> None:
        self.cancel_token.cancel()

    def _run_job(self, job: Callable[[], object], unexpected: str) -> None:
        """Run ``job`` and emit ``finished(result)``, or ``failed(message)``: "" when it was
        cancelled on request, the message of an IdeaForgeError, else ``unexpected`` with %1
        standing for the error (never a traceback in the window). For subclasses that define
        both signals."""
        from ideaforge.core.progress import Cancelled

        try:
            result = job()
        except Cancelled:
            self.failed.emit("")  # type: ignore[attr-defined]
            return
        except IdeaForgeError as error:
            self.failed.emit(str(error))  # type: ignore[attr-defined]
            return
        except Exception as error:
            text = unexpected.replace("%1", f"{type(error).__name__}: {error}")
            self.failed.emit(text)  # type: ignore[attr-defined]
            return
        self.finished.emit(result)  # type: ignore[attr-defined]

    def _progress(self, done: int, total: int | None, message: str) -> None:
        now = time.monotonic()
        if now - self._last >= 0.1 or (total is not None and done >= total):
            self._last = now
            self.progress.emit(done, total or 0, message)


class GenerateWorker(Worker):
    """Runs one generation (preparing the model first if needed) off the GUI thread."""

    idea = Signal(object)  # Idea, already saved
    finished = Signal(object)  # DivergeResult
    failed = Signal(str)  # a message for the person

    def __init__(self, ws: Workspace, request: DivergeRequest) -> None:
        super().__init__(ws)
        self.request = request

    def _idea(self, idea: Idea) -> None:
        self.idea.emit(idea)

    @QtCore.Slot()
    def run(self) -> None:
        try:
            result: DivergeResult = self.ws.diverge.generate(
                self.request, on_idea=self._idea, progress=self._progress, cancel=self.cancel_token
            )
        except IdeaForgeError as error:
            self.failed.emit(str(error))
            return
        except Exception as error:  # never a traceback in the window; the message is enough
            message = QtCore.QCoreApplication.translate(
                "Workers", "Generation stopped unexpectedly: %1"
            )
            self.failed.emit(message.replace("%1", f"{type(error).__name__}: {error}"))
            return
        self.finished.emit(result)


def start_in_thread(worker: QtCore.QObject, parent: QtCore.QObject) -> QtCore.QThread:
    """Move ``worker`` to a new thread, start its ``run`` there; the thread ends with it."""
    thread = QtCore.QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)  # type: ignore[attr-defined]
    for name in ("finished", "failed"):
        getattr(worker, name).connect(thread.quit)
    thread.finished.connect(worker.deleteLater)
    thread.start()
    return thread


def describe_run(result: Any) -> str:
    """The run's footprint in one line: kept, rejected, speed, time, device, tokens, energy."""
    run = result.run
    rate = 60 * run.kept / run.seconds if run.seconds else 0.0
    status = {
        "finished": QtCore.QCoreApplication.translate("Workers", "Finished"),
        "cancelled": QtCore.QCoreApplication.translate("Workers", "Cancelled"),
        "failed": QtCore.QCoreApplication.translate("Workers", "Failed"),
        "running": QtCore.QCoreApplication.translate("Workers", "Running"),
    }.get(run.status, run.status)
    text = QtCore.QCoreApplication.translate(
        "Workers",
        "%1: %2 ideas kept, %3 outputs rejected · %4 ideas/min · %5 s on %6 · %7 tokens · "
        "≈%8 Wh (assumed %9 W)",
    )
    values = [status, run.kept, sum(run.rejected.values()), f"{rate:.0f}", f"{run.seconds:.0f}",
              run.device.upper(), f"{run.prompt_tokens + run.generated_tokens:,}",
              f"{run.energy_wh:.2f}", f"{run.power_watts:.0f}"]  # fmt: skip
    for n in range(len(values), 0, -1):  # %9 before %1, so %1 never eats into %10-style text
        text = text.replace(f"%{n}", str(values[n - 1]))
    return text
