"""Write a real GGUF as gguf-split parts (name-00001-of-0000N.gguf), with gguf-py's own writer,
for the tests of joining them."""

from __future__ import annotations

import math
from pathlib import Path


def split_gguf(source: Path, out_dir: Path, parts: int) -> list[Path]:
    """Split ``source`` into ``parts`` files in ``out_dir``, the way gguf-split does (the first
    part holds the metadata; split.no, split.count and split.tensors.count in each)."""
    import gguf

    reader = gguf.GGUFReader(source)
    arch = reader.fields[gguf.Keys.General.ARCHITECTURE].contents()
    per_part = math.ceil(len(reader.tensors) / parts)
    writer = gguf.GGUFWriter(out_dir / source.name, arch, split_max_tensors=per_part)
    for field in reader.fields.values():
        if field.name == gguf.Keys.General.ARCHITECTURE or field.name.startswith("GGUF."):
            continue
        kind = field.types[0]
        sub = field.types[-1] if kind == gguf.GGUFValueType.ARRAY else None
        writer.add_key_value(field.name, field.contents(), kind, sub_type=sub)
    for t in reader.tensors:
        writer.add_tensor_info(t.name, t.data.shape, t.data.dtype, t.data.nbytes, t.tensor_type)
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_ti_data_to_file()
    for t in reader.tensors:
        writer.write_tensor_data(t.data)
    writer.close()
    stem = source.stem
    written = [out_dir / f"{stem}-{i:05d}-of-{parts:05d}.gguf" for i in range(1, parts + 1)]
    assert all(p.is_file() for p in written), sorted(out_dir.iterdir())
    return written
