"""Shared fixtures: real SQLite files, the real PostgreSQL server, and a network guard."""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_URL = os.environ.get(
    "IDEAFORGE_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
BLOCKED: list[tuple[str, object]] = []


def _is_local(address: object) -> bool:
    if isinstance(address, str | bytes):  # AF_UNIX path
        return True
    if not isinstance(address, tuple) or not address:
        return True
    host = address[0]
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a host name that is not 'localhost' would need DNS: not local


def _network_guard(event: str, args: tuple[object, ...]) -> None:
    """Audit hook: any socket to a non-loopback address fails the test run loudly."""
    if event == "socket.connect" and not _is_local(args[1]):
        BLOCKED.append((event, args[1]))
        raise ConnectionRefusedError(f"IdeaForge tests: blocked network connection to {args[1]!r}")
    if (
        event == "socket.getaddrinfo"
        and args
        and args[0] not in (None, "localhost", "127.0.0.1", "::1")
    ):
        host = args[0]
        try:
            if ipaddress.ip_address(str(host)).is_loopback:
                return
        except ValueError:
            pass
        BLOCKED.append((event, host))
        raise socket.gaierror(f"IdeaForge tests: blocked DNS look-up of {host!r}")


sys.addaudithook(_network_guard)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if BLOCKED:
        print(f"\nBlocked network attempts during tests: {BLOCKED}", file=sys.stderr)
        session.exitstatus = 1


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test keeps its settings and window layout in its own folder, never the user's."""
    monkeypatch.setenv("IDEAFORGE_DATA_DIR", str(tmp_path / "ideaforge-data"))
    # A window opened by a test does not start preparing the 1.5B model on its own (the
    # first-run tests turn this back on, with the tiny model).
    monkeypatch.setenv("IDEAFORGE_PREPARE_AT_START", "0")


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Messages start in English whatever the machine's locale, and a test that switches the
    language (a zh-TW window, a Chinese CLI run) does not leak it into the next test."""
    from ideaforge.core import i18n

    monkeypatch.setenv("IDEAFORGE_LANG", "en")
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'ideaforge.db'}"


def _pg_available() -> str | None:
    from sqlalchemy import create_engine

    try:
        engine = create_engine(PG_URL)
        with engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")
        engine.dispose()
        return None
    except Exception as error:
        return str(error).splitlines()[0]


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL schema on the real server, dropped afterwards."""
    problem = _pg_available()
    if problem is not None:
        if IN_CI:
            pytest.fail(f"PostgreSQL must be available in CI ({PG_URL}): {problem}")
        pytest.skip(f"no PostgreSQL server answers at {PG_URL}: {problem}")
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    url = make_url(PG_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP SCHEMA "{schema}" CASCADE')
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest) -> str:
    """Each test using this runs on a real SQLite file and on the real PostgreSQL server."""
    if request.param == "sqlite":
        return str(request.getfixturevalue("sqlite_url"))
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def workspace(db_url: str) -> Iterator[object]:
    from ideaforge.services.workspace import Workspace
    from ideaforge.store import open_store

    ws = Workspace(open_store(db_url), "ada")
    yield ws
    ws.close()


# --- real models ----------------------------------------------------------------------------
# Prepared once per machine into a cache outside the checkout (IDEAFORGE_TEST_MODEL_DIR), from
# the model packages the test command installs; a fresh machine converts them on first use.
MODEL_CACHE = Path(
    os.environ.get(
        "IDEAFORGE_TEST_MODEL_DIR", Path.home() / ".cache" / "ideaforge-tests" / "models"
    )
)


@pytest.fixture(scope="session")
def model_dir() -> Path:
    MODEL_CACHE.mkdir(parents=True, exist_ok=True)
    return MODEL_CACHE


@pytest.fixture(scope="session")
def tiny_model(model_dir: Path) -> object:
    from ideaforge.gen.catalog import TINY_MODEL
    from ideaforge.gen.provision import prepare_builtin

    return prepare_builtin(model_dir, TINY_MODEL, "cpu")


@pytest.fixture(scope="session")
def default_model(model_dir: Path) -> object:
    from ideaforge.gen.catalog import DEFAULT_MODEL
    from ideaforge.gen.provision import prepare_builtin

    return prepare_builtin(model_dir, DEFAULT_MODEL, "cpu")


@pytest.fixture
def gen_workspace(tmp_path: Path, model_dir: Path, tiny_model: object) -> Iterator[object]:
    """A workspace on a real SQLite file whose models folder holds the prepared test models."""
    from ideaforge.services.config import load_settings
    from ideaforge.services.workspace import Workspace
    from ideaforge.store import open_store

    settings = load_settings(
        db=f"sqlite:///{tmp_path / 'gen.db'}", data_dir=tmp_path / "data", model_dir=model_dir,
        device="cpu", user="ada",
    )  # fmt: skip
    ws = Workspace(open_store(settings.db_url), "ada", settings)
    yield ws
    ws.close()
