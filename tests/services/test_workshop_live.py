"""Several processes in one workshop, on SQLite and on the PostgreSQL server: no overspent
budget when one person votes from two clients at the same instant, changes reach the other
clients, and a killed client rejoins with nothing lost or doubled."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import threading
import time
from pathlib import Path
from typing import Any

from ideaforge.services.workspace import Change, Workspace
from tests.services import workshop_clients

SPAWN = multiprocessing.get_context("spawn")  # a fresh interpreter, like another machine


def _run(target: Any, *args: Any) -> Any:
    p = SPAWN.Process(target=target, args=args)
    p.start()
    return p


def test_two_clients_of_one_person_cannot_overspend(
    workspace: Any, db_url: str, tmp_path: Path
) -> None:
    ws = workspace
    s = ws.sessions.new("How might we welcome new neighbours?")
    ids = [ws.ideas.add(s.id, f"Welcome idea {n}: a street party").id for n in range(12)]
    ws.workshop.start(s.id, budget=5, per_idea=2)
    Workspace(ws.store, "bo").workshop.join(s.id)
    start = time.time() + 3.0  # both are connected and waiting by then
    outs = [tmp_path / "a.json", tmp_path / "b.json"]
    procs = [
        _run(workshop_clients.vote_spree, db_url, "bo", ids[0::2], start, str(outs[0])),
        _run(workshop_clients.vote_spree, db_url, "bo", ids[1::2], start, str(outs[1])),
    ]
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    reports = [json.loads(o.read_text()) for o in outs]
    votes = [v for v in ws.store.read(lambda uow: uow.votes.list(s.id))]
    assert sum(v.dots for v in votes) == 5  # the whole budget, and not one dot more
    assert sum(r["taken"] for r in reports) == 5
    assert sum(r["refused"] for r in reports) == 7


def test_changes_reach_other_clients(workspace: Any, db_url: str) -> None:
    ws = workspace
    s = ws.sessions.new("How might we make bus stops nicer to wait at?")
    seen: list[Change] = []
    arrived = threading.Event()

    def listener(change: Change) -> None:
        if change.meta.get("remote"):
            seen.append(change)
            if change.idea_ids:
                arrived.set()

    ws.subscribe(listener)
    ws.watch(poll_interval=0.1)
    assert ws._watcher.ready.wait(30)
    mine = ws.ideas.add(s.id, "Own change: not reported back as remote")
    p = _run(workshop_clients.add_one, db_url, "bo", s.id, "Swings at the bus stop")
    p.join(120)
    assert p.exitcode == 0
    assert arrived.wait(30), "the other client's idea never arrived"
    ws.stop_watching()
    remote_ids = {i for c in seen for i in c.idea_ids}
    theirs = [i for i in ws.ideas.list(s.id) if i.text == "Swings at the bus stop"]
    assert remote_ids == {theirs[0].id} and mine.id not in remote_ids
    change = next(c for c in seen if c.idea_ids)
    assert change.session_id == s.id and change.meta["actor"] == "bo" and change.ideas
    # a facilitator's phase change reaches the others as a session-wide change
    seen.clear()
    other = Workspace(ws.store.__class__(ws.store.engine, ws.store.where), "bo")
    got = threading.Event()
    other.subscribe(lambda c: got.set() if c.meta.get("workshop") else None)
    other.watch(poll_interval=0.1)
    assert other._watcher.ready.wait(30)
    ws.workshop.start_timer(s.id, 120)
    assert got.wait(30)
    other.stop_watching()


def test_a_killed_client_rejoins_with_nothing_lost(
    workspace: Any, db_url: str, tmp_path: Path
) -> None:
    ws = workspace
    s = ws.sessions.new("How might we keep the park clean?")
    journal = tmp_path / "journal.txt"
    p = _run(workshop_clients.add_ideas, db_url, "cy", s.id, 60, str(journal))
    deadline = time.time() + 120
    while time.time() < deadline and (
        not journal.exists() or len(journal.read_text().split()) < 10
    ):
        time.sleep(0.05)
    assert p.pid is not None
    os.kill(p.pid, signal.SIGKILL)  # mid-run, possibly mid-transaction
    p.join(30)
    assert p.exitcode == -signal.SIGKILL
    done_before = len(journal.read_text().split())
    assert 10 <= done_before < 60
    p = _run(workshop_clients.add_ideas, db_url, "cy", s.id, 60, str(journal))
    p.join(180)
    assert p.exitcode == 0
    texts = [i.text for i in ws.ideas.list(s.id)]
    assert len(texts) == 60 == len(set(texts))  # every idea once: none lost, none doubled
    journaled = [int(x) for x in journal.read_text().split()]
    assert set(journaled) <= {i.id for i in ws.ideas.list(s.id)}
    people = [p.name for p in ws.sessions.overview(s.id).participants]
    assert people.count("cy") == 1  # the same identity, not a second participant
