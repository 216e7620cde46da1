"""Backing up and restoring the embedded SQLite database (store.backup does the work).

These take the settings, not an open workspace: a restore must happen while nothing has the
database open, and neither needs the database migrated first."""

from __future__ import annotations

from pathlib import Path

from ideaforge.core.text import require_path
from ideaforge.services.config import Settings
from ideaforge.store import backup as store_backup
from ideaforge.store.backup import Backup
from ideaforge.store.database import known_revisions

__all__ = ["Backup", "back_up", "list_backups", "restore"]


def back_up(settings: Settings, dest: str | Path | None = None) -> Path:
    """A consistent copy of the database (safe while it is in use). ``dest``: a file or a
    folder; default: the backups folder beside the database."""
    db = store_backup.sqlite_path(settings.db_url)
    return store_backup.backup(db, require_path(dest).expanduser() if dest else None)


def list_backups(settings: Settings) -> list[Backup]:
    return store_backup.list_backups(store_backup.sqlite_path(settings.db_url))


def restore(settings: Settings, source: str | Path) -> Path | None:
    """Replace the database with the backup ``source`` after checking it; the current database
    is backed up first (returned), so the restore can be undone the same way."""
    db = store_backup.sqlite_path(settings.db_url)
    return store_backup.restore(require_path(source).expanduser(), db, known_revisions())
