"""Economic and party-work figures as RDF Data Cube observations.

A figure is a number with one of the four units: a percentage, an amount of money ("tỷ đồng",
"triệu USD", scaled forms such as "1,2 tỷ USD"), or a count of something the counted-things
vocabulary knows ("2.135 vụ", "42 dự án", "6 đảng viên mới"). Each figure is bound to what it
is about, read like this:

- a count is about what it counts: party members, or an `other` figure labelled by the noun;
- a figure whose own phrase (the words since the last comma, semicolon or previous figure)
  names an indicator ("kim ngạch xuất khẩu ước đạt 680 triệu USD") is of that indicator;
- a phrase that only qualifies ("tăng 3% so với cùng kỳ", "(đạt 100% kế hoạch, ...)") is about
  the figure before it, so "đạt 680 triệu USD (đạt 100% kế hoạch, tăng 3% so với cùng kỳ)" is
  three observations of export turnover;
- "trong đó ..." names a part of the figure before it, and a phrase naming something else
  ("thu nộp ngân sách nhà nước 9,86 tỷ đồng") is an `other` figure labelled by that phrase.

The measure comes from the words around the number (tăng/giảm -> growth; bình quân per year
or "%/năm" -> average_growth; "% kế hoạch" -> plan_completion; tỷ trọng/chiếm/tỷ lệ -> share;
an amount or an index level -> level); the period from a time phrase written after the figure,
else the nearest before it ("6 tháng đầu năm 2024" -> 2024-H1, "quý I/2024" -> 2024-Q1,
"giai đoạn 2016-2019"), else the one the paragraph set; the basis from "so với"; targets from
"phấn đấu", "mục tiêu", "kế hoạch năm". Hedges (hơn, trên, khoảng) are dropped; ranges,
multipliers and national comparison figures are not recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..document import Findings, NormalizedDocument, Observation
from ..lexicon import Lexicon
from ..text import fold
from . import extractor

# (the character before a number is checked in Python, _starts_number: a look-behind at the
# start of a pattern makes re test every position instead of scanning for a digit)
_NUMBER = re.compile(r"(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\w/]|[.,]\d)")
# "12/15 nhiệm vụ": both parts are figures (only when a counted noun follows)
_FRACTION = re.compile(r"(\d+)\s*/\s*(\d+)(?=\s+\w)")
_DIGIT = re.compile(r"\d")
_DELIMITER = re.compile(r"[;:,()]")
_HAS_YEAR = re.compile(r"(?:19|20)\d\d")
_YEAR = r"(?:19|20)\d{2}"
_PERIOD_PATTERNS = [
    (re.compile(rf"6 tháng đầu năm\s*({_YEAR})", re.I), lambda m: f"{m.group(1)}-H1"),
    (re.compile(rf"6 tháng cuối năm\s*({_YEAR})", re.I), lambda m: f"{m.group(1)}-H2"),
    (re.compile(rf"(\d{{1,2}}) tháng(?: đầu)?(?: năm)?\s*({_YEAR})", re.I), lambda m: f"{m.group(2)}-{int(m.group(1))}M" if m.group(1) != "12" else m.group(2)),
    (re.compile(rf"quý\s+(I{{1,3}}|IV|[1-4])\s*(?:/|năm)\s*({_YEAR})", re.I), lambda m: f"{m.group(2)}-Q{_roman(m.group(1))}"),
    (re.compile(rf"tháng\s+(\d{{1,2}})\s*/\s*({_YEAR})", re.I), lambda m: f"{m.group(2)}-{int(m.group(1)):02d}"),
    (re.compile(rf"(?:giai đoạn|thời kỳ|nhiệm kỳ|trong (?:ba|hai|năm|\d) năm|từ năm|từ)\s*({_YEAR})\s*(?:[-–]|đến(?: năm)?)\s*({_YEAR})", re.I), lambda m: f"{m.group(1)}-{m.group(2)}"),
    (re.compile(rf"(?:năm|đến năm|cả năm|đến cuối năm)\s+({_YEAR})", re.I), lambda m: m.group(1)),
    # "Quý IV/2023, ngành phấn đấu cả năm ...": the whole year of the time named before it
    (re.compile(r"cả năm(?!\s*\d)", re.I), lambda m: "YEAR"),
    (re.compile(r"năm nay\b", re.I), lambda m: "THISYEAR"),  # the article's year
]
_PERIOD_NEEDLES = ["6 tháng đầu", "6 tháng cuối", "tháng", "quý", "tháng", "", "năm", "cả năm", "năm nay"]
# a congress's or a document's term is its name, not the period of a figure: "Đại hội lần thứ VI,
# nhiệm kỳ 2025 - 2030"; a term that opens a clause is: "nhiệm kỳ 2020 - 2025, Đảng bộ đã ..."
_TERM_OF_A_NAME = re.compile(r"(?:lần thứ\s+[IVXLC\d]+|khóa\s+[IVXLC]+|khoá\s+[IVXLC]+|đại hội|đảng bộ[^,.;:]{0,25}|"
                             r"chi bộ[^,.;:]{0,25}|các cấp|cơ sở|[IVXLC]{2,})\s*,?\s*$", re.I)
_PARTIAL = [
    (re.compile(r"6 tháng đầu năm|6 tháng(?! cuối)", re.I), "H1"),
    (re.compile(r"6 tháng cuối năm", re.I), "H2"),
    (re.compile(r"(\d{1,2}) tháng", re.I), "M"),
    (re.compile(r"(?:đến\s+)?hết\s+tháng\s+(\d{1,2})\b", re.I), "M"),  # "tính đến hết tháng 11"
    (re.compile(r"quý\s+(I{1,3}|IV|[1-4])\b", re.I), "Q"),
]
# "năm qua", "năm vừa qua": the year under review
_PAST_YEAR = re.compile(r"\b(?:trong\s+)?năm\s+(?:vừa\s+)?qua\b", re.I)
_REVIEWED_YEAR = re.compile(rf"(?:tổng kết|kết quả)(?:\s+công tác)?(?:\s+\S+){{0,4}}?\s+năm\s+({_YEAR})", re.I)
_TARGET = re.compile(r"phấn đấu|mục tiêu|kế hoạch năm|chỉ tiêu (?:năm|đề ra|đặt ra)|dự kiến|đặt ra|hướng tới|định hướng", re.I)
# "đạt 48,6% kế hoạch năm": a result measured against the plan, not a target
_TARGET_NEEDLES = ("phấn đấu", "mục tiêu", "kế hoạch", "chỉ tiêu", "dự kiến", "đặt ra", "hướng tới", "định hướng")
_RESULT_OF_PLAN = re.compile(r"\d\s*%\s*(?:so với\s+)?(?:kế hoạch|chỉ tiêu)(?:\s+năm)?", re.I)
# words that only qualify the figure before them
_QUALIFIER = re.compile(
    r"^(?:\(?\s*)(?:(?:và|,)\s*)?(?:(?:ước\s+)?(?:tăng|giảm|đạt|bằng|vượt|chiếm|tương đương|gấp|so với|ước|"
    r"tăng trưởng|trong đó có|đạt tỷ lệ|với tỷ lệ|là|thấp hơn|cao hơn|mục tiêu|chỉ tiêu|kế hoạch|"
    r"nâng tổng số(?:\s+\S+){0,6}\s+(?:lên|là))\b|$)", re.I)
_HEDGE = r"(?:\s*(?:hơn|trên|gần|khoảng|xấp xỉ|đạt|ước đạt|ước|gần như|tới|lên|lên tới|còn))*"
_SKIP_BEFORE = re.compile(r"(?:^|\s)(?:năm|giai đoạn|quý|tháng|ngày|số|lần thứ|khóa|khoá|mã|điều|khoản|tuổi|kỳ|giá so sánh)\s*$")
_COUNT_BEFORE = re.compile(r"(?:tổng\s+)?số\s+(?P<noun>(?=[^\W\d])(?:[^,;.()]{0,70}?))(?:lên|là|đạt|có|gồm)\s*$", re.I)
# compiled once: these run for every figure
_PER_YEAR = re.compile(r"\s*/\s*năm|\s*(?:mỗi|một|hằng|hàng)\s+năm")
_RATE = re.compile(r"tỷ lệ|tỉ lệ")
_GREW = re.compile(rf"(?:tăng|giảm|tăng trưởng|vượt){_HEDGE}\s*$")
_OF_PLAN = re.compile(r"\s*(?:so với\s+)?(?:kế hoạch|chỉ tiêu|dự toán|kh\b)")
_VS_PLAN = re.compile(r"\s*so với (?:kế hoạch|chỉ tiêu)|\s*kế hoạch")
_EXCEEDED = re.compile(r"vượt\W*$")
_VS_PREVIOUS_MONTH = re.compile(r"\s*so với (?:tháng trước|quý trước|tháng liền kề)")
_SHARE_WORD = re.compile(r"chiếm|tỷ trọng|tỉ trọng|tỷ lệ|tỉ lệ")
_SPAN = re.compile(r"\d{4}-\d{4}")
_FELL = re.compile(rf"giảm{_HEDGE}\s*$")
_PLAN_IN_BRACKETS = re.compile(r"\(\s*(?:kế hoạch|chỉ tiêu|mục tiêu)\s*$", re.I)
_PART_OF = re.compile(r"\(?\s*trong đó\s*,?\s*(?:có\s+)?", re.I)
_CONTENT_WORD = re.compile(r"[^\W\d_]{2,}")
_NAMED_WHOLE = re.compile(r"tỷ lệ|tỉ lệ|tỷ trọng|chiếm|tăng|giảm|kế hoạch|chỉ số")
_JUST_AFTER = re.compile(r"\s*(?:/\s*năm\s*)?(?:,\s*)?(?:vào\s+|trong\s+|của\s+|cho\s+)?")
_TITLE_AFTER = re.compile(r"[^;.]{0,45}?\b(?:về|V/v|về việc)\s", re.I)
_PLAN_WORD = re.compile(r"kế hoạch|chỉ tiêu|dự toán", re.I)  # "102% kế hoạch": of the plan
_NATIONAL_WORDS = ("cả nước", "toàn quốc", "bình quân chung", "mức chung")
_RANGE_BEFORE = re.compile(r"\d\s*(?:%\s*)?(?:[-–]|đến|tới)\s*$")
_FROM_BEFORE = re.compile(r"(?:từ|khoảng)\s*$")
_RANGE_AFTER = re.compile(r"\s*(?:%|tỷ đồng|triệu USD)?\s*(?:đến|-|–|tới)\s*\d")
_TIMES_AFTER = re.compile(r"\s*lần\b")


def _roman(s: str) -> int:
    return {"I": 1, "II": 2, "III": 3, "IV": 4}.get(s.upper(), int(s) if s.isdigit() else 1)


def parse_number(s: str) -> Decimal | None:
    """Vietnamese number notation.

    >>> parse_number("31.621"), parse_number("8,83"), parse_number("1.050")
    (Decimal('31621'), Decimal('8.83'), Decimal('1050'))
    """
    try:
        return Decimal(s.replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


def _periods(text: str) -> list[tuple[int, int, str]]:
    if not _HAS_YEAR.search(text) and "năm nay" not in text.lower():
        return []  # every period pattern but "năm nay" names a year
    out = []
    taken: list[tuple[int, int]] = []
    low = text.lower()
    for (rx, fn), needle in zip(_PERIOD_PATTERNS, _PERIOD_NEEDLES):
        if needle not in low:
            continue  # each pattern has a word it cannot match without
        for m in rx.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            before = low[max(0, m.start() - 12):m.start()]
            if "so với" in before or "so sánh" in before or "nhiệm kỳ" in before:
                continue
            if low.startswith("nhiệm kỳ", m.start()) and _TERM_OF_A_NAME.search(low, max(0, m.start() - 60), m.start()):
                continue
            out.append((m.start(), m.end(), fn(m)))
            taken.append((m.start(), m.end()))
    return sorted(out)


@dataclass
class _Figure:
    start: int
    end: int  # end of the number and its unit (and counted noun)
    value: Decimal
    unit: str
    counted: object | None = None  # lexicon.Counted
    noun_end: int = 0
    noun_start: int = 0


@dataclass
class _Subject:
    metric: str
    label: str | None


def _figures(text: str, folded: str, lex: Lexicon) -> list[_Figure]:
    out: list[_Figure] = []
    fractions = {}
    for m in _FRACTION.finditer(text):
        if not _starts_number(text, m.start()):
            continue
        cm = lex.counted.longest_at(text, _skip_space(text, m.end()), folded)
        if cm is not None:
            fractions[m.start(1)] = (m, cm)
    for m in _NUMBER.finditer(text):
        if not _starts_number(text, m.start()):
            continue
        j = _skip_space(text, m.end())
        if j < len(text) and text[j] in "/-–":
            continue  # a date, a code or a range: "24/1", "2016-2020"
        value = parse_number(m.group(1))
        if value is None:
            continue
        if text.startswith("%", j):
            out.append(_Figure(m.start(), j + 1, value, "percent"))
            pc = lex.counted.longest_at(text, _skip_space(text, j + 1), folded)
            if pc is not None and not _PLAN_WORD.match(pc.surface):  # "100% chi bộ": a share of the counted thing
                out[-1].counted, out[-1].noun_start, out[-1].noun_end = pc.value, pc.start, pc.end
            continue
        form = lex.unit_forms.longest_at(text, j, folded)
        if form is not None:
            if form.value.unit is None:  # tấn, MW, kWh: not recorded, but what follows may qualify it
                out.append(_Figure(m.start(), form.end, value, "none"))
                continue
            out.append(_Figure(m.start(), form.end, value * form.value.factor, form.value.unit))
            continue
        cm = lex.counted.longest_at(text, j, folded)
        if cm is not None:
            out.append(_Figure(m.start(), cm.end, value, "count", cm.value, cm.end, cm.start))
            continue
        # "nâng tổng số cụm công nghiệp lên 32": the count named before the number
        window = max(0, m.start() - 90)
        lead = _COUNT_BEFORE.search(text, window, m.start()) if "số " in text[window:m.start()] else None
        if lead is not None:
            cm = lex.counted.longest_at(text, lead.start("noun"), folded)
            if cm is not None and cm.value.metric == "other":
                out.append(_Figure(m.start(), m.end(), value, "count", cm.value, lead.end("noun"), cm.start))
    for start, (m, cm) in fractions.items():
        for g in (1, 2):
            out.append(_Figure(m.start(g), cm.end if g == 2 else m.end(g), Decimal(m.group(g)), "count",
                               cm.value, cm.end, cm.start))
    out.sort(key=lambda f: f.start)
    return out


def _starts_number(text: str, i: int) -> bool:
    """Not the tail of a word, a code or a number ("A1", "15/KH", "1.234")."""
    if i == 0:
        return True
    ch = text[i - 1]
    return not (ch.isalnum() or ch in "_.,/")


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t":
        i += 1
    return i


def _skipped(text: str, f: _Figure) -> bool:
    """Numbers that are not figures: years, codes, ordinals, ranges, multipliers, national ones."""
    tail = text[max(0, f.start - 24):f.start].lower()  # the patterns below end at the number
    if _SKIP_BEFORE.search(tail) or _RANGE_BEFORE.search(tail):
        return True
    if _FROM_BEFORE.search(tail) and _RANGE_AFTER.match(text, f.end):
        return True
    if _TIMES_AFTER.match(text, f.end):
        return True
    clause_start = text.rfind(";", 0, f.start) + 1
    near = text[max(clause_start, f.start - 80):f.start].lower()
    return any(w in near for w in _NATIONAL_WORDS)


def _segment_start(text: str, pos: int, floor: int) -> int:
    """Where the phrase of a figure at ``pos`` begins: after the last comma, semicolon, colon or
    open parenthesis (closed parentheses are read through), not before ``floor``."""
    depth = 0
    for m in reversed(list(_DELIMITER.finditer(text, floor, pos))):
        i, ch = m.start(), m.group()
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth == 0:
                return i + 1
            depth -= 1
        elif depth == 0 and (ch != "," or not (0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit())):
            return i + 1
    return floor


def _label(phrase: str) -> str | None:
    """The name of an `other` figure from its phrase: "thu nộp ngân sách nhà nước ước" ->
    "thu nộp ngân sách nhà nước"."""
    p = re.sub(r"\([^)]*\)", " ", phrase)
    p = re.split(r"\s(?:với|cho|trong đó)\s", " " + p + " ")[-1]
    p = re.sub(r"(?:\s+(?:đã|đạt|ước đạt|ước|hơn|trên|gần|khoảng|tăng|giảm|lên|tới|có|được|là|bằng|chiếm|đến|xuống|còn))+\s*$",
               "", " " + p.strip(), flags=re.I)
    p = re.sub(r"^(?:(?:và|đã|toàn tỉnh|tỉnh|ngành|giảm|tăng|nâng)\s+)+", "", p.strip(), flags=re.I).strip(" ,.;:-–")
    return p[:1].upper() + p[1:] if len(p) > 2 else None


def _measure(window: str, tail: str, unit: str, metric: str, span_period: bool) -> tuple[str, str | None]:
    if unit != "percent":
        return "level", None
    if _PER_YEAR.match(tail):
        return "average_growth", None
    if "bình quân" in window and not _RATE.search(window) and (
            ("tăng" in window) or span_period) and not re.search(
            r"bình quân\s+(?:\d{1,2}|sáu|chín)\s+tháng|bình quân\s+quý|bình quân\s+(?:cả\s+)?năm\s+\d{4}", window):
        return "average_growth", None
    grew = _GREW.search(window[-40:]) if not _NEW_LEVEL.search(window[-30:]) else None
    if _OF_PLAN.match(tail) and not grew:
        return "plan_completion", "plan"
    if grew:
        if _VS_PLAN.match(tail) or _EXCEEDED.search(window[-12:]):
            return "growth", "plan"
        if _VS_PREVIOUS_MONTH.match(tail):
            return "growth", None
        return "growth", "previous_year"
    if metric in ("industry_share", "party_members") or _SHARE_WORD.search(window):
        return "share", None
    if metric in ("industrial_production_index", "cpi"):
        return "level", None
    if metric in ("grdp", "services_growth"):
        return "growth", "previous_year"
    return "share", None


def _partial_period(before: str, year: str | None) -> str | None:
    if not year:
        return None
    for rx, kind in _PARTIAL:
        ms = list(rx.finditer(before))
        if ms:
            m = ms[-1]
            if kind in ("H1", "H2"):
                return f"{year}-{kind}"
            if kind == "M":
                n = int(m.group(1))
                return f"{year}-{n}M" if n < 12 else year
            if kind == "Q":
                return f"{year}-Q{_roman(m.group(1))}"
    return None


def _reviewed_year(doc: NormalizedDocument, date: str | None) -> str | None:
    """The year "năm qua" means: the year a review conference reviews, else the article's year
    (the year before it when the article is from the first quarter, as year-end reviews are)."""
    head = " ".join(s.text for s in doc.sentences[:4])
    m = _REVIEWED_YEAR.search(head)
    if m:
        return m.group(1)
    if date and re.match(r"\d{4}-\d{2}", date):
        year, month = int(date[:4]), int(date[5:7])
        return str(year - 1 if month <= 3 else year)
    return None


@extractor("indicators", requires=("place_time", "documents"))
def extract_indicators(doc: NormalizedDocument, lex: Lexicon, findings: Findings) -> None:
    year_hint = findings.date[:4] if findings.date and re.match(r"\d{4}", findings.date) else None
    reviewed = None
    seen: set[tuple] = set()
    last_period = None
    main_period = None  # the first time the article's figures are given for
    last_span = None
    last_paragraph = -1
    paragraph_target = False
    for s in doc.sentences:
        if s.kind != "body":
            continue
        text = s.text
        if s.paragraph != last_paragraph:
            paragraph_target = bool(re.match(r"\W*(?:phấn đấu|mục tiêu)", text, re.I))
            last_paragraph = s.paragraph

        # one month's figures ("Tháng 11/2024, ...", "riêng tháng 9 ...") are a detail: the next
        # sentence is about the article's period again (a year, a quarter, a half carries on)
        if main_period and last_period and _MONTH_PERIOD.fullmatch(last_period):
            last_period = main_period
        if not _DIGIT.search(text):  # no number, no figure; only "Năm qua" can set the period
            if _PAST_YEAR.search(text):
                reviewed = reviewed or _reviewed_year(doc, findings.date)
                last_period = reviewed or last_period
            continue
        low = text.lower()
        if "nhiệm kỳ" in low and _PAST_TERM.search(text):  # "trong nhiệm kỳ, Đảng bộ kết nạp ..."
            term = _past_term(doc, year_hint)
            if term:
                pm = _PAST_TERM.search(text)
                periods_extra = [(pm.start(), pm.end(), term)]
            else:
                periods_extra = []
        else:
            periods_extra = []
        folded = fold(text)
        metrics = [(m.start, m.end, m.value) for m in lex.indicators.find(text, folded)]
        verb_labels = lex.indicator_verb_labels.find(text, folded) if "khẩu" in low else ()
        for m in verb_labels:  # "(trong đó) xuất khẩu đạt ...": the subject of its own phrase
            lead = text[max(text.rfind(c, 0, m.start) for c in ",;:(") + 1:m.start].strip().lower()
            if _VERB_AFTER.match(text, m.end) and not any(a <= m.start < b for a, b, _ in metrics) \
                    and _BARE_LABEL_LEAD.fullmatch(lead):
                metrics.append((m.start, m.end, m.value))
        metrics.sort()
        cited = findings.notes.get("doc_spans", {}).get(s.index, [])
        periods, titled = _own_periods(text, _periods(text), cited, year_hint)
        periods = sorted(periods + periods_extra)
        if _PAST_YEAR.search(text):
            reviewed = reviewed or _reviewed_year(doc, findings.date)
            if reviewed:
                pm = _PAST_YEAR.search(text)
                periods = sorted(periods + [(pm.start(), pm.end(), reviewed)])
        prev: _Figure | None = None
        prev_subject: _Subject | None = None
        # where the sentence says a figure is a goal; "đạt 48,6% kế hoạch năm" is a result
        target_words = []
        if any(w in low for w in _TARGET_NEEDLES):
            results = [(m.start(), m.end()) for m in _RESULT_OF_PLAN.finditer(text)] if "%" in text else []
            target_words = [m.start() for m in _TARGET.finditer(text)
                            if not any(a <= m.start() < b for a, b in results)]
        figures = _figures(text, folded, lex)
        for f in figures:
            if _skipped(text, f) or any(a <= f.start < b or a < f.end <= b for a, b in cited):
                continue  # "4 Chương trình đột phá" names documents; it is not a work figure
            clause_start = text.rfind(";", 0, f.start) + 1
            floor = max(clause_start, prev.noun_end or prev.end) if prev is not None and prev.start >= clause_start else clause_start
            seg = _segment_start(text, f.start, floor)
            phrase = text[seg:f.start]
            subject = _subject(text, f, seg, phrase, clause_start, metrics, prev_subject)
            prev = f
            if subject is None:
                continue
            prev_subject = subject
            if f.unit == "none":  # "sản lượng điện đạt 4.215 triệu kWh, tăng 12,3%": only the growth
                continue
            # (the text is NFC already; none of the cue words differ by tone placement)
            window = text[max(clause_start, f.start - 60):f.start].lower()
            if subject.metric == "other" and phrase.strip():
                window = phrase.lower()
            tail = text[f.end:f.end + 40].lower()
            period = _period_of(text, f, periods, titled, year_hint, last_period)
            span = bool(period and _SPAN.fullmatch(period))
            measure, basis = _measure(window, tail, f.unit, subject.metric, span)
            if f.counted is not None and f.unit == "percent" and measure == "level":
                measure = "share"
            if measure == "average_growth" and not span:
                spans = [p for p in periods if _SPAN.fullmatch(p[2])]
                period = spans[-1][2] if spans else (last_span or period)
            sign = -1 if _FELL.search(window[-40:]) and not _NEW_LEVEL.search(window[-30:]) else 1
            target = paragraph_target or any(t < f.start for t in target_words)
            if _PLAN_IN_BRACKETS.search(text, max(0, f.start - 14), f.start):
                target = True
                measure, basis = _last_measure(findings, subject.metric) or (measure, basis)
            obs = Observation(subject.metric, measure, f.value * sign, f.unit, period, basis, target,
                              subject.label, text)
            key = (obs.metric, measure, obs.value, f.unit, period, target, subject.label)
            if key in seen:
                continue
            seen.add(key)
            findings.observations.append(obs)
        if periods:
            last_period = periods[-1][2]
        if main_period is None:  # the first time the article's figures are given for
            firsts = [o.period for o in findings.observations if o.period and not _MONTH_PERIOD.fullmatch(o.period)]
            if firsts:
                main_period = firsts[0]
            elif figures:  # a figure in a unit not recorded ("1.200 triệu kWh") still dates the article
                main_period = next((p[2] for p in periods if not _MONTH_PERIOD.fullmatch(p[2])), None)
            spans = [p for p in periods if _SPAN.fullmatch(p[2])]
            if spans:
                last_span = spans[-1][2]


def _subject(text: str, f: _Figure, seg: int, phrase: str, clause_start: int,
             metrics: list[tuple[int, int, str]], prev: _Subject | None) -> _Subject | None:
    """What a figure is about (see the module docstring)."""
    if f.counted is not None:
        metric = f.counted.metric
        if metric == "party_members":
            return _Subject(metric, None)
        if f.noun_start >= f.start:  # the noun after the number: "42 dự án công nghiệp chế biến"
            rest = re.split(r"[,;.()“”\"\d]|\s(?:với|và|cho|để|trong|năm|đạt|tăng|giảm)\s", text[f.noun_end:f.noun_end + 60])[0]
            words = (text[f.noun_start:f.noun_end] + rest).strip()
            verb_phrase = _label(phrase)
        else:  # named before it: "tổng số cụm công nghiệp đã thành lập lên 32"
            words, verb_phrase = text[f.noun_start:f.noun_end].strip(), None
        label = ("Tỷ lệ " if f.unit == "percent" else "Số ") + words
        if verb_phrase and f.unit == "count":
            label += f" ({verb_phrase.lower()})"
        return _Subject("other", label)
    # "thu hút 27 dự án sản xuất công nghiệp với tổng vốn đăng ký 5,6 nghìn tỷ đồng": the words
    # after "với" name the amount; an indicator named before them qualifies the projects
    cut = _after_with(phrase)
    if cut:
        seg += cut
        phrase = phrase[cut:]
    mentions = [(a, b, key) for a, b, key in metrics if b > seg and b <= f.start
                and not _NOT_SUBJECT_BEFORE.search(text, max(seg, a - 20), a)]
    here = [key for a, b, key in mentions]
    # "giá trị sản xuất công nghiệp của các cụm công nghiệp đạt 1.930 tỷ đồng": a part of the
    # province's figure, named by what follows "của"
    if mentions and _OF_A_PART.match(text, mentions[-1][1], f.start):
        return _Subject("other", _label(phrase))
    # "...; giai đoạn 2021 - 2023 tăng bình quân 10,1%/năm": a time phrase before a qualifier
    phrase = _LEADING_TIME.sub("", phrase)
    stripped = phrase.strip()
    part = _PART_OF.match(stripped)
    if part and not (here and (prev is None or here[-1] != prev.metric)):
        # "trong đó khu vực FDI đạt ...": a part of the figure before ("trong đó khu vực dịch vụ
        # tăng 5,8%" names an indicator of its own and is that indicator)
        rest = stripped[part.end():]
        if rest and not _QUALIFIER.match(rest):
            return _Subject("other", _label(rest))
    if here:
        return _Subject(here[-1], None)
    if _QUALIFIER.match(stripped) or not _CONTENT_WORD.search(_HEDGE_WORDS.sub(" ", stripped.lower())):
        if prev is not None:
            return prev
        earlier = [key for a, b, key in metrics if a >= clause_start and b <= f.start]
        if earlier:
            return _Subject(earlier[-1], None)
        earlier = [key for a, b, key in metrics if b <= f.start]
        if earlier and clause_start == 0:
            return _Subject(earlier[-1], None)
        # nothing before to qualify: "phấn đấu giảm tỷ lệ tổn thất điện năng xuống 2,9%" names it
        if not _CONTENT_WORD.search(_HEDGE_WORDS.sub(" ", _QUALIFIER.sub("", stripped, 1).lower())):
            return None
    label = _label(phrase)
    if label is None:
        return None
    if f.unit == "percent" and not _NAMED_WHOLE.search(text[seg:f.end + 30].lower()):
        return None  # a bare percentage with no named whole is not a figure we can name
    return _Subject("other", label)


# "tỷ lệ tổn thất điện năng giảm còn 3,15%", "tăng lên 45%": the figure is the new level
_NEW_LEVEL = re.compile(r"(?:(?:giảm|tăng)\s+(?:xuống\s+|lên\s+)?(?:còn|lên|xuống)\s*(?:mức\s+)?|\s(?:xuống|lên)(?:\s+(?:còn|mức))?\s*)$")
# "tỷ trọng công nghiệp - xây dựng trong GRDP", "thu ngân sách từ hoạt động xuất nhập khẩu": the
# indicator after these words is the whole or the source, not what the figure measures
_NOT_SUBJECT_BEFORE = re.compile(r"(?:\btrong|\btừ(?:\s+hoạt động)?|\bso với)\s+$", re.I)
_BARE_LABEL_LEAD = re.compile(r"(?:trong đó|riêng|còn|năm \d{4}|(?:\d{1,2}|sáu|chín) tháng[^,;:]*)?")
_MONTH_PERIOD = re.compile(r"\d{4}-\d{2}")
_VERB_AFTER = re.compile(r"\s+(?:(?:ước|dự kiến)\s+)?(?:đạt|tăng|giảm)\b")
def _after_with(phrase: str) -> int:
    """Where the words after the last "với"/"cùng" begin (not "so với", "cùng kỳ"), else 0."""
    best = 0
    for kw in (" với ", " cùng "):
        i = phrase.rfind(kw)
        while i >= 0:
            if kw == " với " and phrase[max(0, i - 2):i].lower() == "so":
                i = phrase.rfind(kw, 0, i)
                continue
            if kw == " cùng " and phrase.startswith("kỳ", i + len(kw)):
                i = phrase.rfind(kw, 0, i)
                continue
            j = i + len(kw)
            while j < len(phrase) and phrase[j] == " ":
                j += 1
            if j < len(phrase):
                best = max(best, j)
            break
    return best
_OF_A_PART = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:-\s*tiểu thủ công nghiệp\s+)?(?:của|khu vực)\s+"
                        r"(?!(?:toàn\s+|cả\s+)?(?:tỉnh|thành phố|địa phương|ngành)\b)\S")
_LEADING_TIME = re.compile(r"^\s*,?\s*(?:(?:phấn đấu|dự kiến|mục tiêu(?:\s+là)?)\s+)?(?:(?:đến\s+|trong\s+)?(?:giai đoạn|năm|quý|tháng|nhiệm kỳ|thời kỳ)\s+[\dIVX][\d\s/–-]*|"
                           r"(?:\d{1,2}|sáu|chín)\s+tháng(?:\s+đầu)?(?:\s+năm)?(?:\s+\d{4})?)?\s*,?\s*", re.I)
_HEDGE_WORDS = re.compile(r"\b(?:ước|đạt|hơn|trên|gần|khoảng|tăng|giảm|bằng|vượt|chiếm|năm|tháng|quý|đầu|cuối|"
                          r"giai đoạn|và|với|là|có|được|đã|so|kế hoạch|cùng kỳ|trong đó|toàn tỉnh|tỉnh|lên|tới)\b")


_PAST_TERM = re.compile(r"\b(?:trong\s+)?nhiệm kỳ(?:\s+(?:vừa\s+)?qua)?(?!\s*\d)(?=\s*[,;:]|\s+(?:qua|vừa qua)\b)", re.I)
_TERM = re.compile(r"nhiệm kỳ\s*((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)", re.I)


def _past_term(doc: NormalizedDocument, year: str | None) -> str | None:
    """The term a congress reviews: the latest "nhiệm kỳ A - B" of the article that ends by the
    article's year, else the five years before the term that starts in it."""
    if not year:
        return None
    y = int(year)
    terms = {(int(m.group(1)), int(m.group(2))) for s in doc.sentences for m in _TERM.finditer(s.text)}
    ended = [t for t in terms if t[1] <= y]
    if ended:
        a, b = max(ended, key=lambda t: t[1])
        return f"{a}-{b}"
    starting = [t for t in terms if t[0] == y]
    if starting:
        a, b = starting[0]
        return f"{a - (b - a)}-{a}"
    return None


def _own_periods(text: str, periods, cited, year_hint):
    """The sentence's time phrases, with "cả năm" read as the year of the time named before it,
    and apart from them those inside a cited document's name or title ("Kế hoạch số 512/KH-UBND
    ... về phát triển thương mại điện tử giai đoạn 2023 - 2025"): (own, titled)."""
    titles = list(cited)  # a document's own name ("Chương trình ... giai đoạn 2021 - 2025") is its
    starts = sorted(a for a, _ in cited)
    for a, b in cited:
        if _TITLE_AFTER.match(text, b):
            end = text.find(";", b)
            end = end if end >= 0 else len(text)
            nxt = [x for x in starts if x > a]  # the title ends where the next document is cited
            titles.append((a, min(end, nxt[0]) if nxt else end))
    out, titled = [], []
    for p in periods:
        if any(a <= p[0] < b for a, b in titles):
            # a title's time is the sentence's last resort ("Thực hiện Kế hoạch ... về phát triển
            # xuất khẩu năm 2024, Sở đã hỗ trợ 23 doanh nghiệp"); it never carries further
            titled.append(p)
            continue
        if p[2] == "THISYEAR":
            if not year_hint:
                continue
            p = (p[0], p[1], year_hint)
        if p[2] == "YEAR":
            earlier = [q[2][:4] for q in out if q[2][:4].isdigit()]
            year = earlier[-1] if earlier else year_hint
            if not year:
                continue
            p = (p[0], p[1], year)
        out.append(p)
    return out, titled


def _period_of(text: str, f: _Figure, periods, titled, year_hint, last_period) -> str | None:
    """A time phrase written just after the figure ("9%/năm giai đoạn 2021-2025", "... năm
    2023"), else the nearest before it, else a part of the article's year, else the last one;
    a cited title's time only when the sentence has no time of its own."""
    if not periods and titled and not _partial_period(text[:f.start], year_hint):
        before_titles = [p for p in titled if p[1] <= f.start]
        if before_titles:
            return before_titles[-1][2]
    after = [p for p in periods if f.end <= p[0] <= f.end + 16
             and _JUST_AFTER.fullmatch(text, f.end, p[0])]
    if after:
        return after[0][2]
    before = [p for p in periods if p[1] <= f.start]
    if before:
        return before[-1][2]
    partial = _partial_period(text[:f.start], year_hint)
    if partial:
        return partial
    # "trao giấy khen cho 1 tập thể và 8 cá nhân ... năm 2023": the clause's own time phrase
    clause_end = text.find(";", f.end)
    later = [p for p in periods if f.end <= p[0] and (clause_end < 0 or p[0] < clause_end)]
    if later:
        return later[0][2]
    return last_period


def _last_measure(findings: Findings, metric: str):
    for o in reversed(findings.observations):
        if o.metric == metric:
            return o.measure, o.basis
    return None
