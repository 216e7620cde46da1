"""Domain objects. Plain, immutable dataclasses that every layer passes around.

Identifiers are integers assigned by the store; an object not yet stored has ``id == 0``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

JSONDict = dict[str, Any]


def utcnow() -> datetime:
    return datetime.now(UTC)


class Phase(enum.StrEnum):
    """The phases of a brainstorm. The AI only takes part in DIVERGE."""

    DIVERGE = "diverge"
    CONVERGE = "converge"
    DECIDE = "decide"
    CLOSED = "closed"


class Language(enum.StrEnum):
    EN = "en"
    ZH_TW = "zh-TW"
    MIXED = "mixed"


class Role(enum.StrEnum):
    FACILITATOR = "facilitator"
    PARTICIPANT = "participant"


class Origin(enum.StrEnum):
    HUMAN = "human"
    MODEL = "model"
    IMPORTED = "imported"


class IdeaStatus(enum.StrEnum):
    ACTIVE = "active"
    PRUNED = "pruned"
    MERGED = "merged"
    SHORTLISTED = "shortlisted"


class DecisionStatus(enum.StrEnum):
    """MADR 4 statuses."""

    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    DEPRECATED = "deprecated"
    SUPERSEDED = "superseded"


@dataclass(frozen=True, slots=True)
class Session:
    """One brainstorm: a challenge, the intent and values that should guide the choice, a phase."""

    id: int
    title: str
    challenge: str
    intent: str = ""
    values: str = ""
    phase: Phase = Phase.DIVERGE
    language: Language = Language.EN
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)


@dataclass(frozen=True, slots=True)
class Participant:
    id: int
    session_id: int
    name: str
    role: Role = Role.PARTICIPANT
    created_at: datetime = field(default_factory=utcnow)


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a model-written idea came from: enough to reproduce the run."""

    model: str
    lens: str = ""
    settings: JSONDict = field(default_factory=dict)
    seed: int | None = None
    run_id: str = ""

    def to_json(self) -> JSONDict:
        return {
            "model": self.model,
            "lens": self.lens,
            "settings": dict(self.settings),
            "seed": self.seed,
            "run_id": self.run_id,
        }

    @classmethod
    def from_json(cls, data: JSONDict | None) -> Provenance | None:
        if not data:
            return None
        return cls(
            model=str(data.get("model", "")),
            lens=str(data.get("lens", "")),
            settings=dict(data.get("settings") or {}),
            seed=data.get("seed"),
            run_id=str(data.get("run_id", "")),
        )


@dataclass(frozen=True, slots=True)
class Idea:
    id: int
    session_id: int
    text: str
    origin: Origin = Origin.HUMAN
    author_id: int | None = None
    provenance: Provenance | None = None
    status: IdeaStatus = IdeaStatus.ACTIVE
    prune_reason: str = ""
    merged_into_id: int | None = None
    theme_id: int | None = None
    language: Language = Language.EN
    theme_pinned: bool = False  # a person placed it in its theme; re-clustering leaves it there
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    private: bool = False  # silent ideation: only its author sees it until it is revealed

    @property
    def source_label(self) -> str:
        """Short human-readable origin, e.g. 'person' or 'qwen2.5-1.5b · SCAMPER: adapt'."""
        if self.origin is Origin.MODEL and self.provenance is not None:
            lens = f" · {self.provenance.lens}" if self.provenance.lens else ""
            return f"{self.provenance.model}{lens}"
        return self.origin.value


@dataclass(frozen=True, slots=True)
class Theme:
    id: int
    session_id: int
    label: str
    keywords: tuple[str, ...] = ()
    user_label: bool = False  # True once a person renamed it: re-clustering keeps the name


@dataclass(frozen=True, slots=True)
class Criterion:
    """A scoring criterion. ``higher_is_better=False`` for costs such as effort or risk."""

    id: int
    session_id: int
    name: str
    weight: float = 1.0
    scale_min: int = 1
    scale_max: int = 5
    higher_is_better: bool = True


@dataclass(frozen=True, slots=True)
class Score:
    id: int
    idea_id: int
    participant_id: int
    criterion_id: int
    value: float


@dataclass(frozen=True, slots=True)
class Vote:
    """Dots one participant put on one idea."""

    id: int
    idea_id: int
    participant_id: int
    dots: int = 1


@dataclass(frozen=True, slots=True)
class Decision:
    """A decision record with the MADR 4 fields plus the values and risks people acknowledged."""

    id: int
    session_id: int
    title: str
    status: DecisionStatus = DecisionStatus.PROPOSED
    decided_on: date = field(default_factory=lambda: utcnow().date())
    deciders: tuple[str, ...] = ()
    consulted: tuple[str, ...] = ()
    informed: tuple[str, ...] = ()
    context: str = ""
    drivers: tuple[str, ...] = ()
    options: tuple[int, ...] = ()  # idea ids weighed
    chosen: tuple[int, ...] = ()  # idea ids chosen, a subset of options
    outcome: str = ""
    rationale: str = ""
    consequences_good: tuple[str, ...] = ()
    consequences_bad: tuple[str, ...] = ()
    confirmation: str = ""
    values: str = ""
    risks: JSONDict = field(default_factory=dict)  # responsibility checklist answers
    # The options as they stood when decided: text, origin, weighted total, votes.
    option_details: tuple[JSONDict, ...] = ()
    supersedes_id: int | None = None
    created_at: datetime = field(default_factory=utcnow)
    seq: int = 0  # the record's number in its session's log, from 1
    prev_hash: str = ""  # the previous record's hash (64 zeros for the first)
    record_hash: str = ""  # SHA-256 over this record and prev_hash (core/chain.py)


@dataclass(frozen=True, slots=True)
class AuditEvent:
    """One change, as it happened: who, what, when, and the state before and after."""

    id: int
    session_id: int | None
    actor: str
    action: str
    entity: str
    entity_id: int | None
    before: JSONDict | None = None
    after: JSONDict | None = None
    at: datetime = field(default_factory=utcnow)


@dataclass(frozen=True, slots=True)
class GenerationRun:
    """One generation run and its footprint: what ran where, how long, and what it cost."""

    id: str
    session_id: int
    model: str
    device: str
    settings: JSONDict = field(default_factory=dict)
    status: str = "running"  # running, finished, cancelled, failed
    message: str = ""
    requested: int = 0
    raw_outputs: int = 0
    kept: int = 0
    rejected: dict[str, int] = field(default_factory=dict)
    rejected_samples: list[JSONDict] = field(default_factory=list)
    prompt_tokens: int = 0
    generated_tokens: int = 0
    seconds: float = 0.0
    power_watts: float = 0.0
    energy_wh: float = 0.0
    started_at: datetime = field(default_factory=utcnow)
    finished_at: datetime | None = None
