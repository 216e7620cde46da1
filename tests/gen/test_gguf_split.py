"""Joining a GGUF published in parts: the real tiny model's GGUF (from its package), split with
gguf-py's own writer the way gguf-split does, joined back byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from ideaforge.core.errors import ModelCorrupt
from ideaforge.core.progress import Cancelled, CancelToken
from ideaforge.gen import gguf_split, provision
from tests.gguf_parts import split_gguf


@pytest.fixture(scope="module")
def tiny_gguf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from ideaforge.gen.catalog import SMOLLM2_135M

    return provision.assemble_gguf(SMOLLM2_135M, tmp_path_factory.mktemp("gguf"))


@pytest.fixture(scope="module")
def parts(tiny_gguf: Path, tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    return split_gguf(tiny_gguf, tmp_path_factory.mktemp("parts"), 3)


def test_part_names_are_recognised() -> None:
    assert gguf_split.part_number("qwen2.5-7b-instruct-q4_k_m-00002-of-00002.gguf") == (
        "qwen2.5-7b-instruct-q4_k_m", 2, 2,
    )  # fmt: skip
    assert gguf_split.part_number("folder/m-00001-of-00003.gguf") == ("m", 1, 3)
    assert gguf_split.part_number("model.gguf") is None
    assert gguf_split.part_number("m-1-of-2.gguf") is None
    two = ["q-00002-of-00002.gguf", "q-00001-of-00002.gguf"]
    assert gguf_split.joined_name(two) == "q.gguf"  # in any order
    assert gguf_split.joined_name(two[:1]) is None  # a part missing
    assert gguf_split.joined_name([*two, "q-00001-of-00002.gguf"]) is None  # twice
    assert gguf_split.joined_name(["q-00001-of-00002.gguf", "r-00002-of-00002.gguf"]) is None
    assert gguf_split.joined_name(["a.gguf", "b.gguf"]) is None


def test_parts_join_back_into_the_original_file(
    tiny_gguf: Path, parts: list[Path], tmp_path: Path
) -> None:
    seen: list[tuple[int, int | None, str]] = []
    out = gguf_split.join(parts, tmp_path / "joined.gguf", lambda d, t, m: seen.append((d, t, m)))
    assert out.read_bytes() == tiny_gguf.read_bytes()
    assert not (tmp_path / "joined.gguf.joining").exists()
    total = seen[-1][1]
    assert total is not None and seen[-1][0] == total and seen[0][0] == 0
    assert seen[-1][2] == "Joining the 3 parts of joined.gguf"
    assert [d for d, _t, _m in seen] == sorted(d for d, _t, _m in seen)


def test_parts_out_of_order_or_missing_are_refused(parts: list[Path], tmp_path: Path) -> None:
    out = tmp_path / "joined.gguf"
    with pytest.raises(ModelCorrupt, match=r"says it is part 2 of 3, but it came as part 1 of 3"):
        gguf_split.join([parts[1], parts[0], parts[2]], out)
    with pytest.raises(ModelCorrupt, match=r"says it is part 1 of 3, but it came as part 1 of 2"):
        gguf_split.join(parts[:2], out)
    assert not out.exists() and not list(tmp_path.iterdir())


def test_a_damaged_part_is_refused(parts: list[Path], tmp_path: Path) -> None:
    broken = tmp_path / parts[1].name
    broken.write_bytes(parts[1].read_bytes()[:1000])  # cut short
    with pytest.raises(ModelCorrupt, match=rf"{broken.name} is not a readable GGUF file"):
        gguf_split.join([parts[0], broken, parts[2]], tmp_path / "joined.gguf")
    assert not (tmp_path / "joined.gguf").exists()


def test_cancel_leaves_nothing_behind(parts: list[Path], tmp_path: Path) -> None:
    token = CancelToken()

    def progress(done: int, total: int | None, _message: str) -> None:
        if done and total and done > total // 2:
            token.cancel()

    with pytest.raises(Cancelled):
        gguf_split.join(parts, tmp_path / "joined.gguf", progress, token)
    assert list(tmp_path.iterdir()) == []
