"""Each broken-database situation gets its specific error, and nothing already saved is lost."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import event

from ideaforge.core.errors import (
    DatabaseLocked,
    DatabaseUnavailable,
    DiskFull,
    NotADatabase,
    ReadOnlyLocation,
    StoreError,
)
from ideaforge.core.model import Idea, Session
from ideaforge.store import Store, open_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    yield s
    s.close()


def _add_session(store: Store) -> int:
    return store.write(lambda uow: uow.sessions.add(Session(0, "t", "c")).id)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_locked_database_retries_then_reports(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sid = _add_session(store)
    store.close()
    monkeypatch.setenv("IDEAFORGE_DB_LOCK_TIMEOUT", "0.2")
    store = open_store(f"sqlite:///{tmp_path / 'db.sqlite'}")
    holder = sqlite3.connect(tmp_path / "db.sqlite", isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(DatabaseLocked, match=r"locked by another program.*nothing was changed"):
            store.write(lambda uow: uow.ideas.add(Idea(0, sid, "blocked")), retries=1)
    finally:
        holder.rollback()
    # Released during the retries: the write goes through.
    holder.execute("BEGIN IMMEDIATE")
    timer = threading.Timer(0.3, holder.rollback)
    timer.start()
    try:
        idea = store.write(lambda uow: uow.ideas.add(Idea(0, sid, "after the lock")), retries=5)
    finally:
        timer.join()
        holder.close()
    assert [i.text for i in store.read(lambda uow: uow.ideas.list(sid))] == [idea.text]
    store.close()


def test_readers_are_not_blocked_by_a_writer(store: Store, tmp_path: Path) -> None:
    sid = _add_session(store)
    holder = sqlite3.connect(tmp_path / "db.sqlite", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        assert store.read(lambda uow: uow.sessions.get(sid)).id == sid  # WAL: readers go on
    finally:
        holder.rollback()
        holder.close()


def test_non_database_file_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("these are my notes, not a database\n" * 50)
    before = _digest(path)
    with pytest.raises(NotADatabase, match="not an IdeaForge database"):
        open_store(f"sqlite:///{path}")
    assert _digest(path) == before


def test_corrupt_sqlite_file_is_reported(store: Store, tmp_path: Path) -> None:
    sid = _add_session(store)
    store.write(lambda uow: [uow.ideas.add(Idea(0, sid, f"idea {n} " * 50)) for n in range(200)])
    store.close()
    path = tmp_path / "db.sqlite"
    with sqlite3.connect(path) as conn:  # fold the WAL into the main file first
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 2, len(data), page):  # keep the header, smash every other page
        data[offset : offset + 512] = os.urandom(512)
    path.write_bytes(bytes(data))
    with pytest.raises(NotADatabase, match="damaged"):
        broken = open_store(f"sqlite:///{path}")
        try:
            broken.read(lambda uow: [uow.ideas.list(s.id) for s in uow.sessions.list()])
        finally:
            broken.close()


def test_folder_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(NotADatabase, match="is a folder"):
        open_store(f"sqlite:///{tmp_path}")


def test_full_database_keeps_what_was_saved(store: Store) -> None:
    sid = _add_session(store)
    saved = store.write(lambda uow: uow.ideas.add(Idea(0, sid, "saved before the disk filled")))
    with store.engine.connect() as conn:
        page_count = conn.exec_driver_sql("PRAGMA page_count").scalar()

    @event.listens_for(store.engine, "connect")
    def _limit(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        # SQLite's own size cap: writes past it fail exactly as on a full disk (SQLITE_FULL).
        dbapi_conn.execute(f"PRAGMA max_page_count = {int(page_count) + 2}")

    big = "x" * 9_000
    with pytest.raises(DiskFull, match="full; the last change was not saved"):
        store.write(lambda uow: [uow.ideas.add(Idea(0, sid, big)) for _ in range(50)])
    event.remove(store.engine, "connect", _limit)
    assert [i.id for i in store.read(lambda uow: uow.ideas.list(sid))] == [saved.id]


@pytest.mark.skipif(
    sys.platform != "linux" or os.geteuid() != 0, reason="needs root to mount a small tmpfs"
)
def test_real_full_disk_on_a_tiny_filesystem() -> None:
    mount = Path(tempfile.mkdtemp(prefix="ideaforge-full-"))
    if (
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)]).returncode
        != 0
    ):
        pytest.skip("this machine does not allow mounting a tmpfs")
    try:
        store = open_store(f"sqlite:///{mount / 'db.sqlite'}")
        sid = _add_session(store)
        saved = store.write(lambda uow: uow.ideas.add(Idea(0, sid, "saved first")))
        with pytest.raises(DiskFull):
            for _ in range(200):
                store.write(
                    lambda uow: [uow.ideas.add(Idea(0, sid, "y" * 9_000)) for _ in range(5)]
                )
        texts = [i.text for i in store.read(lambda uow: uow.ideas.list(sid))]
        assert texts[0] == saved.text
        store.close()
    finally:
        subprocess.run(["umount", str(mount)], check=False)
        shutil.rmtree(mount, ignore_errors=True)


def test_read_only_database_file(store: Store, tmp_path: Path) -> None:
    sid = _add_session(store)
    store.close()
    ro = open_store(f"sqlite:///file:{tmp_path / 'db.sqlite'}?mode=ro&uri=true")
    try:
        assert ro.read(lambda uow: uow.sessions.get(sid)).id == sid
        with pytest.raises(ReadOnlyLocation, match="cannot be written"):
            ro.write(lambda uow: uow.ideas.add(Idea(0, sid, "nope")))
    finally:
        ro.close()


def _as_nobody() -> None:
    os.setgid(65534)
    os.setuid(65534)


def test_read_only_data_folder(tmp_path: Path) -> None:
    """A folder that cannot be written, checked as an unprivileged user (root writes anywhere)."""
    folder = Path(tempfile.mkdtemp(prefix="ideaforge-ro-"))
    try:
        folder.chmod(0o555)
        code = (
            "import sys\n"
            "from ideaforge.store import open_store\n"
            "from ideaforge.core.errors import ReadOnlyLocation\n"
            "try:\n"
            f"    open_store('sqlite:///{folder}/sub/db.sqlite')\n"
            "except ReadOnlyLocation as e:\n"
            "    print(e); sys.exit(7)\n"
        )
        root = os.name == "posix" and os.geteuid() == 0
        proc = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            preexec_fn=_as_nobody if root else None,
            cwd=folder,
            env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        )
        assert proc.returncode == 7, proc.stderr
        assert "Cannot create the folder" in proc.stdout
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def test_unreachable_server_and_bad_url() -> None:
    with pytest.raises(DatabaseUnavailable, match="cannot be reached"):
        open_store("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2")
    with pytest.raises(StoreError, match="not a database URL"):
        open_store("::::")
