"""Change notices between clients that share a database.

Every write records audit events. On PostgreSQL the transaction that records them also sends
one NOTIFY per session (delivered when it commits, never for a rolled-back one); a listener
thread in each other client wakes on it at once. SQLite cannot notify, so there a poller reads
new audit events a few times a second. Either way a client skips its own changes: it reports
them itself, as they happen.
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, select, text
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session as OrmSession

from ideaforge.core.model import AuditEvent
from ideaforge.store.schema import AuditRow

CHANNEL = "ideaforge_changes"
MAX_EVENTS_IN_NOTICE = 40  # NOTIFY payloads stop at 8,000 bytes
log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Notice:
    """Another client changed a session: what (action, entity, entity id), who, and when
    (the writer's clock as it recorded the oldest change in the notice, seconds since the
    epoch)."""

    session_id: int | None
    audit_id: int
    actor: str
    events: tuple[tuple[str, str, int | None], ...]
    truncated: bool = False
    sent_at: float | None = None


Callback = Callable[[Notice], None]


def new_client_id() -> str:
    return uuid.uuid4().hex[:16]


def send_notices(orm: OrmSession, client_id: str, events: Sequence[AuditEvent]) -> None:
    """NOTIFY the other clients of this transaction's events, one notice per session."""
    by_session: dict[int | None, list[AuditEvent]] = {}
    for e in events:
        by_session.setdefault(e.session_id, []).append(e)
    for session_id, evs in by_session.items():
        payload = {
            "c": client_id,
            "s": session_id,
            "a": max(e.id for e in evs),
            "by": evs[-1].actor[:100],
            "e": [[e.action, e.entity, e.entity_id] for e in evs[:MAX_EVENTS_IN_NOTICE]],
            "more": len(evs) > MAX_EVENTS_IN_NOTICE,
            "t": time.time(),
        }
        orm.execute(text("SELECT pg_notify(:ch, :p)"), {"ch": CHANNEL, "p": json.dumps(payload)})


class OwnEvents:
    """Audit ids this client wrote (the most recent few thousand), so a poller skips them."""

    def __init__(self, keep: int = 5000) -> None:
        self._ids: OrderedDict[int, None] = OrderedDict()
        self._keep = keep
        self._lock = threading.Lock()

    def add(self, ids: Sequence[int]) -> None:
        with self._lock:
            for i in ids:
                self._ids[i] = None
            while len(self._ids) > self._keep:
                self._ids.popitem(last=False)

    def __contains__(self, audit_id: object) -> bool:
        with self._lock:
            return audit_id in self._ids


class Watcher:
    """A background thread that calls ``callback`` with each other client's change."""

    def __init__(self, callback: Callback) -> None:
        self.callback = callback
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=type(self).__name__, daemon=True)
        self.ready = threading.Event()  # set once it listens (or polls) for the first time

    def start(self) -> Watcher:
        self._thread.start()
        return self

    def stop(self, timeout: float = 3.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    def _deliver(self, notice: Notice) -> None:
        try:
            self.callback(notice)
        except Exception:  # a listener's bug must not stop the feed
            log.exception("change listener failed")

    def _run(self) -> None:
        raise NotImplementedError


class AuditPoller(Watcher):
    """Reads audit events newer than the last one seen, every ``interval`` seconds."""

    def __init__(
        self, engine: Engine, own: OwnEvents, callback: Callback, interval: float = 0.25
    ) -> None:
        super().__init__(callback)
        self.engine, self.own, self.interval = engine, own, interval

    def _run(self) -> None:
        last: int | None = None
        while not self._stop.is_set():
            try:
                with self.engine.connect() as conn:
                    if last is None:
                        newest = select(AuditRow.id).order_by(AuditRow.id.desc()).limit(1)
                        last = conn.execute(newest).scalar() or 0
                    else:
                        rows = conn.execute(
                            select(
                                AuditRow.id, AuditRow.session_id, AuditRow.actor,
                                AuditRow.action, AuditRow.entity, AuditRow.entity_id, AuditRow.at,
                            )
                            .where(AuditRow.id > last)
                            .order_by(AuditRow.id)
                            .limit(2000)
                        ).all()  # fmt: skip
                        if rows:
                            last = rows[-1][0]
                            self._notify(rows)
                    self.ready.set()
            except Exception as error:  # locked or gone for a moment: try again next time
                log.info("change poll failed: %s", error)
            self._stop.wait(self.interval)

    def _notify(self, rows: Sequence[Any]) -> None:
        by_session: dict[int | None, list[Any]] = {}
        for r in rows:
            if r[0] not in self.own:
                by_session.setdefault(r[1], []).append(r)
        for session_id, rs in by_session.items():
            self._deliver(
                Notice(
                    session_id,
                    rs[-1][0],
                    rs[-1][2],
                    tuple((r[3], r[4], r[5]) for r in rs[:MAX_EVENTS_IN_NOTICE]),
                    truncated=len(rs) > MAX_EVENTS_IN_NOTICE,
                    sent_at=_epoch(rs[0][6]),  # the oldest: how stale this notice is
                )
            )


def _epoch(at: Any) -> float | None:
    """Seconds since the epoch of a stored time (the column type hands back aware UTC)."""
    return None if at is None else float(at.timestamp())


class PgListener(Watcher):
    """LISTENs on its own autocommit connection; reconnects (and reports a full resync, since
    notices sent meanwhile are lost) when the connection drops."""

    def __init__(self, url: URL, client_id: str, callback: Callback) -> None:
        super().__init__(callback)
        self.conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self.client_id = client_id

    def _run(self) -> None:
        import psycopg

        first = True
        while not self._stop.is_set():
            try:
                with psycopg.connect(self.conninfo, autocommit=True, connect_timeout=5) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self.ready.set()
                    if not first:  # changes made while we were away: everyone reloads
                        self._deliver(Notice(None, 0, "", (("resync", "session", None),)))
                    first = False
                    while not self._stop.is_set():
                        for n in conn.notifies(timeout=0.5):
                            self._handle(n.payload)
            except Exception as error:
                log.info("change listener lost its connection: %s", error)
                self._stop.wait(1.0)

    def _handle(self, payload: str) -> None:
        try:
            p = json.loads(payload)
            if p.get("c") == self.client_id:
                return
            events = tuple((str(a), str(e), i) for a, e, i in p["e"])
            notice = Notice(
                p["s"], int(p["a"]), str(p["by"]), events, bool(p.get("more")), float(p["t"])
            )
        except (ValueError, KeyError, TypeError):
            log.warning("ignored a malformed change notice")
            return
        self._deliver(notice)
