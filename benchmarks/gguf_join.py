"""Joining a GGUF published in gguf-split parts (as Qwen2.5 7B is), before its conversion.

Takes a built-in model's real GGUF (default: the 1.5B default model's, 1.1 GB, from its
packages), splits it into N parts with gguf-py's writer (as gguf-split does), then joins them
with ideaforge.gen.gguf_split.join in a fresh process and prints time, throughput and that
process's peak memory, and whether the joined file is byte-identical to the original.

    .venv/bin/python benchmarks/gguf_join.py [--model qwen2.5-1.5b] [--parts 2]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

JOIN = """
import json, resource, sys, time
from pathlib import Path
from ideaforge.gen import gguf_split
parts = [Path(p) for p in sys.argv[2:]]
t = time.perf_counter()
gguf_split.join(parts, Path(sys.argv[1]))
seconds = time.perf_counter() - t
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak_mb}))
"""


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def main() -> None:
    from ideaforge.gen import provision
    from ideaforge.gen.catalog import BUILTIN, DEFAULT_MODEL
    from tests.gguf_parts import split_gguf

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", default=DEFAULT_MODEL, choices=sorted(BUILTIN))
    ap.add_argument("--parts", type=int, default=2)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        t = time.perf_counter()
        whole = provision.assemble_gguf(BUILTIN[a.model], root)
        (root / "parts").mkdir()
        parts = split_gguf(whole, root / "parts", a.parts)
        prepared = time.perf_counter() - t
        out = root / "joined.gguf"
        run = subprocess.run([sys.executable, "-c", JOIN, str(out), *map(str, parts)],
                             capture_output=True, text=True, check=True)  # fmt: skip
        result = json.loads(run.stdout)
        size = whole.stat().st_size
        identical = sha256(out) == sha256(whole)
    print(f"GGUF join ({a.model}, {size / 1e9:.2f} GB in {a.parts} parts; "
          f"assembling and splitting took {prepared:.0f} s)\n")  # fmt: skip
    print("| parts | size | join time | throughput | peak memory of the join | identical |")
    print("|---|---|---|---|---|---|")
    print(f"| {a.parts} | {size / 1e9:.2f} GB | {result['seconds']:.1f} s | "
          f"{size / 1e6 / result['seconds']:.0f} MB/s | {result['peak_mb']:.0f} MB | "
          f"{'yes' if identical else 'NO'} |")  # fmt: skip


if __name__ == "__main__":
    main()
