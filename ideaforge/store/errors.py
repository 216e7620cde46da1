"""Translate database driver errors into the specific, user-facing errors of core.errors."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager

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


def classify(error: BaseException, where: str) -> IdeaForgeError | None:
    """Return the specific store error for a driver or OS error, or None if it is not one."""
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
    if not isinstance(error, exc.DBAPIError):
        return None
    orig = error.orig
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
    if "readonly database" in text or "read-only" in text or "unable to open database" in text:
        return ReadOnlyLocation(_describe(ReadOnlyLocation, where))
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
            "{where} cannot be written. Choose a writable location with --db, --data-dir or "
            "IDEAFORGE_DATA_DIR."
        ),
        DatabaseUnavailable: N_(
            "The database server for {where} cannot be reached. Check that it is running and "
            "that the address is right."
        ),
    }.get(kind, N_("The database {where} cannot be used."))
    return tr(template, where=where)


@contextmanager
def translated(where: str) -> Iterator[None]:
    """Re-raise driver and OS errors as specific store errors; let everything else through."""
    try:
        yield
    except (exc.DBAPIError, OSError) as error:
        specific = classify(error, where)
        if specific is None:
            raise
        raise specific from error
