"""Export a session (Markdown/MADR, HTML, CSV, JSON) and import ideas or whole sessions.

Exports read the session in one transaction into a snapshot, render it with the pure writers
of ``ideaforge.export`` and write files atomically (a temporary file, then ``os.replace``).
Imports check the whole file first and then write everything in one transaction: a bad file
changes nothing.
"""

from __future__ import annotations

import codecs
import csv
import errno
import io
import os
import tempfile
import uuid
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ideaforge import __version__
from ideaforge.core.errors import InvalidInput, NotFound
from ideaforge.core.i18n import N_, tr
from ideaforge.core.language import detect_language
from ideaforge.core.model import Decision, Origin, Participant, Role, Session
from ideaforge.core.text import (
    MAX_CHALLENGE_CHARS,
    MAX_IDEA_CHARS,
    clean_text,
    require_path,
    require_text,
)
from ideaforge.export import csv_export, html, jsonio, markdown
from ideaforge.export.snapshot import SessionSnapshot
from ideaforge.services.sessions import create_session
from ideaforge.services.workspace import Change

if TYPE_CHECKING:
    from ideaforge.services.workspace import Workspace
    from ideaforge.store.repositories import UnitOfWork

Format = Literal["md", "html", "csv", "json"]
ImportFormat = Literal["text", "csv", "json"]
MARKER = ".ideaforge-export"  # marks a folder as a Markdown export we may overwrite
MAX_IMPORT_BYTES = 200 * 1024 * 1024
_CSV_TEXT_HEADERS = ("text", "idea", "ideas", "idea text")
# Sample sessions shipped with the app (packaging/make_samples.py), one per language, for a
# first look while the model is prepared.
SAMPLES = Path(__file__).resolve().parents[2] / "resources" / "samples"
SAMPLE_LANGUAGES = ("en", "zh-TW")


class ImportResult(tuple[int, int]):
    """``(session_id, count)``, plus the encoding and format that were detected."""

    encoding: str
    format: str

    def __new__(cls, session_id: int, count: int, encoding: str, fmt: str) -> ImportResult:
        self = super().__new__(cls, (session_id, count))
        self.encoding = encoding
        self.format = fmt
        return self

    @property
    def session_id(self) -> int:
        return self[0]

    @property
    def imported(self) -> int:
        return self[1]


def decode(data: bytes) -> tuple[str, str]:
    """Text and the encoding it was read with: a BOM's, else UTF-8, Big5 (cp950), Latin-1."""
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):  # fmt: skip
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as error:
                raise InvalidInput(
                    tr(
                        "The file starts like {name} text but is damaged at byte {start}.",
                        name=name,
                        start=error.start,
                    )
                ) from None
    for name in ("utf-8", "cp950"):
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1"), "latin-1"


def _umask() -> int:
    mask = os.umask(0o022)  # read it by setting it, then put it back at once
    os.umask(mask)
    return mask


def _write_atomic(path: Path, content: str | bytes) -> None:
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        # mkstemp makes the file private (0600); an export gets the mode any new file gets.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_error(out: Path, error: OSError) -> InvalidInput:
    """What to tell a person whose export could not be written (each file is written whole or
    not at all, so a file already there is left as it was)."""
    if error.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return InvalidInput(
            tr(
                "Cannot write the export to {out}: the disk is full. Free some space or "
                "choose another place, then export again; a file already there is left as "
                "it was.",
                out=out,
            )
        )
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return InvalidInput(
            tr(
                "Cannot write the export to {out}: the folder is read-only or you may not "
                "write there. Choose another folder, then export again; a file already there "
                "is left as it was.",
                out=out,
            )
        )
    return InvalidInput(
        tr("Cannot write the export to {out}: {strerror}.", out=out, strerror=error.strerror)
    )


def _ideas_from_text(text: str) -> list[tuple[int, str]]:
    return [(n, line) for n, line in enumerate(text.split("\n"), start=1) if line.strip()]


def _ideas_from_csv(text: str) -> list[tuple[int, str]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as error:
        raise InvalidInput(
            tr("line {line_num}: not valid CSV ({error}).", line_num=reader.line_num, error=error)
        ) from None
    rows = [(n, r) for n, r in rows if any(cell.strip() for cell in r)]
    column = 0
    if rows:
        header = [cell.strip().casefold() for cell in rows[0][1]]
        found = [k for k, h in enumerate(header) if h in _CSV_TEXT_HEADERS]
        if found:
            column = found[0]
            rows = rows[1:]
    return [(n, r[column] if column < len(r) else "") for n, r in rows]


class ExportService:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws

    # ----- export -----

    def snapshot(self, session_id: int) -> SessionSnapshot:
        """The whole session as it stands, read in one transaction."""
        embedder: str | None
        try:
            embedder = self.ws.analysis.embedder_id(session_id)
        except InvalidInput:
            embedder = None  # a bad IDEAFORGE_EMBEDDER setting: export without the map

        def work(uow: UnitOfWork) -> SessionSnapshot:
            session = uow.sessions.get(session_id)
            # What is not revealed yet leaves with nobody: private ideas stay out, and hidden
            # votes and scores are the exporting person's own only.
            state = uow.workshops.get(session_id)
            me = uow.participants.by_name(session_id, self.ws.actor)
            scores = [
                s for s in uow.scores.list(session_id)
                if state.scores_visible or (me is not None and s.participant_id == me.id)
            ]  # fmt: skip
            votes = [
                v for v in uow.votes.list(session_id)
                if state.votes_visible or (me is not None and v.participant_id == me.id)
            ]  # fmt: skip
            return SessionSnapshot(
                session=session,
                participants=tuple(uow.participants.list(session_id)),
                ideas=tuple(uow.ideas.list(session_id)),
                themes=tuple(uow.themes.list(session_id)),
                criteria=tuple(uow.criteria.list(session_id)),
                scores=tuple(scores),
                votes=tuple(votes),
                decisions=tuple(sorted(uow.decisions.list(session_id), key=lambda d: d.id)),
                runs=tuple(uow.runs.list(session_id)),
                positions=uow.vectors.positions(session_id, embedder) if embedder else {},
                app_version=__version__,
            )

        return self.ws.store.read(work)

    def render(self, snapshot: SessionSnapshot, fmt: Format, *, bom: bool = False) -> Any:
        if fmt == "md":
            return markdown.render(snapshot)
        if fmt == "html":
            return html.render(snapshot)
        if fmt == "csv":
            return csv_export.render(snapshot, bom=bom)
        if fmt == "json":
            return jsonio.dump(snapshot)
        raise InvalidInput(
            tr("'{fmt}' is not an export format; use md, html, csv or json.", fmt=fmt)
        )

    def export(self, session_id: int, fmt: Format, out: Path, *, bom: bool = False) -> list[Path]:
        """Write the session to ``out`` (a folder for md, a file otherwise); the paths written."""
        out = require_path(out)
        if fmt not in ("md", "html", "csv", "json"):
            raise InvalidInput(
                tr("'{fmt}' is not an export format; use md, html, csv or json.", fmt=fmt)
            )
        if fmt != "md" and out.is_dir():
            raise InvalidInput(
                tr("{out} is a folder; give the name of the file to write.", out=out)
            )
        if fmt == "md":
            self._check_folder(out)
        rendered = self.render(self.snapshot(session_id), fmt, bom=bom)
        try:
            if fmt != "md":
                _write_atomic(out, rendered)
                return [out]
            return self._write_markdown(out, rendered, session_id)
        except OSError as error:
            raise _write_error(out, error) from None

    @staticmethod
    def _check_folder(out: Path) -> None:
        if out.exists() and not out.is_dir():
            raise InvalidInput(tr("{out} is a file; a Markdown export needs a folder.", out=out))
        if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
            raise InvalidInput(
                tr(
                    "The folder {out} is not empty and is not an earlier IdeaForge export; "
                    "choose an empty or new folder so nothing of yours is overwritten.",
                    out=out,
                )
            )

    @staticmethod
    def _write_markdown(out: Path, files: dict[str, str], session_id: int) -> list[Path]:
        # The marker goes first: a folder that a crash left half-filled is still known as
        # ours, so the same export can be run again into it.
        _write_atomic(
            out / MARKER, f'{{"format": "ideaforge-markdown", "session": {session_id}}}\n'
        )
        written = []
        for rel, text in files.items():
            path = out / rel
            _write_atomic(path, text)
            written.append(path)
        # Records renamed since the last export would otherwise linger as stale files.
        keep = {p.name for p in written}
        decisions = out / "decisions"
        if decisions.is_dir():
            for old in decisions.glob("[0-9][0-9][0-9][0-9]-*.md"):
                if old.name not in keep:
                    old.unlink()
        return written

    # ----- import -----

    def import_ideas(
        self,
        path: Path,
        *,
        session_id: int | None = None,
        challenge: str | None = None,
        fmt: ImportFormat | None = None,
    ) -> ImportResult:
        """Import ideas from plain text (one per line), CSV or an IdeaForge JSON session.

        Text and CSV go into ``session_id``, or a new session with ``challenge``; a JSON file
        always becomes a new session. All or nothing: InvalidInput names the first bad line.
        """
        path = require_path(path)
        try:
            if path.stat().st_size > MAX_IMPORT_BYTES:
                raise InvalidInput(
                    tr("{name} is larger than 200 MB; split it first.", name=path.name)
                )
            data = path.read_bytes()
        except FileNotFoundError:
            raise NotFound(tr("There is no file {path}.", path=path)) from None
        except OSError as error:
            raise InvalidInput(
                tr("Cannot read {path}: {strerror}.", path=path, strerror=error.strerror)
            ) from None
        text, encoding = decode(data)
        kind = fmt or self._guess_format(path, text)
        if kind == "json":
            if session_id is not None:
                raise InvalidInput(
                    tr("A session file becomes a new session; leave out the session.")
                )
            snap = jsonio.load(text)
            sid, count = self._import_snapshot(snap, path.name, encoding)
            return ImportResult(sid, count, encoding, kind)
        if kind not in ("text", "csv"):
            raise InvalidInput(
                tr("'{kind}' is not an import format; use text, csv or json.", kind=kind)
            )
        lines = _ideas_from_csv(text) if kind == "csv" else _ideas_from_text(text)
        ideas = []
        for n, raw in lines:
            cleaned = clean_text(raw)
            if not cleaned:
                raise InvalidInput(tr("line {n}: the idea is empty. Nothing was imported.", n=n))
            if len(cleaned) > MAX_IDEA_CHARS:
                raise InvalidInput(
                    tr(
                        "line {n}: longer than {limit:,} characters ({length:,}). "
                        "Nothing was imported.",
                        n=n,
                        limit=MAX_IDEA_CHARS,
                        length=len(cleaned),
                    )
                )
            ideas.append(cleaned)
        if not ideas:
            raise InvalidInput(tr("The file has no ideas: {name} is empty.", name=path.name))
        new_challenge = None
        if session_id is None:
            new_challenge = require_text(
                challenge or tr("Ideas imported from {name}", name=path.name), N_("The challenge"),
                MAX_CHALLENGE_CHARS,
            )  # fmt: skip

        def work(uow: UnitOfWork) -> int:
            if new_challenge is not None:
                new = Session(0, _title(new_challenge), new_challenge,
                              language=detect_language(new_challenge))  # fmt: skip
                sid = create_session(self.ws, uow, new).id
            else:
                assert session_id is not None
                sid = uow.sessions.get(session_id).id
            from ideaforge.services.ideas import me_in_session

            me = me_in_session(self.ws, uow, sid)
            for t in ideas:
                uow.ideas.add(replace(_imported(sid, t), author_id=me.id))
            self.ws.audit(uow, sid, "import", "session", sid, None,
                          {"file": path.name, "format": kind, "encoding": encoding,
                           "ideas": len(ideas)})  # fmt: skip
            uow.sessions.touch(sid)
            return sid

        sid = self.ws.store.write(work)
        self.ws.emit(Change(sid, sessions=True, ideas=True))
        return ImportResult(sid, len(ideas), encoding, kind)

    def open_sample(self, language: str = "en") -> int:
        """The sample session in ``language`` ("en" or "zh-TW"): the one already in the
        database if there is one (same title), else imported from resources/samples."""
        code = language if language in SAMPLE_LANGUAGES else "en"
        path = SAMPLES / f"sample-{code}.json"
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise NotFound(
                tr(
                    "The sample session is missing from this installation ({path}: "
                    "{strerror}). Reinstall IdeaForge to get it back.",
                    path=path,
                    strerror=error.strerror,
                )
            ) from None
        snap = jsonio.load(text)
        for summary in self.ws.sessions.list():
            if summary.session.title == snap.session.title:
                return summary.session.id
        sid, _count = self._import_snapshot(snap, path.name, "utf-8")
        return sid

    @staticmethod
    def _guess_format(path: Path, text: str) -> ImportFormat:
        suffix = path.suffix.lower()
        if suffix == ".json" or (text.lstrip().startswith("{") and jsonio.FORMAT in text[:500]):
            return "json"
        if suffix in (".csv", ".tsv"):
            return "csv"
        return "text"

    def _import_snapshot(
        self, snap: SessionSnapshot, filename: str, encoding: str
    ) -> tuple[int, int]:
        """A new session reproducing the file's; every id is new, every reference remapped."""

        def work(uow: UnitOfWork) -> int:
            old = snap.session
            sid = uow.sessions.add(replace(old, id=0)).id
            people: dict[int, int] = {}
            for p in snap.participants:
                people[p.id] = uow.participants.add(replace(p, id=0, session_id=sid)).id
            if not any(p.name == self.ws.actor for p in snap.participants):
                uow.participants.add(Participant(0, sid, self.ws.actor, Role.FACILITATOR))
            themes = {t.id: uow.themes.add(replace(t, id=0, session_id=sid)).id
                      for t in snap.themes}  # fmt: skip
            criteria = {c.id: uow.criteria.add(replace(c, id=0, session_id=sid)).id
                        for c in snap.criteria}  # fmt: skip
            runs: dict[str, str] = {}
            for r in snap.runs:
                runs[r.id] = uuid.uuid4().hex
                uow.runs.save(replace(r, id=runs[r.id], session_id=sid))
            ideas: dict[int, int] = {}
            for i in snap.ideas:
                prov = i.provenance
                if prov is not None and prov.run_id in runs:
                    prov = replace(prov, run_id=runs[prov.run_id])
                added = uow.ideas.add(
                    replace(
                        i, id=0, session_id=sid, merged_into_id=None, provenance=prov,
                        theme_id=themes.get(i.theme_id) if i.theme_id is not None else None,
                        author_id=people.get(i.author_id) if i.author_id is not None else None,
                    )
                )  # fmt: skip
                ideas[i.id] = added.id
            for i in snap.ideas:
                if i.merged_into_id is not None:
                    added = uow.ideas.get(ideas[i.id])
                    uow.ideas.update(replace(added, merged_into_id=ideas[i.merged_into_id]))
            for s in snap.scores:
                uow.scores.set(ideas[s.idea_id], people[s.participant_id],
                               criteria[s.criterion_id], s.value)  # fmt: skip
            for v in snap.votes:
                uow.votes.set(ideas[v.idea_id], people[v.participant_id], v.dots)
            decisions: dict[int, int] = {}
            for d in snap.decisions:
                decisions[d.id] = uow.decisions.add(_remap_decision(d, sid, ideas, decisions)).id
            self.ws.audit(uow, sid, "import", "session", sid, None,
                          {"file": filename, "format": "json", "encoding": encoding,
                           "from_session": old.id, "ideas": len(ideas)})  # fmt: skip
            return sid

        sid = self.ws.store.write(work)
        self.ws.emit(Change(sid, sessions=True, ideas=True))
        return sid, len(snap.ideas)


def _title(challenge: str, limit: int = 60) -> str:
    first = challenge.split("\n", 1)[0]
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"


def _imported(session_id: int, text: str) -> Any:
    from ideaforge.core.model import Idea

    return Idea(0, session_id, text, origin=Origin.IMPORTED, language=detect_language(text))


def _remap_decision(
    d: Decision, session_id: int, ideas: dict[int, int], decisions: dict[int, int]
) -> Decision:
    options = tuple(ideas[i] for i in d.options)
    chosen = tuple(ideas[i] for i in d.chosen)
    outcome = d.outcome
    if outcome == ", ".join(f"#{i}" for i in d.chosen):  # the generated "#12, #13"
        outcome = ", ".join(f"#{i}" for i in chosen)
    details = tuple(
        {**o, "idea_id": ideas[o["idea_id"]]} if o.get("idea_id") in ideas else dict(o)
        for o in d.option_details
    )
    risks = {str(ideas[int(k)]): v for k, v in d.risks.items()}
    return replace(
        d, id=0, session_id=session_id, options=options, chosen=chosen, outcome=outcome,
        option_details=details, risks=risks, seq=0, prev_hash="", record_hash="",
        supersedes_id=decisions.get(d.supersedes_id) if d.supersedes_id is not None else None,
    )  # fmt: skip
