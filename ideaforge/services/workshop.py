"""Workshop use cases: roles and joining, activities and the timer, voting rules, reveals, and
the live status a presenter shows.

Permissions are enforced here, not in the window: every facilitator-only action checks the
acting person's role inside the transaction that makes the change.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ideaforge.core import joincode
from ideaforge.core import workshop as rules
from ideaforge.core.errors import InvalidInput, NotFound
from ideaforge.core.i18n import tr
from ideaforge.core.model import Idea, Participant, Role, Session
from ideaforge.core.rules import IN_PLAY, Aggregate, aggregate
from ideaforge.core.workshop import ACTIVITY_PHASE, Activity, WorkshopState
from ideaforge.services.workspace import Change

if TYPE_CHECKING:
    from ideaforge.services.workspace import Workspace
    from ideaforge.store.repositories import UnitOfWork


def require_facilitator(ws: Workspace, uow: UnitOfWork, session_id: int, action: str) -> None:
    """Raise PermissionDenied unless the acting person facilitates this session."""
    people = uow.participants.list(session_id)
    me = next((p for p in people if p.name == ws.actor), None)
    facilitators = [p.name for p in people if p.role is Role.FACILITATOR]
    rules.check_facilitator(me, action, facilitators)


def is_facilitator(ws: Workspace, uow: UnitOfWork, session_id: int) -> bool:
    me = uow.participants.by_name(session_id, ws.actor)
    return me is not None and me.role is Role.FACILITATOR


def viewer_id(ws: Workspace, uow: UnitOfWork, session_id: int) -> int | None:
    me = uow.participants.by_name(session_id, ws.actor)
    return me.id if me is not None else None


def visible_idea(ws: Workspace, uow: UnitOfWork, idea_id: int) -> Idea:
    """The idea, unless it is someone else's private idea (then NotFound, as if absent)."""
    idea = uow.ideas.get(idea_id)
    if not rules.visible(idea, viewer_id(ws, uow, idea.session_id)):
        raise NotFound(tr("There is no idea with id {idea_id}.", idea_id=idea_id))
    return idea


def state_json(s: WorkshopState) -> dict[str, Any]:
    return {
        "activity": s.activity.value if s.activity else None,
        "hide_results": s.hide_results,
        "votes_revealed": s.votes_revealed,
        "scores_revealed": s.scores_revealed,
        "anonymous_votes": s.anonymous_votes,
        "vote_budget": s.vote_budget,
        "votes_per_idea": s.votes_per_idea,
        "timer_ends_at": s.timer_ends_at.isoformat() if s.timer_ends_at else None,
        "timer_paused_left": s.timer_paused_left,
    }


@dataclass(frozen=True, slots=True)
class PersonStatus:
    participant: Participant
    voted: bool  # has placed at least one dot (not where)
    dots_used: int | None  # only for the acting person
    scored: int  # how many scores they gave (not what)
    private_ideas: int  # ideas written in silent ideation, not yet revealed


@dataclass(frozen=True, slots=True)
class WorkshopStatus:
    """What every client may know at any time: who is here and how far along they are, never
    what others wrote, voted or scored before it is revealed."""

    session: Session
    state: WorkshopState
    people: list[PersonStatus]
    me: Participant | None
    ideas_in_play: int
    private_ideas: int
    seconds_left: float | None
    now: datetime

    @property
    def is_facilitator(self) -> bool:
        return self.me is not None and self.me.role is Role.FACILITATOR

    @property
    def voters(self) -> int:
        return sum(1 for p in self.people if p.voted)

    @property
    def dots_left(self) -> int:
        mine = next((p for p in self.people if self.me and p.participant.id == self.me.id), None)
        used = mine.dots_used if mine is not None and mine.dots_used is not None else 0
        return max(0, self.state.vote_budget - used)


@dataclass(frozen=True, slots=True)
class VoteResult:
    idea: Idea
    dots: int
    voters: tuple[str, ...]  # names, only when votes are named


@dataclass(frozen=True, slots=True)
class ScoreResult:
    idea: Idea
    criterion_id: int
    aggregate: Aggregate
    disagreement: float  # spread / scale range


@dataclass(frozen=True, slots=True)
class Results:
    """Revealed results; a part that is still hidden is None."""

    votes: list[VoteResult] | None
    scores: list[ScoreResult] | None
    disagreements: list[rules.Disagreement] | None


class WorkshopService:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    # --- reading ----------------------------------------------------------------------------

    def state(self, session_id: int) -> WorkshopState:
        def work(uow: UnitOfWork) -> WorkshopState:
            uow.sessions.get(session_id)
            return uow.workshops.get(session_id)

        return self.ws.store.read(work)

    def status(self, session_id: int) -> WorkshopStatus:
        def work(uow: UnitOfWork) -> WorkshopStatus:
            session = uow.sessions.get(session_id)
            state = uow.workshops.get(session_id)
            people = uow.participants.list(session_id)
            me = next((p for p in people if p.name == self.ws.actor), None)
            dots: dict[int, int] = defaultdict(int)
            for v in uow.votes.list(session_id):
                dots[v.participant_id] += v.dots
            scored: dict[int, int] = defaultdict(int)
            for s in uow.scores.list(session_id):
                scored[s.participant_id] += 1
            private = uow.ideas.private_counts(session_id)
            counts = uow.ideas.count_by_status(session_id)
            in_play = sum(counts.get(st.value, 0) for st in IN_PLAY) - sum(private.values())
            now = uow.workshops.now()
            return WorkshopStatus(
                session,
                state,
                [
                    PersonStatus(
                        p,
                        dots.get(p.id, 0) > 0,
                        dots.get(p.id, 0) if me is not None and p.id == me.id else None,
                        scored.get(p.id, 0),
                        private.get(p.id, 0),
                    )
                    for p in people
                ],
                me,
                max(0, in_play),
                sum(private.values()),
                rules.seconds_left(state, now),
                now,
            )

        return self.ws.store.read(work)

    def results(self, session_id: int, *, top: int = 10) -> Results:
        """Dot totals (merged ideas pooled) and score spreads, as far as they are revealed."""

        def work(uow: UnitOfWork) -> Results:
            uow.sessions.get(session_id)
            state = uow.workshops.get(session_id)
            everything = uow.ideas.list(session_id)
            roots = rules.merge_roots(everything)
            by_id = {i.id: i for i in everything}
            in_play = {i.id for i in everything if i.status in IN_PLAY}
            names = {p.id: p.name for p in uow.participants.list(session_id)}
            votes = None
            if state.votes_visible:
                tally: dict[int, int] = defaultdict(int)
                who: dict[int, set[str]] = defaultdict(set)
                for v in rules.pooled_votes(uow.votes.list(session_id), roots):
                    if v.idea_id in in_play:
                        tally[v.idea_id] += v.dots
                        who[v.idea_id].add(names.get(v.participant_id, "?"))
                ranked = sorted(tally.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
                votes = [
                    VoteResult(by_id[i], n, () if state.anonymous_votes else tuple(sorted(who[i])))
                    for i, n in ranked
                ]
            scores = divided = None
            if state.scores_visible:
                criteria = uow.criteria.list(session_id)
                pooled = [
                    s
                    for s in rules.pooled_scores(uow.scores.list(session_id), roots)
                    if s.idea_id in in_play
                ]
                divided = rules.disagreements(criteria, pooled)
                per: dict[tuple[int, int], list[float]] = defaultdict(list)
                for s in pooled:
                    per[(s.idea_id, s.criterion_id)].append(s.value)
                spans = {c.id: c.scale_max - c.scale_min for c in criteria}
                scores = []
                for (idea_id, cid), vals in sorted(per.items()):
                    agg = aggregate(vals)
                    if agg is not None and cid in spans:
                        rel = agg.spread / spans[cid]
                        scores.append(ScoreResult(by_id[idea_id], cid, agg, rel))
            return Results(votes, scores, divided)

        return self.ws.store.read(work)

    def can_facilitate(self, session_id: int) -> bool:
        """Whether the acting person may take the facilitator's actions in this session."""
        return self.ws.store.read(lambda uow: is_facilitator(self.ws, uow, session_id))

    def join_code(self, session_id: int) -> str:
        """A code that names this database and session, for others to join with."""
        self.ws.sessions.get(session_id)
        return joincode.encode(self.ws.store.url, session_id)

    # --- joining and roles ------------------------------------------------------------------

    def join(self, session_id: int) -> Participant:
        """The acting person joins the session (as a participant) if they have not yet."""
        from ideaforge.services.ideas import me_in_session

        me = self.ws.store.write(lambda uow: me_in_session(self.ws, uow, session_id))
        self.ws.emit(Change(session_id, meta={"participants": True}))
        return me

    def set_role(self, session_id: int, name: str, role: Role | str) -> Participant:
        """Make someone a facilitator or a participant (a session keeps at least one
        facilitator)."""
        try:
            target_role = Role(role)
        except ValueError:
            raise InvalidInput(
                tr("'{role}' is not a role; use facilitator or participant.", role=role)
            ) from None

        def work(uow: UnitOfWork) -> Participant:
            require_facilitator(self.ws, uow, session_id, "role")
            person = uow.participants.by_name(session_id, name)
            if person is None:
                raise NotFound(tr("Nobody called '{name}' has joined this session.", name=name))
            people = uow.participants.list(session_id)
            last = sum(1 for p in people if p.role is Role.FACILITATOR) == 1
            if target_role is Role.PARTICIPANT and person.role is Role.FACILITATOR and last:
                raise InvalidInput(
                    tr("A session needs a facilitator; make someone else one first.")
                )
            saved = uow.participants.set_role(person.id, target_role)
            self.ws.audit(uow, session_id, "role", "participant", person.id,
                          {"role": person.role.value}, {"role": saved.role.value})  # fmt: skip
            return saved

        saved = self.ws.store.write(work)
        self.ws.emit(Change(session_id, meta={"participants": True}))
        return saved

    # --- facilitation -----------------------------------------------------------------------

    def _change(
        self, session_id: int, action: str, permission: str, fn: Any, *, ideas: bool = False
    ) -> WorkshopState:
        """Apply ``fn(state, uow) -> state`` as the facilitator, audited, in one transaction."""

        def work(uow: UnitOfWork) -> WorkshopState:
            uow.sessions.get(session_id)
            require_facilitator(self.ws, uow, session_id, permission)
            old = uow.workshops.get(session_id, lock=True)
            new = uow.workshops.put(fn(old, uow))
            self.ws.audit(uow, session_id, action, "workshop", session_id,
                          state_json(old), state_json(new))  # fmt: skip
            uow.sessions.touch(session_id)
            return new

        state = self.ws.store.write(work)
        self.ws.emit(Change(session_id, sessions=True, ideas=ideas, meta={"workshop": True}))
        return state

    def start(
        self, session_id: int, *, budget: int = 5, per_idea: int = 3, anonymous: bool = True
    ) -> WorkshopState:
        """Run the session as a workshop: results hidden until revealed, silent ideation
        first."""

        def fn(old: WorkshopState, uow: UnitOfWork) -> WorkshopState:
            names = {p.id: p.name for p in uow.participants.list(session_id)}
            rules.check_budget_change(uow.votes.list(session_id), budget, per_idea, names)
            self._move_phase(uow, session_id, Activity.IDEATE)
            return replace(
                old, activity=Activity.IDEATE, hide_results=True, votes_revealed=False,
                scores_revealed=False, anonymous_votes=anonymous, vote_budget=budget,
                votes_per_idea=per_idea,
            )  # fmt: skip

        return self._change(session_id, "start", "settings", fn)

    def finish(self, session_id: int) -> WorkshopState:
        """Back to a solo-style session: nothing hidden, no activity, no timer. Private ideas
        are revealed, so that none is left invisible."""

        def fn(old: WorkshopState, uow: UnitOfWork) -> WorkshopState:
            uow.ideas.reveal(session_id)
            return rules.clear_timer(replace(old, activity=None, hide_results=False))

        return self._change(session_id, "finish", "settings", fn, ideas=True)

    def set_voting(
        self,
        session_id: int,
        *,
        budget: int | None = None,
        per_idea: int | None = None,
        anonymous: bool | None = None,
    ) -> WorkshopState:
        def fn(old: WorkshopState, uow: UnitOfWork) -> WorkshopState:
            new = replace(
                old,
                vote_budget=old.vote_budget if budget is None else int(budget),
                votes_per_idea=old.votes_per_idea if per_idea is None else int(per_idea),
                anonymous_votes=old.anonymous_votes if anonymous is None else bool(anonymous),
            )
            names = {p.id: p.name for p in uow.participants.list(session_id)}
            rules.check_budget_change(
                uow.votes.list(session_id), new.vote_budget, new.votes_per_idea, names
            )
            return new

        return self._change(session_id, "voting", "settings", fn)

    def set_activity(self, session_id: int, activity: Activity | str | None) -> WorkshopState:
        """Move the room to an activity; the session's phase follows it."""
        try:
            target = Activity(activity) if activity is not None else None
        except ValueError:
            names = ", ".join(a.value for a in Activity)
            raise InvalidInput(
                tr(
                    "'{activity}' is not an activity; use one of {names}.",
                    activity=activity,
                    names=names,
                )
            ) from None

        def fn(old: WorkshopState, uow: UnitOfWork) -> WorkshopState:
            if target is not None:
                self._move_phase(uow, session_id, target)
            return replace(old, activity=target)

        return self._change(session_id, "activity", "activity", fn)

    def _move_phase(self, uow: UnitOfWork, session_id: int, activity: Activity) -> None:
        s = uow.sessions.get(session_id)
        phase = ACTIVITY_PHASE[activity]
        if s.phase is not phase:
            uow.sessions.update(replace(s, phase=phase))
            self.ws.audit(uow, session_id, "phase", "session", session_id,
                          {"phase": s.phase.value}, {"phase": phase.value})  # fmt: skip

    def _timer(self, session_id: int, fn: Any) -> WorkshopState:
        """Change the countdown with ``fn(state, now)``, ``now`` read from the database's
        clock so that machines whose clocks differ still agree on the time left."""
        return self._change(session_id, "timer", "timer", lambda s, u: fn(s, u.workshops.now()))

    def start_timer(self, session_id: int, seconds: float) -> WorkshopState:
        return self._timer(session_id, lambda s, now: rules.start_timer(s, seconds, now))

    def pause_timer(self, session_id: int) -> WorkshopState:
        return self._timer(session_id, rules.pause_timer)

    def resume_timer(self, session_id: int) -> WorkshopState:
        return self._timer(session_id, rules.resume_timer)

    def add_time(self, session_id: int, seconds: float) -> WorkshopState:
        return self._timer(session_id, lambda s, now: rules.add_time(s, seconds, now))

    def clear_timer(self, session_id: int) -> WorkshopState:
        return self._change(session_id, "timer", "timer", lambda s, _u: rules.clear_timer(s))

    def reveal(self, session_id: int, what: str, shown: bool = True) -> WorkshopState:
        """Reveal (or hide again) ``votes`` or ``scores``; ``ideas`` makes every private idea
        visible to all (for good)."""
        if what not in ("ideas", "votes", "scores"):
            raise InvalidInput(tr("Reveal ideas, votes or scores, not '{what}'.", what=what))

        def fn(old: WorkshopState, uow: UnitOfWork) -> WorkshopState:
            if what == "ideas":
                if not shown:
                    raise InvalidInput(tr("Revealed ideas cannot be made private again."))
                uow.ideas.reveal(session_id)
                return old
            if what == "votes":
                return replace(old, votes_revealed=shown)
            return replace(old, scores_revealed=shown)

        return self._change(session_id, "reveal", "reveal", fn, ideas=what == "ideas")


def is_private_now(state: WorkshopState) -> bool:
    """Whether a person's new idea stays private (silent ideation in a workshop)."""
    return state.hide_results and state.activity is Activity.IDEATE
