"""Bytes to text: UTF-8 (with or without BOM), UTF-16, Windows-1258, then NFC.

>>> decode_bytes("Sở Công Thương".encode("utf-16"))
'Sở Công Thương'
>>> decode_bytes("Ti\u0309nh u\u0309y".encode("cp1258"))
'Tỉnh ủy'
"""

from __future__ import annotations

import codecs
import unicodedata


class DecodeError(ValueError):
    pass


_VIETNAMESE_HINT = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


def _plausible(text: str) -> bool:
    if not text.strip():
        return True
    bad = sum(1 for c in text if (unicodedata.category(c) in ("Cc", "Co", "Cn") and c not in "\n\r\t\f"))
    return bad <= max(2, len(text) // 1000)


def decode_bytes(data: bytes) -> str:
    """Decode an article file; raise ``DecodeError`` with a plain reason when it is not text."""
    if not data or not data.strip():
        raise DecodeError("empty file")
    if data.startswith(codecs.BOM_UTF8):
        text = data[3:].decode("utf-8", errors="strict")
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16")
    else:
        text = None
        nul = data.count(b"\x00")
        if nul:
            # UTF-16 without BOM: every other byte of ASCII text is NUL.
            for enc in ("utf-16-le", "utf-16-be"):
                half = data[1::2] if enc == "utf-16-le" else data[0::2]
                if nul >= len(data) // 4 and half.count(b"\x00") >= len(half) * 0.6:
                    try:
                        text = data.decode(enc)
                        break
                    except UnicodeDecodeError:
                        pass
            if text is None:
                raise DecodeError("binary file (contains NUL bytes), not text")
        if text is None:
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text = _decode_legacy(data)
    if not _plausible(text):
        raise DecodeError("binary or undecodable content (control characters in the text)")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise DecodeError("empty file")
    return text


def _decode_legacy(data: bytes) -> str:
    try:
        text = data.decode("cp1258")
        if sum(1 for c in unicodedata.normalize("NFC", text).lower() if c in _VIETNAMESE_HINT) > 0:
            return text
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("undecodable: not UTF-8, UTF-16 or Windows-1258 text")
    return str(best)
