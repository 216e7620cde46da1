"""A full disk and a read-only data folder in the middle of a run.

Where the machine allows it (root on Linux, as here and in CI) the data folder is a small tmpfs
of its own: it is filled for real with a ballast file while the CLI generates, and remounted
read-only while it runs. Everywhere the same tests also run with faults injected at the
store's boundary on a real SQLite file (``faults.py``: SQLite's own size cap and query-only
mode, which fail with the very errors a full disk and a read-only file give).

Each time: the person gets a clear, specific message (the CLI: on stderr, exit code 3 or 1,
no traceback; the services: DiskFull or ReadOnlyLocation saying what to do), and nothing saved
before is damaged (every idea shown is there, integrity and foreign keys are clean, the
decision log verifies) and, once there is room again, the next run works.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.resilience.harness import (
    IDEA_LINE,
    PY,
    build_template,
    child_env,
    copy_template,
    integrity,
    open_workspace,
    running,
    state,
    verify_everything,
)

pytestmark = pytest.mark.slow

MOUNT_SIZE = "4m"


def _run(cmd: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, check=False)


class Disk:
    """The data folder, and how to fill it, free it, and make it read-only and writable."""

    def __init__(self, kind: str, root: Path) -> None:
        self.kind = kind
        self.mount = root / "mnt"
        self.flags = root / "flags"
        self.mount.mkdir(parents=True)
        self.flags.mkdir()
        self.ballast = self.mount / "ballast.bin"
        self.mounted = False

    @property
    def data(self) -> Path:
        return self.mount

    def cli(self, *args: str) -> list[str]:
        if self.kind == "tmpfs":
            return [PY, "-m", "ideaforge", *args]
        return [PY, "-m", "tests.resilience.faults", str(self.flags), *args]

    def fill(self) -> None:
        if self.kind == "injected":
            (self.flags / "full").touch()
            return
        with self.ballast.open("ab") as fh:
            chunk = b"\0" * 65536
            try:
                while True:
                    fh.write(chunk)
                    fh.flush()
            except OSError as error:
                assert error.errno == errno.ENOSPC, error
        # The last partial chunk too, so not one page is left.
        fd = os.open(self.ballast, os.O_WRONLY | os.O_APPEND)
        try:
            for _ in range(16):
                try:
                    os.write(fd, b"\0" * 4096)
                except OSError:
                    break
        finally:
            os.close(fd)
        assert shutil.disk_usage(self.mount).free < 4096

    def free(self) -> None:
        if self.kind == "injected":
            (self.flags / "full").unlink()
            return
        self.ballast.unlink()

    def read_only(self) -> None:
        if self.kind == "injected":
            (self.flags / "readonly").touch()
            return
        # A mount with a file open for writing cannot become read-only (EBUSY): the app holds
        # the database open only while it writes, so this succeeds between two writes.
        for _ in range(2000):
            if _run(["mount", "-o", "remount,ro", str(self.mount)]).returncode == 0:
                return
            time.sleep(0.005)
        pytest.fail("the tmpfs stayed busy: could not remount it read-only")

    def writable(self) -> None:
        if self.kind == "injected":
            (self.flags / "readonly").unlink()
            return
        result = _run(["mount", "-o", "remount,rw", str(self.mount)])
        assert result.returncode == 0, result.stderr


def _can_mount() -> str | None:
    if not sys.platform.startswith("linux"):
        return "tmpfs mounts are a Linux feature"
    if os.geteuid() != 0:
        return "mounting a tmpfs needs root"
    return None


@pytest.fixture(params=["tmpfs", "injected"])
def disk(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Disk]:
    d = Disk(str(request.param), tmp_path / "disk")
    if d.kind == "tmpfs":
        why = _can_mount()
        if why is None:
            result = _run(["mount", "-t", "tmpfs", "-o", f"size={MOUNT_SIZE}", "tmpfs",
                           str(d.mount)])  # fmt: skip
            why = None if result.returncode == 0 else f"mount refused: {result.stderr.strip()}"
        if why is not None:
            pytest.skip(f"{why}; the injected faults cover this machine")
        d.mounted = True
    try:
        yield d
    finally:
        if d.mounted:
            _run(["mount", "-o", "remount,rw", str(d.mount)])
            if _run(["umount", str(d.mount)]).returncode != 0:
                _run(["umount", "-l", str(d.mount)])


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, model_dir: Path) -> Path:
    return build_template(tmp_path_factory.mktemp("disk-template"), model_dir=model_dir)


def _no_traceback(stderr: str) -> None:
    assert "Traceback" not in stderr and "Error:" not in stderr.replace("error:", ""), stderr


def _generate_until_fault(
    disk: Disk, template: Path, model_dir: Path, tmp_path: Path, fault: str
) -> tuple[int, list[str], str]:
    copy_template(template, disk.data)
    env = child_env(disk.data, model_dir)
    argv = disk.cli("generate", "1", "--count", "400", "--model", "smollm2-135m", "--seed", "7",
                    "--batch", "4", "--max-tokens", "96")  # fmt: skip
    with running(argv, env, tmp_path / "stderr.txt") as app:
        assert app.wait_for(lambda lines: len(lines) >= 2, 180), app.stderr()
        disk.fill() if fault == "full" else disk.read_only()
        code = app.finish(180)
        lines = list(app.lines)
        errors = app.stderr()
    return code, lines, errors


def _check_after(disk: Disk, lines: list[str], model_dir: Path, tmp_path: Path) -> None:
    """With room again: the database is whole, every idea shown is saved, the next run works."""
    db = disk.data / "ideaforge.db"
    ok, fks = integrity(db)
    assert ok == ["ok"] and fks == []
    ideas = state(db)["ideas"]
    for line in lines:
        m = IDEA_LINE.match(line)
        assert m, line
        assert m.group(1) in ideas, f"idea #{m.group(1)} was shown but is not saved"
        assert ideas[m.group(1)][0].replace("\n", " ") == m.group(2)
    env = child_env(disk.data, model_dir)
    after = subprocess.run(disk.cli("ideas", "add", "1", "Added once there was room again"),
                           env=env, capture_output=True, text=True, check=False)  # fmt: skip
    assert after.returncode == 0, after.stderr
    verify_everything(db, disk.data, "")


def test_disk_full_while_generating(
    disk: Disk, template: Path, model_dir: Path, tiny_model: object, tmp_path: Path
) -> None:
    code, lines, errors = _generate_until_fault(disk, template, model_dir, tmp_path, "full")
    assert code == 3, errors
    assert "ideaforge-cli: error:" in errors and "is full" in errors, errors
    assert "Free some space and try again" in errors, errors
    _no_traceback(errors)
    assert len(lines) >= 2
    disk.free()
    _check_after(disk, lines, model_dir, tmp_path)
    if disk.kind == "injected":
        return  # the flag is gone: the same code path as the line above
    # The same generation, once there is room again.
    env = child_env(disk.data, model_dir)
    again = subprocess.run(
        disk.cli("generate", "1", "--count", "2", "--model", "smollm2-135m", "--seed", "8",
                 "--batch", "2", "--max-tokens", "64"),
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert len([x for x in again.stdout.splitlines() if x.startswith("#")]) == 2


def test_data_folder_turns_read_only_while_generating(
    disk: Disk, template: Path, model_dir: Path, tiny_model: object, tmp_path: Path
) -> None:
    code, lines, errors = _generate_until_fault(disk, template, model_dir, tmp_path, "readonly")
    assert code == 3, errors
    assert "cannot be written" in errors and "read-only" in errors, errors
    assert "the last change was not saved" in errors, errors
    _no_traceback(errors)
    disk.writable()
    _check_after(disk, lines, model_dir, tmp_path)


def test_services_report_a_full_disk_and_a_read_only_folder(
    disk: Disk, template: Path, model_dir: Path, tmp_path: Path
) -> None:
    """The services raise DiskFull and ReadOnlyLocation (IdeaForgeError) with what to do; a
    decision recorded before is intact and the log verifies; afterwards they work again."""
    from ideaforge.core.errors import DiskFull, ReadOnlyLocation
    from ideaforge.services.decisions import CONCERNS, DecisionDraft
    from tests.resilience.faults import install

    db = copy_template(template, disk.data)
    remove = install(disk.flags) if disk.kind == "injected" else None
    ws = open_workspace(db, disk.data)
    try:
        risks = {7: {k: {"answer": "none", "note": ""} for k in CONCERNS}}
        draft = DecisionDraft(1, "Before the disk filled", [7, 9], [7], ["ada"], "Because", risks)
        first = ws.decisions.record(draft)
        saved = [i.id for i in ws.ideas.list(1)]
        disk.fill()
        with pytest.raises(DiskFull, match="is full.*Free some space and try again"):
            for n in range(50):  # a page or two may still be free inside the file
                ws.ideas.add(1, f"An idea that does not fit, number {n}, " + "x" * 2000)
        with pytest.raises(DiskFull):  # a long rationale needs new pages
            ws.decisions.record(
                DecisionDraft(1, "While the disk is full", [7, 9], [7], ["ada"], "y" * 19_000,
                              risks)
            )  # fmt: skip
        disk.free()
        assert ws.decisions.verify(1).ok
        assert [d.id for d in ws.decisions.list(1)] == [first.id]
        assert [i.id for i in ws.ideas.list(1)][: len(saved)] == saved

        disk.read_only()
        with pytest.raises(ReadOnlyLocation, match="cannot be written.*read-only") as info:
            ws.scoring.score(7, ws.scoring.criteria(1)[0].id, 4)
        assert "choose a writable location" in str(info.value)
        disk.writable()
        ws.scoring.score(7, ws.scoring.criteria(1)[0].id, 4)
    finally:
        ws.close()
        if remove is not None:
            remove()
    verify_everything(db, disk.data, "")


def test_exports_and_backups_on_a_full_or_read_only_disk(
    disk: Disk, template: Path, tmp_path: Path
) -> None:
    """An export or backup that cannot be written says why and what to do, leaves no half file
    and leaves the earlier export as it was."""
    if disk.kind == "injected":
        pytest.skip("exports and backups write files, not the database: only a real small file "
                    "system can fill up under them (the tmpfs case)")  # fmt: skip
    home = tmp_path / "data"
    copy_template(template, home)
    out = disk.data / "exports"
    env = child_env(home)

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([PY, "-m", "ideaforge", *args], env=env, capture_output=True,
                              text=True, check=False)  # fmt: skip

    for fmt, name in (("html", "report.html"), ("json", "session.json"), ("md", "records")):
        assert cli("export", "1", "--format", fmt, "--out", str(out / name)).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    cli("ideas", "add", "1", "A new idea the next export would carry")

    for fault, words in (("full", "the disk is full"), ("readonly", "the folder is read-only")):
        disk.fill() if fault == "full" else disk.read_only()
        for fmt, name in (("html", "report.html"), ("json", "session.json"), ("md", "records")):
            result = cli("export", "1", "--format", fmt, "--out", str(out / name))
            assert result.returncode == 1, result.stderr
            assert words in result.stderr and "export again" in result.stderr, result.stderr
            _no_traceback(result.stderr)
        backup = cli("backup", "--to", str(disk.data / "copy.db"))
        assert backup.returncode == 3, backup.stderr
        assert str(disk.data / "copy.db") in backup.stderr, backup.stderr
        _no_traceback(backup.stderr)
        assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
        assert not list(disk.data.glob("copy.db*"))
        disk.free() if fault == "full" else disk.writable()
    assert json.loads((out / "session.json").read_text(encoding="utf-8"))["ideas"]
    assert cli("backup", "--to", str(disk.data / "copy.db")).returncode == 0
    assert sorted(p.name for p in disk.data.glob("copy.db*")) == ["copy.db"]
