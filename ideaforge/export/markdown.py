"""Markdown writer: one MADR 4 record per decision plus a README for the session.

``render(snapshot)`` returns ``{relative path: text}``::

    README.md                       the session: challenge, intent, values, themes, decisions
    decisions/0001-<slug>.md        one MADR 4 record per decision, numbered in log order

Text written by people or models is escaped just enough that it cannot change the document's
structure: ``<`` and ``>`` become entities, Markdown punctuation is backslash-escaped, and the
lines of a multi-line text stay indented inside their list item.
"""

from __future__ import annotations

import json
import re

from ideaforge.core.model import Decision, Idea, IdeaStatus
from ideaforge.core.rules import IN_PLAY, normalise
from ideaforge.export.snapshot import (
    ANSWER_LABELS,
    CONCERN_LABELS,
    Facts,
    SessionSnapshot,
    derive,
    first_line,
    slugify,
)

_INLINE = re.compile(r"([\\`*_\[\]|])")
_LINE_START = re.compile(r"^(\s*)([#+\-=>~]|\d+[.)])")
# Characters YAML will not take raw in a double-quoted scalar (or reads as line breaks).
_YAML_UNSAFE = re.compile(
    "[^\t\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


def md(text: str) -> str:
    """Inline-safe Markdown for one line of text (line breaks become spaces)."""
    text = " ".join(text.replace("\r", "\n").split("\n"))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _INLINE.sub(r"\\\1", text)
    return _LINE_START.sub(r"\1\\\2", text)


def md_block(text: str, indent: str = "") -> str:
    """Several lines of text, each escaped, continuation lines indented by ``indent``."""
    lines = [md(line) for line in text.split("\n")]
    return ("\n" + indent).join(lines).replace("\n" + indent + "\n", "\n\n")


def item(text: str, bullet: str = "-") -> str:
    """A list item whose extra lines stay inside the item."""
    return f"{bullet} {md_block(text, ' ' * (len(bullet) + 1))}"


def yaml_str(text: str) -> str:
    """A double-quoted YAML scalar (JSON string syntax, which YAML reads unchanged)."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def yaml_list(values: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(yaml_str(v) for v in values) + "]"


def decision_filename(number: int, title: str) -> str:
    return f"{number:04d}-{slugify(title)}.md"


def _status(decision: Decision, facts: Facts, snapshot: SessionSnapshot) -> str:
    later = facts.superseded_by.get(decision.id)
    if later is not None:
        return f"superseded by {facts.numbers[later]:04d}"
    return decision.status.value


def _option(decision: Decision, idea_id: int, facts: Facts) -> dict[str, object]:
    """An option as it stood when decided (option_details), else as it is now."""
    for d in decision.option_details:
        if d.get("idea_id") == idea_id:
            return dict(d)
    idea = facts.ideas.get(idea_id)
    t = facts.totals.get(idea_id)
    return {
        "idea_id": idea_id,
        "text": idea.text if idea else f"(idea #{idea_id} no longer exists)",
        "source": facts.source(idea) if idea else "",
        "score": None if t is None else round(t.total, 1),
        "votes": facts.votes.get(idea_id, 0),
    }


def _origin(idea: Idea | None, detail: dict[str, object], facts: Facts) -> str:
    if idea is not None:
        return facts.source(idea)
    return str(detail.get("source") or detail.get("origin") or "unknown")


def render_decision(snapshot: SessionSnapshot, decision: Decision, facts: Facts) -> str:
    out: list[str] = [
        "---",
        f"status: {yaml_str(_status(decision, facts, snapshot))}",
        f"date: {yaml_str(decision.decided_on.isoformat())}",
        f"decision-makers: {yaml_list(decision.deciders)}",
        f"consulted: {yaml_list(decision.consulted)}",
        f"informed: {yaml_list(decision.informed)}",
        "---",
        "",
        f"# {md(decision.title)}",
        "",
        "## Context and Problem Statement",
        "",
        md_block(decision.context or snapshot.session.challenge),
        "",
        "## Decision Drivers",
        "",
    ]
    drivers = decision.drivers or tuple(
        f"{c.name} (weight {c.weight:g}, {'higher' if c.higher_is_better else 'lower'} is better)"
        for c in snapshot.criteria
    )
    out += [item(d) for d in drivers] or ["No weighted criteria were recorded."]
    out += ["", "## Considered Options", ""]
    options = [(i, _option(decision, i, facts)) for i in decision.options]
    for idea_id, detail in options:
        idea = facts.ideas.get(idea_id)
        score = detail.get("score")
        score_text = "not scored" if score is None else f"score {score}"
        votes = detail.get("votes", 0)
        plural = "" if votes == 1 else "s"
        meta = f"{score_text}, {votes} vote{plural}, from {_origin(idea, detail, facts)}"
        out.append(item(f"{first_line(str(detail['text']))} ({meta})"))
    out += ["", "## Decision Outcome", ""]
    chosen = [first_line(str(_option(decision, i, facts)["text"])) for i in decision.chosen]
    if chosen:
        names = ", ".join(f'"{md(c)}"' for c in chosen)
        out.append(f"Chosen option: {names}, because {md_block(decision.rationale)}")
    else:
        out.append(f"No option was chosen, because {md_block(decision.rationale)}")
    out += ["", "### Consequences", ""]
    good = [item(f"Good, because {c}", "*") for c in decision.consequences_good]
    bad = [item(f"Bad, because {c}", "*") for c in decision.consequences_bad]
    out += good + bad or ["None recorded."]
    out += ["", "### Confirmation", "", md_block(decision.confirmation or "Not specified."), ""]
    out += ["## Pros and Cons of the Options", ""]
    for idea_id, detail in options:
        out += [f"### {md(first_line(str(detail['text'])))}", ""]
        text = str(detail["text"])
        if "\n" in text or len(text) > 80:
            out += [md_block(text), ""]
        out += [*_pros_and_cons(snapshot, facts, idea_id), ""]
    out += ["## Intent and Values", ""]
    out += [f"**Intent:** {md_block(snapshot.session.intent or 'Not stated.')}", ""]
    out += [f"**Values:** {md_block(decision.values or snapshot.session.values or 'Not stated.')}"]
    out += ["", "## Responsibility Checklist", ""]
    if not decision.risks:
        out.append("No checklist was recorded.")
    for key, answers in decision.risks.items():
        idea_id = int(key) if str(key).isdigit() else -1
        title = first_line(str(_option(decision, idea_id, facts)["text"]))
        out += [f"### {md(title)}", ""]
        for concern, entry in dict(answers).items():
            label = CONCERN_LABELS.get(concern, concern)
            answer = str(entry.get("answer", ""))
            line = f"{label}: {ANSWER_LABELS.get(answer, answer)}"
            note = str(entry.get("note", ""))
            out.append(item(f"{line}. {note}" if note else line))
        out.append("")
    if decision.supersedes_id is not None and decision.supersedes_id in facts.numbers:
        old = next(d for d in snapshot.decisions if d.id == decision.supersedes_id)
        n = facts.numbers[old.id]
        out += ["## More Information", ""]
        out += [f"Supersedes [{n:04d} {md(old.title)}]({decision_filename(n, old.title)}).", ""]
    return "\n".join(out).rstrip() + "\n"


def _pros_and_cons(snapshot: SessionSnapshot, facts: Facts, idea_id: int) -> list[str]:
    """Pros and cons from the option's mean score on each criterion."""
    t = facts.totals.get(idea_id)
    lines = []
    for c in snapshot.criteria:
        agg = t.per_criterion.get(c.id) if t else None
        if agg is None:
            continue
        share = normalise(c, agg.mean)
        verdict = "Good" if share >= 0.6 else "Bad" if share <= 0.4 else "Neutral"
        lines.append(
            item(
                f"{verdict}, because {c.name} scores {agg.mean:.1f} "
                f"on {c.scale_min}–{c.scale_max} ({'higher' if c.higher_is_better else 'lower'}"
                f" is better, {agg.n} scorer{'s' if agg.n != 1 else ''})",
                "*",
            )
        )
    return lines or ["No scores were given."]


def render_readme(snapshot: SessionSnapshot, facts: Facts | None = None) -> str:
    facts = facts or derive(snapshot)
    s = snapshot.session
    counts = {st.value: 0 for st in IdeaStatus}
    for i in snapshot.ideas:
        counts[i.status.value] += 1
    out = [
        f"# {md(s.title)}",
        "",
        f"Exported from IdeaForge {snapshot.app_version} on "
        f"{snapshot.exported_at.strftime('%Y-%m-%d %H:%M')} UTC. Phase: {s.phase.value}.",
        "",
        "## Challenge",
        "",
        md_block(s.challenge),
        "",
        "## Intent",
        "",
        md_block(s.intent or "Not stated."),
        "",
        "## Values",
        "",
        md_block(s.values or "Not stated."),
        "",
        "## Counts",
        "",
        f"- Ideas: {len(snapshot.ideas)} ("
        + ", ".join(f"{n} {k}" for k, n in counts.items())
        + ")",
        f"- Participants: {len(snapshot.participants)}",
        f"- Themes: {len(snapshot.themes)}",
        f"- Decisions: {len(snapshot.decisions)}",
        "",
        "## Themes",
        "",
    ]
    in_play = [i for i in snapshot.ideas if i.status in IN_PLAY]
    by_theme: dict[int | None, list[Idea]] = {}
    for i in in_play:
        by_theme.setdefault(i.theme_id if i.theme_id in facts.themes else None, []).append(i)
    for theme in snapshot.themes:
        members = by_theme.get(theme.id, [])
        out += [f"### {md(theme.label)} ({len(members)})", ""]
        out += [item(i.text) for i in members] or ["No ideas."]
        out.append("")
    if by_theme.get(None):
        out += [f"### Not in a theme ({len(by_theme[None])})", ""]
        out += [item(i.text) for i in by_theme[None]] + [""]
    out += ["## Decisions", ""]
    for d in snapshot.decisions:
        n = facts.numbers[d.id]
        status = _status(d, facts, snapshot)
        out.append(
            f"- [{n:04d} {md(d.title)}](decisions/{decision_filename(n, d.title)}) ({status})"
        )
    if not snapshot.decisions:
        out.append("No decisions yet.")
    return "\n".join(out).rstrip() + "\n"


def render(snapshot: SessionSnapshot) -> dict[str, str]:
    """Every file of a Markdown export, by path relative to the export folder."""
    facts = derive(snapshot)
    files = {"README.md": render_readme(snapshot, facts)}
    for d in snapshot.decisions:
        name = decision_filename(facts.numbers[d.id], d.title)
        files[f"decisions/{name}"] = render_decision(snapshot, d, facts)
    return files
