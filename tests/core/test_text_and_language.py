"""Cleaning untrusted text and detecting its language."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ideaforge.core.commands import SetIdeaStatus
from ideaforge.core.errors import InvalidInput
from ideaforge.core.language import detect_language
from ideaforge.core.model import IdeaStatus, Language
from ideaforge.core.text import MAX_CHALLENGE_CHARS, clean_text, require_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  hello   world  ", "hello world"),
        ("a\x00b\x07c", "abc"),  # control characters
        ("evil\u202etxt.exe", "eviltxt.exe"),  # bidi override
        ("zero\u200bwidth", "zerowidth"),
        ("cafe\u0301", "café"),  # NFC
        ("\ufeffBOM first", "BOM first"),
        ("全形\u3000空格", "全形 空格"),
        ("line1\r\n\r\n\r\n\r\nline2", "line1\n\nline2"),
        ("family 👨\u200d👩\u200d👧 stays", "family 👨\u200d👩\u200d👧 stays"),
        ("lone \ud800 surrogate", "lone ? surrogate"),
    ],
)
def test_clean_text(raw: str, expected: str) -> None:
    assert clean_text(raw) == expected


@given(st.text())
def test_clean_text_is_idempotent_and_encodable(raw: str) -> None:
    once = clean_text(raw)
    assert clean_text(once) == once
    once.encode("utf-8")


def test_require_text_errors_name_the_problem() -> None:
    with pytest.raises(InvalidInput, match="The challenge is empty"):
        require_text(" \u200b\t\n ", "The challenge", MAX_CHALLENGE_CHARS)
    with pytest.raises(InvalidInput, match=r"20,000 characters long; the limit is 2,000"):
        require_text("x" * 20_000, "The challenge", MAX_CHALLENGE_CHARS)
    with pytest.raises(InvalidInput, match="missing"):
        require_text(None, "The title", 10)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("How might we reduce food waste?", Language.EN),
        ("我們如何減少學校餐廳的食物浪費？", Language.ZH_TW),
        ("我們如何用 app 減少浪費？", Language.ZH_TW),
        ("How might we 減少 food waste in our 學校 cafeterias today?", Language.MIXED),
        ("12345 !!!", Language.EN),
    ],
)
def test_detect_language(text: str, lang: Language) -> None:
    assert detect_language(text) is lang


def test_status_command_inverse_round_trips() -> None:
    cmd = SetIdeaStatus(5, IdeaStatus.PRUNED, "too costly", previous_status=IdeaStatus.SHORTLISTED)
    inv = cmd.inverse()
    assert inv.status is IdeaStatus.SHORTLISTED
    assert inv.previous_reason == "too costly"
    assert inv.inverse() == cmd
