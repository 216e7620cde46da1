"""Shared parts of the resilience tests: real processes that are killed with SIGKILL, the
database templates they start from, and the checks made when the database is opened again.

Kill counts and seeds:

- ``IDEAFORGE_KILL_RUNS`` kills per operation (default: a few, so the whole suite stays fast;
  set it to 100 or more for a long run on your own machine).
- ``IDEAFORGE_KILL_SEED`` replays a run: every failure message names the seed it used. The
  random part (which line, how long after it) replays exactly; how far the process got in
  that time depends on the machine, so a replay hits the same region, not the same
  instruction.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
USER = "ada"

# Hand-written ideas for the templates: three clear pairs of near-duplicates (1-2, 3-4, 5-6)
# and ideas that are plainly different from each other.
IDEAS = [
    "Hold a street party every spring so new neighbours meet everyone.",
    "Organise a spring street party where new neighbours can meet everyone.",
    "Leave a welcome card with local tips in each new neighbour's mailbox.",
    "Put a welcome card with tips about the area in every new neighbour's mailbox.",
    "Start a shared tool library in a garage on the street.",
    "Set up a tool library in a garage that the whole street shares.",
    "Create a group chat for the street with a pinned welcome message.",
    "Plant a community vegetable garden on the empty corner lot.",
    "Run a monthly potluck dinner that rotates between houses.",
    "Make a printed map of nearby shops, parks and bus stops.",
    "Pair each newcomer with a neighbour buddy for their first month.",
    "Put a book swap shelf next to the bus stop.",
    "Organise a weekend clean-up of the park with coffee afterwards.",
    "Offer a babysitting exchange between families with young children.",
    "Hold a yearly photo walk that records the street's history.",
    "Start a walking group that meets every Saturday morning.",
    "Put up a notice board where people post offers and requests.",
    "Invite new residents to the residents' association meeting in person.",
    "Run a skills fair where neighbours teach each other something.",
    "Share a list of trusted plumbers, electricians and doctors.",
]
CHALLENGE = "How might we welcome new neighbours to our street?"
SHORTLIST = [7, 9, 11, 13, 15]  # idea ids shortlisted in the templates (decisions need them)


def kill_runs(default: int) -> int:
    """Kills per operation: IDEAFORGE_KILL_RUNS, else ``default``."""
    value = os.environ.get("IDEAFORGE_KILL_RUNS", "").strip()
    return max(1, int(value)) if value else default


def base_seed() -> int:
    """IDEAFORGE_KILL_SEED, else a fresh one (printed in every failure message)."""
    value = os.environ.get("IDEAFORGE_KILL_SEED", "").strip()
    return int(value) if value else random.SystemRandom().randrange(10**9)


SEED = base_seed()  # one per test run, shared by all the kill tests


def replay_hint(seed: int, op: str, run: int) -> str:
    return (
        f"[op {op}, kill run {run}; replay with IDEAFORGE_KILL_SEED={seed} "
        f"IDEAFORGE_KILL_RUNS={run + 1} pytest tests/resilience -k {op.split('-')[-1]}]"
    )


def child_env(data_dir: Path, model_dir: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment of an app process: its own HOME and data folder, English, CPU."""
    home = data_dir.parent / "home"
    home.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "PYTHONPATH": os.pathsep.join(
            p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p
        ),
        "PYTHONUNBUFFERED": "1",
        "IDEAFORGE_DATA_DIR": str(data_dir),
        "IDEAFORGE_USER": USER,
        "IDEAFORGE_DEVICE": "cpu",
        "IDEAFORGE_LANG": "en",
        "QT_QPA_PLATFORM": "offscreen",
        **extra,
    }
    if model_dir is not None:
        env["IDEAFORGE_MODEL_DIR"] = str(model_dir)
    return env


# --- a process we can kill ---------------------------------------------------------------------


class App:
    """A real process (CLI or window) in its own process group, whose stdout lines are
    collected as they come. ``kill()`` sends SIGKILL to it and then to whatever it started."""

    def __init__(self, argv: Sequence[str], env: dict[str, str], stderr: Path,
                 head: int | None = None) -> None:  # fmt: skip
        """``head``: read that many lines, then close the pipe (as ``| head`` does)."""
        self.stderr_path = stderr
        self.head = head
        self._err = stderr.open("wb")
        self.proc = subprocess.Popen(
            list(argv), cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=self._err, start_new_session=True,
        )  # fmt: skip
        self.lines: list[str] = []  # whole lines only
        self.cut_off = ""  # a last line the process did not finish writing
        self._cond = threading.Condition()
        self._eof = False
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            if not raw.endswith(b"\n"):  # cut off mid-line by the kill: not a whole message
                self.cut_off = raw.decode("utf-8", "replace")
                break
            with self._cond:
                self.lines.append(raw.decode("utf-8", "replace").rstrip("\n"))
                self._cond.notify_all()
            if self.head is not None and len(self.lines) >= self.head:
                self.proc.stdout.close()
                break
        with self._cond:
            self._eof = True
            self._cond.notify_all()

    def wait_for(self, predicate: Callable[[list[str]], bool], deadline_s: float) -> bool:
        """Wait until ``predicate(lines)`` holds or the output ends; False if it never held.
        The deadline only guards against a hung process; it is not a timing assertion."""
        end = time.monotonic() + deadline_s
        with self._cond:
            while not predicate(self.lines):
                if self._eof or time.monotonic() > end:
                    return False
                self._cond.wait(0.05)
            return True

    def kill(self) -> None:
        """SIGKILL the process, then its process group (a model process it started), and
        collect every line it had written before it died."""
        with suppress(ProcessLookupError):
            os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self._kill_group()
        self._reader.join(30)

    def finish(self, deadline_s: float = 300) -> int:
        """Let it end by itself (a reference run); returns its exit code."""
        try:
            code = self.proc.wait(deadline_s)
        finally:
            self._kill_group()
            self._reader.join(30)
        return code

    def _kill_group(self) -> None:
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(self.proc.pid, signal.SIGKILL)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.kill()
        self._kill_group()
        self._reader.join(30)
        if self.proc.stdout is not None and not self.proc.stdout.closed:
            self.proc.stdout.close()
        self._err.close()

    def stderr(self) -> str:
        self._err.flush()
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")


@contextmanager
def running(
    argv: Sequence[str], env: dict[str, str], stderr: Path, head: int | None = None
) -> Iterator[App]:
    app = App(argv, env, stderr, head)
    try:
        yield app
    finally:
        app.close()


# --- templates ---------------------------------------------------------------------------------


def open_workspace(db: Path, data_dir: Path, model_dir: Path | None = None) -> Any:
    from ideaforge.services.config import load_settings
    from ideaforge.services.workspace import Workspace
    from ideaforge.store import open_store

    settings = load_settings(
        db=f"sqlite:///{db}", data_dir=data_dir, model_dir=model_dir, device="cpu", user=USER
    )
    return Workspace(open_store(settings.db_url), USER, settings)


def build_template(folder: Path, *, rich: bool = False, model_dir: Path | None = None) -> Path:
    """A database with one session, the hand-written ideas, the default criteria and a
    shortlist; ``rich`` adds an analysis, scores, votes and two decisions (for exports)."""
    from ideaforge.services.decisions import CONCERNS, DecisionDraft

    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "ideaforge.db"
    ws = open_workspace(db, folder, model_dir)
    try:
        s = ws.sessions.new(CHALLENGE, values="Kindness over efficiency")
        ws.ideas.add_many(s.id, IDEAS)
        ws.scoring.ensure_defaults(s.id)
        for idea_id in SHORTLIST:
            ws.ideas.shortlist(idea_id)
        if rich:
            ws.analysis.analyze(s.id)
            impact, effort = ws.scoring.criteria(s.id)[:2]
            for n, idea_id in enumerate(SHORTLIST):
                ws.scoring.score(idea_id, impact.id, 1 + n % 5)
                ws.scoring.score(idea_id, effort.id, 5 - n % 5)
            ws.scoring.vote(SHORTLIST[0], 2)
            for n, chosen in enumerate(SHORTLIST[:2]):
                ws.decisions.record(
                    DecisionDraft(
                        s.id, f"Start with idea {chosen}", SHORTLIST, [chosen], [USER],
                        f"Reason number {n + 1}",
                        risks={chosen: {k: {"answer": "none", "note": ""} for k in CONCERNS}},
                    )
                )  # fmt: skip
    finally:
        ws.close()
    leftovers = [p.name for p in folder.iterdir() if p.name.startswith("ideaforge.db-")]
    assert not leftovers, f"the template was not closed cleanly: {leftovers}"
    return db


def copy_template(template: Path, data_dir: Path) -> Path:
    data_dir.mkdir(parents=True, exist_ok=True)
    db = data_dir / "ideaforge.db"
    shutil.copyfile(template, db)
    return db


# --- what is checked after a kill ----------------------------------------------------------------


def integrity(db: Path) -> tuple[list[str], list[tuple[Any, ...]]]:
    """``PRAGMA integrity_check`` and ``PRAGMA foreign_key_check`` of the database as the next
    start finds it (SQLite replays or discards the write-ahead log on open)."""
    conn = sqlite3.connect(db, timeout=10)
    try:
        ok = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        fks = conn.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        conn.close()
    return ok, fks


SCORES = "SELECT s.idea_id, c.name, s.value FROM scores s JOIN criteria c ON c.id = s.criterion_id"


def state(db: Path) -> dict[str, Any]:
    """The parts of a database the operations change, in a form that compares between runs
    (no ids that depend on timing, no time stamps)."""
    conn = sqlite3.connect(db, timeout=10)  # reads only; a plain connection replays a WAL
    try:
        q = conn.execute
        ideas = {str(i): [t, st, m] for i, t, st, m in
                 q("SELECT id, text, status, merged_into_id FROM ideas")}  # fmt: skip
        members: dict[str, list[int]] = {}
        for label, idea_id in q(
            "SELECT t.label, i.id FROM ideas i JOIN themes t ON t.id = i.theme_id "
            "WHERE i.status IN ('active', 'shortlisted') ORDER BY i.id"
        ):
            members.setdefault(label, []).append(idea_id)
        vectors = sorted(r[0] for r in q("SELECT idea_id FROM idea_vectors"))
        placed = sorted(r[0] for r in q("SELECT idea_id FROM idea_vectors WHERE map_x IS NOT NULL"))
        return {
            "ideas": ideas,
            "themes": sorted(sorted(v) for v in members.values()),
            "theme_labels": sorted(r[0] for r in q("SELECT label FROM themes")),
            "vectors": vectors,
            "placed": placed,
            "distinct": sorted(list(r) for r in q("SELECT idea_a, idea_b FROM not_duplicates")),
            "criteria": sorted(r[0] for r in q("SELECT name FROM criteria")),
            "scores": sorted([i, c, v] for i, c, v in q(SCORES)),
            "votes": sorted([i, d] for i, d in q("SELECT idea_id, dots FROM votes")),
            "decisions": [list(r) for r in q("SELECT seq, title FROM decisions ORDER BY seq")],
        }
    finally:
        conn.close()


GROWING = ("vectors", "placed")  # written in several transactions by one command


def check_between(now: dict[str, Any], before: dict[str, Any], after: dict[str, Any] | None,
                  hint: str) -> None:  # fmt: skip
    """Each part of ``now`` is as it was after the last finished command (``before``) or as
    the command that was running leaves it (``after``): never half of one command's change.
    Parts that one command writes in several transactions may be anywhere in between."""
    for key, value in now.items():
        options = [before[key]] if after is None else [before[key], after[key]]
        if key in GROWING and after is not None:
            low, high = set(before[key]), set(after[key])
            assert low <= set(value) <= high | low, (
                f"{key}: {value} is not between {before[key]} and {after[key]} {hint}"
            )
            continue
        assert value in options, (
            f"{key} is neither as the last finished command left it nor as the running one "
            f"would: {value!r} not in {options!r} {hint}"
        )


def verify_everything(db: Path, data_dir: Path, hint: str) -> Any:
    """Open the database as the next start does and check it is whole: integrity and
    foreign keys, the decision log's hash chain, and that it takes a new write."""
    ok, fks = integrity(db)
    assert ok == ["ok"], f"integrity_check: {ok} {hint}"
    assert fks == [], f"foreign_key_check: {fks} {hint}"
    ws = open_workspace(db, data_dir)
    try:
        for summary in ws.sessions.list():
            check = ws.decisions.verify(summary.session.id)
            assert check.ok, f"decision log: {check.message} {hint}"
        added = ws.ideas.add(1, "An idea added after the restart")
        assert ws.ideas.get(added.id).text == "An idea added after the restart", hint
    finally:
        ws.close()
    return ok


# An idea as ``generate`` prints it: "#ID TEXT  — SOURCE".
IDEA_LINE = re.compile(r"^#(\d+) (.*)  — (.+)$")

# An export's time stamp (to the minute in Markdown and HTML): the one part that differs
# between two exports of the same session.
TIME = re.compile(r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d(\.\d+)?)?( ?UTC|Z|[+-]\d\d:\d\d)?")


def export_files(out: Path) -> tuple[dict[str, Any], list[str]]:
    """The export files under their final names, read for comparison; and the temporary
    files a killed export left beside them."""
    files: dict[str, Any] = {}
    temporary = []
    if not out.is_dir():
        return files, temporary
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        rel = str(path.relative_to(out))
        if path.name.startswith(".") and path.name.endswith(".tmp"):
            temporary.append(rel)
            continue
        data = path.read_bytes()
        if path.suffix == ".json":
            try:
                parsed = json.loads(data)
            except ValueError:
                files[rel] = f"not valid JSON ({len(data)} bytes)"
                continue
            parsed.pop("exported_at", None)
            files[rel] = parsed
        else:  # the time of the export (to the minute) is the one part that differs
            files[rel] = TIME.sub("TIME", data.decode("utf-8", "replace"))
    return files, temporary


@dataclass
class Shown:
    """What a process put on the screen, command by command."""

    started: int = 0  # commands begun
    finished: int = 0  # commands whose end marker was printed
    outputs: dict[int, Any] = field(default_factory=dict)  # command index -> parsed JSON output


def parse_loop_output(lines: Sequence[str]) -> Shown:
    """Split the output of ``cli_loop`` into the JSON each command printed; a command whose
    JSON is cut short was not shown (the person saw half a line, no confirmation)."""
    shown = Shown()
    chunk: list[str] = []
    current: int | None = None

    def close() -> None:
        if current is not None and chunk:
            with suppress(ValueError):
                shown.outputs[current] = json.loads("\n".join(chunk))

    for line in lines:
        if line.startswith("$ end "):
            close()
            chunk, current = [], None
            shown.finished = max(shown.finished, int(line.split()[2]) + 1)
        elif line.startswith("$ run "):
            close()
            chunk, current = [], int(line.split()[2])
            shown.started = current + 1
        elif not line.startswith("@ "):
            chunk.append(line)
    close()
    return shown
