"""The meetings an article reports: inspection, supervision, working session, conference.

The type comes from how the meeting is named (Đoàn kiểm tra -> Inspection; giám sát, thẩm
tra, xác minh -> Supervision; hội nghị tổng kết, sơ kết, triển khai nhiệm vụ, đại hội ->
Conference; làm việc -> WorkingSession). The organiser is the body that sent or convened it,
the host the body visited or holding it, the lead who chairs ("chủ trì") or heads the
delegation ("làm trưởng đoàn"); the date is the article's event date, never a guessed year.
"""

from __future__ import annotations

import re

from ..document import Event, Findings, NormalizedDocument
from ..lexicon import Lexicon
from ..text import fold
from . import extractor

_TYPES = [
    ("Supervision", re.compile(r"giám sát|thẩm tra|xác minh", re.I)),
    ("Inspection", re.compile(r"đoàn kiểm tra|kiểm tra việc|tổ kiểm tra|buổi kiểm tra", re.I)),
    ("Conference", re.compile(r"hội nghị (?:tổng kết|sơ kết|triển khai|giao ban)|tổng kết công tác|sơ kết công tác|triển khai nhiệm vụ|đại hội (?:đảng viên|đảng bộ|chi bộ)|hội nghị sơ kết|sơ kết giữa nhiệm kỳ|(?:tổng kết|sơ kết)\s+\d", re.I)),
    ("WorkingSession", re.compile(r"làm việc|buổi làm việc", re.I)),
]


@extractor("events", requires=("place_time", "people", "organizations", "documents"))
def extract_events(doc: NormalizedDocument, lex: Lexicon, findings: Findings) -> None:
    grammar = findings.notes["grammar"]
    heads = [s for s in doc.sentences if s.kind in ("headline", "body")][:4]
    lead_text = " ".join(s.text for s in heads)
    typ = None
    for name, rx in _TYPES:
        if rx.search(lead_text):
            typ = name
            break
    if typ is None:
        if re.search(r"hội nghị", lead_text, re.I):
            typ = "Conference"
        else:
            return
    evidence = next((s.text for s in heads if s.kind == "body"), heads[0].text if heads else "")
    # organiser: the body that sends the team ("Đoàn kiểm tra ... của Ban Thường vụ Tỉnh ủy") or
    # convenes ("Sở Công Thương tổ chức hội nghị"); host: the body visited ("làm việc với X", "tại X")
    organizer = host = None
    for s in heads:
        text = s.text
        folded = fold(text)
        bodies = grammar.bodies(text, folded)
        for i, b in enumerate(bodies):
            before = text[max(0, b.start - 30):b.start]
            if organizer is None and b.type == "Delegation":
                m = re.match(r"\s*(?:\([^)]*\)\s*)?(?:của\s+)?", text[b.end:])
                nxt = grammar.body_at(text, b.end + (m.end() if m else 0), folded)
                if nxt is not None and nxt.type != "Delegation":
                    organizer = nxt.name
                continue
            if host is None and re.search(r"(làm việc với|làm việc tại|tại|đối với|giám sát tại|kiểm tra tại|với)\s*(?:đảng ủy,\s*lãnh đạo\s*)?$", before, re.I):
                if b.type != "Delegation":
                    host = b.name
            if organizer is None and re.match(r"\s*(?:đã\s+)?(?:tổ chức|chủ trì|triệu tập)", text[b.end:]):
                organizer = b.name
                host = host or b.name
            if organizer is None and b.type != "Delegation" and re.match(r"\s*(?:[A-ZĐ][\w ]{0,30})?\s*do đồng chí", text[b.end:]):
                organizer = b.name
        if organizer and host:
            break
    if organizer is None and typ == "WorkingSession":
        m = re.search(r"^(.*?)\s+(?:đã\s+)?(?:có buổi\s+)?làm việc với", lead_text)
        if m:
            bs = grammar.bodies(m.group(1))
            if bs:
                organizer = bs[-1].name
    if typ == "Conference" and host is None:
        host = organizer
    lead = None
    leads = findings.notes.get("leads", [])
    if leads:
        lead = leads[0][1]
    about = tuple(d.key for d in findings.documents if d.evidence in {s.text for s in heads})
    findings.events.append(Event(typ, findings.date, lead, organizer, host, about, evidence))
