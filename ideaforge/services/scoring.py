"""Scoring use cases: weighted criteria, each person's scores, dot votes, and the score matrix.

People score; the model never does. Every edit returns what undoes it (the old value, or the
deleted criterion with its scores), so the desktop app can put it on its undo stack.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ideaforge.core import rules
from ideaforge.core.errors import InvalidInput
from ideaforge.core.i18n import N_, tr
from ideaforge.core.model import Criterion, Idea, IdeaStatus, Score
from ideaforge.core.rules import IN_PLAY
from ideaforge.core.text import require_text
from ideaforge.core.workshop import merge_roots, pooled_scores, pooled_votes
from ideaforge.services.workshop import is_facilitator, require_facilitator, visible_idea
from ideaforge.services.workspace import Change

if TYPE_CHECKING:
    from ideaforge.services.workspace import Workspace
    from ideaforge.store.repositories import UnitOfWork

# A session that has no criteria yet starts with these two: what it changes, and what it costs.
DEFAULT_CRITERIA = (
    Criterion(0, 0, "Impact", weight=2.0, scale_min=1, scale_max=5, higher_is_better=True),
    Criterion(0, 0, "Effort", weight=1.0, scale_min=1, scale_max=5, higher_is_better=False),
)
# The defaults are data in the session, so they are named in the session's language.
DEFAULT_CRITERIA_NAMES = {"zh-TW": ("影響力", "所需心力")}


def criterion_json(c: Criterion) -> dict[str, Any]:
    return {
        "name": c.name,
        "weight": c.weight,
        "scale_min": c.scale_min,
        "scale_max": c.scale_max,
        "higher_is_better": c.higher_is_better,
    }


@dataclass(frozen=True, slots=True)
class DeletedCriterion:
    """A deleted criterion with every score given on it: enough to undo the delete."""

    criterion: Criterion
    scores: tuple[Score, ...]


@dataclass(frozen=True, slots=True)
class MatrixRow:
    """One idea in play, with the scores and votes of ideas merged into it pooled in.

    Until a workshop's facilitator reveals them, ``mean``, ``spread``, ``total`` and
    ``disagreement`` are empty and ``votes`` counts only the acting person's dots."""

    idea: Idea
    mean: dict[int, float]  # criterion id -> mean of everyone's scores
    mine: dict[int, float]  # criterion id -> the acting person's score
    total: float | None  # weighted total 0..100, None when nothing is scored (or hidden)
    coverage: float  # share of the criteria weight the total rests on (0..1)
    votes: int
    spread: dict[int, float] = field(default_factory=dict)  # criterion id -> std deviation
    disagreement: float = 0.0  # largest spread / scale range among its criteria, 0..0.5
    my_votes: int = 0


@dataclass(frozen=True, slots=True)
class Matrix:
    criteria: list[Criterion]
    rows: list[MatrixRow]
    scores_visible: bool = True
    votes_visible: bool = True


class ScoringService:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    # --- criteria -----------------------------------------------------------------------

    def criteria(self, session_id: int) -> list[Criterion]:
        return self.ws.store.read(lambda uow: uow.criteria.list(session_id))

    def ensure_defaults(self, session_id: int) -> list[Criterion]:
        """The session's criteria; Impact and Effort (影響力 and 所需心力 in a Chinese session)
        are added first if it has none."""

        def work(uow: UnitOfWork) -> list[Criterion]:
            session = uow.sessions.get(session_id)
            existing = uow.criteria.list(session_id)
            if existing or not is_facilitator(self.ws, uow, session_id):
                return existing  # only a facilitator sets criteria, the defaults included
            names = DEFAULT_CRITERIA_NAMES.get(session.language.value, ())
            for k, c in enumerate(DEFAULT_CRITERIA):
                name = names[k] if k < len(names) else c.name
                added = uow.criteria.add(replace(c, session_id=session_id, name=name))
                self.ws.audit(
                    uow, session_id, "add", "criterion", added.id, None, criterion_json(added)
                )
            return uow.criteria.list(session_id)

        result = self.ws.store.write(work)
        self.ws.emit(Change(session_id, meta={"criteria": True}))
        return result

    def add_criterion(
        self,
        session_id: int,
        name: str,
        *,
        weight: float = 1.0,
        scale_min: int = 1,
        scale_max: int = 5,
        higher_is_better: bool = True,
    ) -> Criterion:
        name = require_text(name, N_("The criterion's name"), 100, multiline=False)
        rules.check_criterion(name, weight, scale_min, scale_max)

        def work(uow: UnitOfWork) -> Criterion:
            uow.sessions.get(session_id)
            require_facilitator(self.ws, uow, session_id, "criteria")
            self._check_unique(uow, session_id, name, None)
            c = uow.criteria.add(
                Criterion(0, session_id, name, weight, scale_min, scale_max, higher_is_better)
            )
            self.ws.audit(uow, session_id, "add", "criterion", c.id, None, criterion_json(c))
            return c

        c = self.ws.store.write(work)
        self.ws.emit(Change(session_id, meta={"criteria": True}))
        return c

    def update_criterion(
        self,
        criterion_id: int,
        *,
        name: str | None = None,
        weight: float | None = None,
        scale_min: int | None = None,
        scale_max: int | None = None,
        higher_is_better: bool | None = None,
    ) -> tuple[Criterion, Criterion]:
        """Change a criterion; returns (before, after). A scale that would leave existing
        scores outside it is refused, so no score silently becomes invalid."""

        def work(uow: UnitOfWork) -> tuple[Criterion, Criterion]:
            old = uow.criteria.get(criterion_id)
            require_facilitator(self.ws, uow, old.session_id, "criteria")
            new = Criterion(
                old.id,
                old.session_id,
                require_text(name, N_("The criterion's name"), 100, multiline=False)
                if name is not None
                else old.name,
                old.weight if weight is None else float(weight),
                old.scale_min if scale_min is None else int(scale_min),
                old.scale_max if scale_max is None else int(scale_max),
                old.higher_is_better if higher_is_better is None else bool(higher_is_better),
            )
            rules.check_criterion(new.name, new.weight, new.scale_min, new.scale_max)
            if new.name != old.name:
                self._check_unique(uow, old.session_id, new.name, old.id)
            outside = [
                s
                for s in uow.scores.for_criterion(old.id)
                if not new.scale_min <= s.value <= new.scale_max
            ]
            if outside:
                raise InvalidInput(
                    tr(
                        "{n_outside} score(s) on '{name}' lie outside "
                        "{scale_min}..{scale_max}; change those scores first.",
                        n_outside=len(outside),
                        name=old.name,
                        scale_min=new.scale_min,
                        scale_max=new.scale_max,
                    )
                )
            saved = uow.criteria.update(new)
            self.ws.audit(
                uow,
                old.session_id,
                "update",
                "criterion",
                old.id,
                criterion_json(old),
                criterion_json(saved),
            )
            return old, saved

        old, saved = self.ws.store.write(work)
        self.ws.emit(Change(saved.session_id, meta={"criteria": True}))
        return old, saved

    def delete_criterion(self, criterion_id: int) -> DeletedCriterion:
        def work(uow: UnitOfWork) -> DeletedCriterion:
            c = uow.criteria.get(criterion_id)
            require_facilitator(self.ws, uow, c.session_id, "criteria")
            gone = DeletedCriterion(c, tuple(uow.scores.for_criterion(c.id)))
            uow.criteria.delete(c.id)
            self.ws.audit(
                uow,
                c.session_id,
                "delete",
                "criterion",
                c.id,
                criterion_json(c) | {"scores": len(gone.scores)},
                None,
            )
            return gone

        gone = self.ws.store.write(work)
        self.ws.emit(Change(gone.criterion.session_id, meta={"criteria": True}))
        return gone

    def restore_criterion(self, gone: DeletedCriterion) -> Criterion:
        """Undo a delete: the criterion comes back under its id, with all its scores."""

        def work(uow: UnitOfWork) -> Criterion:
            require_facilitator(self.ws, uow, gone.criterion.session_id, "criteria")
            c = uow.criteria.restore(gone.criterion)
            for s in gone.scores:
                uow.scores.set(s.idea_id, s.participant_id, c.id, s.value)
            self.ws.audit(
                uow,
                c.session_id,
                "restore",
                "criterion",
                c.id,
                None,
                criterion_json(c) | {"scores": len(gone.scores)},
            )
            return c

        c = self.ws.store.write(work)
        self.ws.emit(Change(c.session_id, meta={"criteria": True}))
        return c

    @staticmethod
    def _check_unique(uow: UnitOfWork, session_id: int, name: str, own_id: int | None) -> None:
        for c in uow.criteria.list(session_id):
            if c.name.casefold() == name.casefold() and c.id != own_id:
                raise InvalidInput(
                    tr("This session already has a criterion called '{name}'.", name=c.name)
                )

    # --- scores and votes ---------------------------------------------------------------

    def score(self, idea_id: int, criterion_id: int, value: float | None) -> float | None:
        """Set (or with None, clear) the acting person's score; returns the previous one."""
        from ideaforge.services.ideas import me_in_session

        def work(uow: UnitOfWork) -> tuple[float | None, int]:
            idea = visible_idea(self.ws, uow, idea_id)
            c = uow.criteria.get(criterion_id)
            if c.session_id != idea.session_id:
                raise InvalidInput(tr("That criterion belongs to another session."))
            if idea.status not in IN_PLAY and value is not None:
                raise InvalidInput(
                    tr(
                        "Idea #{idea_id} is {status}; restore it before scoring it.",
                        idea_id=idea.id,
                        status=idea.status.value,
                    )
                )
            me = me_in_session(self.ws, uow, idea.session_id)
            previous = next(
                (
                    s.value
                    for s in uow.scores.for_criterion(c.id)
                    if s.idea_id == idea.id and s.participant_id == me.id
                ),
                None,
            )
            if value is None:
                uow.scores.clear(idea.id, me.id, c.id)
            else:
                rules.check_score(c, float(value))
                uow.scores.set(idea.id, me.id, c.id, float(value))
            self.ws.audit(
                uow,
                idea.session_id,
                "score",
                "idea",
                idea.id,
                {"criterion": c.name, "value": previous},
                {"criterion": c.name, "value": value},
            )
            uow.sessions.touch(idea.session_id)
            return previous, idea.session_id

        previous, session_id = self.ws.store.write(work)
        self.ws.emit(Change(session_id, idea_ids=(idea_id,), meta={"scores": True}))
        return previous

    def vote(self, idea_id: int, dots: int) -> int:
        """Set the acting person's dots on an idea (0 removes them); returns the old count.

        The session's budget and per-idea limit apply; dots on ideas merged together count
        as dots on one idea. The person's row is locked for the transaction, so two of their
        clients voting at the same instant cannot overspend."""
        return self._set_dots(idea_id, lambda _old: dots)[0]

    def add_dots(self, idea_id: int, delta: int) -> tuple[int, int]:
        """Add (or with a negative ``delta`` take back) dots; returns (old, new). Reading the
        old count and writing the new one happen in one transaction."""
        return self._set_dots(idea_id, lambda old: max(0, old + delta))

    def _set_dots(self, idea_id: int, new_dots: Callable[[int], int]) -> tuple[int, int]:
        from ideaforge.services.ideas import me_in_session

        def work(uow: UnitOfWork) -> tuple[int, int, int]:
            idea = visible_idea(self.ws, uow, idea_id)
            me = me_in_session(self.ws, uow, idea.session_id)
            uow.participants.lock(me.id)
            state = uow.workshops.get(idea.session_id)
            votes = uow.votes.list(idea.session_id)
            old = sum(v.dots for v in votes if v.idea_id == idea.id and v.participant_id == me.id)
            dots = new_dots(old)
            if dots < 0:
                raise InvalidInput(tr("Dots cannot be negative."))
            if dots > old:
                if idea.status not in IN_PLAY:
                    raise InvalidInput(
                        tr(
                            "Idea #{idea_id} is {status}; it takes no votes.",
                            idea_id=idea.id,
                            status=idea.status.value,
                        )
                    )
                # Only merged ideas point elsewhere; the others are their own roots.
                merged = uow.ideas.list(idea.session_id, statuses=[IdeaStatus.MERGED], viewer=me.id)
                roots = merge_roots(merged)
                root = roots.get(idea.id, idea.id)
                rules.check_vote(
                    pooled_votes(votes, roots), me.id, root, dots - old,
                    state.vote_budget, state.votes_per_idea,
                )  # fmt: skip
            uow.votes.set(idea.id, me.id, dots)
            self.ws.audit(
                uow, idea.session_id, "vote", "idea", idea.id, {"dots": old}, {"dots": dots}
            )
            return old, dots, idea.session_id

        old, dots, session_id = self.ws.store.write(work)
        self.ws.emit(Change(session_id, idea_ids=(idea_id,), meta={"votes": True}))
        return old, dots

    # --- the matrix ---------------------------------------------------------------------

    def matrix(self, session_id: int, statuses: Sequence[IdeaStatus] | None = IN_PLAY) -> Matrix:
        """Every idea in play with its mean and own scores, weighted total and votes."""

        def work(uow: UnitOfWork) -> Matrix:
            uow.sessions.get(session_id)
            state = uow.workshops.get(session_id)
            me = uow.participants.by_name(session_id, self.ws.actor)
            me_id = me.id if me is not None else None
            criteria = uow.criteria.list(session_id)
            everything = uow.ideas.list(session_id, viewer=me_id)
            wanted = set(statuses) if statuses is not None else None
            ideas = [i for i in everything if wanted is None or i.status in wanted]
            roots = merge_roots(everything)
            scores = pooled_scores(uow.scores.list(session_id), roots)
            votes = pooled_votes(uow.votes.list(session_id), roots)
            mine: dict[int, dict[int, float]] = {}
            my_votes: dict[int, int] = {}
            for s in scores:
                if s.participant_id == me_id:
                    mine.setdefault(s.idea_id, {})[s.criterion_id] = s.value
            for v in votes:
                if v.participant_id == me_id:
                    my_votes[v.idea_id] = v.dots
            shown_scores = state.scores_visible
            totals = rules.weighted_totals(criteria, scores) if shown_scores else {}
            counts = rules.vote_counts(votes) if state.votes_visible else my_votes
            spans = {c.id: c.scale_max - c.scale_min for c in criteria}
            rows = []
            for idea in ideas:
                t = totals.get(idea.id)
                aggs = t.per_criterion if t else {}
                spread = {cid: a.spread for cid, a in aggs.items() if a.n > 1}
                rows.append(
                    MatrixRow(
                        idea,
                        {cid: a.mean for cid, a in aggs.items()},
                        mine.get(idea.id, {}),
                        t.total if t else None,
                        t.coverage if t else 0.0,
                        counts.get(idea.id, 0),
                        spread,
                        max((sd / spans[cid] for cid, sd in spread.items()), default=0.0),
                        my_votes.get(idea.id, 0),
                    )
                )
            return Matrix(criteria, rows, shown_scores, state.votes_visible)

        return self.ws.store.read(work)
