"""Where the store is and which base IRIs are minted: flags > environment > defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_STORE = "vnkg-store"
DEFAULT_BASE = "https://w3id.org/vnkg/"
ONT = "https://w3id.org/vnkg/ont#"


@dataclass(frozen=True)
class Config:
    store: Path
    base: str

    @classmethod
    def resolve(cls, store: str | os.PathLike | None = None, base: str | None = None) -> "Config":
        store = store or os.environ.get("VNKG_STORE") or DEFAULT_STORE
        base = base or os.environ.get("VNKG_BASE") or DEFAULT_BASE
        if not base.endswith(("/", "#")):
            base += "/"
        return cls(Path(store), base)
