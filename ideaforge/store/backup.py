"""Backups of the embedded SQLite database: on request, and automatically before a migration.

A backup is made with SQLite's online backup API, so it is a consistent copy even while other
windows or processes write (WAL mode). It is written under a temporary name, checked
(``PRAGMA integrity_check``) and then renamed, so a backup that exists is a whole one.

Automatic backups go to ``backups/`` beside the database, named
``<name>-before-<revision>-<UTC time>.db``; the newest ``KEEP`` of them are kept.

A restore checks the backup first (a SQLite file, intact, written by an IdeaForge that this one
can open), backs the current database up (so a restore can itself be undone), and replaces the
file atomically. PostgreSQL has its own tools (pg_dump / pg_restore); these functions refuse it.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from ideaforge.core.errors import DatabaseLocked, InvalidInput, NotADatabase, StoreError
from ideaforge.core.i18n import tr
from ideaforge.store.errors import classify, translated

KEEP = 5  # automatic backups kept per database
FOLDER = "backups"


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    size: int
    revision: str | None  # the schema revision inside
    created: datetime  # file time, UTC


def sqlite_path(url: str) -> Path:
    """The file of a SQLite URL; StoreError for other databases (they have their own tools)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        raise StoreError(
            tr(
                "Backups here are for the embedded SQLite database. For PostgreSQL use its own "
                "tools: pg_dump to back up, pg_restore to restore."
            )
        )
    return Path(str(parsed.database)).expanduser()


def backup_folder(db: Path) -> Path:
    return db.parent / FOLDER


def _connect(path: Path, readonly: bool = True) -> sqlite3.Connection:
    uri = f"file:{path}?mode=ro" if readonly else f"file:{path}"
    return sqlite3.connect(uri, uri=True, timeout=10)


def _revision(conn: sqlite3.Connection) -> str | None:
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return str(row[0]) if row else None


def check_file(path: Path) -> str | None:
    """Check that ``path`` is an intact SQLite database; returns its schema revision (None if
    it has none). Raises NotADatabase, saying what is wrong."""
    where = f"'{path}'"
    if not path.is_file():
        raise NotADatabase(tr("{where} does not exist or is not a file.", where=where))
    with open(path, "rb") as fh:
        if fh.read(16) != b"SQLite format 3\x00":
            raise NotADatabase(tr("{where} is not an SQLite database.", where=where))
    try:
        conn = _connect(path)
        try:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
            revision = _revision(conn)
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise NotADatabase(
            tr("{where} cannot be read as a database: {error}", where=where, error=error)
        ) from error
    if result != ["ok"]:
        raise NotADatabase(
            tr(
                "{where} is damaged (integrity check: {result}).",
                where=where,
                result="; ".join(result[:3]),
            )
        )
    return revision


def backup(db: Path, dest: Path | None = None, *, label: str = "") -> Path:
    """Copy the database ``db`` to ``dest`` (default: a new file in its backups folder),
    consistently even while it is in use. Returns the backup's path."""
    where = f"'{db}'"
    if not db.is_file():
        raise NotADatabase(tr("There is no database at {where} to back up.", where=where))
    if dest is None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        name = f"{db.stem}-{label}-{stamp}.db" if label else f"{db.stem}-{stamp}.db"
        dest = backup_folder(db) / name
    elif dest.is_dir():
        dest = dest / f"{db.stem}-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.db"
    if dest.exists():
        raise InvalidInput(
            tr("{file} exists already; choose another name for the backup.", file=dest)
        )
    # the live database: a normal connection (a read-only one cannot read a WAL it does not own)
    _copy(db, dest, ".part", readonly_source=False)
    return dest


def _copy(source: Path, dest: Path, tmp_suffix: str, *, readonly_source: bool,
          wal: bool = False) -> None:  # fmt: skip
    """Copy the database ``source`` over ``dest`` with SQLite's backup API: into a temporary
    file, checked, then renamed into place (a -wal or -shm that ``dest`` had is deleted first,
    so it cannot replay into the copy). On failure nothing is left behind. ``wal``: put the
    copy in WAL mode, as IdeaForge opens a database it uses."""
    tmp = dest.with_name(dest.name + tmp_suffix)
    with translated(f"'{dest}'", dest):
        dest.parent.mkdir(parents=True, exist_ok=True)
        try:
            src = _connect(source, readonly=readonly_source)
            target = sqlite3.connect(tmp)
            try:
                try:
                    src.backup(target)
                except sqlite3.Error as error:  # a locked or damaged source is the source's
                    problem = classify(error, f"'{source}'", source)
                    if isinstance(problem, DatabaseLocked | NotADatabase):
                        raise problem from error
                    raise  # anything else (a full disk, a read-only folder) is the copy's
                if wal:
                    target.execute("PRAGMA journal_mode=WAL")
            finally:
                target.close()
                src.close()
            check_file(tmp)
            for suffix in ("-wal", "-shm"):
                Path(f"{dest}{suffix}").unlink(missing_ok=True)
            os.replace(tmp, dest)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        finally:  # the check's read-only connection leaves an empty -wal and -shm beside it
            for suffix in ("-wal", "-shm"):
                with contextlib.suppress(OSError):
                    Path(f"{tmp}{suffix}").unlink(missing_ok=True)


def list_backups(db: Path) -> list[Backup]:
    """The backups in the database's backups folder, newest first."""
    folder = backup_folder(db)
    if not folder.is_dir():
        return []
    found = []
    for p in folder.glob(f"{db.stem}-*.db"):
        try:
            conn = _connect(p)
            try:
                revision = _revision(conn)
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            revision = None
        stat = p.stat()
        found.append(Backup(p, stat.st_size, revision,
                            datetime.fromtimestamp(stat.st_mtime, UTC)))  # fmt: skip
    return sorted(found, key=lambda b: (b.created, b.path.name), reverse=True)


def rotate(db: Path, label: str, keep: int = KEEP) -> list[Path]:
    """Delete all but the newest ``keep`` automatic backups of one kind: ``label`` "before-"
    for those taken before migrations, "before-restore" for those taken before restores."""
    pattern = re.compile(rf"^{re.escape(db.stem)}-before-(\d+)-" if label == "before-"
                         else rf"^{re.escape(db.stem)}-{re.escape(label)}-")  # fmt: skip
    ours = [b for b in list_backups(db) if pattern.match(b.path.name)]
    gone = []
    for b in ours[keep:]:
        b.path.unlink(missing_ok=True)
        gone.append(b.path)
    return gone


def before_migration(db: Path, revision: str) -> Path:
    """The automatic backup taken before migrating ``db`` from ``revision``; older automatic
    backups beyond KEEP are deleted."""
    path = backup(db, label=f"before-{revision}")
    rotate(db, "before-", KEEP)
    return path


def restore(source: Path, db: Path, known: list[str]) -> Path | None:
    """Replace the database ``db`` with the backup ``source``. The backup is checked first; the
    current database (if any) is backed up before it is replaced. Returns that safety backup.

    ``known``: the schema revisions this IdeaForge can open (a backup from a newer one is
    refused). Close every window and command using the database first."""
    revision = check_file(source)
    if revision is None:
        raise NotADatabase(
            tr("'{file}' is an SQLite file but not an IdeaForge database.", file=source)
        )
    if revision not in known:
        raise NotADatabase(
            tr(
                "'{file}' was written by a newer version of IdeaForge (schema {revision}); "
                "update IdeaForge to restore it.",
                file=source,
                revision=revision,
            )
        )
    safety = backup(db, label="before-restore") if db.is_file() else None
    if safety is not None:
        rotate(db, "before-restore", KEEP)
    _copy(source, db, ".restoring", readonly_source=True, wal=True)
    return safety
