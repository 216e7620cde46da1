"""How long until the window is on screen, from a cold process start (issue 5: under 2 s).

    .venv/bin/python benchmarks/startup.py [--runs 5]

Each run starts ``main.py`` in a fresh process (offscreen Qt) on a throwaway SQLite file with
a few sessions; the app quits right after its first event-loop turn with the window shown.
Reports the wall time of the whole process and which heavy libraries were loaded by then.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{Path(tmp) / 'startup.db'}"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "IDEAFORGE_STARTUP_PROBE": "1",
               "IDEAFORGE_DATA_DIR": tmp}  # fmt: skip
        seed = (
            "from ideaforge.services.config import load_settings\n"
            "from ideaforge.services.workspace import Workspace\n"
            f"ws = Workspace.open(load_settings(db={db!r}, data_dir={tmp!r}))\n"
            "for n in range(20):\n"
            "    s = ws.sessions.new(f'How might we test startup {n}?')\n"
            "    ws.ideas.add_many(s.id, [f'idea {n}-{i}' for i in range(200)])\n"
            "ws.close()\n"
        )
        subprocess.run([sys.executable, "-c", seed], check=True, env=env, cwd=ROOT)
        walls, notes = [], ""
        for _ in range(args.runs):
            t0 = time.monotonic()
            out = subprocess.run(
                [sys.executable, "main.py", "--db", db, "--data-dir", tmp],
                env=env, cwd=ROOT, capture_output=True, text=True, check=True,
            )  # fmt: skip
            walls.append(time.monotonic() - t0)
            notes = next((x for x in out.stdout.splitlines() if x.startswith("window shown")), "")
    print("| measure | value |")
    print("| --- | --- |")
    print(f"| runs | {len(walls)} |")
    print(f"| process start to window shown, median | {statistics.median(walls):.2f} s |")
    print(f"| slowest | {max(walls):.2f} s |")
    print(f"| probe | {notes} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
