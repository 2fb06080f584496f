"""The article's province and date.

Province: a newspaper dateline prefix ("LSO-", "(GLO)-"), the URL's domain, a headline
"Thái Bình: ...", then the province most named with the article's bodies ("Tỉnh ủy Thái
Bình", "Sở Công Thương tỉnh Phú Thọ"), then any "tỉnh X". A province named as the visitor's
("Đoàn công tác Sở Công Thương tỉnh Hưng Yên") counts less than the host's.

Date: the first date of the event the text gives ("Ngày 24/1/2011" -> 2011-01-24, "Chiều
15/5" -> --05-15, "Sáng thứ Ba (14/5)", "ngày 20 tháng 5 năm 2024"); a meeting over several
days by its first day ("Từ ngày 11 đến 13/9/2023", "Ngày 18 và 19/6/2020", "14-15/11"); then
a month ("Trong tháng 7/2024" -> 2024-07), then a year that opens the lead ("Năm 2023, ...").
Not dates of the event: a cited document's date ("Kế hoạch số 28-KH/TU ngày 5/1/2024"), a
deadline ("trước ngày 30/6"), the start of a reported span ("từ tháng 1/2024 đến nay"), a
page's update line. The year is never guessed; a " date YYYY-MM" stamp or the feed date is
used only when the text gives no date at all. Printed page dates are ignored.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter
from urllib.parse import urlparse

from ..document import Findings, NormalizedDocument
from ..lexicon import Lexicon, ProvinceInfo
from ..text import fold
from . import extractor

_DATE = re.compile(
    r"(?<![\d/.-])(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?(?![\d/])")
_DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})(?:\s*(?:-|–|và|đến)\s*(?:ngày\s+)?\d{1,2})?\s+tháng\s+(\d{1,2})"
                         r"(?:\s*(?:năm|,)\s*(\d{4}))?", re.I)
# several days: "Từ ngày 11 đến 13/9/2023", "Ngày 18 và 19/6/2020", "11-12/9", "18/6 - 20/6/2020":
# the meeting is dated by its first day, with the month and year written for the range
_RANGE = re.compile(
    r"(?<![\d/.,-])(\d{1,2})(?:\s*[/.-]\s*(\d{1,2}))?(?:\s*[/.-]\s*(\d{4}))?"
    r"\s*(?:-|–|đến|tới|và|,)\s*(?:(?:ngày|hết ngày)\s+)?"
    r"(\d{1,2})\s*[/.-]\s*(\d{1,2})(?:\s*[/.-]\s*(\d{4}))?(?![\d/])", re.I)
_MONTH = re.compile(r"tháng\s+(\d{1,2})\s*(?:[/.-]|\s+năm)\s*(\d{4})(?![\d/])", re.I)
_MONTH_NOT_AFTER = re.compile(r"(?:từ|đến|tới|trước|sau|hết|kể từ|tính đến|đầu|cuối)\s*$", re.I)
_YEAR_LEAD = re.compile(r"^\W*(?:trong\s+|vào\s+|cả\s+)?năm\s+(\d{4})\s*[,:]", re.I)
_YEAR_LEAD_PLAIN = re.compile(r"^\W*(?:trong\s+|vao\s+|ca\s+)?nam\s+(\d{4})\s*[,:]", re.I)
# what may stand just before a date of the event: "Sáng 5/3", "Chiều ngày 22/9", "Hôm nay (15/5)",
# "Sáng thứ Hai (15/5)", "Từ ngày 11", "Trong hai ngày 18"
_PART = r"(?:sáng|chiều|tối|trưa|đêm)(?:\s+(?:nay|qua|mai))?|ngày|hôm nay|hôm qua|vào|trong các ngày|các ngày|" \
        r"trong(?:\s+(?:hai|ba|bốn|năm|\d))?\s+ngày|(?:hai|ba|\d)\s+ngày"
_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|\d)|chủ nhật)"
_LEAD_IN = re.compile(rf"(?:^|[\s,(–-])(?:{_PART})\s*(?:,\s*)?(?:{_WEEKDAY}\s*)?(?:[(,]\s*)?(?:ngày\s*)?[(,]?\s*$", re.I)
_RANGE_LEAD_IN = re.compile(rf"(?:^|[\s,(–-])(?:{_PART}|từ|từ ngày)\s*(?:{_WEEKDAY}\s*)?(?:[(,]\s*)?(?:ngày\s*)?[(,]?\s*$", re.I)
_LEAD_IN_PLAIN = re.compile(
    r"(?:^|[\s,(–-])(?:(?:sang|chieu|trua|dem)(?:\s+(?:nay|qua))?|ngay|hom nay|hom qua|vao|tu ngay|tu)\s*(?:ngay\s*)?[(,]?\s*$", re.I)
_DEADLINE = re.compile(r"(?:trước|đến|tới|sau|hạn|hết|kể từ|hiệu lực từ|áp dụng từ|tính đến)\s+(?:ngày\s+)?$", re.I)
# the date of a cited document: "Kế hoạch số 325/KH-UBND ngày 20/01/2022", "Nghị quyết ... ngày ..."
_DOC_DATE = re.compile(
    r"(?:[\w-]+/[\w/-]*[a-zđ][\w/-]*|số\s+\d+\S*|ban hành|ký|(?:nghị quyết|quyết định|kế hoạch|chỉ thị|kết luận|"
    r"thông báo|công văn|chương trình|thông tư|nghị định|văn bản|luật|tờ trình|báo cáo)\b[^,;.()]{0,60}?)\s*,?\s*\(?(?:ngày\s*)?$",
    re.I)
# a line of the page, not of the article: "Cập nhật: 08:30 ngày 14/6/2024", "Đăng lúc ..."
_PAGE_LINE = re.compile(r"^\s*[-•*+]\s|^\W*(?:cập nhật|ngày đăng|đăng lúc|đăng ngày|thời gian đăng|xuất bản|published|updated|posted)\b|GMT\s*[+-]", re.I)
_MAYBE_DOC = re.compile(r"(?:ngày|/[\w-]+|\()\s*,?\s*$", re.I)
_MAYBE_DATE = re.compile(r"\d\s*[/.-]\s*\d|\d\s+tháng", re.I)
_MARKED = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)


_DAYS_IN_MONTH = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def date_value(day: int, month: int, year: int | None) -> str | None:
    """A valid calendar date ("31/2" is none), with the year only when it is written."""
    if not (1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month - 1]):
        return None
    if year is None:
        return f"--{month:02d}-{day:02d}"
    if not 1900 <= year <= 2100 or (month == 2 and day == 29 and not calendar.isleap(year)):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def find_event_date(sentence: str) -> str | None:
    """The date a sentence gives for what happened: "Sáng 05/7/2024" -> "2024-07-05"; a meeting
    over several days by its first day ("Từ ngày 11 đến 13/9/2023" -> "2023-09-11"); never the
    date of a cited document or a deadline.

    >>> find_event_date("Chiều 15/5, Sở Công Thương tổ chức hội nghị.")
    '--05-15'
    >>> find_event_date("Ngày 18 và 19/6/2020, Đảng bộ Sở tổ chức Đại hội.")
    '2020-06-18'
    >>> find_event_date("Thực hiện Kế hoạch số 12/KH-UBND ngày 5/1/2024, sáng 16/5 Đoàn kiểm tra làm việc.")
    '--05-16'
    """
    if not _MAYBE_DATE.search(sentence):
        return None
    plain = not _MARKED.search(sentence)
    lead_in = _LEAD_IN_PLAIN if plain else _LEAD_IN
    range_lead_in = _LEAD_IN_PLAIN if plain else _RANGE_LEAD_IN
    found = [(m.start(), 0, m) for m in _DATE_WORDS.finditer(sentence)]
    found += [(m.start(), 1, m) for m in _RANGE.finditer(sentence)]
    found += [(m.start(), 2, m) for m in _DATE.finditer(sentence)]
    found.sort(key=lambda c: (c[0], c[1]))
    for start, kind, m in found:
        before = sentence[max(0, start - 30):start]
        if kind == 0:
            v = date_value(int(m.group(1)), int(m.group(2)), _int(m.group(3)))
        elif kind == 1:
            if not (start == 0 or range_lead_in.search(before) or _LEAD_IN_PLAIN.search(before)):
                continue
            if (m.group(2) and int(m.group(2)) > int(m.group(5))) or (not m.group(2) and int(m.group(1)) >= int(m.group(4))):
                continue
            v = date_value(int(m.group(1)), _int(m.group(2)) or int(m.group(5)), _int(m.group(3)) or _int(m.group(6)))
        else:
            if start > 0 and not (lead_in.search(before) or _LEAD_IN_PLAIN.search(before)):
                continue
            v = date_value(int(m.group(1)), int(m.group(2)), _int(m.group(3)))
        if not v:
            continue
        wide = sentence[max(0, start - 80):start]
        if _DEADLINE.search(before) or (_MAYBE_DOC.search(wide) and _DOC_DATE.search(wide)):
            continue
        return v
    return None


def find_month(sentence: str) -> str | None:
    """A month of the event: "Trong tháng 7/2024" -> "2024-07" (not "từ tháng 1/2024 đến nay")."""
    for m in _MONTH.finditer(sentence):
        if _MONTH_NOT_AFTER.search(sentence[max(0, m.start() - 12):m.start()]):
            continue
        month, year = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12 and 1900 <= year <= 2100:
            return f"{year:04d}-{month:02d}"
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


_NOT_PROVINCE_BEFORE = re.compile(r"(thái bình dương|phong cách|tư tưởng|chủ tịch|bác)\s*$")
_BODY_BEFORE = re.compile(r"(tỉnh ủy|thành ủy|ubnd|ủy ban nhân dân|hđnd|hội đồng nhân dân|sở [\w ]{2,25}|chi cục [\w ]{2,30}|đảng bộ|ban thường vụ [\w ]{0,10}|cục [\w ]{2,20})\s*(tỉnh|thành phố)?\s*$")
_VISITOR_BEFORE = re.compile(r"(đoàn công tác|đoàn|cùng|và|với|hợp nhất|\(cũ\)|khu vực)[\w ]{0,40}$")
_HOST_VERB = re.compile(r"\b(?:đã\s+)?(?:tiếp|đón|làm việc|tổ chức|chủ trì|phối hợp)\b")


def _province(doc: NormalizedDocument, lex: Lexicon) -> str | None:
    if doc.prefix:
        info = lex.prefixes.get(fold(doc.prefix))
        if info is not None:
            return info.name
    info = province_from_url(doc.doc.url, lex)
    if info is not None:
        return info.name
    votes: Counter[str] = Counter()
    first_body = next((s.index for s in doc.sentences if s.kind == "body"), -1)
    for s in doc.sentences:
        text = s.text
        folded = fold(text)
        # the lead's subject is the host: "Sở Công Thương tỉnh Quảng Nam đã tiếp và làm việc với
        # Đoàn công tác Sở Công Thương tỉnh Sóc Trăng ..."
        verb = _HOST_VERB.search(folded) if s.index == first_body else None
        subject_end = verb.start() if verb else -1
        subject_done = False
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
            if _NOT_PROVINCE_BEFORE.search(before) or after.startswith(" dương"):
                continue
            if re.search(r"(hồ chí minh)", fold(m.surface)) and not re.search(r"(thành phố|tp\.?)\s*$", before) \
                    and not re.match(r"(thành phố|tp)", fold(m.surface)):
                continue
            weight = 1
            if _BODY_BEFORE.search(before):
                weight = 3
            if weight == 3 and "đoàn công tác" in before and _VISITOR_BEFORE.search(before):
                weight = 1
            if "(cũ)" in folded[m.end:m.end + 8] or re.search(r"hợp nhất|sáp nhập", folded):
                weight = min(weight, 1) if "(cũ)" in folded[m.end:m.end + 8] else weight
            if weight == 3 and not subject_done and m.end <= subject_end:
                weight += 3
                subject_done = True
            votes[m.value.name] += weight
    if not votes:
        return None
    return votes.most_common(1)[0][0]


def _date(doc: NormalizedDocument) -> str | None:
    """The article's date: the first date of the event the text gives (a day, a month, or a year
    that opens the lead: "Năm 2023, ..."), else the page stamp, else the feed date."""
    lines = [s for s in doc.sentences if s.kind not in ("caption", "byline")]
    for s in lines:
        v = find_event_date(s.text)
        if v and not _PAGE_LINE.search(s.text):
            return v
    for s in lines:
        if s.kind == "body":
            v = find_month(s.text)
            if v and not _PAGE_LINE.search(s.text):
                return v
    first = next((s for s in lines if s.kind == "body"), None)
    if first is not None:
        m = (_YEAR_LEAD_PLAIN if not _MARKED.search(first.text) else _YEAR_LEAD).match(first.text)
        if m and 1900 <= int(m.group(1)) <= 2100:
            return m.group(1)
    if doc.stamp_date:
        return doc.stamp_date
    if doc.doc.date and re.match(r"^\d{4}(-\d{2}(-\d{2})?)?$", doc.doc.date):
        return doc.doc.date
    return None
