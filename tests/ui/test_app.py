"""Start-up choices of the app: interface language, and unexpected errors shown without a
traceback (details go to a log file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ideaforge.core.errors import InvalidInput
from ideaforge.ui.app import _excepthook, choose_language
from ideaforge.ui.qt import QtWidgets


@pytest.mark.parametrize(
    ("pref", "system", "expected"),
    [
        ("", "zh_TW", "zh-TW"),
        ("", "zh_HK", "zh-TW"),
        ("", "zh_Hant_TW", "zh-TW"),
        ("", "zh_CN", "en"),  # Simplified Chinese readers get English rather than the wrong script
        ("", "zh_Hans_CN", "en"),
        ("", "en_US", "en"),
        ("", "C", "en"),
        ("en", "zh_TW", "en"),  # the setting wins over the system
        ("zh-TW", "de_DE", "zh-TW"),
        ("klingon", "en_GB", "en"),  # an unknown setting is ignored
    ],
)
def test_choose_language(pref: str, system: str, expected: str) -> None:
    assert choose_language(pref, system) == expected


def test_unexpected_error_is_logged_and_shown_without_traceback(
    qtbot: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QtWidgets.QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    hook = _excepthook(tmp_path / "logs")
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError as error:
        hook(type(error), error, error.__traceback__)  # type: ignore[operator]
    log = (tmp_path / "logs" / "ideaforge.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "ZeroDivisionError" in log
    assert len(shown) == 1 and "ZeroDivisionError: division by zero" in shown[0]
    assert "Traceback" not in shown[0] and str(tmp_path / "logs") in shown[0]
    # A known problem is shown as its own message.
    hook(InvalidInput, InvalidInput("The idea is empty."), None)  # type: ignore[operator]
    assert shown[-1] == "The idea is empty."
