"""Progress and cancellation protocols for long work that knows nothing of any GUI."""

from __future__ import annotations

import threading
from collections.abc import Callable

# progress(done, total, message): total is None when unknown. Called often; keep it cheap.
Progress = Callable[[int, int | None, str], None]


class Cancelled(Exception):
    """Raised inside long work when the user asked to stop; what was finished is kept."""


def no_progress(done: int, total: int | None, message: str) -> None:
    """A Progress that ignores every report."""


class CancelToken:
    """Thread-safe cancel flag, checked by long work at safe points."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise Cancelled()
