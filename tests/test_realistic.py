"""The realistic held-out sets (tests/realistic/*): the measured scores are kept as floors."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from vnkg.build import build
from vnkg.config import Config
from vnkg.evaluate import evaluate

HERE = Path(__file__).parent / "realistic"
# micro F1 and the lowest per-kind F1 measured when these floors were set
FLOOR = {"set1": (1.0, 1.0), "set2": (0.985, 0.969), "set3": (0.947, 0.861)}


@pytest.mark.parametrize("name", sorted(FLOOR))
def test_realistic_set_keeps_its_scores(name, tmp_path):
    config = Config.resolve(store=tmp_path / "store")
    summary = build([str(HERE / name / "corpus")], config)
    assert not summary.failed
    ev = evaluate(ox.Store.read_only(str(config.store)), HERE / name / "gold")
    micro, lowest = FLOOR[name]
    assert ev.documents == len(list((HERE / name / "gold").glob("*.json")))
    assert ev.micro.f1 >= micro - 1e-9, ev.micro
    assert min(s.f1 for s in ev.kinds.values()) >= lowest - 1e-9, {k: round(s.f1, 3) for k, s in ev.kinds.items()}
    assert ev.province_ok == ev.date_ok == ev.documents
