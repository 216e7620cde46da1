"""Fuzzing with hypothesis (thousands of cases): the importers and the CLI's arguments give
clear errors, never a traceback, and never leave half an import behind.

Real parts: a real SQLite file per test, the real import service and the real CLI entry point.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ideaforge.cli import main
from ideaforge.core.errors import IdeaForgeError
from ideaforge.services.config import load_settings
from ideaforge.services.workspace import Workspace
from ideaforge.store import open_store

FUZZ = settings(
    max_examples=700, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# Unicode that breaks naive code: controls, bidi marks, zero-width, surrogates escaped by the
# file encoding, combining marks, CJK, emoji, and the formula starters of spreadsheets.
ODD = st.sampled_from(
    [
        "\x00",
        "\r",
        "\n",
        "\t",
        "\u202e",
        "\u200b",
        "\ufeff",
        "\u0301",
        "你",
        "的",
        "😀",
        "=",
        "+",
        "-",
        "@",
        '"',
        ",",
        ";",
        "\\",
        "\u2028",
        "\x1b[31m",
    ]
)
TEXT = st.lists(st.one_of(st.characters(), ODD), max_size=80).map("".join)


def _ws(tmp_path: Path) -> Workspace:
    s = load_settings(db=f"sqlite:///{tmp_path / 'fuzz.db'}", data_dir=tmp_path / "data",
                      model_dir=tmp_path / "models", device="cpu", user="ada")  # fmt: skip
    return Workspace(open_store(s.db_url), "ada", s)


def _counts(ws: Workspace) -> tuple[int, int]:
    sessions = ws.sessions.list()
    return len(sessions), sum(s.idea_count for s in sessions)


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def _session_json(ws: Workspace, session_id: int, tmp_path: Path) -> dict[str, object]:
    """A real session file, as the exporter writes it."""
    [path] = ws.exports.export(session_id, "json", tmp_path / "session.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _mutate(data: object, path: list[int], value: object) -> object:
    """Replace one value deep in a JSON document (the path picks keys/items by index)."""
    if not path:
        return value
    if isinstance(data, dict) and data:
        keys = sorted(data)
        key = keys[path[0] % len(keys)]
        return {**data, key: _mutate(data[key], path[1:], value)}
    if isinstance(data, list) and data:
        i = path[0] % len(data)
        return [*data[:i], _mutate(data[i], path[1:], value), *data[i + 1 :]]
    return value


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=12,
)


def test_importing_fuzzed_files_is_all_or_nothing_with_clear_errors(tmp_path: Path) -> None:
    ws = _ws(tmp_path)
    target = ws.sessions.new("How might we make bike commuting safer for new riders?")
    ws.ideas.add(target.id, "Paint protected lanes")
    valid = _session_json(ws, target.id, tmp_path)
    outcomes = {"imported": 0, "refused": 0}

    @FUZZ
    @given(
        kind=st.sampled_from(["text", "csv", "json-random", "json-mutated", "bytes"]),
        lines=st.lists(TEXT, max_size=12),
        rows=st.lists(st.lists(TEXT, max_size=4), max_size=8),
        blob=st.binary(max_size=400),
        doc=JSON_VALUES,
        where=st.lists(st.integers(0, 50), max_size=5),
        suffix=st.sampled_from([".txt", ".csv", ".json", ".md", ""]),
        into_session=st.booleans(),
    )
    def run(kind: str, lines: list[str], rows: list[list[str]], blob: bytes, doc: object,
            where: list[int], suffix: str, into_session: bool) -> None:  # fmt: skip
        path = tmp_path / f"fuzzed{suffix}"
        if kind == "text":
            path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
        elif kind == "csv":
            path.write_text(_csv(rows), encoding="utf-8", errors="surrogatepass")
        elif kind == "json-random":
            path.write_text(json.dumps(doc), encoding="utf-8")
        elif kind == "json-mutated":
            path.write_text(json.dumps(_mutate(valid, where, doc)), encoding="utf-8")
        else:
            path.write_bytes(blob)
        before = _counts(ws)
        try:
            result = ws.exports.import_ideas(
                path, session_id=target.id if into_session and kind in ("text", "csv") else None
            )
        except IdeaForgeError as error:
            assert str(error).strip()  # a message for the person
            assert _counts(ws) == before  # nothing half-written
            outcomes["refused"] += 1
            return
        sessions, ideas = _counts(ws)
        assert ideas == before[1] + result.imported and result.imported > 0
        assert sessions in (before[0], before[0] + 1)
        outcomes["imported"] += 1

    try:
        run()
    finally:
        ws.close()
    # both outcomes were exercised, so the invariants above were checked on each side
    assert outcomes["imported"] > 50 and outcomes["refused"] > 50, outcomes


SAFE_COMMANDS = [
    ["sessions", "new"],
    ["sessions", "list"],
    ["sessions", "show"],
    ["sessions", "update"],
    ["sessions", "phase"],
    ["sessions", "delete"],
    ["ideas", "add"],
    ["ideas", "list"],
    ["ideas", "prune"],
    ["ideas", "restore"],
    ["runs"],
    ["export"],
    ["import"],
    ["log"],
    ["vote"],
    ["criteria"],
    ["score"],
    ["decide"],
    ["history"],
    ["info"],
    ["backup"],
]  # fmt: skip  (no generation, analysis, model work or network: they are tested on their own)
OPTIONS = ["--json", "--format", "md", "html", "csv", "json", "--out", "--reason", "--title",
           "--challenge", "--language", "zh-TW", "en", "mixed", "--weight", "--chosen",
           "--rationale", "--options", "--decider", "--values", "--concern", "--no-concerns",
           "--all", "--status", "--list", "--to", "--bom", "--verify", "1", "2", "0", "-1",
           "999999999999", "3.5", "nan", "", "How might we help?"]  # fmt: skip
TOKEN = st.one_of(st.sampled_from(OPTIONS), TEXT.filter(lambda t: t[:1] not in ("/", "~", "-")))


def test_fuzzed_command_lines_end_with_an_exit_code_never_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # whatever a fuzzed --out names lands here
    base = ["--db", str(tmp_path / "cli.db"), "--data-dir", str(tmp_path / "data"),
            "--model-dir", str(tmp_path / "models"), "--device", "cpu", "--user", "ada"]  # fmt: skip
    assert main([*base, "sessions", "new", "How might we make streets calmer?"],
                out=io.StringIO()) == 0  # fmt: skip
    codes: dict[int, int] = {}

    @FUZZ
    @given(command=st.sampled_from(SAFE_COMMANDS), args=st.lists(TOKEN, max_size=8))
    # found by this test: a NUL in a file name made pathlib raise ValueError (a traceback)
    @example(command=["import"], args=["\x00"])
    @example(command=["export"], args=["1", "--format", "md", "--out", "a\x00b"])
    @example(command=["backup"], args=["--to", "\x00"])
    def run(command: list[str], args: list[str]) -> None:
        out = io.StringIO()
        try:
            code = main([*base, *command, *args], out=out)
        except SystemExit as exit_:  # argparse: usage errors (2) and --help (0)
            code = int(exit_.code or 0)
            assert code in (0, 2)
        err = capsys.readouterr().err
        assert "Traceback" not in err
        assert isinstance(code, int)
        if code not in (0, 2):  # an IdeaForge error: one line saying what was wrong
            assert err.startswith("ideaforge-cli: error: "), err
        codes[code] = codes.get(code, 0) + 1

    run()
    assert codes.get(0) and codes.get(2) and any(c not in (0, 2) for c in codes), codes
