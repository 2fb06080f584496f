"""Shared fixtures: a seed store built once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory):
    from vnkg.build import build
    from vnkg.config import Config

    path = tmp_path_factory.mktemp("seedstore") / "store"
    summary = build([str(ROOT / "seeds")], Config.resolve(path))
    assert summary.read == 5 and not summary.failed
    return path
