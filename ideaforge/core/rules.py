"""Pure rules: phase transitions, score and vote aggregation, weighted totals."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ideaforge.core.errors import InvalidInput, InvalidTransition
from ideaforge.core.i18n import tr
from ideaforge.core.model import Criterion, IdeaStatus, Phase, Score, Vote

# Forward one step, back one step (to revisit), and reopen a closed session for decisions.
_PHASE_ORDER = (Phase.DIVERGE, Phase.CONVERGE, Phase.DECIDE, Phase.CLOSED)


def allowed_phases(current: Phase) -> tuple[Phase, ...]:
    i = _PHASE_ORDER.index(current)
    neighbours = [_PHASE_ORDER[j] for j in (i - 1, i + 1) if 0 <= j < len(_PHASE_ORDER)]
    return tuple(neighbours)


def check_phase_transition(current: Phase, target: Phase) -> None:
    if target == current:
        raise InvalidTransition(
            tr("The session is already in the {current} phase.", current=current.value)
        )
    if target not in allowed_phases(current):
        options = " or ".join(p.value for p in allowed_phases(current))
        raise InvalidTransition(
            tr(
                "Cannot go from {current} to {target}; from "
                "{current} the session can move to {options}.",
                current=current.value,
                target=target.value,
                options=options,
            )
        )


# Ideas still in play: listed, embedded, grouped and clustered. Pruned and merged ones are set
# aside (kept, one click away, but out of the way).
IN_PLAY = (IdeaStatus.ACTIVE, IdeaStatus.SHORTLISTED)

_STATUS_MOVES: dict[IdeaStatus, frozenset[IdeaStatus]] = {
    IdeaStatus.ACTIVE: frozenset({IdeaStatus.PRUNED, IdeaStatus.MERGED, IdeaStatus.SHORTLISTED}),
    IdeaStatus.SHORTLISTED: frozenset({IdeaStatus.ACTIVE, IdeaStatus.PRUNED}),
    IdeaStatus.PRUNED: frozenset({IdeaStatus.ACTIVE}),
    IdeaStatus.MERGED: frozenset({IdeaStatus.ACTIVE}),
}


def check_status_change(current: IdeaStatus, target: IdeaStatus) -> None:
    if target not in _STATUS_MOVES[current]:
        hint = " Restore it first." if current in (IdeaStatus.PRUNED, IdeaStatus.MERGED) else ""
        raise InvalidTransition(
            tr(
                "An idea that is {current} cannot become {target}.{hint}",
                current=current.value,
                target=target.value,
                hint=hint,
            )
        )


@dataclass(frozen=True, slots=True)
class Aggregate:
    """Summary of several people's values: mean and spread (population standard deviation)."""

    n: int
    mean: float
    spread: float
    low: float
    high: float


def aggregate(values: Iterable[float]) -> Aggregate | None:
    vals = [float(v) for v in values]
    if not vals:
        return None
    for v in vals:
        if not math.isfinite(v):
            raise InvalidInput(tr("A score must be a finite number, not {v}.", v=v))
    n = len(vals)
    mean = math.fsum(vals) / n
    var = math.fsum((v - mean) ** 2 for v in vals) / n
    return Aggregate(n=n, mean=mean, spread=math.sqrt(var), low=min(vals), high=max(vals))


def check_score(criterion: Criterion, value: float) -> None:
    if not math.isfinite(value) or not criterion.scale_min <= value <= criterion.scale_max:
        raise InvalidInput(
            tr(
                "A score for '{criterion_name}' must be between {scale_min} and "
                "{scale_max}; got {value}.",
                criterion_name=criterion.name,
                scale_min=criterion.scale_min,
                scale_max=criterion.scale_max,
                value=value,
            )
        )


def check_criterion(name: str, weight: float, scale_min: int, scale_max: int) -> None:
    if not name.strip():
        raise InvalidInput(tr("A criterion needs a name."))
    if not math.isfinite(weight) or weight <= 0:
        raise InvalidInput(
            tr(
                "The weight of '{name}' must be a positive number; got {weight}.",
                name=name,
                weight=weight,
            )
        )
    if scale_min >= scale_max:
        raise InvalidInput(
            tr(
                "The scale of '{name}' must run from low to high; got {scale_min}..{scale_max}.",
                name=name,
                scale_min=scale_min,
                scale_max=scale_max,
            )
        )


def normalise(criterion: Criterion, value: float) -> float:
    """Map a value on the criterion's scale to 0..1 where 1 is always best."""
    span = criterion.scale_max - criterion.scale_min
    x = (value - criterion.scale_min) / span
    return x if criterion.higher_is_better else 1.0 - x


@dataclass(frozen=True, slots=True)
class WeightedTotal:
    """An idea's weighted score, 0..100, and how much of the total weight it is based on."""

    idea_id: int
    total: float
    coverage: float  # share of the criteria weight that has at least one score (0..1)
    per_criterion: Mapping[int, Aggregate]


def weighted_totals(
    criteria: Sequence[Criterion], scores: Iterable[Score]
) -> dict[int, WeightedTotal]:
    """Weighted mean of each idea's per-criterion mean scores, normalised to 0..100.

    Criteria nobody scored for an idea are left out and the remaining weights renormalised;
    ``coverage`` says how much weight the total rests on, so a partly scored idea is not
    silently compared as if complete.
    """
    by_id = {c.id: c for c in criteria}
    total_weight = math.fsum(c.weight for c in criteria)
    grouped: dict[int, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    for s in scores:
        if s.criterion_id in by_id:
            grouped[s.idea_id][s.criterion_id].append(s.value)
    result: dict[int, WeightedTotal] = {}
    for idea_id, per in grouped.items():
        aggs = {cid: agg for cid, vals in per.items() if (agg := aggregate(vals)) is not None}
        weight = math.fsum(by_id[cid].weight for cid in aggs)
        total = math.fsum(
            by_id[cid].weight * normalise(by_id[cid], a.mean) for cid, a in aggs.items()
        )
        result[idea_id] = WeightedTotal(
            idea_id=idea_id,
            total=100.0 * total / weight if weight else 0.0,
            coverage=weight / total_weight if total_weight else 0.0,
            per_criterion=aggs,
        )
    return result


def vote_counts(votes: Iterable[Vote]) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    for v in votes:
        counts[v.idea_id] += v.dots
    return dict(counts)


def check_vote(
    votes: Iterable[Vote], participant_id: int, idea_id: int, dots: int, budget: int, per_idea: int
) -> None:
    """Raise unless the participant can add ``dots`` dots to the idea within budget and limit."""
    if dots < 1:
        raise InvalidInput(tr("A vote adds at least one dot."))
    mine = [v for v in votes if v.participant_id == participant_id]
    spent = sum(v.dots for v in mine)
    on_idea = sum(v.dots for v in mine if v.idea_id == idea_id)
    if spent + dots > budget:
        raise InvalidInput(
            tr(
                "That would use {spent_dots} dots; each person has {budget}.",
                spent_dots=spent + dots,
                budget=budget,
            )
        )
    if on_idea + dots > per_idea:
        raise InvalidInput(tr("At most {per_idea} dots may go on one idea.", per_idea=per_idea))
