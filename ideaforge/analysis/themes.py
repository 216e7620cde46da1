"""Themes: Louvain communities on the mutual k-nearest-neighbour graph of the ideas.

Louvain runs in igraph's C implementation (networkx's, the same algorithm, where igraph is
missing). Why this method: see README, "Converge engine" (measured against k-means, HDBSCAN and
agglomerative clustering on the labelled sets in ../shared/eval). Two ideas are linked when each
is among the other's ``NEIGHBOURS`` most similar ideas (weight: cosine similarity). An idea left
out of every community of at least ``min_theme_size`` ideas joins the theme most of its own
nearest ideas are in, if any; an outlier (nearest similarity below Tukey's fence) gets no theme
(label -1): the list shows it as unthemed rather than forcing it somewhere."""

from __future__ import annotations

import random
import threading
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
    engine: str | None = None,
) -> npt.NDArray[np.int64]:
    """A theme number per row (0, 1, ... largest first), -1 for no theme.

    ``idx``/``sims`` are each row's nearest neighbours (neighbors.nearest), best first; give more
    than ``NEIGHBOURS`` columns so copies of an idea do not crowd out its real neighbours. Rows
    with identical vectors always share a theme; fewer than three distinct rows make one theme.
    ``engine``: "igraph" or "networkx" (default: igraph when installed).
    """
    import numpy as np

    n = len(vectors)
    labels = np.full(n, -1, dtype=np.int64)
    if n == 0:
        return labels
    # Identical ideas (same vector) are one node: otherwise ties split them at random.
    _, first, inverse = np.unique(vectors, axis=0, return_index=True, return_inverse=True)
    node_of_row = inverse.reshape(-1).astype(np.int64)
    nodes = len(first)
    if nodes < 3:
        labels[:] = 0
        return labels
    nbr, nsim = _node_neighbours(first, node_of_row, idx, sims)
    edges, weights = _mutual_edges(nbr, nsim)
    membership = _louvain(nodes, edges, weights, resolution, engine)
    rows_per_node = np.bincount(node_of_row, minlength=nodes)
    community_rows = np.bincount(membership, weights=rows_per_node)
    smallest = min_theme_size(n)
    # Themes numbered largest first (ties: the community holding the lowest node first).
    lowest = np.full(len(community_rows), nodes, dtype=np.int64)
    np.minimum.at(lowest, membership, np.arange(nodes))
    ranked = sorted(range(len(community_rows)), key=lambda c: (-community_rows[c], lowest[c]))
    number = np.full(len(community_rows), -1, dtype=np.int64)
    theme = 0
    for c in ranked:
        if community_rows[c] >= smallest:
            number[c] = theme
            theme += 1
    node_label = number[membership]
    _attach_strays(node_label, nbr, first, sims)
    out: npt.NDArray[np.int64] = node_label[node_of_row]
    return out


def _node_neighbours(
    reps: npt.NDArray[np.int64],
    node_of_row: npt.NDArray[np.int64],
    idx: npt.NDArray[np.int64],
    sims: npt.NDArray[np.float32],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """Each node's ``NEIGHBOURS`` nearest other nodes (-1 pads), from its representative row."""
    import numpy as np

    cand = node_of_row[idx[reps]]  # nodes x K, best first
    csim = sims[reps]
    own = np.arange(len(reps))[:, None]
    keep = cand != own
    # Drop repeats of a node already listed earlier in the row (copies of one idea).
    order = np.argsort(cand, axis=1, kind="stable")
    sorted_c = np.take_along_axis(cand, order, axis=1)
    repeat = np.zeros_like(keep)
    dup_sorted = np.zeros_like(keep)
    dup_sorted[:, 1:] = sorted_c[:, 1:] == sorted_c[:, :-1]
    np.put_along_axis(repeat, order, dup_sorted, axis=1)
    keep &= ~repeat
    rank = np.cumsum(keep, axis=1)
    keep &= rank <= NEIGHBOURS
    nbr = np.full((len(reps), NEIGHBOURS), -1, dtype=np.int64)
    nsim = np.zeros((len(reps), NEIGHBOURS), dtype=np.float32)
    rows, cols = np.nonzero(keep)
    slot = rank[rows, cols] - 1
    nbr[rows, slot] = cand[rows, cols]
    nsim[rows, slot] = csim[rows, cols]
    return nbr, nsim


def _mutual_edges(
    nbr: npt.NDArray[np.int64], nsim: npt.NDArray[np.float32]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    """Undirected edges (u < v) between nodes that list each other, weighted by similarity."""
    import numpy as np

    nodes = len(nbr)
    src = np.repeat(np.arange(nodes), nbr.shape[1])
    dst = nbr.reshape(-1)
    w = nsim.reshape(-1).astype(np.float64)
    ok = dst >= 0
    src, dst, w = src[ok], dst[ok], w[ok]
    key = np.minimum(src, dst) * nodes + np.maximum(src, dst)
    order = np.argsort(key, kind="stable")
    key, w = key[order], w[order]
    both = np.nonzero(key[1:] == key[:-1])[0]  # listed from both ends
    pairs = key[both]
    edges = np.stack([pairs // nodes, pairs % nodes], axis=1)
    return edges, np.maximum(w[both], 1e-6)


_IGRAPH_LOCK = threading.Lock()


def _louvain(
    nodes: int,
    edges: npt.NDArray[np.int64],
    weights: npt.NDArray[np.float64],
    resolution: float,
    engine: str | None,
) -> npt.NDArray[np.int64]:
    """Community number per node, by Louvain modularity optimisation, seeded (repeatable)."""
    import numpy as np

    if engine is None:
        try:
            import igraph  # noqa: F401

            engine = "igraph"
        except ImportError:
            engine = "networkx"
    if engine == "igraph":
        import igraph as ig

        graph = ig.Graph(n=nodes, edges=edges.tolist())
        with _IGRAPH_LOCK:  # igraph's random source is process-wide: seed it, then put it back
            ig.set_random_number_generator(random.Random(SEED))
            try:
                parts = graph.community_multilevel(weights=weights.tolist(), resolution=resolution)
            finally:
                ig.set_random_number_generator(random)
        return np.asarray(parts.membership, dtype=np.int64)
    if engine != "networkx":
        raise ValueError(f"unknown clustering engine {engine!r}")
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(range(nodes))
    g.add_weighted_edges_from(
        zip(edges[:, 0].tolist(), edges[:, 1].tolist(), weights.tolist(), strict=True)
    )
    membership = np.zeros(nodes, dtype=np.int64)
    communities = nx.community.louvain_communities(
        g, weight="weight", resolution=resolution, seed=SEED
    )
    for c, members in enumerate(communities):
        membership[list(members)] = c
    return membership


def _attach_strays(
    node_label: npt.NDArray[np.int64],
    nbr: npt.NDArray[np.int64],
    reps: npt.NDArray[np.int64],
    sims: npt.NDArray[np.float32],
) -> None:
    """Give a theme to an idea the mutual graph left alone when most of its own nearest ideas
    share one theme and it is no outlier (its nearest similarity is not far below the others')."""
    import numpy as np

    if sims.shape[1] == 0:
        return
    nearest = sims[reps, 0]
    q1, med, q3 = np.percentile(nearest, [25, 50, 75])
    # Tukey's fence, loosened where the ideas are all very alike (a tiny spread).
    floor = float(min(q1 - 1.5 * (q3 - q1), med - 0.15))
    for u in np.nonzero(node_label < 0)[0].tolist():
        mine = nbr[u][nbr[u] >= 0]
        if len(mine) == 0 or float(nearest[u]) < floor:
            continue
        theirs = node_label[mine]
        theirs = theirs[theirs >= 0]
        if len(theirs):
            counts = np.bincount(theirs)
            best = int(np.argmax(counts))
            if counts[best] * 2 > len(mine):
                node_label[u] = best


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
