"""Translate database driver errors into the specific, user-facing errors of core.errors."""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import exc

from ideaforge.core.errors import (
    DatabaseLocked,
    DatabaseUnavailable,
    DiskFull,
    IdeaForgeError,
    NotADatabase,
    ReadOnlyLocation,
    StoreError,
)
from ideaforge.core.i18n import N_, tr

# PostgreSQL SQLSTATE codes we tell apart.
_PG_CODES: dict[str, type[StoreError]] = {
    "53100": DiskFull,  # disk_full
    "25006": ReadOnlyLocation,  # read_only_sql_transaction
    "55P03": DatabaseLocked,  # lock_not_available
    "40P01": DatabaseLocked,  # deadlock_detected
    "57P03": DatabaseUnavailable,  # cannot_connect_now
    "3D000": DatabaseUnavailable,  # invalid_catalog_name
    "28000": DatabaseUnavailable,  # invalid_authorization_specification
    "28P01": DatabaseUnavailable,  # invalid_password
}


# Below this much free space at the database's folder, an I/O error is taken for a full disk.
LOW_SPACE = 1 << 20


def classify(error: BaseException, where: str, path: Path | None = None) -> IdeaForgeError | None:
    """Return the specific store error for a driver or OS error, or None if it is not one.

    ``path`` (a SQLite file) lets an error that does not say why it happened be explained:
    SQLite reports a full disk or a read-only remount as "disk I/O error" when it cannot grow
    its shared-memory file, and as "unable to open database file" when it cannot create its
    write-ahead log; the file system is asked which it is."""
    if isinstance(error, IdeaForgeError):
        return error
    if isinstance(error, OSError):
        if error.errno == errno.ENOSPC:
            return DiskFull(
                tr("The disk holding {where} is full. Free some space and try again.", where=where)
            )
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return ReadOnlyLocation(
                tr(
                    "{where} cannot be written ({strerror}). Choose a writable data folder "
                    "with --data-dir or IDEAFORGE_DATA_DIR.",
                    where=where,
                    strerror=error.strerror,
                )
            )
        return None
    orig: BaseException | None
    if isinstance(error, exc.DBAPIError):
        orig = error.orig
    elif isinstance(error, sqlite3.Error):  # backups use the sqlite3 module directly
        orig = error
    else:
        return None
    code = getattr(orig, "sqlstate", None) or getattr(orig, "pgcode", None)
    text = str(orig).lower()
    if code in _PG_CODES:
        return _PG_CODES[code](f"{_describe(_PG_CODES[code], where)} ({str(orig).strip()})")
    if "database is locked" in text or "database table is locked" in text:
        return DatabaseLocked(_describe(DatabaseLocked, where))
    if "file is not a database" in text or "malformed" in text or "not a database" in text:
        return NotADatabase(_describe(NotADatabase, where))
    if "disk is full" in text or "no space left" in text:
        return DiskFull(_describe(DiskFull, where))
    if "readonly database" in text or "read-only" in text:
        return ReadOnlyLocation(_describe(ReadOnlyLocation, where))
    name = str(getattr(orig, "sqlite_errorname", "") or "")
    if "disk i/o error" in text or name.startswith("SQLITE_IOERR"):
        kind = disk_problem(path)
        if kind is not None:
            return kind(_describe(kind, where))
        return StoreError(
            tr(
                "The database {where} could not be read or written: the disk reported an "
                "input/output error ({code}). What was saved before is kept. Check that the "
                "disk or network share is connected and has free space, then try again.",
                where=where,
                code=name or str(orig).strip(),
            )
        )
    if "unable to open database" in text:
        kind = disk_problem(path) or ReadOnlyLocation
        return kind(_describe(kind, where))
    if isinstance(error, exc.OperationalError) and (
        "connection" in text or "could not connect" in text or "server" in text
    ):
        return DatabaseUnavailable(
            tr(
                "{problem} ({detail})",
                problem=_describe(DatabaseUnavailable, where),
                detail=str(orig).strip(),
            )
        )
    return None


def disk_problem(path: Path | None) -> type[StoreError] | None:
    """DiskFull or ReadOnlyLocation when the file system holding ``path`` is full or mounted
    read-only, else None (also when it cannot be told)."""
    if path is None:
        return None
    folder = path.parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    try:
        if hasattr(os, "statvfs") and os.statvfs(folder).f_flag & os.ST_RDONLY:
            return ReadOnlyLocation
        if shutil.disk_usage(folder).free < LOW_SPACE:
            return DiskFull
    except OSError:
        return None
    return None


def _describe(kind: type[StoreError], where: str) -> str:
    template = {
        DatabaseLocked: N_(
            "The database {where} is locked by another program and stayed locked. Close other "
            "IdeaForge windows or tools using it, then try again; nothing was changed."
        ),
        NotADatabase: N_(
            "{where} is not an IdeaForge database, or it is damaged. Nothing was changed. "
            "Restore it from a backup, or point IdeaForge at another file with --db."
        ),
        DiskFull: N_(
            "The disk (or size limit) for {where} is full; the last change was not saved. "
            "Free some space and try again."
        ),
        ReadOnlyLocation: N_(
            "{where} cannot be written (the disk or folder is read-only, or you may not write "
            "there); the last change was not saved. Make it writable again, or choose a "
            "writable location with --db, --data-dir or IDEAFORGE_DATA_DIR."
        ),
        DatabaseUnavailable: N_(
            "The database server for {where} cannot be reached. Check that it is running and "
            "that the address is right."
        ),
    }.get(kind, N_("The database {where} cannot be used."))
    return tr(template, where=where)


@contextmanager
def translated(where: str, path: Path | None = None) -> Iterator[None]:
    """Re-raise driver and OS errors as specific store errors; let everything else through.
    ``path``: the SQLite file, if it is one (see ``classify``)."""
    try:
        yield
    except (exc.DBAPIError, sqlite3.Error, OSError) as error:
        specific = classify(error, where, path)
        if specific is None:
            raise
        raise specific from error
