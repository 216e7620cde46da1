"""Precision and recall of duplicate suggestions per embedder: at fixed thresholds, at each
embedder's default ``duplicate_threshold`` (read from ideaforge.analysis.embedders.SPECS), at the
threshold with the best F1 and at the lowest threshold that keeps precision >= 0.9.

Dedupe must prefer precision: a false merge hides an idea, a missed duplicate only costs a
second look. So the "P >= 0.9" column is the one to set a default by.

Labelled pairs:
- benchmarks/data/idea_pairs.tsv: 270 pairs of brainstorming ideas (190 English, 80 Traditional
  Chinese) written for this evaluation by the IdeaForge developers: paraphrases (label 1) and
  related-but-different or distinct ideas for the same challenge (label 0). See its header.
- ../shared/eval STS-B test (English, and its Traditional Chinese machine translation, OpenCC
  s2twp): public pairs with human scores 0-5; duplicate = score >= 4, distinct = score <= 2, the
  rest left out of precision/recall. Spearman's rank correlation of cosine against the human
  score uses all 1,379 pairs (ties get their average rank; numpy only, no scipy).
- ../shared/eval PAWS-X zh-Hant sample: 600 human-translated adversarial pairs (heavy word
  overlap, word-order swaps), label 1 = paraphrase, 0 = not; converted to Traditional by OpenCC.

AUC is the chance that a random duplicate pair scores a higher cosine than a random distinct
pair (0.5 = no separation). Thresholds are searched on a 0.01 grid; the "P >= 0.9" threshold
must still suggest at least 10 pairs ("none" otherwise). Embeddings/s counts every
text embedded (both sides of every pair, all sets), model loading excluded.

    .venv/bin/python benchmarks/dedupe_eval.py [--thresholds 0.7 0.75 0.8 0.85 0.9]
        [--min-precision 0.9] [--cache-dir DIR]
"""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import platform
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ideaforge.analysis.embedders import MINILM, SPECS, USE_M3, make_embedder  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
GRID = np.round(np.arange(0.30, 0.991, 0.01), 2)
MIN_SUGGESTED = 10  # fewest suggested pairs for the "P >= 0.9" threshold to count


@dataclass
class PairSet:
    """Pairs to embed; ``labels`` is 1/0, or -1 for a pair left out of precision/recall."""

    labels: np.ndarray
    left: list[str]
    right: list[str]
    scores: np.ndarray | None = None  # human similarity scores (STS-B), for Spearman


def idea_pairs(lang: str) -> PairSet | None:
    with open(ROOT / "benchmarks" / "data" / "idea_pairs.tsv", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)]
    rows = [r for r in rows if r["lang"] == lang]
    labels = np.array([int(r["label"]) for r in rows])
    return PairSet(labels, [r["idea1"] for r in rows], [r["idea2"] for r in rows])


def _read_eval(name: str) -> list[dict[str, str]] | None:
    path = EVAL / name
    if not path.is_file():
        print(f"(skipped: {path} not found)", file=sys.stderr)
        return None
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def stsb(name: str) -> PairSet | None:
    rows = _read_eval(name)
    if rows is None:
        return None
    scores = np.array([float(r["score"]) for r in rows])
    labels = np.where(scores >= 4, 1, np.where(scores <= 2, 0, -1))
    return PairSet(labels, [r["sentence1"] for r in rows], [r["sentence2"] for r in rows], scores)


def pawsx(name: str) -> PairSet | None:
    rows = _read_eval(name)
    if rows is None:
        return None
    labels = np.array([int(r["label"]) for r in rows])
    return PairSet(labels, [r["sentence1"] for r in rows], [r["sentence2"] for r in rows])


def pr(labels: np.ndarray, sims: np.ndarray, t: float) -> tuple[float, float, float]:
    """Precision, recall and F1 of "duplicate when cosine >= t" (labels 1/0 only)."""
    pred = sims >= t
    tp = int((pred & (labels == 1)).sum())
    p = tp / max(1, int(pred.sum())) if pred.any() else 1.0  # nothing suggested: no false merge
    r = tp / max(1, int((labels == 1).sum()))
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1


def rankdata(x: np.ndarray) -> np.ndarray:
    """Ranks 1..n, ties given the average of the ranks they span (scipy's "average").

    rankdata([10, 20, 20, 30]) -> [1, 2.5, 2.5, 4]; rankdata([3, 1, 2]) -> [3, 1, 2].
    """
    x = np.asarray(x, dtype=np.float64)
    order = np.argsort(x, kind="mergesort")
    xs = x[order]
    # Start index of each run of equal values in sorted order.
    starts = np.concatenate([[0], np.nonzero(xs[1:] != xs[:-1])[0] + 1])
    ends = np.concatenate([starts[1:], [len(xs)]])
    avg = (starts + ends + 1) / 2.0  # mean of 1-based ranks starts+1 .. ends
    ranks = np.empty(len(x), dtype=np.float64)
    ranks[order] = np.repeat(avg, ends - starts)
    return ranks


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    """Spearman's rho: Pearson correlation of the (tie-averaged) ranks."""
    ra, rb = rankdata(a), rankdata(b)
    ra -= ra.mean()
    rb -= rb.mean()
    denom = float(np.sqrt((ra * ra).sum() * (rb * rb).sum()))
    return float((ra * rb).sum() / denom) if denom else float("nan")


def auc(labels: np.ndarray, sims: np.ndarray) -> float:
    """ROC AUC by the Mann-Whitney U statistic (ties count one half)."""
    r = rankdata(sims)
    pos = labels == 1
    n1, n0 = int(pos.sum()), int((~pos).sum())
    if not n1 or not n0:
        return float("nan")
    return float((r[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def best_thresholds(
    labels: np.ndarray, sims: np.ndarray, min_precision: float
) -> tuple[tuple[float, float, float, float], tuple[float, float, float, float] | None]:
    """(t, P, R, F1) with the best F1 on the grid, and with the best recall among thresholds of
    precision >= ``min_precision`` that still suggest at least ``MIN_SUGGESTED`` pairs (None when
    none does: a precision of 1.0 on two suggested pairs says nothing)."""
    rows = [(float(t), *pr(labels, sims, float(t))) for t in GRID]
    best_f1 = max(rows, key=lambda row: (row[3], row[0]))
    suggested = {float(t): int((sims >= t).sum()) for t in GRID}
    ok = [row for row in rows if row[1] >= min_precision and suggested[row[0]] >= MIN_SUGGESTED]
    best_p = max(ok, key=lambda row: (row[2], row[0])) if ok else None
    return best_f1, best_p


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{platform.system()} {platform.machine()}, {cpu}, {os.cpu_count()} CPUs, no GPU used"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--thresholds", nargs="+", type=float, default=[0.7, 0.75, 0.8, 0.85, 0.9])
    ap.add_argument("--min-precision", type=float, default=0.9)
    ap.add_argument("--cache-dir", type=Path, default=None, help="where MiniLM's ONNX export goes")
    args = ap.parse_args()
    loaded = {
        "ideas en": idea_pairs("en"),
        "ideas zh-TW": idea_pairs("zh-TW"),
        "STS-B en": stsb("stsb_en_test.tsv"),
        "STS-B zh-Hant": stsb("stsb_zh_test.zh-Hant-opencc.tsv"),
        "PAWS-X zh-Hant": pawsx("pawsx_zh_test_sample600.zh-Hant-opencc.tsv"),
    }
    sets = {name: s for name, s in loaded.items() if s is not None and len(s.labels)}
    cache = args.cache_dir or Path(tempfile.mkdtemp(prefix="ideaforge-embed-"))
    embedders = (MINILM, USE_M3)

    sims_by: dict[tuple[str, str], np.ndarray] = {}
    speed: list[tuple[str, int, float, float]] = []
    failed: dict[str, str] = {}
    for emb_id in embedders:
        t0 = time.perf_counter()
        try:
            emb = make_embedder(emb_id, cache_dir=cache)
            load = getattr(emb, "load", None)
            if load is not None:
                load()
            emb.embed(["warm-up"])
        except Exception as exc:  # report exactly why, go on with the other embedder
            failed[emb_id] = f"{type(exc).__name__}: {exc}"
            continue
        load_s = time.perf_counter() - t0
        texts, embed_s = 0, 0.0
        for name, s in sets.items():
            t1 = time.perf_counter()
            a = emb.embed(s.left)
            b = emb.embed(s.right)
            embed_s += time.perf_counter() - t1
            texts += len(s.left) + len(s.right)
            sims_by[emb_id, name] = (a * b).sum(axis=1)
        speed.append((emb_id, texts, load_s, embed_s))

    today = datetime.date.today().isoformat()
    ids = ", ".join(
        f"{e} (default {SPECS[e].threshold_for('en'):.2f} en, {SPECS[e].threshold_for('zh-TW'):.2f}"
        " zh-TW)"
        for e in embedders
    )
    print(f"# Dedupe evaluation, {today}, {machine()}; embedders: {ids}")
    print()
    for emb_id, why in failed.items():
        print(f"**{emb_id} failed to load:** {why}")
        print()

    print(f"## Precision / recall at fixed thresholds (P >= {args.min_precision:g} is the aim)")
    print()
    print("| embedder | pairs | n (dup/distinct) | " + " | ".join(
        f"P / R @ {t:.2f}" for t in args.thresholds) + " |")  # fmt: skip
    print("|---|---|---|" + "---|" * len(args.thresholds))
    for (emb_id, name), sims in sims_by.items():
        labels = sets[name].labels
        keep = labels >= 0
        cells = []
        for t in args.thresholds:
            p, r, _ = pr(labels[keep], sims[keep], t)
            cells.append(f"{p:.2f} / {r:.2f}")
        n1 = int((labels == 1).sum())
        n0 = int((labels == 0).sum())
        print(f"| {emb_id} | {name} | {n1}/{n0} | " + " | ".join(cells) + " |")
    print()

    mp = args.min_precision
    print(
        f"## At the default threshold, best F1, and best recall with P >= {mp:g} (t / P / R / F1)"
    )
    print()
    print(
        "| embedder | pairs | default t | P | R | F1 | best F1: t / P / R / F1 | "
        f"P >= {mp:g}: t / P / R / F1 | AUC | Spearman (all pairs) | cosine dup / distinct "
        "(median) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for (emb_id, name), sims in sims_by.items():
        s = sets[name]
        keep = s.labels >= 0
        labels, ks = s.labels[keep], sims[keep]
        t_def = SPECS[emb_id].threshold_for("en" if name.endswith(" en") else "zh-TW")
        p, r, f1 = pr(labels, ks, t_def)
        (tf, pf, rf, ff), best_p = best_thresholds(labels, ks, mp)
        hp = "none" if best_p is None else "{:.2f} / {:.2f} / {:.2f} / {:.2f}".format(*best_p)
        rho = "-" if s.scores is None else f"{spearman(sims, s.scores):.3f}"
        med = f"{np.median(ks[labels == 1]):.2f} / {np.median(ks[labels == 0]):.2f}"
        print(
            f"| {emb_id} | {name} | {t_def:.2f} | {p:.3f} | {r:.3f} | {f1:.3f} | "
            f"{tf:.2f} / {pf:.2f} / {rf:.2f} / {ff:.2f} | {hp} | {auc(labels, ks):.3f} | {rho} "
            f"| {med} |"
        )
    print()

    print("## Embedding speed (model load excluded)")
    print()
    print("| embedder | texts | load + warm-up s | embed s | embeddings/s |")
    print("|---|---|---|---|---|")
    for emb_id, texts, load_s, embed_s in speed:
        print(f"| {emb_id} | {texts} | {load_s:.1f} | {embed_s:.1f} | {texts / embed_s:.0f} |")


if __name__ == "__main__":
    main()
