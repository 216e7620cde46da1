"""A whole session as plain data, read in one transaction: what every writer renders.

The writers in this package take a :class:`SessionSnapshot` and return text; they never touch
the database, the network or Qt. :func:`derive` computes what several writers need (weighted
totals, votes, who wrote what) once.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from ideaforge.core import rules
from ideaforge.core.checklist import ANSWERS, CONCERNS
from ideaforge.core.model import (
    Criterion,
    Decision,
    GenerationRun,
    Idea,
    Origin,
    Participant,
    Score,
    Session,
    Theme,
    Vote,
    utcnow,
)
from ideaforge.core.workshop import merge_roots, pooled_scores, pooled_votes

# Labels of the responsibility checklist (keys as stored in Decision.risks). Unknown keys are
# shown as they are, so a newer checklist still renders.
# The checklist's English labels (one definition, in core).
CONCERN_LABELS = CONCERNS
ANSWER_LABELS = ANSWERS


@dataclass(frozen=True, slots=True)
class SessionSnapshot:
    """Everything about one session. Ideas, themes, criteria and decisions in id/log order."""

    session: Session
    participants: tuple[Participant, ...] = ()
    ideas: tuple[Idea, ...] = ()
    themes: tuple[Theme, ...] = ()
    criteria: tuple[Criterion, ...] = ()
    scores: tuple[Score, ...] = ()
    votes: tuple[Vote, ...] = ()
    decisions: tuple[Decision, ...] = ()
    runs: tuple[GenerationRun, ...] = ()
    positions: Mapping[int, tuple[float, float]] = field(default_factory=dict)  # idea -> (x, y)
    exported_at: datetime = field(default_factory=utcnow)
    app_version: str = ""

    @property
    def participant_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.participants)


@dataclass(frozen=True, slots=True)
class Facts:
    """What the writers derive from a snapshot, computed once."""

    ideas: dict[int, Idea]
    people: dict[int, str]  # participant id -> name
    themes: dict[int, Theme]
    totals: dict[int, rules.WeightedTotal]
    votes: dict[int, int]
    numbers: dict[int, int]  # decision id -> its number in the session (1, 2, ...)
    superseded_by: dict[int, int]  # decision id -> id of the later record replacing it

    def source(self, idea: Idea) -> str:
        """Who wrote an idea: a person's name, or model and lens."""
        if idea.origin is Origin.MODEL:
            return idea.source_label
        name = self.people.get(idea.author_id) if idea.author_id is not None else None
        if idea.origin is Origin.IMPORTED:
            return f"imported by {name}" if name else "imported"
        return name or "person"

    def theme_label(self, idea: Idea) -> str:
        theme = self.themes.get(idea.theme_id) if idea.theme_id is not None else None
        return theme.label if theme else ""


def derive(snapshot: SessionSnapshot) -> Facts:
    numbers = {d.id: n for n, d in enumerate(snapshot.decisions, start=1)}
    superseded_by: dict[int, int] = {}
    for d in snapshot.decisions:
        if d.supersedes_id is not None and d.supersedes_id in numbers:
            superseded_by[d.supersedes_id] = d.id
    # Ideas merged into another count there, as in the app: their votes and scores are pooled.
    roots = merge_roots(snapshot.ideas)
    return Facts(
        ideas={i.id: i for i in snapshot.ideas},
        people={p.id: p.name for p in snapshot.participants},
        themes={t.id: t for t in snapshot.themes},
        totals=rules.weighted_totals(snapshot.criteria, pooled_scores(snapshot.scores, roots)),
        votes=rules.vote_counts(pooled_votes(snapshot.votes, roots)),
        numbers=numbers,
        superseded_by=superseded_by,
    )


def first_line(text: str, limit: int = 80) -> str:
    """A one-line title for a longer text."""
    line = text.strip().split("\n", 1)[0].strip()
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _is_cjk(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF  # CJK unified ideographs
        or 0x3400 <= cp <= 0x4DBF  # extension A
        or 0x20000 <= cp <= 0x2EBEF  # extensions B-F
        or 0xF900 <= cp <= 0xFAFF  # compatibility ideographs
        or 0x3040 <= cp <= 0x30FF  # hiragana, katakana
        or 0xAC00 <= cp <= 0xD7AF  # hangul syllables
    )


def slugify(title: str, limit: int = 60, fallback: str = "decision") -> str:
    """A file-name-safe slug: lower-case ASCII letters and digits, CJK characters, hyphens.

    Accents are dropped (``Café`` -> ``cafe``); everything else becomes a hyphen.
    """
    out: list[str] = []
    for ch in unicodedata.normalize("NFKC", title):
        if _is_cjk(ch):
            out.append(ch)
            continue
        for base in unicodedata.normalize("NFKD", ch):
            if base.isascii() and base.isalnum():
                out.append(base.lower())
            elif unicodedata.combining(base):
                continue
            else:
                out.append("-")
    slug = "-".join(part for part in "".join(out).split("-") if part)
    slug = slug[:limit].strip("-")
    return slug or fallback
