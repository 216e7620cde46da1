"""Client programs for the multi-process workshop tests: each runs in its own process with its
own connection, as a participant on another machine would."""

from __future__ import annotations

import json
import time
from pathlib import Path


def vote_spree(url: str, actor: str, idea_ids: list[int], start_at: float, out: str) -> None:
    """Put one dot on each idea as fast as possible, from ``start_at`` on; write how many
    votes were taken and refused."""
    from ideaforge.core.errors import InvalidInput
    from ideaforge.services.workspace import Workspace
    from ideaforge.store import open_store

    ws = Workspace(open_store(url), actor)
    taken = refused = 0
    time.sleep(max(0.0, start_at - time.time()))
    for idea in idea_ids:
        try:
            ws.scoring.vote(idea, 1)
            taken += 1
        except InvalidInput:
            refused += 1
    ws.close()
    Path(out).write_text(json.dumps({"taken": taken, "refused": refused}))


def add_ideas(url: str, actor: str, session_id: int, n: int, journal: str) -> None:
    """Add ideas 'actor-k' for k = 0..n-1, skipping those already in the session (a restarted
    client picks up where it stopped), and journal each one after it is committed."""
    from ideaforge.services.workspace import Workspace
    from ideaforge.store import open_store

    ws = Workspace(open_store(url), actor)
    ws.workshop.join(session_id)
    have = {i.text for i in ws.ideas.list(session_id)}
    with open(journal, "a", encoding="utf-8") as fh:
        for k in range(n):
            text = f"{actor}-{k}: a suggestion box for the library"
            if text in have:
                continue
            idea = ws.ideas.add(session_id, text)
            fh.write(f"{idea.id}\n")
            fh.flush()
            time.sleep(0.02)
    ws.close()


def add_one(url: str, actor: str, session_id: int, text: str) -> None:
    from ideaforge.services.workspace import Workspace
    from ideaforge.store import open_store

    ws = Workspace(open_store(url), actor)
    ws.ideas.add(session_id, text)
    ws.close()
