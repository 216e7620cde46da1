"""The responsibility checklist every chosen idea is answered against before a decision is
recorded: one answer (and, for a concern, a note) per question."""

from __future__ import annotations

from ideaforge.core.i18n import N_

CONCERNS: dict[str, str] = {
    "misinformation": N_("Misinformation or false claims"),
    "bias": N_("Bias and fairness"),
    "copyright": N_("Copyright and IP"),
    "privacy": N_("Privacy"),
    "safety": N_("Safety"),
}
ANSWERS: dict[str, str] = {
    "none": N_("No concern"),
    "mitigated": N_("Concern, mitigated"),
    "accepted": N_("Concern, risk accepted"),
}
NEEDS_NOTE = frozenset({"mitigated", "accepted"})  # these answers must say how, or why
