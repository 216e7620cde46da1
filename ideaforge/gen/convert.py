"""Convert a GGUF file or a Hugging Face folder into an int4 onnxruntime-genai model.

Runs as its own process (``python -m ideaforge.gen.convert``; in the desktop bundle, see
ideaforge.frozen) so that torch and transformers never load into the app, their memory is
returned when it ends, and Cancel can stop it at once.
Progress goes to stdout as JSON lines: {"stage": ..., "fraction": 0..1, "message": ...,
"values": {...}}; the message is an English template the parent translates and fills in.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from ideaforge.core.i18n import N_
from ideaforge.frozen import module_command

STAGES = {"load": (0.0, 0.35), "save": (0.35, 0.5), "build": (0.5, 0.97), "patch": (0.97, 1.0)}


def report(stage: str, within: float, message: str, **values: str) -> None:
    """One progress line; ``message`` is an English template (translated by the parent, which
    runs in the person's language) and ``values`` fill it in."""
    lo, hi = STAGES[stage]
    fraction = lo + (hi - lo) * max(0.0, min(1.0, within))
    line = {"stage": stage, "fraction": round(fraction, 4), "message": message, "values": values}
    print(json.dumps(line), flush=True)


def gguf_to_hf(gguf: Path, out: Path) -> None:
    """Dequantise a GGUF with transformers and save a float32 Hugging Face folder."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    report("load", 0.0, N_("Reading the GGUF file"))
    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
    loaded = AutoModelForCausalLM.from_pretrained(
        gguf.parent, gguf_file=gguf.name, dtype=torch.float32
    )
    report("load", 1.0, N_("Weights loaded"))
    # save_pretrained refuses a model marked as GGUF-quantised: rebuild it as a plain one. The
    # plain model is made on the meta device and takes over the loaded tensors (assign=True),
    # so the weights are held once, not twice (halves the peak memory of the conversion).
    config = loaded.config
    if hasattr(config, "quantization_config"):
        delattr(config, "quantization_config")
    with torch.device("meta"):
        plain = AutoModelForCausalLM.from_config(config, dtype=torch.float32)  # type: ignore[no-untyped-call]
    plain.load_state_dict(loaded.state_dict(), strict=True, assign=True)
    plain.tie_weights()
    del loaded
    report("save", 0.2, N_("Writing a float32 copy"))
    plain.save_pretrained(out)
    tokenizer.save_pretrained(out)
    report("save", 1.0, N_("Float32 copy written"))


def build_onnx(hf_dir: Path, out: Path, target: str, cache: Path, log: Path) -> None:
    """Run the onnxruntime-genai model builder: int4 weights, graph for the target device."""
    cmd = [
        *module_command("onnxruntime_genai.models.builder"),
        "-i", str(hf_dir), "-o", str(out), "-p", "int4", "-e", target, "-c", str(cache),
    ]  # fmt: skip
    report("build", 0.0, N_("Building the int4 ONNX graph for {target}"), target=target.upper())
    start = time.monotonic()
    with log.open("w") as fh:
        proc = subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, env=os.environ.copy())
        expected = 60.0  # seconds; the 1.5B model's build time on 2 cores
        while proc.poll() is None:
            time.sleep(1.0)
            report("build", min(0.95, (time.monotonic() - start) / expected), N_("Building"))
    if proc.returncode != 0:
        tail = log.read_text(errors="replace").strip().splitlines()[-5:]
        raise RuntimeError("the ONNX builder failed: " + " | ".join(tail))
    report("build", 1.0, N_("Graph built"))


def patch_config(out: Path, eos: list[int] | None, pad: int | None) -> None:
    """Set stop and pad tokens, and sampling on (the builder writes a greedy config)."""
    path = out / "genai_config.json"
    cfg: dict[str, Any] = json.loads(path.read_text())
    if eos:
        cfg["model"]["eos_token_id"] = eos if len(eos) > 1 else eos[0]
    if pad is not None:
        cfg["model"]["pad_token_id"] = pad
    search = cfg.setdefault("search", {})
    search.update({"do_sample": True, "temperature": 0.9, "top_p": 0.95, "top_k": 0})
    path.write_text(json.dumps(cfg, indent=2))
    report("patch", 1.0, N_("Configuration written"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m ideaforge.gen.convert")
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--gguf", type=Path)
    src.add_argument("--hf", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--work", type=Path, required=True, help="scratch folder (float32 copy, cache)")
    ap.add_argument("--target", choices=["cpu", "cuda"], default="cpu")
    ap.add_argument("--eos", type=int, nargs="*")
    ap.add_argument("--pad", type=int)
    args = ap.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    try:
        hf_dir = args.hf
        if args.gguf is not None:
            hf_dir = args.work / "hf"
            gguf_to_hf(args.gguf, hf_dir)
        build_onnx(hf_dir, args.out, args.target, args.work / "cache", args.work / "builder.log")
        patch_config(args.out, args.eos, args.pad)
    except Exception as error:  # reported to the parent as one line it can show
        print(json.dumps({"error": f"{type(error).__name__}: {error}"}), flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
