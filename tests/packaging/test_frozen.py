"""ideaforge.frozen: the helper programs run as ``python -m`` from Python and through the
bundle's own program (hidden first argument) when frozen. The frozen form is tested here with
the real entry script, main.py, started as the bundle's program would be; the build script
(packaging/build_bundle.py) tests it again inside the built bundle."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ideaforge.core.errors import ModelUnsupported
from ideaforge.frozen import MODULES, RUN_MODULE, module_command, run_module_from_argv
from ideaforge.gen.provision import run_converter

ROOT = Path(__file__).resolve().parents[2]


def test_module_command_from_python() -> None:
    assert not getattr(sys, "frozen", False)
    assert module_command("ideaforge.gen.convert") == [
        sys.executable, "-m", "ideaforge.gen.convert"
    ]  # fmt: skip


def test_module_command_in_the_bundle(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", "/opt/IdeaForge/IdeaForge")
    assert module_command("onnxruntime_genai.models.builder") == [
        "/opt/IdeaForge/IdeaForge", RUN_MODULE, "onnxruntime_genai.models.builder"
    ]  # fmt: skip


def test_only_the_listed_modules_can_be_run() -> None:
    assert {"ideaforge.gen.convert", "onnxruntime_genai.models.builder"} == MODULES
    with pytest.raises(ValueError, match="os is not one of the modules"):
        module_command("os")


def test_ordinary_arguments_start_the_program_as_usual() -> None:
    for argv in (["IdeaForge"], ["IdeaForge", "--lang", "en"], ["IdeaForge", "-m", "os"]):
        assert run_module_from_argv(argv) is None


def _entry(*args: str) -> subprocess.CompletedProcess[str]:
    """main.py, the bundle's entry script, started with ``args`` as the bundle would be."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip


def test_the_entry_script_runs_a_listed_module_with_its_arguments() -> None:
    done = _entry(RUN_MODULE, "ideaforge.gen.convert", "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: python -m ideaforge.gen.convert")
    assert "--gguf" in done.stdout and "--target {cpu,cuda}" in done.stdout


def test_the_entry_script_refuses_other_modules() -> None:
    for args in ([RUN_MODULE, "os"], [RUN_MODULE]):
        done = _entry(*args)
        assert done.returncode == 2
        assert done.stderr.startswith(f"{RUN_MODULE} runs one of ideaforge.gen.convert, ")
        assert done.stdout == ""


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="the stand-in program is a shell script")
def test_the_converter_runs_through_the_bundle_program_when_frozen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """run_converter, frozen, starts the 'bundle program' (a stand-in that runs main.py and
    notes its arguments) with the hidden argument; the converter's error comes back as the
    usual clear message."""
    calls = tmp_path / "calls.txt"
    program = tmp_path / "IdeaForge"
    program.write_text(
        f'#!/bin/sh\necho "$@" >> "{calls}"\nexec "{sys.executable}" "{ROOT / "main.py"}" "$@"\n'
    )
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))
    missing = tmp_path / "missing.gguf"
    out = tmp_path / "out"
    seen: list[str] = []
    with pytest.raises(ModelUnsupported, match="Converting the model failed: ") as error:
        run_converter(
            ["--gguf", str(missing), "--out", str(out), "--work", str(tmp_path / "work")],
            lambda _d, _t, message: seen.append(message), None, "test",
        )  # fmt: skip
    assert "OSError" in str(error.value) and "missing.gguf" in str(error.value)
    assert calls.read_text().split()[:3] == [RUN_MODULE, "ideaforge.gen.convert", "--gguf"]
    assert seen and seen[0] == "test: Reading the GGUF file"
    assert not out.exists()
