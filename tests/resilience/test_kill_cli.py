"""Kill -9 the real CLI in the middle of its work, many times, at random points; then open the
database as the next start does and check that nothing it had shown is missing and nothing is
half-written.

- generate: the real ``python -m ideaforge generate`` with the tiny model, streaming ideas to
  stdout; killed after a random number of printed ideas plus a random pause.
- analyse, score, decide, export: a list of real CLI commands run one after another through
  the CLI's entry point (``cli_loop``), killed at a random command plus a random pause. An
  uninterrupted reference run of the same list gives the database as each command leaves it;
  after a kill every part of the database must be as the last finished command left it or as
  the running one leaves it, never half of a command.

After every kill: ``PRAGMA integrity_check`` is ok, ``foreign_key_check`` is empty, every
decision log verifies, everything printed is in the database (every idea line; every printed
decision with the hash it printed), every export file under its final name is complete, and
the database takes a new write.
"""

from __future__ import annotations

import json
import random
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.resilience.harness import (
    IDEA_LINE,
    PY,
    SEED,
    SHORTLIST,
    build_template,
    check_between,
    child_env,
    copy_template,
    export_files,
    integrity,
    kill_runs,
    open_workspace,
    parse_loop_output,
    replay_hint,
    running,
    state,
    verify_everything,
)

CLI_KILLS = kill_runs(6)
# A long run (IDEAFORGE_KILL_RUNS=100 or more) needs more than the suite's 600 s per test.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(600 + 30 * CLI_KILLS)]


def _score_commands() -> list[list[str]]:
    cmds: list[list[str]] = [
        ["--json", "criteria", "1", "--add", "Cost", "--weight", "0.5", "--lower-is-better"]
    ]
    for i in range(1, 21):
        cmds.append(["--json", "score", str(i), "Impact", str(1 + i % 5)])
        cmds.append(["--json", "score", str(i), "Effort", str(1 + (3 * i) % 5)])
        if i % 4 == 0:
            cmds.append(["--json", "score", str(i), "Cost", str(1 + i % 3)])
        if i in (2, 4, 6, 8):
            cmds.append(["--json", "vote", str(i), "2" if i == 6 else "1"])
    cmds += [
        ["--json", "ideas", "shortlist", "1"],
        ["--json", "ideas", "prune", "10", "--reason", "Too costly for us"],
        ["--json", "ideas", "shortlist", "3"],
        ["--json", "ideas", "prune", "12", "--reason", "Exists already"],
        ["--json", "score", "1", "Impact", "none"],
    ]
    return cmds


def _decide_commands() -> list[list[str]]:
    cmds = []
    for k in range(12):
        chosen = str(SHORTLIST[k % len(SHORTLIST)])
        cmd = ["--json", "decide", "1", "--title", f"Decision {k + 1}: start with #{chosen}",
               "--chosen", chosen, "--rationale", f"Reason {k + 1}", "--no-concerns"]  # fmt: skip
        if k % 3 == 1:
            cmd += ["--concern", f"{chosen}:privacy=mitigated:No names are kept"]
        cmds.append(cmd)
    return cmds


def _analyse_commands() -> list[list[str]]:
    return [
        ["--json", "analyze", "1"],
        ["--json", "dedupe", "1", "--distinct", "11", "12"],
        ["--json", "dedupe", "1", "--accept", "1"],
        ["--json", "themes", "1", "--new", "Ideas to try first"],
        ["--json", "dedupe", "1", "--accept", "all"],
        ["--json", "dedupe", "1", "--split", "1"],
        ["--json", "analyze", "1"],
        ["--json", "dedupe", "1", "--accept", "all"],
    ]


def _export_commands(out: Path) -> list[list[str]]:
    # The same files are written again and again (a crash while one is replaced must leave
    # the old one or the new one); each Markdown export goes to a new folder (a crash while
    # a folder is first filled must not stop the next export into it).
    cmds = []
    for n in range(1, 4):
        cmds += [
            ["--json", "export", "1", "--format", "json", "--out", f"{out}/session.json"],
            ["--json", "export", "1", "--format", "md", "--out", f"{out}/records-{n}"],
            ["--json", "export", "1", "--format", "html", "--out", f"{out}/report.html"],
            ["--json", "export", "1", "--format", "csv", "--out", f"{out}/ideas.csv", "--bom"],
        ]
    return cmds


# op -> (template, the longest pause after the chosen command starts, seconds)
LOOP_OPS = {"analyse": ("base", 1.2), "score": ("base", 0.3), "decide": ("base", 0.4),
            "export": ("rich", 0.4)}  # fmt: skip


def _commands(op: str, out: Path) -> list[list[str]]:
    if op == "analyse":
        return _analyse_commands()
    if op == "score":
        return _score_commands()
    if op == "decide":
        return _decide_commands()
    return _export_commands(out)


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory, model_dir: Path) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("templates")
    return {
        "base": build_template(root / "base", model_dir=model_dir),
        "rich": build_template(root / "rich", rich=True, model_dir=model_dir),
    }


@dataclass
class Reference:
    """An uninterrupted run of an operation's commands: the database after each, what each
    printed, and the files an export leaves."""

    states: list[dict[str, Any]]
    outputs: dict[int, Any]
    files: dict[str, Any]


_REFERENCES: dict[str, Reference] = {}


def _run_dir(root: Path, template: Path, model_dir: Path) -> tuple[Path, Path, dict[str, str]]:
    data = root / "data"
    db = copy_template(template, data)
    return data, db, child_env(data, model_dir)


def _normalise(value: Any, out: Path) -> Any:
    """A command's output with the run's own folder replaced, so runs compare."""
    return json.loads(json.dumps(value).replace(str(out), "OUT"))


def _reference(op: str, root: Path, template: Path, model_dir: Path) -> Reference:
    if op in _REFERENCES:
        return _REFERENCES[op]
    data, db, env = _run_dir(root, template, model_dir)
    out = root / "out"
    commands = _commands(op, out)
    cmd_file = root / "commands.json"
    cmd_file.write_text(json.dumps(commands), encoding="utf-8")
    with running([PY, "-m", "tests.resilience.cli_loop", str(cmd_file), "--state"], env,
                 root / "stderr.txt") as app:  # fmt: skip
        code = app.finish()
        lines = list(app.lines)
        errors = app.stderr()
    assert code == 0, errors
    states = [json.loads(line.split(" ", 2)[2]) for line in lines if line.startswith("@ ")]
    shown = parse_loop_output(lines)
    assert len(states) == len(commands) == shown.finished, errors
    assert not [line for line in lines if line.startswith("$ end ") and not line.endswith(" 0")], (
        f"a command of the reference run failed: {lines} {errors}"
    )
    files, temporary = export_files(out)
    assert not temporary
    ref = Reference(states, {n: _normalise(v, out) for n, v in shown.outputs.items()}, files)
    _REFERENCES[op] = ref
    return ref


@pytest.mark.parametrize("op", sorted(LOOP_OPS))
def test_kill_cli_commands_at_random_points(
    op: str, templates: dict[str, Path], model_dir: Path, tmp_path: Path
) -> None:
    template_kind, longest_pause = LOOP_OPS[op]
    template = templates[template_kind]
    ref = _reference(op, tmp_path / "reference", template, model_dir)
    initial = state(template)
    landed: dict[str, int] = {"before the first command": 0, "inside a command": 0,
                              "between commands": 0}  # fmt: skip
    for run in range(CLI_KILLS):
        hint = replay_hint(SEED, op, run)
        rng = random.Random(f"{SEED}:cli:{op}:{run}")
        root = tmp_path / f"run{run}"
        data, db, env = _run_dir(root, template, model_dir)
        out = root / "out"
        commands = _commands(op, out)
        cmd_file = root / "commands.json"
        cmd_file.write_text(json.dumps(commands), encoding="utf-8")
        target = rng.randrange(len(commands))
        pause = rng.uniform(0, longest_pause)
        with running([PY, "-m", "tests.resilience.cli_loop", str(cmd_file)], env,
                     root / "stderr.txt") as app:  # fmt: skip
            app.wait_for(lambda lines, t=target: any(x.startswith(f"$ run {t} ") for x in lines),
                         120)  # fmt: skip
            time.sleep(pause)
            app.kill()
            lines = list(app.lines)
            errors = app.stderr()
        assert "Traceback" not in errors, f"{errors} {hint}"
        failed = [x for x in lines if x.startswith("$ end ") and not x.endswith(" 0")]
        assert not failed, f"commands failed before the kill: {failed} {errors} {hint}"
        shown = parse_loop_output(lines)
        # Printed output from the running command counts as finished: it was shown.
        finished = shown.finished
        if shown.started > finished and (shown.started - 1) in shown.outputs:
            finished = shown.started
        running_now = shown.started > finished
        key = ("inside a command" if running_now else
               "before the first command" if shown.started == 0 else "between commands")  # fmt: skip
        landed[key] += 1

        ok, fks = integrity(db)
        assert ok == ["ok"] and fks == [], f"integrity {ok}, foreign keys {fks} {hint}"
        now = state(db)
        before = ref.states[finished - 1] if finished else initial
        after = ref.states[finished] if running_now else None
        check_between(now, before, after, hint)
        for n, output in shown.outputs.items():  # the same as the reference printed
            expected = ref.outputs.get(n)
            assert _comparable(op, _normalise(output, out)) == _comparable(op, expected), (
                f"command {n} printed {output!r}, the reference run {expected!r}: the runs "
                f"are not comparable {hint}"
            )
        if op == "decide":
            _check_printed_decisions(db, shown.outputs, hint)
            verify = subprocess.run([PY, "-m", "ideaforge", "log", "verify", "1"], env=env,
                                    capture_output=True, text=True, check=False)  # fmt: skip
            assert verify.returncode == 0 and "intact" in verify.stdout, (
                f"log verify: {verify.stdout} {verify.stderr} {hint}"
            )
        if op == "export":
            _check_export_files(out, ref.files, hint)
        verify_everything(db, data, hint)
        if op == "export":  # the same export, after the crash, works and is whole
            _export_again(db, data, out, ref.files, hint)
    print(f"\n{op}: {CLI_KILLS} kills (seed {SEED}); landed {landed}")


def _comparable(op: str, output: Any) -> Any:
    """What must be the same between two runs of one command (not hashes or time stamps)."""
    if not isinstance(output, dict):
        return output
    if op == "decide":
        return {k: v for k, v in output.items() if k != "record_hash"}
    if "themes" in output or "metrics" in output:  # analyze
        return {"themes": output.get("themes"), "groups": output.get("duplicate_groups")}
    return {k: v for k, v in output.items() if k not in ("updated_at", "created_at")}


def _check_printed_decisions(db: Path, outputs: dict[int, Any], hint: str) -> None:
    import sqlite3

    conn = sqlite3.connect(db)
    try:
        rows = {i: (seq, h) for i, seq, h in
                conn.execute("SELECT id, seq, record_hash FROM decisions")}  # fmt: skip
    finally:
        conn.close()
    for output in outputs.values():
        assert rows.get(output["id"]) == (output["seq"], output["record_hash"]), (
            f"decision {output} was printed as recorded but the database holds "
            f"{rows.get(output['id'])} {hint}"
        )


def _check_export_files(out: Path, expected: dict[str, Any], hint: str) -> None:
    files, _temporary = export_files(out)
    for rel, content in files.items():
        assert rel in expected, f"{rel} is not a file the export writes {hint}"
        assert content == expected[rel], f"{rel} is not complete after the kill {hint}"


def _export_again(db: Path, data: Path, out: Path, expected: dict[str, Any], hint: str) -> None:
    """Every export of the list, once more after the crash, into the same places: it works
    (a half-filled Markdown folder is still ours) and leaves every file."""
    from ideaforge.core.errors import IdeaForgeError

    ws = open_workspace(db, data)
    try:
        for cmd in _export_commands(out):
            fmt, path = cmd[cmd.index("--format") + 1], Path(cmd[cmd.index("--out") + 1])
            try:
                ws.exports.export(1, fmt, path, bom=fmt == "csv")  # type: ignore[arg-type]
            except IdeaForgeError as error:
                pytest.fail(f"the same export after the crash failed: {error} {hint}")
    finally:
        ws.close()
    files, _temporary = export_files(out)
    assert set(files) == set(expected), f"{sorted(files)} != {sorted(expected)} {hint}"


@pytest.mark.parametrize("op", ["generate"])
def test_kill_cli_generate_at_random_points(
    op: str, templates: dict[str, Path], model_dir: Path, tiny_model: object, tmp_path: Path
) -> None:
    shown_total = 0
    for run in range(CLI_KILLS):
        hint = replay_hint(SEED, op, run)
        rng = random.Random(f"{SEED}:cli:{op}:{run}")
        root = tmp_path / f"run{run}"
        data, db, env = _run_dir(root, templates["base"], model_dir)
        wanted = rng.randrange(0, 9)  # printed ideas to wait for; 0: kill while it starts
        pause = rng.uniform(0, 3.0 if wanted == 0 else 1.0)
        argv = [PY, "-m", "ideaforge", "generate", "1", "--count", "500", "--model",
                "smollm2-135m", "--seed", str(rng.randrange(10**6)), "--batch", "4",
                "--max-tokens", "96"]  # fmt: skip
        with running(argv, env, root / "stderr.txt") as app:
            app.wait_for(lambda lines, w=wanted: len(lines) >= w, 180)
            time.sleep(pause)
            app.kill()
            lines = list(app.lines)
            errors = app.stderr()
        assert "Traceback" not in errors, f"{errors} {hint}"
        ok, fks = integrity(db)
        assert ok == ["ok"] and fks == [], f"integrity {ok}, foreign keys {fks} {hint}"
        ideas = state(db)["ideas"]
        for line in lines:
            m = IDEA_LINE.match(line)
            assert m, f"unexpected output {line!r} {hint}"
            idea_id, text = m.group(1), m.group(2)
            assert idea_id in ideas, f"idea #{idea_id} was shown but is not saved {hint}"
            assert ideas[idea_id][0].replace("\n", " ") == text, (
                f"idea #{idea_id} was shown as {text!r} but saved as {ideas[idea_id][0]!r} {hint}"
            )
        shown_total += len(lines)
        verify_everything(db, data, hint)
    print(f"\ngenerate: {CLI_KILLS} kills (seed {SEED}); {shown_total} ideas shown, all saved")


def test_closing_the_output_stops_generate_quietly(
    templates: dict[str, Path], model_dir: Path, tiny_model: object, tmp_path: Path
) -> None:
    """`ideaforge-cli generate … | head -3`: the reader goes away; the CLI stops without a
    traceback (exit 141, as tools killed by SIGPIPE), and the ideas it printed are saved."""
    data, db, env = _run_dir(tmp_path, templates["base"], model_dir)
    argv = [PY, "-m", "ideaforge", "generate", "1", "--count", "500", "--model", "smollm2-135m",
            "--seed", "3", "--batch", "4", "--max-tokens", "96"]  # fmt: skip
    with running(argv, env, tmp_path / "stderr.txt", head=3) as app:
        code = app.finish(180)
        lines = list(app.lines)
        errors = app.stderr()
    assert code == 141 and len(lines) == 3, errors
    assert "Traceback" not in errors and "Exception ignored" not in errors, errors
    ideas = state(db)["ideas"]
    for line in lines:
        m = IDEA_LINE.match(line)
        assert m and ideas[m.group(1)][0] == m.group(2), line
    ws = open_workspace(db, data)
    try:
        [run] = ws.diverge.runs(1)
        assert run.status == "failed" and "BrokenPipeError" in run.message
        assert run.kept >= len(lines)
    finally:
        ws.close()
