"""The interface's Traditional Chinese (Taiwan) translation: extract, compile, check.

    python packaging/i18n.py update   # lupdate ideaforge/ui/*.py into the .ts, then lrelease;
                                      # and the message templates of the other layers into
                                      # resources/i18n/messages_zh_TW.json
    python packaging/i18n.py check    # fails when a string is new or untranslated, or the .qm
                                      # is not what lrelease makes of the committed .ts

Two catalogues: the Qt widgets' strings (``self.tr``/``translate`` in ideaforge/ui) live in the
.ts/.qm; the messages the services, stores, generators and the CLI make (errors, refusals,
progress, filter reasons: ``tr("...")`` and ``N_("...")`` from ``ideaforge.core.i18n``) live in
messages_zh_TW.json, English template -> translation, with the same ``{name}`` placeholders.

``update`` keeps every existing translation and drops strings the code no longer has. Translate
what it marks unfinished (Qt Linguist: ``pyside6-linguist resources/i18n/ideaforge_zh_TW.ts``,
or edit the XML and remove ``type="unfinished"``), then run ``update`` again to rebuild the .qm.

Only the standard library and Qt's own tools (``pyside6-lupdate``, ``pyside6-lrelease``, installed
with PySide6 next to the Python that runs this) are used.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import shutil
import string
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "ideaforge"
UI = PACKAGE / "ui"
I18N = ROOT / "resources" / "i18n"
TS = I18N / "ideaforge_zh_TW.ts"
QM = I18N / "ideaforge_zh_TW.qm"
MESSAGES = I18N / "messages_zh_TW.json"
MARKERS = ("tr", "N_")  # ideaforge.core.i18n's translate-and-fill and mark-only functions
PLACEHOLDER = re.compile(r"%(?:n|[1-9][0-9]?)")
PENDING = ("unfinished", "vanished", "obsolete")  # translation types that are not done


class ToolError(RuntimeError):
    """A Qt tool is missing or failed."""


@dataclass(frozen=True)
class Message:
    context: str
    source: str
    comment: str
    translations: tuple[str, ...]  # one per plural form for numerus messages, else one
    kind: str  # the translation's ``type`` attribute ("" when finished)
    numerus: bool
    where: str  # "path:line" of the first use, relative to the repository when possible

    @property
    def key(self) -> tuple[str, str, str]:
        return self.context, self.source, self.comment

    @property
    def finished(self) -> bool:
        return self.kind not in PENDING and bool(self.translations) and all(self.translations)


def tool(name: str) -> str:
    """A Qt tool from the environment running this script (``.venv/bin``), else from PATH."""
    here = Path(sys.executable).parent  # not resolved: a venv's python is a symlink
    for candidate in (here / name, here / f"{name}.exe"):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise ToolError(f"{name} not found next to {sys.executable} or on PATH; install PySide6")
    return found


def _run(cmd: list[str]) -> str:
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False)
    output = (done.stdout + done.stderr).strip()
    if done.returncode != 0:
        raise ToolError(f"{Path(cmd[0]).name} failed ({done.returncode}):\n{output}")
    return output


def sources() -> list[Path]:
    return sorted(UI.glob("*.py"))


def extract(ts_out: Path) -> str:
    """Extract the UI's strings into ``ts_out``, keeping the translations it already has and
    dropping strings the code no longer uses. Returns lupdate's report."""
    ts_out.parent.mkdir(parents=True, exist_ok=True)
    return _run(
        [
            tool("pyside6-lupdate"), *(str(p) for p in sources()),
            "-no-obsolete", "-locations", "absolute",
            "-source-language", "en", "-target-language", "zh_TW",
            "-ts", str(ts_out),
        ]
    )  # fmt: skip


def compile_qm(ts: Path, qm: Path) -> str:
    """Compile ``ts`` into ``qm``. Unfinished messages are left out (the interface shows the
    English text rather than a guess). Returns lrelease's report."""
    qm.parent.mkdir(parents=True, exist_ok=True)
    return _run([tool("pyside6-lrelease"), "-nounfinished", str(ts), "-qm", str(qm)])


def read_messages(ts: Path) -> list[Message]:
    """Every message of a .ts file, in file order."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name", "")
        for m in context.iter("message"):
            t = m.find("translation")
            numerus = m.get("numerus") == "yes"
            if t is None:
                texts: tuple[str, ...] = ()
            elif numerus:
                texts = tuple(f.text or "" for f in t.iter("numerusform"))
            else:
                texts = (t.text or "",)
            where = ""
            loc = m.find("location")
            if loc is not None and loc.get("filename"):
                path = (ts.parent / loc.get("filename", "")).resolve()
                shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
                where = f"{shown.as_posix()}:{loc.get('line', '?')}"
            out.append(
                Message(
                    context=name, source=m.findtext("source", ""),
                    comment=m.findtext("comment", ""), translations=texts,
                    kind="" if t is None else t.get("type", ""), numerus=numerus, where=where,
                )
            )  # fmt: skip
    return out


def placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def _describe(m: Message) -> str:
    text = m.source if len(m.source) <= 70 else m.source[:67] + "..."
    where = f"{m.where} " if m.where else ""
    return f"{where}[{m.context}] {text!r}"


def templates() -> dict[str, str]:
    """Every message template outside ideaforge/ui -> "path:line" of its first use."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if UI in path.parents:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in MARKERS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                where = f"{path.relative_to(PACKAGE.parent)}:{node.lineno}"
                found.setdefault(node.args[0].value, where)
    return found


def fields(template: str) -> set[str]:
    """The names a ``str.format`` template fills in."""
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError:
        return {"<unbalanced braces>"}
    return {f.split(".")[0].split("[")[0] for _, f, _, _ in parsed if f is not None}


def read_catalogue() -> dict[str, str]:
    if not MESSAGES.exists():
        return {}
    data = json.loads(MESSAGES.read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.items()}


def update_catalogue() -> list[str]:
    """Add new templates (untranslated) and drop gone ones; the templates still to translate."""
    have = read_catalogue()
    current = templates()
    merged = {t: have.get(t, "") for t in current}
    MESSAGES.write_text(json.dumps(merged, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return [f"{where} {t!r}" for t, where in current.items() if not merged[t]]


def message_problems() -> list[str]:
    out: list[str] = []
    have = read_catalogue()
    current = templates()
    for template, where in current.items():
        translated = have.get(template)
        if translated is None:
            out.append(f"new, not in {MESSAGES.name}: {where} {template!r}")
        elif not translated:
            out.append(f"untranslated in {MESSAGES.name}: {where} {template!r}")
        elif fields(translated) != fields(template):
            out.append(f"placeholders differ in {translated!r}: {where} {template!r}")
    for template in have.keys() - current.keys():
        out.append(f"no longer in the source ({MESSAGES.name}): {template!r}")
    return out


def problems() -> list[str]:
    """What stands between the source and a complete, current translation; [] when none."""
    out: list[str] = message_problems()
    with tempfile.TemporaryDirectory(prefix="ideaforge-i18n-") as tmp:
        fresh = Path(tmp) / TS.name
        if TS.exists():
            shutil.copyfile(TS, fresh)
        extract(fresh)
        committed = {m.key: m for m in read_messages(TS)} if TS.exists() else {}
        current = read_messages(fresh)
        for m in current:
            have = committed.get(m.key)
            if have is None:
                out.append(f"new, not in {TS.name}: {_describe(m)}")
            elif not have.finished:
                out.append(f"untranslated or unfinished: {_describe(m)}")
            else:
                for text in have.translations:
                    if placeholders(text) != placeholders(m.source):
                        out.append(f"placeholders differ in {text!r}: {_describe(m)}")
        gone = committed.keys() - {m.key for m in current}
        for key in sorted(gone):
            out.append(f"no longer in the source: {_describe(committed[key])}")
        if not TS.exists():
            out.append(f"{TS.relative_to(ROOT)} does not exist")
        elif not QM.exists():
            out.append(f"{QM.relative_to(ROOT)} does not exist")
        else:
            built = Path(tmp) / QM.name
            compile_qm(TS, built)
            if built.read_bytes() != QM.read_bytes():
                out.append(f"{QM.relative_to(ROOT)} is out of date with {TS.name}")
    return out


def update() -> int:
    print(extract(TS))
    print(compile_qm(TS, QM))
    pending = [m for m in read_messages(TS) if not m.finished]
    if pending:
        print(f"\n{len(pending)} message(s) still need a translation in {TS.relative_to(ROOT)}:")
        for m in pending:
            print(f"  {_describe(m)}")
        print("Translate them, then run this command again to rebuild the .qm.")
    todo = update_catalogue()
    print(f"{MESSAGES.relative_to(ROOT)}: {len(read_catalogue())} message templates")
    if todo:
        print(f"\n{len(todo)} template(s) still need a translation in {MESSAGES.name}:")
        for line in todo:
            print(f"  {line}")
    return 0


def check() -> int:
    found = problems()
    if not found:
        total = len(read_messages(TS))
        print(
            f"Translations complete: {total} interface messages, {QM.relative_to(ROOT)} is "
            f"current; {len(read_catalogue())} message templates in {MESSAGES.name}."
        )
        return 0
    print(f"The zh-TW translation needs attention ({len(found)}):", file=sys.stderr)
    for p in found:
        print(f"  {p}", file=sys.stderr)
    print(
        f"\nRun `python packaging/i18n.py update`, translate the new and unfinished messages in "
        f"{TS.relative_to(ROOT)} (pyside6-linguist, or edit the XML and remove "
        f'type="unfinished"), then run `update` again to rebuild the .qm.',
        file=sys.stderr,
    )
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Extract, compile and check the zh-TW interface translation."
    )
    parser.add_argument(
        "command", choices=["update", "check"],
        help="update: lupdate + lrelease; check: fail on new/untranslated strings or a stale .qm",
    )  # fmt: skip
    args = parser.parse_args(argv)
    try:
        return update() if args.command == "update" else check()
    except ToolError as error:
        print(error, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
