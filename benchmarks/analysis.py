"""Converge engine benchmark: embedding speed per backend, then dedupe + themes at 1k/10k/50k.

Texts: every public labelled text in ../shared/eval (Banking77, Stack Overflow titles, STS-B
English sentences) plus the idea pairs in benchmarks/data, about 8,000 distinct short texts,
embedded once with the app's MiniLM ONNX embedder. Sets of 10,000 and 50,000 ideas are made from
them by adding jittered copies (Gaussian noise, renormalised; a copy's cosine to its source is
about 0.85-0.95), the way a long generation run repeats itself. Embedding is excluded from the
dedupe/themes timings; each measurement runs in a fresh process and reports seconds (median of
3 at up to 10,000 ideas) and its peak RSS above the process's baseline (vectors loaded).

Peers on the same vectors, same run: sentence-transformers util.paraphrase_mining_embeddings
(top-k pairs, then the same threshold) and util.community_detection (its own greedy grouping at
the same threshold). Themes have no direct peer there: community_detection at a lower threshold
(0.5) stands in as the closest "topic grouping" sentence-transformers offers.

    .venv/bin/python benchmarks/analysis.py [--sizes 1000 10000 50000] [--embed-sample 2000]
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ideaforge.analysis import dedupe, neighbors, themes  # noqa: E402
from ideaforge.analysis.embedders import MINILM, SPECS, USE_M3, make_embedder  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
THRESHOLD = SPECS[MINILM].duplicate_threshold  # the app's default


def corpus() -> list[str]:
    texts: list[str] = []
    for name, cols in (
        ("banking77_test.tsv", ["text"]),
        ("stackoverflow_titles_sample1900.tsv", ["text"]),
        ("stsb_en_test.tsv", ["sentence1", "sentence2"]),
    ):
        path = EVAL / name
        if path.is_file():
            with open(path, encoding="utf-8") as fh:
                for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                    texts.extend(row[c] for c in cols)
    with open(ROOT / "benchmarks" / "data" / "idea_pairs.tsv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["lang"] == "en":
                texts.extend([row["idea1"], row["idea2"]])
    return list(dict.fromkeys(t.strip() for t in texts if t.strip()))


def grow(base: np.ndarray, n: int, seed: int = 0) -> np.ndarray:
    if n <= len(base):
        return base[:n].copy()
    rng = np.random.default_rng(seed)
    src = rng.integers(0, len(base), n - len(base))
    extra = base[src] + rng.normal(scale=0.018, size=(len(src), base.shape[1])).astype(np.float32)
    extra /= np.linalg.norm(extra, axis=1, keepdims=True)
    return np.vstack([base, extra]).astype(np.float32)


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def hwm_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def run_stage(method: str, vectors: Path) -> dict[str, Any]:
    """One measurement in this (fresh) process: seconds and peak memory above the baseline."""
    import json

    x = np.load(vectors)
    if method in ("ideaforge", "knn"):
        xt = None
    else:
        import torch
        from sentence_transformers import util

        xt = torch.from_numpy(x)
    stages: dict[str, Callable[[], Any]] = {
        "ideaforge": lambda: ideaforge_converge(x),
        "knn": lambda: (len(neighbors.nearest(x, dedupe.NEIGHBOURS)[0]),),
        "mining": lambda: (
            sum(
                1
                for s, _, _ in util.paraphrase_mining_embeddings(xt, top_k=dedupe.NEIGHBOURS)
                if s >= THRESHOLD
            ),
        ),
        "community": lambda: (
            len(util.community_detection(xt, threshold=THRESHOLD, min_community_size=2)),
        ),
        "topics": lambda: _topics(xt),
    }
    fn = stages[method]
    base = rss_mb()
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")  # reset the peak RSS (VmHWM) to now, so only this stage counts
    t = time.perf_counter()
    out = fn()
    secs = time.perf_counter() - t
    peak = hwm_mb() - base
    print(json.dumps({"secs": secs, "peak_mb": max(0.0, peak), "result": list(out)}))
    return {}


def _topics(xt: Any) -> tuple[int, int]:
    from sentence_transformers import util

    comm = util.community_detection(xt, threshold=0.5, min_community_size=3)
    return len(comm), len(xt) - sum(len(c) for c in comm)


def measured(method: str, vectors: Path, repeat: int) -> tuple[list[Any], float, float]:
    """Median seconds and largest peak over ``repeat`` fresh processes."""
    import json
    import subprocess

    runs = []
    for _ in range(repeat):
        proc = subprocess.run(
            [sys.executable, __file__, "--stage", method, str(vectors)],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        runs.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    secs = float(np.median([r["secs"] for r in runs]))
    return runs[0]["result"], secs, max(r["peak_mb"] for r in runs)


def ideaforge_converge(x: np.ndarray) -> tuple[int, int, int]:
    idx, sims = neighbors.nearest(x, dedupe.NEIGHBOURS)
    groups = dedupe.duplicate_groups(idx, sims, THRESHOLD)
    labels = themes.cluster(x, idx, sims)
    return len(groups), int(labels.max() + 1), int((labels < 0).sum())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", nargs="+", type=int, default=[1000, 10000, 50000])
    ap.add_argument("--embed-sample", type=int, default=2000)
    ap.add_argument("--peer-max", type=int, default=50000, help="largest n to run the peers at")
    ap.add_argument("--stage", nargs=2, metavar=("METHOD", "VECTORS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.stage:
        run_stage(args.stage[0], Path(args.stage[1]))
        return

    texts = corpus()
    cache = Path(tempfile.mkdtemp(prefix="ideaforge-bench-"))
    print(f"corpus: {len(texts)} distinct texts; {os.cpu_count()} CPUs\n")

    print("## Embedding speed (same texts, batch 64 for MiniLM, 32 for USE)\n")
    print("| embedder | backend | texts | seconds | embeddings/s | min cosine vs ONNX |")
    print("|---|---|---:|---:|---:|---:|")
    sample = texts[: args.embed_sample]
    ref = None
    for emb_id, backend in ((MINILM, "onnx"), (MINILM, "torch"), (USE_M3, "numpy")):
        emb = make_embedder(emb_id, backend="onnx" if backend == "numpy" else backend,
                            cache_dir=cache)  # fmt: skip
        emb.embed(sample[:64])  # load, export once, warm up
        t = time.perf_counter()
        v = emb.embed(sample)
        dt = time.perf_counter() - t
        agree = "-"
        if emb_id == MINILM:
            if ref is None:
                ref = v
            agree = f"{float((ref * v).sum(axis=1).min()):.5f}"
        print(f"| {emb_id} | {backend} | {len(sample)} | {dt:.1f} | {len(sample) / dt:.0f} | "
              f"{agree} |")  # fmt: skip

    emb = make_embedder(MINILM, cache_dir=cache)
    t = time.perf_counter()
    base = emb.embed(texts)
    print(f"\nwhole corpus with MiniLM ONNX: {len(texts)} texts in "
          f"{time.perf_counter() - t:.1f} s\n")  # fmt: skip

    rows = [
        ("ideaforge", "IdeaForge: kNN graph + leader groups + Louvain themes"),
        ("knn", "(of which the blocked kNN search alone)"),
        ("mining", "sentence-transformers paraphrase_mining_embeddings, pairs >= t"),
        ("community", "sentence-transformers community_detection (t, min size 2)"),
        ("topics", "sentence-transformers community_detection (0.5, min size 3) as themes"),
    ]
    print(f"## Dedupe + themes, embedding excluded (threshold t = {THRESHOLD})\n")
    print("| n | method | seconds | peak MB above baseline | groups/pairs | themes | unthemed |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for n in args.sizes:
        path = cache / f"vectors-{n}.npy"
        np.save(path, grow(base, n))
        for method, title in rows:
            if method not in ("ideaforge", "knn") and n > args.peer_max:
                continue
            res, secs, peak = measured(method, path, 3 if n <= 10000 else 1)
            cells = {
                "ideaforge": lambda r: [r[0], r[1], r[2]],
                "knn": lambda r: ["", "", ""],
                "mining": lambda r: [f"{r[0]} pairs", "", ""],
                "community": lambda r: [r[0], "", ""],
                "topics": lambda r: ["", r[0], r[1]],
            }[method](res)
            print(f"| {n} | {title} | {secs:.2f} | {peak:.0f} | "
                  + " | ".join(str(c) for c in cells) + " |", flush=True)  # fmt: skip
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of the whole benchmark process: {rss:.0f} MB")


if __name__ == "__main__":
    main()
