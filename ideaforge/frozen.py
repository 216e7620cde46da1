"""Running IdeaForge's helper programs from the desktop bundle (PyInstaller) as from Python.

The app starts two helper programs as ``python -m MODULE``: the model converter
(``ideaforge.gen.convert``) and, from it, the ONNX model builder
(``onnxruntime_genai.models.builder``). In the bundle ``sys.executable`` is the bundle's own
program, which understands no ``-m``. So the bundle's programs take a hidden first argument
instead: ``IdeaForge --ideaforge-run-module MODULE ARGS...`` runs MODULE as ``__main__`` with
ARGS, as ``python -m`` would, and exits. Only the modules in ``MODULES`` can be run that way.

Standard library only, and imported first by the bundle's entry scripts: keep it tiny.
"""

from __future__ import annotations

import runpy
import sys
from collections.abc import Sequence

RUN_MODULE = "--ideaforge-run-module"
MODULES = frozenset({"ideaforge.gen.convert", "onnxruntime_genai.models.builder"})


def is_frozen() -> bool:
    """True inside the bundle (PyInstaller sets ``sys.frozen``)."""
    return bool(getattr(sys, "frozen", False))


def module_command(module: str) -> list[str]:
    """The command that runs ``module`` as a program: ``[python, "-m", module]`` normally,
    ``[bundle program, RUN_MODULE, module]`` in the bundle. Append the module's arguments."""
    if module not in MODULES:
        raise ValueError(f"{module} is not one of the modules IdeaForge runs: {sorted(MODULES)}")
    return [sys.executable, RUN_MODULE if is_frozen() else "-m", module]


def run_module_from_argv(argv: Sequence[str] | None = None) -> None:
    """For the bundle's entry scripts, first thing: when ``argv`` (default ``sys.argv``) asks
    for a module with RUN_MODULE, run it as ``__main__`` and exit with its status; otherwise
    return at once and let the program start as usual."""
    argv = list(sys.argv if argv is None else argv)
    if len(argv) < 2 or argv[1] != RUN_MODULE:
        return
    if len(argv) < 3 or argv[2] not in MODULES:
        asked = argv[2] if len(argv) > 2 else "nothing"
        sys.stderr.write(
            f"{RUN_MODULE} runs one of {', '.join(sorted(MODULES))}; it was given {asked}.\n"
        )
        raise SystemExit(2)
    sys.argv = [argv[2], *argv[3:]]  # runpy puts the module's file name first, as -m does
    runpy.run_module(argv[2], run_name="__main__", alter_sys=True)
    raise SystemExit(0)
