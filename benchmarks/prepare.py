"""First-use preparation of the built-in models: how long each stage takes, and peak memory.

    .venv/bin/python benchmarks/prepare.py [--models smollm2-135m qwen2.5-1.5b] [--target cpu]

Prepares each model from its packaged weights into a throwaway model folder, exactly as the
app does on first use (join + SHA-256 check, GGUF -> float32 -> int4 ONNX in a subprocess),
recording when each stage's progress was reported. Prints a Markdown table of stage times and
the converter's peak resident memory, and the profile line (progress fraction -> seconds) that
``ideaforge/gen/catalog.py`` keeps for the time estimate shown during preparation.
"""

from __future__ import annotations

import argparse
import itertools
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ideaforge.gen.catalog import BUILTIN
from ideaforge.gen.provision import prepare_builtin

# The fractions at which prepare_builtin's stages begin (see provision.prepare_builtin and
# convert.STAGES): join and check 0-0.1, then the converter's stages mapped onto 0.1-1.0.
BOUNDS = {"check": 0.0, "load": 0.1, "save": 0.415, "build": 0.55, "patch": 0.973, "done": 1.0}


def stage_of(fraction: float) -> str:
    name = "check"
    for stage, start in BOUNDS.items():
        if fraction >= start - 1e-9:
            name = stage
    return name


def run(name: str, target: str) -> tuple[dict[str, float], list[tuple[float, float]], float]:
    events: list[tuple[float, float]] = []
    start = time.monotonic()

    def progress(done: int, total: int | None, _message: str) -> None:
        events.append((done / (total or 1000), time.monotonic() - start))

    with tempfile.TemporaryDirectory() as tmp:
        prepare_builtin(Path(tmp), name, target, progress)
    total = time.monotonic() - start
    # Each stage's time: from the first report at or past its start to the next stage's.
    first: dict[str, float] = {}
    for fraction, t in events:
        first.setdefault(stage_of(fraction), t)
    first["done"] = total
    order = list(BOUNDS)
    stages = {}
    for a, b in itertools.pairwise(order):
        if a in first:
            nxt = next((first[s] for s in order[order.index(b) :] if s in first), total)
            stages[a] = nxt - first[a]
    profile = [(BOUNDS[s], round(first[s], 1)) for s in order if s in first]
    peak_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1e6
    return stages, profile, peak_child


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", nargs="+", default=list(BUILTIN))
    ap.add_argument("--target", default="cpu", choices=["cpu", "cuda"])
    ap.add_argument("--json", action="store_true", help="one model, its figures as JSON")
    args = ap.parse_args()
    if args.json:
        stages, profile, peak = run(args.models[0], args.target)
        print(json.dumps({"stages": stages, "profile": profile, "peak": peak}))
        return 0
    rows = []
    for name in args.models:  # each in its own process: peak memory is then the model's own
        print(f"preparing {name} for {args.target}…", file=sys.stderr, flush=True)
        out = subprocess.run(
            [sys.executable, __file__, "--models", name, "--target", args.target, "--json"],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        d = json.loads(out.strip().splitlines()[-1])
        rows.append((name, d["stages"], [tuple(p) for p in d["profile"]], d["peak"]))
    cols = ["check", "load", "save", "build", "patch"]
    print(f"\n| model ({args.target}) | " + " | ".join(f"{c} s" for c in cols)
          + " | total s | converter peak RSS GB |")  # fmt: skip
    print("|---" * (len(cols) + 3) + "|")
    for name, stages, profile, peak in rows:
        total = profile[-1][1]
        cells = " | ".join(f"{stages.get(c, 0):.1f}" for c in cols)
        print(f"| {name} | {cells} | {total:.0f} | {peak:.1f} |")
    print("\nprofiles (fraction, seconds) for gen/catalog.py:")
    for name, _stages, profile, _peak in rows:
        print(f"  {name}: {tuple(profile)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
