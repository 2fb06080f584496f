"""The article's province and date.

Province: a newspaper dateline prefix ("LSO-", "(GLO)-"), the URL's domain, a headline
"Thái Bình: ...", then the province most named with the article's bodies ("Tỉnh ủy Thái
Bình", "Sở Công Thương tỉnh Phú Thọ"), then any "tỉnh X". A province named as the visitor's
("Đoàn công tác Sở Công Thương tỉnh Hưng Yên") counts less than the host's.

Date: the first full or partial date of the body ("Ngày 24/1/2011" -> 2011-01-24, "Chiều
15/5" -> --05-15); the year is never guessed; a " date YYYY-MM" stamp or the feed date is
used only when the text gives no date at all. Printed page dates are ignored.
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlparse

from ..document import Findings, NormalizedDocument
from ..lexicon import Lexicon, ProvinceInfo
from ..text import fold
from . import extractor

_DATE = re.compile(
    r"(?<![\d/.-])(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?(?![\d/])")
_DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?", re.I)
_MONTH = re.compile(r"tháng\s+(\d{1,2})\s*[/.-]\s*(\d{4})", re.I)
_LEAD_IN = re.compile(r"(?:^|[\s,(])(?:sáng|chiều|tối|trưa|ngày|hôm nay|hôm qua|từ ngày|vào ngày|trong các ngày|trong hai ngày|tối ngày|sáng ngày|chiều ngày)\s*(?:nay\s*)?(?:\(|,)?\s*$", re.I)
_DEADLINE = re.compile(r"(?:trước|đến|sau|hạn)\s+(?:ngày\s+)?$", re.I)


def date_value(day: int, month: int, year: int | None) -> str | None:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if year is None:
        return f"--{month:02d}-{day:02d}"
    if not 1900 <= year <= 2100:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def find_event_date(sentence: str) -> str | None:
    """The date a sentence gives for what happened: "Sáng 05/7/2024" -> "2024-07-05"."""
    for m in _DATE_WORDS.finditer(sentence):
        v = date_value(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
        if v:
            return v
    for m in _DATE.finditer(sentence):
        before = sentence[max(0, m.start() - 25):m.start()]
        if _DEADLINE.search(before):
            continue
        if not _LEAD_IN.search(before) and m.start() > 0 and not re.search(r"(ngày|từ)\s*$", before, re.I):
            continue
        v = date_value(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
        if v:
            return v
    return None


def province_from_url(url: str | None, lex: Lexicon) -> ProvinceInfo | None:
    if not url:
        return None
    host = (urlparse(url if "//" in url else "//" + url).hostname or "").lower()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        cand = ".".join(parts[i:])
        if cand in lex.domains:
            return lex.domains[cand]
    return None


@extractor("place_time")
def place_and_date(doc: NormalizedDocument, lex: Lexicon, findings: Findings) -> None:
    findings.province = _province(doc, lex)
    findings.date = _date(doc)


def _province(doc: NormalizedDocument, lex: Lexicon) -> str | None:
    if doc.prefix:
        info = lex.prefixes.get(fold(doc.prefix))
        if info is not None:
            return info.name
    info = province_from_url(doc.doc.url, lex)
    if info is not None:
        return info.name
    votes: Counter[str] = Counter()
    for s in doc.sentences:
        text = s.text
        folded = fold(text)
        if s.kind == "headline":
            m = re.match(r"^([^:]{2,30}):", text)
            if m:
                p = lex.provinces.get(m.group(1).strip())
                if p:
                    votes[p.name] += 10
        for m in lex.provinces.find(text, folded):
            if not (m.surface[0].isupper() or re.match(r"(tỉnh|thành phố|tp)\b", fold(m.surface))):
                continue  # "hòa bình" (peace) is not Hòa Bình
            before = folded[max(0, m.start - 40):m.start]
            after = folded[m.end:m.end + 12]
            if re.search(r"(thái bình dương|phong cách|tư tưởng|chủ tịch|bác)\s*$", before) or after.startswith(" dương"):
                continue
            if re.search(r"(hồ chí minh)", fold(m.surface)) and not re.search(r"(thành phố|tp\.?)\s*$", before) \
                    and not re.match(r"(thành phố|tp)", fold(m.surface)):
                continue
            weight = 1
            if re.search(r"(tỉnh ủy|thành ủy|ubnd|ủy ban nhân dân|hđnd|hội đồng nhân dân|sở [\w ]{2,25}|chi cục [\w ]{2,30}|đảng bộ|ban thường vụ [\w ]{0,10}|cục [\w ]{2,20})\s*(tỉnh|thành phố)?\s*$", before):
                weight = 3
            if re.search(r"(đoàn công tác|đoàn|cùng|và|với|hợp nhất|\(cũ\)|khu vực)[\w ]{0,40}$", before) and weight == 3 and re.search(r"đoàn công tác", before):
                weight = 1
            if "(cũ)" in folded[m.end:m.end + 8] or re.search(r"hợp nhất|sáp nhập", folded):
                weight = min(weight, 1) if "(cũ)" in folded[m.end:m.end + 8] else weight
            votes[m.value.name] += weight
    if not votes:
        return None
    return votes.most_common(1)[0][0]


def _date(doc: NormalizedDocument) -> str | None:
    for s in doc.sentences:
        if s.kind in ("caption", "byline"):
            continue
        v = find_event_date(s.text)
        if v:
            return v
    for s in doc.sentences:
        m = _MONTH.search(s.text)
        if m and s.kind == "body":
            return f"{int(m.group(2)):04d}-{int(m.group(1)):02d}"
    if doc.stamp_date:
        return doc.stamp_date
    if doc.doc.date and re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", doc.doc.date):
        return doc.doc.date
    return None
