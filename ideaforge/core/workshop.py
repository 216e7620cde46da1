"""Workshop rules: activities, the timer, who may do what, what stays hidden until revealed,
and how merged ideas pool their votes and scores.

Pure functions over core objects; the services apply them inside a transaction.
"""

from __future__ import annotations

import enum
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from ideaforge.core.errors import InvalidInput, PermissionDenied
from ideaforge.core.i18n import N_, tr
from ideaforge.core.model import Criterion, Idea, Participant, Phase, Role, Score, Vote
from ideaforge.core.rules import Aggregate, aggregate


class Activity(enum.StrEnum):
    """What the room is doing now, in the usual order. Each belongs to one phase."""

    IDEATE = "ideate"  # silent individual ideation: ideas stay private until revealed
    GENERATE = "generate"  # the model adds ideas
    THEMES = "themes"  # dedupe and themes
    VOTE = "vote"  # dot voting
    SCORE = "score"  # criteria scoring
    DISCUSS = "discuss"
    DECIDE = "decide"


ACTIVITY_PHASE: Mapping[Activity, Phase] = {
    Activity.IDEATE: Phase.DIVERGE,
    Activity.GENERATE: Phase.DIVERGE,
    Activity.THEMES: Phase.CONVERGE,
    Activity.VOTE: Phase.CONVERGE,
    Activity.SCORE: Phase.CONVERGE,
    Activity.DISCUSS: Phase.DECIDE,
    Activity.DECIDE: Phase.DECIDE,
}

MAX_TIMER_SECONDS = 4 * 3600
MAX_BUDGET = 100


@dataclass(frozen=True, slots=True)
class WorkshopState:
    """A session's workshop settings and live state.

    ``hide_results`` is on for workshops: each person sees only their own votes and scores
    until the facilitator reveals them. A solo session leaves it off and sees everything.
    The timer either runs (``timer_ends_at``) or is paused with ``timer_paused_left`` seconds.
    """

    session_id: int
    activity: Activity | None = None
    hide_results: bool = False
    votes_revealed: bool = False
    scores_revealed: bool = False
    anonymous_votes: bool = True
    vote_budget: int = 5
    votes_per_idea: int = 3
    timer_ends_at: datetime | None = None
    timer_paused_left: float | None = None
    timer_total: float = 0.0

    @property
    def votes_visible(self) -> bool:
        return not self.hide_results or self.votes_revealed

    @property
    def scores_visible(self) -> bool:
        return not self.hide_results or self.scores_revealed


# --- the timer ---------------------------------------------------------------------------


def seconds_left(state: WorkshopState, now: datetime) -> float | None:
    """Seconds left on the timer (0 once it ran out), or None when no timer is set."""
    if state.timer_paused_left is not None:
        return state.timer_paused_left
    if state.timer_ends_at is None:
        return None
    return max(0.0, (state.timer_ends_at - now).total_seconds())


def start_timer(state: WorkshopState, seconds: float, now: datetime) -> WorkshopState:
    if not math.isfinite(seconds) or not 1 <= seconds <= MAX_TIMER_SECONDS:
        raise InvalidInput(
            tr(
                "A timer runs from 1 second to {hours} hours; got {seconds}.",
                hours=MAX_TIMER_SECONDS // 3600,
                seconds=seconds,
            )
        )
    return replace(
        state,
        timer_ends_at=now + timedelta(seconds=seconds),
        timer_paused_left=None,
        timer_total=float(seconds),
    )


def pause_timer(state: WorkshopState, now: datetime) -> WorkshopState:
    left = seconds_left(state, now)
    if left is None or state.timer_paused_left is not None:
        raise InvalidInput(tr("No timer is running."))
    return replace(state, timer_ends_at=None, timer_paused_left=left)


def resume_timer(state: WorkshopState, now: datetime) -> WorkshopState:
    if state.timer_paused_left is None:
        raise InvalidInput(tr("The timer is not paused."))
    ends = now + timedelta(seconds=state.timer_paused_left)
    return replace(state, timer_ends_at=ends, timer_paused_left=None)


def add_time(state: WorkshopState, seconds: float, now: datetime) -> WorkshopState:
    left = seconds_left(state, now)
    if left is None:
        raise InvalidInput(tr("Start a timer before adding time to it."))
    new_left = left + seconds
    if not math.isfinite(new_left) or not 0 <= new_left <= MAX_TIMER_SECONDS:
        raise InvalidInput(
            tr(
                "The timer must stay between 0 and {hours} hours.",
                hours=MAX_TIMER_SECONDS // 3600,
            )
        )
    total = state.timer_total + seconds
    if state.timer_paused_left is not None:
        return replace(state, timer_paused_left=new_left, timer_total=total)
    return replace(state, timer_ends_at=now + timedelta(seconds=new_left), timer_total=total)


def clear_timer(state: WorkshopState) -> WorkshopState:
    return replace(state, timer_ends_at=None, timer_paused_left=None, timer_total=0.0)


# --- who may do what ---------------------------------------------------------------------

# The actions only a facilitator may take, with how the refusal names them.
FACILITATOR_ONLY: Mapping[str, str] = {
    "phase": N_("change the phase"),
    "activity": N_("change the activity"),
    "timer": N_("run the timer"),
    "reveal": N_("reveal results"),
    "settings": N_("change the workshop settings"),
    "criteria": N_("edit the criteria"),
    "decide": N_("record decisions"),
    "session": N_("edit or delete the session"),
    "role": N_("change people's roles"),
}


def check_facilitator(person: Participant | None, action: str, facilitators: Sequence[str]) -> None:
    """Raise PermissionDenied unless ``person`` facilitates the session."""
    if person is not None and person.role is Role.FACILITATOR:
        return
    who = ", ".join(facilitators) or "nobody"
    if person is None:
        raise PermissionDenied(
            tr(
                "Only the facilitator ({who}) can {action}; join the session first.",
                who=who,
                action=tr(FACILITATOR_ONLY[action]),
            )
        )
    raise PermissionDenied(
        tr(
            "Only the facilitator ({who}) can {action}; {person_name} takes part as a participant.",
            who=who,
            action=tr(FACILITATOR_ONLY[action]),
            person_name=person.name,
        )
    )


def check_budget_change(
    votes: Iterable[Vote], budget: int, per_idea: int, names: Mapping[int, str]
) -> None:
    """New voting limits may not leave anyone already over them."""
    if not 1 <= budget <= MAX_BUDGET:
        raise InvalidInput(
            tr(
                "Each person's dots must be between 1 and {limit}; got {budget}.",
                limit=MAX_BUDGET,
                budget=budget,
            )
        )
    if not 1 <= per_idea <= budget:
        raise InvalidInput(
            tr(
                "The dots allowed on one idea must be between 1 and the budget "
                "({budget}); got {per_idea}.",
                budget=budget,
                per_idea=per_idea,
            )
        )
    spent: dict[int, int] = defaultdict(int)
    for v in votes:
        spent[v.participant_id] += v.dots
        if v.dots > per_idea:
            raise InvalidInput(
                tr(
                    "{person} already has {dots} dots on idea #{idea_id}; "
                    "the limit cannot go below that.",
                    person=names.get(v.participant_id, "?"),
                    dots=v.dots,
                    idea_id=v.idea_id,
                )
            )
    over = [pid for pid, n in spent.items() if n > budget]
    if over:
        raise InvalidInput(
            tr(
                "{person} has already used {spent} dots; the budget cannot go below that.",
                person=names.get(over[0], "?"),
                spent=spent[over[0]],
            )
        )


# --- what is visible -----------------------------------------------------------------------


def visible(idea: Idea, viewer_id: int | None) -> bool:
    """A private idea is seen by its author only, until the facilitator reveals it."""
    return not idea.private or (viewer_id is not None and idea.author_id == viewer_id)


# --- merged ideas pool their votes and scores ---------------------------------------------


def merge_roots(ideas: Iterable[Idea]) -> dict[int, int]:
    """Each idea's id mapped to the idea it was (transitively) merged into, or to itself."""
    parent = {i.id: i.merged_into_id for i in ideas}
    roots: dict[int, int] = {}
    for start in parent:
        seen = [start]
        node = start
        while (nxt := parent.get(node)) is not None and nxt not in seen:
            node = nxt
            seen.append(node)
        for n in seen:
            roots[n] = node
    return roots


def pooled_votes(votes: Iterable[Vote], roots: Mapping[int, int]) -> list[Vote]:
    """Votes moved onto the idea their idea was merged into; one person's dots on a merged
    group are added up. Nothing is dropped and the stored votes are not touched, so undoing
    the merge gives each idea its own votes back."""
    dots: dict[tuple[int, int], int] = defaultdict(int)
    for v in votes:
        dots[(roots.get(v.idea_id, v.idea_id), v.participant_id)] += v.dots
    return [Vote(0, idea, person, n) for (idea, person), n in dots.items()]


def pooled_scores(scores: Iterable[Score], roots: Mapping[int, int]) -> list[Score]:
    """Scores moved onto the merge root. A person who scored several ideas of one merged
    group counts once per criterion, with the mean of their scores."""
    values: dict[tuple[int, int, int], list[float]] = defaultdict(list)
    for s in scores:
        values[(roots.get(s.idea_id, s.idea_id), s.participant_id, s.criterion_id)].append(s.value)
    return [
        Score(0, idea, person, crit, math.fsum(vs) / len(vs))
        for (idea, person, crit), vs in values.items()
    ]


# --- disagreement ---------------------------------------------------------------------------

# Spread, as a share of the scale's range, from which people are said to disagree. A population
# standard deviation of 0.3 x range means e.g. 1s and 5s side by side on a 1-5 scale.
DISAGREEMENT = 0.3


@dataclass(frozen=True, slots=True)
class Disagreement:
    idea_id: int
    criterion_id: int
    spread: float  # population standard deviation, on the criterion's scale
    relative: float  # spread / scale range, 0..0.5
    aggregate: Aggregate


def disagreements(
    criteria: Sequence[Criterion], scores: Iterable[Score], *, threshold: float = DISAGREEMENT
) -> list[Disagreement]:
    """Idea-criterion pairs that two or more people scored far apart, most divided first."""
    by_id = {c.id: c for c in criteria}
    grouped: dict[tuple[int, int], list[float]] = defaultdict(list)
    for s in scores:
        if s.criterion_id in by_id:
            grouped[(s.idea_id, s.criterion_id)].append(s.value)
    found = []
    for (idea_id, cid), vals in grouped.items():
        agg = aggregate(vals)
        if agg is None or agg.n < 2:
            continue
        c = by_id[cid]
        rel = agg.spread / (c.scale_max - c.scale_min)
        if rel >= threshold:
            found.append(Disagreement(idea_id, cid, agg.spread, rel, agg))
    return sorted(found, key=lambda d: (-d.relative, d.idea_id, d.criterion_id))
