"""The CLI round-trips a session with ideas on SQLite and PostgreSQL; errors and exit codes."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ideaforge.cli import main


def run(
    db: str, *args: str, stdin: str | None = None, monkeypatch: pytest.MonkeyPatch | None = None
) -> tuple[int, str]:
    out = io.StringIO()
    if stdin is not None and monkeypatch is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(["--db", db, "--user", "ada", *args], out=out)
    return code, out.getvalue()


def test_round_trip(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text = run(
        db_url,
        "sessions",
        "new",
        "How might we cut food waste at school?",
        "--intent",
        "less waste",
    )
    assert code == 0 and text.startswith("Created session 1")
    code, text = run(db_url, "ideas", "add", "1", "Smaller plates", "剩菜捐給食物銀行 🍱")
    assert code == 0 and "#2 剩菜捐給食物銀行 🍱" in text
    code, text = run(
        db_url,
        "ideas",
        "add",
        "1",
        "-",
        stdin="Compost bins\n\n  Tasting days  \n",
        monkeypatch=monkeypatch,
    )
    assert code == 0 and text.count("Added") == 2
    assert run(db_url, "ideas", "prune", "1", "--reason", "kids still hungry")[0] == 0
    code, text = run(db_url, "--json", "ideas", "list", "1")
    listed = json.loads(text)
    assert [i["text"] for i in listed] == ["剩菜捐給食物銀行 🍱", "Compost bins", "Tasting days"]
    assert listed[0]["origin"] == "human" and listed[0]["language"] == "zh-TW"
    code, text = run(db_url, "ideas", "list", "1", "--all", "--json")
    pruned = [i for i in json.loads(text) if i["status"] == "pruned"]
    assert [(i["id"], i["prune_reason"]) for i in pruned] == [(1, "kids still hungry")]
    code, text = run(db_url, "ideas", "list", "1", "--status", "pruned")
    assert text.strip() == "#1 [pruned] Smaller plates  — human (reason: kids still hungry)"
    assert run(db_url, "ideas", "restore", "1")[0] == 0
    code, text = run(db_url, "ideas", "list", "1", "--search", "COMPOST")
    assert text.strip().startswith("#3 Compost bins")
    code, text = run(db_url, "sessions", "show", "1", "--json")
    shown = json.loads(text)
    assert shown["counts"]["active"] == 4 and shown["participants"][0]["role"] == "facilitator"
    code, text = run(db_url, "sessions", "list")
    assert "4 ideas" in text
    code, text = run(db_url, "history", "1", "--json")
    assert [e["action"] for e in json.loads(text)][-2:] == ["prune", "restore"]
    assert run(db_url, "sessions", "phase", "1", "converge")[0] == 0
    assert run(db_url, "sessions", "delete", "1", "--yes")[0] == 0
    code, text = run(db_url, "sessions", "list")
    assert "No sessions yet" in text
    capsys.readouterr()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["sessions", "show", "42"], 1, "There is no session with id 42."),
        (["sessions", "new", "  "], 1, "The challenge is empty"),
        (["ideas", "prune", "1", "--reason", ""], 1, "The reason for pruning is empty"),
        (["sessions", "phase", "1", "decide"], 1, "Cannot go from diverge to decide"),
        (["sessions", "delete", "1"], 1, "needs confirmation: add --yes"),
    ],
)
def test_errors_are_messages_with_exit_codes(
    sqlite_url: str,
    args: list[str],
    code: int,
    message: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    run(sqlite_url, "sessions", "new", "How might we?")
    run(sqlite_url, "ideas", "add", "1", "an idea")
    capsys.readouterr()
    assert run(sqlite_url, *args)[0] == code
    err = capsys.readouterr().err
    assert err.startswith("ideaforge-cli: error: ") and message in err
    assert "Traceback" not in err


def test_store_errors_exit_3(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bogus = tmp_path / "bogus.db"
    bogus.write_bytes(b"PK\x03\x04 this is a zip file")
    assert run(f"sqlite:///{bogus}", "sessions", "list")[0] == 3
    assert "is not an IdeaForge database" in capsys.readouterr().err
    # A plain path is accepted as an SQLite file.
    assert run(str(tmp_path / "plain.db"), "sessions", "list")[0] == 0


def test_usage_error_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["ideas", "prune", "not-a-number"])
    assert exit_info.value.code == 2
    assert "invalid int value" in capsys.readouterr().err


def test_python_dash_m_in_a_real_process(tmp_path: Path) -> None:
    env = {**os.environ, "IDEAFORGE_DATA_DIR": str(tmp_path / "data"), "IDEAFORGE_USER": "lin"}
    env.pop("IDEAFORGE_DB", None)
    proc = subprocess.run(
        [sys.executable, "-m", "ideaforge", "sessions", "new", "我們如何減少通勤時間？", "--json"],
        capture_output=True,
        text=True,
        env=env,
        encoding="utf-8",
    )
    assert proc.returncode == 0, proc.stderr
    created = json.loads(proc.stdout)
    assert created["language"] == "zh-TW"
    assert (tmp_path / "data" / "ideaforge.db").exists()
    info = subprocess.run(
        [sys.executable, "-m", "ideaforge", "info", "--json"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert json.loads(info.stdout)["user"] == "lin"


def test_log_show_and_verify_catch_tampering(
    sqlite_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy import text as sql

    from ideaforge.services.decisions import CONCERNS, DecisionDraft
    from ideaforge.services.workspace import Workspace
    from ideaforge.store import open_store

    ws = Workspace(open_store(sqlite_url), "ada")
    s = ws.sessions.new("How might we?")
    a = ws.ideas.add(s.id, "Pre-order lunch by app").id
    ws.ideas.shortlist(a)
    clear = {a: {k: {"answer": "none", "note": ""} for k in CONCERNS}}
    first = ws.decisions.record(DecisionDraft(s.id, "Pilot pre-orders", [a], [a], ["Ada"],
                                              "Shortest queue", clear))  # fmt: skip
    ws.decisions.record(DecisionDraft(s.id, "Pilot pre-orders in two schools", [a], [a],
                                      ["Ada"], "Scale it", clear, supersedes_id=first.id))  # fmt: skip
    ws.close()
    code, text = run(sqlite_url, "log", "show", str(s.id))
    assert code == 0 and "superseded by 2" in text and "Pilot pre-orders in two schools" in text
    code, text = run(sqlite_url, "log", "verify", str(s.id))
    assert code == 0 and "intact: 2 record(s)" in text and "Head: sha256 " in text
    engine = create_engine(sqlite_url)
    with engine.begin() as conn:
        conn.execute(sql("UPDATE decisions SET title = 'Nobody decided' WHERE id = :i"),
                     {"i": first.id})  # fmt: skip
    engine.dispose()
    capsys.readouterr()
    code, text = run(sqlite_url, "log", "verify", str(s.id))
    assert code == 5 and text == ""
    assert f"Record #{first.id}" in capsys.readouterr().err


def test_export_and_import_from_the_shell(sqlite_url: str, tmp_path: Path) -> None:
    code, _ = run(sqlite_url, "sessions", "new", "How might we cut queues?")
    assert code == 0
    lines = tmp_path / "ideas.txt"
    lines.write_text("\ufeffPre-order by app\n\n預約取餐 🍱\n", encoding="utf-8")
    code, text = run(sqlite_url, "import", str(lines), "--session", "1")
    assert code == 0 and "Imported 2 ideas into session 1" in text and "utf-8" in text
    code, text = run(sqlite_url, "ideas", "list", "1")
    assert "預約取餐 🍱" in text
    for fmt, name in (("json", "s.json"), ("csv", "s.csv"), ("html", "s.html"), ("md", "adr")):
        code, text = run(sqlite_url, "export", "1", "--format", fmt, "--out", str(tmp_path / name))
        assert code == 0 and text.startswith("Wrote "), (fmt, text)
    assert (tmp_path / "adr" / "README.md").exists()
    code, text = run(sqlite_url, "import", str(tmp_path / "s.json"))
    assert code == 0 and "into session 2" in text
    bad = tmp_path / "bad.txt"
    bad.write_text("fine\n" + "x" * 10_001 + "\n", encoding="utf-8")
    code, _ = run(sqlite_url, "import", str(bad), "--session", "1")
    assert code == 1
    code, text = run(sqlite_url, "ideas", "list", "1")
    assert "fine" not in text  # all or nothing


def test_errors_follow_the_language(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """IDEAFORGE_LANG (else the window's saved language, else the locale) picks the language of
    errors; a Taiwan locale alone is enough."""
    monkeypatch.setenv("IDEAFORGE_LANG", "zh-TW")
    assert run(db_url, "sessions", "new", "   ")[0] == 1
    assert capsys.readouterr().err.strip() == "ideaforge-cli：錯誤：挑戰是空的。請至少輸入一個字。"
    monkeypatch.delenv("IDEAFORGE_LANG")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "zh_TW.UTF-8")
    assert run(db_url, "ideas", "list", "99")[0] == 1
    assert "沒有 id 為 99 的場次。" in capsys.readouterr().err
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert run(db_url, "ideas", "list", "99")[0] == 1
    assert "There is no session with id 99." in capsys.readouterr().err


def test_criteria_scores_and_a_decision(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(db_url, "sessions", "new", "How might we cut food waste at school?")[0] == 0
    assert run(db_url, "ideas", "add", "1", "Smaller plates", "Share table")[0] == 0
    for idea in ("1", "2"):
        assert run(db_url, "ideas", "shortlist", idea)[0] == 0
    code, text = run(db_url, "criteria", "1", "--defaults", "--add", "Cost", "--weight", "0.5",
                     "--lower-is-better")  # fmt: skip
    assert code == 0 and text.splitlines()[-1].endswith("Cost  (weight 0.5, 1-5, lower is better)")
    assert run(db_url, "score", "1", "impact", "4")[1].strip() == "#1 Impact: 4"
    assert run(db_url, "score", "2", "Impact", "6")[0] == 1
    assert "must be between 1 and 5; got 6" in capsys.readouterr().err
    assert run(db_url, "score", "2", "Joy", "3")[0] == 1
    assert "has no criterion 'Joy'. It has: 1 Impact, 2 Effort, 3 Cost." in capsys.readouterr().err
    assert run(db_url, "decide", "1", "--title", "Plates", "--chosen", "1",
               "--rationale", "Cheap")[0] == 1  # fmt: skip
    assert "is not answered" in capsys.readouterr().err
    assert run(db_url, "decide", "1", "--title", "Plates", "--chosen", "1", "--rationale", "x",
               "--concern", "privacy")[0] == 1  # fmt: skip
    assert "is not IDEA:CONCERN=ANSWER[:NOTE]" in capsys.readouterr().err
    code, text = run(db_url, "decide", "1", "--title", "Smaller plates first", "--chosen", "1",
                     "--rationale", "Cheapest to try", "--no-concerns",
                     "--concern", "1:safety=mitigated:plates are sturdy")  # fmt: skip
    assert code == 0 and text.startswith("Recorded decision 1: Smaller plates first")
    code, text = run(db_url, "--json", "log", "show", "1")
    record = json.loads(text)[0]
    assert record["options"] == [1, 2] and record["chosen"] == [1]  # the whole shortlist
    assert record["deciders"] == ["ada"]
    assert record["risks"]["1"]["safety"] == {"answer": "mitigated", "note": "plates are sturdy"}
    assert record["risks"]["1"]["privacy"]["answer"] == "none"
