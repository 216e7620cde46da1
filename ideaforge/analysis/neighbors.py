"""Nearest neighbours by cosine similarity, in blocks: memory grows with n x k, never n x n.

Each block of rows is multiplied with all vectors and the best ``k`` kept. The default runs a
two-node ONNX graph (MatMul, TopK) on ONNX Runtime, already loaded for the embedder: about twice
as fast as numpy's matmul + argpartition on 2 cores (benchmarks/analysis.py). The numpy path is
the reference and the fallback; a test checks that both agree with brute force.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from ideaforge.core.progress import CancelToken

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

# One block of similarities (rows x n float32) stays under this many bytes.
BLOCK_BYTES = 32 * 1024 * 1024
MAX_BLOCK_ROWS = 1024

_sessions: dict[int, Any] = {}
_lock = threading.Lock()


def _topk_session(k: int) -> Any:
    """An ONNX Runtime session computing (values, indices) = TopK(a @ bt, k) along rows."""
    with _lock:
        cached = _sessions.get(k)
        if cached is not None:
            return cached
        import onnxruntime as ort
        from onnx import TensorProto, helper

        a = helper.make_tensor_value_info("a", TensorProto.FLOAT, ["rows", "dim"])
        bt = helper.make_tensor_value_info("bt", TensorProto.FLOAT, ["dim", "n"])
        kk = helper.make_tensor("k", TensorProto.INT64, [1], [k])
        values = helper.make_tensor_value_info("values", TensorProto.FLOAT, ["rows", k])
        indices = helper.make_tensor_value_info("indices", TensorProto.INT64, ["rows", k])
        graph = helper.make_graph(
            [
                helper.make_node("MatMul", ["a", "bt"], ["sims"]),
                helper.make_node(
                    "TopK", ["sims", "k"], ["values", "indices"], axis=1, largest=1, sorted=1
                ),
            ],
            "ideaforge_knn",
            [a, bt],
            [values, indices],
            [kk],
        )
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
        model.ir_version = 9
        session = ort.InferenceSession(
            model.SerializeToString(), providers=["CPUExecutionProvider"]
        )
        _sessions[k] = session
        return session


def nearest(
    vectors: npt.NDArray[np.float32],
    k: int,
    cancel: CancelToken | None = None,
    block_bytes: int = BLOCK_BYTES,
    engine: str = "onnx",
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """Each row's ``k`` most similar other rows, best first: (indices, cosine similarities).

    ``vectors`` must be unit length. With fewer than ``k + 1`` rows, ``k`` shrinks to n - 1.
    ``engine``: "onnx" (default) or "numpy".
    """
    import numpy as np

    n = len(vectors)
    k = max(0, min(k, n - 1))
    idx = np.zeros((n, k), dtype=np.int64)
    sims = np.zeros((n, k), dtype=np.float32)
    if k == 0:
        return idx, sims
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    rows = max(1, min(n, MAX_BLOCK_ROWS, block_bytes // (4 * n)))
    session = None
    if engine == "onnx":
        try:
            session = _topk_session(k + 1)
        except ImportError:  # pragma: no cover - onnxruntime is a dependency
            session = None
        transposed = np.ascontiguousarray(vectors.T)
    elif engine != "numpy":
        raise ValueError(f"unknown neighbour engine {engine!r}")
    for start in range(0, n, rows):
        if cancel is not None:
            cancel.raise_if_cancelled()
        stop = min(n, start + rows)
        if session is not None:
            vals, inds = session.run(None, {"a": vectors[start:stop], "bt": transposed})
            idx[start:stop], sims[start:stop] = _drop_self(inds, vals, start)
            continue
        block = vectors[start:stop] @ vectors.T
        block[np.arange(stop - start), np.arange(start, stop)] = -np.inf  # not your own neighbour
        part = np.argpartition(block, n - k, axis=1)[:, n - k :]
        part_sims = np.take_along_axis(block, part, axis=1)
        order = np.argsort(-part_sims, axis=1, kind="stable")
        idx[start:stop] = np.take_along_axis(part, order, axis=1)
        sims[start:stop] = np.take_along_axis(part_sims, order, axis=1)
    return idx, sims


def _drop_self(
    inds: npt.NDArray[np.int64], vals: npt.NDArray[np.float32], start: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """From k + 1 candidates per row, remove the row itself (or, if a tie pushed it out, the
    last candidate)."""
    import numpy as np

    own = np.arange(start, start + len(inds))[:, None]
    is_self = inds == own
    drop = np.where(is_self.any(axis=1), is_self.argmax(axis=1), inds.shape[1] - 1)
    keep = np.ones(inds.shape, dtype=bool)
    keep[np.arange(len(inds)), drop] = False
    k = inds.shape[1] - 1
    return inds[keep].reshape(-1, k), vals[keep].reshape(-1, k)
