"""Join codes: a short text a facilitator reads out or pastes, that names the database and the
session. It is the connection string and session number, compressed and spelled in letters and
digits that survive being read aloud (Crockford's base 32), in groups of four.

A code holds the password when the connection string has one: share it as you would the
connection string itself.
"""

from __future__ import annotations

import zlib

from ideaforge.core.errors import InvalidInput
from ideaforge.core.i18n import tr

PREFIX = "IF1"
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U
_READ_AS = {"O": "0", "I": "1", "L": "1"}
# Connection string schemes, spelled short inside the code (a control character cannot clash).
_SCHEMES = (("postgresql+psycopg://", "\x02"), ("postgresql://", "\x01"), ("sqlite:///", "\x03"))


def _b32(data: bytes) -> str:
    n = int.from_bytes(b"\x01" + data, "big")  # the leading 1 keeps leading zero bytes
    out = []
    while n:
        n, r = divmod(n, 32)
        out.append(_ALPHABET[r])
    return "".join(reversed(out))


def _unb32(text: str) -> bytes:
    n = 0
    for ch in text:
        n = n * 32 + _ALPHABET.index(ch)
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    if not raw or raw[0] != 1:
        raise ValueError("bad prefix byte")
    return raw[1:]


def encode(url: str, session_id: int) -> str:
    """The join code for a session in the database at ``url``."""
    if session_id < 1:
        raise InvalidInput(tr("A join code needs a saved session."))
    text = f"{session_id}\n{url}".encode()
    for long, short in _SCHEMES:
        text = text.replace(long.encode(), short.encode(), 1)
    packed = zlib.compress(text, 9)
    payload = b"z" + packed if len(packed) < len(text) else b"r" + text
    check = zlib.crc32(payload) & 0x3FF  # two letters that catch most typing slips
    body = _b32(payload) + _ALPHABET[check >> 5] + _ALPHABET[check & 31]
    groups = [body[i : i + 4] for i in range(0, len(body), 4)]
    return "-".join([PREFIX, *groups])


def decode(code: str) -> tuple[str, int]:
    """(connection string, session id) from a join code; InvalidInput for anything else."""
    cleaned = "".join(code.split()).upper().replace("-", "")
    if not cleaned.startswith(PREFIX) or len(cleaned) < len(PREFIX) + 4:
        raise InvalidInput(
            tr(
                "'{code}' is not an IdeaForge join code (IF1-...).",
                code=code.strip()[:40],
            )
        )
    body = "".join(_READ_AS.get(ch, ch) for ch in cleaned[len(PREFIX) :])
    if any(ch not in _ALPHABET for ch in body):
        raise InvalidInput(tr("The join code has a character that is not in any join code."))
    data, check = body[:-2], body[-2:]
    try:
        payload = _unb32(data)
        ok = zlib.crc32(payload) & 0x3FF == _ALPHABET.index(check[0]) * 32 + _ALPHABET.index(
            check[1]
        )
        if not ok:
            raise ValueError("checksum")
        kind, rest = payload[:1], payload[1:]
        text = (zlib.decompress(rest) if kind == b"z" else rest if kind == b"r" else b"").decode()
        for long, short in _SCHEMES:
            text = text.replace(short, long, 1)
        sid, url = text.split("\n", 1)
        return url, int(sid)
    except (ValueError, zlib.error, UnicodeDecodeError):
        raise InvalidInput(
            tr("The join code is mistyped or incomplete; check it with the facilitator.")
        ) from None
