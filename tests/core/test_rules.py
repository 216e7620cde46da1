"""Pure rules: phase machine, status moves, aggregation and weighted totals (with properties)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ideaforge.core import rules
from ideaforge.core.errors import InvalidInput, InvalidTransition
from ideaforge.core.model import Criterion, IdeaStatus, Phase, Score, Vote

values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)


def test_phase_moves_forward_and_back_one_step() -> None:
    rules.check_phase_transition(Phase.DIVERGE, Phase.CONVERGE)
    rules.check_phase_transition(Phase.CONVERGE, Phase.DIVERGE)
    rules.check_phase_transition(Phase.DECIDE, Phase.CLOSED)
    rules.check_phase_transition(Phase.CLOSED, Phase.DECIDE)
    with pytest.raises(InvalidTransition, match="from diverge the session can move to converge"):
        rules.check_phase_transition(Phase.DIVERGE, Phase.DECIDE)
    with pytest.raises(InvalidTransition, match="already"):
        rules.check_phase_transition(Phase.DECIDE, Phase.DECIDE)


def test_status_moves() -> None:
    rules.check_status_change(IdeaStatus.ACTIVE, IdeaStatus.PRUNED)
    rules.check_status_change(IdeaStatus.PRUNED, IdeaStatus.ACTIVE)
    with pytest.raises(InvalidTransition, match="Restore it first"):
        rules.check_status_change(IdeaStatus.PRUNED, IdeaStatus.SHORTLISTED)
    with pytest.raises(InvalidTransition):
        rules.check_status_change(IdeaStatus.ACTIVE, IdeaStatus.ACTIVE)


def test_aggregate_known_values() -> None:
    agg = rules.aggregate([1, 3, 5])
    assert agg is not None
    assert (agg.n, agg.mean, agg.low, agg.high) == (3, 3.0, 1.0, 5.0)
    assert agg.spread == pytest.approx(math.sqrt(8 / 3))
    assert rules.aggregate([]) is None
    with pytest.raises(InvalidInput, match="finite"):
        rules.aggregate([1.0, float("nan")])


@given(st.lists(values, min_size=1, max_size=50))
def test_aggregate_properties(xs: list[float]) -> None:
    agg = rules.aggregate(xs)
    assert agg is not None
    assert agg.n == len(xs)
    tol = 1e-9 * max(1.0, max(abs(x) for x in xs))
    assert agg.low - tol <= agg.mean <= agg.high + tol
    assert agg.spread >= 0
    assert agg.spread <= (agg.high - agg.low) / 2 + tol  # population sd is at most half the range
    reordered = rules.aggregate(list(reversed(xs)))
    assert reordered is not None
    assert reordered.mean == pytest.approx(agg.mean, abs=tol)


def _crit(cid: int, weight: float = 1.0, better: bool = True) -> Criterion:
    return Criterion(cid, 1, f"c{cid}", weight, 1, 5, better)


def test_weighted_totals_example() -> None:
    impact, effort = _crit(1, weight=2.0), _crit(2, weight=1.0, better=False)
    scores = [
        Score(0, 10, 1, 1, 5),
        Score(0, 10, 2, 1, 3),  # idea 10 impact mean 4
        Score(0, 10, 1, 2, 1),  # idea 10 effort 1 (low effort is good)
        Score(0, 11, 1, 1, 1),  # idea 11: only impact, lowest
    ]
    totals = rules.weighted_totals([impact, effort], scores)
    # idea 10: impact (4-1)/4 = .75 * 2, effort 1 - 0 = 1 * 1 -> 2.5 / 3
    assert totals[10].total == pytest.approx(100 * 2.5 / 3)
    assert totals[10].coverage == pytest.approx(1.0)
    assert totals[11].total == pytest.approx(0.0)
    assert totals[11].coverage == pytest.approx(2 / 3)
    assert totals[10].per_criterion[1].spread == pytest.approx(1.0)


@given(
    st.lists(st.floats(min_value=0.1, max_value=10), min_size=1, max_size=4),
    st.lists(
        st.tuples(st.integers(0, 5), st.integers(0, 3), st.integers(0, 3), st.integers(1, 5)),
        max_size=60,
    ),
)
def test_weighted_totals_properties(
    weights: list[float], raw: list[tuple[int, int, int, int]]
) -> None:
    criteria = [_crit(i, w, better=i % 2 == 0) for i, w in enumerate(weights)]
    scores = [Score(0, idea, person, crit, value) for idea, person, crit, value in raw]
    totals = rules.weighted_totals(criteria, scores)
    for t in totals.values():
        assert -1e-9 <= t.total <= 100 + 1e-9
        assert -1e-9 <= t.coverage <= 1 + 1e-9
    scored_ideas = {s.idea_id for s in scores if s.criterion_id < len(criteria)}
    assert set(totals) == scored_ideas


@given(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 4), st.integers(1, 3)), max_size=40))
def test_vote_counts_conserve_dots(raw: list[tuple[int, int, int]]) -> None:
    votes = [Vote(0, idea, person, dots) for idea, person, dots in raw]
    counts = rules.vote_counts(votes)
    assert sum(counts.values()) == sum(v.dots for v in votes)
    assert all(n > 0 for n in counts.values())


def test_vote_budget_and_limit() -> None:
    votes = [Vote(1, 1, 7, 2), Vote(2, 2, 7, 1), Vote(3, 1, 8, 3)]
    rules.check_vote(votes, 7, 3, 2, budget=5, per_idea=3)
    with pytest.raises(InvalidInput, match="each person has 5"):
        rules.check_vote(votes, 7, 3, 3, budget=5, per_idea=3)
    with pytest.raises(InvalidInput, match="At most 3"):
        rules.check_vote(votes, 7, 1, 2, budget=10, per_idea=3)
    with pytest.raises(InvalidInput):
        rules.check_vote(votes, 7, 1, 0, budget=10, per_idea=3)


def test_criterion_and_score_checks() -> None:
    c = _crit(1)
    rules.check_score(c, 3)
    for bad in (0, 6, float("nan")):
        with pytest.raises(InvalidInput, match="between 1 and 5"):
            rules.check_score(c, bad)
    with pytest.raises(InvalidInput, match="positive"):
        rules.check_criterion("x", 0, 1, 5)
    with pytest.raises(InvalidInput, match="low to high"):
        rules.check_criterion("x", 1, 5, 5)
