"""Session use cases: create, list, show, rename, change phase, delete."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ideaforge.core import rules
from ideaforge.core.errors import InvalidInput
from ideaforge.core.i18n import N_, tr
from ideaforge.core.language import detect_language
from ideaforge.core.model import IdeaStatus, Language, Participant, Phase, Role, Session
from ideaforge.core.text import (
    MAX_CHALLENGE_CHARS,
    MAX_LONG_TEXT_CHARS,
    MAX_SHORT_CHARS,
    optional_text,
    require_text,
)
from ideaforge.services.workshop import require_facilitator
from ideaforge.services.workspace import Change

if TYPE_CHECKING:
    from ideaforge.services.workspace import Workspace
    from ideaforge.store.repositories import UnitOfWork


@dataclass(frozen=True, slots=True)
class SessionSummary:
    session: Session
    idea_count: int


@dataclass(frozen=True, slots=True)
class SessionOverview:
    session: Session
    participants: list[Participant]
    counts: dict[str, int]  # ideas by status


def session_json(s: Session) -> dict[str, Any]:
    return {
        "id": s.id,
        "title": s.title,
        "challenge": s.challenge,
        "intent": s.intent,
        "values": s.values,
        "phase": s.phase.value,
        "language": s.language.value,
        "created_at": s.created_at.isoformat(),
        "updated_at": s.updated_at.isoformat(),
    }


def parse_language(value: Language | str) -> Language:
    try:
        return Language(value)
    except ValueError:
        names = ", ".join(lang.value for lang in Language)
        raise InvalidInput(
            tr("'{value}' is not a session language; use one of {names}.", value=value, names=names)
        ) from None


def title_from_challenge(challenge: str, limit: int = 60) -> str:
    first = challenge.split("\n", 1)[0]
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"


def create_session(ws: Workspace, uow: UnitOfWork, session: Session) -> Session:
    """Store a new session in ``uow`` with the acting person as its facilitator, audited."""
    s = uow.sessions.add(session)
    p = uow.participants.add(Participant(0, s.id, ws.actor, Role.FACILITATOR))
    ws.audit(uow, s.id, "create", "session", s.id, None, session_json(s))
    ws.audit(uow, s.id, "join", "participant", p.id, None, {"name": p.name, "role": p.role.value})
    return s


class SessionService:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def new(
        self,
        challenge: str,
        *,
        title: str | None = None,
        intent: str = "",
        values: str = "",
        language: Language | str | None = None,
    ) -> Session:
        """Create a session; the acting person joins it as its facilitator. The language is
        detected from the challenge unless given."""
        challenge = require_text(challenge, N_("The challenge"), MAX_CHALLENGE_CHARS)
        title = (
            require_text(title, N_("The title"), MAX_SHORT_CHARS, multiline=False)
            if title is not None
            else title_from_challenge(challenge)
        )
        intent = optional_text(intent, "The intent", MAX_LONG_TEXT_CHARS)
        values = optional_text(values, "The values statement", MAX_LONG_TEXT_CHARS)
        lang = parse_language(language) if language is not None else detect_language(challenge)

        def work(uow: UnitOfWork) -> Session:
            new = Session(0, title, challenge, intent=intent, values=values, language=lang)
            return create_session(self.ws, uow, new)

        s = self.ws.store.write(work)
        self.ws.emit(Change(s.id, sessions=True))
        return s

    def list(self) -> list[SessionSummary]:
        def work(uow: UnitOfWork) -> list[SessionSummary]:
            counts = uow.sessions.idea_counts()
            return [SessionSummary(s, counts.get(s.id, 0)) for s in uow.sessions.list()]

        return self.ws.store.read(work)

    def get(self, session_id: int) -> Session:
        return self.ws.store.read(lambda uow: uow.sessions.get(session_id))

    def overview(self, session_id: int) -> SessionOverview:
        def work(uow: UnitOfWork) -> SessionOverview:
            s = uow.sessions.get(session_id)
            counts = {st.value: 0 for st in IdeaStatus} | uow.ideas.count_by_status(session_id)
            return SessionOverview(s, uow.participants.list(session_id), counts)

        return self.ws.store.read(work)

    def update(
        self,
        session_id: int,
        *,
        title: str | None = None,
        challenge: str | None = None,
        intent: str | None = None,
        values: str | None = None,
        language: Language | str | None = None,
    ) -> Session:
        """Change what is given. A new challenge without a language re-detects the language
        (an English session edited into Chinese would otherwise reject every Chinese idea)."""
        lang = parse_language(language) if language is not None else None

        def work(uow: UnitOfWork) -> Session:
            old = uow.sessions.get(session_id)
            require_facilitator(self.ws, uow, session_id, "session")
            new = Session(
                old.id,
                require_text(title, N_("The title"), MAX_SHORT_CHARS, multiline=False)
                if title is not None
                else old.title,
                require_text(challenge, N_("The challenge"), MAX_CHALLENGE_CHARS)
                if challenge is not None
                else old.challenge,
                intent=optional_text(intent, "The intent", MAX_LONG_TEXT_CHARS)
                if intent is not None
                else old.intent,
                values=optional_text(values, "The values statement", MAX_LONG_TEXT_CHARS)
                if values is not None
                else old.values,
                phase=old.phase,
                language=old.language,
                created_at=old.created_at,
            )
            if lang is not None:
                new = replace(new, language=lang)
            elif new.challenge != old.challenge:
                new = replace(new, language=detect_language(new.challenge))
            saved = uow.sessions.update(new)
            self.ws.audit(
                uow,
                session_id,
                "update",
                "session",
                session_id,
                session_json(old),
                session_json(saved),
            )
            return saved

        s = self.ws.store.write(work)
        self.ws.emit(Change(s.id, sessions=True))
        return s

    def set_phase(self, session_id: int, phase: Phase | str) -> Session:
        try:
            target = Phase(phase)
        except ValueError:
            raise InvalidInput(
                tr(
                    "'{phase}' is not a phase; use one of {phases}.",
                    phase=phase,
                    phases=", ".join(p.value for p in Phase),
                )
            ) from None

        def work(uow: UnitOfWork) -> Session:
            old = uow.sessions.get(session_id)
            require_facilitator(self.ws, uow, session_id, "phase")
            rules.check_phase_transition(old.phase, target)
            new = uow.sessions.update(
                Session(
                    old.id,
                    old.title,
                    old.challenge,
                    old.intent,
                    old.values,
                    target,
                    old.language,
                    old.created_at,
                )
            )
            self.ws.audit(
                uow,
                session_id,
                "phase",
                "session",
                session_id,
                {"phase": old.phase.value},
                {"phase": target.value},
            )
            return new

        s = self.ws.store.write(work)
        self.ws.emit(Change(s.id, sessions=True))
        return s

    def duplicate(self, session_id: int) -> Session:
        """A copy to explore another direction: challenge, intent, values, criteria, themes and
        every idea with its status, origin and provenance. Scores, votes and decisions belong
        to the people of the original session and stay there."""

        def work(uow: UnitOfWork) -> Session:
            old = uow.sessions.get(session_id)
            title = title_from_challenge(f"{old.title} (copy)", MAX_SHORT_CHARS)
            new = uow.sessions.add(
                Session(
                    0, title, old.challenge, old.intent, old.values, Phase.DIVERGE, old.language
                )
            )
            me = uow.participants.add(Participant(0, new.id, self.ws.actor, Role.FACILITATOR))
            people = {p.id: me.id for p in uow.participants.list(old.id) if p.name == me.name}
            for p in uow.participants.list(old.id):
                if p.name != me.name:  # authors keep their names in the copy
                    people[p.id] = uow.participants.add(replace(p, id=0, session_id=new.id)).id
            for c in uow.criteria.list(old.id):
                uow.criteria.add(replace(c, id=0, session_id=new.id))
            theme_ids = {
                t.id: uow.themes.add(replace(t, id=0, session_id=new.id)).id
                for t in uow.themes.list(old.id)
            }
            ideas = uow.ideas.list(old.id)
            idea_ids: dict[int, int] = {}
            for i in ideas:
                copy = replace(
                    i, id=0, session_id=new.id, merged_into_id=None,
                    theme_id=theme_ids.get(i.theme_id) if i.theme_id else None,
                    author_id=people.get(i.author_id) if i.author_id is not None else None,
                )  # fmt: skip
                idea_ids[i.id] = uow.ideas.add(copy).id
            for i in ideas:
                if i.merged_into_id is not None and i.merged_into_id in idea_ids:
                    added = uow.ideas.get(idea_ids[i.id])
                    uow.ideas.update(replace(added, merged_into_id=idea_ids[i.merged_into_id]))
            after = session_json(new) | {"ideas": len(ideas)}
            self.ws.audit(uow, new.id, "duplicate", "session", new.id, {"from": old.id}, after)
            return new

        s = self.ws.store.write(work)
        self.ws.emit(Change(s.id, sessions=True))
        return s

    def delete(self, session_id: int) -> Session:
        """Delete a session and everything in it. The audit log keeps a record of what it was."""

        def work(uow: UnitOfWork) -> Session:
            s = uow.sessions.get(session_id)
            require_facilitator(self.ws, uow, session_id, "session")
            before = session_json(s) | {"ideas": uow.ideas.count(session_id)}
            uow.sessions.delete(session_id)
            self.ws.audit(uow, session_id, "delete", "session", session_id, before, None)
            return s

        s = self.ws.store.write(work)
        self.ws.emit(Change(session_id, sessions=True, ideas=True))
        return s
