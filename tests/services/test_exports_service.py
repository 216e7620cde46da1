"""ExportService on SQLite and PostgreSQL: export files, JSON round trip, text/CSV imports."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path
from typing import Any

import pytest

from ideaforge.core.commands import SetIdeaStatus
from ideaforge.core.errors import InvalidInput
from ideaforge.core.model import Idea, IdeaStatus, Origin, Provenance, Theme
from ideaforge.services.decisions import CONCERNS, DecisionDraft
from ideaforge.services.exports import ExportService
from ideaforge.services.workspace import Workspace


def _checklist(*ids: int) -> dict[int, dict[str, dict[str, str]]]:
    out = {i: {k: {"answer": "none", "note": ""} for k in CONCERNS} for i in ids}
    for i in ids:
        out[i]["privacy"] = {"answer": "mitigated", "note": "<b>names</b> removed"}
    return out


def _rich_session(ws: Any) -> int:
    """Ideas by people and a model, a prune, a merge, themes, scores by two people, votes and
    two decisions, the second superseding the first."""
    s = ws.sessions.new("How might we cut food waste? 減少浪費", intent="Less waste",
                        values="Fairness <em>first</em>")  # fmt: skip
    a, b, c, d = (i.id for i in ws.ideas.add_many(
        s.id, ["Share leftovers", "Smaller plates\nsecond helping", "把剩菜做成堆肥 🌱",
               "Share the leftovers"]))  # fmt: skip
    prov = Provenance("qwen2.5-1.5b", "SCAMPER: adapt", {"temperature": 0.9}, 7, "")
    (m,) = ws.ideas.add_generated(s.id, ["=cmd|' /C calc'!A0"], [prov])
    ws.ideas.prune(c, "Too slow")
    ws.ideas.apply(SetIdeaStatus(d, IdeaStatus.MERGED, merged_into_id=a))

    def themes(uow: Any) -> None:
        t1 = uow.themes.add(Theme(0, s.id, "Sharing", ("share",), True))
        t2 = uow.themes.add(Theme(0, s.id, "Plates"))
        uow.ideas.set_themes({a: t1.id, b: t2.id, m.id: t2.id})

    ws.store.write(themes)
    impact, effort = ws.scoring.ensure_defaults(s.id)
    for idea, (i_, e_) in ((a, (5, 2)), (b, (3, 4)), (m.id, (2, 1))):
        ws.scoring.score(idea, impact.id, i_)
        ws.scoring.score(idea, effort.id, e_)
    ws.scoring.vote(a, 2)
    bo = Workspace(ws.store, "Bo 林")
    bo.scoring.score(a, impact.id, 4)
    bo.scoring.vote(b, 1)
    ws.ideas.shortlist(a)
    ws.ideas.shortlist(b)
    first = ws.decisions.record(DecisionDraft(
        s.id, "Pilot sharing", [a, b], [a], ["ada"], "Most impact", _checklist(a),
        consequences_good=["Less waste"], consequences_bad=["Needs a fridge"]))  # fmt: skip
    ws.decisions.record(DecisionDraft(
        s.id, "改用小盤子", [a, b], [b], ["ada", "Bo 林"], "Cheaper", _checklist(b),
        supersedes_id=first.id))  # fmt: skip
    return int(s.id)


def test_export_every_format(workspace: Any, tmp_path: Path) -> None:
    ws = workspace
    sid = _rich_session(ws)
    svc = ExportService(ws)
    snap = svc.snapshot(sid)
    assert len(snap.ideas) == 5 and len(snap.decisions) == 2 and len(snap.participants) == 2
    assert [t.label for t in snap.themes] == ["Sharing", "Plates"]

    written = svc.export(sid, "md", tmp_path / "md")
    names = sorted(p.relative_to(tmp_path / "md").as_posix() for p in written)
    assert names == ["README.md", "decisions/0001-pilot-sharing.md", "decisions/0002-改用小盤子.md"]
    first = (tmp_path / "md/decisions/0001-pilot-sharing.md").read_text("utf-8")
    assert 'status: "superseded by 0002"' in first and "## Responsibility Checklist" in first
    assert "&lt;b&gt;names&lt;/b&gt; removed" in first
    readme = (tmp_path / "md/README.md").read_text("utf-8")
    assert "Fairness &lt;em&gt;first&lt;/em&gt;" in readme and "### Sharing (1)" in readme

    (page,) = svc.export(sid, "html", tmp_path / "r.html")
    text = page.read_text("utf-8")
    assert text.startswith("<!DOCTYPE html>") and "Pilot sharing" in text and "<em>" not in text

    (table,) = svc.export(sid, "csv", tmp_path / "ideas.csv", bom=True)
    raw = table.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert len(rows) == 5
    model = next(r for r in rows if r["origin"] == "model")
    assert model["text"].startswith("'=cmd") and model["source"] == "qwen2.5-1.5b · SCAMPER: adapt"
    shared = next(r for r in rows if r["text"] == "Share leftovers")
    assert shared["score: Impact"] == "4.5" and shared["votes"] == "2"

    (doc,) = svc.export(sid, "json", tmp_path / "s.json")
    assert json.loads(doc.read_text("utf-8"))["format"] == "ideaforge-session"
    assert not list(tmp_path.glob("**/*.tmp"))  # atomic writes leave no temporary files


def test_markdown_export_refuses_foreign_folders_and_replaces_its_own(
    workspace: Any, tmp_path: Path
) -> None:
    ws = workspace
    s = ws.sessions.new("Challenge")
    svc = ExportService(ws)
    mine = tmp_path / "notes"
    mine.mkdir()
    (mine / "thesis.md").write_text("precious", "utf-8")
    with pytest.raises(InvalidInput, match="not empty and is not an earlier IdeaForge export"):
        svc.export(s.id, "md", mine)
    assert (mine / "thesis.md").read_text("utf-8") == "precious"
    with pytest.raises(InvalidInput, match="is a folder"):
        svc.export(s.id, "html", mine)

    out = tmp_path / "export"
    svc.export(s.id, "md", out)
    stale = out / "decisions" / "0001-old-title.md"
    stale.parent.mkdir()
    stale.write_text("old", "utf-8")
    assert [p.name for p in svc.export(s.id, "md", out)] == ["README.md"]  # again: allowed
    assert not stale.exists()


def _normalise(doc: dict[str, Any]) -> dict[str, Any]:
    """The document with ids replaced by positions and timestamps and hashes dropped."""
    idx = {
        name: {item["id"]: n for n, item in enumerate(doc[name])}
        for name in ("ideas", "themes", "criteria", "decisions", "runs")
    }
    ideas = idx["ideas"]
    out = json.loads(json.dumps(doc))
    for key in ("exported_at", "app_version"):
        out.pop(key)
    for key in ("id", "created_at", "updated_at"):
        out["session"].pop(key)
    for name in ("participants", "themes", "criteria", "ideas", "decisions", "runs"):
        for item in out[name]:
            item["id"] = idx.get(name, {}).get(item["id"]) if name != "participants" else None
            for key in ("created_at", "updated_at", "started_at", "finished_at", "record_hash"):
                item.pop(key, None)
    for i in out["ideas"]:
        i["merged_into"] = ideas.get(i["merged_into"])
        i["theme"] = idx["themes"].get(i["theme"])
        if i["provenance"]:
            i["provenance"]["run_id"] = idx["runs"].get(i["provenance"]["run_id"])
    for s in out["scores"]:
        s["idea"], s["criterion"] = ideas[s["idea"]], idx["criteria"][s["criterion"]]
    for v in out["votes"]:
        v["idea"] = ideas[v["idea"]]
    for d in out["decisions"]:
        d["options"] = [ideas[i] for i in d["options"]]
        d["chosen"] = [ideas[i] for i in d["chosen"]]
        d["outcome"] = ", ".join(f"#{i}" for i in d["chosen"])
        d["risks"] = {str(ideas[int(k)]): v for k, v in d["risks"].items()}
        for o in d["option_details"]:
            o["idea_id"] = ideas[o["idea_id"]]
        d["supersedes"] = idx["decisions"].get(d["supersedes"])
    return out


def test_json_round_trip_reproduces_the_session(workspace: Any, tmp_path: Path) -> None:
    ws = workspace
    sid = _rich_session(ws)
    svc = ExportService(ws)
    (first,) = svc.export(sid, "json", tmp_path / "a.json")
    before = ws.store.read(lambda uow: uow.ideas.count(sid))
    result = svc.import_ideas(first)
    new_sid, count = result
    assert new_sid != sid and count == 5 and result.format == "json"
    assert ws.store.read(lambda uow: uow.ideas.count(sid)) == before  # the original untouched
    (second,) = svc.export(new_sid, "json", tmp_path / "b.json")
    a, b = (json.loads(p.read_text("utf-8")) for p in (first, second))
    assert {i["id"] for i in a["ideas"]}.isdisjoint({i["id"] for i in b["ideas"]})
    assert _normalise(a) == _normalise(b)
    # The imported decisions keep their own chain of records.
    chain = ws.decisions.list(new_sid)
    assert [d.seq for d in chain] == [1, 2] and chain[1].supersedes_id == chain[0].id


def test_a_bad_session_file_imports_nothing(workspace: Any, tmp_path: Path) -> None:
    ws = workspace
    sid = _rich_session(ws)
    svc = ExportService(ws)
    (path,) = svc.export(sid, "json", tmp_path / "a.json")
    doc = json.loads(path.read_text("utf-8"))
    del doc["ideas"][3]["text"]
    path.write_text(json.dumps(doc), "utf-8")
    sessions = len(ws.sessions.list())
    with pytest.raises(InvalidInput, match=r"ideas\[3\]\.text: missing"):
        svc.import_ideas(path)
    assert len(ws.sessions.list()) == sessions


def _ideas(ws: Any, sid: int) -> list[Idea]:
    return list(ws.ideas.list(sid))


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("\ufeffFirst idea\n\n  \nSecond 🌱 idea\r\n中文點子\n".encode(), "utf-8-sig"),
        ("First idea\n\nSecond 🌱 idea\n中文點子".encode("utf-16"), "utf-16"),
        ("First idea\nSecond 🌱 idea\n中文點子\n".encode(), "utf-8"),
    ],
)
def test_import_text_encodings(workspace: Any, tmp_path: Path, data: bytes, encoding: str) -> None:
    ws = workspace
    path = tmp_path / "ideas.txt"
    path.write_bytes(data)
    result = ExportService(ws).import_ideas(path, challenge="Where next?")
    sid, count = result
    assert count == 3 and result.encoding == encoding and result.format == "text"
    ideas = _ideas(ws, sid)
    assert [i.text for i in ideas] == ["First idea", "Second 🌱 idea", "中文點子"]
    assert {i.origin for i in ideas} == {Origin.IMPORTED}
    assert ideas[2].language.value == "zh-TW"
    assert ws.sessions.get(sid).challenge == "Where next?"
    assert any(e.action == "import" for e in ws.history(sid))


def test_import_legacy_chinese_encoding_into_an_existing_session(
    workspace: Any, tmp_path: Path
) -> None:
    ws = workspace
    s = ws.sessions.new("減少食物浪費")
    path = tmp_path / "big5.txt"
    path.write_bytes("把剩菜做成堆肥\n改用小盤子\n".encode("cp950"))
    result = ExportService(ws).import_ideas(path, session_id=s.id)
    assert tuple(result) == (s.id, 2) and result.encoding == "cp950"
    assert [i.text for i in _ideas(ws, s.id)] == ["把剩菜做成堆肥", "改用小盤子"]
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Café crème \nnaïve idea é\n".encode("latin-1"))
    result = ExportService(ws).import_ideas(latin, session_id=s.id)
    assert result.encoding == "latin-1"
    assert [i.text for i in _ideas(ws, s.id)][2:] == ["Café crème", "naïve idea é"]


def test_bad_text_files_import_nothing(workspace: Any, tmp_path: Path) -> None:
    ws = workspace
    s = ws.sessions.new("Challenge")
    ws.ideas.add(s.id, "Already here")
    svc = ExportService(ws)
    lines = [f"idea {n}" for n in range(1, 9)] + ["x" * 10_001, "idea 10"]
    long_file = tmp_path / "long.txt"
    long_file.write_text("\n".join(lines), "utf-8")
    with pytest.raises(InvalidInput, match=r"line 9: longer than 10,000 characters"):
        svc.import_ideas(long_file, session_id=s.id)
    invisible = tmp_path / "invisible.txt"
    invisible.write_text("one\ntwo\n\u200b\u200b\n", "utf-8")
    with pytest.raises(InvalidInput, match=r"line 3: the idea is empty"):
        svc.import_ideas(invisible, session_id=s.id)
    assert [i.text for i in _ideas(ws, s.id)] == ["Already here"]
    sessions = len(ws.sessions.list())
    for content in (b"", b"\xef\xbb\xbf\n  \n\n"):
        empty = tmp_path / "empty.txt"
        empty.write_bytes(content)
        with pytest.raises(InvalidInput, match="The file has no ideas"):
            svc.import_ideas(empty)
    assert len(ws.sessions.list()) == sessions  # no session was created for nothing


def test_import_csv_with_text_column_and_quoted_newlines(workspace: Any, tmp_path: Path) -> None:
    ws = workspace
    path = tmp_path / "board.csv"
    path.write_text(
        'id,Text,votes\n1,"Two lines:\nfirst, then ""second""",3\n\n2,Emoji 🎉,0\n3,中文,1\n',
        "utf-8",
    )
    svc = ExportService(ws)
    sid, count = svc.import_ideas(path)
    assert count == 3
    assert [i.text for i in _ideas(ws, sid)] == [
        'Two lines:\nfirst, then "second"', "Emoji 🎉", "中文",
    ]  # fmt: skip
    bad = tmp_path / "bad.csv"
    bad.write_text('text,who\n"ok",a\n"",b\nfine,c\n', "utf-8")
    with pytest.raises(InvalidInput, match=r"line 3: the idea is empty"):
        svc.import_ideas(bad, session_id=sid)
    plain = tmp_path / "plain.csv"  # no header: the first column
    plain.write_text("Alpha,1\nBeta,2\n", "utf-8")
    assert svc.import_ideas(plain, session_id=sid).imported == 2
    assert [i.text for i in _ideas(ws, sid)][-2:] == ["Alpha", "Beta"]


def test_ten_thousand_ideas_export_to_every_format(sqlite_url: str, tmp_path: Path) -> None:
    from ideaforge.store import open_store

    ws = Workspace(open_store(sqlite_url), "ada")
    try:
        s = ws.sessions.new("A big session")
        start = time.perf_counter()
        ws.store.write(lambda uow: [uow.ideas.add(Idea(0, s.id, f"Idea {n}: a short text"))
                                    for n in range(10_000)])  # fmt: skip
        print(f"\nadding 10,000 ideas: {time.perf_counter() - start:.2f} s")
        svc = ExportService(ws)
        for fmt, name in (("md", "md"), ("html", "r.html"), ("csv", "i.csv"), ("json", "s.json")):
            start = time.perf_counter()
            paths = svc.export(s.id, fmt, tmp_path / name)  # type: ignore[arg-type]
            print(f"export {fmt}: {time.perf_counter() - start:.2f} s")
            assert "Idea 9999: a short text" in paths[0].read_text("utf-8")
        start = time.perf_counter()
        sid, count = svc.import_ideas(tmp_path / "s.json")
        print(f"import json: {time.perf_counter() - start:.2f} s")
        assert count == 10_000 and ws.store.read(lambda uow: uow.ideas.count(sid)) == 10_000
    finally:
        ws.close()


def test_export_files_get_the_mode_new_files_get(workspace: Workspace, tmp_path: Path) -> None:
    """Exports are written through a private temporary file; the result must not stay private
    (a report shared from a web folder was unreadable to others)."""
    import os
    import stat

    sid = workspace.sessions.new("How might we share reports?").id
    workspace.ideas.add(sid, "Publish the HTML report on the intranet")
    old = os.umask(0o022)
    try:
        for fmt, name in (("html", "report.html"), ("csv", "ideas.csv"), ("json", "s.json")):
            workspace.exports.export(sid, fmt, tmp_path / name)
            assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644, fmt
        workspace.exports.export(sid, "md", tmp_path / "md")
        modes = {stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "md").iterdir()}
        assert modes == {0o644}
    finally:
        os.umask(old)
