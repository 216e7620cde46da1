"""Progress and cancellation protocols for long work that knows nothing of any GUI."""

from __future__ import annotations

import itertools
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


class Countdown:
    """An honest time-left figure for a long job whose progress reports are uneven.

    ``profile`` is the job's measured shape on a reference machine: (fraction done, seconds
    since start) points, ascending, ending at fraction 1.0. Each time the reported fraction
    moves, the job's speed relative to the reference (elapsed / expected at that fraction) is
    measured and the finish is projected from it; between reports the figure counts down in
    real time. Before there is evidence (the first few seconds of the reference), the
    reference's own timing stands. ``now`` is the clock (seconds; monotonic by default)."""

    def __init__(
        self,
        profile: tuple[tuple[float, float], ...],
        now: Callable[[], float] | None = None,
    ) -> None:
        import time

        if (
            not profile
            or profile[-1][0] < 1.0
            or any(b[0] < a[0] or b[1] < a[1] for a, b in itertools.pairwise(profile))
        ):
            raise ValueError("a profile rises from its first point to fraction 1.0")
        self.profile = profile
        self.now = now or time.monotonic
        self.started = self.now()
        self.fraction = -1.0
        self.speed = 1.0
        self._finish = self.started + self.total

    @property
    def total(self) -> float:
        """Seconds the whole job took on the reference machine."""
        return self.profile[-1][1]

    def expected_at(self, fraction: float) -> float:
        """Seconds into the job at which the reference machine reached ``fraction``."""
        points = self.profile
        if fraction <= points[0][0]:
            return points[0][1]
        for (f0, t0), (f1, t1) in itertools.pairwise(points):
            if fraction <= f1:
                return t0 + (t1 - t0) * ((fraction - f0) / (f1 - f0) if f1 > f0 else 1.0)
        return points[-1][1]

    def update(self, fraction: float) -> None:
        """A progress report: re-project the finish when the fraction has moved."""
        fraction = max(0.0, min(1.0, fraction))
        if fraction <= self.fraction:
            return
        self.fraction = fraction
        now = self.now()
        elapsed = now - self.started
        expected = self.expected_at(fraction)
        if expected >= min(3.0, 0.05 * self.total):  # enough of the job to judge its speed by
            self.speed = max(0.2, min(20.0, elapsed / expected))
        self._finish = now + self.speed * (self.total - expected)

    def remaining(self) -> float:
        """Seconds left, never negative (0 means "any moment now")."""
        return max(0.0, self._finish - self.now())
