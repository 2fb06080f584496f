"""JSON Lines: one article per line with ``text`` and optional ``id``, ``url``, ``title``, ``date``.

A bad line is rejected with its line number; the other lines are still read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from ..document import Document, Rejected
from . import reader
from .decode import DecodeError, decode_bytes


@reader(".jsonl", ".ndjson")
def read_jsonl(path: Path) -> Iterator[Document | Rejected]:
    try:
        content = decode_bytes(path.read_bytes())
    except DecodeError as e:
        yield Rejected(str(path), str(e))
        return
    lines = content.split("\n")
    many = sum(1 for ln in lines if ln.strip()) > 1
    for n, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield Rejected(str(path), f"malformed JSON ({e.msg} at column {e.colno})", n)
            continue
        if not isinstance(obj, dict):
            yield Rejected(str(path), "a line must be a JSON object", n)
            continue
        text = obj.get("text")
        if not isinstance(text, str) or not text.strip():
            yield Rejected(str(path), "missing or empty \"text\"", n)
            continue
        doc_id = obj.get("id")
        if doc_id is None:
            doc_id = f"{path.stem}-{n}" if many else path.stem
        def opt(key):
            v = obj.get(key)
            return str(v) if v not in (None, "") else None
        yield Document(id=str(doc_id), text=text, source=str(path), url=opt("url"),
                       title=opt("title"), date=opt("date"), line=n)
