"""Join a GGUF published in parts (llama.cpp's gguf-split: name-00001-of-00002.gguf, ...) into
one file, as ``gguf-split --merge`` does, so it can be converted like any other GGUF.

Each part is a GGUF of its own: the first holds the model's metadata, every part holds some of
the tensors, and ``split.no``/``split.count``/``split.tensors.count`` say how they fit together.
The parts are read memory-mapped and the tensors written one at a time, so joining needs little
memory whatever the model's size. The result is written to a temporary name and renamed, so a
cancelled or failed join never leaves a file that looks complete.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

from ideaforge.core.errors import ModelCorrupt
from ideaforge.core.i18n import tr
from ideaforge.core.progress import CancelToken, Progress, no_progress

SPLIT_NO, SPLIT_COUNT, SPLIT_TENSORS = "split.no", "split.count", "split.tensors.count"
PART_NAME = re.compile(r"^(?P<stem>.+)-(?P<no>\d{5})-of-(?P<count>\d{5})\.gguf$")


def part_number(name: str) -> tuple[str, int, int] | None:
    """('qwen2.5-7b-instruct-q4_k_m', 1, 2) for 'qwen2.5-7b-instruct-q4_k_m-00001-of-00002.gguf'
    (the file name gguf-split gives each part), else None."""
    m = PART_NAME.match(Path(name).name)
    return (m["stem"], int(m["no"]), int(m["count"])) if m else None


def joined_name(parts: Sequence[str]) -> str | None:
    """The name of the joined file if ``parts`` are all the parts of one split GGUF, in any
    order; None if they are not."""
    numbers = [part_number(p) for p in parts]
    if not numbers or any(n is None for n in numbers):
        return None
    stems = {n[0] for n in numbers if n}
    counts = {n[2] for n in numbers if n}
    found = sorted(n[1] for n in numbers if n)
    if len(stems) != 1 or counts != {len(parts)} or found != list(range(1, len(parts) + 1)):
        return None
    return f"{stems.pop()}.gguf"


def _value(reader: object, key: str) -> int | None:
    field = reader.fields.get(key)  # type: ignore[attr-defined]
    return None if field is None else int(field.contents())


def join(
    parts: Sequence[Path],
    out: Path,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> Path:
    """Join ``parts`` (in part order) into ``out``. Raises ModelCorrupt if they are not the
    complete, matching parts of one model; Cancelled if cancelled (nothing is left behind)."""
    import gguf  # lazy: numpy and gguf-py load only when a split model is installed

    readers = []
    for i, path in enumerate(parts):
        try:
            reader = gguf.GGUFReader(path)
        except Exception as error:  # gguf-py raises ValueError, struct.error, IndexError...
            raise ModelCorrupt(
                tr("{file} is not a readable GGUF file: {error}", file=path.name, error=error)
            ) from error
        number, count = _value(reader, SPLIT_NO), _value(reader, SPLIT_COUNT)
        if number != i or count != len(parts):
            raise ModelCorrupt(
                tr(
                    "{file} says it is part {number} of {count}, but it came as part {expected} of "
                    "{parts}: the parts do not belong together.",
                    file=path.name,
                    number="?" if number is None else number + 1,
                    count="?" if count is None else count,
                    expected=i + 1,
                    parts=len(parts),
                )
            )
        readers.append(reader)
    first = readers[0]
    tensors = [t for r in readers for t in r.tensors]
    expected = _value(first, SPLIT_TENSORS)
    if expected is not None and expected != len(tensors):
        raise ModelCorrupt(
            tr(
                "The parts of {file} hold {found} tensors, but the model has {expected}: a part "
                "is missing or damaged.",
                file=parts[0].name,
                found=len(tensors),
                expected=expected,
            )
        )
    arch = first.fields[gguf.Keys.General.ARCHITECTURE].contents()
    tmp = out.with_name(out.name + ".joining")
    writer = gguf.GGUFWriter(tmp, arch, endianess=first.endianess)
    try:
        for field in first.fields.values():
            # the writer adds the architecture and the GGUF.* header fields itself
            if field.name == gguf.Keys.General.ARCHITECTURE or field.name.startswith("GGUF."):
                continue
            if field.name in (SPLIT_NO, SPLIT_COUNT, SPLIT_TENSORS):
                continue
            kind = field.types[0]
            sub = field.types[-1] if kind == gguf.GGUFValueType.ARRAY else None
            writer.add_key_value(field.name, field.contents(), kind, sub_type=sub)
        for t in tensors:
            writer.add_tensor_info(t.name, t.data.shape, t.data.dtype, t.data.nbytes,
                                   t.tensor_type)  # fmt: skip
        total = sum(int(t.n_bytes) for t in tensors)
        done = 0
        message = tr("Joining the {parts} parts of {file}", parts=len(parts), file=out.name)
        progress(0, total, message)
        writer.write_header_to_file()
        writer.write_kv_data_to_file()
        writer.write_ti_data_to_file()
        for r in readers:
            for t in r.tensors:
                if cancel is not None:
                    cancel.raise_if_cancelled()
                writer.write_tensor_data(t.data, tensor_endianess=r.endianess)
                done += int(t.n_bytes)
                progress(done, total, message)
        writer.close()
        os.replace(tmp, out)
    except BaseException:
        writer.close()
        tmp.unlink(missing_ok=True)
        raise
    return out
