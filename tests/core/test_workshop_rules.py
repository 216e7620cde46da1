"""Pure workshop rules: the timer, merge pooling, disagreement, budgets, visibility, join codes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ideaforge.core import joincode
from ideaforge.core import workshop as w
from ideaforge.core.errors import InvalidInput, PermissionDenied
from ideaforge.core.model import Criterion, Idea, IdeaStatus, Participant, Role, Score, Vote

NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)


def test_timer_runs_pauses_resumes_and_gets_more_time() -> None:
    s = w.WorkshopState(1)
    assert w.seconds_left(s, NOW) is None
    s = w.start_timer(s, 300, NOW)
    assert w.seconds_left(s, NOW + timedelta(seconds=100)) == 200
    assert w.seconds_left(s, NOW + timedelta(seconds=400)) == 0  # ran out, never negative
    s = w.pause_timer(s, NOW + timedelta(seconds=100))
    assert w.seconds_left(s, NOW + timedelta(hours=1)) == 200  # paused: time stands still
    s = w.add_time(s, 60, NOW)
    assert s.timer_paused_left == 260 and s.timer_total == 360
    s = w.resume_timer(s, NOW)
    assert w.seconds_left(s, NOW + timedelta(seconds=10)) == 250
    with pytest.raises(InvalidInput):
        w.resume_timer(s, NOW)
    with pytest.raises(InvalidInput):
        w.add_time(s, -1000, NOW)
    with pytest.raises(InvalidInput):
        w.start_timer(s, float("nan"), NOW)
    assert w.seconds_left(w.clear_timer(s), NOW) is None


def _idea(i: int, into: int | None = None) -> Idea:
    status = IdeaStatus.MERGED if into else IdeaStatus.ACTIVE
    return Idea(i, 1, f"idea {i}", status=status, merged_into_id=into)


def test_merge_roots_follow_chains_and_survive_cycles() -> None:
    roots = w.merge_roots([_idea(1), _idea(2, 1), _idea(3, 2), _idea(4), _idea(5, 6), _idea(6, 5)])
    assert roots[1] == roots[2] == roots[3] == 1 and roots[4] == 4
    assert roots[5] in (5, 6) and roots[6] in (5, 6)  # a corrupt cycle ends, it does not hang


def test_pooled_votes_add_up_and_pooled_scores_count_a_person_once() -> None:
    roots = {1: 1, 2: 1, 3: 3}
    votes = [Vote(0, 1, 10, 2), Vote(0, 2, 10, 1), Vote(0, 2, 11, 3), Vote(0, 3, 11, 1)]
    pooled = {(v.idea_id, v.participant_id): v.dots for v in w.pooled_votes(votes, roots)}
    assert pooled == {(1, 10): 3, (1, 11): 3, (3, 11): 1}
    assert sum(pooled.values()) == sum(v.dots for v in votes)  # nothing lost
    scores = [Score(0, 1, 10, 7, 4.0), Score(0, 2, 10, 7, 2.0), Score(0, 2, 11, 7, 5.0)]
    got = {(s.idea_id, s.participant_id): s.value for s in w.pooled_scores(scores, roots)}
    assert got == {(1, 10): 3.0, (1, 11): 5.0}


def test_disagreement_needs_two_people_and_a_wide_spread() -> None:
    c = Criterion(7, 1, "Impact", 1.0, 1, 5)
    scores = [Score(0, 1, 10, 7, 1), Score(0, 1, 11, 7, 5), Score(0, 2, 10, 7, 3),
              Score(0, 2, 11, 7, 4), Score(0, 3, 10, 7, 5)]  # fmt: skip
    found = w.disagreements([c], scores)
    assert [(d.idea_id, d.relative) for d in found] == [(1, 0.5)]
    assert found[0].aggregate.low == 1 and found[0].aggregate.high == 5


def test_budget_changes_may_not_strand_anyone() -> None:
    votes = [Vote(0, 1, 10, 2), Vote(0, 2, 10, 2)]
    w.check_budget_change(votes, 4, 2, {10: "bo"})
    with pytest.raises(InvalidInput, match="bo has already used 4 dots"):
        w.check_budget_change(votes, 3, 2, {10: "bo"})
    with pytest.raises(InvalidInput, match="bo already has 2 dots on idea #1"):
        w.check_budget_change(votes, 9, 1, {10: "bo"})
    with pytest.raises(InvalidInput, match="between 1 and 100"):
        w.check_budget_change([], 0, 1, {})


def test_facilitator_check_and_visibility() -> None:
    lead = Participant(1, 1, "ada", Role.FACILITATOR)
    bo = Participant(2, 1, "bo")
    w.check_facilitator(lead, "reveal", ["ada"])
    with pytest.raises(PermissionDenied, match=r"Only the facilitator \(ada\) can reveal"):
        w.check_facilitator(bo, "reveal", ["ada"])
    with pytest.raises(PermissionDenied, match="join the session first"):
        w.check_facilitator(None, "timer", ["ada"])
    secret = Idea(5, 1, "mine", author_id=2, private=True)
    assert w.visible(secret, 2) and not w.visible(secret, 1) and not w.visible(secret, None)
    assert w.visible(Idea(6, 1, "public", author_id=2), None)


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://ada:s3cret@10.1.2.3:5432/workshop?sslmode=require",
        "sqlite:////home/林/資料/ideaforge.db",
        "mysql://x@y/z",
    ],
)
def test_join_codes_round_trip_and_catch_typos(url: str) -> None:
    code = joincode.encode(url, 42)
    assert joincode.decode(code) == (url, 42)
    assert joincode.decode(code.lower().replace("-", " ")) == (url, 42)
    body = code.split("-", 1)[1]
    flipped = body[:3] + ("X" if body[3] != "X" else "Y") + body[4:]
    with pytest.raises(InvalidInput):
        joincode.decode("IF1-" + flipped)
    with pytest.raises(InvalidInput):
        joincode.encode(url, 0)
