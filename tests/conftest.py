"""Shared fixtures: a seed store built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_trig(fixture: Path, path: Path) -> Path:
    """A store at ``path`` holding a TriG fixture (the query and server tests share one)."""
    import pyoxigraph as ox

    store = ox.Store(str(path))
    store.bulk_load(path=str(fixture), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    return path


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory):
    from vnkg.build import build
    from vnkg.config import Config

    path = tmp_path_factory.mktemp("seedstore") / "store"
    summary = build([str(ROOT / "seeds")], Config.resolve(path))
    assert summary.read == 5 and not summary.failed
    return path
