"""Backups of the SQLite database: consistent while in use, taken before migrations and rotated,
restored after checks (and undoable), refused for files that are not intact IdeaForge data."""

from __future__ import annotations

import io
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from ideaforge.cli import main
from ideaforge.core.errors import NotADatabase, StoreError
from ideaforge.services import backups
from ideaforge.services.config import load_settings
from ideaforge.services.workspace import Workspace
from ideaforge.store import backup as store_backup
from ideaforge.store import open_store
from ideaforge.store.database import head_revision


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "data" / "ideaforge.db"


def workspace(db: Path) -> Workspace:
    settings = load_settings(db=f"sqlite:///{db}", data_dir=db.parent, user="ada")
    return Workspace(open_store(settings.db_url), "ada", settings)


def titles(db: Path) -> list[str]:
    ws = workspace(db)
    try:
        return sorted(s.session.title for s in ws.sessions.list())
    finally:
        ws.close()


def test_a_backup_taken_while_another_thread_writes_is_whole_and_consistent(db: Path) -> None:
    ws = workspace(db)
    s = ws.sessions.new("How might we make bike commuting safer?")
    stop = threading.Event()
    written: list[int] = []

    def writer() -> None:
        while not stop.is_set():
            written.append(ws.ideas.add(s.id, f"idea {len(written)}").id)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        while len(written) < 20:
            time.sleep(0.01)
        copies = [store_backup.backup(db, label=f"t{i}") for i in range(3)]
    finally:
        stop.set()
        thread.join()
        ws.close()
    counts = []
    for copy in copies:
        assert store_backup.check_file(copy) == head_revision()
        conn = sqlite3.connect(copy)
        counts.append(conn.execute("SELECT count(*) FROM ideas").fetchone()[0])
        conn.close()
    assert 20 <= counts[0] <= counts[1] <= counts[2] <= len(written)
    assert not list(db.parent.glob("backups/*.part"))


def test_a_migration_backs_up_first_and_keeps_the_newest_five(db: Path) -> None:
    old = open_store(f"sqlite:///{db}", migrate_to="0003")
    with old.engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO sessions (id, title, challenge, intent, values_text, phase, created_at,"
            " updated_at) VALUES (1, 'Old', 'How might we?', '', '', 'diverge',"
            " '2025-01-01 10:00:00', '2025-01-01 10:00:00')"
        )
    old.close()
    assert store_backup.list_backups(db) == []
    open_store(f"sqlite:///{db}").close()  # migrates to the head, after a backup
    [first] = store_backup.list_backups(db)
    assert first.revision == "0003" and first.path.name.startswith("ideaforge-before-0003-")
    conn = sqlite3.connect(first.path)
    assert conn.execute("SELECT title FROM sessions").fetchall() == [("Old",)]
    conn.close()
    open_store(f"sqlite:///{db}").close()  # up to date: no new backup
    assert len(store_backup.list_backups(db)) == 1

    restored = store_backup.backup(db, label="before-restore")  # another kind: not rotated
    for _ in range(6):
        store_backup.before_migration(db, "0003")
    names = [b.path.name for b in store_backup.list_backups(db)]
    assert sum(n.startswith("ideaforge-before-0003-") for n in names) == store_backup.KEEP
    assert first.path.name not in names  # the oldest went
    assert restored.name in names


def test_restore_replaces_the_database_and_can_be_undone(db: Path) -> None:
    ws = workspace(db)
    ws.sessions.new("How might we cut food waste at school?", title="Before")
    ws.close()
    saved = backups.back_up(load_settings(db=f"sqlite:///{db}", data_dir=db.parent))
    ws = workspace(db)
    ws.sessions.new("How might we welcome new neighbours?", title="After")
    ws.close()
    assert titles(db) == ["After", "Before"]

    settings = load_settings(db=f"sqlite:///{db}", data_dir=db.parent)
    previous = backups.restore(settings, saved)
    assert titles(db) == ["Before"]
    assert previous is not None and previous.name.startswith("ideaforge-before-restore-")
    backups.restore(settings, previous)  # undo
    assert titles(db) == ["After", "Before"]


def test_restore_refuses_what_is_not_an_intact_ideaforge_database(db: Path, tmp_path: Path) -> None:
    ws = workspace(db)
    ws.sessions.new("How might we keep the library open later?", title="Kept")
    ws.close()
    settings = load_settings(db=f"sqlite:///{db}", data_dir=db.parent)
    good = backups.back_up(settings)

    text = tmp_path / "notes.txt"
    text.write_text("not a database", encoding="utf-8")
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    newer = tmp_path / "newer.db"
    newer.write_bytes(good.read_bytes())
    conn = sqlite3.connect(newer)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(good.read_bytes()[: 4096 * 3])  # cut short: pages missing

    cases = [
        (text, r"is not an SQLite database"),
        (other, r"is an SQLite file but not an IdeaForge database"),
        (newer, r"was written by a newer version of IdeaForge \(schema 9999\)"),
        (damaged, r"is damaged|cannot be read as a database"),
        (tmp_path / "missing.db", r"does not exist"),
    ]
    for source, message in cases:
        with pytest.raises(NotADatabase, match=message):
            backups.restore(settings, source)
        assert titles(db) == ["Kept"]  # untouched
    assert not [b for b in backups.list_backups(settings) if "before-restore" in b.path.name]


def test_postgresql_is_pointed_to_its_own_tools(tmp_path: Path) -> None:
    settings = load_settings(db="postgresql+psycopg://u@127.0.0.1/x", data_dir=tmp_path)
    with pytest.raises(StoreError, match=r"For PostgreSQL use its own tools: pg_dump"):
        backups.back_up(settings)


def test_the_cli_backs_up_lists_and_restores(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = workspace(db)
    ws.sessions.new("How might we share tools between neighbours?", title="Tools")
    ws.close()
    base = ["--db", f"sqlite:///{db}", "--data-dir", str(db.parent)]

    def run(*args: str) -> tuple[int, str]:
        out = io.StringIO()
        return main([*base, *args], out=out), out.getvalue()

    code, text = run("backup")
    assert code == 0 and text.startswith("Backed up to ")
    path = Path(text.strip().removeprefix("Backed up to "))
    assert store_backup.check_file(path) == head_revision()
    code, text = run("backup", "--list")
    assert code == 0 and str(path) in text and f"schema {head_revision()}" in text

    ws = workspace(db)
    ws.sessions.new("How might we light the park path?", title="Light")
    ws.close()
    code, _ = run("restore", str(path))  # not a terminal, no --yes: refused
    assert code != 0 and "add --yes to confirm" in capsys.readouterr().err
    assert titles(db) == ["Light", "Tools"]
    code, text = run("restore", str(path), "--yes")
    assert code == 0 and text.startswith(f"Restored {path}. The database as it was is in ")
    assert titles(db) == ["Tools"]
