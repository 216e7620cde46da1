"""A Traditional Chinese session from challenge to exported decision, through the CLI only:
the default model writes the ideas, the multilingual embedder groups them, a person scores,
decides and exports; every export keeps the Chinese intact."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from ideaforge.cli import main

CHALLENGE = "我們可以如何減少學校午餐的剩食？"
OWN = [
    "讓學生自己選擇飯菜份量，吃多少盛多少",
    "讓學生自行決定飯菜的份量，吃多少拿多少",  # a paraphrase of the one before
    "把沒動過的麵包和水果捐給附近的食物銀行",
    "每週公布各班的剩食重量，表現最好的班級得到獎勵",
]


def run(tmp_path: Path, model_dir: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(
        ["--db", str(tmp_path / "zh.db"), "--data-dir", str(tmp_path / "data"),
         "--model-dir", str(model_dir), "--device", "cpu", "--user", "小美", *args],
        out=out,
    )  # fmt: skip
    return code, out.getvalue()


def ok(tmp_path: Path, model_dir: Path, *args: str) -> str:
    code, text = run(tmp_path, model_dir, *args)
    assert code == 0, (args, text)
    return text


@pytest.mark.slow
def test_a_chinese_session_from_challenge_to_exported_decision(
    tmp_path: Path, model_dir: Path, default_model: object
) -> None:
    session = json.loads(ok(tmp_path, model_dir, "--json", "sessions", "new", CHALLENGE))
    assert session["language"] == "zh-TW"
    sid = str(session["id"])

    # Diverge: the tiny model is refused for Chinese, the default writes Traditional Chinese.
    code, _ = run(tmp_path, model_dir, "generate", sid, "--count", "2", "--model", "smollm2-135m")
    assert code == 1
    ok(tmp_path, model_dir, "generate", sid, "--count", "3", "--model", "qwen2.5-1.5b",
       "--batch", "2", "--seed", "7")  # fmt: skip
    ok(tmp_path, model_dir, "ideas", "add", sid, *OWN)
    ideas = json.loads(ok(tmp_path, model_dir, "--json", "ideas", "list", sid))
    generated = [i for i in ideas if i["origin"] == "model"]
    assert len(generated) >= 3
    assert all(i["language"] == "zh-TW" for i in ideas), [i["text"] for i in ideas]
    ours = {i["text"]: i["id"] for i in ideas if i["origin"] == "human"}

    # Converge: the multilingual embedder finds the paraphrase; themes get Chinese labels.
    report = json.loads(ok(tmp_path, model_dir, "--json", "analyze", sid))
    assert report["embedder"] == "use-multilingual-v3"
    pairs = [
        {g["canonical"]["id"], *(m["id"] for m in g["members"])} for g in report["duplicate_groups"]
    ]
    assert any({ours[OWN[0]], ours[OWN[1]]} <= group for group in pairs), report
    labels = [t["label"] for t in report["themes"]]
    assert labels and all(any("\u4e00" <= ch <= "\u9fff" for ch in label) for label in labels)
    ok(tmp_path, model_dir, "dedupe", sid, "--accept", str(ours[OWN[0]]))

    # Decide: people shortlist, score on the (Chinese) default criteria, record, verify.
    for text in (OWN[0], OWN[2]):
        ok(tmp_path, model_dir, "ideas", "shortlist", str(ours[text]))
    criteria = json.loads(ok(tmp_path, model_dir, "--json", "criteria", sid, "--defaults"))
    assert [c["name"] for c in criteria] == ["影響力", "所需心力"]
    ok(tmp_path, model_dir, "score", str(ours[OWN[0]]), "影響力", "4")
    ok(tmp_path, model_dir, "score", str(ours[OWN[2]]), "影響力", "5")
    ok(tmp_path, model_dir, "score", str(ours[OWN[2]]), "所需心力", "2")
    code, _ = run(tmp_path, model_dir, "decide", sid, "--title", "先做剩食捐贈",
                  "--chosen", str(ours[OWN[2]]), "--rationale", "影響大、成本低")  # fmt: skip
    assert code == 1  # the checklist is not answered yet
    text = ok(tmp_path, model_dir, "decide", sid, "--title", "先做食物銀行捐贈：試辦一學期",
              "--chosen", str(ours[OWN[2]]), "--rationale", "影響大、所需心力小，且能立刻開始。",
              "--concern", f"{ours[OWN[2]]}:safety=mitigated:只捐未拆封、未過期的食物",
              "--no-concerns", "--values", "不浪費食物；照顧社區")  # fmt: skip
    assert text.startswith("Recorded decision 1: 先做食物銀行捐贈：試辦一學期")
    assert "1 record" in ok(tmp_path, model_dir, "log", "verify", sid)

    # Export: Markdown records with a file name from the Chinese title, HTML with lang
    # attributes, CSV with a BOM for spreadsheet programs, JSON that imports back intact.
    ok(tmp_path, model_dir, "export", sid, "--format", "md", "--out", str(tmp_path / "md"))
    records = sorted((tmp_path / "md" / "decisions").glob("0001-*.md"))
    assert [p.name for p in records] == ["0001-先做食物銀行捐贈-試辦一學期.md"]
    record = records[0].read_text(encoding="utf-8")
    assert "影響大、所需心力小，且能立刻開始。" in record and "只捐未拆封、未過期的食物" in record
    assert OWN[2] in record and "不浪費食物；照顧社區" in record

    ok(tmp_path, model_dir, "export", sid, "--format", "html", "--out", str(tmp_path / "r.html"))
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert f'<span class="text" lang="zh-Hant-TW">{OWN[2]}</span>' in html

    ok(tmp_path, model_dir, "export", sid, "--format", "csv", "--bom", "--out",
       str(tmp_path / "ideas.csv"))  # fmt: skip
    raw = (tmp_path / "ideas.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert OWN[2] in {r["text"] for r in rows}

    ok(tmp_path, model_dir, "export", sid, "--format", "json", "--out", str(tmp_path / "s.json"))
    text = ok(tmp_path, model_dir, "--json", "import", str(tmp_path / "s.json"))
    copy = str(json.loads(text)["session"])
    again = json.loads(ok(tmp_path, model_dir, "--json", "ideas", "list", copy, "--all"))
    assert sorted(i["text"] for i in again) == sorted(i["text"] for i in ideas)
    assert "1 record" in ok(tmp_path, model_dir, "log", "verify", copy)
