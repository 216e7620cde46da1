"""Migrations: from an empty database, upgrade from the first schema, refuse a newer one."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from ideaforge.core.errors import DatabaseFromNewerVersion
from ideaforge.core.model import Language
from ideaforge.store import open_store
from ideaforge.store.database import head_revision, known_revisions
from ideaforge.store.schema import Base


def test_empty_database_migrates_to_a_schema_matching_the_models(db_url: str) -> None:
    store = open_store(db_url)
    try:
        assert store.schema_revision() == head_revision()
        with store.engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diffs == []
    finally:
        store.close()


def test_upgrade_from_the_first_schema_keeps_data(db_url: str) -> None:
    assert known_revisions()[-1] == "0001"  # walk_revisions lists newest first
    first = open_store(db_url, migrate_to="0001")
    try:
        assert first.schema_revision() == "0001"
        with first.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO sessions (id, title, challenge, intent, values_text, phase,"
                    " created_at, updated_at)"
                    " VALUES (1, 'Old', 'How might we?', '', '', 'converge',"
                    " '2025-01-01 10:00:00', '2025-01-01 10:00:00')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO ideas (id, session_id, text, origin, status, prune_reason,"
                    " created_at, updated_at)"
                    " VALUES (1, 1, 'An old idea', 'human', 'pruned', 'too slow',"
                    " '2025-01-01 10:00:00', '2025-01-01 10:00:00')"
                )
            )
    finally:
        first.close()
    store = open_store(db_url)
    try:
        assert store.schema_revision() == head_revision()
        with store.unit_of_work(readonly=True) as uow:
            s = uow.sessions.get(1)
            [idea] = uow.ideas.list(1)
        assert (s.title, s.phase.value, s.language) == ("Old", "converge", Language.EN)
        assert (idea.text, idea.prune_reason, idea.language) == (
            "An old idea",
            "too slow",
            Language.EN,
        )
        assert s.created_at.year == 2025 and s.created_at.tzinfo is not None
    finally:
        store.close()


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_database_from_a_newer_version_is_refused_and_untouched(db_url: str) -> None:
    open_store(db_url).close()
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    url = make_url(db_url)
    before = _digest(Path(url.database)) if url.get_backend_name() == "sqlite" else None
    with pytest.raises(
        DatabaseFromNewerVersion, match=r"newer version of IdeaForge.*nothing in it was changed"
    ):
        open_store(db_url)
    if before is not None:
        assert _digest(Path(url.database)) == before
    engine = create_engine(db_url)
    with engine.connect() as conn:
        assert (
            conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999_future"
        )
    engine.dispose()


def test_revisions_read_from_file_names_match_alembic() -> None:
    """Opening a database reads revision ids from file names (no alembic import); they must be
    exactly alembic's own chain, newest first."""
    from alembic.script import ScriptDirectory

    from ideaforge.store.database import MIGRATIONS

    script = ScriptDirectory(str(MIGRATIONS))
    assert known_revisions() == [r.revision for r in script.walk_revisions()]
    assert head_revision() == script.get_current_head()
