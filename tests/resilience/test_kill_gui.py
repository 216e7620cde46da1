"""Kill -9 the real desktop window (offscreen, its own process) in the middle of generating,
analysing and merging, triage by keyboard, recording decisions and exporting; then open the
database as the next start does.

The driver (gui_driver.py) works the window through its buttons, keys and menu actions and
prints a line for each thing the window shows. After each kill: every idea row that appeared
is saved with its text; every row that left the list was merged or pruned; every score the
status bar confirmed and every shortlist mark is saved; the themes last shown are the stored
ones (unless a new analysis had started); every record the Decide timeline showed is in the
log with the hash it showed; every export file under its final name is whole (the same as
exporting the session again now); integrity and foreign keys are clean, the decision log
verifies and the database takes a new write.
"""

from __future__ import annotations

import json
import random
import sqlite3
import time
from pathlib import Path

import pytest

from tests.resilience.harness import (
    PY,
    SEED,
    build_template,
    child_env,
    copy_template,
    export_files,
    integrity,
    kill_runs,
    open_workspace,
    replay_hint,
    running,
    state,
    verify_everything,
)

GUI_KILLS = kill_runs(3)
pytestmark = [pytest.mark.slow, pytest.mark.timeout(600 + 30 * GUI_KILLS)]
# op -> (template, most lines to wait for after "ready", longest pause after that line)
# (pauses fit each operation's pace here: an export takes ~15 ms, a later analysis ~0.1 s)
OPS = {"generate": ("base", 8, 1.0), "analyse": ("base", 6, 0.25), "score": ("base", 14, 0.1),
       "decide": ("base", 10, 0.2), "export": ("rich", 22, 0.03)}  # fmt: skip


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory, model_dir: Path) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("gui-templates")
    return {
        "base": build_template(root / "base", model_dir=model_dir),
        "rich": build_template(root / "rich", rich=True, model_dir=model_dir),
    }


def _after_ready(lines: list[str]) -> list[str]:
    return lines[lines.index("ready") + 1 :] if "ready" in lines else []


@pytest.mark.parametrize("op", sorted(OPS))
def test_kill_the_window_at_random_points(
    op: str, templates: dict[str, Path], model_dir: Path, tiny_model: object, tmp_path: Path
) -> None:
    template_kind, most, longest_pause = OPS[op]
    events = 0
    landed = {"while starting": 0, "during the operation": 0, "after it": 0}
    for run in range(GUI_KILLS):
        hint = replay_hint(SEED, f"gui-{op}", run)
        rng = random.Random(f"{SEED}:gui:{op}:{run}")
        root = tmp_path / f"run{run}"
        data = root / "data"
        db = copy_template(templates[template_kind], data)
        out = root / "out"
        env = child_env(data, model_dir)
        wanted = rng.randrange(0, most + 1)
        pause = rng.uniform(0, longest_pause)
        argv = [PY, "-m", "tests.resilience.gui_driver", op, str(out)]
        with running(argv, env, root / "stderr.txt") as app:
            app.wait_for(lambda lines, w=wanted: len(_after_ready(lines)) >= w or "done" in lines,
                         180)  # fmt: skip
            time.sleep(pause)
            app.kill()
            lines = list(app.lines)
            errors = app.stderr()
        assert "Traceback" not in errors, f"{errors} {hint}"
        assert not [x for x in lines if x.startswith("error ")], f"{lines} {hint}"
        events += len(_after_ready(lines))
        landed["after it" if "done" in lines else "during the operation" if "ready" in lines
               else "while starting"] += 1  # fmt: skip

        ok, fks = integrity(db)
        assert ok == ["ok"] and fks == [], f"integrity {ok}, foreign keys {fks} {hint}"
        _check_shown(db, lines, hint)
        if op == "export":
            _check_exports(db, data, out, hint)
        verify_everything(db, data, hint)
    print(f"\ngui {op}: {GUI_KILLS} kills (seed {SEED}), landed {landed}; {events} things "
          "shown, all saved")  # fmt: skip


def _check_shown(db: Path, lines: list[str], hint: str) -> None:
    now = state(db)
    ideas = now["ideas"]
    conn = sqlite3.connect(db)
    try:
        hashes = dict(conn.execute("SELECT seq, record_hash FROM decisions").fetchall())
    finally:
        conn.close()
    last_themes: list[list[int]] | None = None
    for line in lines:
        kind, _, rest = line.partition(" ")
        if kind == "idea":
            idea_id, _, text = rest.partition(" ")
            assert idea_id in ideas, f"idea #{idea_id} was shown but is not saved {hint}"
            assert ideas[idea_id][0] == json.loads(text), f"idea #{idea_id} text differs {hint}"
        elif kind == "hidden":
            assert ideas[rest][1] in ("merged", "pruned"), (
                f"idea #{rest} left the list but is {ideas[rest][1]} {hint}"
            )
        elif kind == "scored":
            idea_id, criterion, value = rest.split(" ")
            assert [int(idea_id), criterion, float(value)] in now["scores"], (
                f"the window confirmed idea #{idea_id} scored {value} on {criterion}, but the "
                f"database holds {[s for s in now['scores'] if s[0] == int(idea_id)]} {hint}"
            )
        elif kind == "voted":
            idea_id, dots = rest.split(" ")
            assert [int(idea_id), int(dots)] in now["votes"], (
                f"the window confirmed {dots} dots on #{idea_id}; the database holds "
                f"{now['votes']} {hint}"
            )
        elif kind == "shortlisted":
            assert ideas[rest][1] == "shortlisted", f"idea #{rest} is {ideas[rest][1]} {hint}"
        elif kind == "decision":
            seq, digest = rest.split(" ")
            assert hashes.get(int(seq), "").startswith(digest), (
                f"the timeline showed record {seq} sha256 {digest}…, the log holds "
                f"{hashes.get(int(seq))} {hint}"
            )
        elif kind == "themes":
            last_themes = json.loads(rest)
        elif kind == "analyse":
            last_themes = None  # a new analysis may have replaced what was shown
    if last_themes is not None:
        assert now["themes"] == last_themes, (
            f"the window showed the themes {last_themes}; the database holds {now['themes']} {hint}"
        )


def _check_exports(db: Path, data: Path, out: Path, hint: str) -> None:
    """Every file under its final name is whole: the same as exporting the session again."""
    files, _temporary = export_files(out)
    again = out.parent / "again"
    ws = open_workspace(db, data)
    try:
        for fmt, name in (("md", "ideaforge-session-1-decisions"), ("html", "report.html"),
                          ("csv", "ideas.csv"), ("json", "session.json")):  # fmt: skip
            ws.exports.export(1, fmt, again / name, bom=fmt == "csv")  # type: ignore[arg-type]
    finally:
        ws.close()
    expected, _ = export_files(again)
    for rel, content in files.items():
        assert rel in expected, f"{rel} is not a file the export writes {hint}"
        assert content == expected[rel], f"{rel} is not complete after the kill {hint}"
