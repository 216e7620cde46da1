"""Which language a text is written in, by script: enough to route prompts and embedders."""

from __future__ import annotations

from ideaforge.core.model import Language


def _is_han(ch: str) -> bool:
    cp = ord(ch)
    return (
        0x4E00 <= cp <= 0x9FFF  # CJK unified
        or 0x3400 <= cp <= 0x4DBF  # extension A
        or 0x20000 <= cp <= 0x2EBEF  # extensions B-F
        or 0xF900 <= cp <= 0xFAFF  # compatibility
    )


def detect_language(text: str) -> Language:
    """EN, ZH_TW or MIXED from the share of Han characters among letters.

    Chinese needs far fewer characters than English for the same content, so a text whose
    letters are at least 60% Han reads as Chinese, and one with a few Han characters as mixed.
    """
    han = sum(1 for ch in text if _is_han(ch))
    latin = sum(1 for ch in text if ch.isascii() and ch.isalpha())
    letters = han + latin
    if letters == 0 or han == 0:
        return Language.EN
    share = han / letters
    if share >= 0.6:
        return Language.ZH_TW
    return Language.MIXED
