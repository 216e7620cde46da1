"""Idea use cases: add (by a person or a model), list with filters, prune, restore, shortlist."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ideaforge.core import rules
from ideaforge.core.commands import SetIdeaStatus
from ideaforge.core.errors import InvalidInput
from ideaforge.core.i18n import N_, tr
from ideaforge.core.language import detect_language
from ideaforge.core.model import (
    Idea,
    IdeaStatus,
    Origin,
    Participant,
    Provenance,
    Role,
)
from ideaforge.core.text import MAX_IDEA_CHARS, MAX_SHORT_CHARS, require_text
from ideaforge.services.workspace import Change

if TYPE_CHECKING:
    from ideaforge.services.workspace import Workspace
    from ideaforge.store.repositories import UnitOfWork


def idea_json(i: Idea) -> dict[str, Any]:
    return {
        "id": i.id,
        "session_id": i.session_id,
        "text": i.text,
        "origin": i.origin.value,
        "author_id": i.author_id,
        "provenance": i.provenance.to_json() if i.provenance else None,
        "status": i.status.value,
        "prune_reason": i.prune_reason,
        "merged_into_id": i.merged_into_id,
        "theme_id": i.theme_id,
        "theme_pinned": i.theme_pinned,
        "private": i.private,
        "language": i.language.value,
        "created_at": i.created_at.isoformat(),
        "updated_at": i.updated_at.isoformat(),
    }


def _status_json(i: Idea) -> dict[str, Any]:
    return {
        "status": i.status.value,
        "prune_reason": i.prune_reason,
        "merged_into_id": i.merged_into_id,
    }


def search_variants(query: str) -> list[str]:
    """The ways an idea may spell what someone searched for: as typed, with full-width letters
    and digits made plain (NFKC), and for Chinese in Traditional and in Simplified characters
    (a person may type either; generated ideas are normalised to Traditional)."""
    import unicodedata

    variants = [query, unicodedata.normalize("NFKC", query)]
    if any("\u3400" <= ch <= "\u9fff" for ch in query):
        variants += [_converter(config).convert(query) for config in ("s2t", "t2s")]
    return list(dict.fromkeys(v for v in variants if v.strip()))


@functools.cache
def _converter(config: str) -> Any:
    """An OpenCC converter, built once (building one reads its dictionaries: ~40 ms)."""
    import opencc

    return opencc.OpenCC(config)


def me_in_session(ws: Workspace, uow: UnitOfWork, session_id: int) -> Participant:
    """The acting person in this session, joining it as a participant the first time."""
    me = uow.participants.by_name(session_id, ws.actor)
    if me is None:
        me = uow.participants.add(Participant(0, session_id, ws.actor, Role.PARTICIPANT))
        ws.audit(uow, session_id, "join", "participant", me.id, None,
                 {"name": me.name, "role": me.role.value})  # fmt: skip
    return me


class IdeaService:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def _me(self, uow: UnitOfWork, session_id: int) -> Participant:
        return me_in_session(self.ws, uow, session_id)

    def add(self, session_id: int, text: str, *, origin: Origin = Origin.HUMAN) -> Idea:
        """Add a person's idea (or an imported one). One committed transaction."""
        if origin is Origin.MODEL:
            raise InvalidInput(
                tr("Model ideas are added with add_generated, which records provenance.")
            )
        return self.add_many(session_id, [text], origin=origin)[0]

    def add_many(
        self,
        session_id: int,
        texts: Sequence[str],
        *,
        origin: Origin = Origin.HUMAN,
        provenance: Sequence[Provenance | None] | None = None,
    ) -> list[Idea]:
        """Add several ideas in one transaction: all of them, or (on any error) none."""
        cleaned = [require_text(t, N_("The idea"), MAX_IDEA_CHARS) for t in texts]
        provs = list(provenance) if provenance is not None else [None] * len(cleaned)
        if len(provs) != len(cleaned):
            raise InvalidInput(tr("Each idea needs its own provenance entry."))
        if origin is Origin.MODEL and any(p is None for p in provs):
            raise InvalidInput(tr("An idea written by a model must record which model wrote it."))

        def work(uow: UnitOfWork) -> list[Idea]:
            from ideaforge.services.workshop import is_private_now

            uow.sessions.get(session_id)  # NotFound before anything is written
            author = None if origin is Origin.MODEL else self._me(uow, session_id).id
            # Silent ideation: a person's own ideas stay theirs until the facilitator reveals.
            private = origin is Origin.HUMAN and is_private_now(uow.workshops.get(session_id))
            added = []
            for text, prov in zip(cleaned, provs, strict=True):
                idea = uow.ideas.add(
                    Idea(
                        0,
                        session_id,
                        text,
                        origin=origin,
                        author_id=author,
                        provenance=prov,
                        language=detect_language(text),
                        private=private,
                    )
                )
                self.ws.audit(uow, session_id, "add", "idea", idea.id, None, idea_json(idea))
                added.append(idea)
            uow.sessions.touch(session_id)
            return added

        ideas = self.ws.store.write(work)
        self.ws.emit(Change(session_id, ideas=True, idea_ids=tuple(i.id for i in ideas)))
        return ideas

    def add_generated(
        self, session_id: int, texts: Sequence[str], provenance: Sequence[Provenance]
    ) -> list[Idea]:
        return self.add_many(session_id, texts, origin=Origin.MODEL, provenance=provenance)

    def get(self, idea_id: int) -> Idea:
        """The idea; someone else's private idea is NotFound until it is revealed."""
        from ideaforge.services.workshop import visible_idea

        return self.ws.store.read(lambda uow: visible_idea(self.ws, uow, idea_id))

    def list(
        self,
        session_id: int,
        *,
        statuses: Sequence[IdeaStatus] | None = None,
        origins: Sequence[Origin] | None = None,
        search: str | None = None,
        ids: Sequence[int] | None = None,
    ) -> list[Idea]:
        """The session's ideas (oldest first), filtered by status, origin, text or id."""

        def work(uow: UnitOfWork) -> list[Idea]:
            from ideaforge.services.workshop import viewer_id

            uow.sessions.get(session_id)
            return uow.ideas.list(
                session_id, statuses=statuses, origins=origins, ids=ids,
                search=search_variants(search) if search else None,
                viewer=viewer_id(self.ws, uow, session_id),
            )  # fmt: skip

        return self.ws.store.read(work)

    def apply(self, command: SetIdeaStatus) -> SetIdeaStatus:
        """Apply a status change; returns the command that undoes it."""

        def work(uow: UnitOfWork) -> tuple[Idea, SetIdeaStatus]:
            from ideaforge.services.workshop import visible_idea

            old = visible_idea(self.ws, uow, command.idea_id)
            rules.check_status_change(old.status, command.status)
            if command.status is IdeaStatus.PRUNED and not command.reason:
                raise InvalidInput(
                    tr("Pruning needs a reason, so the decision can be understood later.")
                )
            if command.status is IdeaStatus.MERGED:
                target = visible_idea(self.ws, uow, command.merged_into_id or 0)
                if target.session_id != old.session_id or target.id == old.id:
                    raise InvalidInput(
                        tr("An idea can only be merged into another idea of the same session.")
                    )
            new = replace(
                old,
                status=command.status,
                prune_reason=command.reason if command.status is IdeaStatus.PRUNED else "",
                merged_into_id=command.merged_into_id
                if command.status is IdeaStatus.MERGED
                else None,
            )
            saved = uow.ideas.update(new)
            action = {
                IdeaStatus.PRUNED: "prune",
                IdeaStatus.ACTIVE: "restore",
                IdeaStatus.SHORTLISTED: "shortlist",
                IdeaStatus.MERGED: "merge",
            }[command.status]
            self.ws.audit(
                uow, old.session_id, action, "idea", old.id, _status_json(old), _status_json(saved)
            )
            uow.sessions.touch(old.session_id)
            inverse = SetIdeaStatus(
                old.id,
                command.status,
                saved.prune_reason,
                saved.merged_into_id,
                previous_status=old.status,
                previous_reason=old.prune_reason,
                previous_merged_into_id=old.merged_into_id,
            ).inverse()
            return saved, inverse

        saved, inverse = self.ws.store.write(work)
        self.ws.emit(Change(saved.session_id, ideas=True, idea_ids=(saved.id,)))
        return inverse

    def prune(self, idea_id: int, reason: str) -> SetIdeaStatus:
        reason = require_text(
            reason, N_("The reason for pruning"), MAX_SHORT_CHARS, multiline=False
        )
        return self.apply(SetIdeaStatus(idea_id, IdeaStatus.PRUNED, reason))

    def restore(self, idea_id: int) -> SetIdeaStatus:
        return self.apply(SetIdeaStatus(idea_id, IdeaStatus.ACTIVE))

    def shortlist(self, idea_id: int) -> SetIdeaStatus:
        return self.apply(SetIdeaStatus(idea_id, IdeaStatus.SHORTLISTED))
