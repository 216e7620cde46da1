"""The decision log is append-only and hash-chained: tampering with the database directly
(altering, inserting, removing a record, or forging a hash) is caught by `verify`, which names
the first bad record. Real SQLite file and real PostgreSQL server."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import text

from ideaforge.core.chain import GENESIS, record_hash
from ideaforge.services.decisions import CONCERNS, DecisionDraft
from ideaforge.services.workspace import Workspace
from ideaforge.store import open_store
from ideaforge.store.repositories import decision_payload


def _log(ws: Workspace, n: int = 3) -> tuple[int, list[int]]:
    s = ws.sessions.new("How might we cut canteen queues?")
    a, b = (ws.ideas.add(s.id, t).id for t in ("Pre-order by app", "Stagger breaks"))
    ws.ideas.shortlist(a)
    ws.ideas.shortlist(b)
    clear = {i: {k: {"answer": "none", "note": ""} for k in CONCERNS} for i in (a, b)}
    ids: list[int] = []
    for k in range(n):
        d = ws.decisions.record(
            DecisionDraft(s.id, f"Decision {k + 1} «決定»", options=[a, b], chosen=[a],
                          deciders=["Ada"], rationale=f"Reason {k + 1}", risks=clear,
                          supersedes_id=ids[-1] if ids else None)
        )  # fmt: skip
        ids.append(d.id)
    return s.id, ids


def _sql(ws: Workspace, statement: str, **params: Any) -> None:
    with ws.store.engine.begin() as conn:
        conn.execute(text(statement), params)


def test_intact_log_verifies_and_records_are_numbered_and_chained(workspace: Workspace) -> None:
    sid, ids = _log(workspace)
    records = workspace.decisions.list(sid)
    assert [d.seq for d in records] == [1, 2, 3]
    assert records[0].prev_hash == GENESIS
    assert [d.prev_hash for d in records[1:]] == [d.record_hash for d in records[:-1]]
    check = workspace.decisions.verify(sid)
    assert check.ok and check.records == 3 and check.head == records[-1].record_hash
    assert "intact" in check.message


def test_altered_title_is_caught(workspace: Workspace) -> None:
    sid, ids = _log(workspace)
    _sql(workspace, "UPDATE decisions SET title = 'Nobody decided this' WHERE id = :i", i=ids[1])
    check = workspace.decisions.verify(sid)
    assert not check.ok and check.first_bad_id == ids[1]
    assert f"Record #{ids[1]}" in check.message and "altered" in check.message


def test_altered_rationale_inside_the_json_is_caught(workspace: Workspace) -> None:
    sid, ids = _log(workspace)
    with workspace.store.engine.connect() as conn:
        raw = conn.execute(text("SELECT record FROM decisions WHERE id = :i"), {"i": ids[0]})
        record = raw.scalar_one()
    record = json.loads(record) if isinstance(record, str) else record
    record["rationale"] = "A better story"
    _sql(workspace, "UPDATE decisions SET record = :r WHERE id = :i",
         r=json.dumps(record), i=ids[0])  # fmt: skip
    check = workspace.decisions.verify(sid)
    assert not check.ok and check.first_bad_id == ids[0]


def test_removed_middle_record_is_caught(workspace: Workspace) -> None:
    sid, ids = _log(workspace)
    _sql(workspace, "UPDATE decisions SET supersedes_id = NULL WHERE id = :i", i=ids[2])
    _sql(workspace, "DELETE FROM decisions WHERE id = :i", i=ids[1])
    check = workspace.decisions.verify(sid)
    assert not check.ok and check.first_bad_id == ids[2]
    # Either the gap in numbering or the broken link names the record after the hole.
    assert f"#{ids[2]}" in check.message


def test_removed_last_record_is_caught_by_the_audit_count(workspace: Workspace) -> None:
    sid, ids = _log(workspace)
    _sql(workspace, "DELETE FROM decisions WHERE id = :i", i=ids[2])
    check = workspace.decisions.verify(sid)
    assert not check.ok and "3 decisions recorded" in check.message and "holds 2" in check.message


def test_forged_record_with_a_correct_own_hash_breaks_the_next_link(workspace: Workspace) -> None:
    """Someone who knows the algorithm rewrites record 2 and recomputes its hash: record 3 still
    points at the old hash, so the forgery is found there."""
    sid, ids = _log(workspace)
    [link] = [x for x in workspace.store.read(lambda uow: uow.decisions.chain(sid))
              if x.id == ids[1]]  # fmt: skip
    payload = dict(link.payload, title="Forged")
    forged = record_hash(payload, link.prev_hash)
    _sql(workspace, "UPDATE decisions SET title = 'Forged', record_hash = :h WHERE id = :i",
         h=forged, i=ids[1])  # fmt: skip
    check = workspace.decisions.verify(sid)
    assert not check.ok and check.first_bad_id == ids[2]
    assert "does not follow" in check.message


def test_inserted_record_is_caught(workspace: Workspace) -> None:
    sid, ids = _log(workspace, 2)
    # A row slipped in as number 2, with the old number 2 moved to 3.
    _sql(workspace, "UPDATE decisions SET seq = 3 WHERE id = :i", i=ids[1])
    _sql(
        workspace,
        "INSERT INTO decisions (session_id, title, status, decided_on, record, created_at, seq,"
        " prev_hash, record_hash) VALUES (:s, 'Slipped in', 'accepted', '2026-01-01', '{}',"
        " '2026-01-01 00:00:00', 2, :p, :h)",
        s=sid, p="a" * 64, h="b" * 64,
    )  # fmt: skip
    check = workspace.decisions.verify(sid)
    assert not check.ok and check.first_bad_id not in (None, ids[0])


def test_existing_records_are_chained_by_the_migration(db_url: str) -> None:
    """Decisions recorded before the chain existed get numbers and hashes on upgrade, computed
    exactly as new records are: the upgraded log verifies."""
    old = open_store(db_url, migrate_to="0004")
    with old.engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO sessions (id, title, challenge, intent, values_text, phase, language,"
            " created_at, updated_at) VALUES (1, 'Old', 'How might we?', '', '', 'decide', 'en',"
            " '2025-01-01 10:00:00', '2025-01-01 10:00:00')"))  # fmt: skip
        for n in (1, 2):
            conn.execute(text(
                "INSERT INTO decisions (id, session_id, title, status, decided_on, record,"
                " created_at) VALUES (:i, 1, :t, 'accepted', '2025-01-02', :r,"
                " '2025-01-02 10:00:00')"),
                {"i": n, "t": f"Old decision {n}", "r": json.dumps({"rationale": "because"})})  # fmt: skip
            conn.execute(text(
                "INSERT INTO audit_events (session_id, actor, action, entity, entity_id, at)"
                " VALUES (1, 'ada', 'decide', 'decision', :i, '2025-01-02 10:00:00')"), {"i": n})  # fmt: skip
    old.close()
    store = open_store(db_url)
    ws = Workspace(store, "ada")
    try:
        check = ws.decisions.verify(1)
        assert check.ok and check.records == 2, check.message
        links = store.read(lambda uow: uow.decisions.chain(1))
        assert [x.seq for x in links] == [1, 2] and links[0].prev_hash == GENESIS
        assert links[0].payload == decision_payload(
            1, 1, "Old decision 1", "accepted", "2025-01-02", {"rationale": "because"}, None,
            datetime(2025, 1, 2, 10, 0),
        )  # fmt: skip
    finally:
        ws.close()


def test_empty_log_is_intact(workspace: Workspace) -> None:
    s = workspace.sessions.new("How might we?")
    check = workspace.decisions.verify(s.id)
    assert check.ok and check.records == 0 and check.head == ""
