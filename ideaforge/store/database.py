"""Opening a database: checks, engine settings, migrations, and units of work.

SQLite (the embedded default) runs in WAL mode with foreign keys on. Write transactions start
with BEGIN IMMEDIATE so that a competing writer waits (busy timeout) instead of failing half-way;
read-only units of work use a plain deferred BEGIN and never block each other.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import NullPool

from ideaforge.core.errors import (
    DatabaseFromNewerVersion,
    DatabaseLocked,
    NotADatabase,
    ReadOnlyLocation,
    StoreError,
)
from ideaforge.core.i18n import tr
from ideaforge.store.errors import translated
from ideaforge.store.repositories import UnitOfWork

T = TypeVar("T")
SQLITE_MAGIC = b"SQLite format 3\x00"
MIGRATIONS = Path(__file__).with_name("migrations")


def _lock_timeout() -> float:
    """Seconds a writer waits for another before DatabaseLocked (IDEAFORGE_DB_LOCK_TIMEOUT)."""
    try:
        return max(0.0, float(os.environ.get("IDEAFORGE_DB_LOCK_TIMEOUT", "5")))
    except ValueError:
        return 5.0


def display_url(url: URL) -> str:
    if url.get_backend_name() == "sqlite":
        return f"'{url.database}'" if url.database else "(in-memory database)"
    return f"'{url.render_as_string(hide_password=True)}'"


def _check_sqlite_file(path: Path) -> None:
    """Fail early and specifically for a folder we cannot write or a file that is not SQLite."""
    where = f"'{path}'"
    if path.is_dir():
        raise NotADatabase(tr("{where} is a folder, not a database file.", where=where))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ReadOnlyLocation(
            tr(
                "Cannot create the folder '{parent}' ({strerror}). Choose a writable "
                "location with --db, --data-dir or IDEAFORGE_DATA_DIR.",
                parent=path.parent,
                strerror=error.strerror,
            )
        ) from error
    if path.exists() and path.stat().st_size > 0:
        with path.open("rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
        if head != SQLITE_MAGIC:
            raise NotADatabase(
                tr(
                    "{where} is not an IdeaForge database (it is not an SQLite file). "
                    "Nothing was changed. Point IdeaForge at another file with --db.",
                    where=where,
                )
            )
    # SQLite needs to create the -wal and -shm files beside the database.
    if not os.access(path.parent, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ReadOnlyLocation(
            tr(
                "{where} is in a location that cannot be written. Choose a writable "
                "location with --db, --data-dir or IDEAFORGE_DATA_DIR.",
                where=where,
            )
        )


def _sqlite_engine(url: URL) -> Engine:
    timeout = _lock_timeout()
    engine = create_engine(url, poolclass=NullPool, connect_args={"timeout": timeout})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see module docstring)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        cur.execute("PRAGMA foreign_keys = ON")
        if url.database not in (None, "", ":memory:"):
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        readonly = conn.get_execution_options().get("ideaforge_readonly", False)
        conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")

    return engine


class Store:
    """An open, migrated database. Thread-safe: each unit of work gets its own ORM session."""

    def __init__(self, engine: Engine, where: str, path: Path | None = None) -> None:
        from ideaforge.store.changes import OwnEvents, new_client_id

        self.engine = engine
        self.where = where
        self.path = path  # the SQLite file, if it is one: tells a full disk from a read-only one
        self.dialect = engine.dialect.name
        self.url = engine.url.render_as_string(hide_password=False)  # for join codes
        self.client_id = new_client_id()  # tells this client's change notices from others'
        self._own = OwnEvents()
        self._write = sessionmaker(bind=engine, expire_on_commit=False)
        self._read = sessionmaker(
            bind=engine.execution_options(ideaforge_readonly=True), expire_on_commit=False
        )

    @contextmanager
    def unit_of_work(self, *, readonly: bool = False) -> Iterator[UnitOfWork]:
        """One transaction. Committed when the block ends without error, else rolled back."""
        with translated(self.where, self.path):
            orm: OrmSession = (self._read if readonly else self._write)()
            try:
                uow = UnitOfWork(orm)
                yield uow
                if readonly:
                    orm.rollback()
                else:
                    events = uow.audit.recorded
                    if events and self.dialect == "postgresql":
                        from ideaforge.store.changes import send_notices

                        send_notices(orm, self.client_id, events)
                    orm.commit()
                    if events:
                        self._own.add([e.id for e in events])
            except BaseException:
                orm.rollback()
                raise
            finally:
                orm.close()

    def write(self, fn: Callable[[UnitOfWork], T], *, retries: int = 2) -> T:
        """Run ``fn`` in one committed transaction, retrying it when the database stays locked."""
        for attempt in range(retries + 1):
            try:
                with self.unit_of_work() as uow:
                    return fn(uow)
            except DatabaseLocked:
                if attempt == retries:
                    raise
                time.sleep(0.2 * (attempt + 1))
        raise AssertionError("unreachable")

    def read(self, fn: Callable[[UnitOfWork], T]) -> T:
        with self.unit_of_work(readonly=True) as uow:
            return fn(uow)

    def watch(self, callback: Callable[[Any], None], *, poll_interval: float = 0.25) -> Any:
        """Start reporting other clients' changes (store.changes.Notice) to ``callback``, on a
        background thread; returns the watcher, whose ``stop()`` ends it."""
        from ideaforge.store.changes import AuditPoller, PgListener

        if self.dialect == "postgresql":
            return PgListener(self.engine.url, self.client_id, callback).start()
        # Read-only: a poll must never queue for the write lock behind the writers.
        engine = self.engine.execution_options(ideaforge_readonly=True)
        return AuditPoller(engine, self._own, callback, poll_interval).start()

    def schema_revision(self) -> str | None:
        with translated(self.where, self.path), self.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            row = conn.exec_driver_sql("SELECT version_num FROM alembic_version").first()
            return str(row[0]) if row else None

    def close(self) -> None:
        self.engine.dispose()


def _alembic_config(connection: Any) -> Any:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def known_revisions() -> list[str]:
    """Revision ids, newest first, read from the migration files' names (``0004_x.py``) so
    that opening an up-to-date database does not import alembic (a quarter second)."""
    names = sorted(p.name.split("_", 1)[0] for p in (MIGRATIONS / "versions").glob("[0-9]*_*.py"))
    return names[::-1]


def head_revision() -> str:
    return known_revisions()[0]


def migrate(store: Store, target: str = "head") -> None:
    """Bring the schema to ``target``; refuse a database written by a newer IdeaForge."""
    current = store.schema_revision()
    if current is not None and current not in known_revisions():
        raise DatabaseFromNewerVersion(
            tr(
                "The database {where} was written by a newer version of IdeaForge "
                "(schema {current}; this version knows up to {head_revision}). It was "
                "not opened, so nothing in it was changed. Update IdeaForge to open it.",
                where=store.where,
                current=current,
                head_revision=head_revision(),
            )
        )
    if current == head_revision() and target == "head":
        return
    database = store.engine.url.database
    if store.dialect == "sqlite" and current is not None and database not in (None, "", ":memory:"):
        # A copy of the data as it was, in case the new version has to be given up again.
        from ideaforge.store.backup import before_migration

        before_migration(Path(str(database)).expanduser(), current)
    from alembic import command

    with translated(store.where, store.path), store.engine.begin() as conn:
        command.upgrade(_alembic_config(conn), target)


def open_store(url: str | URL, *, migrate_to: str | None = "head") -> Store:
    """Open (creating if needed) the database at ``url`` and apply migrations.

    Raises a specific StoreError (locked, newer version, not a database, disk full, read-only,
    unreachable server) with a message for the user; nothing is changed when it does.
    """
    try:
        parsed = make_url(url)
    except Exception as error:
        raise StoreError(
            tr("'{url}' is not a database URL: {error}", url=url, error=error)
        ) from error
    where = display_url(parsed)
    path: Path | None = None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database not in (None, "", ":memory:"):
            path = Path(parsed.database).expanduser()
            _check_sqlite_file(path)
        engine = _sqlite_engine(parsed)
    else:
        if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        try:
            engine = create_engine(parsed, pool_pre_ping=True, pool_size=5, max_overflow=5)
        except Exception as error:  # unknown dialect or driver missing
            raise StoreError(
                tr("Cannot use the database {where}: {error}", where=where, error=error)
            ) from error
    store = Store(engine, where, path)
    try:
        with translated(where, path), engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        if migrate_to is not None:
            migrate(store, migrate_to)
    except BaseException:
        engine.dispose()
        raise
    return store
