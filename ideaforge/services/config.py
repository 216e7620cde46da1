"""Where things live: data folder, database URL, model folder, device. Set by option or env."""

from __future__ import annotations

import contextlib
import getpass
import os
from dataclasses import dataclass
from pathlib import Path

from ideaforge.core.i18n import tr

ENV_DATA_DIR = "IDEAFORGE_DATA_DIR"
ENV_DB = "IDEAFORGE_DB"
ENV_MODEL_DIR = "IDEAFORGE_MODEL_DIR"
ENV_DEVICE = "IDEAFORGE_DEVICE"
ENV_USER = "IDEAFORGE_USER"
DEVICES = ("auto", "cpu", "cuda")


@dataclass(frozen=True, slots=True)
class Settings:
    data_dir: Path
    db_url: str
    model_dir: Path
    device: str
    user: str

    @property
    def is_embedded(self) -> bool:
        return self.db_url.startswith("sqlite")


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("IdeaForge", appauthor=False))


def default_user() -> str:
    try:
        return getpass.getuser() or "me"
    except Exception:  # no login name (containers, some Windows services)
        return "me"


def load_settings(
    *,
    db: str | None = None,
    data_dir: str | Path | None = None,
    model_dir: str | Path | None = None,
    device: str | None = None,
    user: str | None = None,
) -> Settings:
    """Options win over environment variables, which win over the defaults."""
    base = Path(data_dir or os.environ.get(ENV_DATA_DIR) or default_data_dir()).expanduser()
    url = db or os.environ.get(ENV_DB) or f"sqlite:///{base / 'ideaforge.db'}"
    if "://" not in url:  # a plain path is taken as an SQLite file
        url = f"sqlite:///{Path(url).expanduser().resolve()}"
    models = Path(model_dir or os.environ.get(ENV_MODEL_DIR) or base / "models").expanduser()
    dev = (device or os.environ.get(ENV_DEVICE) or "auto").lower()
    if dev not in DEVICES:
        from ideaforge.core.errors import InvalidInput

        raise InvalidInput(
            tr(
                "Device '{dev}' is not one of {devices}.",
                dev=dev,
                devices=", ".join(DEVICES),
            )
        )
    who = (user or os.environ.get(ENV_USER) or default_user()).strip() or "me"
    return Settings(data_dir=base, db_url=url, model_dir=models, device=dev, user=who)


PREFS_FILE = "settings.json"


def read_prefs(data_dir: Path) -> dict[str, object]:
    """Preferences a person chose in the app (active model, ...); {} when none or unreadable."""
    import json

    try:
        data = json.loads((data_dir / PREFS_FILE).read_text(encoding="utf-8"))
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def write_prefs(data_dir: Path, **changes: object) -> dict[str, object]:
    """Merge ``changes`` into the preferences file, atomically (temp file, then rename)."""
    import json
    import tempfile

    prefs = read_prefs(data_dir) | changes
    target = data_dir / PREFS_FILE
    tmp: str | None = None
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=data_dir, prefix=".settings-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(prefs, fh, indent=2)
        os.replace(tmp, target)
    except OSError as error:  # a full disk or a read-only data folder: say so, leave no litter
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        from ideaforge.store.errors import classify

        specific = classify(error, f"'{target}'")
        if specific is None:
            raise
        raise specific from error
    return prefs
