"""Workshop under load: many participants' clients acting at once on one session.

    .venv/bin/python benchmarks/workshop_load.py [--clients 20] [--actions 200]
        [--backends pg,sqlite] [--pg postgresql+psycopg://postgres@127.0.0.1:5432/test]

Each client is its own process with its own connection (a participant on another machine): it
adds ideas, votes, scores and takes votes back, journalling each action's intent before the
call and its outcome after it. An observer process watches the session as a UI would (LISTEN/
NOTIFY on PostgreSQL, polling on SQLite) and reads the changed ideas. Client 0 is killed
mid-run and restarted under the same name. Then the database is audited against the journals:
nothing may be lost, doubled or over budget. Propagation is per change: the observer's clock
after its read minus the audit event's time, taken in the writer's transaction just before it
commits (one machine, one clock). Prints a Markdown table, one row per backend.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import queue
import random
import resource
import signal
import statistics
import tempfile
import time
import uuid
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from multiprocessing.synchronize import Event, Semaphore
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from ideaforge.core.errors import InvalidInput, StoreError
from ideaforge.services.workspace import Change, Workspace
from ideaforge.store import open_store

SPAWN = multiprocessing.get_context("spawn")  # a fresh interpreter, like another machine
BUDGET, PER_IDEA, SEEDS, REFRESH, POLL = 10, 3, 20, 10, 0.1
KINDS, WEIGHTS = ("add", "vote", "score", "unvote"), (25, 35, 25, 15)
Act = dict[str, Any]


@dataclass(frozen=True)
class Job:
    """What every client of one run shares."""

    url: str
    sid: int
    criteria: list[int]
    actions: int
    folder: Path
    ready: Semaphore
    go: Event


def read_journal(path: Path) -> list[Act]:
    """The journal's whole lines; a line cut short by the kill is left out."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines() if path.exists() else []:
        with contextlib.suppress(ValueError):
            out.append(json.loads(line))
    return out


def choose(job: Job, index: int, k: int, known: list[int], mine: dict[int, int]) -> Act:
    """Action k of client p<index>, drawn from a generator seeded by both."""
    rng = random.Random(index * 100_003 + k)
    kind = rng.choices(KINDS, WEIGHTS)[0]
    voted = sorted(i for i, d in mine.items() if d > 0)
    kind = "vote" if kind == "unvote" and not voted else kind
    if kind == "add":
        return {
            "i": k,
            "kind": kind,
            "text": f"p{index:02d}-{k}: a shared bike shed by the station",
        }
    if kind == "unvote":
        return {"i": k, "kind": kind, "idea": rng.choice(voted), "value": 0}
    act: Act = {"i": k, "kind": kind, "idea": rng.choice(known)}
    if kind == "vote":
        return act | {"value": mine.get(act["idea"], 0) + 1}  # +1 dot, as an absolute count
    return act | {"crit": rng.choice(job.criteria), "value": rng.randint(1, 5)}


def perform(ws: Workspace, sid: int, act: Act, recheck: bool) -> Act:
    """Run one action; a store error (a lock, a lost connection) is retried. An idea that may
    have been committed already (before a kill, or a failed commit) is looked for first."""
    for tries in range(1, 21):
        try:
            if act["kind"] == "add":
                if recheck or tries > 1:
                    found = [
                        i for i in ws.ideas.list(sid, search=act["text"]) if i.text == act["text"]
                    ]
                    if found:
                        return act | {"idea": found[0].id, "result": "existed", "tries": tries}
                idea = ws.ideas.add(sid, act["text"])
                return act | {"idea": idea.id, "result": "ok", "tries": tries}
            if act["kind"] == "score":
                ws.scoring.score(act["idea"], act["crit"], act["value"])
            else:
                ws.scoring.vote(act["idea"], act["value"])
            return act | {"result": "ok", "tries": tries}
        except InvalidInput:  # over budget or over the per-idea limit: refused, not an error
            return act | {"result": "refused", "tries": tries}
        except StoreError:
            time.sleep(0.05 * tries)
    raise RuntimeError(f"gave up on {act}")


def client(job: Job, index: int) -> None:
    """Participant p<index>: resumes after its last acknowledged action; an action journalled
    but not acknowledged is redone first, as it was (votes and scores are idempotent sets)."""
    actor = f"p{index:02d}"
    ws = Workspace(open_store(job.url), actor)
    ws.workshop.join(job.sid)
    path = job.folder / f"{actor}.jsonl"
    lines = read_journal(path)
    acks = [a for a in lines if "result" in a]
    mine = {
        a["idea"]: a["value"]
        for a in acks
        if a["kind"] in ("vote", "unvote") and a["result"] == "ok"
    }
    pending = lines[-1] if lines and "i" in lines[-1] and "result" not in lines[-1] else None
    start = acks[-1]["i"] + 1 if acks else 0
    known: list[int] = []
    job.ready.release()
    job.go.wait()
    with path.open("a", encoding="utf-8") as fh:
        if path.stat().st_size and not path.read_bytes().endswith(b"\n"):
            fh.write("\n")  # the kill cut a line short: go on on a fresh one
        for k in range(start, job.actions):
            if (k - start) % REFRESH == 0:
                known = [i.id for i in ws.ideas.list(job.sid)]
            act = pending or choose(job, index, k, known, mine)
            if pending is None:
                fh.write(json.dumps(act) + "\n")
                fh.flush()
            done = perform(ws, job.sid, act, recheck=pending is not None)
            done |= {"redone": True} if pending else {}
            pending = None
            if done["kind"] in ("vote", "unvote") and done["result"] == "ok":
                mine[done["idea"]] = done["value"]
            fh.write(json.dumps(done) + "\n")
            fh.flush()
        fh.write(json.dumps({"rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
    ws.close()


def observer(url: str, sid: int, ready: Event, stop: Event, out: str) -> None:
    """Watches the session like a UI: drains the pending notices, reads the changed ideas once,
    then notes (audit id, actor, sent_at, now) for each notice of that batch."""
    ws = Workspace(open_store(url), "observer")
    inbox: queue.Queue[Change] = queue.Queue()
    ws.subscribe(lambda c: inbox.put(c) if c.meta.get("remote") and c.session_id == sid else None)
    ws.watch(poll_interval=POLL)
    if ws._watcher.ready.wait(30):
        ready.set()
    seen: list[tuple[int, str, float | None, float]] = []
    while not stop.is_set() or not inbox.empty():
        with contextlib.suppress(queue.Empty):
            batch = [inbox.get(timeout=0.2)]
            while not inbox.empty():
                batch.append(inbox.get_nowait())
            if ids := sorted({i for c in batch for i in c.idea_ids}):
                ws.ideas.list(sid, ids=ids)
            now = time.time()
            seen += [(c.meta["audit_id"], c.meta["actor"], c.meta["sent_at"], now) for c in batch]
    ws.close()
    Path(out).write_text(json.dumps(seen), encoding="utf-8")


def propagation(ws: Workspace, sid: int, seen: list[Any], polled: bool) -> tuple[list[float], int]:
    """Seconds from each client's change (its audit event) to the observer having read it, and
    how many were never seen. A PostgreSQL notice names its transaction's event; a polled one
    covers every event up to its audit id (SQLite writers commit in id order)."""
    events = [
        (e.id, e.actor, e.at.timestamp())  # the store hands back aware UTC times
        for e in ws.history(sid)
        if e.actor[0] == "p" and e.entity == "idea"  # clients are p00, p01, ...
    ]
    notes = sorted((a, t) for a, _who, _sent, t in seen)
    keys, first = [a for a, _t in notes], [t for _a, t in notes]
    for j in range(len(first) - 2, -1, -1):
        first[j] = min(first[j], first[j + 1])  # the earliest notice that covers an id
    exact = {(a, who): t for a, who, _sent, t in seen}
    lat: list[float] = []
    for audit_id, who, at in events:
        j = bisect_left(keys, audit_id)
        t = (first[j] if j < len(keys) else None) if polled else exact.get((audit_id, who))
        lat += [] if t is None else [t - at]
    return lat, len(events) - len(lat)


def audit(ws: Workspace, sid: int, journals: list[Path]) -> dict[str, Any]:
    """The database against the journals: each person's last acknowledged votes and scores,
    every acknowledged idea exactly once; nobody over the budget or the per-idea limit."""
    want: dict[tuple[Any, ...], float] = {}
    r: dict[str, Any] = {"actions": 0, "refused": Counter(), "retries": 0, "rss_kb": 0}
    for path in journals:
        for a in read_journal(path):
            r["rss_kb"] = max(r["rss_kb"], a.get("rss_kb", 0))
            if "result" not in a:
                continue
            r["actions"] += 1
            r["retries"] += a["tries"] - 1
            if a["result"] == "refused":
                r["refused"][a["kind"]] += 1
            elif a["kind"] == "add":
                want[("idea", a["text"])] = 1
            elif a["kind"] == "score":
                want[("score", path.stem, a["idea"], a["crit"])] = a["value"]
            else:  # a vote sets the dots; none leaves no row
                want[("vote", path.stem, a["idea"])] = a["value"]
    people = ws.store.read(lambda uow: uow.participants.list(sid))  # the clients are done
    votes, scores = ws.store.read(lambda uow: (uow.votes.list(sid), uow.scores.list(sid)))
    ideas = ws.store.read(lambda uow: uow.ideas.list(sid, with_private=True))
    name = {p.id: p.name for p in people}
    have: dict[tuple[Any, ...], float] = {
        ("idea", i.text): 1 for i in ideas if i.text[:4] != "Seed"
    }
    have |= {("vote", name[v.participant_id], v.idea_id): v.dots for v in votes}
    have |= {("score", name[s.participant_id], s.idea_id, s.criterion_id): s.value for s in scores}
    want = {k: v for k, v in want.items() if v}
    r["lost"] = sum(have.get(k) != v for k, v in want.items())  # missing or different
    r["unexpected"] = sum(k not in want for k in have)
    doubles: list[Counter[Any]] = [
        Counter(i.text for i in ideas),
        Counter(name.values()),
        Counter((v.participant_id, v.idea_id) for v in votes),
        Counter((s.participant_id, s.idea_id, s.criterion_id) for s in scores),
    ]
    r["duplicated"] = sum(c - 1 for counts in doubles for c in counts.values() if c > 1)
    spent = Counter[int]()
    for v in votes:
        spent[v.participant_id] += v.dots
    over = [d > BUDGET for d in spent.values()] + [v.dots > PER_IDEA for v in votes]
    return r | {"over_budget": sum(over), "people": doubles[1]}


def run_backend(url: str, clients: int, actions: int, folder: Path) -> dict[str, Any]:
    """Set up a workshop, run the observer and the clients (killing and restarting client 0
    once it has done 40% of its actions, at most 80), then audit; returns the row's figures."""
    ws = Workspace(open_store(url), "facilitator")
    sid = ws.sessions.new("How might we make the station square a place to stay?").id
    criteria = [c.id for c in ws.scoring.ensure_defaults(sid)]
    ws.workshop.start(sid, budget=BUDGET, per_idea=PER_IDEA, anonymous=True)
    ws.workshop.set_activity(sid, "vote")  # ideas added from now on are seen by all at once
    ws.ideas.add_many(sid, [f"Seed idea {n}: benches under the trees" for n in range(SEEDS)])
    watching, stop = SPAWN.Event(), SPAWN.Event()
    out = str(folder / "seen.json")
    obs = SPAWN.Process(target=observer, args=(url, sid, watching, stop, out))
    obs.start()
    if not watching.wait(120):
        raise RuntimeError("the observer never started listening")
    job = Job(url, sid, criteria, actions, folder, SPAWN.Semaphore(0), SPAWN.Event())
    procs = [SPAWN.Process(target=client, args=(job, i)) for i in range(clients)]
    for p in procs:
        p.start()
    for _ in procs:
        if not job.ready.acquire(timeout=300):
            raise RuntimeError("a client never connected")
    t0 = time.time()
    job.go.set()  # all begin together
    journal, killed = folder / "p00.jsonl", "not killed (finished first)"
    while procs[0].is_alive():
        if sum("result" in a for a in read_journal(journal)) >= min(80, actions * 2 // 5):
            os.kill(procs[0].pid or 0, signal.SIGKILL)  # mid-run, maybe mid-transaction
            procs[0].join(30)
            killed = f"killed after {sum('result' in a for a in read_journal(journal))} acks"
            procs[0] = SPAWN.Process(target=client, args=(job, 0))
            procs[0].start()
            break
        time.sleep(0.02)
    for p in procs:
        p.join()
        if p.exitcode != 0:
            raise RuntimeError(f"a client failed (exit code {p.exitcode})")
    wall = time.time() - t0
    time.sleep(1.0)  # the last notices and polls
    stop.set()
    obs.join(120)
    seen = json.loads(Path(out).read_text(encoding="utf-8"))
    lat, unseen = propagation(ws, sid, seen, polled=url.startswith("sqlite"))
    r = audit(ws, sid, sorted(folder.glob("p*.jsonl")))
    ws.close()
    redone = sum(bool(a.get("redone")) for a in read_journal(journal))
    n = r["people"]["p00"]
    r["kill"] = f"{killed}, {redone} in flight redone; {n} participant row{'s' * (n != 1)}"
    per_notice = [t - sent for _a, _who, sent, t in seen if sent is not None]
    return r | {"wall": wall, "lat": lat, "unseen": unseen, "per_notice": per_notice}


def on_postgres(pg: str, clients: int, actions: int, folder: Path) -> dict[str, Any]:
    """The run in a fresh schema of the server's database, dropped afterwards."""
    schema = f"bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(pg, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            c.exec_driver_sql(f"CREATE SCHEMA {schema}")
        url = make_url(pg).update_query_dict({"options": f"-csearch_path={schema}"})
        return run_backend(url.render_as_string(hide_password=False), clients, actions, folder)
    finally:
        with admin.connect() as c:
            c.exec_driver_sql(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        admin.dispose()


def pct(xs: list[float], q: int) -> float:
    """The q-th percentile (100: the maximum), in milliseconds."""
    if len(xs) < 2:
        return float("nan")
    return 1000 * (max(xs) if q == 100 else statistics.quantiles(xs, n=100)[q - 1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--actions", type=int, default=200)
    ap.add_argument("--backends", default="pg,sqlite")
    ap.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    args = ap.parse_args()
    rows, sizes = [], (args.clients, args.actions)
    for backend in args.backends.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            if backend == "sqlite":
                url = f"sqlite:///{Path(tmp) / 'workshop.db'}"
                name, r = "SQLite (file, polling)", run_backend(url, *sizes, Path(tmp))
            else:
                name, r = "PostgreSQL (local, NOTIFY)", on_postgres(args.pg, *sizes, Path(tmp))
            rows.append((name, r))
    print(
        f"\nWorkshop load: {args.clients} clients x {args.actions} actions at once (budget "
        f"{BUDGET} dots, {PER_IDEA} per idea), {os.cpu_count()} CPUs, "
        f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z}\n"
    )
    print(
        "| backend | actions | actions/s | refused votes | retries | propagation p50 / p95 / "
        "max (ms) | unseen | lost | duplicated | unexpected | over budget | kill & restart "
        "| client peak RSS (MiB) | client phase (s) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|")
    for name, r in rows:
        other = sum(r["refused"].values()) - r["refused"]["vote"]
        lat = " / ".join(f"{pct(r['lat'], q):.0f}" for q in (50, 95, 100))
        print(
            f"| {name} | {r['actions']:,} | {r['actions'] / r['wall']:.0f} | "
            f"{r['refused']['vote']}{f' (+{other} other)' if other else ''} | {r['retries']} | "
            f"{lat} | {r['unseen']} | {r['lost']} | {r['duplicated']} | {r['unexpected']} | "
            f"{r['over_budget']} | {r['kill']} | {r['rss_kb'] / 1024:.0f} | {r['wall']:.1f} |"
        )
    print("\nTarget: nothing lost or duplicated, p95 propagation under 1 s.")
    for name, r in rows:
        bad = r["lost"] + r["duplicated"] + r["unexpected"] + r["over_budget"] + r["unseen"]
        verdict = "met" if not bad and pct(r["lat"], 95) < 1000 else "NOT met"
        print(
            f"- {name}: {verdict}. (p95 per notice, from its sent_at alone: "
            f"{pct(r['per_notice'], 95):.0f} ms over {len(r['per_notice'])} notices.)"
        )


if __name__ == "__main__":
    main()
