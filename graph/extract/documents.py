"""Resolutions, programmes, directives, plans, decisions and conclusions.

Coded documents ("Chương trình hành động số 02-CTr/TU ngày 30/12/2020 của Ban Chấp hành Đảng
bộ tỉnh thực hiện Nghị quyết ...") with the type read from the code or the words before it,
the date, the issuer and what they implement; uncoded ones by their canonical title:
congress resolutions with Roman ordinals (the term "nhiệm kỳ 2015 - 2020" dropped), central
plenums ("Nghị quyết Trung ương 4 khóa XI, XII" -> two), numbered programmes ("chương trình
23 và 24" -> two) and "N Chương trình đột phá". Generic references are not documents.
"""

from __future__ import annotations

import re

from ..document import DocumentRef, Findings, NormalizedDocument
from ..lexicon import Lexicon
from ..text import fold
from . import extractor
from .place_time import date_value

_TYPE_WORDS = r"(?:Nghị quyết|Chương trình hành động|Chương trình|Chỉ thị|Kế hoạch|Quyết định|Kết luận)"
_CODE = re.compile(
    r"(\d{1,5})(?:\s*/\s*(\d{4}))?\s*([-/])\s*([A-ZĐ][A-Za-zĐđƠơƯư]{0,5}\d{0,3}(?:\s*[-/]\s*[A-ZĐ][A-Za-zĐđƠơƯư]{0,6}\d{0,3}){0,2})(?![\w-])")
_TYPE_BEFORE = re.compile(rf"({_TYPE_WORDS})\s*(?:số\s*)?(?:[:.]\s*)?$", re.I)
_JUST_NUMBER_WORD = re.compile(r"\s*(?:số\s*)?(?:[:.]\s*)?", re.I)
_DATE_AFTER = re.compile(r"^\s*,?\s*(?:ban hành\s+)?ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})", re.I)
_ROMAN = r"[IVXLC]{1,7}"
_CONGRESS = re.compile(
    rf"Nghị quyết\s+(?:của\s+)?Đại hội\s+((?:đại biểu\s+)?(?:Đảng bộ|Đảng toàn quốc|toàn quốc)[^,.;:()]*?)\s+lần thứ\s+({_ROMAN}|\d{{1,2}})\b"
    rf"(\s+của Đảng)?", re.I)
_PLENUM = re.compile(
    rf"Nghị quyết\s+(?:Hội nghị\s+)?Trung ương\s+(\d{{1,2}})\s*(?:\(\s*)?,?\s*khóa\s+({_ROMAN}(?:\s*(?:,|và|-)\s*{_ROMAN})*)", re.I)
_BREAKTHROUGH = re.compile(r"\b(\d{1,2}|ba|bốn|năm|sáu)\s+(chương trình)\s+(đột phá|trọng tâm|trọng điểm)\b", re.I)
_NUMBERED_PROGRAMMES = re.compile(r"\bchương trình\s+(?:số\s+)?(\d{1,3})((?:\s*(?:,|và)\s*\d{1,3})*)\b(?!\s*[-/])", re.I)
_NAMED_PROGRAMME = re.compile(
    r"(Chương trình\s+(?!số\b|hành động\b|\d)[a-zđà-ỹ][^,.;:()]{3,90}?)"
    r"(?:(\s+giai đoạn\s+(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d)|\s+năm\s+(?:19|20)\d\d)")
_BARE_NUMBER = re.compile(rf"({_TYPE_WORDS})\s+(?:số\s+)?(\d{{1,4}})\s+(?=của\s)", re.I)
_IMPLEMENTS = re.compile(r"^[^;]{0,160}?\b(?:thực hiện|triển khai thực hiện|triển khai|cụ thể hóa|về việc thực hiện|về thực hiện)\s+$", re.I)
_ISSUE_VERB = re.compile(r"(ban hành|xây dựng|thông qua|phê duyệt|ký ban hành)\s+$", re.I)

_NUMBER_WORDS = {"ba": "3", "bốn": "4", "năm": "5", "sáu": "6"}


def normalize_code(num: str, year: str | None, sep: str, parts: str, lex: Lexicon) -> tuple[str, str | None]:
    """"02-Ctr/TU" -> ("02-CTr/TU", "ActionProgramme"); spaces inside a code are dropped."""
    pieces = re.split(r"\s*([-/])\s*", parts.strip())
    out = []
    cls = None
    for k, piece in enumerate(pieces):
        if piece in "-/":
            out.append(piece)
            continue
        known = lex.doc_code_parts.get(fold(piece))
        if known is not None and cls is None:
            cls, written = known
            out.append(written)
        else:
            out.append(piece)
    code = num + (f"/{year}" if year else "") + sep + "".join(out)
    return code, cls


def _words_type(before: str, lex: Lexicon) -> str | None:
    """The kind of text the words just before a code name ("Kế hoạch số", "Quy định số")."""
    found = lex.doc_words.find(before)
    if found and _JUST_NUMBER_WORD.fullmatch(before, found[-1].end):
        return found[-1].value
    return None


@extractor("documents")
def extract_documents(doc: NormalizedDocument, lex: Lexicon, findings: Findings) -> None:
    grammar = findings.notes["grammar"]
    found: dict[str, DocumentRef] = {}
    by_year: set[str] = set()  # programmes named by title and a single year
    spans: dict[int, list[tuple[int, int]]] = {}

    def add(ref: DocumentRef, sentence_index: int, span: tuple[int, int]):
        spans.setdefault(sentence_index, []).append(span)
        key = fold(ref.key)
        old = found.get(key)
        if old is None:
            found[key] = ref
            return
        # later citations fill in what the first one left out
        found[key] = DocumentRef(old.type if old.type != "Programme" or ref.type == "Programme" else ref.type,
                                 old.number, old.name, old.date or ref.date, old.issuer or ref.issuer,
                                 old.implements or ref.implements, old.evidence, old.national)

    for s in doc.sentences:
        if s.kind == "byline":
            continue
        text = s.text
        folded = fold(text)
        mentions: list[tuple[int, int, DocumentRef]] = []
        for m in (_CODE.finditer(text) if "/" in text or "-" in text else ()):
            if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "_/"):
                continue  # (checked here, not by a look-behind that would make re try every position)
            code, cls = normalize_code(m.group(1), m.group(2), m.group(3), m.group(4), lex)
            before = text[max(0, m.start() - 40):m.start()]
            word_cls = _words_type(before, lex)
            if word_cls == "NotRecorded" or (cls is None and word_cls is None):
                continue  # "Quy định số 22-QĐ/TW", "Nghị định số 32/2024/NĐ-CP": not one of the seven
            if cls is None and not re.search(r"[A-ZĐ]{2}", m.group(4)):
                continue
            typ = word_cls if word_cls and (cls is None or word_cls == "ActionProgramme") else cls
            if typ is None:
                continue
            end = m.end()
            date = None
            dm = _DATE_AFTER.match(text[end:])
            if dm:
                date = date_value(int(dm.group(1)), int(dm.group(2)), int(dm.group(3)))
                end += dm.end()
            issuer = None
            im = re.match(r"\s*,?\s*của\s+", text[end:])
            if im:
                body = grammar.body_at(text, end + im.end(), folded)
                if body is not None:
                    issuer = body.name
                    end = body.end
            if issuer is None:
                issuer = _issuer_before(text, folded, m.start() - (len(before) - len(before.rstrip())), grammar, before)
            if issuer is None:
                issuer = _issuer_from_code(code, lex, findings)
            national = "/TW" in code or code.endswith("TW") or bool(re.search(r"/QH\d*$|/CP$|/TTg$|-TTg$|-CP$", code))
            start = m.start()
            tm = _TYPE_BEFORE.search(before)
            if tm:
                start = m.start() - (len(before) - tm.start())
            mentions.append((start, m.end(), DocumentRef(typ, code, None, date, issuer, None, text, national)))
        resolution = "nghị quyết" in folded
        for m in (_CONGRESS.finditer(text) if resolution and "đại hội" in folded else ()):
            body = " ".join(m.group(1).split())
            body = re.sub(r"\s*,?\s*nhiệm kỳ.*$", "", body, flags=re.I)
            ordinal = m.group(2)
            name = f"Nghị quyết Đại hội {body} lần thứ {ordinal}" + (" của Đảng" if m.group(3) else "")
            national = "toàn quốc" in fold(body)
            mentions.append((m.start(), m.end(), DocumentRef("Resolution", None, name, evidence=text, national=national)))
        for m in (_PLENUM.finditer(text) if resolution and "trung ương" in folded else ()):
            for term in re.split(r"\s*(?:,|và|-)\s*", m.group(2)):
                name = f"Nghị quyết Trung ương {m.group(1)} khóa {term.upper()}"
                mentions.append((m.start(), m.end(), DocumentRef("Resolution", None, name, evidence=text, national=True)))
        programmes = "chương trình" in folded
        for m in (_BREAKTHROUGH.finditer(text) if programmes else ()):
            n = _NUMBER_WORDS.get(m.group(1).lower(), m.group(1))
            name = f"{n} Chương trình {m.group(3).lower()}"
            issuer = _issuer_after(text, folded, m.end(), grammar)
            mentions.append((m.start(), m.end(), DocumentRef("Programme", None, name, issuer=issuer, evidence=text)))
        for m in (_NAMED_PROGRAMME.finditer(text) if programmes else ()):
            # "Chương trình khuyến công tỉnh Quảng Nam giai đoạn 2021 - 2025", "Chương trình sử dụng
            # năng lượng tiết kiệm và hiệu quả năm 2024": a programme named by its title and time
            # (its span stays in the name, a single year does not); "các chương trình ..." is generic
            if re.search(r"\bcác\s*$", text[max(0, m.start() - 6):m.start()], re.I) or \
                    any(a <= m.start() < b for a, b, _ in mentions):
                continue
            name = " ".join((m.group(1) + (m.group(2) or "")).split())
            if not m.group(2):
                by_year.add(fold(name))
            mentions.append((m.start(), m.end(), DocumentRef("Programme", None, name, evidence=text)))
        for m in (_NUMBERED_PROGRAMMES.finditer(text) if programmes else ()):
            if any(a <= m.start() < b for a, b, _ in mentions):
                continue
            if re.match(r"\s*(?:hành động|mục tiêu)", text[m.end():]) or re.search(r"giai đoạn\s*$", text[:m.start()]):
                continue
            numbers = [m.group(1)] + re.findall(r"\d{1,3}", m.group(2) or "")
            if int(numbers[0]) > 500:
                continue
            issuer = _issuer_after(text, folded, m.end(), grammar)
            for n in numbers:
                mentions.append((m.start(), m.end(), DocumentRef("Programme", None, f"Chương trình {n}", issuer=issuer, evidence=text)))
        for m in (_BARE_NUMBER.finditer(text) if "của" in text else ()):
            if any(a <= m.start(2) < b for a, b, _ in mentions):
                continue
            typ = lex.doc_words.get(m.group(1))
            issuer = _issuer_after(text, folded, m.end(2), grammar)
            if typ and issuer:
                mentions.append((m.start(), m.end(), DocumentRef(typ, m.group(2), None, issuer=issuer, evidence=text,
                                                                 national=issuer in ("Chính phủ", "Quốc hội"))))
        mentions.sort(key=lambda x: x[0])
        for k, (a, b, ref) in enumerate(mentions):
            implements = None
            # "X thực hiện Nghị quyết ...": the next document after an implementing verb
            for a2, b2, ref2 in mentions[k + 1:]:
                gap = text[b:a2]
                if _IMPLEMENTS.match(gap) and ref2.key != ref.key and "trong đó" not in gap and len(gap) < 120:
                    implements = ref2.key
                break
            if implements:
                ref = DocumentRef(ref.type, ref.number, ref.name, ref.date, ref.issuer, implements, ref.evidence, ref.national)
            add(ref, s.index, (a, b))
    # "thực hiện Chương trình phát triển xuất khẩu năm 2024" beside a coded programme is that one
    if any(d.number and d.type in ("Programme", "ActionProgramme") for d in found.values()):
        for key in by_year:
            found.pop(key, None)
    findings.documents.extend(found.values())
    findings.notes["doc_spans"] = spans


def _issuer_after(text: str, folded: str, end: int, grammar) -> str | None:
    m = re.match(r"\s*(?:\([^)]*\)\s*)?của\s+", text[end:])
    if not m:
        return None
    body = grammar.body_at(text, end + m.end(), folded)
    return body.name if body else None


def _issuer_before(text: str, folded: str, start: int, grammar, before: str) -> str | None:
    """"UBND tỉnh ban hành Kế hoạch số ...", "Đảng ủy Sở đã xây dựng Chương trình ..."."""
    window = text[max(0, start - 80):start]
    m = re.search(r"(ban hành|xây dựng|thông qua|phê duyệt)\s*$", window)
    if not m:
        return None
    offset = max(0, start - 80)
    clause_start = max(window.rfind(";"), window.rfind(","), -1) + 1
    bodies = [b for b in grammar.bodies(text[offset + clause_start:offset + m.start()])]
    return bodies[-1].name if bodies else None


def _issuer_from_code(code: str, lex: Lexicon, findings: Findings) -> str | None:
    tail = re.split(r"[-/]", code)[-1]
    hit = lex.issuer_codes.get(fold(re.sub(r"\d+$", "", tail)))
    if hit is None:
        return None
    body, scope = hit
    ctx = findings.notes.get("context")
    if body == "Đảng ủy":
        return f"Đảng ủy {ctx.department}" if ctx and ctx.department else None
    if body in ("Ủy ban nhân dân tỉnh",) and ctx:
        return ctx.people_committee
    if body in ("Hội đồng nhân dân tỉnh",) and ctx:
        return ctx.council
    if body in ("Quốc hội", "Sở Công Thương", "Bộ Công Thương", "Chính phủ", "Thủ tướng Chính phủ"):
        return body
    return None
