"""Prompt design: lenses (from resources/lenses.json), per-language templates, lens rotation.

The design follows what was measured (MODELS.md): no few-shot examples (their topic leaked into
a third of outputs), no forced starting verb, and a numbered list of a few ideas per sequence
with the assistant's turn prefilled with "1." (same usable share, about 2.7x the ideas/min).
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ideaforge.core.errors import InvalidInput
from ideaforge.core.i18n import tr
from ideaforge.core.model import Language

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
IDEAS_PER_LIST = 5
MAX_AVOID = 5  # each line costs prefill time on every sequence


@dataclass(frozen=True, slots=True)
class Lens:
    id: str
    group: str
    wild: bool
    title: dict[str, str]
    instruction: dict[str, str]

    def title_for(self, lang: str) -> str:
        return self.title.get(lang) or self.title["en"]


@cache
def load_lenses(path: Path | None = None) -> dict[str, Lens]:
    data = json.loads((path or RESOURCES / "lenses.json").read_text(encoding="utf-8"))
    return {
        d["id"]: Lens(d["id"], d["group"], bool(d["wild"]), d["title"], d["instruction"])
        for d in data["lenses"]
    }


def lens_groups() -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {}
    for lens in load_lenses().values():
        groups.setdefault(lens.group, []).append(lens.id)
    return groups


def resolve_lenses(names: list[str] | None) -> list[Lens]:
    """Lens ids or group names (SCAMPER, persona, ...); none or "all": every lens but plain."""
    lenses = load_lenses()
    if not names or names == ["all"]:
        return [lens for lens in lenses.values() if lens.id != "plain"]
    groups = {g.lower(): ids for g, ids in lens_groups().items()}
    chosen: list[Lens] = []
    for name in names:
        key = name.strip()
        if key in lenses:
            chosen.append(lenses[key])
        elif key.lower() in groups:
            chosen.extend(lenses[i] for i in groups[key.lower()])
        else:
            known = ", ".join([*lens_groups(), *lenses])
            raise InvalidInput(
                tr("'{name}' is not a lens or lens group. Known: {known}.", name=name, known=known)
            )
    return list({lens.id: lens for lens in chosen}.values())


def lens_plan(lenses: list[Lens], sequences: int, seed: int) -> list[Lens]:
    """Rotate lenses across sequences so each gets an even share, in a seeded order."""
    order = list(lenses)
    random.Random(seed).shuffle(order)
    return [order[i % len(order)] for i in range(sequences)]


SYSTEM = {
    "en": "You write short, concrete, practical ideas for a design-thinking brainstorm. "
    "No commentary.",
    "zh-TW": "你用繁體中文（台灣用語）為設計思考腦力激盪寫出簡短、具體、可行的點子，不加評論。",
}

LIST_TASK = {
    "en": "Write {k} different ideas for this challenge. Each idea is one sentence of at most 25 "
    "words that says what to do, who does it, and how. Do not repeat the challenge. "
    "Number them 1 to {k}.",
    "zh-TW": "請針對這個挑戰寫出 {k} 個不同的點子。每個點子一句話、不超過四十個字，說明要做什麼、"
    "由誰來做、怎麼做。不要重述挑戰本身。用繁體中文，編號 1 到 {k}。",
}

ONE_TASK = {
    "en": "Write one idea for this challenge in one sentence of at most 25 words that says what "
    "to do, who does it, and how. Reply with the idea only.",
    "zh-TW": "請針對這個挑戰寫出一個點子，一句話、不超過四十個字，說明要做什麼、由誰來做、怎麼做。"
    "只回覆點子本身，用繁體中文。",
}

LABELS = {
    "en": {
        "challenge": "Challenge",
        "lens": "Angle",
        "avoid": "Ideas we already have (write different ones)",
    },
    "zh-TW": {
        "challenge": "挑戰",
        "lens": "思考角度",
        "avoid": "我們已經有這些點子（請寫不一樣的）",
    },
}


def prompt_language(lang: Language) -> str:
    return "zh-TW" if lang is Language.ZH_TW else "en"


def sequence_language(lang: Language, index: int) -> Language:
    """The language sequence ``index`` of a run writes in: the session's, except that a mixed
    session alternates Traditional Chinese (even sequences) and English (odd), so its ideas come
    in both languages and each list stays in one."""
    if lang is Language.MIXED:
        return Language.ZH_TW if index % 2 == 0 else Language.EN
    return lang


def build_messages(
    challenge: str,
    lens: Lens,
    lang: Language,
    *,
    list_size: int = IDEAS_PER_LIST,
    avoid: list[str] | None = None,
) -> list[dict[str, str]]:
    """Chat messages for one sequence: a list of ``list_size`` ideas (or one when list_size=1)."""
    pl = prompt_language(lang)
    labels = LABELS[pl]
    parts = [f"{labels['challenge']}: {challenge}"]
    instruction = lens.instruction.get(pl) or lens.instruction.get("en", "")
    if instruction:
        parts.append(f"{labels['lens']}: {instruction}")
    if avoid:
        shown = "\n".join(f"- {a}" for a in avoid[:MAX_AVOID])
        parts.append(f"{labels['avoid']}:\n{shown}")
    task = LIST_TASK[pl].format(k=list_size) if list_size > 1 else ONE_TASK[pl]
    parts.append(task)
    return [
        {"role": "system", "content": SYSTEM[pl]},
        {"role": "user", "content": "\n\n".join(parts)},
    ]


def prefill(list_size: int) -> str:
    return "1." if list_size > 1 else ""
