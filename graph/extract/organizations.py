"""Organisations named in their own right: canonical names and types (ANNOTATION.md).

A body that occurs only inside a role label ("Ủy viên Ban Thường vụ") or a document's title
("Nghị quyết Đại hội Đảng bộ tỉnh") is not listed on that account; the bodies of posts are
(the people extractor adds them). "các sở: Công Thương, Tài chính" names each department.
"""

from __future__ import annotations

import re

from ..document import Findings, NormalizedDocument, Organization
from ..lexicon import Lexicon
from ..text import fold
from . import extractor

_DEPARTMENT_LIST = re.compile(r"\b(?:các|lãnh đạo các)\s+sở\s*:?\s*((?:[A-ZĐ][^;:.()]*?)(?:,\s*[A-ZĐ][^;:.()]*?)*)(?=\s+(?:và\s+(?:Ban|lãnh đạo|đại diện)|cùng)|\s*(?:;|\.|$))")


def add_org(findings: Findings, name: str, typ: str, evidence: str, national: bool = False,
            province: str | None = None) -> None:
    """Record a body once; the same name in another province ("Sở Công Thương tỉnh Hưng Yên"
    in a Sơn La article) is another body."""
    if national or province == findings.province or typ in ("Delegation", "OtherOrganization"):
        province = None
    key = (fold(name), typ, province)
    for o in findings.organizations:
        if (fold(o.name), o.type, o.province) == key:
            return
    findings.organizations.append(Organization(name, typ, evidence, national, province))


@extractor("organizations", requires=("place_time", "documents"))
def extract_organizations(doc: NormalizedDocument, lex: Lexicon, findings: Findings) -> None:
    grammar = findings.notes["grammar"]
    doc_spans = findings.notes.get("doc_spans", {})
    for s in doc.sentences:
        text = s.text
        folded = fold(text)
        masked = [(t.start, t.end) for t in grammar.titles(text, folded)] + doc_spans.get(s.index, [])
        for b in grammar.bodies(text, folded):
            if any(a <= b.start < e for a, e in masked):
                continue
            if b.bare and not b.name.startswith(("Đảng ủy", "Đảng bộ")):
                continue
            add_org(findings, b.name, b.type, text, b.national, b.province)
        for m in _DEPARTMENT_LIST.finditer(text):
            for part in re.split(r"\s*,\s*", m.group(1)):
                pieces = [part] if lex.body_by_name.get("Sở " + part.strip()) else re.split(r"\s+và\s+", part)
                for piece in pieces:
                    body = lex.bodies.get("Sở " + piece.strip())
                    if body is not None:
                        add_org(findings, body.canonical, body.org_type, text)
        if s.kind == "headline" and not any(ch in text for ch in "ăâđêôơưĂÂĐÊÔƠƯ") and len(text.split()) > 4:
            for m in lex.bodies_accentless.find(text):
                if re.search(r"(?:chi|tong)\s*$", text[max(0, m.start - 5):m.start], re.I):
                    continue  # "Chi cuc Quan ly thi truong": a longer body than the match
                if m.value.kind in ("top", "team") and m.value.family in ("department", "party", "state", None):
                    add_org(findings, m.value.canonical, m.value.org_type, text, m.value.scope == "national")


@extractor("organizations_tidy", requires=("organizations", "people"))
def tidy_organizations(doc: NormalizedDocument, lex: Lexicon, findings: Findings) -> None:
    """A short reference to a team named in full elsewhere ("Tổ biên tập" for "Tổ biên tập
    văn kiện", "Đoàn kiểm tra" for "Đoàn kiểm tra số 3") is the same team."""
    teams = [o for o in findings.organizations if o.type == "Delegation"]
    keep = []
    for o in findings.organizations:
        if o.type == "Delegation" and any(t is not o and fold(t.name).startswith(fold(o.name) + " ") for t in teams):
            continue
        keep.append(o)
    findings.organizations[:] = keep
