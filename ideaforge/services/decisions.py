"""Decision use cases: people record what they chose from the shortlist, why, and what they
checked before choosing. The model never decides.

A decision record keeps the MADR 4 fields, the session's values, the options as they stood
(text, origin, score, votes) and, for every chosen idea, an answer to each question of the
responsibility checklist. Records are never edited: a later record supersedes an earlier one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ideaforge.core import rules
from ideaforge.core.checklist import ANSWERS, CONCERNS, NEEDS_NOTE
from ideaforge.core.errors import InvalidInput
from ideaforge.core.i18n import N_, tr
from ideaforge.core.model import Decision, DecisionStatus, IdeaStatus
from ideaforge.core.text import (
    MAX_LONG_TEXT_CHARS,
    MAX_SHORT_CHARS,
    optional_text,
    require_text,
)
from ideaforge.core.workshop import merge_roots, pooled_scores, pooled_votes
from ideaforge.services.workshop import require_facilitator, visible_idea
from ideaforge.services.workspace import Change

if TYPE_CHECKING:
    from ideaforge.services.workspace import Workspace
    from ideaforge.store.repositories import UnitOfWork

# The responsibility checklist (core/checklist.py): each chosen idea answers every concern.
__all__ = ["ANSWERS", "CONCERNS", "NEEDS_NOTE", "DecisionDraft", "DecisionService", "LogCheck"]


@dataclass(frozen=True, slots=True)
class DecisionDraft:
    """What a person fills in; ``record`` checks it and stores it as a Decision."""

    session_id: int
    title: str
    options: Sequence[int]  # shortlisted idea ids that were weighed
    chosen: Sequence[int]  # the ones chosen, a subset of options
    deciders: Sequence[str]
    rationale: str
    # idea id -> concern -> {"answer": one of ANSWERS, "note": text}
    risks: Mapping[int, Mapping[str, Mapping[str, str]]] = field(default_factory=dict)
    context: str = ""
    consequences_good: Sequence[str] = ()
    consequences_bad: Sequence[str] = ()
    status: DecisionStatus = DecisionStatus.ACCEPTED
    consulted: Sequence[str] = ()
    informed: Sequence[str] = ()
    confirmation: str = ""
    values: str | None = None  # None: the session's values statement
    supersedes_id: int | None = None


def check_risks(
    chosen: Sequence[int], risks: Mapping[int, Mapping[str, Mapping[str, str]]]
) -> dict[str, dict[str, dict[str, str]]]:
    """Every chosen idea needs an answer to every concern; a concern needs a note."""
    checked: dict[str, dict[str, dict[str, str]]] = {}
    for idea_id in chosen:
        answers = risks.get(idea_id, {})
        per: dict[str, dict[str, str]] = {}
        for key, label in CONCERNS.items():
            entry = answers.get(key) or {}
            answer = str(entry.get("answer", ""))
            if answer not in ANSWERS:
                raise InvalidInput(
                    tr(
                        "Answer the checklist for idea #{idea_id}: '{label}' is not answered.",
                        idea_id=idea_id,
                        label=label,
                    )
                )
            note = optional_text(
                str(entry.get("note", "")), "A checklist note", MAX_SHORT_CHARS * 5
            )
            if answer in NEEDS_NOTE and not note:
                raise InvalidInput(
                    tr(
                        "Idea #{idea_id}, '{label}': say how the concern is handled or why the "
                        "risk is accepted.",
                        idea_id=idea_id,
                        label=label,
                    )
                )
            per[key] = {"answer": answer, "note": note}
        checked[str(idea_id)] = per
    return checked


def _names(values: Sequence[str], what: str) -> tuple[str, ...]:
    out = []
    for v in values:
        v = v.strip()
        if v:
            out.append(require_text(v, what, MAX_SHORT_CHARS, multiline=False))
    return tuple(dict.fromkeys(out))


@dataclass(frozen=True, slots=True)
class LogCheck:
    """The outcome of verifying a session's decision log."""

    ok: bool
    records: int
    message: str  # what is wrong, naming the first bad record; or that the log is intact
    first_bad_id: int | None = None
    head: str = ""  # the last record's hash: note it elsewhere to detect a removed tail


class DecisionService:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    def verify(self, session_id: int) -> LogCheck:
        """Recompute the session's hash chain from the stored rows.

        Names the first record that was altered (its content no longer matches its hash), or
        inserted or removed (the sequence or the link to the previous hash breaks). A removed
        last record leaves no trace in the chain itself, so the count is also checked against
        the audit log's 'decide' events (a tamperer must then change two tables consistently).
        """
        from ideaforge.core.chain import GENESIS, record_hash

        def work(uow: UnitOfWork) -> tuple[list[Any], int]:
            uow.sessions.get(session_id)
            recorded = uow.audit.count(session_id, "decide")
            return uow.decisions.chain(session_id), recorded

        links, recorded = self.ws.store.read(work)
        prev = GENESIS
        for n, link in enumerate(links, start=1):
            where = f"Record #{link.id} (number {link.seq} in the log)"
            if link.seq != n:
                what = "missing" if link.seq > n else "inserted or renumbered"
                return LogCheck(
                    False,
                    len(links),
                    f"The log jumps from record {n - 1} to "
                    f"{link.seq}: a record is {what} before #{link.id}.",
                    link.id,
                )
            if link.prev_hash != prev:
                return LogCheck(
                    False,
                    len(links),
                    f"{where} does not follow the record before "
                    "it: a record was inserted, removed or altered there.",
                    link.id,
                )
            try:
                expected = record_hash(link.payload, link.prev_hash)
            except (TypeError, ValueError):
                expected = ""
            if expected != link.record_hash:
                return LogCheck(
                    False,
                    len(links),
                    f"{where} was altered after it was "
                    "recorded: its content no longer matches its hash.",
                    link.id,
                )
            prev = link.record_hash
        if recorded > len(links):
            return LogCheck(
                False,
                len(links),
                f"The audit log saw {recorded} decisions recorded "
                f"but the log holds {len(links)}: the latest record(s) were removed.",
            )
        return LogCheck(
            True,
            len(links),
            f"The decision log is intact: {len(links)} record(s), every hash verified.",
            None,
            prev if links else "",
        )

    def list(self, session_id: int) -> list[Decision]:
        def work(uow: UnitOfWork) -> list[Decision]:
            uow.sessions.get(session_id)
            return uow.decisions.list(session_id)

        return self.ws.store.read(work)

    def record(self, draft: DecisionDraft) -> Decision:
        title = require_text(draft.title, N_("The decision's title"), 300, multiline=False)
        rationale = require_text(draft.rationale, N_("The rationale"), MAX_LONG_TEXT_CHARS)
        context = optional_text(draft.context, "The context", MAX_LONG_TEXT_CHARS)
        confirmation = optional_text(draft.confirmation, "The confirmation", MAX_LONG_TEXT_CHARS)
        deciders = _names(draft.deciders, N_("A decider's name"))
        if not deciders:
            raise InvalidInput(tr("Name who decides: a decision needs at least one decider."))
        options = tuple(dict.fromkeys(int(i) for i in draft.options))
        chosen = tuple(dict.fromkeys(int(i) for i in draft.chosen))
        if not options:
            raise InvalidInput(tr("Pick the options that were weighed, from the shortlist."))
        if not set(chosen) <= set(options):
            raise InvalidInput(tr("The chosen ideas must be among the options weighed."))
        if draft.status is DecisionStatus.ACCEPTED and not chosen:
            raise InvalidInput(tr("An accepted decision chooses at least one option."))
        risks = check_risks(chosen, draft.risks)
        good = tuple(
            optional_text(t, "A consequence", MAX_LONG_TEXT_CHARS)
            for t in draft.consequences_good
            if t.strip()
        )
        bad = tuple(
            optional_text(t, "A consequence", MAX_LONG_TEXT_CHARS)
            for t in draft.consequences_bad
            if t.strip()
        )

        def work(uow: UnitOfWork) -> Decision:
            session = uow.sessions.get(draft.session_id)
            require_facilitator(self.ws, uow, session.id, "decide")
            criteria = uow.criteria.list(session.id)
            # Ideas merged into an option bring their scores and votes with them.
            roots = merge_roots(uow.ideas.list(session.id, statuses=[IdeaStatus.MERGED]))
            totals = rules.weighted_totals(
                criteria, pooled_scores(uow.scores.list(session.id), roots)
            )
            votes = rules.vote_counts(pooled_votes(uow.votes.list(session.id), roots))
            details: list[dict[str, Any]] = []
            for idea_id in options:
                idea = visible_idea(self.ws, uow, idea_id)
                if idea.session_id != session.id:
                    raise InvalidInput(
                        tr("Idea #{idea_id} belongs to another session.", idea_id=idea_id)
                    )
                if idea.status is not IdeaStatus.SHORTLISTED:
                    raise InvalidInput(
                        tr(
                            "Idea #{idea_id} is {status}; only shortlisted ideas can be "
                            "weighed in a decision.",
                            idea_id=idea_id,
                            status=idea.status.value,
                        )
                    )
                t = totals.get(idea.id)
                details.append(
                    {
                        "idea_id": idea.id,
                        "text": idea.text,
                        "origin": idea.origin.value,
                        "source": idea.source_label,
                        "score": None if t is None else round(t.total, 1),
                        "coverage": None if t is None else round(t.coverage, 3),
                        "votes": votes.get(idea.id, 0),
                    }
                )
            if draft.supersedes_id is not None:
                old = uow.decisions.get(draft.supersedes_id)
                if old.session_id != session.id:
                    raise InvalidInput(tr("A decision can only supersede one of the same session."))
            decision = uow.decisions.add(
                Decision(
                    0,
                    session.id,
                    title,
                    status=draft.status,
                    deciders=deciders,
                    consulted=_names(draft.consulted, N_("A name")),
                    informed=_names(draft.informed, N_("A name")),
                    context=context,
                    drivers=tuple(
                        f"{c.name} (weight {c.weight:g}, "
                        f"{'higher' if c.higher_is_better else 'lower'} is better)"
                        for c in criteria
                    ),
                    options=options,
                    chosen=chosen,
                    outcome=", ".join(f"#{i}" for i in chosen),
                    rationale=rationale,
                    consequences_good=good,
                    consequences_bad=bad,
                    confirmation=confirmation,
                    values=session.values if draft.values is None else draft.values.strip(),
                    risks=risks,
                    option_details=tuple(details),
                    supersedes_id=draft.supersedes_id,
                )
            )
            self.ws.audit(
                uow,
                session.id,
                "decide",
                "decision",
                decision.id,
                None,
                {"title": title, "chosen": list(chosen), "deciders": list(deciders)},
            )
            uow.sessions.touch(session.id)
            return decision

        decision = self.ws.store.write(work)
        self.ws.emit(Change(decision.session_id, meta={"decisions": True}))
        return decision
