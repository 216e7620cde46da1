"""Diversity figures for a set of ideas, from unit-length embeddings.

- diversity: mean pairwise cosine distance, 1 - mean(v_i . v_j) over pairs i != j, computed from
  the sum vector in O(n d) (the measure of Meincke, Mollick and Terwiesch 2024 "Prompting Diverse
  Ideas" when the embedder is USE);
- novelty of an idea: cosine distance to its nearest other idea;
- share unique: ideas left after merging each near-duplicate group into one, over all ideas.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt


@dataclass(frozen=True, slots=True)
class Metrics:
    ideas: int
    diversity: float | None  # None below two ideas
    share_unique: float | None
    mean_novelty: float | None
    theme_sizes: tuple[int, ...] = ()

    def to_json(self) -> dict[str, object]:
        return {
            "ideas": self.ideas,
            "diversity": self.diversity,
            "share_unique": self.share_unique,
            "mean_novelty": self.mean_novelty,
            "theme_sizes": list(self.theme_sizes),
        }


def diversity(vectors: npt.NDArray[np.float32]) -> float | None:
    import numpy as np

    n = len(vectors)
    if n < 2:
        return None
    total = vectors.sum(axis=0, dtype=np.float64)
    self_sims = float(np.einsum("ij,ij->", vectors, vectors, dtype=np.float64))
    mean_sim = (float(total @ total) - self_sims) / (n * (n - 1))
    return 1.0 - mean_sim


def novelty(nearest_sims: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Per idea: 1 - similarity to its nearest other idea (first column of neighbors.nearest)."""
    import numpy as np

    if nearest_sims.shape[1] == 0:
        return np.ones(len(nearest_sims), dtype=np.float32)
    out: npt.NDArray[np.float32] = np.clip(1.0 - nearest_sims[:, 0], 0.0, 2.0)
    return out


def summarise(
    vectors: npt.NDArray[np.float32],
    nearest_sims: npt.NDArray[np.float32],
    duplicates: int,
    theme_sizes: tuple[int, ...] = (),
) -> Metrics:
    """``duplicates``: ideas that would disappear if every suggested group were merged."""
    n = len(vectors)
    if n == 0:
        return Metrics(0, None, None, None, theme_sizes)
    nov = novelty(nearest_sims) if n > 1 else None
    return Metrics(
        n,
        diversity(vectors),
        (n - duplicates) / n,
        float(nov.mean()) if nov is not None else None,
        theme_sizes,
    )
