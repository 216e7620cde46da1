"""Headless command line over the services layer: ``ideaforge-cli`` or ``python -m ideaforge``.

Exit codes: 0 done, 1 the request was refused (bad input, not found, not allowed),
2 usage error, 3 the database cannot be used, 4 a model cannot be used, 5 the decision log does
not verify, 130 interrupted, 141 the output was closed (``| head``; what was shown is saved).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any, TextIO, TypeVar

from ideaforge import __version__
from ideaforge.core import i18n
from ideaforge.core.errors import IdeaForgeError, InvalidInput
from ideaforge.core.i18n import ENV_LANG, choose_language, system_locale, tr
from ideaforge.core.model import (
    AuditEvent,
    GenerationRun,
    Idea,
    IdeaStatus,
    Language,
    Origin,
    Role,
)
from ideaforge.core.progress import Cancelled, CancelToken, Progress
from ideaforge.core.workshop import Activity
from ideaforge.services.config import load_settings, read_prefs
from ideaforge.services.decisions import ANSWERS, CONCERNS
from ideaforge.services.ideas import idea_json
from ideaforge.services.models import gb_text, size_text
from ideaforge.services.sessions import session_json
from ideaforge.services.workspace import Workspace

PROG = "ideaforge-cli"
Handler = Callable[[Workspace, argparse.Namespace, TextIO], Any]
T = TypeVar("T")


def _common() -> argparse.ArgumentParser:
    # SUPPRESS lets the options stand before or after the subcommand without one hiding the other.
    p = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    p.add_argument("--db", metavar="URL", help="database URL or SQLite file (env IDEAFORGE_DB)")
    p.add_argument("--data-dir", metavar="DIR", help="data folder (env IDEAFORGE_DATA_DIR)")
    p.add_argument("--user", metavar="NAME", help="who is acting (env IDEAFORGE_USER)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.add_argument("--device", choices=["auto", "cpu", "cuda"], help="env IDEAFORGE_DEVICE")
    p.add_argument("--model-dir", metavar="DIR", help="models folder (env IDEAFORGE_MODEL_DIR)")
    return p


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(
        prog=PROG,
        parents=[common],
        description="IdeaForge from the shell: sessions and ideas in the same database as the app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    top = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    sessions = top.add_parser("sessions", help="create, list, show, change, delete sessions")
    ss = sessions.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = ss.add_parser("new", parents=[common], help="start a session for a challenge")
    p.add_argument("challenge", help='the challenge, e.g. "How might we ...?"')
    p.add_argument("--title")
    p.add_argument("--intent", default="", help="what the group wants to achieve")
    p.add_argument("--values", default="", help="the values that should guide the choice")
    languages = [lang.value for lang in Language]
    p.add_argument("--language", choices=languages, help="else detected from the challenge")
    p.set_defaults(handler=_session_new)
    p = ss.add_parser("list", parents=[common], help="list sessions, newest first")
    p.set_defaults(handler=_session_list)
    p = ss.add_parser("show", parents=[common], help="show one session")
    p.add_argument("session", type=int)
    p.set_defaults(handler=_session_show)
    p = ss.add_parser("update", parents=[common], help="change title, challenge, intent, "
                      "values or language")  # fmt: skip
    p.add_argument("session", type=int)
    for name in ("title", "challenge", "intent", "values"):
        p.add_argument(f"--{name}")
    p.add_argument("--language", choices=languages,
                   help="a new challenge without it re-detects the language")  # fmt: skip
    p.set_defaults(handler=_session_update)
    p = ss.add_parser("phase", parents=[common], help="move to another phase")
    p.add_argument("session", type=int)
    p.add_argument("phase", choices=["diverge", "converge", "decide", "closed"])
    p.set_defaults(handler=_session_phase)
    p = ss.add_parser("delete", parents=[common], help="delete a session and its ideas")
    p.add_argument("session", type=int)
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(handler=_session_delete)

    ideas = top.add_parser("ideas", help="add, list, prune, restore ideas")
    si = ideas.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = si.add_parser(
        "add", parents=[common], help="add your own ideas ('-' reads lines from stdin)"
    )
    p.add_argument("session", type=int)
    p.add_argument("texts", nargs="+", metavar="TEXT")
    p.set_defaults(handler=_idea_add)
    p = si.add_parser(
        "list", parents=[common], help="list ideas (active and shortlisted by default)"
    )
    p.add_argument("session", type=int)
    p.add_argument("--status", action="append", choices=[s.value for s in IdeaStatus])
    p.add_argument("--origin", action="append", choices=[o.value for o in Origin])
    p.add_argument("--search", help="only ideas containing this text")
    p.add_argument("--all", action="store_true", help="every status, pruned and merged too")
    p.set_defaults(handler=_idea_list)
    p = si.add_parser("prune", parents=[common], help="set an idea aside, with a reason")
    p.add_argument("idea", type=int)
    p.add_argument("--reason", required=True)
    p.set_defaults(handler=_idea_prune)
    for name, fn, text in (
        ("restore", _idea_restore, "bring a pruned or merged idea back"),
        ("shortlist", _idea_shortlist, "put an idea on the shortlist"),
    ):
        p = si.add_parser(name, parents=[common], help=text)
        p.add_argument("idea", type=int)
        p.set_defaults(handler=fn)

    models = top.add_parser(
        "models", help="list, prepare, import, choose, remove, download, verify models"
    )
    sm = models.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = sm.add_parser(
        "list", parents=[common], help="built-in and imported models, and their state"
    )
    p.set_defaults(handler=_models_list)
    p = sm.add_parser("prepare", parents=[common], help="convert a model so it can run (once)")
    p.add_argument("name", nargs="?", help="default: the active model")
    p.add_argument("--target", choices=["cpu", "cuda"], help="default: the device that will run it")
    p.set_defaults(handler=_models_prepare)
    p = sm.add_parser("import", parents=[common], help="import a GGUF file, a Hugging Face folder "
                      "or an onnxruntime-genai folder")  # fmt: skip
    p.add_argument("path")
    p.add_argument("--name", help="name to use (default: from the file or folder)")
    p.set_defaults(handler=_models_import)
    p = sm.add_parser("use", parents=[common], help="make a model the active one")
    p.add_argument("name")
    p.set_defaults(handler=_models_use)
    p = sm.add_parser("remove", parents=[common], help="delete a prepared or imported model")
    p.add_argument("name")
    p.set_defaults(handler=_models_remove)
    catalogue_env = (
        "The catalogue file is resources/models/catalogue.json; "
        "env IDEAFORGE_CATALOGUE names another."
    )
    p = sm.add_parser(
        "catalogue", parents=[common], help="models you can download, and which fit this computer",
        description="List the catalogue's models with what they need and whether they fit this "
        "computer (memory, free disk at the models folder, GPU), and recommend the best one that "
        "fits and writes the language. Reads files only: no network. By default only the models "
        "that fit are listed, with a count of the others; --all lists every model, those that "
        "fit first, with why the others do not. --json always gives every model. "
        + catalogue_env,
    )  # fmt: skip
    p.add_argument("--language", choices=languages, default="en",
                   help="recommend for sessions in this language (default en; mixed needs a "
                   "model that writes Chinese)")  # fmt: skip
    p.add_argument("--all", action="store_true",
                   help="also list the models that do not fit, with the reason")  # fmt: skip
    p.set_defaults(handler=_models_catalogue)
    p = sm.add_parser(
        "download", parents=[common], help="download and install a model from the catalogue",
        description="Download a catalogue model (ID from 'models catalogue'), check its files' "
        "sizes and SHA-256, and install it into the models folder. A model whose licence must be "
        "accepted first is refused unless you accept it (--accept-licence, or y at the question "
        "on a terminal). Ctrl-C stops; what was downloaded is kept and the same command resumes "
        "it. HF_ENDPOINT names a Hugging Face mirror, HF_TOKEN an access token for gated models. "
        + catalogue_env,
    )  # fmt: skip
    p.add_argument("id", metavar="ID", help="the catalogue id, e.g. phi-3.5-mini-cpu")
    p.add_argument("--accept-licence", action="store_true",
                   help="accept the model's licence (read it first: its URL is shown)")  # fmt: skip
    p.add_argument("--discard", action="store_true",
                   help="delete a stopped, partial download of ID instead")  # fmt: skip
    p.set_defaults(handler=_models_download)
    p = sm.add_parser(
        "verify", parents=[common], help="check an installed model's files",
        description="Check an installed model's files against its manifest and, for a catalogue "
        "download, against the SHA-256 recorded for it. Exits with code 4 when a file changed. "
        + catalogue_env,
    )  # fmt: skip
    p.add_argument("name", help="the installed model's name (see 'models list')")
    p.set_defaults(handler=_models_verify)

    p = top.add_parser("generate", parents=[common], help="let the local model write ideas")
    p.add_argument("session", type=int)
    p.add_argument("--count", type=int, default=50, help="ideas to keep (default 50)")
    p.add_argument("--lens", action="append", metavar="LENS",
                   help="lens id or group (SCAMPER, persona, analogy, constraint, reversal, "
                   "analytics, risk, plain); repeat for several; default: all")  # fmt: skip
    p.add_argument("--seed", type=int, help="same seed, settings and model: same ideas")
    p.add_argument("--model", help="default: the active model")
    p.add_argument("--temperature", type=float, default=0.9)
    p.add_argument("--top-p", type=float, default=0.95)
    p.add_argument("--max-tokens", type=int, default=200, help="per sequence of ideas")
    p.add_argument("--batch", type=int, default=8, help="sequences generated together (1-32)")
    p.add_argument("--per-sequence", type=int, default=5, help="ideas asked of each sequence")
    p.set_defaults(handler=_generate)
    p = top.add_parser(
        "runs", parents=[common], help="generation runs of a session, with footprint"
    )
    p.add_argument("session", type=int)
    p.add_argument("--rejected", action="store_true", help="also show what the filters rejected")
    p.set_defaults(handler=_runs)

    p = top.add_parser(
        "analyze", parents=[common],
        help="embed ideas, suggest duplicates, group themes, map them, measure diversity",
    )  # fmt: skip
    p.add_argument("session", type=int)
    p.add_argument("--threshold", type=float, help="duplicate similarity (default per embedder)")
    p.add_argument("--keep-themes", action="store_true", help="do not re-cluster themes")
    p.add_argument("--map", action="store_true", help="also print each idea's map position")
    p.set_defaults(handler=_analyze)
    p = top.add_parser(
        "dedupe", parents=[common],
        help="list near-duplicate groups; accept merges; split merged ideas",
    )  # fmt: skip
    p.add_argument("session", type=int)
    p.add_argument("--threshold", type=float, help="duplicate similarity (default per embedder)")
    p.add_argument(
        "--accept",
        nargs="+",
        metavar="ID",
        help="merge the groups whose canonical idea is ID ('all': every group)",
    )
    p.add_argument(
        "--except",
        dest="exclude",
        nargs="+",
        type=int,
        metavar="ID",
        default=[],
        help="with --accept: leave these ideas out (and stop suggesting them)",
    )
    p.add_argument(
        "--split",
        type=int,
        metavar="ID",
        help="undo a merge: a merged idea, or every idea merged into ID",
    )
    p.add_argument("--distinct", nargs=2, type=int, metavar=("A", "B"),
                   help="say ideas A and B are not duplicates")  # fmt: skip
    p.set_defaults(handler=_dedupe)
    p = top.add_parser("themes", parents=[common], help="show, re-cluster, rename, move")
    p.add_argument("session", type=int)
    p.add_argument("--recluster", action="store_true", help="group the ideas again")
    p.add_argument("--rename", nargs=2, metavar=("THEME", "NAME"), help="name a theme")
    p.add_argument(
        "--move",
        nargs=2,
        metavar=("IDEA", "THEME"),
        help="put an idea in a theme ('none': no theme); it stays there",
    )
    p.add_argument("--new", metavar="NAME", help="create an empty theme")
    p.add_argument("--release", type=int, metavar="IDEA",
                   help="let re-clustering place an idea you moved again")  # fmt: skip
    p.set_defaults(handler=_themes)

    p = top.add_parser("export", parents=[common], help="write a session as MADR Markdown "
                       "records, an HTML report, CSV or JSON")  # fmt: skip
    p.add_argument("session", type=int)
    p.add_argument("--format", dest="fmt", choices=["md", "html", "csv", "json"], required=True)
    p.add_argument("--out", required=True, metavar="PATH", help="file (a folder for md)")
    p.add_argument("--bom", action="store_true", help="CSV: start with a UTF-8 BOM (Excel)")
    p.set_defaults(handler=_export)
    p = top.add_parser("import", parents=[common], help="add ideas from a text, CSV or "
                       "IdeaForge JSON file (all or nothing)")  # fmt: skip
    p.add_argument("path")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--session", type=int, help="add to this session")
    where.add_argument("--challenge", help="start a new session for this challenge")
    p.add_argument("--format", dest="fmt", choices=["text", "csv", "json"])
    p.set_defaults(handler=_import)

    log = top.add_parser("log", help="the decision log: show it, verify its hash chain")
    sl = log.add_subparsers(dest="log_command", required=True)
    p = sl.add_parser("show", parents=[common], help="the session's decision records")
    p.add_argument("session", type=int)
    p.set_defaults(handler=_log_show)
    p = sl.add_parser("verify", parents=[common], help="prove the log intact, or name the "
                      "first altered, inserted or missing record (exit code 5)")  # fmt: skip
    p.add_argument("session", type=int)
    p.set_defaults(handler=_log_verify)

    ws_ = top.add_parser("workshop", help="run a session with others: roles, activities, "
                         "timer, voting rules, reveals, join codes")  # fmt: skip
    sw = ws_.add_subparsers(dest="workshop_command", required=True)
    p = sw.add_parser("status", parents=[common], help="who is here, the activity, the timer")
    p.add_argument("session", type=int)
    p.set_defaults(handler=_workshop_status)
    p = sw.add_parser("start", parents=[common], help="hide results until revealed; begin "
                      "with silent ideation (facilitator)")  # fmt: skip
    p.add_argument("session", type=int)
    p.add_argument("--budget", type=int, default=5, help="dots per person (default 5)")
    p.add_argument("--per-idea", type=int, default=3, help="dots on one idea at most (3)")
    p.add_argument("--named", action="store_true", help="show who voted for what on reveal")
    p.set_defaults(handler=_workshop_start)
    p = sw.add_parser("activity", parents=[common], help="move the room to an activity")
    p.add_argument("session", type=int)
    p.add_argument("activity", choices=[a.value for a in Activity])
    p.set_defaults(handler=_workshop_activity)
    p = sw.add_parser("timer", parents=[common], help="start SECONDS, pause, resume, "
                      "add SECONDS, or stop the countdown")  # fmt: skip
    p.add_argument("session", type=int)
    p.add_argument("action", choices=["start", "pause", "resume", "add", "stop"])
    p.add_argument("seconds", type=float, nargs="?")
    p.set_defaults(handler=_workshop_timer)
    p = sw.add_parser("reveal", parents=[common], help="reveal ideas, votes or scores")
    p.add_argument("session", type=int)
    p.add_argument("what", choices=["ideas", "votes", "scores"])
    p.add_argument("--hide", action="store_true", help="hide votes or scores again")
    p.set_defaults(handler=_workshop_reveal)
    p = sw.add_parser("code", parents=[common], help="print the join code for a session")
    p.add_argument("session", type=int)
    p.set_defaults(handler=_workshop_code)
    p = sw.add_parser("join", parents=[common], help="join the session a join code names")
    p.add_argument("code")
    p.set_defaults(handler=_workshop_join, needs_store=False)
    p = sw.add_parser("role", parents=[common], help="make someone facilitator or participant")
    p.add_argument("session", type=int)
    p.add_argument("name")
    p.add_argument("role", choices=[r.value for r in Role])
    p.set_defaults(handler=_workshop_role)
    p = top.add_parser("vote", parents=[common], help="set your dots on an idea (0 removes)")
    p.add_argument("idea", type=int)
    p.add_argument("dots", type=int)
    p.set_defaults(handler=_vote)

    p = top.add_parser("criteria", parents=[common],
                       help="list a session's scoring criteria, or add one")  # fmt: skip
    p.add_argument("session", type=int)
    p.add_argument("--add", metavar="NAME", help="add a criterion")
    p.add_argument("--weight", type=float, default=1.0)
    p.add_argument("--scale", nargs=2, type=int, default=[1, 5], metavar=("MIN", "MAX"))
    p.add_argument("--lower-is-better", action="store_true", help="a cost such as effort")
    p.add_argument("--defaults", action="store_true",
                   help="add the default criteria if there are none")  # fmt: skip
    p.set_defaults(handler=_criteria)
    p = top.add_parser("score", parents=[common], help="score an idea on a criterion")
    p.add_argument("idea", type=int)
    p.add_argument("criterion", help="the criterion's id or name")
    p.add_argument("value", help="a number on the criterion's scale ('none' removes it)")
    p.set_defaults(handler=_score)
    p = top.add_parser(
        "decide", parents=[common],
        help="record a decision in the session's log: options weighed, chosen, who, why",
    )  # fmt: skip
    p.add_argument("session", type=int)
    p.add_argument("--title", required=True)
    p.add_argument("--chosen", nargs="+", type=int, required=True, metavar="IDEA")
    p.add_argument("--options", nargs="+", type=int, metavar="IDEA",
                   help="the shortlisted ideas weighed (default: the whole shortlist)")  # fmt: skip
    p.add_argument("--rationale", required=True, help="why these, over the others")
    p.add_argument("--decider", action="append", metavar="NAME",
                   help="who decides (repeat; default: you)")  # fmt: skip
    p.add_argument("--values", help="the values behind the choice (default: the session's)")
    p.add_argument(
        "--concern", action="append", default=[], metavar="IDEA:CONCERN=ANSWER[:NOTE]",
        help=f"answer the checklist: CONCERN is one of {', '.join(CONCERNS)}, ANSWER one of "
        f"{', '.join(ANSWERS)} (a concern needs a NOTE)",
    )  # fmt: skip
    p.add_argument("--no-concerns", action="store_true",
                   help="answer 'none' wherever --concern gives no answer")  # fmt: skip
    p.set_defaults(handler=_decide)

    p = top.add_parser("history", parents=[common], help="the audit log of a session")
    p.add_argument("session", type=int)
    p.set_defaults(handler=_history)
    p = top.add_parser("info", parents=[common], help="where data lives and which versions run")
    p.set_defaults(handler=_info, needs_store=False)

    p = top.add_parser(
        "backup", parents=[common], help="copy the database (safe while IdeaForge runs)",
        description="Copy the SQLite database, consistently even while it is in use. IdeaForge "
        "also keeps the last 5 copies taken automatically before each schema upgrade, in the "
        "backups folder beside the database.",
    )  # fmt: skip
    p.add_argument(
        "--to",
        metavar="PATH",
        help="a file or folder (default: the backups folder beside the database)",
    )
    p.add_argument("--list", action="store_true", help="list the backups in the backups folder")
    p.set_defaults(handler=_backup, needs_store=False)
    p = top.add_parser(
        "restore", parents=[common], help="replace the database with a backup",
        description="Replace the database with a backup, after checking the backup. The current "
        "database is backed up first. Close every IdeaForge window and command using it first.",
    )  # fmt: skip
    p.add_argument("file", help="the backup to restore (see: backup --list)")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p.set_defaults(handler=_restore, needs_store=False)
    return parser


# --- output helpers -------------------------------------------------------------------------


def _emit(out: TextIO, args: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(args, "json", False):
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
    elif text:
        out.write(text if text.endswith("\n") else text + "\n")


def _idea_line(i: Idea) -> str:
    flag = "" if i.status is IdeaStatus.ACTIVE else f" [{i.status.value}]"
    reason = f" (reason: {i.prune_reason})" if i.prune_reason else ""
    merged = f" (merged into #{i.merged_into_id})" if i.merged_into_id else ""
    merged += " (private until revealed)" if i.private else ""
    one_line = i.text.replace("\n", " ")
    return f"#{i.id}{flag} {one_line}  — {i.source_label}{reason}{merged}"


def _event_json(e: AuditEvent) -> dict[str, Any]:
    return {
        "id": e.id,
        "at": e.at.isoformat(),
        "actor": e.actor,
        "action": e.action,
        "entity": e.entity,
        "entity_id": e.entity_id,
        "before": e.before,
        "after": e.after,
    }


# --- handlers ---------------------------------------------------------------------------------


def _session_new(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    s = ws.sessions.new(
        a.challenge, title=a.title, intent=a.intent, values=a.values, language=a.language
    )
    _emit(out, a, session_json(s), f"Created session {s.id}: {s.title} ({s.language.value})")


def _session_list(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    rows = ws.sessions.list()
    data = [session_json(r.session) | {"ideas": r.idea_count} for r in rows]
    lines = [
        f"{r.session.id:>4}  {r.session.phase.value:<9} {r.idea_count:>5} ideas  {r.session.title}"
        for r in rows
    ]
    _emit(
        out,
        a,
        data,
        "\n".join(lines) if lines else "No sessions yet. Start one with 'sessions new'.",
    )


def _session_show(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    ov = ws.sessions.overview(a.session)
    s = ov.session
    data = session_json(s) | {
        "counts": ov.counts,
        "participants": [
            {"id": p.id, "name": p.name, "role": p.role.value} for p in ov.participants
        ],
    }
    people = ", ".join(f"{p.name} ({p.role.value})" for p in ov.participants)
    counts = ", ".join(f"{n} {k}" for k, n in ov.counts.items())
    text = "\n".join(
        line
        for line in (
            f"Session {s.id}: {s.title}",
            f"Challenge: {s.challenge}",
            f"Intent: {s.intent}" if s.intent else "",
            f"Values: {s.values}" if s.values else "",
            f"Phase: {s.phase.value}   Language: {s.language.value}",
            f"Ideas: {counts}",
            f"People: {people}",
        )
        if line
    )
    _emit(out, a, data, text)


def _session_update(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    s = ws.sessions.update(
        a.session, title=a.title, challenge=a.challenge, intent=a.intent, values=a.values,
        language=a.language,
    )  # fmt: skip
    _emit(out, a, session_json(s), f"Updated session {s.id}: {s.title} ({s.language.value})")


def _session_phase(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    s = ws.sessions.set_phase(a.session, a.phase)
    _emit(out, a, session_json(s), f"Session {s.id} is now in the {s.phase.value} phase.")


def _session_delete(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    s = ws.sessions.get(a.session)
    if not a.yes:
        if not sys.stdin.isatty():
            raise InvalidInput(
                tr("Deleting session {session_id} needs confirmation: add --yes.", session_id=s.id)
            )
        answer = input(f"Delete session {s.id} '{s.title}' and all its ideas? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            _emit(out, a, {"deleted": False}, "Nothing deleted.")
            return
    ws.sessions.delete(s.id)
    _emit(out, a, {"deleted": True, "id": s.id}, f"Deleted session {s.id}: {s.title}")


def _idea_add(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    texts: list[str] = []
    for t in a.texts:
        if t == "-":
            texts.extend(line for line in sys.stdin.read().splitlines() if line.strip())
        else:
            texts.append(t)
    if not texts:
        raise InvalidInput(tr("No ideas given: standard input was empty."))
    ideas = ws.ideas.add_many(a.session, texts)
    _emit(out, a, [idea_json(i) for i in ideas], "\n".join(f"Added {_idea_line(i)}" for i in ideas))


def _idea_list(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    statuses = None if a.all else [IdeaStatus(s) for s in (a.status or ["active", "shortlisted"])]
    origins = [Origin(o) for o in a.origin] if a.origin else None
    ideas = ws.ideas.list(a.session, statuses=statuses, origins=origins, search=a.search)
    _emit(
        out,
        a,
        [idea_json(i) for i in ideas],
        "\n".join(_idea_line(i) for i in ideas) or "No ideas match.",
    )


def _idea_prune(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    ws.ideas.prune(a.idea, a.reason)
    i = ws.ideas.get(a.idea)
    _emit(out, a, idea_json(i), f"Pruned {_idea_line(i)}")


def _idea_restore(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    ws.ideas.restore(a.idea)
    i = ws.ideas.get(a.idea)
    _emit(out, a, idea_json(i), f"Restored {_idea_line(i)}")


def _idea_shortlist(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    ws.ideas.shortlist(a.idea)
    i = ws.ideas.get(a.idea)
    _emit(out, a, idea_json(i), f"Shortlisted {_idea_line(i)}")


def _models_list(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    infos = ws.models.available()
    device = ws.models.device()
    data = {
        "device": {"device": device.device, "reason": device.reason},
        "models": [
            {"name": m.name, "title": m.title, "builtin": m.builtin, "active": m.active,
             "languages": list(m.languages), "states": m.states, "note": m.note}
            for m in infos
        ],
    }  # fmt: skip
    lines = [f"Device: {device.reason}"]
    for m in infos:
        lines.append(f"{'*' if m.active else ' '} {m.name:<16} {m.state_text:<28} {m.title}")
    _emit(out, a, data, "\n".join(lines))


class _Bar:
    """A one-line progress bar on stderr (only when it is a terminal, else plain lines)."""

    def __init__(self, label: str) -> None:
        self.label, self.tty, self.last, self.start = (
            label,
            sys.stderr.isatty(),
            0.0,
            time.monotonic(),
        )

    def __call__(self, done: int, total: int | None, message: str) -> None:
        now = time.monotonic()
        if now - self.last < (0.2 if self.tty else 5.0) and (total is None or done < total):
            return
        self.last = now
        elapsed = now - self.start
        if total:
            frac = min(1.0, done / total)
            bar = "#" * int(30 * frac) + "." * (30 - int(30 * frac))
            eta = f", ~{elapsed / frac - elapsed:.0f} s left" if 0.02 < frac < 1 else ""
            line = f"{self.label} [{bar}] {100 * frac:3.0f}% {message} ({elapsed:.0f} s{eta})"
        else:
            line = f"{self.label} {message} ({elapsed:.0f} s)"
        sys.stderr.write(("\r" + line[:120].ljust(120)) if self.tty else line + "\n")
        sys.stderr.flush()

    def close(self) -> None:
        if self.tty:
            sys.stderr.write("\n")


def _with_bar(label: str, work: Callable[[Progress, CancelToken], T]) -> T:
    """Run long work with a progress bar on stderr; Ctrl-C cancels it cleanly."""
    bar = _Bar(label)
    try:
        return work(bar, _interrupt_token())
    finally:
        bar.close()


def _install_model(
    a: argparse.Namespace, out: TextIO, label: str, work: Callable[..., Any], done: str
) -> None:
    """A model install with a progress bar and Ctrl-C; ``done`` may use {name}, {target}, {path}."""
    m = _with_bar(label, work)
    info = {"name": m.name, "target": m.target, "path": str(m.path)}
    _emit(out, a, info, done.format(**(info | {"target": m.target.upper()})))


def _models_prepare(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    def work(bar: Progress, token: CancelToken) -> Any:
        return ws.models.prepare(a.name, a.target, bar, token)

    _install_model(a, out, "Preparing", work, "{name} is ready for {target} in {path}")


def _models_import(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    def work(bar: Progress, token: CancelToken) -> Any:
        return ws.models.import_model(a.path, a.name, bar, token)

    _install_model(
        a, out, "Importing", work, "Imported {name} into {path}. Use it with: models use {name}"
    )


def _models_use(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    name = ws.models.use(a.name)
    _emit(out, a, {"active": name}, f"{name} is now the active model.")


def _models_remove(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    removed = ws.models.remove(a.name)
    _emit(out, a, {"removed": [str(p) for p in removed]}, f"Removed {a.name}.")


LANGUAGE_NAMES = {"en": "English", "zh-TW": "Traditional Chinese", "mixed": "Chinese and English"}


def _models_catalogue(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    models = ws.models
    hw = models.hardware()
    # A mixed session needs a model that writes Chinese (ModelService.check_language); the
    # catalogue lists the languages a model writes, and "mixed" is none of them.
    fits, best = models.assess("zh-TW" if a.language == "mixed" else a.language, hw)
    ready = {(m.name, t) for m in models.available() for t, s in m.states.items() if s == "ready"}
    accepted = {f.entry.id: models.licence_accepted(f.entry) for f in fits}
    best_id = best.entry.id if best is not None else None
    why = _recommendation(fits, best, a.language)
    hardware = {
        "total_memory_gb": hw.total_memory_gb, "available_memory_gb": hw.available_memory_gb,
        "free_disk_gb": hw.free_disk_gb, "model_dir": str(models.model_dir), "gpu": hw.gpu,
        "gpu_note": hw.gpu_note, "vram_gb": hw.vram_gb, "cpu_count": hw.cpu_count,
    }  # fmt: skip
    entries = []
    for f in fits:
        e = f.entry
        entries.append({
            "id": e.id, "model": e.model, "title": e.title, "family": e.family,
            "parameters": e.parameters, "languages": list(e.languages), "format": e.format,
            "quantisation": e.quantisation, "target": e.target,
            "download_size": e.download_size, "memory_gb": e.memory_gb,
            "convert_memory_gb": e.convert_memory_gb, "disk_gb": e.disk_gb,
            "licence": {"name": e.licence.name, "url": e.licence.url,
                        "requires_acceptance": e.licence.requires_acceptance,
                        "gated": e.licence.gated, "accepted": accepted[e.id]},
            "builtin": e.builtin, "verified": e.verified,
            "installed": (e.model, e.target) in ready, "recommended": e.id == best_id,
            "fits": f.fits, "codes": list(f.codes), "reasons": list(f.reasons),
            "warnings": list(f.warnings), "ideas_per_min": f.ideas_per_min,
            "speed_estimated": f.speed_estimated, "speed_basis": f.speed_basis,
            "source": {"repository": e.source.repository, "revision": e.source.revision},
        })  # fmt: skip
    data = {"language": a.language, "hardware": hardware, "recommended": best_id,
            "recommendation": why, "models": entries}  # fmt: skip

    gpu = f"GPU: {hw.gpu_note}" + (f", {hw.vram_gb:.0f} GB" if hw.vram_gb else "")
    if not hw.gpu:
        gpu = f"no GPU ({hw.gpu_note})"
    lines = [
        f"This computer: memory {gb_text(hw.total_memory_gb)} "
        f"({gb_text(hw.available_memory_gb)} free now), {gb_text(hw.free_disk_gb)} free disk at "
        f"{models.model_dir}, {gpu}",
        "",
    ]
    shown = sorted(fits, key=lambda f: not f.fits) if a.all else [f for f in fits if f.fits]
    header = ("ID", "PARAMS", "LANGUAGES", "TARGET", "DOWNLOAD", "MEMORY", "IDEAS/MIN",
              "INSTALLED", "FITS")  # fmt: skip
    rows = [header]
    notes = []
    for f in shown:
        e = f.entry
        speed = "?" if f.ideas_per_min is None else f"{f.ideas_per_min:.0f}"
        rows.append((
            ("* " if e.id == best_id else "  ") + e.id, f"{e.parameters:g}B",
            ",".join(e.languages), e.target, size_text(e.download_size),
            f"{e.memory_gb:.1f} GB", ("~" if f.speed_estimated and f.ideas_per_min else "")
            + speed, "yes" if (e.model, e.target) in ready else "no", "yes" if f.fits else "no",
        ))  # fmt: skip
        licence = e.licence.name
        if e.licence.requires_acceptance:
            licence += " (accepted)" if accepted[e.id] else " (accept first)"
        if e.licence.gated:
            licence += " (gated: needs HF_TOKEN)"
        detail = [e.title, f"licence {licence}"]
        if not f.fits:
            detail.append("does not fit: " + f.reason)
        detail += f.warnings
        notes.append("      " + " · ".join(detail))
    rows[0] = ("  " + rows[0][0], *rows[0][1:])
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    right = {1, 4, 5, 6}

    def row_text(r: Sequence[str]) -> str:
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in
                 enumerate(zip(r, widths, strict=True))]  # fmt: skip
        return "  ".join(cells).rstrip()

    lines.append(row_text(rows[0]))
    for r, note in zip(rows[1:], notes, strict=True):
        lines += [row_text(r), note]
    hidden = len(fits) - len(shown)
    if hidden:
        lines.append(f"  ({hidden} more do not fit this computer; --all lists them with why)")
    lines += ["", "~ estimated, not measured for this model. Download one with: models download ID"]
    name = LANGUAGE_NAMES.get(a.language, a.language)
    if best is not None:
        lines.append(f"Recommended for {name}: {best_id} — {why}")
    else:
        lines.append(f"None fits this computer for {name}: {why}")
    _emit(out, a, data, "\n".join(lines))


def _recommendation(fits: Sequence[Any], best: Any, language: str) -> str:
    """Why the recommended entry was chosen, or why none fits (English, like the table)."""
    wanted = "zh-TW" if language == "mixed" else language
    name = LANGUAGE_NAMES.get(language, language)
    if best is not None:
        e = best.entry
        speed = ""
        if best.ideas_per_min is not None:
            estimated = " estimated" if best.speed_estimated else ""
            speed = f", about {best.ideas_per_min:.0f} ideas/min{estimated} on {e.target.upper()}"
        text = (f"the largest model that fits this computer and writes {name} "
                f"({e.parameters:g}B parameters{speed})")  # fmt: skip
        return "; ".join([text, *best.warnings])
    writers = [f for f in fits if wanted in f.entry.languages]
    if not writers:
        return f"no model in the catalogue writes {name}"
    small = min(writers, key=lambda f: (f.entry.target != "cpu", f.entry.memory_gb,
                                        f.entry.download_size))  # fmt: skip
    return f"even the smallest, {small.entry.id}, {small.reason}"


def _models_download(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    models = ws.models
    entry = models.catalogue_entry(a.id)
    if a.discard:
        kept = models.downloaded_bytes(entry.id)
        models.discard_download(entry.id)
        text = (f"Deleted the partial download of {entry.id} ({size_text(kept)})." if kept
                else f"No partial download of {entry.id} to delete.")  # fmt: skip
        _emit(out, a, {"id": entry.id, "discarded_bytes": kept}, text)
        return
    accept = bool(a.accept_licence)
    if not accept and not models.licence_accepted(entry):
        print(f"{entry.title} comes under the {entry.licence.name}:\n  {entry.licence.url}",
              file=sys.stderr)  # fmt: skip
        if sys.stdin.isatty() and not getattr(a, "json", False):
            answer = input("Have you read it, and do you accept it? [y/N] ")
            accept = answer.strip().lower() in ("y", "yes")
        # Not accepted: the service refuses with the message saying how to accept it.
    if entry.licence.gated:
        print("Its repository is gated: HF_TOKEN must hold an access token of an account that "
              "was granted access.", file=sys.stderr)  # fmt: skip
    have = models.downloaded_bytes(entry.id)
    if have:
        print(f"Resuming: {size_text(have)} of {size_text(entry.download_size)} already "
              "downloaded.", file=sys.stderr)  # fmt: skip

    def work(bar: Progress, token: CancelToken) -> Any:
        # progress names files by their place in the model folder, without the repository's
        return models.download(entry.id, bar, token, accept_licence=accept)

    try:
        m = _with_bar("Downloading", work)
    except Cancelled:
        kept = models.downloaded_bytes(entry.id)
        print(tr("Download stopped. The {size} downloaded so far are kept: run the same command "
                 "to resume, or add --discard to delete them.", size=size_text(kept)),
              file=sys.stderr)  # fmt: skip
        raise KeyboardInterrupt from None
    info = {"id": entry.id, "name": m.name, "target": m.target, "path": str(m.path)}
    _emit(out, a, info, f"Installed {m.name} for {m.target.upper()} in {m.path}.\n"
          f"Use it with: models use {m.name}")  # fmt: skip


def _models_verify(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    checked = ws.models.verify(a.name)  # ModelCorrupt (exit 4) on a mismatch
    text = "\n".join(checked) or f"{a.name} is not prepared yet: nothing to check."
    _emit(out, a, {"name": a.name, "checked": checked}, text)


def _interrupt_token() -> CancelToken:
    """A cancel token that Ctrl-C sets: the first Ctrl-C stops cleanly and keeps the finished
    work; a second one interrupts at once."""
    token = CancelToken()
    if threading.current_thread() is threading.main_thread():

        def on_sigint(_sig: int, _frame: object) -> None:
            if token.cancelled:
                raise KeyboardInterrupt
            print(f"\n{PROG}: stopping (Ctrl-C again to abort)...", file=sys.stderr)
            token.cancel()

        signal.signal(signal.SIGINT, on_sigint)
    return token


def _generate(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    from ideaforge.services.diverge import DivergeRequest

    req = DivergeRequest(
        a.session, count=a.count, lenses=a.lens, model=a.model, seed=a.seed,
        temperature=a.temperature, top_p=a.top_p, max_tokens=a.max_tokens, batch_size=a.batch,
        list_size=a.per_sequence,
    )  # fmt: skip
    bar = _Bar("Generating")
    as_json = getattr(a, "json", False)

    def show(idea: Idea) -> None:
        if not as_json:
            if bar.tty:
                sys.stderr.write("\r" + " " * 120 + "\r")
            out.write(_idea_line(idea) + "\n")
            out.flush()

    token = _interrupt_token()
    try:
        result = ws.diverge.generate(req, on_idea=show, progress=bar, cancel=token)
    finally:
        bar.close()
    run = result.run
    rate = 60 * run.kept / run.seconds if run.seconds else 0.0
    rejected = ", ".join(f"{n} {k}" for k, n in sorted(run.rejected.items())) or "none"
    summary = (
        f"{run.status.capitalize()}: kept {run.kept} of {run.raw_outputs} outputs "
        f"({rate:.0f} ideas/min) in {run.seconds:.0f} s on {run.device.upper()}; "
        f"{run.prompt_tokens + run.generated_tokens:,} tokens; about {run.energy_wh:.2f} Wh "
        f"at an assumed {run.power_watts:.0f} W. Rejected: {rejected}. Seed {run.settings['seed']}."
    )
    data = {"run": _run_json(run), "ideas": [idea_json(i) for i in result.ideas]}
    if as_json:
        _emit(out, a, data, "")
    else:
        print(summary, file=sys.stderr)


def _short(text: str, width: int = 90) -> str:
    one = " ".join(text.split())
    return one if len(one) <= width else one[: width - 1] + "…"


def _group_json(g: Any) -> dict[str, Any]:
    return {
        "canonical": {"id": g.canonical.id, "text": g.canonical.text},
        "members": [{"id": m.id, "text": m.text, "similarity": s} for m, s in g.members],
    }


def _groups_text(groups: Sequence[Any], threshold: float) -> list[str]:
    if not groups:
        return [f"No near-duplicates at similarity >= {threshold:.2f}."]
    n = sum(len(g.members) for g in groups)
    lines = [f"{len(groups)} groups of near-duplicates ({n} ideas would merge) at similarity "
             f">= {threshold:.2f}:"]  # fmt: skip
    for g in groups:
        lines.append(f"  #{g.canonical.id} {_short(g.canonical.text)}")
        lines.extend(f"      = #{m.id} ({s:.2f}) {_short(m.text, 80)}" for m, s in g.members)
    return lines


def _themes_text(views: Sequence[Any], unthemed: Sequence[Idea], limit: int = 3) -> list[str]:
    lines = []
    for v in views:
        if not v.ideas:
            continue
        named = " (named by a person)" if v.theme.user_label else ""
        lines.append(f"Theme {v.theme.id}: {v.theme.label} — {len(v.ideas)} ideas{named}")
        lines.extend(f"    #{i.id} {_short(i.text, 84)}" for i in v.ideas[:limit])
        if len(v.ideas) > limit:
            lines.append(f"    … and {len(v.ideas) - limit} more")
    if unthemed:
        lines.append(f"No theme: {len(unthemed)} ideas")
    return lines or ["No themes yet: run 'analyze SESSION' or 'themes SESSION --recluster'."]


def _theme_json(v: Any) -> dict[str, Any]:
    return {
        "id": v.theme.id,
        "label": v.theme.label,
        "keywords": list(v.theme.keywords),
        "named_by_person": v.theme.user_label,
        "ideas": [i.id for i in v.ideas],
    }


def _metrics_lines(m: Any, label: str) -> list[str]:
    def pct(x: float | None) -> str:
        return "-" if x is None else f"{100 * x:.0f}%"

    def num(x: float | None) -> str:
        return "-" if x is None else f"{x:.3f}"

    sizes = ", ".join(str(s) for s in m.theme_sizes) or "-"
    return [
        f"{label}: {m.ideas} ideas; diversity {num(m.diversity)} (mean pairwise cosine "
        f"distance); unique after dedupe {pct(m.share_unique)}; mean novelty "
        f"{num(m.mean_novelty)}" + (f"; theme sizes {sizes}" if m.theme_sizes else "")
    ]


def _analyze(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    r = _with_bar(
        "Analysing",
        lambda bar, token: ws.analysis.analyze(
            a.session, a.threshold, bar, token, recluster=not a.keep_themes
        ),
    )
    data = {
        "session_id": r.session_id,
        "embedder": r.embedder,
        "threshold": r.threshold,
        "metrics": r.metrics.to_json(),
        "run_metrics": {k: v.to_json() for k, v in r.run_metrics.items()},
        "duplicate_groups": [_group_json(g) for g in r.groups],
        "themes": [_theme_json(v) for v in r.themes if v.ideas],
        "unthemed": [i.id for i in r.unthemed],
        "map": [
            {"idea_id": p.idea_id, "x": p.x, "y": p.y, "theme_id": p.theme_id} for p in r.points
        ],
        "novelty": r.novelty,
        "seconds": r.seconds,
    }
    lines = _metrics_lines(r.metrics, f"Session {r.session_id} ({r.embedder})")
    lines += [
        f"  {line}" for k, m in r.run_metrics.items() for line in _metrics_lines(m, f"run {k}")
    ]
    lines += ["", *_themes_text(r.themes, r.unthemed), "", *_groups_text(r.groups, r.threshold)]
    if a.map:
        lines += ["", "Map (x, y, theme):"]
        lines += [f"  #{p.idea_id} {p.x:+.3f} {p.y:+.3f} {p.theme_id or '-'}" for p in r.points]
    secs = ", ".join(f"{k} {v:.2f} s" for k, v in r.seconds.items())
    lines += ["", f"Took {secs}. Merge with: dedupe {r.session_id} --accept all (or IDs)."]
    _emit(out, a, data, "\n".join(lines))


def _dedupe(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    if a.split is not None:
        restored = ws.analysis.split(a.split)
        _emit(out, a, {"restored": [i.id for i in restored]},
              "Restored " + ", ".join(f"#{i.id}" for i in restored) + ".")  # fmt: skip
        return
    if a.distinct:
        added = ws.analysis.mark_distinct(*a.distinct)
        x, y = a.distinct
        _emit(out, a, {"distinct": [x, y], "added": added},
              f"#{x} and #{y} will not be suggested as duplicates"
              + ("." if added else " (already noted)."))  # fmt: skip
        return
    threshold = a.threshold if a.threshold is not None else ws.analysis.default_threshold(a.session)
    if a.accept:
        ids: list[int] | None = None
        if [x.lower() for x in a.accept] != ["all"]:
            ids = [_int(x, "--accept (idea ids or 'all')") for x in a.accept]
        merged = _with_bar(
            "Embedding",
            lambda bar, token: ws.analysis.accept(
                a.session, ids, threshold, exclude=a.exclude, progress=bar, cancel=token
            ),
        )
        n = sum(len(g.members) for g in merged)
        _emit(out, a, {"merged": [_group_json(g) for g in merged]},
              f"Merged {n} ideas into {len(merged)} canonical ideas. Undo one with: "
              f"dedupe {a.session} --split ID")  # fmt: skip
        return
    groups = _with_bar(
        "Embedding", lambda bar, token: ws.analysis.duplicates(a.session, threshold, bar, token)
    )
    _emit(out, a, {"threshold": threshold, "groups": [_group_json(g) for g in groups]},
          "\n".join(_groups_text(groups, threshold)))  # fmt: skip


def _themes(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    if a.rename:
        theme = ws.analysis.rename_theme(_int(a.rename[0], "THEME"), a.rename[1])
        _emit(out, a, {"id": theme.id, "label": theme.label}, f"Theme {theme.id}: {theme.label}")
        return
    if a.new:
        theme = ws.analysis.new_theme(a.session, a.new)
        _emit(out, a, {"id": theme.id, "label": theme.label},
              f"Created theme {theme.id}: {theme.label}")  # fmt: skip
        return
    if a.move:
        target = None if a.move[1].lower() == "none" else _int(a.move[1], "THEME")
        idea = ws.analysis.move(_int(a.move[0], "IDEA"), target)
        _emit(out, a, {"id": idea.id, "theme_id": idea.theme_id},
              f"#{idea.id} is in theme {idea.theme_id or 'none'} and stays there.")  # fmt: skip
        return
    if a.release is not None:
        idea = ws.analysis.release(a.release)
        _emit(out, a, {"id": idea.id}, f"#{idea.id} will be placed by re-clustering again.")
        return
    if a.recluster:
        views, unthemed = _with_bar(
            "Grouping", lambda bar, token: ws.analysis.recluster(a.session, bar, token)
        )
    else:
        views, unthemed = ws.analysis.themes(a.session)
    _emit(out, a, {"themes": [_theme_json(v) for v in views if v.ideas],
                   "unthemed": [i.id for i in unthemed]},
          "\n".join(_themes_text(views, unthemed)))  # fmt: skip


def _int(value: str, what: str) -> int:
    try:
        return int(value.lstrip("#"))
    except ValueError:
        raise InvalidInput(
            tr("{what} must be a number, not '{value}'.", what=what, value=value)
        ) from None


def _run_json(run: GenerationRun) -> dict[str, Any]:
    return {
        "id": run.id, "model": run.model, "device": run.device, "status": run.status,
        "message": run.message, "settings": run.settings, "requested": run.requested,
        "raw_outputs": run.raw_outputs, "kept": run.kept, "rejected": run.rejected,
        "prompt_tokens": run.prompt_tokens, "generated_tokens": run.generated_tokens,
        "seconds": round(run.seconds, 3), "power_watts": run.power_watts,
        "energy_wh": round(run.energy_wh, 4), "started_at": run.started_at.isoformat(),
        "rejected_samples": run.rejected_samples,
    }  # fmt: skip


def _runs(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    runs = ws.diverge.runs(a.session)
    lines = []
    for r in runs:
        lines.append(
            f"{r.started_at:%Y-%m-%d %H:%M} {r.status:<9} {r.model} on {r.device}: kept {r.kept}/"
            f"{r.raw_outputs}, {r.seconds:.0f} s, {r.generated_tokens:,} tokens, "
            f"{r.energy_wh:.2f} Wh; rejected {r.rejected or 'none'}"
        )
        if a.rejected:
            lines.extend(f"    [{s['reason']}] {s['text']}" for s in r.rejected_samples)
    _emit(out, a, [_run_json(r) for r in runs], "\n".join(lines) or "No generation runs yet.")


def _export(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    from pathlib import Path

    paths = ws.exports.export(a.session, a.fmt, Path(a.out).expanduser(), bom=a.bom)
    _emit(out, a, [str(p) for p in paths], "\n".join(f"Wrote {p}" for p in paths))


def _import(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    from pathlib import Path

    result = ws.exports.import_ideas(
        Path(a.path).expanduser(), session_id=a.session, challenge=a.challenge, fmt=a.fmt
    )
    data = {"session": result.session_id, "imported": result.imported,
            "encoding": result.encoding, "format": result.format}  # fmt: skip
    _emit(out, a, data, f"Imported {result.imported} ideas into session {result.session_id} "
                        f"(format {result.format}, encoding {result.encoding}).")  # fmt: skip


def _log_show(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    records = ws.decisions.list(a.session)
    later = {d.supersedes_id: d.seq for d in records if d.supersedes_id is not None}
    lines = []
    for d in records:
        status = f"superseded by {later[d.id]}" if d.id in later else d.status.value
        chosen = ", ".join(f"#{i}" for i in d.chosen) or "none"
        lines.append(f"{d.seq:>4}  {d.decided_on}  {status:<16} {d.title}  (chosen {chosen}; "
                     f"by {', '.join(d.deciders)}; sha256 {d.record_hash[:12]}…)")  # fmt: skip
    data = [
        {"id": d.id, "seq": d.seq, "title": d.title, "status": d.status.value,
         "superseded_by": later.get(d.id), "decided_on": d.decided_on.isoformat(),
         "deciders": list(d.deciders), "chosen": list(d.chosen), "options": list(d.options),
         "rationale": d.rationale, "risks": d.risks, "prev_hash": d.prev_hash,
         "record_hash": d.record_hash}
        for d in records
    ]  # fmt: skip
    _emit(out, a, data, "\n".join(lines) or "No decisions recorded yet.")


def _log_verify(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    from ideaforge.core.errors import LogTampered

    check = ws.decisions.verify(a.session)
    if not check.ok:
        raise LogTampered(check.message)
    data = {"ok": True, "records": check.records, "head": check.head, "message": check.message}
    text = check.message + (f"\nHead: sha256 {check.head}" if check.head else "")
    _emit(out, a, data, text)


def _history(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    ws.sessions.get(a.session)
    events = ws.history(a.session)
    lines = [
        f"{e.at:%Y-%m-%d %H:%M:%S}Z  {e.actor:<12} {e.action:<9} {e.entity} {e.entity_id or ''}"
        for e in events
    ]
    _emit(out, a, [_event_json(e) for e in events], "\n".join(lines))


def _workshop_text(st: Any) -> str:
    """A few lines of the room's status for the terminal."""
    state = st.state
    mode = "workshop" if state.hide_results else "solo (nothing hidden)"
    left = "no timer" if st.seconds_left is None else f"{int(st.seconds_left)} s left"
    lines = [
        f"Session {st.session.id}: {mode}; activity {state.activity or 'none'}; {left}",
        f"Votes {'revealed' if state.votes_visible else 'hidden'}, scores "
        f"{'revealed' if state.scores_visible else 'hidden'}; {state.vote_budget} dots each, "
        f"{state.votes_per_idea} per idea, {'anonymous' if state.anonymous_votes else 'named'}",
        f"{st.ideas_in_play} ideas in play, {st.private_ideas} private; "
        f"{st.voters} of {len(st.people)} have voted",
    ]
    for p in st.people:
        done = (" voted" if p.voted else "") + (f" {p.scored} scores" if p.scored else "")
        lines.append(f"  {p.participant.name:<16} {p.participant.role.value:<12}{done}")
    return "\n".join(lines)


def _workshop_json(st: Any) -> dict[str, Any]:
    from ideaforge.services.workshop import state_json

    return state_json(st.state) | {
        "session": st.session.id, "seconds_left": st.seconds_left,
        "ideas_in_play": st.ideas_in_play, "private_ideas": st.private_ideas,
        "people": [{"name": p.participant.name, "role": p.participant.role.value,
                    "voted": p.voted, "scores": p.scored, "private_ideas": p.private_ideas}
                   for p in st.people],
    }  # fmt: skip


def _workshop_status(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    st = ws.workshop.status(a.session)
    _emit(out, a, _workshop_json(st), _workshop_text(st))


def _workshop_start(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    ws.workshop.start(a.session, budget=a.budget, per_idea=a.per_idea, anonymous=not a.named)
    _workshop_status(ws, a, out)


def _workshop_activity(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    ws.workshop.set_activity(a.session, a.activity)
    _workshop_status(ws, a, out)


def _workshop_timer(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    w = ws.workshop
    if a.action in ("start", "add") and a.seconds is None:
        raise InvalidInput(tr("'timer {action}' needs a number of seconds.", action=a.action))
    {
        "start": lambda: w.start_timer(a.session, a.seconds),
        "add": lambda: w.add_time(a.session, a.seconds),
        "pause": lambda: w.pause_timer(a.session),
        "resume": lambda: w.resume_timer(a.session),
        "stop": lambda: w.clear_timer(a.session),
    }[a.action]()
    _workshop_status(ws, a, out)


def _workshop_reveal(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    ws.workshop.reveal(a.session, a.what, shown=not a.hide)
    _workshop_status(ws, a, out)


def _workshop_code(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    code = ws.workshop.join_code(a.session)
    _emit(out, a, {"session": a.session, "code": code}, code)


def _workshop_join(settings: Any, a: argparse.Namespace, out: TextIO) -> None:
    """Resolve a join code, open the database it names and join the session."""
    from dataclasses import replace

    from ideaforge.core.joincode import decode

    url, session_id = decode(a.code)
    ws = Workspace.open(replace(settings, db_url=url))
    try:
        me = ws.workshop.join(session_id)
        s = ws.sessions.get(session_id)
        text = (f"{me.name} joined session {s.id} '{s.title}' as {me.role.value}.\n"
                f"Use --db '{url}' (or IDEAFORGE_DB) for the other commands.")  # fmt: skip
        _emit(out, a, {"session": s.id, "db": url, "name": me.name, "role": me.role.value}, text)
    finally:
        ws.close()


def _workshop_role(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    p = ws.workshop.set_role(a.session, a.name, a.role)
    _emit(out, a, {"name": p.name, "role": p.role.value}, f"{p.name} is now {p.role.value}.")


def _vote(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    old = ws.scoring.vote(a.idea, a.dots)
    _emit(out, a, {"idea": a.idea, "dots": a.dots, "previous": old},
          f"Your dots on idea {a.idea}: {a.dots} (were {old}).")  # fmt: skip


def _criteria(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    if a.defaults:
        ws.scoring.ensure_defaults(a.session)
    if a.add:
        ws.scoring.add_criterion(
            a.session, a.add, weight=a.weight, scale_min=a.scale[0], scale_max=a.scale[1],
            higher_is_better=not a.lower_is_better,
        )  # fmt: skip
    found = ws.scoring.criteria(a.session)
    lines = [
        f"{c.id:>4}  {c.name}  (weight {c.weight:g}, {c.scale_min}-{c.scale_max}"
        f"{', lower is better' if not c.higher_is_better else ''})"
        for c in found
    ]
    data = [{"id": c.id, "name": c.name, "weight": c.weight, "scale_min": c.scale_min,
             "scale_max": c.scale_max, "higher_is_better": c.higher_is_better}
            for c in found]  # fmt: skip
    _emit(out, a, data, "\n".join(lines) or "No criteria yet; add one with --add or --defaults.")


def _score(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    idea = ws.ideas.get(a.idea)
    criteria = ws.scoring.criteria(idea.session_id)
    wanted = a.criterion.strip().lstrip("#")
    match = [c for c in criteria if str(c.id) == wanted or c.name.casefold() == wanted.casefold()]
    if not match:
        names = ", ".join(f"{c.id} {c.name}" for c in criteria) or "none"
        raise InvalidInput(
            tr("Session {session_id} has no criterion '{criterion}'. It has: {names}.",
               session_id=idea.session_id, criterion=a.criterion, names=names)
        )  # fmt: skip
    value = None if a.value.strip().lower() == "none" else _float(a.value, "The score")
    ws.scoring.score(idea.id, match[0].id, value)
    shown = "none" if value is None else f"{value:g}"
    _emit(out, a, {"idea": idea.id, "criterion": match[0].id, "value": value},
          f"#{idea.id} {match[0].name}: {shown}")  # fmt: skip


def _float(value: str, what: str) -> float:
    try:
        return float(value)
    except ValueError:
        raise InvalidInput(
            tr("{what} must be a number, not '{value}'.", what=what, value=value)
        ) from None


def _decide(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    from ideaforge.services.decisions import DecisionDraft

    options = a.options
    if options is None:
        options = [i.id for i in ws.ideas.list(a.session, statuses=[IdeaStatus.SHORTLISTED])]
    risks: dict[int, dict[str, dict[str, str]]] = {}
    for given in a.concern:
        idea, sep, rest = given.partition(":")
        key, eq, answer = rest.partition("=")
        answer, _, note = answer.partition(":")
        if not (sep and eq and idea.strip().lstrip("#").isdigit()):
            raise InvalidInput(
                tr("'{given}' is not IDEA:CONCERN=ANSWER[:NOTE], e.g. 3:privacy=mitigated:"
                   "no names are kept.", given=given)
            )  # fmt: skip
        idea_id = int(idea.strip().lstrip("#"))
        risks.setdefault(idea_id, {})[key.strip()] = {"answer": answer.strip(), "note": note}
    if a.no_concerns:
        for idea_id in a.chosen:
            for key in CONCERNS:
                risks.setdefault(idea_id, {}).setdefault(key, {"answer": "none", "note": ""})
    draft = DecisionDraft(
        session_id=a.session, title=a.title, options=options, chosen=a.chosen,
        deciders=a.decider or [ws.actor], rationale=a.rationale, risks=risks, values=a.values,
    )  # fmt: skip
    d = ws.decisions.record(draft)
    _emit(out, a, {"id": d.id, "seq": d.seq, "record_hash": d.record_hash},
          f"Recorded decision {d.seq}: {d.title} (sha256 {d.record_hash[:12]}…)")  # fmt: skip


def _info(settings: Any, a: argparse.Namespace, out: TextIO) -> None:
    data = {
        "version": __version__,
        "data_dir": str(settings.data_dir),
        "database": settings.db_url,
        "model_dir": str(settings.model_dir),
        "device": settings.device,
        "user": settings.user,
    }
    _emit(out, a, data, "\n".join(f"{k:<10} {v}" for k, v in data.items()))


def _backup(settings: Any, a: argparse.Namespace, out: TextIO) -> None:
    from ideaforge.services import backups

    if a.list:
        found = backups.list_backups(settings)
        data = [{"path": str(b.path), "size": b.size, "schema": b.revision,
                 "created": b.created.isoformat(timespec="seconds")} for b in found]  # fmt: skip
        lines = [f"{b.created:%Y-%m-%d %H:%M:%S} UTC  {size_text(b.size):>8}  schema "
                 f"{b.revision or '?'}  {b.path}" for b in found]  # fmt: skip
        _emit(out, a, data, "\n".join(lines) or "No backups yet.")
        return
    path = backups.back_up(settings, a.to)
    _emit(out, a, {"path": str(path)}, f"Backed up to {path}")


def _restore(settings: Any, a: argparse.Namespace, out: TextIO) -> None:
    from ideaforge.services import backups

    if not a.yes:
        if not sys.stdin.isatty():
            raise InvalidInput(tr("Restoring replaces the database; add --yes to confirm it."))
        answer = input(f"Replace the database with {a.file}? The current one is backed up "
                       "first. [y/N] ")  # fmt: skip
        if answer.strip().lower() not in ("y", "yes"):
            raise InvalidInput(tr("Not restored."))
    safety = backups.restore(settings, a.file)
    text = f"Restored {a.file}."
    if safety is not None:
        text += f" The database as it was is in {safety}."
    _emit(out, a, {"restored": a.file, "previous": str(safety) if safety else None}, text)


# --- entry point ------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    if hasattr(out, "reconfigure"):
        out.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    previous_sigint = signal.getsignal(signal.SIGINT)
    i18n.set_language(choose_language(os.environ.get(ENV_LANG), system_locale()))
    try:
        settings = load_settings(
            db=getattr(args, "db", None),
            data_dir=getattr(args, "data_dir", None),
            user=getattr(args, "user", None),
            device=getattr(args, "device", None),
            model_dir=getattr(args, "model_dir", None),
        )
        # The language the window was set to (Settings, --lang) unless IDEAFORGE_LANG says.
        saved = str(read_prefs(settings.data_dir).get("language", ""))
        i18n.set_language(choose_language(os.environ.get(ENV_LANG) or saved, system_locale()))
        if not getattr(args, "needs_store", True):
            args.handler(settings, args, out)
            return 0
        ws = Workspace.open(settings)
        try:
            args.handler(ws, args, out)
        finally:
            ws.close()
    except IdeaForgeError as error:
        print(tr("{program}: error: {message}", program=PROG, message=error), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print(tr("{program}: interrupted", program=PROG), file=sys.stderr)
        return 130
    except Cancelled:  # Ctrl-C in long work (prepare, import, analyse): it stopped cleanly
        print(tr("{program}: stopped; what was finished is kept", program=PROG), file=sys.stderr)
        return 130
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as other tools do
        if out is sys.stdout:
            with contextlib.suppress(OSError, ValueError):  # nothing more reaches it, not even
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # at exit
        return 141
    finally:
        if threading.current_thread() is threading.main_thread():
            signal.signal(signal.SIGINT, previous_sigint)
    return 0
