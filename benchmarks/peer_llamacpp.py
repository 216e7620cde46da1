"""Peer benchmark: generate ideas with llama-cpp-python, one completion call per idea.

This is the peer for ``benchmarks/generate.py``: it loads a GGUF model once with
llama-cpp-python and generates N ideas one at a time (cycling through the prompts), using
the model's own chat template via ``create_chat_completion``. It prints one JSON object on
stdout with the ideas and timing numbers.

It uses only the standard library and ``llama_cpp`` and runs in its OWN virtual environment,
not the app's ``.venv``. Set up (CPU-only; compiles llama.cpp from source, ~10-20 min)::

    python3 -m venv /work/peer/venv
    CMAKE_BUILD_PARALLEL_LEVEL=2 /work/peer/venv/bin/pip install llama-cpp-python

Example::

    /work/peer/venv/bin/python benchmarks/peer_llamacpp.py --gguf model.gguf \\
        --prompts-json prompts.json --n-ideas 10 --max-tokens 60 --temperature 0.9 \\
        --top-p 0.95 --seed 0 --threads 2
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import Any

import llama_cpp
from llama_cpp import Llama


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--gguf", required=True, help="path to the GGUF model file")
    p.add_argument("--prompts-json", required=True, help="JSON list of user-message strings")
    p.add_argument("--n-ideas", type=int, default=10)
    p.add_argument("--max-tokens", type=int, default=60)
    p.add_argument("--temperature", type=float, default=0.9)
    p.add_argument("--top-p", type=float, default=0.95)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with open(args.prompts_json, encoding="utf-8") as f:
        prompts: list[str] = json.load(f)
    if not isinstance(prompts, list) or not prompts or not all(isinstance(s, str) for s in prompts):
        print("prompts JSON must be a non-empty list of strings", file=sys.stderr)
        return 2

    t0 = time.perf_counter()
    llm = Llama(
        model_path=args.gguf,
        n_ctx=2048,
        n_threads=args.threads,
        seed=args.seed,
        verbose=False,
    )
    load_s = time.perf_counter() - t0

    ideas: list[str] = []
    completion_tokens = prompt_tokens = 0
    first_idea_s: float | None = None
    g0 = time.perf_counter()
    for i in range(args.n_ideas):
        out: Any = llm.create_chat_completion(
            messages=[{"role": "user", "content": prompts[i % len(prompts)]}],
            max_tokens=args.max_tokens,
            temperature=args.temperature,
            top_p=args.top_p,
            seed=args.seed + i,
        )
        ideas.append((out["choices"][0]["message"]["content"] or "").strip())
        completion_tokens += out["usage"]["completion_tokens"]
        prompt_tokens += out["usage"]["prompt_tokens"]
        if first_idea_s is None:
            first_idea_s = time.perf_counter() - g0
    gen_s = time.perf_counter() - g0

    result = {
        "ideas": ideas,
        "load_s": round(load_s, 3),
        "gen_s": round(gen_s, 3),
        "completion_tokens": completion_tokens,
        "prompt_tokens": prompt_tokens,
        "tokens_per_s": round(completion_tokens / gen_s, 2) if gen_s > 0 else None,
        "ideas_per_min": round(args.n_ideas / gen_s * 60, 2) if gen_s > 0 else None,
        "first_idea_s": round(first_idea_s, 3) if first_idea_s is not None else None,
        "llama_cpp_version": llama_cpp.__version__,
    }
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
