"""Which script a Chinese text is written in, judged character by character from OpenCC's tables.

Used by idea_quality.py and opencc_compare.py. Two definitions, so they check each other:

- strict (the one reported first): a character is Simplified-only when OpenCC's
  STCharacters table maps it to Traditional forms and none of them is the character itself
  (软 -> 軟). Characters that are also correct Traditional (干 -> 幹/乾/干, 里 -> 裏/里,
  台 -> 臺/台, 后 -> 後/后) do not count, nor do the Taiwan standard forms that OpenCC's
  Traditional spells differently (TWVariants targets: 群 for 羣, 峰 for 峯, 床 for 牀), except
  么, which Taiwan keeps for 幺 but which in running text is the Simplified 麼 (什么). A
  Traditional-only character is the mirror image in TSCharacters (軟 -> 软). Cross-check: a Simplified-only character should be left alone by
  t2s and should not be Traditional-only; characters_report() counts the exceptions.
- lenient: OpenCC s2t changes the character on its own. This also flags the characters
  that are valid in Traditional text (干, 里, 台, 万, 于, ...): an upper bound.

The tables are read from the opencc wheel with its own opencc_dict tool; without it, the
strict definition falls back to "s2tw changes it and t2s does not" over the CJK blocks.
"""

from __future__ import annotations

import subprocess
import tempfile
from functools import cache
from pathlib import Path

HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


def is_han(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in HAN_RANGES) or 0x20000 <= cp <= 0x2EBEF


@cache
def converter(config: str):  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC(config)


def convert(config: str, text: str) -> str:
    return str(converter(config).convert(text))


def _read_table(name: str) -> dict[str, list[str]] | None:
    import opencc

    root = Path(opencc.__file__).resolve().parent / "clib"
    tool, table = root / "bin" / "opencc_dict", root / "share" / "opencc" / f"{name}.ocd2"
    if not (tool.is_file() and table.is_file()):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"{name}.txt"
        done = subprocess.run(
            [str(tool), "-i", str(table), "-o", str(out), "-f", "ocd2", "-t", "text"],
            capture_output=True,
            check=False,
        )
        if done.returncode != 0 or not out.is_file():
            return None
        rows = {}
        for line in out.read_text(encoding="utf-8").splitlines():
            key, _, values = line.partition("\t")
            rows[key] = values.split(" ")
        return rows


@cache
def tables() -> tuple[frozenset[str], frozenset[str], str]:
    """(Simplified-only characters, Traditional-only characters, where they came from)."""
    st, ts = _read_table("STCharacters"), _read_table("TSCharacters")
    tw = _read_table("TWVariants")
    if st is not None and ts is not None and tw is not None:
        taiwan = {x for forms in tw.values() for x in forms} - {"么"}
        simp = frozenset(k for k, v in st.items() if len(k) == 1 and k not in v) - taiwan
        trad = frozenset(k for k, v in ts.items() if len(k) == 1 and k not in v)
        return simp, trad, "OpenCC STCharacters/TSCharacters/TWVariants"
    chars = [chr(i) for lo, hi in HAN_RANGES for i in range(lo, hi + 1)]
    simp = frozenset(
        c for c in chars if (convert("s2tw", c) != c and convert("t2s", c) == c) or c == "么"
    )
    trad = frozenset(c for c in chars if convert("t2s", c) != c and convert("s2t", c) == c)
    return simp, trad, "OpenCC s2tw/t2s per character (tables unreadable)"


def simplified_only(text: str) -> list[str]:
    """The Simplified-only characters in text (strict definition), in order."""
    simp = tables()[0]
    return [ch for ch in text if ch in simp]


def traditional_only(text: str) -> list[str]:
    trad = tables()[1]
    return [ch for ch in text if ch in trad]


def s2t_changes(text: str) -> list[str]:
    """Han characters that s2t changes on their own (lenient definition)."""
    return [ch for ch in text if is_han(ch) and convert("s2t", ch) != ch]


def han_count(text: str) -> int:
    return sum(is_han(ch) for ch in text)


def characters_report() -> str:
    simp, trad, source = tables()
    t2s_changes = sorted(c for c in simp if convert("t2s", c) != c)
    both = sorted(simp & trad)
    return (
        f"script tables: {source}; {len(simp):,} Simplified-only and {len(trad):,} "
        f"Traditional-only characters; cross-check: {len(t2s_changes)} Simplified-only "
        f"characters that t2s changes ({''.join(t2s_changes)}), {len(both)} in both sets "
        f"({''.join(both)})"
    )
