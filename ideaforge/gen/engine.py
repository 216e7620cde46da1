"""The ONNX generator: one onnxruntime-genai model, batched sampling, per-sequence streaming.

A run is a list of prompts. They are generated in batches (the runtime refuses more than 32 at
once); within a batch each sequence is reported as soon as it produces a line or ends, so the
caller can show each idea the moment it is complete instead of waiting for the whole batch.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ideaforge.core.errors import InvalidInput, ModelCorrupt
from ideaforge.core.i18n import tr
from ideaforge.core.progress import Cancelled, CancelToken
from ideaforge.gen.device import DeviceChoice

MAX_BATCH = 32  # onnxruntime-genai 0.18 refuses larger batches (a compiled-in check)


@dataclass(frozen=True, slots=True)
class Sampling:
    temperature: float = 0.9
    top_p: float = 0.95
    max_tokens: int = 200  # new tokens per sequence
    seed: int = 0
    batch_size: int = 8

    def check(self) -> None:
        if not 0.0 < self.temperature <= 2.0:
            raise InvalidInput(
                tr(
                    "Temperature must be above 0 and at most 2; got {temperature}.",
                    temperature=self.temperature,
                )
            )
        if not 0.0 < self.top_p <= 1.0:
            raise InvalidInput(
                tr("Top-p must be above 0 and at most 1; got {top_p}.", top_p=self.top_p)
            )
        if not 1 <= self.max_tokens <= 2048:
            raise InvalidInput(
                tr("Max tokens must be 1 to 2048; got {max_tokens}.", max_tokens=self.max_tokens)
            )
        if not 1 <= self.batch_size <= MAX_BATCH:
            raise InvalidInput(
                tr(
                    "Batch size must be 1 to {limit}; got {batch_size}.",
                    limit=MAX_BATCH,
                    batch_size=self.batch_size,
                )
            )
        if not 0 <= self.seed < 2**31:
            raise InvalidInput(
                tr("The seed must be 0 to {limit}; got {seed}.", limit=2**31 - 1, seed=self.seed)
            )

    def to_json(self) -> dict[str, Any]:
        return {
            "temperature": self.temperature,
            "top_p": self.top_p,
            "max_tokens": self.max_tokens,
            "seed": self.seed,
            "batch_size": self.batch_size,
        }


@dataclass(slots=True)
class SequenceUpdate:
    """The text of one sequence so far; ``done`` once it ended (reason: eos, length, enough)."""

    index: int  # position in the prompt list
    text: str
    done: bool
    reason: str = ""
    tokens: int = 0


@dataclass(slots=True)
class RunStats:
    prompt_tokens: int = 0
    generated_tokens: int = 0  # token steps x sequences in the batch (what the hardware did)
    seconds: float = 0.0
    batches: int = 0
    first_output_s: float | None = None  # from the start of the run to the first text
    started_at: float = 0.0


# Called on every line a sequence completes; True means "this sequence has all it needs".
StopCheck = Callable[[int, str], bool]


def preload_cuda_libraries() -> str:
    """Load the CUDA and cuDNN libraries from NVIDIA's wheels (the ``cuda`` extra) where they
    are installed; with a system CUDA install this finds nothing to do. onnxruntime reports
    what it could not load on stdout, which is captured here (and returned) so that it never
    mixes with the CLI's output; a real failure surfaces when the CUDA provider starts."""
    import contextlib
    import io

    import onnxruntime

    preload = getattr(onnxruntime, "preload_dlls", None)
    if preload is None:
        return ""
    captured = io.StringIO()
    try:
        with contextlib.redirect_stdout(captured):
            preload()
    except (OSError, RuntimeError) as error:
        captured.write(str(error))
    return captured.getvalue()


class Engine:
    """Owns one loaded model. Not thread-safe: use it from one worker at a time (see ``lock``)."""

    def __init__(
        self, model_path: Path, device: DeviceChoice, eos_token_ids: Sequence[int]
    ) -> None:
        import onnxruntime_genai as og

        self.path = model_path
        self.eos = frozenset(int(t) for t in eos_token_ids)
        self.lock = threading.Lock()
        self.device = device.device
        self.device_note = device.reason
        try:
            self.model = self._load(og, model_path, device.device)
        except Exception as error:
            if device.device != "cuda":
                raise ModelCorrupt(
                    tr(
                        "The model in {model_path} could not be loaded: {error}",
                        model_path=model_path,
                        error=error,
                    )
                ) from error
            # A failed CUDA start falls back to CPU, and says so.
            self.device = "cpu"
            self.device_note = tr(
                "CUDA failed to start ({error}); running on CPU",
                error=str(error).splitlines()[0],
            )
            try:
                self.model = self._load(og, model_path, "cpu")
            except Exception as cpu_error:
                raise ModelCorrupt(
                    tr(
                        "The model in {model_path} could not be loaded: {cpu_error}",
                        model_path=model_path,
                        cpu_error=cpu_error,
                    )
                ) from cpu_error
        self.tokenizer = og.Tokenizer(self.model)
        self._og = og

    @staticmethod
    def _load(og: Any, path: Path, device: str) -> Any:
        if not (path / "genai_config.json").is_file():
            raise ModelCorrupt(tr("{path} has no genai_config.json", path=path))
        config = og.Config(str(path))
        config.clear_providers()
        if device == "cuda":
            preload_cuda_libraries()
            config.append_provider("cuda")
        return og.Model(config)

    def chat_prompt(self, messages: list[dict[str, str]], prefill: str = "") -> str:
        """The model's own chat template, with the assistant's reply started by ``prefill``."""
        text: str = self.tokenizer.apply_chat_template(
            json.dumps(messages, ensure_ascii=False), add_generation_prompt=True
        )
        return text + prefill

    def generate(
        self,
        prompts: Sequence[str],
        sampling: Sampling,
        cancel: CancelToken | None = None,
        should_stop: StopCheck | None = None,
        stats: RunStats | None = None,
    ) -> Iterator[SequenceUpdate]:
        """Yield updates as sequences produce lines and end. Cancel raises Cancelled at the next
        token step; everything yielded before it stands."""
        sampling.check()
        stats = stats if stats is not None else RunStats()
        start = stats.started_at = time.monotonic()
        for b, first in enumerate(range(0, len(prompts), sampling.batch_size)):
            batch = list(prompts[first : first + sampling.batch_size])
            yield from self._batch(
                batch, first, sampling, sampling.seed + b, cancel, should_stop, stats
            )
            stats.batches += 1
            stats.seconds = time.monotonic() - start

    def _batch(
        self,
        prompts: list[str],
        offset: int,
        sampling: Sampling,
        seed: int,
        cancel: CancelToken | None,
        should_stop: StopCheck | None,
        stats: RunStats,
    ) -> Iterator[SequenceUpdate]:

        og = self._og
        n = len(prompts)
        if cancel is not None:
            cancel.raise_if_cancelled()
        tokens = self.tokenizer.encode_batch(prompts)
        prompt_len = int(tokens.shape()[1])
        stats.prompt_tokens += sum(len(self.tokenizer.encode(p)) for p in prompts)
        params = og.GeneratorParams(self.model)
        params.set_search_options(
            do_sample=True,
            temperature=sampling.temperature,
            top_p=sampling.top_p,
            top_k=0,
            max_length=prompt_len + sampling.max_tokens,
            batch_size=n,
            random_seed=seed,
        )
        generator = og.Generator(self.model, params)
        generator.append_tokens(tokens)  # the prefill: one call, not interruptible
        out: list[list[int]] = [[] for _ in range(n)]
        done = [False] * n
        newline_ids = self._newline_ids()
        while not all(done):
            if cancel is not None and cancel.cancelled:
                raise Cancelled()
            if generator.is_done():
                break
            generator.generate_next_token()
            step = generator.get_next_tokens()
            # Every sequence still in the batch costs a token this step, wanted or not.
            stats.generated_tokens += n
            for i in range(n):
                if done[i]:
                    continue
                if cancel is not None and cancel.cancelled:  # several may end in one step
                    raise Cancelled()
                tok = int(step[i])
                if tok in self.eos:
                    done[i] = True
                    yield self._update(offset + i, out[i], True, "eos", stats)
                    continue
                out[i].append(tok)
                if len(out[i]) >= sampling.max_tokens:
                    done[i] = True
                    yield self._update(offset + i, out[i], True, "length", stats)
                elif tok in newline_ids:
                    update = self._update(offset + i, out[i], False, "", stats)
                    if should_stop is not None and should_stop(offset + i, update.text):
                        done[i] = True
                        update.done, update.reason = True, "enough"
                    yield update
        for i in range(n):  # the runtime stopped the batch (max length) before we did
            if not done[i]:
                yield self._update(offset + i, out[i], True, "length", stats)

    def _update(
        self, index: int, ids: list[int], done: bool, reason: str, stats: RunStats
    ) -> SequenceUpdate:
        import numpy as np

        text = str(self.tokenizer.decode(np.asarray(ids, dtype=np.int32))) if ids else ""
        if stats.first_output_s is None:
            stats.first_output_s = time.monotonic() - stats.started_at
        return SequenceUpdate(index, text, done, reason, len(ids))

    _newline_cache: frozenset[int] | None = None

    def _newline_ids(self) -> frozenset[int]:
        """Token ids whose text contains a line break (where a list item can end)."""
        if self._newline_cache is None:
            import numpy as np

            ids = set()
            for probe in ("\n", "\n\n", ".\n", "。\n", "\n2", " \n"):
                for t in self.tokenizer.encode(probe):
                    if "\n" in str(self.tokenizer.decode(np.asarray([t], dtype=np.int32))):
                        ids.add(int(t))
            self._newline_cache = frozenset(ids)
        return self._newline_cache
