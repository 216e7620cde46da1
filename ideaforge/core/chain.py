"""The decision log's hash chain: each record's SHA-256 covers its content and the previous
record's hash, so changing, inserting or removing a record breaks every hash after it.

The hashed payload is canonical JSON (sorted keys, no spaces, UTF-8, no NaN): the same record
gives the same bytes on every platform and database.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

GENESIS = "0" * 64  # the "previous hash" of a session's first record


def canonical(payload: dict[str, Any]) -> bytes:
    return json.dumps(
        payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")


def record_hash(payload: dict[str, Any], prev_hash: str) -> str:
    """SHA-256 of the previous hash and the record's canonical JSON, as 64 hex digits."""
    digest = hashlib.sha256()
    digest.update(prev_hash.encode("ascii"))
    digest.update(b"\n")
    digest.update(canonical(payload))
    return digest.hexdigest()
