"""The pure writers: MADR Markdown, the HTML report, CSV and the JSON format (no database)."""

from __future__ import annotations

import csv
import importlib.util
import io
import json
import re
import time
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from typing import Any

import pytest

from ideaforge.core.errors import InvalidInput
from ideaforge.core.model import (
    Criterion,
    Decision,
    DecisionStatus,
    GenerationRun,
    Idea,
    IdeaStatus,
    Origin,
    Participant,
    Provenance,
    Role,
    Score,
    Session,
    Theme,
    Vote,
)
from ideaforge.export import csv_export, html, jsonio, markdown
from ideaforge.export.snapshot import SessionSnapshot, slugify

T0 = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
EVIL = (
    '<script>alert(1)</script> <img src=x onerror=alert(1)> "><svg onload=alert(1)> '
    "javascript:alert(1) https://evil.example/x.png"
)
CHECK_ALL = {"answer": "none", "note": ""}


def _risks(idea_id: int, note: str = "") -> dict[str, Any]:
    answers: dict[str, Any] = {
        k: dict(CHECK_ALL) for k in ("misinformation", "bias", "copyright", "safety")
    }
    answers["privacy"] = {"answer": "mitigated", "note": note or "Only first names are kept."}
    return {str(idea_id): answers}


def make_snapshot(evil: str = "", n_ideas: int = 0) -> SessionSnapshot:
    """A session with people, model and imported ideas, themes, scores, votes, two decisions
    (the second supersedes the first) and a run. ``evil`` is planted in every kind of text."""
    x = f" {evil}" if evil else ""
    s = Session(7, "Food waste" + x, "How might we cut food waste in canteens?" + x,
                intent="Less waste, same joy" + x, values="Fairness; no shaming" + x,
                created_at=T0, updated_at=T0)  # fmt: skip
    people = (
        Participant(1, 7, "Ada" + x, Role.FACILITATOR, T0),
        Participant(2, 7, "林小美", Role.PARTICIPANT, T0),
    )
    prov = Provenance("qwen2.5-1.5b", "SCAMPER: adapt" + x, {"temperature": 0.9}, 42, "run1")
    ideas = [
        Idea(10, 7, "Share leftovers with a food bank" + x, Origin.HUMAN, 1,
             status=IdeaStatus.SHORTLISTED, theme_id=100, created_at=T0),
        Idea(11, 7, "Smaller plates\nwith a second helping" + x, Origin.MODEL, None, prov,
             status=IdeaStatus.SHORTLISTED, theme_id=100, created_at=T0),
        Idea(12, 7, "=HYPERLINK(\"http://x\")", Origin.IMPORTED, 2, theme_id=101, created_at=T0),
        Idea(13, 7, "把剩菜做成堆肥 🌱" + x, Origin.HUMAN, 2, status=IdeaStatus.PRUNED,
             prune_reason="Too slow" + x, created_at=T0),
        Idea(14, 7, "Share leftovers with food banks", Origin.HUMAN, 1,
             status=IdeaStatus.MERGED, merged_into_id=10, created_at=T0),
    ]  # fmt: skip
    ideas += [
        Idea(1000 + k, 7, f"Bulk idea {k} with some words", Origin.HUMAN, 1, created_at=T0)
        for k in range(n_ideas)
    ]
    themes = (Theme(100, 7, "Sharing" + x, ("share", "bank")), Theme(101, 7, "Plates" + x))
    criteria = (
        Criterion(1, 7, "Impact", 2.0, 1, 5, True),
        Criterion(2, 7, "Effort", 1.0, 1, 5, False),
    )
    scores = (
        Score(1, 10, 1, 1, 5), Score(2, 10, 2, 1, 4), Score(3, 10, 1, 2, 2),
        Score(4, 11, 1, 1, 2), Score(5, 11, 1, 2, 5),
    )  # fmt: skip
    votes = (Vote(1, 10, 1, 3), Vote(2, 11, 2, 1))
    details = (
        {"idea_id": 10, "text": ideas[0].text, "origin": "human", "source": "Ada" + x,
         "score": 85.0, "coverage": 1.0, "votes": 3},
        {"idea_id": 11, "text": ideas[1].text, "origin": "model",
         "source": "qwen2.5-1.5b · SCAMPER: adapt" + x, "score": 12.5, "coverage": 1.0,
         "votes": 1},
    )  # fmt: skip
    first = Decision(
        1, 7, "Pilot leftovers sharing" + x, DecisionStatus.ACCEPTED, date(2025, 3, 2),
        deciders=("Ada" + x, "林小美"), consulted=("Kitchen: staff",), informed=("Parents",),
        context="Canteens throw away 30% of food." + x, drivers=("Impact (weight 2)",),
        options=(10, 11), chosen=(10,), outcome="#10", rationale="Highest impact" + x,
        consequences_good=("Less waste" + x,), consequences_bad=("Needs a fridge\n- and a van",),
        confirmation="Weigh the bins monthly" + x, values="Fairness" + x,
        risks=_risks(10, "Names are removed" + x), option_details=details, seq=1,
    )  # fmt: skip
    second = Decision(
        2, 7, "改用小盤子", DecisionStatus.ACCEPTED, date(2025, 4, 1), deciders=("林小美",),
        options=(10, 11), chosen=(11,), outcome="#11", rationale="Cheaper",
        risks=_risks(11), option_details=details, supersedes_id=1, seq=2,
    )  # fmt: skip
    run = GenerationRun(
        "run1", 7, "qwen2.5-1.5b", "cpu", {"temperature": 0.9}, "finished", kept=1,
        prompt_tokens=120, generated_tokens=300, seconds=4.5, power_watts=15, energy_wh=0.02,
        started_at=T0, finished_at=T0,
    )  # fmt: skip
    positions = {10: (0.1, 0.2), 11: (0.5, -0.3), 12: (-1.0, 1.0)}
    return SessionSnapshot(
        s, people, tuple(ideas), themes, criteria, scores, votes, (first, second), (run,),
        positions, exported_at=T0, app_version="0.1.0",
    )  # fmt: skip


# ---- Markdown / MADR -----------------------------------------------------------------------


def _front_matter(text: str) -> dict[str, Any]:
    """Our front matter is YAML written in JSON syntax: one ``key: <JSON value>`` a line."""
    assert text.startswith("---\n")
    block = text[4 : text.index("\n---\n", 4)]
    return {k: json.loads(v) for k, v in (line.split(": ", 1) for line in block.split("\n"))}


MADR_HEADINGS = [
    "# ",
    "## Context and Problem Statement",
    "## Decision Drivers",
    "## Considered Options",
    "## Decision Outcome",
    "### Consequences",
    "### Confirmation",
    "## Pros and Cons of the Options",
    "## Intent and Values",
    "## Responsibility Checklist",
]


def test_madr_files_names_front_matter_and_headings() -> None:
    files = markdown.render(make_snapshot())
    assert sorted(files) == [
        "README.md", "decisions/0001-pilot-leftovers-sharing.md", "decisions/0002-改用小盤子.md",
    ]  # fmt: skip
    first = files["decisions/0001-pilot-leftovers-sharing.md"]
    second = files["decisions/0002-改用小盤子.md"]
    fm = _front_matter(first)
    assert fm == {
        "status": "superseded by 0002", "date": "2025-03-02",
        "decision-makers": ["Ada", "林小美"], "consulted": ["Kitchen: staff"],
        "informed": ["Parents"],
    }  # fmt: skip
    assert _front_matter(second)["status"] == "accepted"
    yaml = pytest.importorskip("yaml")
    assert yaml.safe_load(first.split("---\n")[1]) == fm

    headings = [line for line in first.split("\n") if line.startswith("#")]
    positions = [next(k for k, h in enumerate(headings) if h.startswith(m)) for m in MADR_HEADINGS]
    assert positions == sorted(positions)
    assert headings[0] == "# Pilot leftovers sharing"
    assert 'Chosen option: "Share leftovers with a food bank", because Highest impact' in first
    assert "* Good, because Less waste" in first
    # A multi-line consequence stays inside its bullet, and its "- and" is not a new item.
    assert "* Bad, because Needs a fridge\n  \\- and a van" in first
    # Options with score, votes and origin (person, or model and lens).
    assert "(score 85.0, 3 votes, from Ada)" in first
    assert "from qwen2.5-1.5b · SCAMPER: adapt)" in first
    # Pros and cons come from the scores: Impact mean 4.5 is good, Effort 2 (lower better) too.
    assert "* Good, because Impact scores 4.5 on 1–5" in first
    assert "* Bad, because Impact scores 2.0" in first
    assert "Privacy: Concern, mitigated. Names are removed" in first
    assert "Supersedes [0001 Pilot leftovers sharing](0001-pilot-leftovers-sharing.md)" in second


def test_markdown_escapes_html_and_structure() -> None:
    snap = make_snapshot(evil="<b>x</b>\n# not a heading\n> quote")
    files = markdown.render(snap)
    # Front matter is data (a quoted YAML string); the Markdown body must have no raw HTML.
    text = "\n".join(v.split("\n---\n", 1)[-1] for v in files.values())
    assert "<b>" not in text and "<script" not in text
    assert "&lt;b&gt;x&lt;/b&gt;" in text
    assert "\n# not a heading" not in text  # the heading marker is escaped
    readme = files["README.md"]
    assert readme.startswith("# Food waste &lt;b&gt;x&lt;/b&gt;")
    # A multi-line idea keeps its continuation lines indented inside the list item.
    assert "- Smaller plates\n  with a second helping" in readme
    # Front matter stays parseable with a newline and quotes in a name.
    fm = _front_matter(files[next(k for k in files if k.startswith("decisions/0001"))])
    assert fm["decision-makers"][0] == "Ada <b>x</b>\n# not a heading\n> quote"


def test_readme_summary_links_and_counts() -> None:
    readme = markdown.render(make_snapshot())["README.md"]
    for part in ("## Challenge", "## Intent", "## Values", "## Themes", "## Decisions"):
        assert part in readme
    assert "- Ideas: 5 (1 active, 1 pruned, 1 merged, 2 shortlisted)" in readme
    assert "### Sharing (2)" in readme and "### Plates (1)" in readme
    assert "(decisions/0002-改用小盤子.md) (accepted)" in readme
    assert "(decisions/0001-pilot-leftovers-sharing.md) (superseded by 0002)" in readme
    # Pruned and merged ideas are not listed under themes.
    assert "堆肥" not in readme.split("## Themes")[1]


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Use PostgreSQL for teams!", "use-postgresql-for-teams"),
        ("Café  crème — v2.0", "cafe-creme-v2-0"),
        ("改用小盤子", "改用小盤子"),
        ("採用 Plan B（試行）", "採用-plan-b-試行"),
        ("../../etc/passwd", "etc-passwd"),
        ("🎉🎉", "decision"),
    ],
)
def test_slugs_are_file_name_safe(title: str, slug: str) -> None:
    assert slugify(title) == slug
    assert markdown.decision_filename(12, title) == f"0012-{slug}.md"


# ---- HTML ----------------------------------------------------------------------------------


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html_is_self_contained_and_escapes_everything() -> None:
    page = html.render(make_snapshot(evil=EVIL))
    parser = _Collector()
    parser.feed(page)
    tags = {t for t, _ in parser.tags}
    assert tags <= html.TAGS, tags - html.TAGS
    assert "script" not in tags and "svg" not in tags and "a" not in tags
    for tag, attrs in parser.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name in ("src", "href"):
                assert value is not None and value.startswith("data:image/svg+xml;base64,")
    # Raw markup: no script tag and no event attribute inside any real tag.
    assert not re.search(r"<\s*script", page, re.IGNORECASE)
    assert not re.search(r"<[a-z][^>]*\son[a-z]+\s*=", page, re.IGNORECASE)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # The planted text is shown as text.
    shown = "".join(parser.text)
    assert "<script>alert(1)</script>" in shown and '"><svg onload=alert(1)>' in shown
    metas = [dict(a) for t, a in parser.tags if t == "meta"]
    assert {"charset": "utf-8"} in metas
    csp = next(m["content"] for m in metas if m.get("http-equiv") == "Content-Security-Policy")
    assert csp == "default-src 'none'; img-src data:; style-src 'unsafe-inline'"


def test_html_marks_chinese_text_with_its_language() -> None:
    span = re.compile(r'<span class="text"( lang="zh-Hant-TW")?>([^<]*)</span>')
    for evil in ("", "改用小盤子，減少剩菜"):
        page = html.render(make_snapshot(evil=evil))
        assert page.startswith('<!DOCTYPE html>\n<html lang="en">')  # an English window
        found = span.findall(page)
        assert found
        for lang, text in found:  # marked exactly when the text has Chinese in it
            assert bool(lang) == bool(re.search(r"[\u4e00-\u9fff]", text)), text
        assert any(lang for lang, _ in found) == bool(evil)


def test_html_report_speaks_the_persons_language() -> None:
    """In a Chinese window the report's own words, statuses and checklist are Chinese and the
    page says so; the ideas stay as written, escaped, and English comes back with English."""
    from ideaforge.core import i18n

    i18n.set_language("zh-TW")
    page = html.render(make_snapshot(evil=EVIL))
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-Hant-TW">')
    for heading in ("挑戰", "意圖", "價值觀", "主題", "地圖", "評分與投票", "決策", "模型用量"):
        assert f"<h2>{heading}</h2>" in page
    assert "有疑慮，已緩解" in page and "已由 0002 取代" in page and "加權總分" in page
    assert "合計：420 個 token、4.5 秒、0.02 Wh。" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>" not in page
    i18n.set_language("en")
    assert html.render(make_snapshot()).startswith('<!DOCTYPE html>\n<html lang="en">')


def test_html_map_colours_by_theme_and_sections() -> None:
    snap = make_snapshot()
    page = html.render(snap)
    for heading in ("Challenge", "Intent", "Values", "Themes", "Map", "Scores and votes",
                    "Decisions", "Model footprint"):  # fmt: skip
        assert f"<h2>{heading}</h2>" in page
    svg = html.map_svg(snap)
    circles = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)" r="3" fill="(#\w+)"/>', svg)
    assert len(circles) == 3
    colours = html.theme_colours(snap)
    assert {c[2] for c in circles} == {colours[100], colours[101]}
    assert all(0 <= float(x) <= 640 and 0 <= float(y) <= 420 for x, y, _ in circles)
    assert "420 tokens, 4.5 s, 0.02 Wh" in page
    assert "Concern, mitigated" in page and "superseded by 0002" in page
    empty = html.render(SessionSnapshot(Session(1, "t", "c")))
    assert "No map yet" in empty and "<img" not in empty


# ---- CSV -----------------------------------------------------------------------------------


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def test_csv_neutralises_formulas_and_keeps_text() -> None:
    snap = make_snapshot()
    nasty = ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", 'say "hi"\nnext line 🌱 中文']
    ideas = tuple(Idea(500 + k, 7, t, created_at=T0) for k, t in enumerate(nasty))
    snap = SessionSnapshot(snap.session, snap.participants, snap.ideas + ideas, snap.themes,
                           snap.criteria, snap.scores, snap.votes)  # fmt: skip
    rows = _rows(csv_export.render(snap))
    header = rows[0]
    assert header[:3] == ["id", "text", "status"]
    assert "score: Impact" in header and "weighted_total" in header and "settings" in header
    by_id = {r[0]: dict(zip(header, r, strict=True)) for r in rows[1:]}
    texts = [by_id[str(500 + k)]["text"] for k in range(len(nasty))]
    assert texts[:6] == ["'=1+1", "'+1", "'-1", "'@SUM(A1)", "'\tx", "'\rx"]
    assert texts[6] == 'say "hi"\nnext line 🌱 中文'
    assert by_id["12"]["text"] == '\'=HYPERLINK("http://x")'
    first = by_id["10"]
    assert (first["score: Impact"], first["score: Effort"], first["votes"]) == ("4.5", "2.0", "3")
    assert float(first["weighted_total"]) == pytest.approx(100 * (2 * 0.875 + 0.75) / 3, abs=0.1)
    assert first["source"] == "Ada" and first["theme"] == "Sharing"
    model = by_id["11"]
    assert (model["model"], model["lens"], model["run_id"], model["seed"]) == (
        "qwen2.5-1.5b", "SCAMPER: adapt", "run1", "42",
    )  # fmt: skip
    assert json.loads(model["settings"]) == {"temperature": 0.9}
    assert by_id["14"]["merged_into"] == "10" and by_id["13"]["prune_reason"] == "Too slow"


def test_csv_bom_option() -> None:
    snap = make_snapshot()
    plain, with_bom = csv_export.render(snap), csv_export.render(snap, bom=True)
    assert not plain.startswith("\ufeff") and with_bom == "\ufeff" + plain
    assert with_bom.encode("utf-8").startswith(b"\xef\xbb\xbf")


# ---- JSON ----------------------------------------------------------------------------------


def test_json_dump_load_dump_is_stable_and_matches_schema() -> None:
    snap = make_snapshot(evil='<script>x</script> "q" 🌱 中文')
    text = jsonio.dump(snap)
    doc = json.loads(text)
    assert (doc["format"], doc["version"]) == ("ideaforge-session", 1)
    assert doc["ideas"][1]["provenance"]["run_id"] == "run1"
    assert doc["scores"][1]["participant"] == "林小美"
    assert jsonio.dump(jsonio.load(text)) == text
    assert jsonio.SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    # Every field written is described by the schema, and every required one is written.
    for section in ("participants", "themes", "criteria", "ideas", "scores", "votes",
                    "decisions", "runs"):  # fmt: skip
        item_schema = jsonio.SCHEMA["properties"][section]["items"]
        for item in doc[section]:
            assert set(item) == set(item_schema["properties"]), section
    if importlib.util.find_spec("jsonschema") is not None:  # not a dependency; use it if there
        import jsonschema

        jsonschema.validate(doc, jsonio.SCHEMA)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["ideas"][1].pop("text"), r"ideas\[1\]\.text: missing"),
        (lambda d: d["ideas"][0].update(text="  "), r"ideas\[0\]\.text: empty"),
        (lambda d: d["ideas"][2].update(text="x" * 10_001), r"ideas\[2\]\.text: longer than"),
        (lambda d: d["ideas"][0].update(status="gone"), r"ideas\[0\]\.status: 'gone' is not"),
        (lambda d: d["ideas"][4].update(merged_into=999), r"ideas\[4\]\.merged_into: no idea"),
        (lambda d: d["scores"][0].update(participant="Zoe"), r"scores\[0\]\.participant: no"),
        (lambda d: d["scores"][0].update(value=9), r"scores\[0\]\.value: 9 is outside"),
        (lambda d: d["decisions"][1].update(chosen=[12]), r"decisions\[1\]\.chosen"),
        (lambda d: d["decisions"][0].update(supersedes=2), r"decisions\[0\]\.supersedes"),
        (lambda d: d["decisions"][0].update(decided_on="soon"), r"decisions\[0\]\.decided_on"),
        (lambda d: d["session"].pop("challenge"), r"session\.challenge: missing"),
        (lambda d: d.update(ideas={}), r"ideas: should be a list"),
        (lambda d: d["criteria"][0].update(weight="heavy"), r"criteria\[0\]\.weight: should be"),
    ],
)
def test_json_validation_names_the_path(change: Any, message: str) -> None:
    doc = json.loads(jsonio.dump(make_snapshot()))
    change(doc)
    with pytest.raises(InvalidInput, match=message):
        jsonio.load(json.dumps(doc))


def test_json_refuses_other_files_and_newer_versions() -> None:
    with pytest.raises(InvalidInput, match="not valid JSON: line 1"):
        jsonio.load("{nope")
    with pytest.raises(InvalidInput, match="not an IdeaForge session"):
        jsonio.load('{"hello": 1}')
    with pytest.raises(InvalidInput, match="version 2 .* Update IdeaForge"):
        jsonio.load('{"format": "ideaforge-session", "version": 2}')


# ---- scale ---------------------------------------------------------------------------------


def test_ten_thousand_ideas_render_in_every_format() -> None:
    snap = make_snapshot(n_ideas=10_000 - 5)
    snap = SessionSnapshot(
        snap.session, snap.participants, snap.ideas, snap.themes, snap.criteria, snap.scores,
        snap.votes, snap.decisions, snap.runs,
        {i.id: (float(i.id % 97), float(i.id % 89)) for i in snap.ideas},
    )  # fmt: skip
    sizes = {}
    for name, fn in (("md", markdown.render), ("html", html.render),
                     ("csv", csv_export.render), ("json", jsonio.dump)):  # fmt: skip
        start = time.perf_counter()
        out = fn(snap)
        seconds = time.perf_counter() - start
        size = sum(len(v) for v in out.values()) if isinstance(out, dict) else len(out)
        sizes[name] = size
        print(f"\n{name}: {seconds:.2f} s, {size / 1e6:.1f} M characters")
    assert len(_rows(csv_export.render(snap))) == 10_001
    assert len(json.loads(jsonio.dump(snap))["ideas"]) == 10_000
    assert all(size > 300_000 for size in sizes.values()), sizes  # every idea is in each
