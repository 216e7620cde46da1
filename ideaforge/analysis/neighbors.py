"""Nearest neighbours by cosine similarity, in blocks: memory grows with n x k, never n x n."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ideaforge.core.progress import CancelToken

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

# One block of similarities (rows x n float32) stays under this many bytes.
BLOCK_BYTES = 64 * 1024 * 1024


def nearest(
    vectors: npt.NDArray[np.float32],
    k: int,
    cancel: CancelToken | None = None,
    block_bytes: int = BLOCK_BYTES,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """Each row's ``k`` most similar other rows, best first: (indices, cosine similarities).

    ``vectors`` must be unit length. With fewer than ``k + 1`` rows, ``k`` shrinks to n - 1.
    """
    import numpy as np

    n = len(vectors)
    k = max(0, min(k, n - 1))
    idx = np.zeros((n, k), dtype=np.int64)
    sims = np.zeros((n, k), dtype=np.float32)
    if k == 0:
        return idx, sims
    rows = max(1, min(n, block_bytes // (4 * n)))
    for start in range(0, n, rows):
        if cancel is not None:
            cancel.raise_if_cancelled()
        stop = min(n, start + rows)
        block = vectors[start:stop] @ vectors.T
        block[np.arange(stop - start), np.arange(start, stop)] = -np.inf  # not your own neighbour
        part = np.argpartition(-block, k - 1, axis=1)[:, :k]
        part_sims = np.take_along_axis(block, part, axis=1)
        order = np.argsort(-part_sims, axis=1, kind="stable")
        idx[start:stop] = np.take_along_axis(part, order, axis=1)
        sims[start:stop] = np.take_along_axis(part_sims, order, axis=1)
    return idx, sims
