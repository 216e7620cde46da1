"""HTML writer: one self-contained report page.

No network, no scripts, no external assets: CSS is inline, the idea map is an SVG embedded as a
``data:`` image, and a Content-Security-Policy forbids everything else. Every piece of text that
came from a person or a model goes through ``html.escape(..., quote=True)``.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Iterable

from ideaforge.core import i18n
from ideaforge.core.i18n import N_, tr
from ideaforge.core.language import detect_language
from ideaforge.core.model import Idea, Language
from ideaforge.core.rules import IN_PLAY
from ideaforge.export.snapshot import (
    ANSWER_LABELS,
    CONCERN_LABELS,
    Facts,
    SessionSnapshot,
    derive,
    first_line,
)

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
# Colour-blind-safe palette (Okabe-Ito), repeated for many themes; grey for unthemed ideas.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
UNTHEMED = "#9E9E9E"
# The tags this writer emits; tests check that nothing else appears.
TAGS = frozenset(
    "html head meta title style body header main section footer h1 h2 h3 p ul li table thead "
    "tbody tr th td img span strong small div".split()
)

_STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK TC","Microsoft JhengHei",
sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f;line-height:1.5}
h1{font-size:1.8rem}h2{border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.text{white-space:pre-wrap}.muted{color:#666}.swatch{display:inline-block;width:.8rem;
height:.8rem;border-radius:50%;margin-right:.3rem;vertical-align:middle}
.map{max-width:100%;height:auto;border:1px solid #ddd}
.card{border:1px solid #ddd;border-radius:6px;padding:.5rem 1rem;margin:1rem 0}
"""


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _text(text: str) -> str:
    """A text block that keeps its line breaks (CSS pre-wrap) and is escaped. Text with Chinese
    in it says so (``lang``), so browsers and screen readers pick Traditional Chinese glyphs
    and voices; the report's own words are in the person's language (``tr``)."""
    lang = "" if detect_language(text) is Language.EN else ' lang="zh-Hant-TW"'
    return f'<span class="text"{lang}>{esc(text)}</span>'


# The enum values the report shows (statuses, phases, roles), marked for translation.
_WORDS = {
    v: v
    for v in (
        N_("active"), N_("shortlisted"), N_("pruned"), N_("merged"), N_("diverge"),
        N_("converge"), N_("decide"), N_("closed"), N_("facilitator"), N_("participant"),
        N_("proposed"), N_("accepted"), N_("rejected"), N_("deprecated"), N_("superseded"),
    )
}  # fmt: skip


def word(value: str) -> str:
    """A status, phase or role name in the report's language."""
    return tr(_WORDS[value]) if value in _WORDS else value


def _list(items: Iterable[str]) -> str:
    rows = "".join(f"<li>{i}</li>" for i in items)
    return f"<ul>{rows}</ul>" if rows else f'<p class="muted">{esc(tr("None."))}</p>'


def theme_colours(snapshot: SessionSnapshot) -> dict[int, str]:
    return {t.id: PALETTE[n % len(PALETTE)] for n, t in enumerate(snapshot.themes)}


def map_svg(snapshot: SessionSnapshot, width: int = 640, height: int = 420) -> str:
    """The idea map as an SVG document: one dot per placed idea, coloured by theme."""
    colours = theme_colours(snapshot)
    ideas = {i.id: i for i in snapshot.ideas}
    points = [(i, xy) for i, xy in snapshot.positions.items() if i in ideas]
    pad = 12.0
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}"><rect width="100%" height="100%" fill="#ffffff"/>'
    ]
    if points:
        xs = [float(xy[0]) for _, xy in points]
        ys = [float(xy[1]) for _, xy in points]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        sx = (width - 2 * pad) / (x1 - x0 or 1.0)
        sy = (height - 2 * pad) / (y1 - y0 or 1.0)
        for idea_id, (x, y) in points:
            theme = ideas[idea_id].theme_id
            fill = colours.get(theme, UNTHEMED) if theme is not None else UNTHEMED
            cx = pad + (float(x) - x0) * sx
            cy = height - pad - (float(y) - y0) * sy
            parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3" fill="{fill}"/>')
    parts.append("</svg>")
    return "".join(parts)


def _map(snapshot: SessionSnapshot) -> str:
    if not snapshot.positions:
        return f'<p class="muted">{esc(tr("No map yet: the ideas have not been placed."))}</p>'
    data = base64.b64encode(map_svg(snapshot).encode("utf-8")).decode("ascii")
    colours = theme_colours(snapshot)
    legend = [
        f'<span class="swatch" style="background:{colours[t.id]}"></span>{esc(t.label)}'
        for t in snapshot.themes
    ]
    legend.append(
        f'<span class="swatch" style="background:{UNTHEMED}"></span>{esc(tr("Not in a theme"))}'
    )
    return (
        f'<img class="map" alt="{esc(tr("Map of the ideas, coloured by theme"))}" '
        f'src="data:image/svg+xml;base64,{data}">' + _list(legend)
    )


def _themes(snapshot: SessionSnapshot, facts: Facts) -> str:
    colours = theme_colours(snapshot)
    by_theme: dict[int | None, list[Idea]] = {}
    for i in snapshot.ideas:
        if i.status in IN_PLAY:
            key = i.theme_id if i.theme_id in facts.themes else None
            by_theme.setdefault(key, []).append(i)
    out = []
    for t in snapshot.themes:
        members = by_theme.get(t.id, [])
        out.append(
            f'<h3><span class="swatch" style="background:{colours[t.id]}"></span>'
            f"{esc(t.label)} <small>({len(members)})</small></h3>"
            + _list(_text(i.text) for i in members)
        )
    if by_theme.get(None):
        out.append(
            f"<h3>{esc(tr('Not in a theme'))} <small>({len(by_theme[None])})</small></h3>"
            + _list(_text(i.text) for i in by_theme[None])
        )
    return "".join(out) or f'<p class="muted">{esc(tr("No themes yet."))}</p>'


def _scores(snapshot: SessionSnapshot, facts: Facts) -> str:
    rated = [
        i
        for i in snapshot.ideas
        if i.status in IN_PLAY and (i.id in facts.totals or i.id in facts.votes)
    ]
    if not rated:
        return f'<p class="muted">{esc(tr("Nothing has been scored or voted on yet."))}</p>'
    rated.sort(key=lambda i: (-(facts.totals[i.id].total if i.id in facts.totals else -1),
                              -facts.votes.get(i.id, 0), i.id))  # fmt: skip
    head = "".join(f'<th class="n">{esc(c.name)} <small>(×{c.weight:g})</small></th>'
                   for c in snapshot.criteria)  # fmt: skip
    rows = []
    for i in rated:
        t = facts.totals.get(i.id)
        cells = []
        for c in snapshot.criteria:
            agg = t.per_criterion.get(c.id) if t else None
            cells.append(f'<td class="n">{"" if agg is None else f"{agg.mean:.1f}"}</td>')
        total = "" if t is None else f"{t.total:.1f}"
        rows.append(
            f"<tr><td>{_text(first_line(i.text, 200))}</td><td>{esc(word(i.status.value))}</td>"
            f"<td>{esc(facts.source(i))}</td>{''.join(cells)}"
            f'<td class="n">{total}</td><td class="n">{facts.votes.get(i.id, 0)}</td></tr>'
        )
    return (
        f"<table><thead><tr><th>{esc(tr('Idea'))}</th><th>{esc(tr('Status'))}</th>"
        f"<th>{esc(tr('Source'))}</th>{head}"
        f'<th class="n">{esc(tr("Weighted total"))}</th><th class="n">{esc(tr("Votes"))}</th>'
        "</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _option_text(snapshot: SessionSnapshot, facts: Facts, decision_id: int, idea_id: int) -> str:
    idea = facts.ideas.get(idea_id)
    if idea is not None:
        return idea.text
    d = next(d for d in snapshot.decisions if d.id == decision_id)
    for detail in d.option_details:
        if detail.get("idea_id") == idea_id:
            return str(detail.get("text", ""))
    return tr("idea #{idea_id}", idea_id=idea_id)


def _decisions(snapshot: SessionSnapshot, facts: Facts) -> str:
    out = []
    for d in snapshot.decisions:
        n = facts.numbers[d.id]
        later = facts.superseded_by.get(d.id)
        status = (
            tr("superseded by {number:04d}", number=facts.numbers[later])
            if later
            else word(d.status.value)
        )
        options = []
        for detail in d.option_details:
            score = detail.get("score")
            options.append(
                f"{_text(first_line(str(detail.get('text', '')), 200))} "
                '<small class="muted">'
                + esc(
                    tr(
                        "(score {score}, {votes} votes, from {source})",
                        score="–" if score is None else score,
                        votes=detail.get("votes", 0),
                        source=detail.get("source") or detail.get("origin", ""),
                    )
                )
                + "</small>"
            )
        chosen = [_text(first_line(_option_text(snapshot, facts, d.id, i), 200)) for i in d.chosen]
        checklist = []
        for key, answers in d.risks.items():
            idea_id = int(key) if str(key).isdigit() else -1
            rows = "".join(
                f"<tr><td>{esc(tr(CONCERN_LABELS.get(k, k)))}</td>"
                f"<td>{esc(tr(ANSWER_LABELS.get(str(v.get('answer')), v.get('answer', ''))))}</td>"
                f"<td>{_text(str(v.get('note', '')))}</td></tr>"
                for k, v in dict(answers).items()
            )
            checklist.append(
                f"<p><strong>{_text(first_line(_option_text(snapshot, facts, d.id, idea_id)))}"
                f"</strong></p><table><thead><tr><th>{esc(tr('Concern'))}</th>"
                f"<th>{esc(tr('Answer'))}</th><th>{esc(tr('Note'))}</th>"
                f"</tr></thead><tbody>{rows}</tbody></table>"
            )
        out.append(
            f'<div class="card"><h3>{n:04d} {esc(d.title)}</h3>'
            f"<p><strong>{esc(tr('Status:'))}</strong> {esc(status)} · "
            f"<strong>{esc(tr('Date:'))}</strong> {esc(d.decided_on.isoformat())} · "
            f"<strong>{esc(tr('Decided by:'))}</strong> {esc(', '.join(d.deciders))}</p>"
            + (f"<p>{_text(d.context)}</p>" if d.context else "")
            + f"<p><strong>{esc(tr('Options weighed'))}</strong></p>"
            + _list(options)
            + f"<p><strong>{esc(tr('Chosen:'))}</strong> {'; '.join(chosen) or esc(tr('none'))}</p>"
            + f"<p><strong>{esc(tr('Because:'))}</strong> {_text(d.rationale)}</p>"
            + f"<p><strong>{esc(tr('Consequences'))}</strong></p>"
            + _list(
                [f"{esc(tr('Good:'))} {_text(c)}" for c in d.consequences_good]
                + [f"{esc(tr('Bad:'))} {_text(c)}" for c in d.consequences_bad]
            )
            + (
                f"<p><strong>{esc(tr('Confirmation:'))}</strong> {_text(d.confirmation)}</p>"
                if d.confirmation
                else ""
            )
            + f"<p><strong>{esc(tr('Responsibility checklist'))}</strong></p>"
            + ("".join(checklist) or f'<p class="muted">{esc(tr("None recorded."))}</p>')
            + "</div>"
        )
    return "".join(out) or f'<p class="muted">{esc(tr("No decisions yet."))}</p>'


def _runs(snapshot: SessionSnapshot) -> str:
    if not snapshot.runs:
        return f'<p class="muted">{esc(tr("No model runs: every idea came from people."))}</p>'
    rows = []
    for r in snapshot.runs:
        rows.append(
            f"<tr><td>{esc(r.model)}</td><td>{esc(r.device)}</td><td>{esc(r.status)}</td>"
            f'<td class="n">{r.kept}</td><td class="n">{r.prompt_tokens}</td>'
            f'<td class="n">{r.generated_tokens}</td><td class="n">{r.seconds:.1f}</td>'
            f'<td class="n">{r.energy_wh:.2f}</td></tr>'
        )
    total_s = sum(r.seconds for r in snapshot.runs)
    total_wh = sum(r.energy_wh for r in snapshot.runs)
    total_tok = sum(r.prompt_tokens + r.generated_tokens for r in snapshot.runs)
    return (
        f"<table><thead><tr><th>{esc(tr('Model'))}</th><th>{esc(tr('Device'))}</th>"
        f"<th>{esc(tr('Status'))}</th>"
        f'<th class="n">{esc(tr("Ideas kept"))}</th><th class="n">{esc(tr("Prompt tokens"))}</th>'
        f'<th class="n">{esc(tr("Generated tokens"))}</th><th class="n">{esc(tr("Seconds"))}</th>'
        f'<th class="n">{esc(tr("Energy (Wh)"))}</th></tr></thead><tbody>{"".join(rows)}'
        "</tbody></table><p>"
        + esc(
            tr(
                "In all: {tokens} tokens, {seconds:.1f} s, {wh:.2f} Wh.",
                tokens=total_tok,
                seconds=total_s,
                wh=total_wh,
            )
        )
        + "</p>"
    )


def render(snapshot: SessionSnapshot) -> str:
    """The whole report as one HTML document."""
    facts = derive(snapshot)
    s = snapshot.session
    people = ", ".join(f"{p.name} ({word(p.role.value)})" for p in snapshot.participants)
    counts: dict[str, int] = {}
    for i in snapshot.ideas:
        counts[i.status.value] = counts.get(i.status.value, 0) + 1
    summary = ", ".join(f"{n} {word(k)}" for k, n in sorted(counts.items()))
    lang = "zh-Hant-TW" if i18n.language() == "zh-TW" else "en"
    stated = tr("Not stated.")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        + f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        + '<meta name="viewport" content="width=device-width, initial-scale=1">'
        + '<meta name="referrer" content="no-referrer">'
        + f"<title>{esc(s.title)} – IdeaForge</title><style>{_STYLE}</style></head><body>"
        + f'<header><h1>{_text(s.title)}</h1><p class="muted">'
        + esc(
            tr(
                "Exported from IdeaForge {version} on {when} UTC · phase {phase}",
                version=snapshot.app_version,
                when=snapshot.exported_at.strftime("%Y-%m-%d %H:%M"),
                phase=word(s.phase.value),
            )
        )
        + "</p></header><main>"
        + f"<section><h2>{esc(tr('Challenge'))}</h2><p>{_text(s.challenge)}</p>"
        + f"<h2>{esc(tr('Intent'))}</h2><p>{_text(s.intent or stated)}</p>"
        + f"<h2>{esc(tr('Values'))}</h2><p>{_text(s.values or stated)}</p>"
        + f"<p><strong>{esc(tr('Participants:'))}</strong> {esc(people) or esc(tr('none'))}</p>"
        + f"<p><strong>{esc(tr('Ideas:'))}</strong> {len(snapshot.ideas)} "
        + f"({esc(summary) or esc(tr('none'))})</p>"
        + "</section>"
        + f"<section><h2>{esc(tr('Themes'))}</h2>{_themes(snapshot, facts)}</section>"
        + f"<section><h2>{esc(tr('Map'))}</h2>{_map(snapshot)}</section>"
        + f"<section><h2>{esc(tr('Scores and votes'))}</h2>{_scores(snapshot, facts)}</section>"
        + f"<section><h2>{esc(tr('Decisions'))}</h2>{_decisions(snapshot, facts)}</section>"
        + f"<section><h2>{esc(tr('Model footprint'))}</h2>{_runs(snapshot)}</section>"
        + '</main><footer><p class="muted">'
        + esc(
            tr(
                "Generated by IdeaForge. Ideas written by a model are marked with the model and "
                "lens that wrote them."
            )
        )
        + "</p></footer></body></html>\n"
    )
