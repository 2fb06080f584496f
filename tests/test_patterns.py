"""Language patterns, one small original text each (tests/patterns/*.json), checked against
what ANNOTATION.md prescribes. Every case runs; the test fails when a theme's pass rate drops
below the rate measured when the theme was last improved (a ratchet, raised as rules improve)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from vnkg.document import Document
from vnkg.extract import extract
from vnkg.normalize import normalize
from vnkg.text import fold

HERE = Path(__file__).parent / "patterns"
THEMES = sorted(p.stem for p in HERE.glob("*.json"))
# measured pass rates (share of cases that pass), kept as a floor
FLOOR = {"dates": 1.0, "documents": 1.0, "events": 1.0, "indicators": 1.0, "noise": 1.0,
         "organizations": 1.0, "people": 1.0, "posts": 1.0, "province": 1.0}


def k(s):
    return " ".join(fold(str(s)).split()) if s is not None else None


def check_case(case: dict) -> list[str]:
    doc = Document(case["id"], case["text"], f"{case['id']}.txt", url=case.get("url"))
    f = extract(normalize(doc))
    problems = []
    exp = case.get("expect", {})
    if "province" in exp and k(f.province) != k(exp["province"]):
        problems.append(f"province {f.province!r} != {exp['province']!r}")
    if "date" in exp and f.date != exp["date"]:
        problems.append(f"date {f.date!r} != {exp['date']!r}")
    people = {k(p.name): p for p in f.persons}
    for p in exp.get("persons", []):
        got = people.get(k(p["name"]))
        if got is None:
            problems.append(f"person missing {p['name']}")
            continue
        want = {(k(x["role"]), k(x["org"])) for x in p.get("posts", [])}
        have = {(k(x.role), k(x.org)) for x in got.posts}
        if want != have:
            problems.append(f"posts of {p['name']}: {sorted(have)} != {sorted(want)}")
    orgs = {(k(o.name), o.type.replace("OtherOrganization", "Other")) for o in f.organizations}
    for o in exp.get("organizations", []):
        if (k(o["name"]), o["type"].replace("OtherOrganization", "Other")) not in orgs:
            problems.append(f"organization missing {o['name']} ({o['type']})")
    docs = {k(d.key): d for d in f.documents}
    for d in exp.get("documents", []):
        if k(d.get("number") or d.get("name")) not in docs:
            problems.append(f"document missing {d.get('number') or d.get('name')}")
    obs = {(o.metric, o.measure, Decimal(str(o.value)).normalize(), o.unit, o.period, o.target) for o in f.observations}
    for i in exp.get("indicators", []):
        key = (i["metric"], i["measure"], Decimal(str(i["value"])).normalize(), i["unit"], i.get("period"), bool(i.get("target")))
        if key not in obs:
            problems.append(f"indicator missing {key}")
    evs = {(e.type, e.date): e for e in f.events}
    for e in exp.get("events", []):
        got = evs.get((e["type"], e.get("date")))
        if got is None:
            problems.append(f"event missing {e['type']} {e.get('date')}")
            continue
        # lead, organizer, host: checked when the case gives them (a present null means none)
        for key in ("lead", "organizer", "host"):
            if key in e and k(getattr(got, key)) != k(e[key]):
                problems.append(f"event {e['type']} {key} {getattr(got, key)!r} != {e[key]!r}")
    absent = case.get("absent", {})
    for name in absent.get("persons", []):
        if k(name) in people:
            problems.append(f"person should be absent: {name}")
    for name in absent.get("organizations", []):
        if any(k(name) == n for n, _ in orgs):
            problems.append(f"organization should be absent: {name}")
    for key in absent.get("documents", []):
        if k(key) in docs:
            problems.append(f"document should be absent: {key}")
    for i in absent.get("indicators", []):
        if any(o.metric == i.get("metric", o.metric) and Decimal(str(o.value)) == Decimal(str(i["value"])) for o in f.observations):
            problems.append(f"indicator should be absent: {i}")
    for t in absent.get("events", []):
        if any(e.type == t for e in f.events):
            problems.append(f"event should be absent: {t}")
    return problems


def run_theme(theme: str) -> tuple[int, int, dict]:
    cases = json.loads((HERE / f"{theme}.json").read_text(encoding="utf-8"))
    failures = {}
    for c in cases:
        p = check_case(c)
        if p:
            failures[c["id"]] = p
    return len(cases) - len(failures), len(cases), failures


@pytest.mark.parametrize("theme", THEMES)
def test_pattern_theme(theme):
    passed, total, failures = run_theme(theme)
    rate = passed / total
    floor = FLOOR.get(theme, 0.0)
    detail = "\n".join(f"{cid}: {'; '.join(p)}" for cid, p in failures.items())
    assert rate >= floor, f"{theme}: {passed}/{total} pass, below the floor {floor:.2f}\n{detail}"


if __name__ == "__main__":
    for t in THEMES:
        passed, total, failures = run_theme(t)
        print(f"{t}: {passed}/{total}")
        for cid, p in failures.items():
            print(f"   {cid}: {'; '.join(p)}")


def test_every_case_is_well_formed():
    """tests/patterns/validate.py: names in the text, labels on `other` figures, known keys."""
    import subprocess
    import sys

    run = subprocess.run([sys.executable, str(HERE / "validate.py")], capture_output=True, text=True)
    assert run.returncode == 0, run.stdout[-2000:]
