"""The Traditional Chinese (Taiwan) interface: every string of ideaforge/ui is translated, the
compiled .qm is current, translations keep their placeholders and accelerators and use
Traditional characters and Taiwanese terms, and the real window shows them."""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import json
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from ideaforge.services.workspace import Workspace
from ideaforge.store import open_store
from ideaforge.ui.app import install_translators
from ideaforge.ui.qt import QtCore, QtWidgets

ROOT = Path(__file__).resolve().parents[2]


def _load_tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ideaforge_i18n", ROOT / "packaging" / "i18n.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


i18n = _load_tool()
COMMITTED_TS = i18n.TS
MESSAGES = i18n.read_messages(i18n.TS)
CJK = re.compile(r"[\u3400-\u9fff]")
PLACEHOLDER = re.compile(r"%(?:n|[1-9][0-9]?)")

# Characters that exist only in Simplified Chinese (their Traditional forms differ). Characters
# shared by both scripts (示 私 准 据 除 于 后 里 台 ...) are deliberately not listed.
SIMPLIFIED_ONLY = set(
    "这个们设档库为说时会对发现实应该进选择关开点题类复删权评则与网络视频显输启动错误隐务专项术"
    "数图户码级编辑构续标签记录处页认确结还钮执储载态键"
)
# Mainland terms written in Traditional characters; Taiwan says the word after the arrow.
MAINLAND_TERMS = {
    "默認": "預設", "信息": "資訊/訊息", "軟件": "軟體", "視頻": "影片", "鼠標": "滑鼠",
    "界面": "介面", "設置": "設定", "數據庫": "資料庫", "文件夾": "資料夾", "用戶": "使用者",
    "創建": "建立", "運行": "執行", "保存": "儲存", "質量": "品質", "菜單": "選單",
    "窗口": "視窗", "屏幕": "螢幕", "粘貼": "貼上", "網絡": "網路",
}  # fmt: skip
# Words that stay as they are in the translation: product, methods, keys.
KEEP = re.compile(
    r"IdeaForge|SCAMPER|CPU|GPU|NVIDIA|CUDA|IDEAFORGE_DEVICE|--device|Ctrl|Shift|Return|Enter|Esc|Del"
)


def _texts() -> Iterator[tuple[Any, str]]:  # (i18n.Message, one translation)
    for m in MESSAGES:
        for text in m.translations:
            yield m, text


def test_every_string_is_translated_and_the_qm_is_current() -> None:
    found = i18n.problems()
    assert found == [], "run `python packaging/i18n.py update` and translate:\n" + "\n".join(found)


def test_the_ts_has_every_message_finished() -> None:
    assert len(MESSAGES) > 250
    assert [m.source for m in MESSAGES if not m.finished] == []
    for m in MESSAGES:
        if m.numerus:  # Chinese has one plural form
            assert len(m.translations) == 1, m.source


def test_qm_loads_and_translates(qapp: QtWidgets.QApplication) -> None:
    translator = QtCore.QTranslator()
    assert translator.load(str(i18n.QM))
    assert not translator.isEmpty()
    assert QtCore.QCoreApplication.installTranslator(translator)
    try:
        tr = QtCore.QCoreApplication.translate
        assert tr("MainWindow", "&File") == "檔案(&F)"
        assert tr("MainWindow", "&Quit") == "結束(&Q)"
        assert tr("MainWindow", "1 · Diverge") == "1 · 發散"
        assert tr("DecidePanel", "Bias and fairness") == "偏誤與公平"
        assert tr("ConvergePanel", "%n themes", "", 3) == "3 個主題"
        assert tr("NoSuchContext", "&File") == "&File"
    finally:
        QtCore.QCoreApplication.removeTranslator(translator)
    assert QtCore.QCoreApplication.translate("MainWindow", "&File") == "&File"


def _all_translations() -> Iterator[tuple[str, str]]:
    """(source, translation) of the interface (.ts) and of the services' messages (.json)."""
    for m, text in _texts():
        yield m.source, text
    yield from i18n.read_catalogue().items()


def test_no_simplified_characters_or_mainland_terms() -> None:
    simplified = {
        (source, text, "".join(sorted(set(text) & SIMPLIFIED_ONLY)))
        for source, text in _all_translations()
        if set(text) & SIMPLIFIED_ONLY
    }
    assert simplified == set()
    mainland = [
        (s, text, w) for s, text in _all_translations() for w in MAINLAND_TERMS if w in text
    ]
    assert mainland == []


def test_contexts_are_the_classes_that_translate() -> None:
    """PySide's ``self.tr`` looks messages up under the class name: a context that is neither
    a QObject class of ideaforge.ui nor a literal ``translate("Context", ...)`` means lupdate
    misread the source, and those strings would never be shown translated."""
    from ideaforge import ui

    classes = set()
    for path in sorted((ROOT / "ideaforge" / "ui").glob("*.py")):
        module = importlib.import_module(f"{ui.__name__}.{path.stem}")
        classes |= {
            name for name, c in inspect.getmembers(module, inspect.isclass)
            if issubclass(c, QtCore.QObject) and c.__module__ == module.__name__
        }  # fmt: skip
    source = "\n".join(p.read_text(encoding="utf-8") for p in i18n.sources())
    literal = set(re.findall(r"translate\(\s*[\"'](\w+)[\"']", source))
    assert {m.context for m in MESSAGES} - classes - literal == set()


def test_placeholders_survive() -> None:
    for m, text in _texts():
        assert set(PLACEHOLDER.findall(text)) == set(PLACEHOLDER.findall(m.source)), (m, text)


def test_accelerators_use_the_taiwanese_form() -> None:
    """Accelerators take the Taiwanese form: "&File" becomes "檔案(&F)", the same letter in
    parentheses after the Chinese word."""
    for m, text in _texts():
        keys = re.findall(r"&(\w)", m.source)
        if keys:
            assert f"(&{keys[0].upper()})" in text, (m.source, text)
            assert text.count("&") == 1, (m.source, text)


def test_english_words_are_translated() -> None:
    """A translation has Chinese in it unless its source is only keys, names and symbols."""
    for source, text in _all_translations():
        words = re.sub(r"\{[^}]*\}", "", KEEP.sub("", source))  # {placeholders} are no words
        if re.search(r"[A-Za-z]{2,}", words):
            assert CJK.search(text), (source, text)


@pytest.fixture
def tool_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """The tool pointed at copies of the committed files, to break them on purpose."""
    ts, qm = tmp_path / i18n.TS.name, tmp_path / i18n.QM.name
    shutil.copyfile(i18n.TS, ts)
    shutil.copyfile(i18n.QM, qm)
    shutil.copyfile(i18n.MESSAGES, tmp_path / i18n.MESSAGES.name)
    monkeypatch.setattr(i18n, "MESSAGES", tmp_path / i18n.MESSAGES.name)
    monkeypatch.setattr(i18n, "TS", ts)
    monkeypatch.setattr(i18n, "QM", qm)
    monkeypatch.setattr(i18n, "ROOT", tmp_path.parent)  # messages name paths relative to it
    return ts, qm


def test_check_reports_new_unfinished_and_stale(tool_copy: tuple[Path, Path]) -> None:
    ts, qm = tool_copy
    text = ts.read_text(encoding="utf-8")
    text = text.replace("<translation>檔案(&amp;F)</translation>", "<translation></translation>")
    start = text.index("<source>Bias and fairness</source>")
    text = text[: text.rindex("<message>", 0, start)] + text[text.index("</message>", start) + 10 :]
    ts.write_text(text, encoding="utf-8")
    catalogue = json.loads(i18n.MESSAGES.read_text(encoding="utf-8"))
    catalogue["No timer is running."] = ""
    catalogue["{count} ideas kept"] = "已保留 {number} 個點子"
    del catalogue["Analysis done"]
    catalogue["A message the code no longer has"] = "程式已不再使用的訊息"
    i18n.MESSAGES.write_text(json.dumps(catalogue, ensure_ascii=False), encoding="utf-8")
    found = i18n.problems()
    assert any(p.startswith("untranslated") and "'No timer is running.'" in p for p in found)
    assert any(p.startswith("placeholders differ") and "{number}" in p for p in found), found
    assert any(p.startswith("new") and "'Analysis done'" in p for p in found), found
    assert any(p.startswith("no longer") and "no longer has" in p for p in found), found
    assert any("untranslated" in p and "'&File'" in p for p in found), found
    assert any(p.startswith("new") and "'Bias and fairness'" in p for p in found), found
    assert any("out of date" in p for p in found), found
    assert i18n.main(["check"]) == 1


def test_update_keeps_translations_and_rebuilds_the_qm(tool_copy: tuple[Path, Path]) -> None:
    ts, qm = tool_copy
    qm.write_bytes(b"stale")
    assert i18n.main(["update"]) == 0
    assert qm.read_bytes() != b"stale"
    after = {m.key: m.translations for m in i18n.read_messages(ts)}
    assert after == {m.key: m.translations for m in i18n.read_messages(COMMITTED_TS)}
    assert i18n.read_catalogue() == json.loads(
        (COMMITTED_TS.parent / i18n.MESSAGES.name).read_text(encoding="utf-8")
    )
    assert i18n.problems() == []


@pytest.fixture
def chinese(qapp: QtWidgets.QApplication) -> Iterator[None]:
    """The app's own start-up path for zh-TW; English again afterwards for the other tests."""
    translators = install_translators(qapp, "zh-TW")
    assert len(translators) == 2  # IdeaForge's and Qt's own (standard buttons, dialogs)
    try:
        yield
    finally:
        for t in translators:
            QtCore.QCoreApplication.removeTranslator(t)
            t.deleteLater()
    assert QtCore.QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_main_window_in_chinese(
    chinese: None, qtbot: QtBot, sqlite_url: str, tmp_path: Path
) -> None:
    from ideaforge.ui.main_window import MainWindow

    ws = Workspace(open_store(sqlite_url), "ada")
    try:
        s = ws.sessions.new("我們可以如何讓自行車通勤更安全？", values="安全優先於速度")
        for text in ("主要道路設置實體分隔的自行車道", "夜間騎乘燈具補助", "新手通勤路線導覽"):
            ws.ideas.add(s.id, text)
        w = MainWindow(ws)
        qtbot.addWidget(w)
        w.resize(1280, 800)
        w.show()
        qtbot.waitExposed(w)
        w.select_session(s.id)
        qtbot.waitUntil(lambda: w.ideas.rowCount() == 3)

        menus = [a.text() for a in w.menuBar().actions()]
        assert menus[:4] == ["檔案(&F)", "編輯(&E)", "檢視(&V)", "說明(&H)"]
        for title in menus:
            assert re.fullmatch(r"[\u3400-\u9fff]+\(&[A-Z]\)", title), title
        tabs = [w.tabs.tabText(i).lstrip("● ") for i in range(w.tabs.count())]
        assert tabs == ["1 · 發散", "2 · 收斂", "3 · 決策"]
        inner = [w.converge_tabs.tabText(i) for i in range(w.converge_tabs.count())]
        assert inner == ["主題與重複", "評分"]
        assert w.generate_button.text() == "產生點子"
        assert "發散" in w.phase_label.text()
        assert w.statusBar().currentMessage().startswith("資料庫：")
        actions = {a.text() for m in w.menuBar().findChildren(QtWidgets.QMenu) for a in m.actions()}
        assert {"新增場次(&N)…", "結束(&Q)", "復原(&U)", "重做(&R)"} <= actions
        qtbot.wait(50)  # let the phase bar lay out its new texts before the screenshot
        assert w.grab().save(str(tmp_path / "zh.png"))
    finally:
        ws.close()


def test_messages_from_the_services_follow_the_interface_language(
    chinese: None, qtbot: QtBot, sqlite_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Refusals, progress and filter reasons come from below the UI; the window's language
    reaches them."""
    from ideaforge.core.model import GenerationRun
    from ideaforge.ui.main_window import MainWindow, RejectedDialog

    run = GenerationRun("r1", 1, "qwen2.5-1.5b", "cpu", rejected={"echo": 1},
                        rejected_samples=[{"text": "好的！以下是點子：", "reason": "echo",
                                           "lens": "plain"}])  # fmt: skip
    dialog = RejectedDialog(run)
    qtbot.addWidget(dialog)
    assert dialog.table.item(0, 0).text() == "重複指示或閒聊，沒有給出點子"

    shown: list[str] = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda *a, **k: shown.append(a[2]))
    ws = Workspace(open_store(sqlite_url), "ada")
    try:
        s = ws.sessions.new("如何減少學校午餐的剩食？")
        w = MainWindow(ws)
        qtbot.addWidget(w)
        w.select_session(s.id)
        qtbot.waitUntil(lambda: w.current_session == s.id)
        w.idea_entry.setText("很" * 12_000)
        w.add_idea()
        assert shown and shown[-1].startswith("點子有 12,000 個字元；上限是 10,000。")
    finally:
        ws.close()


def test_lens_titles_follow_the_interface_language(
    qapp: QtWidgets.QApplication, qtbot: QtBot, sqlite_url: str
) -> None:
    from ideaforge.ui.app import interface_language
    from ideaforge.ui.main_window import MainWindow

    translators = install_translators(qapp, "zh-TW")
    ws = Workspace(open_store(sqlite_url), "ada")
    try:
        assert interface_language() == "zh-TW"
        w = MainWindow(ws)
        qtbot.addWidget(w)
        w._load_generation_choices()
        titles = [a.text() for a in w.lens_actions.values()]
        assert titles and all(any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in titles), titles
        w.close()
    finally:
        for t in translators:
            QtCore.QCoreApplication.removeTranslator(t)
        install_translators(qapp, "en")
        ws.close()
    assert interface_language() == "en"
