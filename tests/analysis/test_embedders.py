"""The real embedders: MiniLM from its PyPI package (ONNX and torch backends) and USE-m3."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ideaforge.analysis.embedders import (
    MAX_EMBED_CHARS,
    MINILM,
    USE_M3,
    MiniLMOnnx,
    embedder_for_language,
    make_embedder,
)
from ideaforge.core.errors import InvalidInput
from ideaforge.core.progress import Cancelled, CancelToken

PARAPHRASES = [
    ("Pair each new hire with a buddy for the first month.",
     "Give every newcomer a buddy during their first month."),
    ("Put compost bins next to the cafeteria trays.",
     "Place compost containers beside the tray return in the cafeteria."),
]  # fmt: skip
DIFFERENT = [
    ("Pair each new hire with a buddy for the first month.",
     "Install protected bike lanes on the main commuting roads."),
    ("Put compost bins next to the cafeteria trays.",
     "Run a weekly online game night for the whole team."),
]  # fmt: skip


@pytest.fixture(scope="module")
def minilm(model_dir: Path) -> MiniLMOnnx:
    emb = make_embedder(MINILM, cache_dir=model_dir / "embedders")
    assert isinstance(emb, MiniLMOnnx)
    return emb


def cos(emb: object, a: str, b: str) -> float:
    v = emb.embed([a, b])  # type: ignore[attr-defined]
    return float(v[0] @ v[1])


def test_minilm_onnx_vectors_are_unit_and_order_preserving(minilm: MiniLMOnnx) -> None:
    texts = ["short", "a much longer idea " * 20, "", "🙂 emoji, ümlauts and\u200bzero-width"]
    seen = []
    v = minilm.embed(texts, lambda d, t, m: seen.append((d, t)))
    assert v.shape == (4, 384) and v.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
    # Batches are sorted by length inside; rows still come back in the caller's order.
    one_by_one = np.vstack([minilm.embed([t]) for t in texts])
    np.testing.assert_allclose(v, one_by_one, atol=1e-5)
    assert seen[-1] == (4, 4)


def test_paraphrases_closer_than_different_ideas(minilm: MiniLMOnnx) -> None:
    for (a, b), (c, d) in zip(PARAPHRASES, DIFFERENT, strict=True):
        assert cos(minilm, a, b) > cos(minilm, c, d) + 0.3


def test_onnx_and_torch_backends_agree(minilm: MiniLMOnnx, model_dir: Path) -> None:
    torch_emb = make_embedder(MINILM, backend="torch", cache_dir=model_dir / "embedders")
    texts = [t for pair in PARAPHRASES + DIFFERENT for t in pair]
    a, b = minilm.embed(texts), torch_emb.embed(texts)
    assert float((a * b).sum(axis=1).min()) > 0.9999


def test_long_idea_is_cut_not_refused(minilm: MiniLMOnnx) -> None:
    long = "Build a community tool library for the street. " * 215  # about 10,000 characters
    v = minilm.embed([long, long[:MAX_EMBED_CHARS], "Set up a tool library for neighbours"])
    np.testing.assert_allclose(v[0], v[1], atol=1e-5)
    assert float(v[0] @ v[2]) > 0.3  # still about the same thing


def test_cancel_between_batches(minilm: MiniLMOnnx) -> None:
    token = CancelToken()
    calls = []

    def progress(done: int, total: int | None, message: str) -> None:
        calls.append(done)
        if done >= minilm.batch_size:
            token.cancel()

    with pytest.raises(Cancelled):
        minilm.embed([f"idea number {i}" for i in range(3 * minilm.batch_size)], progress, token)
    assert max(calls) == minilm.batch_size


def test_damaged_onnx_export_is_rebuilt(tmp_path: Path) -> None:
    emb = MiniLMOnnx(tmp_path)
    path = emb.onnx_path()
    path.write_bytes(b"not an onnx file")
    v = emb.embed(["an idea"])
    assert v.shape == (1, 384) and path.stat().st_size > 1_000_000


def test_use_reads_traditional_chinese() -> None:
    use = make_embedder(USE_M3, cache_dir=Path("unused"))
    same = cos(use, "在夜市推廣可重複使用的環保餐具", "鼓勵夜市攤商使用可重複使用的餐具")
    other = cos(use, "在夜市推廣可重複使用的環保餐具", "在公車上增設博愛座的語音提醒")
    cross = cos(
        use, "在夜市推廣可重複使用的環保餐具", "Promote reusable tableware at night markets"
    )
    assert same > 0.6 > other
    assert cross > other


def test_choice_by_language_and_unknown_names() -> None:
    assert embedder_for_language("en") == MINILM
    assert embedder_for_language("zh-TW") == USE_M3
    assert embedder_for_language("mixed") == USE_M3
    with pytest.raises(InvalidInput, match="No embedder"):
        make_embedder("word2vec", cache_dir=Path("x"))
    with pytest.raises(InvalidInput, match="backend"):
        make_embedder(MINILM, backend="tensorflow", cache_dir=Path("x"))
