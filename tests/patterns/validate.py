"""Sanity-check the language-pattern cases in this folder.

    python tests/patterns/validate.py

Checks that every file is valid JSON, every case has id/pattern/text/expect,
ids are unique, the keys and vocabularies are those of ANNOTATION.md, and that
the expected surface facts (names, codes, numbers) are actually in the text.
"""
import json
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORG_TYPES = {"PartyCommittee", "PartyBoard", "StateAgency", "Delegation", "Other"}
DOC_TYPES = {"Resolution", "ActionProgramme", "Programme", "Directive", "Plan", "Decision", "Conclusion"}
METRICS = {"grdp", "industrial_production_index", "industrial_production_value", "retail_sales",
           "export_turnover", "import_turnover", "trade_turnover", "services_growth",
           "industry_share", "cpi", "party_members", "other"}
MEASURES = {"level", "growth", "plan_completion", "share", "average_growth"}
UNITS = {"percent", "billion VND", "million USD", "count"}
BASES = {None, "previous_year", "plan"}
EVENT_TYPES = {"Inspection", "Supervision", "WorkingSession", "Conference"}
EXPECT_KEYS = {"province", "date", "persons", "organizations", "documents", "indicators", "events"}
ABSENT_KEYS = {"persons", "organizations", "documents", "indicators", "events"}
DATE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2}|\d{4}-\d{2}|\d{4}|--\d{2}-\d{2})$")
PERIOD_RE = re.compile(r"^\d{4}(-\d{4}|-H[12]|-Q[1-4]|-\d{1,2}M|-\d{2})?$")


def nfc(s):
    return unicodedata.normalize("NFC", s)


def number_forms(v):
    """Ways a value may be written in Vietnamese text."""
    forms = set()
    for x in {abs(v), abs(v) / 1000}:
        if x == int(x):
            i = int(x)
            forms.add(str(i))
            forms.add(f"{i:,}".replace(",", "."))
        else:
            forms.add(("%g" % x).replace(".", ","))
    return forms


def main():
    errors = []
    ids = set()
    total = 0
    counts = {}
    for path in sorted(HERE.glob("*.json")):
        try:
            cases = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as e:
            errors.append(f"{path.name}: invalid JSON: {e}")
            continue
        counts[path.name] = len(cases)
        for c in cases:
            total += 1
            cid = c.get("id", "?")
            where = f"{path.name}:{cid}"
            for k in ("id", "pattern", "text", "expect"):
                if k not in c:
                    errors.append(f"{where}: missing {k}")
            if cid in ids:
                errors.append(f"{where}: duplicate id")
            ids.add(cid)
            text = c.get("text", "")
            exp = c.get("expect", {})
            absent = c.get("absent", {})
            for k in exp:
                if k not in EXPECT_KEYS:
                    errors.append(f"{where}: unknown expect key {k}")
            for k in absent:
                if k not in ABSENT_KEYS:
                    errors.append(f"{where}: unknown absent key {k}")
            if exp.get("date") is not None and not DATE_RE.match(exp["date"]):
                errors.append(f"{where}: bad date {exp['date']}")
            for p in exp.get("persons", []):
                if set(p) != {"name", "posts"}:
                    errors.append(f"{where}: person keys {sorted(p)}")
                if nfc(p["name"]) not in nfc(text):
                    errors.append(f"{where}: person {p['name']!r} not in text")
                if p["name"] in absent.get("persons", []):
                    errors.append(f"{where}: person {p['name']!r} both expected and absent")
                for post in p["posts"]:
                    if set(post) != {"role", "org"}:
                        errors.append(f"{where}: post keys {sorted(post)}")
            for o in exp.get("organizations", []):
                if o.get("type") not in ORG_TYPES:
                    errors.append(f"{where}: bad org type {o}")
                if o["name"] in absent.get("organizations", []):
                    errors.append(f"{where}: org {o['name']!r} both expected and absent")
            for d in exp.get("documents", []):
                if d.get("type") not in DOC_TYPES:
                    errors.append(f"{where}: bad doc type {d}")
                if not (d.get("number") or d.get("name")):
                    errors.append(f"{where}: document without number or name")
                if d.get("number"):
                    num = re.sub(r"\s+", "", d["number"]).casefold()
                    if num not in re.sub(r"\s+", "", text).casefold():
                        errors.append(f"{where}: number {d['number']!r} not in text")
                if d.get("date") and not re.match(r"^\d{4}-\d{2}-\d{2}$", d["date"]):
                    errors.append(f"{where}: bad doc date {d['date']}")
            for i in exp.get("indicators", []):
                if i.get("metric") not in METRICS or i.get("measure") not in MEASURES \
                        or i.get("unit") not in UNITS or i.get("basis") not in BASES:
                    errors.append(f"{where}: bad indicator vocabulary {i}")
                if i.get("period") is not None and not PERIOD_RE.match(i["period"]):
                    errors.append(f"{where}: bad period {i['period']}")
                if not isinstance(i.get("value"), (int, float)) or not isinstance(i.get("target"), bool):
                    errors.append(f"{where}: bad value/target {i}")
                if i.get("metric") == "other" and not i.get("label"):
                    errors.append(f"{where}: 'other' indicator without label")
                if not any(f in text for f in number_forms(i["value"])):
                    errors.append(f"{where}: value {i['value']} not found in text")
            for e in exp.get("events", []):
                if e.get("type") not in EVENT_TYPES:
                    errors.append(f"{where}: bad event type {e}")
                if e.get("date") is not None and not DATE_RE.match(e["date"]):
                    errors.append(f"{where}: bad event date {e}")
                if e.get("lead") and nfc(e["lead"]) not in nfc(text):
                    errors.append(f"{where}: lead {e['lead']!r} not in text")
            for t in absent.get("events", []):
                if t not in EVENT_TYPES:
                    errors.append(f"{where}: bad absent event type {t}")
                if any(e["type"] == t for e in exp.get("events", [])):
                    errors.append(f"{where}: event {t} both expected and absent")
            for i in absent.get("indicators", []):
                if set(i) != {"metric", "value"}:
                    errors.append(f"{where}: absent indicator keys {sorted(i)}")
    for name, n in counts.items():
        print(f"{name}: {n}")
    print(f"total: {total}")
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
