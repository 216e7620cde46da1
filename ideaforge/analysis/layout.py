"""2-D map coordinates: PCA, turned to line up with the previous map so it does not jump.

PCA was chosen over UMAP by measurement (README, "Converge engine"): it is deterministic, takes
milliseconds at 10,000 ideas, needs no extra dependency, and after alignment a small change to
the set moves the other points very little.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


def pca_2d(vectors: npt.NDArray[np.float32]) -> npt.NDArray[np.float64]:
    """Project rows onto their two main axes, scaled into [-1, 1]. Fewer than 3 rows: a line."""
    import numpy as np

    n = len(vectors)
    out = np.zeros((n, 2), dtype=np.float64)
    if n < 2:
        return out
    x = vectors.astype(np.float64) - vectors.mean(axis=0, dtype=np.float64)
    # Eigenvectors of the d x d covariance: cheap for any n (d is 384 or 512).
    _, vecs = np.linalg.eigh(x.T @ x)
    axes = vecs[:, ::-1][:, :2]
    out = x @ axes
    # Fix each axis's sign by a rule of the data, so the same set always gives the same picture.
    for j in range(2):
        if out[np.argmax(np.abs(out[:, j])), j] < 0:
            out[:, j] = -out[:, j]
    scale = float(np.abs(out).max())
    result: npt.NDArray[np.float64] = out / scale if scale > 0 else out
    return result


def align(new: npt.NDArray[np.float64], old: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """Rotate/reflect ``new`` (all rows) to best match ``old`` on the rows given for both.

    ``old`` has a row per row of ``new``, NaN where the idea had no previous place.
    """
    import numpy as np

    known = ~np.isnan(old).any(axis=1)
    if known.sum() < 3:
        return new
    a = new[known] - new[known].mean(axis=0)
    b = old[known] - old[known].mean(axis=0)
    u, _, vt = np.linalg.svd(a.T @ b)
    rot = u @ vt  # orthogonal Procrustes: rotation or reflection, no scaling
    out = new @ rot
    scale = np.abs(out).max()
    result: npt.NDArray[np.float64] = out / scale if scale > 0 else out
    return result
