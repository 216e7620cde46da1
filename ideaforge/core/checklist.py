"""The responsibility checklist every chosen idea is answered against before a decision is
recorded: one answer (and, for a concern, a note) per question."""

from __future__ import annotations

CONCERNS: dict[str, str] = {
    "misinformation": "Misinformation or false claims",
    "bias": "Bias and fairness",
    "copyright": "Copyright and IP",
    "privacy": "Privacy",
    "safety": "Safety",
}
ANSWERS: dict[str, str] = {
    "none": "No concern",
    "mitigated": "Concern, mitigated",
    "accepted": "Concern, risk accepted",
}
NEEDS_NOTE = frozenset({"mitigated", "accepted"})  # these answers must say how, or why
