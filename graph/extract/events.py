"""The meeting an article reports: inspection, supervision, working session or conference.

Type: from how the main meeting is named — the headline and the lead's first sentences, read in
that order — with the cue words of ``ontology/vocab/events.ttl`` ("Đoàn kiểm tra", "giám sát",
"hội nghị", "Đại hội", "làm việc với"; "kỳ họp", "lễ trao" for what is not an event). The first
cue of a sentence names its meeting; the first sentence with a cue names the article's, except
that an inspection or supervision named in the lead makes the "làm việc" or "hội nghị" around
it that inspection or supervision. A cue inside another name is not one: a body ("Ủy ban Kiểm
tra Tỉnh ủy"), a cited document ("Nghị quyết Đại hội Đảng bộ"), the topic after "về"/"để"/"nhằm",
a modifier ("công tác kiểm tra", "ngày làm việc"), a count ("312 vụ", "5 hội nghị"). When the
lead names no meeting, a later reference to one ("Tại hội nghị, ...") still does. Headlines
written without diacritics are read accent-blind.

Organizer: the body that sent the team ("Đoàn kiểm tra số 5 của Ban Thường vụ Tỉnh ủy", "Đoàn
kiểm tra liên ngành do Sở Công Thương chủ trì"), else the team itself ("Tổ biên tập văn kiện"),
else the subject of the lead ("Sở Công Thương tổ chức hội nghị", "Thường trực Thành ủy ... làm
việc với"). Host: the body after "làm việc với", "tại", "đối với"; the subject when what it
meets is a visiting team ("Sở Công Thương tỉnh Sơn La làm việc với Đoàn công tác ..."); for a
conference, its organiser. Lead: who chairs ("chủ trì", "dưới sự chủ trì của"), else who heads
the team ("làm trưởng đoàn", "..., Trưởng đoàn;", "Tổ trưởng"), never who attends and directs.
Date: the article's event date (place_time), never a guessed year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document import Event, Findings, NormalizedDocument, Sentence
from ..lexicon import EventCue, Lexicon, load_event_cues
from ..text import ascii_fold, fold
from . import extractor
from .place_time import find_event_date

_MARKED = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)
SPECIFIC = ("Inspection", "Supervision")
BLOCK = "block"
N_LEAD = 2  # body sentences of the lead that name the meeting, after the headline
_LEAD_SCAN = 16  # sentences read for who chairs: the account of the meeting, not the report after it

# --- what makes a cue word not the article's meeting -------------------------------------------
# the topic or purpose of the meeting: "... làm việc với Sở về công tác kiểm tra, giám sát"
_TOPIC = re.compile(r"(?:^|[\s,(])(?:về việc|về|để|nhằm)\s+(?!(?:làm việc|dự|thăm|kiểm tra|giám sát|công tác tại)\b)", re.I)
_TOPIC_PLAIN = re.compile(r"(?:^|[\s,(])ve\s+(?!(?:lam viec|du|tham|kiem tra|giam sat)\b)", re.I)
# an opening clause before the meeting: "Thực hiện Kế hoạch số ..., sáng 5/3, ..."
_PREAMBLE = re.compile(r"^\W*(?:thực hiện|triển khai thực hiện|căn cứ|nhằm|để|theo|được sự|trên cơ sở|trong khuôn khổ|"
                       r"hưởng ứng|tiếp tục)\b", re.I)
_CLAUSE_DATE = re.compile(r",\s*(?:(?:vào\s+)?(?:sáng|chiều|tối|trưa|ngày|hôm nay|hôm qua|từ ngày|trong hai ngày|trong \d+ ngày)\s+(?:nay\s+)?\(?\d"
                          r"|vừa qua|mới đây|hôm nay|hôm qua)", re.I)
# a count of meetings ("6 hội nghị", "các đoàn kiểm tra"), not a date or a year before the cue ("Chiều 12/3 Đoàn kiểm tra")
_QUANTITY = re.compile(r"(?:(?<![/.\-\d])\d{1,3}|\b(?:các|những|nhiều|mấy|một số|hàng loạt|hai|ba|bốn))\s*$")
_QUANTITY_PLAIN = re.compile(r"(?:(?<![/.\-\d])\d{1,3}|\b(?:cac|nhung|nhieu|may|mot so|hang loat|hai|ba|bon))\s*$")
# a count or a routine activity, not a meeting: "kiểm tra 312 vụ", "kiểm tra, xử lý 265 vụ", "kiểm tra, kiểm soát thị trường"
_DAY_BEFORE = re.compile(r"(?:ngày|ngay|sáng|chiều|tối|sang|chieu)\s+\d+\s*$", re.I)
_STATISTIC = re.compile(r"\s*(?:,\s*(?:xử lý|phát hiện)|được\s+|(?:trên|hơn|gần)\s+)?\s*\d|\s*,?\s*(?:kiểm soát|xử lý|giám sát,\s*kiểm soát)\b")
_INTRO = re.compile(r"(?:tổ chức|tại|khai mạc|bế mạc|diễn ra|dự|chỉ đạo|chủ trì|tiến hành|trong|phiên|kết thúc)\s*$", re.I)
_INTRO_PLAIN = re.compile(r"(?:to chuc|tai|khai mac|be mac|dien ra|du|chi dao|chu tri|tien hanh|trong|phien|ket thuc)\s*$", re.I)
_CLAUSE_START = re.compile(r"(?:^|[,:;.–-])\W*$")
# a later sentence that refers back to the meeting: "Tại hội nghị, ...", "Hội nghị đã ...", "... chủ trì buổi làm việc."
_REFER_BEFORE = re.compile(r"(?:tại|dự|chủ trì|phát biểu|kết luận|khai mạc|bế mạc|trong|tham dự|toàn cảnh|quang cảnh|tổ chức)"
                           r"(?:\s+(?:tại|chỉ đạo|kết luận))?\s*$", re.I)
_REFER_AFTER = re.compile(r"\s*(?:$|[,.;:]|đã\b|cũng\b|này\b|có\b|do\b|được\b|diễn ra\b)", re.I)

# --- roles of the bodies in the lead sentence ---------------------------------------------------
_HOST_BEFORE = re.compile(
    r"(?:(?<!phối hợp )(?<!cùng )với|tại|đối với|làm việc tại|đến làm việc tại|kiểm tra tại|giám sát tại)\s*"
    r"(?:(?:đảng ủy|ban giám đốc|tập thể lãnh đạo)\s*,?\s*(?:và\s+)?)?(?:(?:tập thể\s+)?lãnh đạo\s+|trụ sở\s+)?$", re.I)
# a sentence listing who attended: a team named there is not the meeting ("Cùng dự có đại diện Đoàn giám sát ...")
_ATTENDEES = re.compile(r"^\W*(?:cùng dự|cùng tham dự|tham dự|dự|cùng đi|tham gia|cùng làm việc|về phía)\b", re.I)
_LIST_ITEM = re.compile(r"^\s*[-•*+]\s")
_AT_MEETING = re.compile(r"(?:tại|dự|trong|phát biểu(?: chỉ đạo)?|tham dự|khai mạc|kết luận)\s*$", re.I)
# attending is not convening: "đồng chí X, Bí thư Tỉnh ủy dự hội nghị ..."
_ATTENDS = re.compile(r"(?:^|\s)(?:dự|tham dự|chứng kiến|cùng|và|phát biểu|chỉ đạo)(?:\s|$)", re.I)
_AND_LEADERS = re.compile(r"\s*(?:,|và)\s*(?:tập thể\s+)?(?:lãnh đạo|ban giám đốc)\s+(?=\w)", re.I)
_HOST_BEFORE_PLAIN = re.compile(r"(?:voi|tai|doi voi)\s*(?:lanh dao\s+)?$")
_SENDER_GAP = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:(?:liên ngành|liên ngành số \d+|số \d+|công tác)\s+)?(?:của|do|thuộc)?\s*", re.I)
_SENDER_GAP_PLAIN = re.compile(r"\s*(?:cua|do)?\s*")

# --- the lead ------------------------------------------------------------------------------------
_CHAIR_AFTER = re.compile(r"(?<!đồng )chủ trì(?!\s*,?\s*(?:phối hợp|và phối hợp|tham mưu|xây dựng|thực hiện|(?:buổi\s+)?tiếp|đón))", re.I)
_NOT_CHAIR_VERB = re.compile(r"\b(?:đề nghị|yêu cầu|giao|cho biết|nhấn mạnh|báo cáo|đánh giá|khẳng định|phân công|"
                             r"đề xuất|thống nhất|kiến nghị)\b", re.I)
_CHAIR_BEFORE = re.compile(r"(?:dưới sự chủ trì của|chủ trì(?:\s+(?:hội nghị|buổi làm việc|đại hội|phiên \w+))?\s*(?:có|là))"
                           r"\s*(?:các\s+)?(?:đồng chí|ông|bà)?\s*:?\s*$", re.I)
_CO_CHAIR = re.compile(r"\bđồng chủ trì\b", re.I)
# someone else's clause inside the segment: "A dự hội nghị do Sở chủ trì", "A dự ... với đoàn do B làm trưởng đoàn"
_OTHER_AGENT = re.compile(r"(?:^|\s)(?:do|của|cùng)\s|\bdưới sự\b", re.I)
_HEAD_AFTER = re.compile(r"(?<!phó )(?<!phó)\b(?:làm\s+|là\s+)?(?:trưởng đoàn(?!\s+(?:đại biểu|đbqh))|tổ trưởng)\b", re.I)
_HEAD_BEFORE = re.compile(r"(?<!phó )\b(?:trưởng đoàn|tổ trưởng)(?:\s+[\wđ]+){0,3}\s*(?:là|:|,)?\s*(?:đồng chí|ông|bà)?\s*$", re.I)


@dataclass(frozen=True)
class _Cue:
    start: int
    end: int
    cue: EventCue


@dataclass(frozen=True)
class _Body:
    start: int
    end: int
    name: str
    type: str


def _marked(text: str) -> bool:
    return bool(_MARKED.search(text))


def _not_after(before: str, words: tuple[str, ...]) -> bool:
    b = before.rstrip()
    for w in words:
        if b.endswith(w) and (len(b) == len(w) or not b[-len(w) - 1].isalnum()):
            return True
    return False


class _Reader:
    """Cue words and bodies of one article's sentences, computed once per sentence."""

    def __init__(self, lex: Lexicon, grammar):
        self.lex = lex
        self.grammar = grammar
        self.cues = load_event_cues()
        self._plain_not_after: dict[int, tuple[str, ...]] = {}
        self._bodies: dict[int, list[_Body]] = {}
        self._titled: dict[int, list[tuple[int, int]]] = {}
        self._cues: dict[tuple[int, bool, bool], list[_Cue]] = {}

    # ------------------------------------------------------------------------------ bodies
    def bodies(self, s: Sentence) -> list[_Body]:
        got = self._bodies.get(s.index)
        if got is None:
            text = s.text
            if _marked(text):
                got = [_Body(b.start, b.end, b.name, b.type) for b in self.grammar.bodies(text, fold(text))]
            else:
                got = [_Body(m.start, m.end, m.value.canonical, m.value.org_type)
                       for m in self.lex.bodies_accentless.find(text)]
            self._bodies[s.index] = got
        return got

    def title_spans(self, s: Sentence) -> list[tuple[int, int]]:
        """Spans of titles ("Bí thư Thành ủy"): a body inside one is not the meeting's party."""
        got = self._titled.get(s.index)
        if got is None:
            got = []
            if _marked(s.text):
                got = [(t.start, t.end) for t in self.grammar.titles(s.text, fold(s.text)) if t.body is not None]
            self._titled[s.index] = got
        return got

    def in_title(self, s: Sentence, b: _Body) -> bool:
        return any(a <= b.start and b.end <= e and a < b.start for a, e in self.title_spans(s))

    # ------------------------------------------------------------------------------ cues
    def cues_in(self, s: Sentence, verbs: bool = True, refer: bool = False) -> list[_Cue]:
        """Cue words of the sentence that name a meeting, in text order."""
        key = (s.index, verbs, refer)
        got = self._cues.get(key)
        if got is None:
            got = self._cues[key] = self._cues_in(s, verbs, refer)
        return got

    def _cues_in(self, s: Sentence, verbs: bool, refer: bool) -> list[_Cue]:
        text = s.text
        marked = _marked(text)
        if marked:
            hay = fold(text)
            found = self.cues.marked.find(text, hay)
        else:
            hay = text.lower()  # no Vietnamese letter: lower-casing is the accent-blind fold
            found = self.cues.plain.find(text, hay)
        if not found:
            return []
        masked = self._masked(s, hay, marked)
        out = []
        for m in found:
            c: EventCue = m.value
            if c.kind == "verb" and not verbs:
                continue
            if c.kind != "block" and any(a < m.end and m.start < b for a, b in masked):
                continue
            before = hay[max(0, m.start - 30):m.start]
            not_after = c.not_after if marked else self._plain(c)
            if not_after and _not_after(before, not_after):
                continue
            if c.kind != "block" and (_QUANTITY if marked else _QUANTITY_PLAIN).search(before) \
                    and not _DAY_BEFORE.search(before):
                continue
            if c.kind == "verb" and _STATISTIC.match(hay, m.end):
                continue
            if c.needs_intro and not ((_INTRO if marked else _INTRO_PLAIN).search(before)
                                      or _CLAUSE_START.search(before) or m.start == 0):
                continue
            if refer and c.kind == "name" and not (_REFER_BEFORE.search(before) or m.start == 0
                                                   or _CLAUSE_START.search(before)
                                                   or _REFER_AFTER.match(hay, m.end)):
                continue
            out.append(_Cue(m.start, m.end, c))
        return out

    def _plain(self, c: EventCue) -> tuple[str, ...]:
        got = self._plain_not_after.get(id(c))
        if got is None:
            got = self._plain_not_after[id(c)] = tuple(ascii_fold(w) for w in c.not_after)
        return got

    def _masked(self, s: Sentence, hay: str, marked: bool) -> list[tuple[int, int]]:
        spans = [(b.start, b.end) for b in self.bodies(s) if b.type != "Delegation"]
        if marked:
            text = s.text
            for m in self.lex.doc_words.find(text, hay):
                stop = re.search(r"[,;.()]|\s(?:của|ngày|và)\s", text[m.end:])
                spans.append((m.start, m.end + (stop.start() if stop else len(text) - m.end)))
            t = _TOPIC.search(hay)
            if t:
                spans.append((t.start(), len(hay)))
            cut = _preamble_end(hay)
            if cut:
                spans.append((0, cut))
        else:
            t = _TOPIC_PLAIN.search(hay)
            if t:
                spans.append((t.start(), len(hay)))
        return spans


def _first_type(s: Sentence, cs: list[_Cue]) -> str:
    """The meeting the sentence's first cue names; a ceremony named right after it ("hội nghị
    công bố quyết định bổ nhiệm", "hội nghị tiếp xúc cử tri") makes it no event."""
    first = cs[0]
    if first.cue.event is None:
        return BLOCK
    if len(cs) > 1 and cs[1].cue.event is None and first.cue.kind == "name" and cs[1].start - first.end <= 1:
        return BLOCK
    return first.cue.event


def _preamble_end(hay: str) -> int:
    """Where an opening clause ("Thực hiện Kế hoạch số ... của Ban Thường vụ Tỉnh ủy, sáng 5/3, ...")
    ends: its bodies and documents are not the meeting's; 0 when the sentence has none."""
    if not _PREAMBLE.match(hay):
        return 0
    d = _CLAUSE_DATE.search(hay)
    cut = d.start() if d else hay.find(",")
    return max(cut, 0)


def _event_type(doc: NormalizedDocument, r: _Reader) -> tuple[str | None, Sentence | None]:
    """The type of the article's meeting and the sentence that names it."""
    sentences = [s for s in doc.sentences if s.kind in ("headline", "body", "caption")]
    head = [s for s in sentences[:1] if s.kind == "headline"]
    lead = [s for s in sentences if s.kind == "body"][:N_LEAD]
    named: list[tuple[Sentence, str, list[_Cue]]] = []
    for s in head + lead:
        cs = r.cues_in(s)
        if cs:
            named.append((s, _first_type(s, cs), cs))
    if named and named[0][0].kind == "headline" and named[0][1] == BLOCK and any(t != BLOCK for _, t, _ in named[1:]):
        named = named[1:]  # a ceremony in the headline of a reported meeting
    if named:
        s, typ, _ = named[0]
        if typ == BLOCK:
            return None, None
        if typ not in SPECIFIC:
            for s2, t2, _ in named[1:]:
                if t2 in SPECIFIC and not _ATTENDEES.match(s2.text):
                    typ = t2
                    s = s2 if s.kind == "headline" else s
                    break
        return typ, s
    # the lead names no meeting: a later reference to one ("Tại hội nghị, ...")
    done = {s.index for s in head + lead}
    for s in sentences:
        if s.index in done or _LIST_ITEM.match(s.text):
            continue  # a list of links to other articles ("- Hội nghị ... (14/10/2024)") is not this one
        # a dated sentence reports the meeting ("Chiều 5/3, Đoàn giám sát ... đã làm việc"); any
        # other sentence only refers back to it ("Tại hội nghị, ...")
        if s.kind == "body" and find_event_date(s.text):
            cs = r.cues_in(s)
            if cs:
                t = _first_type(s, cs)
                return (None, None) if t == BLOCK else (t, s)
        cs = r.cues_in(s, verbs=False, refer=True)
        if cs:
            t = _first_type(s, cs)
            if t == BLOCK:
                return None, None
            if t in ("Conference", "WorkingSession"):
                return t, s
    return None, None


def _naming_cues(s: Sentence, r: _Reader) -> list[_Cue]:
    """Cues that name the meeting where the sentence reports it, not where it refers back to it
    ("Tại hội nghị, ...", "Phát biểu tại buổi làm việc, ...")."""
    hay = fold(s.text) if _marked(s.text) else s.text.lower()
    return [c for c in r.cues_in(s) if c.cue.event is not None and not _AT_MEETING.search(hay[max(0, c.start - 25):c.start])]


def _parties(doc: NormalizedDocument, r: _Reader, typ: str, named: Sentence) -> tuple[str | None, str | None]:
    """The organiser and the host: from the sentence that names the meeting and the lead's other
    sentences that name it, then the headline, then the lead's first sentence."""
    head = [s for s in doc.sentences[:1] if s.kind == "headline"]
    lead = [s for s in doc.sentences if s.kind == "body"][:N_LEAD + 1]
    order = [] if named.kind == "headline" else [named]
    order += [s for s in lead if s is not named and _naming_cues(s, r)]
    order += head + lead[:1]
    organizer = host = None
    fallback_org = None
    seen: set[int] = set()
    for s in order:
        if s.index in seen:
            continue
        seen.add(s.index)
        o, h, f = _parties_in(s, r, typ)
        organizer = organizer or o
        host = host or h
        fallback_org = fallback_org or f
        if organizer and host:
            break
    organizer = organizer or fallback_org
    if typ == "Conference":
        host = organizer or host
    return organizer, host


def _parties_in(s: Sentence, r: _Reader, typ: str) -> tuple[str | None, str | None, str | None]:
    text = s.text
    marked = _marked(text)
    hay = fold(text) if marked else text.lower()
    bodies = r.bodies(s)
    if not bodies:
        return None, None, None
    host_before = _HOST_BEFORE if marked else _HOST_BEFORE_PLAIN
    sender_gap = _SENDER_GAP if marked else _SENDER_GAP_PLAIN
    opening = _preamble_end(hay) if marked else 0
    free = [b for b in bodies if not r.in_title(s, b) and b.start >= opening]
    # the subject comes before the verb; "Tại hội nghị, Đảng ủy Sở ..." refers back, the subject follows
    cues = _naming_cues(s, r)
    verb_at = cues[0].start if cues else len(text)
    organizer = host = None
    fallback = None
    hosts: set[int] = set()
    for b in free:
        if b.type != "Delegation" and host_before.search(hay[max(0, b.start - 60):b.start]):
            if marked and _AND_LEADERS.match(hay, b.end):
                continue  # "với Đảng ủy, lãnh đạo Sở Công Thương": the meeting is with the Sở
            hosts.add(b.start)
    # the team and who sent it
    team = next((b for b in free if b.type == "Delegation"), None)
    sender = None
    if team is not None:
        g = sender_gap.match(hay, team.end)
        j = g.end() if g else team.end
        sender = next((b for b in free if b.start == j and b.type != "Delegation"), None)
    subject = next((b for b in free if b.start not in hosts and (sender is None or b is not sender)
                    and (b.start < verb_at or b.type == "Delegation")), None)
    if subject is not None and subject.type == "Delegation":
        organizer = sender.name if sender else subject.name
        if host_before.search(hay[max(0, subject.start - 60):subject.start]):
            # "đồng chí X, Chủ tịch UBND tỉnh tiếp và làm việc với Đoàn công tác Bộ Công Thương"
            titled = [b for b in bodies if b not in free and b.type != "Delegation" and b.start < subject.start]
            if titled:
                host = titled[-1].name
    elif subject is not None:
        meets_team = team is not None and host_before.search(hay[max(0, team.start - 60):team.start])
        if meets_team and team.start > subject.start:
            # "Sở Công Thương tỉnh Sơn La làm việc với Đoàn công tác Sở Công Thương tỉnh Hưng Yên"
            host = subject.name
            organizer = sender.name if sender else team.name
        else:
            organizer = subject.name
    elif team is not None:
        organizer = sender.name if sender else team.name
    if organizer is None and cues and cues[0].cue.event == "Conference" and cues[0].cue.kind == "name":
        # "Hội nghị Ban Chấp hành Đảng bộ tỉnh lần thứ 15": the body whose meeting it is
        j = cues[0].end + len(text[cues[0].end:]) - len(text[cues[0].end:].lstrip())
        after = next((b for b in free if b.start == j and b.type != "Delegation"), None)
        if after is not None:
            organizer = after.name
    if host is None:
        h = next((b for b in free if b.start in hosts and (organizer is None or b.name != organizer or typ == "WorkingSession")), None)
        if h is not None and not (subject is not None and h is subject):
            host = h.name
    if organizer is None:
        # "đồng chí X, Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh chủ trì buổi làm việc với Sở ...":
        # the body of the chair's last title before the host
        limit = min(hosts) if hosts else len(text)
        titled = [b for b in bodies if b not in free and b.type != "Delegation" and b.start < limit
                  and not _ATTENDS.search(hay[b.end:verb_at])]
        if titled:
            fallback = titled[-1].name
    return organizer, host, fallback


def _lead(doc: NormalizedDocument, findings: Findings, typ: str, named: Sentence | None = None,
          verb_at: int | None = None) -> str | None:
    """Who chairs the meeting or heads the team: for an inspection or supervision the head of the
    team first, for a working session or conference the chair first (a host's director chairs the
    session with a visiting team)."""
    names = {}
    for p in findings.persons:
        for n in [p.name, *p.mentions]:
            if len(n.split()) >= 2:
                names[fold(n)] = p.name
    if not names:
        return None
    rx = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?!\w)")
    chair = head = None
    for s in doc.sentences[:_LEAD_SCAN]:
        if s.kind not in ("headline", "body", "caption"):
            continue
        low = s.text.lower()
        if "chủ trì" not in low and "trưởng" not in low:
            continue
        folded = fold(s.text)
        occ = list(rx.finditer(folded))
        if not occ:
            continue
        if chair is None and _CO_CHAIR.search(folded):
            chair = names[occ[0].group(0)]  # "đồng chí A và đồng chí B đồng chủ trì": the first named
        for i, m in enumerate(occ):
            name = names[m.group(0)]
            end = occ[i + 1].start() if i + 1 < len(occ) else len(folded)
            seg = folded[m.end():end]
            cut = re.search(r"[;.]\s", seg + " ")
            seg = seg[:cut.start()][:200] if cut else seg[:200]
            before = folded[max(0, m.start() - 60):m.start()]
            if chair is None:
                c = _CHAIR_AFTER.search(seg)
                if c and not _NOT_CHAIR_VERB.search(seg[:c.start()]) and not _OTHER_AGENT.search(seg[:c.start()]):
                    chair = name
                elif _CHAIR_BEFORE.search(before):
                    chair = name
            if head is None:
                h = _HEAD_AFTER.search(seg)
                if (h and not _OTHER_AGENT.search(seg[:h.start()])) or _HEAD_BEFORE.search(before):
                    head = name
        if chair and head:
            break
    if typ in SPECIFIC:
        found = head or chair
    else:
        found = chair or head
    if found:
        return found
    # "Chiều 2/10, đồng chí X, Phó Chủ tịch UBND tỉnh đã kiểm tra ...": who does what the lead reports
    if named is not None and verb_at is not None:
        folded = fold(named.text)
        m = rx.search(folded, 0, verb_at)
        if m and not _ATTENDS.search(folded[m.end():verb_at]) and not _OTHER_AGENT.search(folded[m.end():verb_at]) \
                and not re.search(r"(?:cùng|với|và|tiếp)\s*(?:đồng chí|ông|bà)?\s*$", folded[:m.start()]):
            return names[m.group(0)]
    leads = findings.notes.get("leads", [])
    return leads[0][1] if leads else None


@extractor("events", requires=("place_time", "people", "organizations", "documents"))
def extract_events(doc: NormalizedDocument, lex: Lexicon, findings: Findings) -> None:
    r = _Reader(lex, findings.notes["grammar"])
    typ, named = _event_type(doc, r)
    if typ is None or named is None:
        return
    organizer, host = _parties(doc, r, typ, named)
    said = named if named.kind != "headline" else next(
        (s for s in doc.sentences if s.kind == "body" and s.index <= N_LEAD + 1 and r.cues_in(s)), None)
    cues = [c for c in r.cues_in(said) if c.cue.event is not None] if said is not None else []
    lead = _lead(doc, findings, typ, said, cues[0].start if cues else None)
    heads = {named.text} | {s.text for s in doc.sentences[:3]}
    about = tuple(dict.fromkeys(d.key for d in findings.documents if d.evidence in heads))
    evidence = named.text if named.kind != "headline" else next(
        (s.text for s in doc.sentences if s.kind == "body"), named.text)
    findings.events.append(Event(typ, findings.date, lead, organizer, host, about, evidence))
