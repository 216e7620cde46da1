"""Converge: embed a session's ideas, suggest near-duplicates, group themes, map, measure.

The machine suggests; people decide. Dedupe never merges on its own: ``accept`` merges the groups
a person chose (all, or some), each merge is audited and ``split`` undoes it. Themes are
re-clustered on request; a theme keeps its id (and a person's name for it) when most of its
members stay together, and an idea a person moved stays where they put it.

In play are the session's active and shortlisted ideas; pruned and merged ones are left out.
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from ideaforge.analysis import dedupe, keywords, layout, metrics, neighbors, themes
from ideaforge.analysis.embedders import (
    BACKENDS,
    SPECS,
    Embedder,
    embedder_for_language,
    make_embedder,
)
from ideaforge.analysis.metrics import Metrics
from ideaforge.core.errors import InvalidInput
from ideaforge.core.i18n import N_, tr
from ideaforge.core.model import Idea, IdeaStatus, Language, Origin, Theme
from ideaforge.core.progress import CancelToken, Progress, no_progress
from ideaforge.core.rules import IN_PLAY
from ideaforge.core.text import MAX_SHORT_CHARS, require_text
from ideaforge.services.workshop import visible_idea
from ideaforge.services.workspace import Change

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from ideaforge.services.workspace import Workspace
    from ideaforge.store.repositories import UnitOfWork

ENV_EMBED_BACKEND = "IDEAFORGE_EMBED_BACKEND"
ENV_EMBEDDER = "IDEAFORGE_EMBEDDER"
WRITE_BATCH = 256  # vectors saved per transaction: a cancel keeps every finished batch


def text_sha(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class Vectors:
    """The in-play ideas of a session and their unit vectors, row for row."""

    model_id: str
    ideas: list[Idea]
    matrix: npt.NDArray[np.float32]
    computed: int  # how many were embedded now (the rest came from the store)


@dataclass(frozen=True, slots=True)
class DuplicateGroup:
    canonical: Idea
    members: tuple[tuple[Idea, float], ...]  # (idea, cosine similarity to the canonical one)


@dataclass(frozen=True, slots=True)
class ThemeView:
    theme: Theme
    ideas: tuple[Idea, ...]


@dataclass(frozen=True, slots=True)
class MapPoint:
    idea_id: int
    x: float
    y: float
    theme_id: int | None


@dataclass(slots=True)
class AnalysisReport:
    session_id: int
    embedder: str
    threshold: float
    groups: list[DuplicateGroup]
    themes: list[ThemeView]
    unthemed: list[Idea]
    points: list[MapPoint]
    metrics: Metrics
    run_metrics: dict[str, Metrics] = field(default_factory=dict)
    novelty: dict[int, float] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


class AnalysisService:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self._embedders: dict[tuple[str, str, str], Embedder] = {}
        self._lock = threading.Lock()

    # ----- embeddings -----

    def embedder_id(self, session_id: int, language: str | None = None) -> str:
        """The embedder for the session: IDEAFORGE_EMBEDDER, else by the language of its ideas
        (``language`` when the caller has already read it)."""
        chosen = os.environ.get(ENV_EMBEDDER)
        if chosen:
            if chosen not in SPECS:
                raise InvalidInput(
                    tr(
                        "{variable}={chosen} names no embedder. Known: {known}.",
                        variable=ENV_EMBEDDER,
                        chosen=chosen,
                        known=", ".join(SPECS),
                    )
                )
            return chosen

        return embedder_for_language(language or self.content_language(session_id))

    def content_language(self, session_id: int) -> str:
        """The language of the session's ideas: its own, except that an English session with a
        Chinese idea in play counts as mixed (one is enough: MiniLM cannot read it)."""

        def work(uow: UnitOfWork) -> str:
            language = uow.sessions.get(session_id).language.value
            found = uow.ideas.languages(session_id, IN_PLAY) - {"en"}
            return "mixed" if language == "en" and found else language

        return self.ws.store.read(work)

    def embedder(self, embedder_id: str) -> Embedder:
        backend = os.environ.get(ENV_EMBED_BACKEND, "onnx").lower()
        if backend not in BACKENDS:
            raise InvalidInput(
                tr(
                    "{variable}={backend} is not one of {backends}.",
                    variable=ENV_EMBED_BACKEND,
                    backend=backend,
                    backends=BACKENDS,
                )
            )
        device = self.ws.models.device().device
        key = (embedder_id, backend, device)
        with self._lock:
            cached = self._embedders.get(key)
            if cached is None:
                providers = providers_for(device)
                cached = make_embedder(
                    embedder_id,
                    backend=backend,
                    cache_dir=self.ws.settings.model_dir / "embedders",
                    providers=providers,
                )
                self._embedders[key] = cached
            return cached

    def vectors(
        self,
        session_id: int,
        progress: Progress = no_progress,
        cancel: CancelToken | None = None,
    ) -> Vectors:
        """Vectors of the in-play ideas: stored ones reused, new or edited ideas embedded and
        saved batch by batch (a cancel keeps the finished batches and changes nothing else)."""
        import numpy as np

        model_id = self.embedder_id(session_id)
        spec = SPECS[model_id]

        def load(uow: UnitOfWork) -> tuple[list[Idea], dict[int, tuple[str, bytes]]]:
            uow.sessions.get(session_id)
            ideas = uow.ideas.list(session_id, statuses=IN_PLAY)
            return ideas, uow.vectors.for_session(session_id, model_id)

        ideas, stored = self.ws.store.read(load)
        matrix = np.zeros((len(ideas), spec.dim), dtype=np.float32)
        todo = []
        for row, idea in enumerate(ideas):
            have = stored.get(idea.id)
            if have is not None and have[0] == text_sha(idea.text):
                matrix[row] = np.frombuffer(have[1], dtype=np.float32)
            else:
                todo.append(row)
        if todo:
            embedder = self.embedder(model_id)
            for start in range(0, len(todo), WRITE_BATCH):
                rows = todo[start : start + WRITE_BATCH]

                def step(done: int, total: int | None, message: str, _s: int = start) -> None:
                    progress(_s + done, len(todo), message)

                vecs = embedder.embed([ideas[r].text for r in rows], step, cancel)
                matrix[rows] = vecs
                batch = [
                    (ideas[r].id, text_sha(ideas[r].text), vecs[i].tobytes())
                    for i, r in enumerate(rows)
                ]

                def save(uow: UnitOfWork, b: list[tuple[int, str, bytes]] = batch) -> None:
                    uow.vectors.put(model_id, b)

                self.ws.store.write(save)
        progress(len(todo), len(todo), tr("{count} ideas embedded", count=len(ideas)))
        return Vectors(model_id, ideas, matrix, len(todo))

    # ----- dedupe -----

    def default_threshold(self, session_id: int) -> float:
        language = self.content_language(session_id)
        return SPECS[self.embedder_id(session_id, language)].threshold_for(language)

    def _groups(
        self, vec: Vectors, threshold: float, distinct: set[tuple[int, int]], cancel: Any = None
    ) -> tuple[list[DuplicateGroup], Any]:
        idx, sims = neighbors.nearest(vec.matrix, dedupe.NEIGHBOURS, cancel)
        row_of = {idea.id: r for r, idea in enumerate(vec.ideas)}
        exclude = [(row_of[a], row_of[b]) for a, b in distinct if a in row_of and b in row_of]
        priority = [_canonical_priority(i) for i in vec.ideas]
        groups = dedupe.duplicate_groups(idx, sims, threshold, priority=priority, exclude=exclude)
        views = [
            DuplicateGroup(
                vec.ideas[g.canonical], tuple((vec.ideas[m], round(s, 4)) for m, s in g.members)
            )
            for g in groups
        ]
        return views, (idx, sims)

    def duplicates(
        self,
        session_id: int,
        threshold: float | None = None,
        progress: Progress = no_progress,
        cancel: CancelToken | None = None,
    ) -> list[DuplicateGroup]:
        """Suggested near-duplicate groups, largest first. Changes nothing."""
        t = self._threshold(session_id, threshold)
        vec = self.vectors(session_id, progress, cancel)
        distinct = self.ws.store.read(lambda uow: uow.not_duplicates.pairs(session_id))
        return self._groups(vec, t, distinct, cancel)[0]

    def _threshold(self, session_id: int, threshold: float | None) -> float:
        if threshold is None:
            return self.default_threshold(session_id)
        if not 0.0 < threshold <= 1.0:
            raise InvalidInput(
                tr(
                    "The duplicate threshold must be a cosine similarity in (0, 1], not "
                    "{threshold}.",
                    threshold=threshold,
                )
            )
        return float(threshold)

    def accept(
        self,
        session_id: int,
        canonical_ids: Sequence[int] | None = None,
        threshold: float | None = None,
        *,
        exclude: Sequence[int] = (),
        progress: Progress = no_progress,
        cancel: CancelToken | None = None,
    ) -> list[DuplicateGroup]:
        """Merge suggested groups into their canonical ideas, in one transaction.

        ``canonical_ids`` picks groups by their canonical idea (None: every group). Ideas in
        ``exclude`` stay out of the merge (and are not suggested with that canonical idea again).
        Returns the groups as merged; ``split`` undoes any of them.
        """
        groups = self.duplicates(session_id, threshold, progress, cancel)
        if canonical_ids is not None:
            wanted = set(canonical_ids)
            known = {g.canonical.id for g in groups}
            missing = sorted(wanted - known)
            if missing:
                raise InvalidInput(
                    "No suggested duplicate group has canonical idea "
                    + ", ".join(f"#{i}" for i in missing)
                    + " at this threshold. List the groups with 'dedupe SESSION' first."
                )
            groups = [g for g in groups if g.canonical.id in wanted]
        skip = set(exclude)
        batch = f"dedupe-{int(time.time() * 1000)}"

        def work(uow: UnitOfWork) -> list[DuplicateGroup]:
            merged = []
            for g in groups:
                for member, _ in g.members:
                    if member.id in skip:
                        self._note_distinct(uow, session_id, g.canonical.id, member.id)
                members: list[tuple[Idea, float]] = []
                for member, sim in g.members:
                    current = uow.ideas.get(member.id)
                    if current.status not in IN_PLAY:
                        raise InvalidInput(
                            tr(
                                "Idea #{idea_id} changed while the groups were shown (it is now "
                                "{status}). Look at the groups again.",
                                idea_id=member.id,
                                status=current.status.value,
                            )
                        )
                    # A shortlisted idea is a person's choice: never merged away implicitly.
                    if member.id not in skip and current.status is IdeaStatus.ACTIVE:
                        members.append((current, sim))
                for current, sim in members:
                    saved = uow.ideas.update(
                        replace(
                            current,
                            status=IdeaStatus.MERGED,
                            merged_into_id=g.canonical.id,
                            theme_id=None,
                            theme_pinned=False,
                        )
                    )
                    self.ws.audit(
                        uow, session_id, "merge", "idea", current.id,
                        {"status": current.status.value, "merged_into_id": None,
                         "theme_id": current.theme_id},
                        {"status": saved.status.value, "merged_into_id": g.canonical.id,
                         "similarity": sim, "batch": batch},
                    )  # fmt: skip
                if members:
                    merged.append(DuplicateGroup(g.canonical, tuple(members)))
            uow.sessions.touch(session_id)
            return merged

        merged = self.ws.store.write(work)
        ids = tuple(m.id for g in merged for m, _ in g.members)
        self.ws.emit(Change(session_id, ideas=True, idea_ids=ids, meta={"merged": len(ids)}))
        return merged

    def split(self, idea_id: int) -> list[Idea]:
        """Undo merges: a merged idea comes back on its own; a canonical idea releases all the
        ideas merged into it. Returns the ideas restored to active."""

        def work(uow: UnitOfWork) -> tuple[int, list[Idea]]:
            idea = visible_idea(self.ws, uow, idea_id)
            if idea.status is IdeaStatus.MERGED:
                targets = [idea]
            else:
                targets = [
                    i
                    for i in uow.ideas.list(idea.session_id, statuses=[IdeaStatus.MERGED])
                    if i.merged_into_id == idea.id
                ]
                if not targets:
                    raise InvalidInput(
                        tr(
                            "Idea #{idea_id} is not merged and no idea is merged into it.",
                            idea_id=idea_id,
                        )
                    )
            restored = []
            for t in targets:
                saved = uow.ideas.update(replace(t, status=IdeaStatus.ACTIVE, merged_into_id=None))
                self.ws.audit(
                    uow, t.session_id, "unmerge", "idea", t.id,
                    {"status": t.status.value, "merged_into_id": t.merged_into_id},
                    {"status": saved.status.value, "merged_into_id": None},
                )  # fmt: skip
                restored.append(saved)
            uow.sessions.touch(idea.session_id)
            return idea.session_id, restored

        session_id, restored = self.ws.store.write(work)
        self.ws.emit(Change(session_id, ideas=True, idea_ids=tuple(i.id for i in restored)))
        return restored

    def mark_distinct(self, a: int, b: int) -> bool:
        """A person says ideas ``a`` and ``b`` are not duplicates; False if already said."""

        def work(uow: UnitOfWork) -> tuple[int, bool]:
            ia, ib = visible_idea(self.ws, uow, a), visible_idea(self.ws, uow, b)
            if ia.session_id != ib.session_id or a == b:
                raise InvalidInput(tr("Two different ideas of the same session are needed."))
            return ia.session_id, self._note_distinct(uow, ia.session_id, a, b)

        session_id, added = self.ws.store.write(work)
        self.ws.emit(Change(session_id, ideas=True, idea_ids=(a, b)))
        return added

    def forget_distinct(self, a: int, b: int) -> bool:
        """Take back 'not a duplicate' for ``a`` and ``b`` (undo); False if it was not said."""

        def work(uow: UnitOfWork) -> tuple[int, bool]:
            session_id = uow.ideas.get(a).session_id
            removed = uow.not_duplicates.remove(a, b)
            if removed:
                self.ws.audit(uow, session_id, "not_duplicate_undone", "idea", b,
                              {"distinct_from": a}, None)  # fmt: skip
            return session_id, removed

        session_id, removed = self.ws.store.write(work)
        self.ws.emit(Change(session_id, ideas=True, idea_ids=(a, b)))
        return removed

    def _note_distinct(self, uow: UnitOfWork, session_id: int, a: int, b: int) -> bool:
        """Record (and audit) that ``b`` is not a duplicate of ``a``; False if already known."""
        added = uow.not_duplicates.add(session_id, a, b)
        if added:
            self.ws.audit(uow, session_id, "not_duplicate", "idea", b, None, {"distinct_from": a})
        return added

    # ----- themes -----

    def themes(self, session_id: int) -> tuple[list[ThemeView], list[Idea]]:
        """The stored themes with their in-play ideas (largest first), and the unthemed ideas."""

        def work(uow: UnitOfWork) -> tuple[list[Theme], list[Idea]]:
            uow.sessions.get(session_id)
            return uow.themes.list(session_id), uow.ideas.list(session_id, statuses=IN_PLAY)

        stored, ideas = self.ws.store.read(work)
        by_theme: dict[int, list[Idea]] = {}
        unthemed = []
        for idea in ideas:
            if idea.theme_id is None:
                unthemed.append(idea)
            else:
                by_theme.setdefault(idea.theme_id, []).append(idea)
        views = [ThemeView(t, tuple(by_theme.get(t.id, ()))) for t in stored]
        views.sort(key=lambda v: (-len(v.ideas), v.theme.id))
        return views, unthemed

    def recluster(
        self,
        session_id: int,
        progress: Progress = no_progress,
        cancel: CancelToken | None = None,
        *,
        vec: Vectors | None = None,
        knn: Any = None,
    ) -> tuple[list[ThemeView], list[Idea]]:
        """Group the in-play ideas into themes and store them (one transaction).

        A new cluster keeps the id and the person-given name of the old theme it mostly
        overlaps; ideas a person placed stay in their theme; themes left empty are removed.
        """
        vec = vec or self.vectors(session_id, progress, cancel)
        if cancel is not None:
            cancel.raise_if_cancelled()
        progress(0, None, tr("Grouping ideas into themes"))
        if knn is None:
            knn = neighbors.nearest(vec.matrix, dedupe.NEIGHBOURS, cancel)
        labels = themes.cluster(vec.matrix, knn[0], knn[1])
        if cancel is not None:
            cancel.raise_if_cancelled()
        clusters: dict[int, list[int]] = {}
        for row, lab in enumerate(labels.tolist()):
            if lab >= 0:
                clusters.setdefault(lab, []).append(row)
        new_sets = [frozenset(vec.ideas[r].id for r in rows) for rows in clusters.values()]
        pinned = {i.id: i.theme_id for i in vec.ideas if i.theme_pinned}

        def work(uow: UnitOfWork) -> None:
            old_themes = {t.id: t for t in uow.themes.list(session_id)}
            current = uow.ideas.list(session_id, statuses=IN_PLAY)
            old_sets: dict[int, set[int]] = {}
            for i in current:
                if i.theme_id is not None:
                    old_sets.setdefault(i.theme_id, set()).add(i.id)
            matched = themes.match(old_sets, [set(s) for s in new_sets])
            texts = {i.id: i.text for i in current}
            session = uow.sessions.get(session_id)
            challenge = session.challenge
            unnamed = "主題 {}" if session.language is Language.ZH_TW else "Theme {}"
            kws = keywords.theme_keywords(
                [[texts[i] for i in s if i in texts] for s in new_sets], ignore=challenge
            )
            assignment: dict[int, int | None] = {i.id: None for i in current}
            kept: set[int] = set()
            for n, members in enumerate(new_sets):
                kw = kws[n]
                old_id = matched.get(n)
                if old_id is not None:
                    old = old_themes[old_id]
                    label = old.label if old.user_label else keywords.label(kw, old.label)
                    theme = uow.themes.update(replace(old, label=label, keywords=kw))
                else:
                    theme = uow.themes.add(
                        Theme(0, session_id, keywords.label(kw, unnamed.format(n + 1)), kw)
                    )
                kept.add(theme.id)
                for member in members:
                    assignment[member] = theme.id
            for idea_id, theme_id in pinned.items():
                if idea_id in assignment:
                    assignment[idea_id] = theme_id
                    if theme_id is not None:
                        kept.add(theme_id)
            changed = {i.id: assignment[i.id] for i in current if i.theme_id != assignment[i.id]}
            uow.ideas.set_themes(changed)
            removed = [t for tid, t in old_themes.items() if tid not in kept]
            for t in removed:
                uow.themes.delete(t.id)
            self.ws.audit(
                uow, session_id, "recluster", "session", session_id, None,
                {"themes": len(kept), "ideas_moved": len(changed),
                 "themes_removed": [t.label for t in removed],
                 "pinned_kept": len(pinned), "embedder": vec.model_id},
            )  # fmt: skip

        self.ws.store.write(work)
        self.ws.emit(Change(session_id, ideas=True, meta={"themes": True}))
        return self.themes(session_id)

    def rename_theme(self, theme_id: int, label: str, *, user_label: bool = True) -> Theme:
        """A person names a theme; re-clustering keeps the name. ``user_label=False`` (undo of
        a rename) hands the name back to the keyword labeller."""
        label = require_text(label, N_("The theme name"), 200, multiline=False)

        def work(uow: UnitOfWork) -> Theme:
            old = uow.themes.get(theme_id)
            new = uow.themes.update(replace(old, label=label, user_label=user_label))
            self.ws.audit(
                uow, old.session_id, "rename", "theme", theme_id,
                {"label": old.label, "user_label": old.user_label}, {"label": label},
            )  # fmt: skip
            return new

        theme = self.ws.store.write(work)
        self.ws.emit(Change(theme.session_id, ideas=True, meta={"themes": True}))
        return theme

    def new_theme(self, session_id: int, label: str) -> Theme:
        label = require_text(label, N_("The theme name"), MAX_SHORT_CHARS, multiline=False)[:200]

        def work(uow: UnitOfWork) -> Theme:
            uow.sessions.get(session_id)
            theme = uow.themes.add(Theme(0, session_id, label, (), user_label=True))
            self.ws.audit(uow, session_id, "add", "theme", theme.id, None, {"label": label})
            return theme

        theme = self.ws.store.write(work)
        self.ws.emit(Change(session_id, ideas=True, meta={"themes": True}))
        return theme

    def move(self, idea_id: int, theme_id: int | None, *, pin: bool = True) -> Idea:
        """Put an idea in a theme (None: no theme). A person's move is pinned: re-clustering
        leaves the idea there. ``pin=False`` hands the idea back to the clustering."""

        def work(uow: UnitOfWork) -> Idea:
            idea = visible_idea(self.ws, uow, idea_id)
            if theme_id is not None and uow.themes.get(theme_id).session_id != idea.session_id:
                raise InvalidInput(tr("An idea can only move to a theme of its own session."))
            saved = uow.ideas.update(replace(idea, theme_id=theme_id, theme_pinned=pin))
            self.ws.audit(
                uow, idea.session_id, "move", "idea", idea_id,
                {"theme_id": idea.theme_id, "theme_pinned": idea.theme_pinned},
                {"theme_id": theme_id, "theme_pinned": pin},
            )  # fmt: skip
            return saved

        saved = self.ws.store.write(work)
        self.ws.emit(Change(saved.session_id, ideas=True, idea_ids=(idea_id,)))
        return saved

    def release(self, idea_id: int) -> Idea:
        """Hand an idea a person placed back to the clustering (it keeps its theme until then)."""
        return self.move(idea_id, self.ws.ideas.get(idea_id).theme_id, pin=False)

    # ----- map and metrics -----

    def layout(self, vec: Vectors) -> dict[int, tuple[float, float]]:
        """2-D positions for the ideas, aligned with their previous positions, and stored."""
        import numpy as np

        if not vec.ideas:
            return {}
        session_id = vec.ideas[0].session_id
        old = self.ws.store.read(lambda uow: uow.vectors.positions(session_id, vec.model_id))
        coords = layout.pca_2d(vec.matrix)
        prev = np.array([old.get(i.id, (np.nan, np.nan)) for i in vec.ideas], dtype=np.float64)
        coords = layout.align(coords, prev)
        positions = {
            i.id: (round(float(x), 5), round(float(y), 5))
            for i, (x, y) in zip(vec.ideas, coords.tolist(), strict=True)
        }
        self.ws.store.write(lambda uow: uow.vectors.set_positions(vec.model_id, positions))
        return positions

    def analyze(
        self,
        session_id: int,
        threshold: float | None = None,
        progress: Progress = no_progress,
        cancel: CancelToken | None = None,
        *,
        recluster: bool = True,
    ) -> AnalysisReport:
        """Everything converge needs in one pass: embed (new ideas only), suggest duplicates,
        re-cluster themes, place ideas on the map, and measure. Merges nothing."""
        t0 = time.perf_counter()
        thr = self._threshold(session_id, threshold)
        vec = self.vectors(session_id, progress, cancel)
        t1 = time.perf_counter()
        distinct = self.ws.store.read(lambda uow: uow.not_duplicates.pairs(session_id))
        groups, knn = self._groups(vec, thr, distinct, cancel)
        t2 = time.perf_counter()
        if recluster:
            theme_views, unthemed = self.recluster(session_id, progress, cancel, vec=vec, knn=knn)
        else:
            theme_views, unthemed = self.themes(session_id)
        t3 = time.perf_counter()
        positions = self.layout(vec)
        theme_of = {i.id: v.theme.id for v in theme_views for i in v.ideas}
        points = [MapPoint(i, x, y, theme_of.get(i)) for i, (x, y) in positions.items()]
        t4 = time.perf_counter()
        sizes = tuple(len(v.ideas) for v in theme_views if v.ideas)
        dup_count = sum(len(g.members) for g in groups)
        report = AnalysisReport(
            session_id,
            vec.model_id,
            thr,
            groups,
            theme_views,
            unthemed,
            points,
            metrics.summarise(vec.matrix, knn[1], dup_count, sizes),
        )
        nov = metrics.novelty(knn[1]) if len(vec.ideas) > 1 else None
        if nov is not None:
            report.novelty = {i.id: round(float(v), 4) for i, v in zip(vec.ideas, nov, strict=True)}
        report.run_metrics = self._run_metrics(vec, thr, knn)
        report.seconds = {
            "embed": round(t1 - t0, 3),
            "dedupe": round(t2 - t1, 3),
            "themes": round(t3 - t2, 3),
            "map": round(t4 - t3, 3),
        }
        progress(1, 1, tr("Analysis done"))
        return report

    def _run_metrics(self, vec: Vectors, threshold: float, knn: Any) -> dict[str, Metrics]:
        """The same figures for each generation run's in-play ideas on their own. ``knn`` is
        the whole set's neighbour search, reused when one run holds every idea."""
        rows: dict[str, list[int]] = {}
        for r, idea in enumerate(vec.ideas):
            if idea.origin is Origin.MODEL and idea.provenance and idea.provenance.run_id:
                rows.setdefault(idea.provenance.run_id, []).append(r)
        out = {}
        for run_id, rs in rows.items():
            sub = vec.matrix[rs]
            whole = len(rs) == len(vec.ideas)  # rows ascend, so then sub is the whole matrix
            idx, sims = knn if whole else neighbors.nearest(sub, dedupe.NEIGHBOURS)
            groups = dedupe.duplicate_groups(idx, sims, threshold)
            out[run_id] = metrics.summarise(sub, sims, sum(len(g.members) for g in groups))
        return out


def providers_for(device: str) -> list[str]:
    """ONNX Runtime providers for the embedder, best first. Explicit, so that onnxruntime-gpu
    does not try TensorRT first; CPU stays last as the fallback if CUDA fails to start."""
    if device == "cuda":
        return ["CUDAExecutionProvider", "CPUExecutionProvider"]
    return ["CPUExecutionProvider"]


def _canonical_priority(idea: Idea) -> int:
    """Who stands for a duplicate group: a shortlisted idea, else a person's own idea."""
    if idea.status is IdeaStatus.SHORTLISTED:
        return 2
    return 1 if idea.origin is Origin.HUMAN else 0
