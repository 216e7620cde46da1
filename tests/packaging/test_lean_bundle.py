"""A desktop bundle built without the default model's weights (--lean): it starts with the tiny
model, and asking for the default model says what to do in the bundle (no pip there). From
source, a missing package is still an error that says how to install it."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ideaforge.core.errors import ModelMissing
from ideaforge.gen.catalog import BUILTIN, DEFAULT_MODEL, TINY_MODEL, SourceFile
from ideaforge.gen.provision import locate_sources, weights_installed
from ideaforge.services.config import load_settings, write_prefs
from ideaforge.services.workspace import Workspace
from ideaforge.store import open_store

DEFAULT = BUILTIN[DEFAULT_MODEL]
WITHOUT_WEIGHTS = dataclasses.replace(
    DEFAULT, sources=(*DEFAULT.sources[:1], SourceFile("ideaforge-no-such-weights", "x.bin"))
)


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    settings = load_settings(data_dir=tmp_path / "data", db=str(tmp_path / "lean.db"))
    workspace = Workspace(open_store(settings.db_url), "ada", settings)
    yield workspace
    workspace.close()


def test_weights_installed_needs_every_package() -> None:
    assert weights_installed(DEFAULT) and weights_installed(BUILTIN[TINY_MODEL])
    assert not weights_installed(WITHOUT_WEIGHTS)


def test_missing_weights_from_source_say_how_to_install() -> None:
    with pytest.raises(ModelMissing, match="'ideaforge-no-such-weights', which is not installed"):
        locate_sources(WITHOUT_WEIGHTS)


def test_missing_weights_in_a_bundle_point_to_the_tiny_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    with pytest.raises(ModelMissing) as error:
        locate_sources(WITHOUT_WEIGHTS)
    message = str(error.value)
    assert message.startswith("This copy of IdeaForge was built without the weights of Qwen2.5")
    assert f"'models use {TINY_MODEL}'" in message and "pip" not in message


def test_a_lean_bundle_starts_with_the_tiny_model(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert ws.models.active() == DEFAULT_MODEL  # from source, with the weights installed
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert ws.models.active() == DEFAULT_MODEL  # a full bundle: they are in it
    monkeypatch.setitem(BUILTIN, DEFAULT_MODEL, WITHOUT_WEIGHTS)
    assert ws.models.active() == TINY_MODEL  # a lean bundle
    assert [m.name for m in ws.models.available() if m.active] == [TINY_MODEL]
    write_prefs(ws.settings.data_dir, model=DEFAULT_MODEL)  # a choice a person made stays
    assert ws.models.active() == DEFAULT_MODEL


def test_from_source_a_missing_default_model_stays_the_default(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(BUILTIN, DEFAULT_MODEL, WITHOUT_WEIGHTS)
    assert ws.models.active() == DEFAULT_MODEL  # and preparing it says what to install
