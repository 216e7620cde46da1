"""Criteria, scores, votes, the score matrix and decision records, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest

from ideaforge.core.errors import InvalidInput
from ideaforge.core.model import DecisionStatus, IdeaStatus
from ideaforge.services.decisions import CONCERNS, DecisionDraft


def _session_with_ideas(ws: Any, n: int = 3) -> tuple[int, list[int]]:
    s = ws.sessions.new("How might we cut food waste in school canteens?", values="Fairness")
    ids = [
        ws.ideas.add(s.id, f"Idea number {i}: share leftovers with a food bank").id
        for i in range(n)
    ]
    return s.id, ids


def _all_clear(*ids: int) -> dict[int, dict[str, dict[str, str]]]:
    return {i: {k: {"answer": "none", "note": ""} for k in CONCERNS} for i in ids}


def test_default_criteria_scores_and_weighted_totals(workspace: Any) -> None:
    ws = workspace
    sid, (a, b, c) = _session_with_ideas(ws)
    impact, effort = ws.scoring.ensure_defaults(sid)
    assert (impact.name, effort.name, effort.higher_is_better) == ("Impact", "Effort", False)
    assert len(ws.scoring.ensure_defaults(sid)) == 2  # not added twice

    assert ws.scoring.score(a, impact.id, 5) is None
    assert ws.scoring.score(a, impact.id, 4) == 5  # returns the previous value, for undo
    ws.scoring.score(a, effort.id, 1)
    ws.scoring.score(b, impact.id, 1)
    ws.scoring.score(b, effort.id, 5)
    m = ws.scoring.matrix(sid)
    rows = {r.idea.id: r for r in m.rows}
    # Impact 4/5 -> 0.75 (weight 2), Effort 1 (lower is better) -> 1.0 (weight 1): 83.3
    assert rows[a].total == pytest.approx(100 * (2 * 0.75 + 1 * 1.0) / 3)
    assert rows[b].total == pytest.approx(0.0)
    assert rows[c].total is None and rows[c].coverage == 0.0
    assert rows[a].mine == {impact.id: 4.0, effort.id: 1.0}

    with pytest.raises(InvalidInput, match="between 1 and 5"):
        ws.scoring.score(a, impact.id, 6)
    assert ws.scoring.score(a, impact.id, None) == 4  # cleared
    assert impact.id not in {r.idea.id: r for r in ws.scoring.matrix(sid).rows}[a].mine


def test_criterion_edit_delete_and_restore_with_scores(workspace: Any) -> None:
    ws = workspace
    sid, (a, b, _) = _session_with_ideas(ws)
    cost = ws.scoring.add_criterion(
        sid, "Cost", weight=1.5, scale_min=1, scale_max=10, higher_is_better=False
    )
    with pytest.raises(InvalidInput, match="already has a criterion"):
        ws.scoring.add_criterion(sid, "cost")
    with pytest.raises(InvalidInput, match="positive number"):
        ws.scoring.add_criterion(sid, "Reach", weight=0)
    ws.scoring.score(a, cost.id, 8)
    ws.scoring.score(b, cost.id, 2)
    with pytest.raises(InvalidInput, match="outside 1..5"):
        ws.scoring.update_criterion(cost.id, scale_max=5)
    before, after = ws.scoring.update_criterion(cost.id, name="Running cost", weight=3)
    assert (before.name, after.name, after.weight) == ("Cost", "Running cost", 3.0)

    gone = ws.scoring.delete_criterion(cost.id)
    assert len(gone.scores) == 2 and ws.scoring.criteria(sid) == []
    back = ws.scoring.restore_criterion(gone)
    assert back.id == cost.id and back.name == "Running cost"
    rows = {r.idea.id: r for r in ws.scoring.matrix(sid).rows}
    assert rows[a].mine == {cost.id: 8.0} and rows[b].mine == {cost.id: 2.0}


def test_votes_respect_budget_and_status(workspace: Any) -> None:
    ws = workspace
    sid, (a, b, c) = _session_with_ideas(ws)
    assert ws.scoring.vote(a, 3) == 0
    with pytest.raises(InvalidInput, match="At most 3"):
        ws.scoring.vote(a, 4)
    ws.scoring.vote(b, 2)
    with pytest.raises(InvalidInput, match="each person has 5"):
        ws.scoring.vote(c, 1)
    assert ws.scoring.vote(a, 0) == 3  # taking dots back always works
    ws.ideas.prune(c, "Off-topic")
    with pytest.raises(InvalidInput, match="pruned"):
        ws.scoring.vote(c, 1)
    assert {r.idea.id: r.votes for r in ws.scoring.matrix(sid).rows} == {a: 0, b: 2}


def test_decision_needs_shortlist_deciders_and_a_full_checklist(workspace: Any) -> None:
    ws = workspace
    sid, (a, b, c) = _session_with_ideas(ws)
    impact, _ = ws.scoring.ensure_defaults(sid)
    ws.scoring.score(a, impact.id, 5)
    ws.scoring.vote(a, 2)
    base = DecisionDraft(
        sid,
        "Pilot the food-bank hand-over",
        options=[a, b],
        chosen=[a],
        deciders=["Ada"],
        rationale="Highest impact for the least effort.",
        risks=_all_clear(a),
    )
    with pytest.raises(InvalidInput, match="only shortlisted"):
        ws.decisions.record(base)
    ws.ideas.shortlist(a)
    ws.ideas.shortlist(b)
    with pytest.raises(InvalidInput, match="at least one decider"):
        ws.decisions.record(DecisionDraft(**{**_fields(base), "deciders": ["  "]}))
    with pytest.raises(InvalidInput, match="among the options"):
        ws.decisions.record(DecisionDraft(**{**_fields(base), "chosen": [c]}))
    partial = _all_clear(a)
    del partial[a]["privacy"]
    with pytest.raises(InvalidInput, match="'Privacy' is not answered"):
        ws.decisions.record(DecisionDraft(**{**_fields(base), "risks": partial}))
    no_note = _all_clear(a)
    no_note[a]["safety"] = {"answer": "mitigated", "note": ""}
    with pytest.raises(InvalidInput, match="how the concern is handled"):
        ws.decisions.record(DecisionDraft(**{**_fields(base), "risks": no_note}))

    noted = _all_clear(a)
    noted[a]["privacy"] = {"answer": "mitigated", "note": "No names leave the school."}
    d = ws.decisions.record(DecisionDraft(**{**_fields(base), "risks": noted}))
    assert d.status is DecisionStatus.ACCEPTED and d.chosen == (a,) and d.options == (a, b)
    assert d.values == "Fairness"  # the session's values statement by default
    assert d.risks[str(a)]["privacy"] == {
        "answer": "mitigated",
        "note": "No names leave the school.",
    }
    assert d.drivers == (
        "Impact (weight 2, higher is better)",
        "Effort (weight 1, lower is better)",
    )
    detail = {x["idea_id"]: x for x in d.option_details}
    assert detail[a]["score"] == 100.0 and detail[a]["votes"] == 2
    assert detail[b]["score"] is None and detail[a]["origin"] == "human"

    later = ws.decisions.record(
        DecisionDraft(
            **{
                **_fields(base),
                "title": "Pilot both",
                "chosen": [a, b],
                "risks": _all_clear(a, b),
                "supersedes_id": d.id,
            }
        )
    )
    assert [x.id for x in ws.decisions.list(sid)] == [d.id, later.id]
    assert later.supersedes_id == d.id
    assert ws.ideas.get(a).status is IdeaStatus.SHORTLISTED


def _fields(draft: DecisionDraft) -> dict[str, Any]:
    return {name: getattr(draft, name) for name in DecisionDraft.__dataclass_fields__}
