"""CSV writer: one row per idea, for spreadsheets.

Columns: id, text, status, prune_reason, merged_into, theme, origin, source, language,
created_at, one ``score: <criterion>`` column per criterion (mean of everyone's scores),
weighted_total (0..100), votes, then provenance: model, lens, run_id, seed, settings (compact
JSON). Text cells that a spreadsheet would read as a formula (starting with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return) get a leading apostrophe; numbers are left as they are.
"""

from __future__ import annotations

import csv
import io
import json

from ideaforge.export.snapshot import SessionSnapshot, derive

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
FIXED_COLUMNS = (
    "id", "text", "status", "prune_reason", "merged_into", "theme", "origin", "source",
    "language", "created_at",
)  # fmt: skip
TAIL_COLUMNS = (
    "weighted_total", "votes", "model", "lens", "run_id", "seed", "settings",
)  # fmt: skip


def safe_cell(text: str) -> str:
    """Neutralise formula injection: a text cell that starts like a formula gets a ``'``."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def render(snapshot: SessionSnapshot, *, bom: bool = False) -> str:
    facts = derive(snapshot)
    buffer = io.StringIO()
    if bom:
        buffer.write(BOM)
    writer = csv.writer(buffer, lineterminator="\r\n")
    header = [*FIXED_COLUMNS, *(f"score: {c.name}" for c in snapshot.criteria), *TAIL_COLUMNS]
    writer.writerow([safe_cell(h) for h in header])
    for i in snapshot.ideas:
        t = facts.totals.get(i.id)
        means = []
        for c in snapshot.criteria:
            agg = t.per_criterion.get(c.id) if t else None
            means.append("" if agg is None else round(agg.mean, 3))
        p = i.provenance
        text_cells = [
            i.text, i.status.value, i.prune_reason, "", facts.theme_label(i), i.origin.value,
            facts.source(i), i.language.value, i.created_at.isoformat(),
        ]  # fmt: skip
        row: list[object] = [i.id, *(safe_cell(c) for c in text_cells)]
        row[4] = "" if i.merged_into_id is None else i.merged_into_id
        row += means
        row += [
            "" if t is None else round(t.total, 1),
            facts.votes.get(i.id, 0),
            safe_cell(p.model) if p else "",
            safe_cell(p.lens) if p else "",
            safe_cell(p.run_id) if p else "",
            "" if p is None or p.seed is None else p.seed,
            safe_cell(json.dumps(p.settings, ensure_ascii=False, separators=(",", ":"),
                                 sort_keys=True)) if p else "",
        ]  # fmt: skip
        writer.writerow(row)
    return buffer.getvalue()
