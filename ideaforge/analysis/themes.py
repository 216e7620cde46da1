"""Themes: Louvain communities (networkx) on the mutual k-nearest-neighbour graph of the ideas.

Chosen by measurement (README, "Converge engine"): on the labelled clustering sets it matched the
gold groups better than k-means, HDBSCAN and agglomerative clustering at a fixed threshold (whose
best threshold differed from set to set), it finds the number of themes itself, and on the sparse
graph it stays fast. Two ideas are linked when each is among the other's ``NEIGHBOURS`` most
similar ideas (weight: cosine similarity). An idea left out of every community of at least
``min_theme_size`` ideas joins the theme most of its own nearest ideas are in, if any; an
outlier (nearest similarity below Tukey's fence) gets no theme (label -1): the list shows it as
unthemed rather than forcing it somewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

NEIGHBOURS = 10
RESOLUTION = 1.0
SEED = 7


def min_theme_size(n: int) -> int:
    return 2 if n < 100 else 3


def cluster(
    vectors: npt.NDArray[np.float32],
    idx: npt.NDArray[np.int64],
    sims: npt.NDArray[np.float32],
    resolution: float = RESOLUTION,
) -> npt.NDArray[np.int64]:
    """A theme number per row (0, 1, ... largest first), -1 for no theme.

    ``idx``/``sims`` are each row's nearest neighbours (neighbors.nearest), best first; give more
    than ``NEIGHBOURS`` columns so copies of an idea do not crowd out its real neighbours. Rows
    with identical vectors always share a theme; fewer than three distinct rows make one theme.
    """
    import networkx as nx
    import numpy as np

    n = len(vectors)
    labels = np.full(n, -1, dtype=np.int64)
    if n == 0:
        return labels
    # Identical ideas (same vector) are one node: otherwise ties split them at random.
    _, first, inverse = np.unique(vectors, axis=0, return_index=True, return_inverse=True)
    inverse = inverse.reshape(-1)
    nodes = len(first)
    if nodes < 3:
        labels[:] = 0
        return labels
    rows_per_node = np.bincount(inverse, minlength=nodes)
    chosen: list[dict[int, float]] = []
    for u in range(nodes):
        mine: dict[int, float] = {}
        r = int(first[u])
        for j, s in zip(idx[r].tolist(), sims[r].tolist(), strict=True):
            v = int(inverse[j])
            if v != u and v not in mine:
                mine[v] = float(s)
                if len(mine) == NEIGHBOURS:
                    break
        chosen.append(mine)
    graph = nx.Graph()
    graph.add_nodes_from(range(nodes))
    graph.add_weighted_edges_from(
        (u, v, max(s, 1e-6))
        for u, mine in enumerate(chosen)
        for v, s in mine.items()
        if u < v and u in chosen[v]
    )
    communities = nx.community.louvain_communities(
        graph, weight="weight", resolution=resolution, seed=SEED
    )
    smallest = min_theme_size(n)
    node_label = np.full(nodes, -1, dtype=np.int64)
    sized = [(int(rows_per_node[list(c)].sum()), min(c), c) for c in communities]
    theme = 0
    for size, _, community in sorted(sized, key=lambda t: (-t[0], t[1])):
        if size < smallest:
            continue
        node_label[list(community)] = theme
        theme += 1
    _attach_strays(node_label, chosen, first, sims)
    out: npt.NDArray[np.int64] = node_label[inverse]
    return out


def _attach_strays(
    node_label: npt.NDArray[np.int64],
    chosen: list[dict[int, float]],
    first: npt.NDArray[np.int64],
    sims: npt.NDArray[np.float32],
) -> None:
    """Give a theme to an idea the mutual graph left alone when most of its own nearest ideas
    share one theme and it is no outlier (its nearest similarity is not far below the others')."""
    import numpy as np

    if sims.shape[1] == 0:
        return
    q1, med, q3 = np.percentile(sims[first, 0], [25, 50, 75])
    # Tukey's fence, loosened where the ideas are all very alike (a tiny spread).
    floor = float(min(q1 - 1.5 * (q3 - q1), med - 0.15))
    for u in np.nonzero(node_label < 0)[0].tolist():
        mine = chosen[u]
        if not mine or float(sims[first[u], 0]) < floor:
            continue
        votes: dict[int, int] = {}
        for v in mine:
            if node_label[v] >= 0:
                votes[int(node_label[v])] = votes.get(int(node_label[v]), 0) + 1
        if votes:
            theme, count = max(votes.items(), key=lambda kv: (kv[1], -kv[0]))
            if count * 2 > len(mine):
                node_label[u] = theme


def match(
    old: dict[int, set[int]], new: Sequence[set[int]], keep_share: float = 0.5
) -> dict[int, int]:
    """Which new cluster inherits which old theme: {new index: old theme id}.

    A new cluster takes over an old theme when it holds at least ``keep_share`` of the old
    theme's ideas; pairs are settled largest overlap first, one to one.
    """
    pairs = []
    for old_id, members in old.items():
        if not members:
            continue
        for n, cluster_ in enumerate(new):
            common = len(members & cluster_)
            if common and common / len(members) >= keep_share:
                pairs.append((-common, old_id, n))
    pairs.sort()
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, old_id, n in pairs:
        if n in out or old_id in used:
            continue
        out[n] = old_id
        used.add(old_id)
    return out
