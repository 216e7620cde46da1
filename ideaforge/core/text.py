"""Cleaning and validation of free text typed by people or written by a model."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from ideaforge.core.errors import InvalidInput
from ideaforge.core.i18n import tr

MAX_CHALLENGE_CHARS = 2_000
MAX_IDEA_CHARS = 10_000
MAX_SHORT_CHARS = 200
MAX_LONG_TEXT_CHARS = 20_000

# C0/C1 controls except tab and newline, plus bidi overrides/isolates that can disguise text,
# plus zero-width characters that make equal-looking texts differ.
_UNWANTED = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u200c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_SPACES = re.compile(r"[ \t\u00a0\u3000]+")
_LINES = re.compile(r"\n{3,}")


def clean_text(text: str, *, multiline: bool = True) -> str:
    """Normalise text for storage: NFC, no control or invisible characters, tidy whitespace.

    Zero-width joiners (U+200D) stay: emoji sequences need them. Full-width spaces become plain
    spaces so that trimming works for Chinese input too.
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    # Lone surrogates cannot be stored or encoded as UTF-8.
    text = text.encode("utf-8", "replace").decode("utf-8")
    text = _UNWANTED.sub("", text)
    if not multiline:
        text = text.replace("\n", " ")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _LINES.sub("\n\n", "\n".join(lines)).strip()


def require_text(text: str | None, what: str, max_chars: int, *, multiline: bool = True) -> str:
    """Return cleaned text, or raise InvalidInput naming the field and the problem."""
    if text is None:
        raise InvalidInput(tr("{what} is missing.", what=tr(what)))
    cleaned = clean_text(text, multiline=multiline)
    if not cleaned:
        raise InvalidInput(tr("{what} is empty. Type at least one word.", what=tr(what)))
    if len(cleaned) > max_chars:
        raise InvalidInput(
            tr(
                "{what} is {length:,} characters long; the limit is {max_chars:,}. "
                "Shorten it, or put the detail in the session's intent.",
                what=tr(what),
                length=len(cleaned),
                max_chars=max_chars,
            )
        )
    return cleaned


def optional_text(text: str | None, what: str, max_chars: int) -> str:
    """Like require_text, but an empty value is allowed and returned as ''."""
    if text is None:
        return ""
    cleaned = clean_text(text)
    if len(cleaned) > max_chars:
        raise InvalidInput(
            tr(
                "{what} is {length:,} characters long; the limit is {max_chars:,}.",
                what=tr(what),
                length=len(cleaned),
                max_chars=max_chars,
            )
        )
    return cleaned


def require_path(value: str | Path) -> Path:
    """A file or folder name a person gave, as a Path; InvalidInput for one no file system
    accepts (a NUL character: open() and stat() would raise ValueError, not an OSError)."""
    if "\x00" in str(value):
        raise InvalidInput(
            tr("{name} is not a possible file name: it contains a NUL character.",
               name=repr(str(value)))
        )  # fmt: skip
    return Path(value)
