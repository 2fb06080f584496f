"""Readers, one per kind of input, registered by file suffix.

``read_paths(paths)`` walks files and folders (recursively) and yields, for each article, a
``Document`` or a ``Rejected`` naming the file (and line) and the reason. A reader is a
function ``(path) -> Iterator[Document | Rejected]`` registered with ``@reader(".suffix")``.

>>> sorted(READERS)
['.htm', '.html', '.jsonl', '.ndjson', '.txt']
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..document import Document, Rejected

Reader = Callable[[Path], Iterator["Document | Rejected"]]
READERS: dict[str, Reader] = {}


def reader(*suffixes: str):
    def register(fn: Reader) -> Reader:
        for s in suffixes:
            READERS[s] = fn
        return fn
    return register


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | Rejected]:
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in READERS and not f.name.startswith("."):
                    yield f
        elif p.is_file():
            if p.suffix.lower() in READERS:
                yield p
            else:
                yield Rejected(str(p), f"unsupported file type '{p.suffix or '(none)'}' "
                                       f"(expected one of {', '.join(sorted(READERS))})")
        else:
            yield Rejected(str(p), "no such file or folder")


def read_paths(paths: Iterable[str | Path]) -> Iterator[Document | Rejected]:
    for f in iter_files(paths):
        if isinstance(f, Rejected):
            yield f
            continue
        try:
            yield from READERS[f.suffix.lower()](f)
        except OSError as e:
            yield Rejected(str(f), f"cannot read: {e.strerror or e}")


from . import html, jsonl, text  # noqa: E402,F401  (registration)
