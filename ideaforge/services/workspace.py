"""The entry point of the services layer: one open database and the person acting on it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ideaforge.core.i18n import N_
from ideaforge.core.model import AuditEvent
from ideaforge.services.config import Settings, load_settings
from ideaforge.store import Store, open_store
from ideaforge.store.repositories import UnitOfWork


@dataclass(frozen=True, slots=True)
class Change:
    """What an operation changed, so each view can decide whether to redraw (Anki's OpChanges)."""

    session_id: int | None
    sessions: bool = False
    ideas: bool = False
    idea_ids: tuple[int, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)


Listener = Callable[[Change], None]

_SESSION_ENTITIES = {"session", "workshop", "participant"}


def change_from_notice(notice: Any) -> Change:
    """A Change record for another client's change (a store.changes.Notice)."""
    entities = {e for _a, e, _i in notice.events}
    actions = {a for a, _e, _i in notice.events}
    idea_ids = tuple(sorted({i for _a, e, i in notice.events if e == "idea" and i is not None}))
    whole = notice.truncated or "resync" in actions or bool(entities & _SESSION_ENTITIES)
    return Change(
        notice.session_id,
        sessions=whole,
        ideas="idea" in entities or whole,
        idea_ids=idea_ids,
        meta={
            "remote": True,
            "actor": notice.actor,
            "sent_at": notice.sent_at,
            "audit_id": notice.audit_id,
            "votes": "vote" in actions,
            "scores": "score" in actions,
            "criteria": "criterion" in entities,
            "decisions": "decision" in entities,
            "workshop": "workshop" in entities or "participant" in entities,
        },
    )


class Workspace:
    """Holds the store and the acting person; hands out the use-case services."""

    def __init__(self, store: Store, actor: str, settings: Settings | None = None) -> None:
        from ideaforge.services.analysis import AnalysisService
        from ideaforge.services.decisions import DecisionService
        from ideaforge.services.diverge import DivergeService
        from ideaforge.services.exports import ExportService
        from ideaforge.services.ideas import IdeaService
        from ideaforge.services.models import ModelService
        from ideaforge.services.scoring import ScoringService
        from ideaforge.services.sessions import SessionService
        from ideaforge.services.workshop import WorkshopService

        self.store = store
        self.actor = actor
        self.settings = settings or load_settings(user=actor)
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()
        self.sessions = SessionService(self)
        self.ideas = IdeaService(self)
        self.models = ModelService(self)
        self.diverge = DivergeService(self)
        self.analysis = AnalysisService(self)
        self.scoring = ScoringService(self)
        self.decisions = DecisionService(self)
        self.exports = ExportService(self)
        self.workshop = WorkshopService(self)
        self._watcher: Any = None

    @classmethod
    def open(cls, settings: Settings) -> Workspace:
        return cls(open_store(settings.db_url), settings.user, settings)

    def close(self) -> None:
        self.stop_watching()
        self.models.close()
        self.store.close()

    def switch_actor(self, name: str) -> None:
        """Several people on one machine: act as someone else from now on."""
        from ideaforge.core.text import require_text

        self.actor = require_text(name, N_("The participant's name"), 100, multiline=False)
        self.emit(Change(None, sessions=True, meta={"actor": self.actor}))

    # --- other clients' changes ---------------------------------------------------------------

    def watch(self, *, poll_interval: float = 0.25) -> None:
        """Report other clients' changes to this workspace's listeners (as Change records with
        ``meta["remote"]``), from a background thread: LISTEN/NOTIFY on PostgreSQL, polling
        on SQLite."""
        if self._watcher is None:
            self._watcher = self.store.watch(self._remote, poll_interval=poll_interval)

    def stop_watching(self) -> None:
        if self._watcher is not None:
            self._watcher.stop()
            self._watcher = None

    def _remote(self, notice: Any) -> None:
        self.emit(change_from_notice(notice))

    def subscribe(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def emit(self, change: Change) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            listener(change)

    def audit(
        self,
        uow: UnitOfWork,
        session_id: int | None,
        action: str,
        entity: str,
        entity_id: int | None,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
    ) -> None:
        uow.audit.record(
            AuditEvent(0, session_id, self.actor, action, entity, entity_id, before, after)
        )

    def history(self, session_id: int | None = None) -> list[AuditEvent]:
        return self.store.read(lambda uow: uow.audit.list(session_id))
