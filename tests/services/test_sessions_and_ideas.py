"""Session and idea use cases, with their audit trail, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from ideaforge.core.commands import SetIdeaStatus
from ideaforge.core.errors import InvalidInput, InvalidTransition, NotFound
from ideaforge.core.model import IdeaStatus, Language, Origin, Phase, Provenance, Role
from ideaforge.services.workspace import Change, Workspace


def test_new_session_makes_the_creator_facilitator(workspace: Workspace) -> None:
    s = workspace.sessions.new("How might we make bike commuting safer?", intent="fewer crashes")
    ov = workspace.sessions.overview(s.id)
    assert [(p.name, p.role) for p in ov.participants] == [("ada", Role.FACILITATOR)]
    assert s.title == "How might we make bike commuting safer?"
    assert s.language is Language.EN and s.phase is Phase.DIVERGE
    assert [e.action for e in workspace.history(s.id)] == ["create", "join"]


def test_chinese_session_and_ideas(workspace: Workspace) -> None:
    s = workspace.sessions.new("我們如何讓學校午餐少浪費？")
    assert s.language is Language.ZH_TW
    idea = workspace.ideas.add(s.id, "讓學生預訂午餐份量")
    assert idea.language is Language.ZH_TW


def test_session_language_is_chosen_or_detected_and_can_change(workspace: Workspace) -> None:
    ws = workspace
    s = ws.sessions.new("How might we cut food waste?", language="mixed")
    assert s.language is Language.MIXED
    # editing the challenge into Chinese detects the language again ...
    s = ws.sessions.update(s.id, challenge="我們如何減少學校午餐的食物浪費？")
    assert s.language is Language.ZH_TW
    # ... unless a language is given; other edits leave it alone
    s = ws.sessions.update(s.id, challenge="How might we cut food waste?", language="zh-TW")
    assert s.language is Language.ZH_TW
    assert ws.sessions.update(s.id, title="Food waste").language is Language.ZH_TW
    with pytest.raises(InvalidInput, match="not a session language"):
        ws.sessions.update(s.id, language="fr")
    with pytest.raises(InvalidInput, match="not a session language"):
        ws.sessions.new("How might we?", language="zh-CN")
    edits = [e for e in ws.history(s.id) if e.action == "update"]
    assert [e.after["language"] for e in edits if e.after] == ["zh-TW", "zh-TW", "zh-TW"]


def test_search_finds_chinese_in_either_script_and_full_width_letters(
    workspace: Workspace,
) -> None:
    ws = workspace
    s = ws.sessions.new("我們如何讓學校午餐少浪費？")
    a = ws.ideas.add(s.id, "讓學生預訂午餐份量，減少剩菜").id
    b = ws.ideas.add(s.id, "用 APP 公布每天的剩食量").id
    ws.ideas.add(s.id, "在餐廳放堆肥桶")
    assert [i.id for i in ws.ideas.list(s.id, search="剩菜")] == [a]
    assert [i.id for i in ws.ideas.list(s.id, search="学生预订")] == [a]  # typed Simplified
    assert [i.id for i in ws.ideas.list(s.id, search="ａｐｐ")] == [b]  # full-width letters
    assert {i.id for i in ws.ideas.list(s.id, search="剩")} == {a, b}
    assert ws.ideas.list(s.id, search="100%") == []  # % is a character, not a wildcard


def test_bad_session_input(workspace: Workspace) -> None:
    with pytest.raises(InvalidInput, match="challenge is empty"):
        workspace.sessions.new("   \n\t ")
    with pytest.raises(InvalidInput, match="limit is 2,000"):
        workspace.sessions.new("How might we " + "really " * 3000)
    assert workspace.sessions.list() == []


def test_idea_lifecycle_with_audit(workspace: Workspace) -> None:
    changes: list[Change] = []
    workspace.subscribe(changes.append)
    s = workspace.sessions.new("How might we reduce food waste?")
    a, b = workspace.ideas.add_many(s.id, ["Smaller plates", "Share leftovers app"])
    undo = workspace.ideas.prune(a.id, "  tried it last year  ")
    got = workspace.ideas.get(a.id)
    assert (got.status, got.prune_reason) == (IdeaStatus.PRUNED, "tried it last year")
    assert [i.id for i in workspace.ideas.list(s.id, statuses=[IdeaStatus.ACTIVE])] == [b.id]
    # The returned command undoes the prune; its inverse redoes it.
    redo = workspace.ideas.apply(undo)
    assert workspace.ideas.get(a.id).status is IdeaStatus.ACTIVE
    workspace.ideas.apply(redo)
    assert workspace.ideas.get(a.id).prune_reason == "tried it last year"
    workspace.ideas.restore(a.id)
    workspace.ideas.shortlist(a.id)
    assert workspace.ideas.get(a.id).status is IdeaStatus.SHORTLISTED
    actions = [(e.action, e.entity_id) for e in workspace.history(s.id) if e.entity == "idea"]
    assert actions == [
        ("add", a.id),
        ("add", b.id),
        ("prune", a.id),
        ("restore", a.id),
        ("prune", a.id),
        ("restore", a.id),
        ("shortlist", a.id),
    ]
    prune_event = next(e for e in workspace.history(s.id) if e.action == "prune")
    assert prune_event.before == {"status": "active", "prune_reason": "", "merged_into_id": None}
    assert (
        prune_event.after is not None and prune_event.after["prune_reason"] == "tried it last year"
    )
    assert prune_event.actor == "ada"
    assert any(c.ideas and a.id in c.idea_ids for c in changes)


def test_prune_needs_a_reason_and_valid_moves(workspace: Workspace) -> None:
    s = workspace.sessions.new("How might we?")
    idea = workspace.ideas.add(s.id, "An idea")
    with pytest.raises(InvalidInput, match="reason for pruning is empty"):
        workspace.ideas.prune(idea.id, "  ")
    workspace.ideas.prune(idea.id, "off topic")
    with pytest.raises(InvalidTransition, match="Restore it first"):
        workspace.ideas.shortlist(idea.id)
    with pytest.raises(NotFound):
        workspace.ideas.prune(10_000, "nope")


def test_add_many_is_all_or_nothing(workspace: Workspace) -> None:
    s = workspace.sessions.new("How might we?")
    with pytest.raises(InvalidInput, match="idea is empty"):
        workspace.ideas.add_many(s.id, ["fine", "  "])
    with pytest.raises(NotFound):
        workspace.ideas.add_many(s.id + 1000, ["orphan"])
    assert workspace.ideas.list(s.id) == []


def test_model_ideas_need_provenance(workspace: Workspace) -> None:
    s = workspace.sessions.new("How might we?")
    with pytest.raises(InvalidInput, match="record which model"):
        workspace.ideas.add_many(s.id, ["x"], origin=Origin.MODEL)
    prov = Provenance("smollm2-135m", "reversal", {"temperature": 0.9}, 7, "r1")
    [idea] = workspace.ideas.add_generated(s.id, ["Ride in groups"], [prov])
    assert idea.provenance == prov and idea.author_id is None
    assert idea.source_label == "smollm2-135m · reversal"


def test_phases_update_and_delete(workspace: Workspace) -> None:
    s = workspace.sessions.new("How might we?")
    with pytest.raises(InvalidTransition):
        workspace.sessions.set_phase(s.id, "decide")
    with pytest.raises(InvalidInput, match="not a phase"):
        workspace.sessions.set_phase(s.id, "party")
    assert workspace.sessions.set_phase(s.id, "converge").phase is Phase.CONVERGE
    s2 = workspace.sessions.update(s.id, title="Renamed", values="fairness first")
    assert (s2.title, s2.values, s2.challenge) == ("Renamed", "fairness first", "How might we?")
    workspace.ideas.add(s.id, "x")
    workspace.sessions.delete(s.id)
    with pytest.raises(NotFound):
        workspace.sessions.get(s.id)
    last = workspace.history(s.id)[-1]
    assert last.action == "delete" and last.before is not None and last.before["ideas"] == 1


def test_another_person_joins_when_adding(workspace: Workspace) -> None:
    s = workspace.sessions.new("How might we?")
    bob = Workspace(workspace.store, "bob")
    idea = bob.ideas.add(s.id, "Bob's idea")
    people = {p.name: p for p in workspace.sessions.overview(s.id).participants}
    assert people["bob"].role is Role.PARTICIPANT and idea.author_id == people["bob"].id


def test_duplicate_copies_ideas_statuses_themes_and_criteria(workspace: Workspace) -> None:
    ws = workspace
    s = ws.sessions.new("How might we reuse rainwater?", intent="Cheap", values="Care")
    a = ws.ideas.add(s.id, "Barrels under every gutter")
    b = ws.ideas.add(s.id, "Rain barrels under gutters")
    c = ws.ideas.add(s.id, "Green roofs on bus stops")
    storage = ws.analysis.new_theme(s.id, "Storage")
    ws.analysis.move(a.id, storage.id)
    ws.ideas.apply(SetIdeaStatus(b.id, IdeaStatus.MERGED, merged_into_id=a.id))
    ws.ideas.prune(c.id, "Too costly")
    ws.scoring.ensure_defaults(s.id)
    copy = ws.sessions.duplicate(s.id)
    assert copy.id != s.id and copy.title.endswith("(copy)")
    assert (copy.challenge, copy.intent, copy.values) == (s.challenge, "Cheap", "Care")
    ideas = {i.text: i for i in ws.ideas.list(copy.id)}
    assert set(ideas) == {a.text, b.text, c.text}
    assert ideas[b.text].merged_into_id == ideas[a.text].id  # points inside the copy
    assert ideas[c.text].prune_reason == "Too costly"
    views, _ = ws.analysis.themes(copy.id)
    assert [v.theme.label for v in views] == ["Storage"]
    assert ideas[a.text].theme_id == views[0].theme.id != storage.id
    assert ideas[a.text].theme_pinned
    assert [x.name for x in ws.scoring.criteria(copy.id)] == ["Impact", "Effort"]
    # The original is untouched.
    assert {i.id for i in ws.ideas.list(s.id)} == {a.id, b.id, c.id}
