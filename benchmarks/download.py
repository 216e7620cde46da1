"""Catalogue downloads on the loopback server: IdeaForge's downloader against curl, same files.

The tests' loopback server (tests/model_server.py) serves the converted tiny model (90 MB,
6 files); IdeaForge downloads it as a catalogue entry (HTTP, SHA-256 of every file, atomic
install with its manifest) and curl fetches the same URLs into a folder (no checks). Both run
in this process's machine, so the figures measure the client's own cost, not a network.

    .venv/bin/python benchmarks/download.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> None:
    import pytest

    from ideaforge.gen.catalog import TINY_MODEL
    from ideaforge.gen.provision import check
    from tests.catalogue_site import ONNX, REPO, REVISION, catalogue_workspace, model_files
    from tests.model_server import serve

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    cache = Path(os.environ.get("IDEAFORGE_TEST_MODEL_DIR",
                                Path.home() / ".cache" / "ideaforge-tests" / "models"))  # fmt: skip
    model = check(cache, TINY_MODEL, "cpu").model
    if model is None:
        sys.exit(f"Prepare the tiny model first: the tests do ({cache}).")
    files = model_files(model)
    size = sum(len(b) for b in files.values())
    ours: list[float] = []
    theirs: list[float] = []
    curl = shutil.which("curl")
    with serve(files) as site, tempfile.TemporaryDirectory() as tmp:
        mp = pytest.MonkeyPatch()
        try:
            for run in range(a.runs):
                root = Path(tmp) / f"run{run}"
                root.mkdir()
                with catalogue_workspace(root, root / "models", site, files, mp) as ws:
                    t = time.perf_counter()
                    ws.models.download(ONNX)
                    ours.append(time.perf_counter() - t)
                if curl:
                    out = root / "curl"
                    out.mkdir()
                    urls = [f"{site.base}{REPO}/resolve/{REVISION}/{p}" for p in files]
                    t = time.perf_counter()
                    for url, path in zip(urls, files, strict=True):
                        subprocess.run([curl, "-sf", "-o", str(out / path), url], check=True)
                    theirs.append(time.perf_counter() - t)
        finally:
            mp.undo()

    def row(name: str, times: list[float], what: str) -> str:
        best = min(times)
        return (f"| {name} | {statistics.median(times):.2f} s | {size / 1e6 / best:.0f} MB/s "
                f"| {what} |")  # fmt: skip

    print(f"Loopback download of the tiny model ({size / 1e6:.0f} MB, {len(files)} files), "
          f"{a.runs} runs each\n")  # fmt: skip
    print("| client | median time | best throughput | what it does |")
    print("|---|---|---|---|")
    print(row("IdeaForge (ModelService.download)", ours,
              "HTTP, SHA-256 of each file, atomic install with manifest"))  # fmt: skip
    if theirs:
        print(row("curl, one call per file", theirs, "HTTP only"))
    else:
        print("| curl | - | - | not installed |")


if __name__ == "__main__":
    main()
