"""Repositories on a real SQLite file and the real PostgreSQL server: core objects in and out."""

from __future__ import annotations

from datetime import date

import pytest

from ideaforge.core.errors import NotFound
from ideaforge.core.model import (
    AuditEvent,
    Criterion,
    Decision,
    DecisionStatus,
    Idea,
    IdeaStatus,
    Language,
    Origin,
    Participant,
    Provenance,
    Role,
    Session,
    Theme,
)
from ideaforge.store import open_store

ODD = "Ünïcödé ✓ 🚲 « quotes » 'single' \"double\" \\ back % under_score 你好，世界！"


def test_round_trip_every_kind_of_record(db_url: str) -> None:
    store = open_store(db_url)
    try:
        with store.unit_of_work() as uow:
            s = uow.sessions.add(
                Session(0, "Bikes", "How might we " + ODD, intent="safe", values="care")
            )
            p = uow.participants.add(Participant(0, s.id, "ada", Role.FACILITATOR))
            t = uow.themes.add(Theme(0, s.id, "Safety", ("helmet", "lights")))
            prov = Provenance(
                "qwen2.5-1.5b", "SCAMPER: adapt", {"temperature": 0.9, "top_p": 0.95}, 42, "run-1"
            )
            i1 = uow.ideas.add(
                Idea(0, s.id, ODD, Origin.MODEL, None, prov, theme_id=t.id, language=Language.MIXED)
            )
            i2 = uow.ideas.add(Idea(0, s.id, "Paint lanes", Origin.HUMAN, p.id))
            c = uow.criteria.add(Criterion(0, s.id, "Effort", 2.0, 1, 5, higher_is_better=False))
            uow.scores.set(i1.id, p.id, c.id, 4)
            uow.scores.set(i1.id, p.id, c.id, 2)  # replaces, not duplicates
            uow.votes.set(i2.id, p.id, 3)
            d = uow.decisions.add(
                Decision(
                    0,
                    s.id,
                    "Pilot lanes",
                    DecisionStatus.ACCEPTED,
                    date(2026, 11, 23),
                    deciders=("ada",),
                    options=(i1.id, i2.id),
                    chosen=(i2.id,),
                    rationale="cheap",
                    risks={"privacy": "no data collected"},
                )
            )
            uow.audit.record(AuditEvent(0, s.id, "ada", "add", "idea", i1.id, None, {"text": ODD}))

        with store.unit_of_work(readonly=True) as uow:
            got = uow.sessions.get(s.id)
            assert got.challenge == "How might we " + ODD
            assert got.created_at.tzinfo is not None
            ideas = uow.ideas.list(s.id)
            assert [i.text for i in ideas] == [ODD, "Paint lanes"]
            assert ideas[0].provenance == prov
            assert ideas[0].theme_id == t.id and ideas[0].language is Language.MIXED
            assert ideas[1].author_id == p.id and ideas[1].provenance is None
            assert uow.themes.list(s.id)[0].keywords == ("helmet", "lights")
            [score] = uow.scores.list(s.id)
            assert score.value == 2
            assert [v.dots for v in uow.votes.list(s.id)] == [3]
            dec = uow.decisions.get(d.id)
            assert dec.chosen == (i2.id,) and dec.risks == {"privacy": "no data collected"}
            assert dec.decided_on == date(2026, 11, 23)
            [event] = uow.audit.list(s.id)
            assert event.after == {"text": ODD}
            # Search is a literal, case-insensitive substring, also for CJK and LIKE wildcards.
            assert [i.id for i in uow.ideas.list(s.id, search="世界")] == [i1.id]
            assert [i.id for i in uow.ideas.list(s.id, search="PAINT")] == [i2.id]
            assert [i.id for i in uow.ideas.list(s.id, search="%")] == [i1.id]
            assert [i.id for i in uow.ideas.list(s.id, search="_")] == [i1.id]
            assert uow.ideas.list(s.id, origins=[Origin.HUMAN])[0].id == i2.id
    finally:
        store.close()


def test_failed_unit_of_work_writes_nothing(db_url: str) -> None:
    store = open_store(db_url)
    try:
        with store.unit_of_work() as uow:
            s = uow.sessions.add(Session(0, "t", "c"))
        with pytest.raises(RuntimeError), store.unit_of_work() as uow:
            uow.ideas.add(Idea(0, s.id, "kept?"))
            raise RuntimeError("boom")
        assert store.read(lambda uow: uow.ideas.list(s.id)) == []
    finally:
        store.close()


def test_delete_cascades_but_audit_remains(db_url: str) -> None:
    store = open_store(db_url)
    try:
        with store.unit_of_work() as uow:
            s = uow.sessions.add(Session(0, "t", "c"))
            uow.ideas.add(Idea(0, s.id, "one"))
            uow.audit.record(AuditEvent(0, s.id, "ada", "create", "session", s.id))
        with store.unit_of_work() as uow:
            uow.sessions.delete(s.id)
        with store.unit_of_work(readonly=True) as uow:
            with pytest.raises(NotFound, match=f"no session with id {s.id}"):
                uow.sessions.get(s.id)
            assert uow.ideas.count(s.id) == 0
            assert len(uow.audit.list(s.id)) == 1
    finally:
        store.close()


def test_status_update_keeps_everything_else(db_url: str) -> None:
    store = open_store(db_url)
    try:
        with store.unit_of_work() as uow:
            s = uow.sessions.add(Session(0, "t", "c"))
            i = uow.ideas.add(Idea(0, s.id, "x", Origin.IMPORTED))
        with store.unit_of_work() as uow:
            old = uow.ideas.get(i.id)
            uow.ideas.update(
                Idea(
                    old.id,
                    old.session_id,
                    old.text,
                    old.origin,
                    status=IdeaStatus.PRUNED,
                    prune_reason="dup",
                    created_at=old.created_at,
                )
            )
        got = store.read(lambda uow: uow.ideas.get(i.id))
        assert (got.status, got.prune_reason, got.origin) == (
            IdeaStatus.PRUNED,
            "dup",
            Origin.IMPORTED,
        )
        assert got.updated_at >= got.created_at
    finally:
        store.close()
