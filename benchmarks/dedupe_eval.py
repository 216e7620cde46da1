"""Precision and recall of duplicate suggestions at several thresholds, per embedder.

Labelled pairs:
- benchmarks/data/idea_pairs.tsv: 270 pairs of brainstorming ideas (190 English, 80 Traditional
  Chinese) written for this evaluation by the IdeaForge developers: paraphrases (label 1) and
  related-but-different or distinct ideas for the same challenge (label 0). See its header.
- ../shared/eval STS-B test (English, and its Traditional Chinese machine translation): public
  pairs with human scores; duplicate = score >= 4, distinct = score <= 2, the rest left out.

    .venv/bin/python benchmarks/dedupe_eval.py [--thresholds 0.7 0.75 0.8 0.85 0.9]
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ideaforge.analysis.embedders import MINILM, USE_M3, make_embedder  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"


def idea_pairs(lang: str) -> list[tuple[int, str, str]]:
    with open(ROOT / "benchmarks" / "data" / "idea_pairs.tsv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [(int(r["label"]), r["idea1"], r["idea2"]) for r in rows if r["lang"] == lang]


def stsb(name: str) -> list[tuple[int, str, str]]:
    path = EVAL / name
    if not path.is_file():
        return []
    with open(path, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    out = []
    for r in rows:
        score = float(r["score"])
        if score >= 4:
            out.append((1, r["sentence1"], r["sentence2"]))
        elif score <= 2:
            out.append((0, r["sentence1"], r["sentence2"]))
    return out


def pr(labels: np.ndarray, sims: np.ndarray, t: float) -> tuple[float, float, float]:
    pred = sims >= t
    tp = int((pred & (labels == 1)).sum())
    p = tp / max(1, int(pred.sum()))
    r = tp / max(1, int((labels == 1).sum()))
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f1


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--thresholds", nargs="+", type=float, default=[0.7, 0.75, 0.8, 0.85, 0.9])
    args = ap.parse_args()
    sets = {
        "ideas en": idea_pairs("en"),
        "ideas zh-TW": idea_pairs("zh-TW"),
        "STS-B en": stsb("stsb_en_test.tsv"),
        "STS-B zh-Hant": stsb("stsb_zh_test.zh-Hant-opencc.tsv"),
    }
    cache = Path(tempfile.mkdtemp(prefix="ideaforge-embed-"))
    print("| embedder | pairs | n (dup/distinct) | " + " | ".join(
        f"P / R @ {t:.2f}" for t in args.thresholds) + " |")  # fmt: skip
    print("|---|---|---|" + "---|" * len(args.thresholds))
    for emb_id in (MINILM, USE_M3):
        emb = make_embedder(emb_id, cache_dir=cache)
        for name, pairs in sets.items():
            if not pairs:
                continue
            labels = np.array([p[0] for p in pairs])
            a = emb.embed([p[1] for p in pairs])
            b = emb.embed([p[2] for p in pairs])
            sims = (a * b).sum(axis=1)
            cells = []
            for t in args.thresholds:
                p, r, _ = pr(labels, sims, t)
                cells.append(f"{p:.2f} / {r:.2f}")
            n1 = int(labels.sum())
            print(f"| {emb_id} | {name} | {n1}/{len(labels) - n1} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
