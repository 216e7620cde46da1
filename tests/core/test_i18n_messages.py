"""Messages made outside the Qt interface: every template translated, filled in correctly, and
shown in the person's language by the services and the CLI."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from ideaforge.core import i18n
from ideaforge.core.errors import InvalidInput, PermissionDenied

ROOT = Path(__file__).resolve().parents[2]


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "ideaforge_i18n_tool", ROOT / "packaging" / "i18n.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_every_message_template_is_translated_with_the_same_placeholders() -> None:
    tool = _tool()
    assert tool.message_problems() == []
    assert len(tool.templates()) > 200


def test_every_tr_call_passes_exactly_the_values_its_template_names() -> None:
    """A value missing from a call would break the English text too, so check them all."""
    tool = _tool()
    wrong = []
    for path in sorted((ROOT / "ideaforge").rglob("*.py")):
        if "ui" in path.relative_to(ROOT / "ideaforge").parts[:1]:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and not any(k.arg is None for k in node.keywords)  # **values: checked elsewhere
            ):
                given = {k.arg for k in node.keywords}
                if given != tool.fields(node.args[0].value):
                    wrong.append(f"{path.name}:{node.lineno} {node.args[0].value!r} gets {given}")
    assert wrong == []


def test_tr_translates_fills_in_and_falls_back() -> None:
    template = "Ask for 1 to {MAX_COUNT:,} ideas; got {count}."
    assert i18n.tr(template, MAX_COUNT=2000, count=0) == "Ask for 1 to 2,000 ideas; got 0."
    i18n.set_language("zh-TW")
    assert i18n.tr(template, MAX_COUNT=2000, count=0) == "請要求 1 到 2,000 個點子；收到的是 0。"
    assert i18n.tr("a text nobody marked") == "a text nobody marked"
    i18n.set_language("fr")  # not a language we have: English
    assert i18n.language() == "en"


def test_a_broken_translation_falls_back_to_english(monkeypatch: pytest.MonkeyPatch) -> None:
    i18n.set_language("zh-TW")
    broken = dict(i18n.catalogue("zh-TW"))
    broken["{count} ideas kept"] = "已保留 {number} 個點子"  # a translator renamed the field
    monkeypatch.setattr(i18n, "catalogue", lambda language: broken)
    assert i18n.tr("{count} ideas kept", count=3) == "3 ideas kept"


@pytest.mark.parametrize(
    ("preference", "locale", "expected"),
    [("", "zh_TW", "zh-TW"), ("", "zh_HK", "zh-TW"), ("", "zh_CN", "en"), ("en", "zh_TW", "en"),
     ("zh-TW", "C", "zh-TW"), ("", "", "en"), ("", "de_DE", "en")],
)  # fmt: skip
def test_choose_language(preference: str, locale: str, expected: str) -> None:
    assert i18n.choose_language(preference, locale) == expected


def test_system_locale_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.setenv("LANG", "zh_TW.UTF-8")
    assert i18n.system_locale() == "zh_TW"
    monkeypatch.setenv("LC_ALL", "C.UTF-8")
    assert i18n.system_locale() == "zh_TW"  # C says nothing; LANG does


def test_service_refusals_come_in_traditional_chinese(workspace: object) -> None:
    from ideaforge.services.workspace import Workspace

    assert isinstance(workspace, Workspace)
    i18n.set_language("zh-TW")
    with pytest.raises(InvalidInput) as empty:
        workspace.sessions.new("   ")
    assert str(empty.value) == "挑戰是空的。請至少輸入一個字。"
    s = workspace.sessions.new("如何減少學校午餐的剩食？")
    workspace.workshop.start(s.id)
    workspace.switch_actor("bo")
    workspace.workshop.join(s.id)
    with pytest.raises(PermissionDenied) as refused:
        workspace.workshop.reveal(s.id, "votes")
    assert str(refused.value) == "只有主持人（ada）可以揭曉結果；bo 是以參與者身分加入。"
    with pytest.raises(InvalidInput) as long:
        workspace.ideas.add(s.id, "很" * 12000)
    assert "點子有 12,000 個字元；上限是 10,000" in str(long.value)
