"""The entry point of the services layer: one open database and the person acting on it."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

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

    @classmethod
    def open(cls, settings: Settings) -> Workspace:
        return cls(open_store(settings.db_url), settings.user, settings)

    def close(self) -> None:
        self.models.close()
        self.store.close()

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
