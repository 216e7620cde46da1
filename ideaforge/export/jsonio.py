"""JSON writer and reader: a whole session in a documented, versioned format.

The file is one object::

    {
      "format": "ideaforge-session",      always this string
      "version": 1,                       this schema's version; readers refuse newer ones
      "app_version": "0.1.0",             the IdeaForge that wrote it
      "exported_at": "2025-...+00:00",    ISO 8601 date-time
      "session": {id, title, challenge, intent, values, phase, language, created_at,
                  updated_at},
      "participants": [{id, name, role, created_at}],          names are unique per session
      "themes": [{id, label, keywords: [str], user_label}],
      "criteria": [{id, name, weight, scale_min, scale_max, higher_is_better}],
      "ideas": [{id, text, origin (human|model|imported), author (participant name or null),
                 provenance ({model, lens, settings, seed, run_id} or null), status
                 (active|pruned|merged|shortlisted), prune_reason, merged_into (idea id or
                 null), theme (theme id or null), theme_pinned, language, created_at,
                 updated_at}],
      "scores": [{idea, criterion, participant (name), value}],
      "votes": [{idea, participant (name), dots}],
      "decisions": [{id, seq, title, status, decided_on (YYYY-MM-DD), deciders, consulted,
                     informed, context, drivers, options (idea ids), chosen (idea ids),
                     outcome, rationale, consequences_good, consequences_bad, confirmation,
                     values, risks ({idea id: {concern: {answer, note}}}), option_details
                     ([{idea_id, text, origin, source, score, coverage, votes}]), supersedes
                     (decision id or null), created_at, record_hash}],
      "runs": [{id, model, device, settings, status, message, requested, raw_outputs, kept,
                rejected, rejected_samples, prompt_tokens, generated_tokens, seconds,
                power_watts, energy_wh, started_at, finished_at}]
    }

Ids are the ones in the database that was exported; every reference (merged_into, theme,
options, chosen, supersedes, risks' keys) uses them, and an import maps them to new ids.
Map positions are not included: they are derived from embeddings and recomputed.
``SCHEMA`` is the JSON Schema (draft 2020-12) of the format; ``load`` checks the same rules
and names the path of the first problem, e.g. ``ideas[12].text: missing``.
"""

from __future__ import annotations

import contextlib
import json
import math
from datetime import date, datetime
from typing import Any

from ideaforge.core.errors import InvalidInput
from ideaforge.core.i18n import N_, tr
from ideaforge.core.model import (
    Criterion,
    Decision,
    DecisionStatus,
    GenerationRun,
    Idea,
    IdeaStatus,
    Language,
    Origin,
    Participant,
    Phase,
    Provenance,
    Role,
    Score,
    Session,
    Theme,
    Vote,
)
from ideaforge.core.text import MAX_IDEA_CHARS, clean_text
from ideaforge.export.snapshot import SessionSnapshot

FORMAT = "ideaforge-session"
VERSION = 1

# Field specs: name -> (kind, required, max length or enum values). One source for SCHEMA and
# for load's checks. Kinds: str, int, num, bool, datetime, date, strs, ints, object, any, and
# "?kind" for "or null".
Spec = tuple[str, bool, Any]
_FIELDS: dict[str, dict[str, Spec]] = {
    "session": {
        "id": ("int", True, None),
        "title": ("str", True, 200),
        "challenge": ("str", True, 20_000),
        "intent": ("str", False, 20_000),
        "values": ("str", False, 20_000),
        "phase": ("str", False, [p.value for p in Phase]),
        "language": ("str", False, [lang.value for lang in Language]),
        "created_at": ("datetime", False, None),
        "updated_at": ("datetime", False, None),
    },
    "participants": {
        "id": ("int", True, None),
        "name": ("str", True, 100),
        "role": ("str", False, [r.value for r in Role]),
        "created_at": ("datetime", False, None),
    },
    "themes": {
        "id": ("int", True, None),
        "label": ("str", True, 200),
        "keywords": ("strs", False, None),
        "user_label": ("bool", False, None),
    },
    "criteria": {
        "id": ("int", True, None),
        "name": ("str", True, 100),
        "weight": ("num", False, None),
        "scale_min": ("int", False, None),
        "scale_max": ("int", False, None),
        "higher_is_better": ("bool", False, None),
    },
    "ideas": {
        "id": ("int", True, None),
        "text": ("str", True, None),
        "origin": ("str", False, [o.value for o in Origin]),
        "author": ("?str", False, 100),
        "provenance": ("?object", False, None),
        "status": ("str", False, [s.value for s in IdeaStatus]),
        "prune_reason": ("str", False, 20_000),
        "merged_into": ("?int", False, None),
        "theme": ("?int", False, None),
        "theme_pinned": ("bool", False, None),
        "language": ("str", False, [lang.value for lang in Language]),
        "created_at": ("datetime", False, None),
        "updated_at": ("datetime", False, None),
    },
    "scores": {
        "idea": ("int", True, None),
        "criterion": ("int", True, None),
        "participant": ("str", True, 100),
        "value": ("num", True, None),
    },
    "votes": {
        "idea": ("int", True, None),
        "participant": ("str", True, 100),
        "dots": ("int", True, None),
    },
    "decisions": {
        "id": ("int", True, None),
        "seq": ("int", False, None),
        "title": ("str", True, 300),
        "status": ("str", False, [s.value for s in DecisionStatus]),
        "decided_on": ("date", False, None),
        "deciders": ("strs", False, None),
        "consulted": ("strs", False, None),
        "informed": ("strs", False, None),
        "context": ("str", False, None),
        "drivers": ("strs", False, None),
        "options": ("ints", False, None),
        "chosen": ("ints", False, None),
        "outcome": ("str", False, None),
        "rationale": ("str", False, None),
        "consequences_good": ("strs", False, None),
        "consequences_bad": ("strs", False, None),
        "confirmation": ("str", False, None),
        "values": ("str", False, None),
        "risks": ("object", False, None),
        "option_details": ("objects", False, None),
        "supersedes": ("?int", False, None),
        "created_at": ("datetime", False, None),
        "record_hash": ("str", False, None),
    },
    "runs": {
        "id": ("str", True, 32),
        "model": ("str", True, 200),
        "device": ("str", False, 20),
        "settings": ("object", False, None),
        "status": ("str", False, 20),
        "message": ("str", False, None),
        "requested": ("int", False, None),
        "raw_outputs": ("int", False, None),
        "kept": ("int", False, None),
        "rejected": ("object", False, None),
        "rejected_samples": ("objects", False, None),
        "prompt_tokens": ("int", False, None),
        "generated_tokens": ("int", False, None),
        "seconds": ("num", False, None),
        "power_watts": ("num", False, None),
        "energy_wh": ("num", False, None),
        "started_at": ("datetime", False, None),
        "finished_at": ("?datetime", False, None),
    },
}
_LISTS = ("participants", "themes", "criteria", "ideas", "scores", "votes", "decisions", "runs")


def _schema_of(kind: str, extra: Any) -> dict[str, Any]:
    nullable = kind.startswith("?")
    kinds: dict[str, dict[str, Any]] = {
        "str": {"type": "string"},
        "int": {"type": "integer"},
        "num": {"type": "number"},
        "bool": {"type": "boolean"},
        "datetime": {"type": "string", "format": "date-time"},
        "date": {"type": "string", "format": "date"},
        "strs": {"type": "array", "items": {"type": "string"}},
        "ints": {"type": "array", "items": {"type": "integer"}},
        "object": {"type": "object"},
        "objects": {"type": "array", "items": {"type": "object"}},
    }
    base = kinds[kind.lstrip("?")]
    if isinstance(extra, list):
        base = base | {"enum": extra}
    elif isinstance(extra, int):
        base = base | {"maxLength": extra}
    if nullable:
        return {"anyOf": [base, {"type": "null"}]}
    return base


def _object_schema(fields: dict[str, Spec]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {name: _schema_of(k, extra) for name, (k, _, extra) in fields.items()},
        "required": [name for name, (_, req, _) in fields.items() if req],
    }


SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://ideaforge.invalid/schemas/session-v1.json",
    "title": "IdeaForge session",
    "type": "object",
    "required": ["format", "version", "session", "ideas"],
    "properties": {
        "format": {"const": FORMAT},
        "version": {"const": VERSION},
        "app_version": {"type": "string"},
        "exported_at": {"type": "string", "format": "date-time"},
        "session": _object_schema(_FIELDS["session"]),
        **{name: {"type": "array", "items": _object_schema(_FIELDS[name])} for name in _LISTS},
    },
}


# ---- writing -------------------------------------------------------------------------------


def _iso(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def to_json(snapshot: SessionSnapshot) -> dict[str, Any]:
    """The document as Python data (what ``dump`` serialises)."""
    s = snapshot.session
    names = {p.id: p.name for p in snapshot.participants}
    return {
        "format": FORMAT,
        "version": VERSION,
        "app_version": snapshot.app_version,
        "exported_at": _iso(snapshot.exported_at),
        "session": {
            "id": s.id, "title": s.title, "challenge": s.challenge, "intent": s.intent,
            "values": s.values, "phase": s.phase.value, "language": s.language.value,
            "created_at": _iso(s.created_at), "updated_at": _iso(s.updated_at),
        },
        "participants": [
            {"id": p.id, "name": p.name, "role": p.role.value, "created_at": _iso(p.created_at)}
            for p in snapshot.participants
        ],
        "themes": [
            {"id": t.id, "label": t.label, "keywords": list(t.keywords),
             "user_label": t.user_label}
            for t in snapshot.themes
        ],
        "criteria": [
            {"id": c.id, "name": c.name, "weight": c.weight, "scale_min": c.scale_min,
             "scale_max": c.scale_max, "higher_is_better": c.higher_is_better}
            for c in snapshot.criteria
        ],
        "ideas": [
            {
                "id": i.id, "text": i.text, "origin": i.origin.value,
                "author": names.get(i.author_id) if i.author_id is not None else None,
                "provenance": i.provenance.to_json() if i.provenance else None,
                "status": i.status.value, "prune_reason": i.prune_reason,
                "merged_into": i.merged_into_id, "theme": i.theme_id,
                "theme_pinned": i.theme_pinned, "language": i.language.value,
                "created_at": _iso(i.created_at), "updated_at": _iso(i.updated_at),
            }
            for i in snapshot.ideas
        ],
        "scores": [
            {"idea": sc.idea_id, "criterion": sc.criterion_id,
             "participant": names.get(sc.participant_id, ""), "value": sc.value}
            for sc in snapshot.scores
        ],
        "votes": [
            {"idea": v.idea_id, "participant": names.get(v.participant_id, ""), "dots": v.dots}
            for v in snapshot.votes
        ],
        "decisions": [_decision_json(d) for d in snapshot.decisions],
        "runs": [_run_json(r) for r in snapshot.runs],
    }  # fmt: skip


def _decision_json(d: Decision) -> dict[str, Any]:
    return {
        "id": d.id, "seq": d.seq, "title": d.title, "status": d.status.value,
        "decided_on": d.decided_on.isoformat(), "deciders": list(d.deciders),
        "consulted": list(d.consulted), "informed": list(d.informed), "context": d.context,
        "drivers": list(d.drivers), "options": list(d.options), "chosen": list(d.chosen),
        "outcome": d.outcome, "rationale": d.rationale,
        "consequences_good": list(d.consequences_good),
        "consequences_bad": list(d.consequences_bad), "confirmation": d.confirmation,
        "values": d.values, "risks": d.risks, "option_details": [dict(o) for o in d.option_details],
        "supersedes": d.supersedes_id, "created_at": _iso(d.created_at),
        "record_hash": d.record_hash,
    }  # fmt: skip


def _run_json(r: GenerationRun) -> dict[str, Any]:
    return {
        "id": r.id, "model": r.model, "device": r.device, "settings": r.settings,
        "status": r.status, "message": r.message, "requested": r.requested,
        "raw_outputs": r.raw_outputs, "kept": r.kept, "rejected": r.rejected,
        "rejected_samples": r.rejected_samples, "prompt_tokens": r.prompt_tokens,
        "generated_tokens": r.generated_tokens, "seconds": r.seconds,
        "power_watts": r.power_watts, "energy_wh": r.energy_wh,
        "started_at": _iso(r.started_at), "finished_at": _iso(r.finished_at),
    }  # fmt: skip


def dump(snapshot: SessionSnapshot, *, indent: int | None = 1) -> str:
    return json.dumps(to_json(snapshot), ensure_ascii=False, indent=indent) + "\n"


# ---- reading -------------------------------------------------------------------------------


def _fail(path: str, problem: str) -> InvalidInput:
    return InvalidInput(
        tr("{path}: {problem} (not a valid IdeaForge session file)", path=path, problem=problem)
    )


_TYPE_NAMES = {
    "str": "a string", "int": "an integer", "num": "a number", "bool": "true or false",
    "datetime": "a date-time", "date": "a date (YYYY-MM-DD)", "strs": "a list of strings",
    "ints": "a list of integers", "object": "an object", "objects": "a list of objects",
}  # fmt: skip


def _check_value(path: str, value: Any, kind: str, extra: Any) -> Any:
    if kind.startswith("?"):
        if value is None:
            return None
        kind = kind[1:]
    want = _TYPE_NAMES[kind]
    ok: bool
    if kind in ("str", "datetime", "date"):
        ok = isinstance(value, str)
    elif kind == "int":
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif kind == "num":
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        ok = ok and math.isfinite(value)
    elif kind == "bool":
        ok = isinstance(value, bool)
    elif kind == "strs":
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
    elif kind == "ints":
        ok = isinstance(value, list) and all(
            isinstance(v, int) and not isinstance(v, bool) for v in value
        )
    elif kind == "object":
        ok = isinstance(value, dict)
    else:  # objects
        ok = isinstance(value, list) and all(isinstance(v, dict) for v in value)
    if not ok:
        raise _fail(
            path,
            tr(
                "should be {want}, not {value}",
                want=want,
                value=json.dumps(value, ensure_ascii=False)[:40],
            ),
        )
    if kind == "datetime":
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            raise _fail(
                path, tr("'{value}' is not an ISO 8601 date-time", value=value[:40])
            ) from None
    if kind == "date":
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise _fail(
                path, tr("'{value}' is not a date (YYYY-MM-DD)", value=value[:40])
            ) from None
    if isinstance(extra, list) and value not in extra:
        raise _fail(
            path,
            tr(
                "'{value}' is not one of {options}",
                value=str(value)[:40],
                options=", ".join(extra),
            ),
        )
    if isinstance(extra, int) and len(value) > extra:
        raise _fail(path, tr("longer than {extra:,} characters", extra=extra))
    return value


def _check_object(path: str, obj: Any, section: str) -> dict[str, Any]:
    if not isinstance(obj, dict):
        raise _fail(path, tr("should be an object"))
    out: dict[str, Any] = {}
    for name, (kind, required, extra) in _FIELDS[section].items():
        if name not in obj:
            if required:
                raise _fail(f"{path}.{name}", tr("missing"))
            continue
        out[name] = _check_value(f"{path}.{name}", obj[name], kind, extra)
    return out


def _unique(path: str, items: list[dict[str, Any]], key: str) -> dict[Any, int]:
    seen: dict[Any, int] = {}
    for n, item in enumerate(items):
        if item[key] in seen:
            raise _fail(f"{path}[{n}].{key}", tr("{item_key!r} appears twice", item_key=item[key]))
        seen[item[key]] = n
    return seen


def _ref(path: str, value: Any, known: dict[Any, int] | set[Any], what: str) -> None:
    if value is not None and value not in known:
        raise _fail(path, tr("no {what} {value!r} in the file", what=tr(what), value=value))


def load(text: str) -> SessionSnapshot:
    """Parse and check a session file; the snapshot keeps the file's ids."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            tr(
                "The file is not valid JSON: line {lineno}, column {colno}: {msg}.",
                lineno=error.lineno,
                colno=error.colno,
                msg=error.msg,
            )
        ) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise InvalidInput(tr("The file is JSON but not an IdeaForge session (format is missing)."))
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise _fail("version", "missing" if version is None else "should be an integer")
    if version > VERSION:
        raise InvalidInput(
            tr(
                "The file is in version {version} of the session format; this "
                "IdeaForge reads up to version {VERSION}. Update IdeaForge to import "
                "it.",
                version=version,
                VERSION=VERSION,
            )
        )
    if "session" not in doc:
        raise _fail("session", tr("missing"))
    sess = _check_object("session", doc["session"], "session")
    lists: dict[str, list[dict[str, Any]]] = {}
    for name in _LISTS:
        raw = doc.get(name, [])
        if name == "ideas" and "ideas" not in doc:
            raise _fail("ideas", tr("missing"))
        if not isinstance(raw, list):
            raise _fail(name, tr("should be a list"))
        lists[name] = [_check_object(f"{name}[{n}]", v, name) for n, v in enumerate(raw)]

    people = _unique("participants", lists["participants"], "name")
    _unique("participants", lists["participants"], "id")
    pid = {p["name"]: p["id"] for p in lists["participants"]}
    themes = _unique("themes", lists["themes"], "id")
    criteria = _unique("criteria", lists["criteria"], "id")
    _unique("criteria", lists["criteria"], "name")
    ideas = _unique("ideas", lists["ideas"], "id")
    decisions = _unique("decisions", lists["decisions"], "id")
    _unique("runs", lists["runs"], "id")

    idea_objs = []
    for n, i in enumerate(lists["ideas"]):
        path = f"ideas[{n}]"
        cleaned = clean_text(i["text"])
        if not cleaned:
            raise _fail(f"{path}.text", tr("empty"))
        if len(cleaned) > MAX_IDEA_CHARS:
            raise _fail(
                f"{path}.text",
                tr("longer than {limit:,} characters", limit=MAX_IDEA_CHARS),
            )
        _ref(f"{path}.author", i.get("author"), people, N_("participant named"))
        _ref(f"{path}.merged_into", i.get("merged_into"), ideas, N_("idea with id"))
        _ref(f"{path}.theme", i.get("theme"), themes, N_("theme with id"))
        status = IdeaStatus(i.get("status", "active"))
        if status is IdeaStatus.MERGED and i.get("merged_into") is None:
            raise _fail(f"{path}.merged_into", tr("missing for a merged idea"))
        if i.get("merged_into") == i["id"]:
            raise _fail(f"{path}.merged_into", tr("an idea cannot be merged into itself"))
        origin = Origin(i.get("origin", "human"))
        prov = i.get("provenance")
        if prov is not None and not isinstance(prov.get("model"), str):
            raise _fail(f"{path}.provenance.model", tr("missing"))
        if origin is Origin.MODEL and prov is None:
            raise _fail(f"{path}.provenance", tr("missing for an idea written by a model"))
        extra: dict[str, Any] = {k: i[k] for k in ("created_at", "updated_at") if k in i}
        idea_objs.append(
            Idea(
                i["id"], sess["id"], cleaned, origin=origin,
                author_id=pid[i["author"]] if i.get("author") is not None else None,
                provenance=Provenance.from_json(prov), status=status,
                prune_reason=i.get("prune_reason", ""), merged_into_id=i.get("merged_into"),
                theme_id=i.get("theme"), language=Language(i.get("language", "en")),
                theme_pinned=i.get("theme_pinned", False), **extra,
            )
        )  # fmt: skip

    by_crit = {c["id"]: c for c in lists["criteria"]}
    for n, c in enumerate(lists["criteria"]):
        if c.get("scale_min", 1) >= c.get("scale_max", 5):
            raise _fail(f"criteria[{n}].scale_max", tr("must be above scale_min"))
        if c.get("weight", 1.0) <= 0:
            raise _fail(f"criteria[{n}].weight", tr("must be positive"))
    scores = []
    seen_scores: set[tuple[int, int, str]] = set()
    for n, sc in enumerate(lists["scores"]):
        path = f"scores[{n}]"
        _ref(f"{path}.idea", sc["idea"], ideas, N_("idea with id"))
        _ref(f"{path}.criterion", sc["criterion"], criteria, N_("criterion with id"))
        _ref(f"{path}.participant", sc["participant"], people, N_("participant named"))
        c = by_crit[sc["criterion"]]
        if not c.get("scale_min", 1) <= sc["value"] <= c.get("scale_max", 5):
            raise _fail(
                f"{path}.value",
                tr("{value} is outside the criterion's scale", value=sc["value"]),
            )
        key = (sc["idea"], sc["criterion"], sc["participant"])
        if key in seen_scores:
            raise _fail(path, tr("the same person scores the same idea twice on one criterion"))
        seen_scores.add(key)
        scores.append(Score(0, sc["idea"], pid[sc["participant"]], sc["criterion"], sc["value"]))
    votes = []
    seen_votes: set[tuple[int, str]] = set()
    for n, v in enumerate(lists["votes"]):
        path = f"votes[{n}]"
        _ref(f"{path}.idea", v["idea"], ideas, N_("idea with id"))
        _ref(f"{path}.participant", v["participant"], people, N_("participant named"))
        if v["dots"] < 1:
            raise _fail(f"{path}.dots", tr("must be at least 1"))
        if (v["idea"], v["participant"]) in seen_votes:
            raise _fail(path, tr("the same person votes on the same idea twice"))
        seen_votes.add((v["idea"], v["participant"]))
        votes.append(Vote(0, v["idea"], pid[v["participant"]], v["dots"]))

    decision_objs = []
    for n, d in enumerate(lists["decisions"]):
        path = f"decisions[{n}]"
        for field_name in ("options", "chosen"):
            for k, idea_id in enumerate(d.get(field_name, [])):
                _ref(f"{path}.{field_name}[{k}]", idea_id, ideas, N_("idea with id"))
        if not set(d.get("chosen", [])) <= set(d.get("options", [])):
            raise _fail(f"{path}.chosen", tr("the chosen ideas must be among the options"))
        for risk_key in d.get("risks", {}):
            if not risk_key.isdigit() or int(risk_key) not in ideas:
                raise _fail(
                    f"{path}.risks",
                    tr("no idea with id {risk_key!r} in the file", risk_key=risk_key),
                )
        for k, detail in enumerate(d.get("option_details", [])):
            _ref(f"{path}.option_details[{k}].idea_id", detail.get("idea_id"), ideas,
                 "idea with id")  # fmt: skip
        sup = d.get("supersedes")
        _ref(f"{path}.supersedes", sup, decisions, N_("decision with id"))
        if sup is not None and decisions[sup] >= n:
            raise _fail(f"{path}.supersedes", tr("a record can only supersede an earlier one"))
        dextra: dict[str, Any] = {k: d[k] for k in ("decided_on", "created_at") if k in d}
        decision_objs.append(
            Decision(
                d["id"], sess["id"], d["title"], status=DecisionStatus(d.get("status", "accepted")),
                deciders=tuple(d.get("deciders", ())), consulted=tuple(d.get("consulted", ())),
                informed=tuple(d.get("informed", ())), context=d.get("context", ""),
                drivers=tuple(d.get("drivers", ())), options=tuple(d.get("options", ())),
                chosen=tuple(d.get("chosen", ())), outcome=d.get("outcome", ""),
                rationale=d.get("rationale", ""),
                consequences_good=tuple(d.get("consequences_good", ())),
                consequences_bad=tuple(d.get("consequences_bad", ())),
                confirmation=d.get("confirmation", ""), values=d.get("values", ""),
                risks=d.get("risks", {}), option_details=tuple(d.get("option_details", ())),
                supersedes_id=sup, seq=d.get("seq", n + 1),
                record_hash=d.get("record_hash", ""), **dextra,
            )
        )  # fmt: skip

    runs = []
    for r in lists["runs"]:
        fields = {k: v for k, v in r.items() if k != "id"}
        runs.append(GenerationRun(id=r["id"], session_id=sess["id"], **fields))

    session_extra: dict[str, Any] = {k: sess[k] for k in ("created_at", "updated_at") if k in sess}
    exported: dict[str, Any] = {}
    with contextlib.suppress(KeyError, ValueError):  # informative only
        exported["exported_at"] = datetime.fromisoformat(str(doc["exported_at"]))
    return SessionSnapshot(
        session=Session(
            sess["id"], sess["title"], sess["challenge"], sess.get("intent", ""),
            sess.get("values", ""), Phase(sess.get("phase", "diverge")),
            Language(sess.get("language", "en")), **session_extra,
        ),
        participants=tuple(
            Participant(p["id"], sess["id"], p["name"], Role(p.get("role", "participant")),
                        **({"created_at": p["created_at"]} if "created_at" in p else {}))
            for p in lists["participants"]
        ),
        ideas=tuple(idea_objs),
        themes=tuple(
            Theme(t["id"], sess["id"], t["label"], tuple(t.get("keywords", ())),
                  t.get("user_label", False))
            for t in lists["themes"]
        ),
        criteria=tuple(
            Criterion(c["id"], sess["id"], c["name"], float(c.get("weight", 1.0)),
                      c.get("scale_min", 1), c.get("scale_max", 5),
                      c.get("higher_is_better", True))
            for c in lists["criteria"]
        ),
        scores=tuple(scores),
        votes=tuple(votes),
        decisions=tuple(decision_objs),
        runs=tuple(runs),
        app_version=str(doc.get("app_version", "")),
        **exported,
    )  # fmt: skip
