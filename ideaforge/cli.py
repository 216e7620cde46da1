"""Headless command line over the services layer: ``ideaforge-cli`` or ``python -m ideaforge``.

Exit codes: 0 done, 1 the request was refused (bad input, not found, not allowed),
2 usage error, 3 the database cannot be used, 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, TextIO

from ideaforge import __version__
from ideaforge.core.errors import IdeaForgeError, InvalidInput
from ideaforge.core.model import AuditEvent, Idea, IdeaStatus, Origin
from ideaforge.services.config import load_settings
from ideaforge.services.ideas import idea_json
from ideaforge.services.sessions import session_json
from ideaforge.services.workspace import Workspace

PROG = "ideaforge-cli"
Handler = Callable[[Workspace, argparse.Namespace, TextIO], Any]


def _common() -> argparse.ArgumentParser:
    # SUPPRESS lets the options stand before or after the subcommand without one hiding the other.
    p = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    p.add_argument("--db", metavar="URL", help="database URL or SQLite file (env IDEAFORGE_DB)")
    p.add_argument("--data-dir", metavar="DIR", help="data folder (env IDEAFORGE_DATA_DIR)")
    p.add_argument("--user", metavar="NAME", help="who is acting (env IDEAFORGE_USER)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
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
    p.set_defaults(handler=_session_new)
    p = ss.add_parser("list", parents=[common], help="list sessions, newest first")
    p.set_defaults(handler=_session_list)
    p = ss.add_parser("show", parents=[common], help="show one session")
    p.add_argument("session", type=int)
    p.set_defaults(handler=_session_show)
    p = ss.add_parser("update", parents=[common], help="change title, challenge, intent or values")
    p.add_argument("session", type=int)
    for name in ("title", "challenge", "intent", "values"):
        p.add_argument(f"--{name}")
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

    p = top.add_parser("history", parents=[common], help="the audit log of a session")
    p.add_argument("session", type=int)
    p.set_defaults(handler=_history)
    p = top.add_parser("info", parents=[common], help="where data lives and which versions run")
    p.set_defaults(handler=_info, needs_store=False)
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
    s = ws.sessions.new(a.challenge, title=a.title, intent=a.intent, values=a.values)
    _emit(out, a, session_json(s), f"Created session {s.id}: {s.title}")


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
        a.session, title=a.title, challenge=a.challenge, intent=a.intent, values=a.values
    )
    _emit(out, a, session_json(s), f"Updated session {s.id}: {s.title}")


def _session_phase(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    s = ws.sessions.set_phase(a.session, a.phase)
    _emit(out, a, session_json(s), f"Session {s.id} is now in the {s.phase.value} phase.")


def _session_delete(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    s = ws.sessions.get(a.session)
    if not a.yes:
        if not sys.stdin.isatty():
            raise InvalidInput(f"Deleting session {s.id} needs confirmation: add --yes.")
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
        raise InvalidInput("No ideas given: standard input was empty.")
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


def _history(ws: Workspace, a: argparse.Namespace, out: TextIO) -> None:
    ws.sessions.get(a.session)
    events = ws.history(a.session)
    lines = [
        f"{e.at:%Y-%m-%d %H:%M:%S}Z  {e.actor:<12} {e.action:<9} {e.entity} {e.entity_id or ''}"
        for e in events
    ]
    _emit(out, a, [_event_json(e) for e in events], "\n".join(lines))


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


# --- entry point ------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    if hasattr(out, "reconfigure"):
        out.reconfigure(errors="backslashreplace")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        settings = load_settings(
            db=getattr(args, "db", None),
            data_dir=getattr(args, "data_dir", None),
            user=getattr(args, "user", None),
        )
        if not getattr(args, "needs_store", True):
            _info(settings, args, out)
            return 0
        ws = Workspace.open(settings)
        try:
            args.handler(ws, args, out)
        finally:
            ws.close()
    except IdeaForgeError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    return 0
