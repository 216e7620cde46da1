"""Near-duplicate groups from a sparse similarity graph.

Edges join ideas whose cosine similarity is at or above the threshold, taken from each idea's
nearest neighbours (so memory stays n x k). Groups are formed greedily around leaders, like
sentence-transformers' community detection but on the sparse graph: every member is directly
similar to its group's canonical idea, so no chain A~B~C puts A and C together when they are not
alike. Nothing here changes the store: groups are suggestions a person accepts or not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

# Neighbours looked at per idea. A group can hold more members than this: its leader reaches them
# as their own neighbour too (the graph is made symmetric).
NEIGHBOURS = 32


@dataclass(frozen=True, slots=True)
class Group:
    """Row indices: the canonical idea and its near-duplicates with their similarity to it."""

    canonical: int
    members: tuple[tuple[int, float], ...]

    @property
    def size(self) -> int:
        return 1 + len(self.members)


def duplicate_graph(
    idx: npt.NDArray[np.int64],
    sims: npt.NDArray[np.float32],
    threshold: float,
    exclude: Iterable[tuple[int, int]] = (),
) -> dict[int, dict[int, float]]:
    """Symmetric adjacency {row: {row: similarity}} of pairs at or above ``threshold``."""
    import numpy as np

    adj: dict[int, dict[int, float]] = {}
    rows, cols = np.nonzero(sims >= threshold)
    banned = {(min(a, b), max(a, b)) for a, b in exclude}
    for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
        j = int(idx[r, c])
        if (min(r, j), max(r, j)) in banned:
            continue
        s = float(sims[r, c])
        adj.setdefault(r, {})[j] = s
        adj.setdefault(j, {})[r] = s
    return adj


def duplicate_groups(
    idx: npt.NDArray[np.int64],
    sims: npt.NDArray[np.float32],
    threshold: float,
    *,
    priority: Sequence[int] | None = None,
    exclude: Iterable[tuple[int, int]] = (),
) -> list[Group]:
    """Groups of near-duplicates, largest first.

    ``priority`` ranks rows as canonical candidates (higher first: say, shortlisted ideas, then
    people's own ideas); ties go to the row with the most near-duplicates, then the lowest row.
    ``exclude`` lists row pairs a person declared distinct: they are never in one group.
    """
    banned = {(min(a, b), max(a, b)) for a, b in exclude}
    adj = duplicate_graph(idx, sims, threshold, banned)
    prio = priority or [0] * len(idx)
    order = sorted(adj, key=lambda r: (-prio[r], -len(adj[r]), r))
    taken: set[int] = set()
    groups = []
    for leader in order:
        if leader in taken:
            continue
        members: list[tuple[int, float]] = []
        for j, s in sorted(adj[leader].items(), key=lambda kv: (-kv[1], kv[0])):
            if j in taken or any((min(j, m), max(j, m)) in banned for m, _ in members):
                continue
            members.append((j, s))
        if not members:
            continue
        taken.add(leader)
        taken.update(m for m, _ in members)
        groups.append(Group(leader, tuple(members)))
    groups.sort(key=lambda g: (-g.size, g.canonical))
    return groups
