"""analyze, dedupe and themes from the command line, with the real English embedder."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from ideaforge.cli import main

IDEAS = [
    "Pair each new hire with a buddy for the first month.",
    "Give every new hire a buddy during their first month.",
    "Send a welcome box with company swag before day one.",
    "Record short videos of each team explaining what they work on.",
    "Create a searchable wiki of how-to guides for internal tools.",
    "Set up an onboarding checklist with clear goals for the first 30 days.",
]


def run(tmp_path: Path, model_dir: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(
        ["--db", str(tmp_path / "cli.db"), "--data-dir", str(tmp_path / "data"),
         "--model-dir", str(model_dir), "--device", "cpu", "--user", "ada", *args],
        out=out,
    )  # fmt: skip
    return code, out.getvalue()


def test_analyze_dedupe_themes(tmp_path: Path, model_dir: Path) -> None:
    assert run(tmp_path, model_dir, "sessions", "new", "How might we welcome remote hires?")[0] == 0
    assert run(tmp_path, model_dir, "ideas", "add", "1", *IDEAS)[0] == 0
    code, text = run(tmp_path, model_dir, "analyze", "1")
    assert code == 0
    assert "6 ideas; diversity" in text and "1 groups of near-duplicates" in text
    assert "#1 Pair each new hire" in text and "= #2 (0." in text
    code, text = run(tmp_path, model_dir, "--json", "analyze", "1", "--map")
    report = json.loads(text)
    assert report["embedder"] == "all-minilm-l6-v2" and len(report["map"]) == 6
    assert report["duplicate_groups"][0]["canonical"]["id"] == 1
    assert report["metrics"]["share_unique"] == 5 / 6
    theme_id = report["themes"][0]["id"]

    code, text = run(tmp_path, model_dir, "dedupe", "1", "--accept", "all")
    assert code == 0 and text.startswith("Merged 1 ideas into 1 canonical ideas")
    code, text = run(tmp_path, model_dir, "--json", "ideas", "list", "1", "--all")
    merged = [i for i in json.loads(text) if i["status"] == "merged"]
    assert [(i["id"], i["merged_into_id"]) for i in merged] == [(2, 1)]
    code, text = run(tmp_path, model_dir, "dedupe", "1")
    assert "No near-duplicates" in text
    assert run(tmp_path, model_dir, "dedupe", "1", "--split", "2")[1].strip() == "Restored #2."
    code, text = run(tmp_path, model_dir, "dedupe", "1", "--distinct", "1", "2")
    assert code == 0 and "will not be suggested" in text
    assert "No near-duplicates" in run(tmp_path, model_dir, "dedupe", "1")[1]

    code, text = run(tmp_path, model_dir, "themes", "1", "--rename", str(theme_id), "Belonging")
    assert code == 0 and text.strip() == f"Theme {theme_id}: Belonging"
    code, text = run(tmp_path, model_dir, "themes", "1", "--move", "6", str(theme_id))
    assert "stays there" in text
    code, text = run(tmp_path, model_dir, "--json", "themes", "1", "--recluster")
    themes = {t["id"]: t for t in json.loads(text)["themes"]}
    assert themes[theme_id]["label"] == "Belonging" and 6 in themes[theme_id]["ideas"]
    code, text = run(tmp_path, model_dir, "history", "1")
    for action in ("merge", "unmerge", "not_duplicate", "rename", "move", "recluster"):
        assert action in text


def test_analysis_errors_are_clear(
    tmp_path: Path, model_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(tmp_path, model_dir, "sessions", "new", "How might we welcome remote hires?")
    capsys.readouterr()
    assert run(tmp_path, model_dir, "dedupe", "1", "--threshold", "2")[0] == 1
    assert "threshold must be a cosine similarity" in capsys.readouterr().err
    assert run(tmp_path, model_dir, "analyze", "9")[0] == 1
    assert "9" in capsys.readouterr().err
    assert run(tmp_path, model_dir, "themes", "1", "--move", "x", "1")[0] == 1
    assert "IDEA must be a number" in capsys.readouterr().err
