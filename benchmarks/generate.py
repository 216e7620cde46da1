"""Generation throughput: the app's pipeline against bare onnxruntime-genai and llama-cpp-python.

    .venv/bin/python benchmarks/generate.py [--models smollm2-135m qwen2.5-1.5b] [--batches 1 8 32]
        [--peer-python /work/peer/venv/bin/python] [--device cpu|cuda] [--model-dir DIR]

With --device cuda the models run on the GPU from their ``-e cuda`` builds (prepared first if
missing); the table says which device actually ran (a failed CUDA start falls back to CPU).

For each built-in model and batch size, in the same run and on the same ONNX model:
  bare  - onnxruntime-genai alone: the same list-of-5 prompts, a plain token loop, no parsing;
  app   - IdeaForge's diverge pipeline (prompts, lenses, streaming, filters, database writes);
  peer  - llama-cpp-python generating from the same GGUF one idea per call (its own venv; see
          benchmarks/peer_llamacpp.py). Skipped with a note when that venv is missing.
Prints a Markdown table: tokens/s, raw ideas/min, kept ideas/min, time to first idea, peak RSS.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from ideaforge.core.model import Language
from ideaforge.gen.catalog import BUILTIN
from ideaforge.gen.device import DeviceChoice
from ideaforge.gen.engine import Engine
from ideaforge.gen.filters import split_list
from ideaforge.gen.prompts import build_messages, load_lenses, prefill
from ideaforge.gen.provision import locate_sources, prepare_builtin
from ideaforge.services.config import load_settings
from ideaforge.services.diverge import DivergeRequest
from ideaforge.services.workspace import Workspace
from ideaforge.store import open_store

CHALLENGE = "How might we reduce food waste in school cafeterias?"
MAX_TOKENS = 160


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bare(engine: Engine, prompts: list[str], batch: int) -> dict[str, float]:
    """onnxruntime-genai with nothing around it: encode, sample, decode at the end."""
    import onnxruntime_genai as og

    tokens = items = 0
    first = None
    start = time.monotonic()
    for b in range(0, len(prompts), batch):
        chunk = prompts[b : b + batch]
        enc = engine.tokenizer.encode_batch(chunk)
        params = og.GeneratorParams(engine.model)
        params.set_search_options(do_sample=True, temperature=0.9, top_p=0.95, top_k=0, batch_size=len(chunk),
                                  max_length=int(enc.shape()[1]) + MAX_TOKENS, random_seed=b)  # fmt: skip
        gen = og.Generator(engine.model, params)
        gen.append_tokens(enc)
        out: list[list[int]] = [[] for _ in chunk]
        done = [False] * len(chunk)
        while not all(done) and not gen.is_done():
            gen.generate_next_token()
            for i, t in enumerate(gen.get_next_tokens()):
                if done[i]:
                    continue
                if int(t) in engine.eos or len(out[i]) >= MAX_TOKENS:
                    done[i] = True
                    if first is None:
                        first = time.monotonic() - start
                else:
                    out[i].append(int(t))
        tokens += sum(len(o) for o in out)
        items += sum(
            len(split_list(engine.tokenizer.decode(np.asarray(o, dtype=np.int32)))) for o in out
        )
    secs = time.monotonic() - start
    return {"tok_s": tokens / secs, "raw_min": 60 * items / secs, "kept_min": float("nan"),
            "first_s": first or secs, "secs": secs}  # fmt: skip


def app(ws: Workspace, model: str, batch: int, sequences: int) -> dict[str, float]:
    s = ws.sessions.new(CHALLENGE)
    res = ws.diverge.generate(DivergeRequest(s.id, count=sequences * 2, model=model, seed=1, batch_size=batch,
                                             max_tokens=MAX_TOKENS))  # fmt: skip
    r = res.run
    return {"tok_s": r.generated_tokens / r.seconds, "raw_min": 60 * r.raw_outputs / r.seconds,
            "kept_min": 60 * r.kept / r.seconds, "first_s": res.first_idea_s or r.seconds,
            "secs": r.seconds}  # fmt: skip


def gpu_name() -> str:
    """', <GPU name>' from nvidia-smi where there is one, else ''."""
    try:
        out = subprocess.run(["nvidia-smi", "--query-gpu=name", "--format=csv,noheader"],
                             capture_output=True, text=True, timeout=10)  # fmt: skip
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return f", {out.stdout.strip().splitlines()[0]}" if out.returncode == 0 and out.stdout else ""


def peer(python: str, model: str, n: int) -> dict[str, float] | str:
    if not Path(python).exists():
        return f"not run: {python} is missing (see benchmarks/peer_llamacpp.py for its setup)"
    spec = BUILTIN[model]
    parts = locate_sources(spec)
    with tempfile.TemporaryDirectory() as tmp:
        gguf = parts[0] if len(parts) == 1 else Path(tmp) / spec.gguf_name
        if len(parts) > 1:
            with gguf.open("wb") as out:
                for p in parts:
                    out.write(p.read_bytes())
        prompts = Path(tmp) / "prompts.json"
        prompts.write_text(json.dumps([f"Challenge: {CHALLENGE}\nWrite one idea for this challenge in one "
                                       "sentence. Reply with the idea only."]))  # fmt: skip
        proc = subprocess.run(
            [python, str(Path(__file__).with_name("peer_llamacpp.py")), "--gguf", str(gguf), "--prompts-json",
             str(prompts), "--n-ideas", str(n), "--max-tokens", "60", "--threads", str(os.cpu_count() or 2)],
            capture_output=True, text=True,
        )  # fmt: skip
    if proc.returncode != 0:
        return f"failed: {proc.stderr.strip().splitlines()[-1:]}"
    d = json.loads(proc.stdout)
    return {"tok_s": d["tokens_per_s"], "raw_min": d["ideas_per_min"], "kept_min": float("nan"),
            "first_s": d["first_idea_s"], "secs": d["gen_s"]}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--models", nargs="+", default=["smollm2-135m", "qwen2.5-1.5b"])
    ap.add_argument("--batches", nargs="+", type=int, default=[1, 8, 32])
    ap.add_argument("--peer-python", default="/work/peer/venv/bin/python")
    ap.add_argument("--model-dir", default=None)
    ap.add_argument("--device", default="cpu", choices=["cpu", "cuda"])
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp())
    settings = load_settings(
        db=f"sqlite:///{tmp / 'b.db'}", data_dir=tmp, model_dir=args.model_dir, device=args.device
    )
    ws = Workspace(open_store(settings.db_url), "bench", settings)
    rows = []
    devices: list[str] = []
    lens = load_lenses()["plain"]
    for model in args.models:
        installed = prepare_builtin(settings.model_dir, model, args.device)
        engine = Engine(
            installed.path, DeviceChoice(args.device, "benchmark"), installed.manifest.eos_token_ids
        )
        print(f"{model}: running on {engine.device} ({engine.device_note})", file=sys.stderr)
        prompt = engine.chat_prompt(build_messages(CHALLENGE, lens, Language.EN), prefill(5))
        for batch in args.batches:
            sequences = max(4, batch) if batch > 1 else 4
            print(f"{model} batch {batch}: bare...", file=sys.stderr, flush=True)
            rows.append(
                (model, batch, "bare onnxruntime-genai", bare(engine, [prompt] * sequences, batch))
            )
            print(f"{model} batch {batch}: app...", file=sys.stderr, flush=True)
            rows.append((model, batch, "IdeaForge pipeline", app(ws, model, batch, sequences)))
        if args.peer_python != "none":
            print(f"{model}: peer...", file=sys.stderr, flush=True)
            result = peer(args.peer_python, model, 12)
            rows.append((model, 1, "llama-cpp-python, 1 idea/call", result))
        devices.append(f"{model}: {engine.device.upper()}")
    print(
        f"\nGeneration benchmark ({'; '.join(devices)}; {os.cpu_count()} CPU cores{gpu_name()}), "
        f"max {MAX_TOKENS} new tokens per sequence\n"
    )
    print(
        "| model | batch | pipeline | tokens/s | raw ideas/min | kept ideas/min | first idea (s) | run (s) |"
    )
    print("|---|---:|---|---:|---:|---:|---:|---:|")
    for model, batch, name, r in rows:
        if isinstance(r, str):
            print(f"| {model} | {batch} | {name} | {r} | | | | |")
            continue
        kept = "-" if r["kept_min"] != r["kept_min"] else f"{r['kept_min']:.0f}"
        print(f"| {model} | {batch} | {name} | {r['tok_s']:.1f} | {r['raw_min']:.0f} | {kept} | "
              f"{r['first_s']:.1f} | {r['secs']:.0f} |")  # fmt: skip
    print(f"\npeak RSS of this process: {peak_mb():,.0f} MiB")
    ws.close()


if __name__ == "__main__":
    main()
