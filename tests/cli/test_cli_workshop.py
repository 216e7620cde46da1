"""Running a workshop from the shell, on SQLite and PostgreSQL: start, join by code, vote, the
timer, reveals, and a participant refused a facilitator's action (exit code 1)."""

from __future__ import annotations

import io
import json

import pytest

from ideaforge.cli import main


def run(db: str, user: str, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(["--db", db, "--user", user, *args], out=out), out.getvalue()


def test_workshop_from_the_shell(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(db_url, "ada", "sessions", "new", "How might we run a better retro?")[0] == 0
    code, text = run(db_url, "ada", "workshop", "start", "1", "--budget", "4", "--named")
    assert code == 0 and "workshop; activity ideate" in text and "4 dots each" in text
    code, text = run(db_url, "bo", "ideas", "add", "1", "Write silently for five minutes")
    assert code == 0 and "(private until revealed)" in text
    # a participant may not reveal: a clear message and exit code 1, nothing changed
    code, _ = run(db_url, "bo", "workshop", "reveal", "1", "ideas")
    assert code == 1
    assert "Only the facilitator (ada) can reveal results" in capsys.readouterr().err
    code, text = run(db_url, "ada", "--json", "workshop", "status", "1")
    status = json.loads(text)
    assert status["private_ideas"] == 1 and status["activity"] == "ideate"

    code, text = run(db_url, "ada", "--json", "workshop", "code", "1")
    join_code = json.loads(text)["code"]
    assert join_code.startswith("IF1-")
    # the code alone finds the database: no --db needed to join
    out = io.StringIO()
    assert main(["--user", "cy", "workshop", "join", join_code], out=out) == 0
    assert "cy joined session 1" in out.getvalue()

    run(db_url, "ada", "workshop", "reveal", "1", "ideas")
    run(db_url, "ada", "workshop", "activity", "1", "vote")
    code, text = run(db_url, "cy", "vote", "1", "3")
    assert code == 0 and "Your dots on idea 1: 3" in text
    assert run(db_url, "cy", "vote", "1", "4")[0] == 1  # over the per-idea limit
    assert "At most 3 dots" in capsys.readouterr().err
    code, text = run(db_url, "ada", "workshop", "timer", "1", "start", "300")
    assert code == 0 and "s left" in text
    assert run(db_url, "ada", "workshop", "timer", "1", "pause")[0] == 0
    code, text = run(db_url, "ada", "--json", "workshop", "timer", "1", "add", "60")
    assert json.loads(text)["timer_paused_left"] > 300
    code, text = run(db_url, "ada", "workshop", "reveal", "1", "votes")
    assert "Votes revealed" in text and "1 of 3 have voted" in text
    code, text = run(db_url, "ada", "workshop", "role", "1", "cy", "facilitator")
    assert code == 0 and text.strip() == "cy is now facilitator."
    assert run(db_url, "bo", "workshop", "join", "IF1-NOPE")[0] == 1
    assert "The join code is mistyped or incomplete" in capsys.readouterr().err
