"""Messages made outside the Qt interface (errors, refusals, progress, filter reasons, CLI) in
the person's language.

Code writes the English text as a ``str.format`` template and passes the values by name::

    raise InvalidInput(tr("Ask for 1 to {limit:,} ideas; got {count}.", limit=MAX, count=n))

``tr`` looks the template up in the catalogue of the current language
(``resources/i18n/messages_<lang>.json``, English template -> translated template) and fills in
the values. Text that must stay English where it is made (a table of reasons) is marked with
``N_`` and translated with ``tr`` where it is shown. ``packaging/i18n.py`` extracts every
template from the code and checks that each has a translation with the same placeholders.

The language is process-wide: the GUI sets it with its interface language, the CLI from
``IDEAFORGE_LANG`` or the locale. A translation that cannot be filled in (a broken catalogue
entry) falls back to the English text, never to an error.
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

CATALOGUES = Path(__file__).resolve().parents[2] / "resources" / "i18n"
LANGUAGES = ("en", "zh-TW")
ENV_LANG = "IDEAFORGE_LANG"

_language = "en"


def choose_language(preference: str | None, system: str) -> str:
    """The interface language: the setting if any, else Traditional Chinese for a Chinese
    locale (Taiwan, Hong Kong, Macau or any Hant script), else English."""
    if preference in LANGUAGES:
        return str(preference)
    name = system.replace("-", "_")
    if name.startswith("zh") and ("Hans" not in name) and not name.startswith(("zh_CN", "zh_SG")):
        return "zh-TW"
    return "en"


def system_locale() -> str:
    """The locale name from the environment (LC_ALL, LC_MESSAGES, LANG), "" if none."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return value.split(".")[0]
    return ""


def set_language(language: str) -> None:
    """Make ``language`` ("en" or "zh-TW") the language of every message from now on."""
    global _language
    _language = language if language in LANGUAGES else "en"


def language() -> str:
    return _language


@cache
def catalogue(language: str) -> dict[str, str]:
    """English template -> translated template for ``language`` (empty for English or when the
    catalogue is missing or unreadable: messages then stay English)."""
    if language == "en":
        return {}
    path = CATALOGUES / f"messages_{language.replace('-', '_')}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(k): str(v) for k, v in data.items() if v}


def N_(template: str) -> str:
    """Mark ``template`` for translation without translating it here (``tr`` it when shown)."""
    return template


def tr(template: str, /, **values: Any) -> str:
    """``template`` in the current language, with ``values`` filled in."""
    translated = catalogue(_language).get(template, template)
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):
        return template.format(**values)


# The Qt interface shows texts marked with ``N_`` through this name: ``tr`` there is Qt's own,
# and pyside6-lupdate would take a bare ``tr("...")`` call for one of its strings.
localize = tr
