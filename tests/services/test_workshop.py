"""Workshop rules through the services, on SQLite and PostgreSQL: who may do what, what stays
hidden until revealed, voting budgets, merged ideas pooling votes and scores, the timer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ideaforge.core.commands import SetIdeaStatus
from ideaforge.core.errors import InvalidInput, NotFound, PermissionDenied
from ideaforge.core.model import IdeaStatus, Phase, Role
from ideaforge.core.workshop import Activity
from ideaforge.services.decisions import CONCERNS, DecisionDraft
from ideaforge.services.workspace import Workspace

CHALLENGE = "How might we make the library a place teenagers want to be?"


def _room(ws: Any) -> tuple[int, Any, Any]:
    """ada facilitates; bo and cy have joined as participants."""
    s = ws.sessions.new(CHALLENGE)
    bo, cy = Workspace(ws.store, "bo"), Workspace(ws.store, "cy")
    bo.workshop.join(s.id)
    cy.workshop.join(s.id)
    return s.id, bo, cy


def _facilitator_actions(sid: int, ws: Any, idea: int) -> dict[str, Callable[[], object]]:
    """Every facilitator-only action, ready to try as someone."""
    crit = ws.scoring.criteria(sid)
    checklist = {idea: {k: {"answer": "none", "note": ""} for k in CONCERNS}}
    return {
        "set phase": lambda: ws.sessions.set_phase(sid, Phase.CONVERGE),
        "edit session": lambda: ws.sessions.update(sid, title="Mine now"),
        "delete session": lambda: ws.sessions.delete(sid),
        "start workshop": lambda: ws.workshop.start(sid),
        "finish workshop": lambda: ws.workshop.finish(sid),
        "activity": lambda: ws.workshop.set_activity(sid, Activity.VOTE),
        "voting rules": lambda: ws.workshop.set_voting(sid, budget=9),
        "start timer": lambda: ws.workshop.start_timer(sid, 300),
        "pause timer": lambda: ws.workshop.pause_timer(sid),
        "resume timer": lambda: ws.workshop.resume_timer(sid),
        "add time": lambda: ws.workshop.add_time(sid, 60),
        "clear timer": lambda: ws.workshop.clear_timer(sid),
        "reveal ideas": lambda: ws.workshop.reveal(sid, "ideas"),
        "reveal votes": lambda: ws.workshop.reveal(sid, "votes"),
        "reveal scores": lambda: ws.workshop.reveal(sid, "scores"),
        "roles": lambda: ws.workshop.set_role(sid, ws.actor, Role.FACILITATOR),
        "add criterion": lambda: ws.scoring.add_criterion(sid, "Cost"),
        "edit criterion": lambda: ws.scoring.update_criterion(crit[0].id, weight=5),
        "delete criterion": lambda: ws.scoring.delete_criterion(crit[0].id),
        "record decision": lambda: ws.decisions.record(
            DecisionDraft(sid, "Take it", [idea], [idea], [ws.actor], "Because", checklist)
        ),
    }


def test_every_facilitator_only_action_is_refused_to_a_participant(workspace: Any) -> None:
    ws = workspace
    sid, bo, _cy = _room(ws)
    ws.scoring.ensure_defaults(sid)
    ws.workshop.start_timer(sid, 600)
    idea = ws.ideas.add(sid, "Homework help from older students").id
    ws.ideas.shortlist(idea)
    before = (ws.sessions.get(sid), ws.workshop.state(sid), ws.scoring.criteria(sid))
    for name, action in _facilitator_actions(sid, bo, idea).items():
        with pytest.raises(PermissionDenied, match=r"Only the facilitator \(ada\)"):
            action()
        after = (ws.sessions.get(sid), ws.workshop.state(sid), ws.scoring.criteria(sid))
        assert after == before, name
    assert ws.decisions.list(sid) == []
    # and each of them works for the facilitator (the ones that undo others come last)
    for name, action in _facilitator_actions(sid, ws, idea).items():
        if name not in ("delete session", "finish workshop", "pause timer", "resume timer"):
            action()
    # someone who never joined is refused too, and told to join
    stranger = Workspace(ws.store, "zed")
    with pytest.raises(PermissionDenied, match="join the session first"):
        stranger.workshop.reveal(sid, "votes")
    # ensure_defaults adds nothing for a participant of a session without criteria
    other = ws.sessions.new("How might we share bikes?")
    assert bo.scoring.ensure_defaults(other.id) == []
    # the facilitator can hand the role on; then bo may act
    ws.workshop.set_role(sid, "bo", Role.FACILITATOR)
    assert bo.workshop.set_activity(sid, Activity.THEMES).activity is Activity.THEMES
    ws.workshop.set_role(sid, "ada", Role.PARTICIPANT)
    with pytest.raises(InvalidInput, match="needs a facilitator"):
        bo.workshop.set_role(sid, "bo", Role.PARTICIPANT)
    with pytest.raises(PermissionDenied):
        ws.workshop.start_timer(sid, 60)


def test_silent_ideation_keeps_ideas_private_until_revealed(workspace: Any) -> None:
    ws = workspace
    sid, bo, cy = _room(ws)
    ws.workshop.start(sid)
    assert ws.sessions.get(sid).phase is Phase.DIVERGE
    mine = bo.ideas.add(sid, "Gaming nights with the school's e-sports club")
    cys = cy.ideas.add(sid, "A quiet loft with beanbags and no adults")
    assert mine.private and cys.private
    assert [i.text for i in bo.ideas.list(sid)] == [mine.text]
    assert [i.id for i in cy.ideas.list(sid)] == [cys.id]
    assert ws.ideas.list(sid) == []  # the facilitator does not see them either
    for who in (ws, cy):
        with pytest.raises(NotFound):
            who.ideas.get(mine.id)
        with pytest.raises(NotFound):
            who.ideas.prune(mine.id, "off topic")
        with pytest.raises(NotFound):
            who.scoring.vote(mine.id, 1)
    status = ws.workshop.status(sid)
    assert status.private_ideas == 2 and status.ideas_in_play == 0
    assert {p.participant.name: p.private_ideas for p in status.people} == {
        "ada": 0,
        "bo": 1,
        "cy": 1,
    }
    # themes and exports never include what is still private
    assert ws.exports.snapshot(sid).ideas == ()
    ws.workshop.reveal(sid, "ideas")
    assert {i.id for i in cy.ideas.list(sid)} == {mine.id, cys.id}
    assert not ws.ideas.get(mine.id).private
    with pytest.raises(InvalidInput):
        ws.workshop.reveal(sid, "ideas", shown=False)
    # after silent ideation new ideas are public at once
    ws.workshop.set_activity(sid, Activity.GENERATE)
    assert not bo.ideas.add(sid, "Let teens run the library's social media").private


def test_votes_and_scores_are_hidden_until_revealed(workspace: Any) -> None:
    ws = workspace
    sid, bo, cy = _room(ws)
    a = ws.ideas.add(sid, "Late opening on Fridays").id
    b = ws.ideas.add(sid, "A maker space with 3-D printers").id
    impact, _effort = ws.scoring.ensure_defaults(sid)
    ws.workshop.start(sid, budget=4, per_idea=2, anonymous=False)
    ws.workshop.set_activity(sid, Activity.VOTE)
    bo.scoring.vote(a, 2)
    cy.scoring.vote(a, 1)
    cy.scoring.vote(b, 2)
    bo.scoring.score(a, impact.id, 5)
    cy.scoring.score(a, impact.id, 1)

    m = bo.scoring.matrix(sid)
    rows = {r.idea.id: r for r in m.rows}
    assert not m.votes_visible and not m.scores_visible
    assert rows[a].votes == 2 and rows[b].votes == 0  # only bo's own dots
    assert rows[a].mine == {impact.id: 5.0} and rows[a].mean == {} and rows[a].total is None
    results = ws.workshop.results(sid)
    assert results.votes is None and results.scores is None
    # an export before the reveal carries the exporting person's own votes and scores only
    snap = bo.exports.snapshot(sid)
    bo_id = next(p.id for p in snap.participants if p.name == "bo")
    assert {v.participant_id for v in snap.votes} == {bo_id}
    assert {s.participant_id for s in snap.scores} == {bo_id}
    status = ws.workshop.status(sid)
    assert status.voters == 2  # who has voted is public, what they voted is not
    assert [p.dots_used for p in status.people] == [0, None, None]
    assert bo.workshop.status(sid).dots_left == 2

    ws.workshop.reveal(sid, "votes")
    rows = {r.idea.id: r for r in bo.scoring.matrix(sid).rows}
    assert (rows[a].votes, rows[b].votes) == (3, 2)
    assert rows[a].mean == {}  # scores still hidden
    votes = ws.workshop.results(sid).votes
    assert votes is not None
    assert [(v.idea.id, v.dots, v.voters) for v in votes] == [
        (a, 3, ("bo", "cy")),
        (b, 2, ("cy",)),
    ]
    ws.workshop.reveal(sid, "scores")
    rows = {r.idea.id: r for r in cy.scoring.matrix(sid).rows}
    assert rows[a].mean == {impact.id: 3.0} and rows[a].spread == {impact.id: 2.0}
    assert rows[a].disagreement == pytest.approx(0.5)  # 1 against 5 on a 1-5 scale
    divided = ws.workshop.results(sid).disagreements
    assert divided is not None and [(d.idea_id, d.criterion_id) for d in divided] == [
        (a, impact.id)
    ]
    # anonymous voting names nobody
    ws.workshop.set_voting(sid, anonymous=True)
    anon = ws.workshop.results(sid).votes
    assert anon is not None and all(v.voters == () for v in anon)
    # hiding again works; a solo session (no workshop) always shows everything
    ws.workshop.reveal(sid, "votes", shown=False)
    assert ws.workshop.results(sid).votes is None
    ws.workshop.finish(sid)
    assert ws.workshop.results(sid).votes is not None


def test_vote_budget_and_limit_come_from_the_session(workspace: Any) -> None:
    ws = workspace
    sid, bo, _cy = _room(ws)
    ids = [ws.ideas.add(sid, f"Idea {n}: a reading club with pizza").id for n in range(4)]
    ws.workshop.start(sid, budget=3, per_idea=2)
    with pytest.raises(InvalidInput, match="At most 2 dots"):
        bo.scoring.vote(ids[1], 3)
    bo.scoring.vote(ids[0], 2)
    bo.scoring.vote(ids[1], 1)
    with pytest.raises(InvalidInput, match="each person has 3"):
        bo.scoring.vote(ids[2], 1)
    assert bo.workshop.status(sid).dots_left == 0
    with pytest.raises(InvalidInput, match="bo has already used 3 dots"):
        ws.workshop.set_voting(sid, budget=2)
    with pytest.raises(InvalidInput, match="between 1 and the budget"):
        ws.workshop.set_voting(sid, per_idea=9)
    ws.workshop.set_voting(sid, budget=6)
    bo.scoring.vote(ids[2], 2)
    assert bo.workshop.status(sid).dots_left == 1


def test_merged_duplicates_pool_votes_and_scores_and_unmerge_gives_them_back(
    workspace: Any,
) -> None:
    ws = workspace
    sid, bo, cy = _room(ws)
    a = ws.ideas.add(sid, "Open the library until 10 pm on Fridays").id
    b = ws.ideas.add(sid, "Friday late-night opening until ten").id
    impact, _ = ws.scoring.ensure_defaults(sid)
    ws.workshop.start(sid, budget=5, per_idea=3)
    bo.scoring.vote(a, 2)
    bo.scoring.vote(b, 1)
    cy.scoring.vote(b, 3)
    bo.scoring.score(a, impact.id, 4)
    bo.scoring.score(b, impact.id, 2)
    cy.scoring.score(b, impact.id, 5)
    ws.workshop.reveal(sid, "votes")
    ws.workshop.reveal(sid, "scores")

    undo = ws.ideas.apply(SetIdeaStatus(b, IdeaStatus.MERGED, merged_into_id=a))
    rows = {r.idea.id: r for r in ws.scoring.matrix(sid).rows}
    assert b not in rows
    assert rows[a].votes == 6  # 2 + 1 from bo, 3 from cy: nothing lost
    # bo counts once on the merged idea, with the mean of their two scores
    assert rows[a].mean[impact.id] == pytest.approx((3.0 + 5.0) / 2)
    # bo now has 3 dots on the merged idea: the limit applies to the group
    with pytest.raises(InvalidInput, match="At most 3 dots"):
        bo.scoring.vote(a, 3)
    ws.ideas.shortlist(a)
    draft = DecisionDraft(
        sid, "Late Fridays", [a], [a], ["ada"], "Most dots",
        {a: {k: {"answer": "none", "note": ""} for k in CONCERNS}},
    )  # fmt: skip
    decision = ws.decisions.record(draft)
    assert decision.option_details[0]["votes"] == 6

    ws.ideas.apply(SetIdeaStatus(a, IdeaStatus.ACTIVE))
    ws.ideas.apply(undo)  # un-merge
    rows = {r.idea.id: r for r in ws.scoring.matrix(sid).rows}
    assert (rows[a].votes, rows[b].votes) == (2, 4)
    assert rows[a].mean[impact.id] == 4.0 and rows[b].mean[impact.id] == pytest.approx(3.5)


def test_activities_move_the_phase_and_the_timer_counts_down(workspace: Any) -> None:
    ws = workspace
    sid, bo, _ = _room(ws)
    ws.workshop.start(sid)
    assert ws.workshop.state(sid).activity is Activity.IDEATE
    ws.workshop.set_activity(sid, Activity.SCORE)
    assert ws.sessions.get(sid).phase is Phase.CONVERGE
    ws.workshop.set_activity(sid, "decide")
    assert ws.sessions.get(sid).phase is Phase.DECIDE
    with pytest.raises(InvalidInput, match="not an activity"):
        ws.workshop.set_activity(sid, "nap")

    state = ws.workshop.start_timer(sid, 300)
    left = bo.workshop.status(sid).seconds_left
    assert left is not None and 290 < left <= 300
    paused = ws.workshop.pause_timer(sid)
    assert paused.timer_ends_at is None and paused.timer_paused_left is not None
    assert bo.workshop.status(sid).seconds_left == paused.timer_paused_left
    with pytest.raises(InvalidInput, match="not running|No timer"):
        ws.workshop.pause_timer(sid)
    ws.workshop.add_time(sid, 60)
    assert ws.workshop.state(sid).timer_paused_left == pytest.approx(paused.timer_paused_left + 60)
    resumed = ws.workshop.resume_timer(sid)
    assert resumed.timer_ends_at is not None and resumed.timer_ends_at > state.timer_ends_at
    with pytest.raises(InvalidInput, match="from 1 second to 4 hours"):
        ws.workshop.start_timer(sid, 0)
    ws.workshop.clear_timer(sid)
    assert ws.workshop.status(sid).seconds_left is None
    # every change is in the audit log, by whom
    actions = [(e.actor, e.action) for e in ws.history(sid) if e.entity == "workshop"]
    assert ("ada", "start") in actions and ("ada", "timer") in actions


def test_join_code_names_the_database_and_session(workspace: Any) -> None:
    from ideaforge.core import joincode

    ws = workspace
    sid, _bo, _cy = _room(ws)
    code = ws.workshop.join_code(sid)
    url, session_id = joincode.decode(code)
    assert session_id == sid and url == ws.store.url
    with pytest.raises(InvalidInput, match="mistyped"):
        joincode.decode(code[:-1] + ("0" if code[-1] != "0" else "1"))
    with pytest.raises(InvalidInput, match="not an IdeaForge join code"):
        joincode.decode("hello")
