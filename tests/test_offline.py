"""Offline by default: hub look-ups disabled, and no socket to a non-loopback address."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import ideaforge

GUARD = """
import ipaddress, sys
seen = []
def hook(event, args):
    if event == "socket.connect":
        addr = args[1]
        if isinstance(addr, tuple) and not ipaddress.ip_address(addr[0]).is_loopback:
            seen.append(addr)
sys.addaudithook(hook)
import runpy, atexit
atexit.register(lambda: print("NONLOCAL", seen, file=sys.stderr))
sys.argv = ["ideaforge"] + sys.argv[1:]
runpy.run_module("ideaforge", run_name="__main__")
"""


def test_hub_lookups_are_disabled_on_import() -> None:
    assert ideaforge.__version__
    for var in (
        "HF_HUB_OFFLINE",
        "TRANSFORMERS_OFFLINE",
        "HF_DATASETS_OFFLINE",
        "HF_HUB_DISABLE_TELEMETRY",
    ):
        assert os.environ[var] == "1"


def test_the_guard_blocks_non_loopback_connections() -> None:
    """The audit hook in conftest.py is live: every test in the suite runs under it."""
    from tests import conftest

    before = len(conftest.BLOCKED)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with pytest.raises(ConnectionRefusedError, match="blocked network connection"):
        sock.connect(("192.0.2.1", 80))  # TEST-NET-1: never routed
    sock.close()
    assert len(conftest.BLOCKED) == before + 1
    del conftest.BLOCKED[before:]  # the deliberate attempt must not fail the run


def test_cli_session_opens_no_outside_socket(tmp_path: Path) -> None:
    env = {**os.environ, "IDEAFORGE_DATA_DIR": str(tmp_path)}
    for args in (
        ["sessions", "new", "How might we?"],
        ["ideas", "add", "1", "x"],
        ["ideas", "list", "1"],
    ):
        proc = subprocess.run(
            [sys.executable, "-c", GUARD, *args], capture_output=True, text=True, env=env
        )
        assert proc.returncode == 0, proc.stderr
        assert "NONLOCAL []" in proc.stderr


SITECUSTOMIZE = """
import ipaddress, os, sys

def _hook(event, args):
    if event != "socket.connect":
        return
    addr = args[1]
    if isinstance(addr, tuple) and addr:
        try:
            local = ipaddress.ip_address(addr[0]).is_loopback
        except ValueError:
            local = addr[0] == "localhost"
        if not local:
            with open(os.environ["IDEAFORGE_NET_LOG"], "a") as fh:
                fh.write(f"{os.getpid()} {sys.argv[:3]} {addr!r}\\n")
            raise ConnectionRefusedError("blocked by the IdeaForge offline test")

sys.addaudithook(_hook)
"""


@pytest.mark.slow
def test_model_preparation_and_generation_open_no_outside_socket(tmp_path: Path) -> None:
    """Every process (the CLI, the converter, the ONNX builder) runs with a socket audit hook,
    installed through sitecustomize so that child processes inherit it."""
    hook_dir = tmp_path / "hook"
    hook_dir.mkdir()
    (hook_dir / "sitecustomize.py").write_text(SITECUSTOMIZE)
    log = tmp_path / "net.log"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(hook_dir), os.environ.get("PYTHONPATH", "")]),
        "IDEAFORGE_NET_LOG": str(log),
        "IDEAFORGE_DATA_DIR": str(tmp_path / "data"),
        "IDEAFORGE_MODEL_DIR": str(tmp_path / "models"),
        "IDEAFORGE_DEVICE": "cpu",
    }
    # Prove the hook is live in a child first: a deliberate outside connection is logged.
    probe = subprocess.run(
        [sys.executable, "-c", "import socket; socket.create_connection(('192.0.2.1', 80), timeout=1)"],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert probe.returncode != 0 and "192.0.2.1" in log.read_text()
    log.unlink()
    base = [sys.executable, "-m", "ideaforge"]
    for args in (
        ["models", "prepare", "smollm2-135m"],
        ["sessions", "new", "How might we make bike commuting safer?"],
        ["generate", "1", "--count", "3", "--model", "smollm2-135m"],
    ):
        proc = subprocess.run([*base, *args], env=env, capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr[-2000:]
    assert not log.exists(), log.read_text()
