"""IdeaForge: local-first design-thinking brainstorming."""

import os

__version__ = "0.1.0"

# Offline by default: no library may look anything up on a model hub on its own. Model
# downloads happen only through IdeaForge's own downloader, when a person starts one.
for _var in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
    os.environ[_var] = "1"
for _var in ("HF_HUB_DISABLE_TELEMETRY", "HF_HUB_DISABLE_IMPLICIT_TOKEN", "DO_NOT_TRACK"):
    os.environ[_var] = "1"
