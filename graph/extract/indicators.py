"""Economic and party-work figures as RDF Data Cube observations.

Each number with a unit is bound to the indicator named before it in its clause ("kim ngạch
xuất khẩu ước đạt 680 triệu USD (đạt 100% kế hoạch, tăng 3% so với cùng kỳ)" is three
observations of export turnover); the measure comes from the words around it (tăng/giảm ->
growth, bình quân or %/năm -> average_growth, % kế hoạch -> plan_completion, tỷ trọng/chiếm
-> share, an amount -> level); the period from the nearest time phrase ("6 tháng đầu năm
2024" -> 2024-H1, "quý I/2024" -> 2024-Q1, "giai đoạn 2016-2019"); the basis from "so với";
targets from "phấn đấu", "mục tiêu", "kế hoạch". Hedges (hơn, trên, khoảng) are dropped;
ranges, multipliers and national comparison figures are not recorded.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ..document import Findings, NormalizedDocument, Observation
from ..lexicon import Lexicon
from ..text import fold
from . import extractor

_NUMBER = re.compile(r"(?<![\w.,/])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\w/]|[.,]\d)")
_YEAR = r"(?:19|20)\d{2}"
_PERIOD_PATTERNS = [
    (re.compile(rf"6 tháng đầu năm\s*({_YEAR})", re.I), lambda m: f"{m.group(1)}-H1"),
    (re.compile(rf"6 tháng cuối năm\s*({_YEAR})", re.I), lambda m: f"{m.group(1)}-H2"),
    (re.compile(rf"(\d{{1,2}}) tháng(?: đầu)?(?: năm)?\s*({_YEAR})", re.I), lambda m: f"{m.group(2)}-{int(m.group(1))}M" if m.group(1) != "12" else m.group(2)),
    (re.compile(rf"quý\s+(I{{1,3}}|IV|[1-4])\s*(?:/|năm)\s*({_YEAR})", re.I), lambda m: f"{m.group(2)}-Q{_roman(m.group(1))}"),
    (re.compile(rf"tháng\s+(\d{{1,2}})\s*/\s*({_YEAR})", re.I), lambda m: f"{m.group(2)}-{int(m.group(1)):02d}"),
    (re.compile(rf"(?:giai đoạn|thời kỳ|trong (?:ba|hai|năm|\d) năm)\s*({_YEAR})\s*[-–]\s*({_YEAR})", re.I), lambda m: f"{m.group(1)}-{m.group(2)}"),
    (re.compile(rf"(?<!so với )(?<!so với năm )(?<!so sánh )(?<!so sánh năm )(?:năm|đến năm|cả năm|đến cuối năm)\s+({_YEAR})", re.I), lambda m: m.group(1)),
]
_PARTIAL = [
    (re.compile(r"6 tháng đầu năm|6 tháng", re.I), "H1"),
    (re.compile(r"(\d{1,2}) tháng", re.I), "M"),
    (re.compile(r"quý\s+(I{1,3}|IV|[1-4])\b", re.I), "Q"),
]
_TARGET = re.compile(r"phấn đấu|mục tiêu|kế hoạch năm|chỉ tiêu (?:năm|đề ra)|dự kiến|đặt ra|đề ra mục tiêu|hướng tới", re.I)
_SO_VOI = re.compile(r"^\s*(?:so\s+(?:với\s+)?(?:cùng kỳ|năm|kế hoạch|cùng thời điểm)|so cùng kỳ)", re.I)


def _roman(s: str) -> int:
    return {"I": 1, "II": 2, "III": 3, "IV": 4}.get(s.upper(), int(s) if s.isdigit() else 1)


def parse_number(s: str) -> Decimal | None:
    """"31.621" -> 31621, "8,83" -> 8.83, "1.050" -> 1050."""
    try:
        return Decimal(s.replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


def _periods(text: str) -> list[tuple[int, int, str]]:
    out = []
    taken: list[tuple[int, int]] = []
    for rx, fn in _PERIOD_PATTERNS:
        for m in rx.finditer(text):
            if any(a <= m.start() < b for a, b in taken):
                continue
            before = text[max(0, m.start() - 12):m.start()].lower()
            if "so với" in before or "so sánh" in before:
                continue
            out.append((m.start(), m.end(), fn(m)))
            taken.append((m.start(), m.end()))
    return sorted(out)


@extractor("indicators", requires=("place_time",))
def extract_indicators(doc: NormalizedDocument, lex: Lexicon, findings: Findings) -> None:
    year_hint = None
    if findings.date and re.match(r"\d{4}", findings.date):
        year_hint = findings.date[:4]
    seen: set[tuple] = set()
    last_period = None
    last_paragraph = -1
    paragraph_target = False
    for s in doc.sentences:
        if s.kind not in ("body",):
            continue
        text = s.text
        if s.paragraph != last_paragraph:
            paragraph_target = bool(re.match(r"\s*(?:phấn đấu|mục tiêu)", text, re.I))
            last_paragraph = s.paragraph
        folded = fold(text)
        metrics = [(m.start, m.end, m.value) for m in lex.indicators.find(text, folded)]
        periods = _periods(text)
        for m in _NUMBER.finditer(text):
            value = parse_number(m.group(1))
            if value is None:
                continue
            after = text[m.end():m.end() + 40]
            unit = None
            factor = Decimal(1)
            um = re.match(r"\s*%", after)
            ulen = 0
            if um:
                unit, ulen = "percent", um.end()
            else:
                forms = lex.unit_forms.find(after[:30])
                if forms and forms[0].start <= 1:
                    unit, factor, ulen = forms[0].value.unit, forms[0].value.factor, forms[0].end
                    if unit is None:
                        continue
            before = text[max(0, m.start() - 60):m.start()]
            bl = fold(before)
            if re.search(r"(?:^|\s)(?:năm|giai đoạn|quý|tháng|ngày|số|lần thứ|khóa)\s*$", bl) or re.search(r"\d\s*[-–]\s*$", before):
                continue
            if unit is None:
                cm = re.match(r"\s*(đảng viên(?: mới)?)", after)
                if cm:
                    unit, ulen = "count", 0
                    metric_guess = "party_members"
                else:
                    continue
            else:
                metric_guess = None
            if re.search(r"cả nước|toàn quốc|bình quân chung", fold(text[max(0, m.start() - 80):m.start()])):
                continue
            if re.search(r"(?:từ|khoảng)\s*$", bl) and re.match(r"\s*%?\s*(?:đến|-|–)\s*\d", after):
                continue
            if re.match(r"\s*(?:lần)\b", after):
                continue
            # metric: the nearest named indicator before the number in the clause
            clause_start = max(text.rfind(";", 0, m.start()), -1) + 1
            metric = None
            for a, b, key in metrics:
                if b <= m.start() and a >= clause_start - 200:
                    metric = key
            if metric is None or (clause_start > 0 and not any(clause_start <= a < m.start() for a, _, _ in metrics)
                                  and not re.search(r"\(", text[clause_start:m.start()])):
                local = [key for a, b, key in metrics if clause_start <= a and b <= m.start()]
                metric = local[-1] if local else (metric if clause_start == 0 else None)
            if metric_guess:
                metric = metric_guess
            window = fold(text[max(clause_start, m.start() - 45):m.start()])
            if metric is None:
                if re.search(r"đảng viên", fold(text[m.start():m.end() + 40])) or re.search(r"đảng viên", window):
                    metric = "party_members"
                else:
                    continue
            tail = fold(text[m.end() + ulen:m.end() + ulen + 40])
            measure, basis = _measure(window, tail, unit, metric)
            if measure is None:
                continue
            sign = -1 if re.search(r"giảm\s*(?:hơn|trên|gần|khoảng)?\s*$", window) else 1
            # period: a time phrase right after the number, else the nearest before it
            period = None
            pm = re.match(rf"\s*(?:vào\s+)?năm\s+({_YEAR})", text[m.end() + ulen:])
            if pm:
                period = pm.group(1)
            else:
                cands = [p for p in periods if p[1] <= m.start()]
                period = cands[-1][2] if cands else None
                if period is None:
                    period = _partial_period(text[:m.start()], year_hint) or last_period
            target = bool(_TARGET.search(text[:m.start()])) or paragraph_target
            par = text[max(0, m.start() - 12):m.start()]
            if re.search(r"\(\s*kế hoạch\s*$", par, re.I):
                target = True
                measure, basis = _last_measure(findings, metric) or (measure, basis)
            obs = Observation(metric, measure, value * factor * sign, unit, period, basis, target,
                              None, text)
            key = (metric, measure, obs.value, unit, period, target)
            if key in seen:
                continue
            seen.add(key)
            findings.observations.append(obs)
        cands = [p for p in periods]
        if cands:
            last_period = cands[-1][2]


def _partial_period(before: str, year: str | None) -> str | None:
    if not year:
        return None
    for rx, kind in _PARTIAL:
        ms = list(rx.finditer(before))
        if ms:
            m = ms[-1]
            if kind == "H1":
                return f"{year}-H1"
            if kind == "M":
                n = int(m.group(1))
                return f"{year}-{n}M" if n < 12 else year
            if kind == "Q":
                return f"{year}-Q{_roman(m.group(1))}"
    return None


def _last_measure(findings: Findings, metric: str):
    for o in reversed(findings.observations):
        if o.metric == metric:
            return o.measure, o.basis
    return None


def _measure(window: str, tail: str, unit: str, metric: str) -> tuple[str | None, str | None]:
    if unit != "percent":
        return "level", None
    per_year = tail.startswith("/năm") or tail.startswith(" /năm") or "bình quân" in window
    if per_year:
        return "average_growth", None
    if re.match(r"\s*(?:so với\s+)?kế hoạch|\s*chỉ tiêu|\s*dự toán|\s*kh\b", tail) and not re.search(r"(tăng|giảm|vượt)\s*(hơn|trên)?\s*$", window):
        return "plan_completion", "plan"
    if re.search(r"(tăng|giảm|tăng trưởng|vượt)\s*(?:hơn|trên|gần|khoảng|ước)?\s*$", window):
        if re.match(r"\s*so với (?:kế hoạch|chỉ tiêu)|\s*kế hoạch", tail) or re.search(r"vượt\s*$", window):
            return "growth", "plan"
        if re.match(r"\s*so với (?:tháng trước|quý trước)", tail):
            return "growth", None
        return "growth", "previous_year"
    if metric in ("industry_share", "party_members") or re.search(r"chiếm|tỷ trọng|tỷ lệ|tỉ lệ", window):
        return "share", None
    if metric in ("industrial_production_index", "cpi"):
        return "level", None
    if metric in ("grdp", "services_growth"):
        return "growth", "previous_year"
    return "share", None
