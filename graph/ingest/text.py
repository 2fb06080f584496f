"""Plain-text articles: the file name (without extension) is the document id."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ..document import Document, Rejected
from . import reader
from .decode import DecodeError, decode_bytes


@reader(".txt")
def read_text(path: Path) -> Iterator[Document | Rejected]:
    try:
        text = decode_bytes(path.read_bytes())
    except DecodeError as e:
        yield Rejected(str(path), str(e))
        return
    yield Document(id=path.stem, text=text, source=str(path))
