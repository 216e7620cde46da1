"""Theme quality against gold clusters: ARI and NMI of the app's own theme clustering.

The app's pipeline, called as ``AnalysisService.recluster`` calls it: the texts are embedded with
the app's embedder (``make_embedder``), each text's ``dedupe.NEIGHBOURS`` (32) nearest neighbours
come from ``neighbors.nearest``, and ``themes.cluster`` (Louvain on the mutual 10-NN graph, default
resolution, seeded) gives a theme per text or -1 (unthemed). The number of themes is not a
parameter: Louvain's modularity decides it.

Gold clusters (../shared/eval, public, labelled by people; English only: these figures say nothing
about Chinese text):
- banking77_test.tsv: 3,080 short customer messages, 77 intents x 40.
- stackoverflow_titles_sample1900.tsv: 1,900 Stack Overflow question titles, 20 tags x 95.
All texts are used unless ``--sample N`` is given (then N per set, drawn with a fixed seed).

Scoring: an unthemed text (-1) counts as a cluster of its own (it was grouped with nothing), so
leaving texts out is not rewarded. ARI and NMI (arithmetic mean normalisation) come from
scikit-learn (installed with sentence-transformers); sanity checks: identical labelings give
ARI = NMI = 1.0, renamed labels ([0, 0, 1, 1] vs [1, 1, 0, 0]) too, and ARI is about 0 for a random
labelling. Reference rows, so readers see the scale:
- the same ``themes.cluster`` with its ``resolution`` searched (bisection, on the gold labels'
  count only) until it finds about the gold number of themes: ``cluster`` has no k parameter,
  resolution is its only knob;
- k-means (scikit-learn, 10 starts, seed 0) given the gold k, on the same unit vectors;
- everything in one cluster (ARI = NMI = 0), and a random assignment to the gold number of
  clusters (seed 0): NMI of random labels is not 0 when there are many clusters.
Seconds: neighbours + clustering, embedding excluded (embeddings/s listed separately).

    .venv/bin/python benchmarks/themes_eval.py [--sample N] [--cache-dir DIR]
"""

from __future__ import annotations

import argparse
import csv
import datetime
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from dedupe_eval import machine  # noqa: E402 (this script's folder is on sys.path)

from ideaforge.analysis import dedupe, neighbors, themes  # noqa: E402
from ideaforge.analysis.embedders import MINILM, USE_M3, make_embedder  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
SETS = {
    "Banking77": "banking77_test.tsv",
    "StackOverflow": "stackoverflow_titles_sample1900.tsv",
}
SEED = 0


def load_set(name: str, sample: int | None) -> tuple[list[str], np.ndarray] | None:
    path = EVAL / name
    if not path.is_file():
        print(f"(skipped: {path} not found)", file=sys.stderr)
        return None
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    if sample is not None and sample < len(rows):
        pick = np.random.default_rng(SEED).choice(len(rows), size=sample, replace=False)
        rows = [rows[i] for i in sorted(pick.tolist())]
    _, gold = np.unique([r["label"] for r in rows], return_inverse=True)
    return [r["text"] for r in rows], gold.reshape(-1).astype(np.int64)


def singletons(labels: np.ndarray) -> np.ndarray:
    """Unthemed rows (-1) each become a cluster of their own."""
    out = labels.copy()
    out[out < 0] = out.max(initial=-1) + 1 + np.arange(int((out < 0).sum()))
    return out


def scores(gold: np.ndarray, pred: np.ndarray) -> tuple[float, float]:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    p = singletons(pred)
    return float(adjusted_rand_score(gold, p)), float(normalized_mutual_info_score(gold, p))


def self_check() -> None:
    """The hand examples from the docstring."""
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    a, b = np.array([0, 0, 1, 1]), np.array([1, 1, 0, 0])
    assert adjusted_rand_score(a, a) == 1.0 and normalized_mutual_info_score(a, a) == 1.0
    assert abs(adjusted_rand_score(a, b) - 1.0) < 1e-12
    assert abs(normalized_mutual_info_score(a, b) - 1.0) < 1e-12
    assert normalized_mutual_info_score(a, np.zeros(4, dtype=int)) == 0.0
    assert list(singletons(np.array([0, -1, 1, -1]))) == [0, 2, 1, 3]


def table_row(
    head: str, gold: np.ndarray, method: str, pred: np.ndarray, secs: float | None
) -> str:
    ari, nmi = scores(gold, pred)
    sec = "-" if secs is None else f"{secs:.2f}"
    return (
        f"{head} {method} | {n_themes(pred)} | {int((pred < 0).sum())} | {ari:.3f} | {nmi:.3f} "
        f"| {sec} |"
    )


def n_themes(labels: np.ndarray) -> int:
    return len(set(labels[labels >= 0].tolist()))


def app_cluster(
    vectors: np.ndarray, knn: tuple[np.ndarray, np.ndarray], resolution: float = themes.RESOLUTION
) -> np.ndarray:
    return themes.cluster(vectors, knn[0], knn[1], resolution=resolution)


def resolution_for_k(
    vectors: np.ndarray, knn: tuple[np.ndarray, np.ndarray], k: int
) -> tuple[float, np.ndarray]:
    """Bisect log(resolution) until ``cluster`` finds about ``k`` themes; the closest wins."""
    lo, hi = np.log(0.05), np.log(50.0)
    best: tuple[int, float, np.ndarray] | None = None
    for _ in range(16):
        mid = (lo + hi) / 2
        labels = app_cluster(vectors, knn, float(np.exp(mid)))
        found = n_themes(labels)
        if best is None or abs(found - k) < best[0]:
            best = (abs(found - k), float(np.exp(mid)), labels)
        if found == k:
            break
        if found < k:
            lo = mid
        else:
            hi = mid
    assert best is not None
    return best[1], best[2]


def timed(fn: Callable[[], np.ndarray]) -> tuple[np.ndarray, float]:
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sample", type=int, default=None, help="texts per set (fixed seed)")
    ap.add_argument("--cache-dir", type=Path, default=None, help="where MiniLM's ONNX export goes")
    args = ap.parse_args()
    self_check()
    data = {name: load_set(file, args.sample) for name, file in SETS.items()}
    cache = args.cache_dir or Path(tempfile.mkdtemp(prefix="ideaforge-embed-"))
    try:
        import igraph  # noqa: F401

        engine = "igraph"
    except ImportError:
        engine = "networkx"

    rows: list[str] = []
    speed: list[str] = []
    failed: dict[str, str] = {}
    for emb_id in (MINILM, USE_M3):
        try:
            emb = make_embedder(emb_id, cache_dir=cache)
            emb.embed(["warm-up"])
        except Exception as exc:  # report exactly why, go on with the other embedder
            failed[emb_id] = f"{type(exc).__name__}: {exc}"
            continue
        for set_name, loaded in data.items():
            if loaded is None:
                continue
            texts, gold = loaded
            k = len(set(gold.tolist()))
            vectors, embed_s = timed(lambda: emb.embed(texts))  # noqa: B023
            speed.append(f"| {emb_id} | {set_name} | {len(texts)} | {embed_s:.1f} | "
                         f"{len(texts) / embed_s:.0f} |")  # fmt: skip
            t0 = time.perf_counter()
            knn = neighbors.nearest(vectors, dedupe.NEIGHBOURS)
            knn_s = time.perf_counter() - t0
            labels, s = timed(lambda: app_cluster(vectors, knn))  # noqa: B023
            t0 = time.perf_counter()
            res, tuned = resolution_for_k(vectors, knn, k)
            tuned_s = time.perf_counter() - t0

            def kmeans(vecs: np.ndarray = vectors, kk: int = k) -> np.ndarray:
                from sklearn.cluster import KMeans

                km = KMeans(n_clusters=kk, n_init=10, random_state=SEED)
                return np.asarray(km.fit_predict(vecs), dtype=np.int64)

            km_labels, km_s = timed(kmeans)
            head = f"| {set_name} | {emb_id} | {len(texts)} | {k} |"

            def row(method: str, pred: np.ndarray, secs: float | None) -> None:
                rows.append(table_row(head, gold, method, pred, secs))  # noqa: B023

            row("**app: themes.cluster, defaults**", labels, knn_s + s)
            row(f"app cluster, resolution {res:.2f} (tuned to gold k)", tuned, knn_s + tuned_s)
            row("k-means, gold k", km_labels, km_s)
            n = len(texts)
            row("baseline: one cluster", np.zeros(n, dtype=np.int64), None)
            rand = np.random.default_rng(SEED).integers(0, k, n).astype(np.int64)
            row("baseline: random, gold k", rand, None)

    today = datetime.date.today().isoformat()
    sample = "all texts" if args.sample is None else f"{args.sample} texts per set, seed {SEED}"
    print(
        f"# Theme clustering vs gold labels, {today}, {machine()}; embedders: {MINILM}, {USE_M3}; "
        f"Louvain engine: {engine}; {sample}; English data only"
    )
    print()
    for emb_id, why in failed.items():
        print(f"**{emb_id} failed to load:** {why}")
        print()
    print(
        "| set | embedder | n texts | gold clusters | method | themes found | unthemed | ARI | "
        "NMI | seconds |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    rows.sort(key=lambda r: r.split("|")[1])  # by set; stable, so embedders keep their order
    print("\n".join(rows))
    print()
    print("Unthemed texts count as singleton clusters. Seconds: kNN + clustering (the tuned row")
    print("includes its whole resolution search); embedding excluded.")
    print()
    print("| embedder | set | texts | embed s | embeddings/s |")
    print("|---|---|---|---|---|")
    print("\n".join(speed))


if __name__ == "__main__":
    main()
