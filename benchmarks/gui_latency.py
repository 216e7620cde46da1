"""How long does the GUI thread stall while the window generates and analyses ideas?

A 5 ms QTimer on the GUI thread records the gap between its ticks while the real MainWindow
generates N ideas (Generate button path, worker thread) and then analyses them (Converge tab,
worker thread). A stall is a gap minus the 5 ms interval. Prints a table: longest stall, 99th
percentile, and how many stalls exceeded 100 ms, per phase.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_latency.py [--ideas 500]
        [--model smollm2-135m] [--model-dir DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ideaforge.services.config import load_settings  # noqa: E402
from ideaforge.services.workspace import Workspace  # noqa: E402
from ideaforge.ui.qt import QtCore, QtWidgets  # noqa: E402

TICK_MS = 5


class StallMeter:
    def __init__(self) -> None:
        self.gaps: list[float] = []
        self._last = time.perf_counter()
        self.timer = QtCore.QTimer()
        self.timer.setTimerType(QtCore.Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.gaps.append(max(0.0, (now - self._last) * 1000 - TICK_MS))
        self._last = now

    def start(self) -> None:
        self.gaps = []
        self._last = time.perf_counter()
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        return self.gaps


def wait_until(done: object, timeout_s: float) -> None:
    loop = QtCore.QEventLoop()
    poll = QtCore.QTimer()
    poll.timeout.connect(lambda: loop.quit() if done() else None)  # type: ignore[operator]
    poll.start(50)
    QtCore.QTimer.singleShot(int(timeout_s * 1000), loop.quit)
    loop.exec()


def row(phase: str, gaps: list[float], seconds: float) -> str:
    if not gaps:
        return f"| {phase} | {seconds:.0f} | 0 | - | - | - |"
    ordered = sorted(gaps)
    p99 = ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
    over = sum(1 for g in gaps if g > 100)
    return f"| {phase} | {seconds:.0f} | {len(gaps)} | {max(gaps):.0f} | {p99:.0f} | {over} |"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ideas", type=int, default=500)
    ap.add_argument("--model", default="smollm2-135m")
    ap.add_argument("--in-process", action="store_true", help="the old way: model in a thread")
    ap.add_argument(
        "--model-dir",
        default=os.environ.get(
            "IDEAFORGE_TEST_MODEL_DIR", str(Path.home() / ".cache/ideaforge-tests/models")
        ),
    )
    args = ap.parse_args()
    app = QtWidgets.QApplication(sys.argv[:1])
    tmp = Path(tempfile.mkdtemp(prefix="ideaforge-gui-"))
    settings = load_settings(
        db=f"sqlite:///{tmp / 'gui.db'}", data_dir=tmp / "data", model_dir=args.model_dir,
        device="cpu", user="bench",
    )  # fmt: skip
    ws = Workspace.open(settings)
    ws.models.use(args.model)
    ws.models.separate_process = not args.in_process  # as the window does (or not, to compare)
    ws.models.engine()  # load before measuring: the stall of interest is the run itself
    from ideaforge.ui.main_window import MainWindow

    t = time.perf_counter()
    window = MainWindow(ws)
    ws.models.separate_process = not args.in_process
    window.show()
    app.processEvents()
    shown = time.perf_counter() - t
    sid = ws.sessions.new("How might we make bike commuting safer for new riders?").id
    window.refresh_sessions()
    window.select_session(sid)
    meter = StallMeter()

    window.count_box.setValue(args.ideas)
    meter.start()
    t = time.perf_counter()
    window.generate()
    wait_until(lambda: window._worker is None, 3600)
    gen_s = time.perf_counter() - t
    gen = meter.stop()
    kept = len(ws.ideas.list(sid))

    window.tabs.setCurrentIndex(1)
    meter.start()
    t = time.perf_counter()
    window.converge.analyse()
    wait_until(lambda: window.converge._worker is None, 600)
    ana_s = time.perf_counter() - t
    ana = meter.stop()

    where = "in a worker thread" if args.in_process else "in its own process"
    print(f"model {args.model} on CPU, {where}; window shown in {shown:.2f} s; "
          f"{kept} ideas kept\n")  # fmt: skip
    print("| phase | seconds | ticks | longest stall ms | p99 stall ms | stalls > 100 ms |")
    print("|---|---:|---:|---:|---:|---:|")
    print(row(f"generate {args.ideas} ideas", gen, gen_s))
    print(row(f"analyse {kept} ideas (first time: embedder export included)", ana, ana_s))
    window.close()
    window.deleteLater()
    app.processEvents()
    ws.close()


if __name__ == "__main__":
    main()
