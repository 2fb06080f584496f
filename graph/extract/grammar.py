"""The phrase grammar shared by the extractors: bodies, titles (role + body) and names.

Bodies:   BODY  := UNIT BODY? | TOP [province] | TEAM [số N] | HEAD Name [province]
Titles:   TITLE := [former] ROLE [BODY] | COMPOUND | FUNCTION
Chains:   CHAIN := TITLE ((, | - | kiêm | và) TITLE)*
Names:    a run of two to five capitalised syllables that is not a body, role or place.

All vocabulary comes from the lexicon; this module only knows how the pieces combine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..lexicon import BodyInfo, Gazetteer, Lexicon, Match, RoleInfo
from ..text import fold

UP = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LO = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
WORD = re.compile(rf"[{UP}{LO}0-9'’]+")
CAP_WORD = re.compile(rf"^[{UP}][{LO}{UP}'’]*$")

# Words that end an open-ended name ("Cục Quản lý ... về", "Công ty ... đã").
STOP = set("""về của cùng đã tại trong với do làm phát cho được có là theo trên từ để nhằm đến sẽ đang chủ dự
tham báo tổ triển tiếp thực đánh ghi đề yêu trình cũng vẫn khi sau trước này đó các những một hai ba nhiều
và hoặc nhưng nên thì mà vì bởi nay năm tháng ngày quý giai kết luận sơ đối tới lên xuống như bằng gồm
phối vừa ký trao tặng khảo họp gặp đón kêu thuộc giữ""".split())
NAME_ALLOWED_LOWER = {"và", "các"}
ABBREVIATIONS = {"QLTT": "Quản lý thị trường", "KCN": "khu công nghiệp", "CCN": "cụm công nghiệp",
                 "KT-XH": "kinh tế - xã hội", "XNK": "xuất nhập khẩu", "KH&CN": "Khoa học và Công nghệ"}


@dataclass(frozen=True)
class BodySpan:
    start: int
    end: int
    name: str  # canonical name
    type: str
    family: str | None
    national: bool
    province: str | None = None  # a province written with the body ("Tỉnh ủy Thái Bình")
    bare: bool = False  # a unit written without its parent ("Đảng ủy"): resolved from context


@dataclass
class Title:
    start: int
    end: int
    role: RoleInfo
    body: BodySpan | None = None
    former: bool = False


@dataclass
class Chain:
    start: int
    end: int
    titles: list[Title] = field(default_factory=list)


@dataclass
class Context:
    """What an article says about itself that short mentions refer to."""

    department: str | None = None  # "Sở" alone means this ("Giám đốc Sở", "Đảng ủy Sở")
    party: str = "Tỉnh ủy"  # "Tỉnh ủy" or "Thành ủy"
    council: str = "Hội đồng nhân dân tỉnh"
    people_committee: str = "Ủy ban nhân dân tỉnh"
    city: bool = False


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t":
        i += 1
    return i


def _word_at(text: str, i: int) -> re.Match | None:
    return WORD.match(text, i)


_UNIT_GAZETTEERS: dict[int, Gazetteer[str]] = {}


def _unit_gazetteer(lex: Lexicon) -> Gazetteer[str]:
    g = _UNIT_GAZETTEERS.get(id(lex))
    if g is None:
        g = Gazetteer()
        for key in lex.units_of:
            g.add(key, key)
        g = _UNIT_GAZETTEERS[id(lex)] = g.finish()
    return g


_TEAM_TASK = re.compile(rf"\s+((?:[{LO}]+\s+){{1,8}}?)(tỉnh|thành phố)\b")
_TEAM_TASK_STOP = set("của do về đã tại với và làm họp đang sẽ được có là cho theo trong các".split())
_COMPANY_FORM = re.compile(r"(?:cổ phần|trách nhiệm hữu hạn(?: một thành viên| hai thành viên trở lên)?|TNHH(?: MTV| một thành viên)?|"
                           r"một thành viên|MTV|liên doanh|hợp danh)(?=\s)", re.I)
_CODE_BEFORE = re.compile(r"(?:^|\s)[0-9A-ZĐ./-]*[0-9A-ZĐ]$")  # "28-KH" of "28-KH/TU", not "Anh" of "Anh/TTXVN"
_BRACKET_ABBREV = re.compile(r"\(\s*[A-ZĐ]{2,8}\s*\)\s*")
_LEVEL_WORD = re.compile(r"(?:tỉnh|thành phố|TP\.?)\s+", re.I)
_LEVEL_AFTER = re.compile(r"(tỉnh|thành phố|TP\.?|Tp\.?)(?=\s|$)", re.I)
_BARE_CELL = re.compile(r"\s+Chi bộ\b(?!\s+[A-ZĐ])")
# qualifiers written between a role and its body: "Phó Trưởng đoàn chuyên trách Đoàn ĐBQH tỉnh"
_QUALIFIER_AFTER_ROLE = re.compile(r"(?:chuyên trách|phụ trách|thường trực)\b", re.I)


class Grammar:
    """Parses bodies, titles and names in one sentence against the lexicon."""

    def __init__(self, lex: Lexicon, ctx: Context | None = None):
        self.lex = lex
        self.ctx = ctx or Context()
        self.units = _unit_gazetteer(lex)
        # one Grammar serves one article; several extractors parse the same sentences
        self.sentences: list[str] = []  # the article's, set by extract()
        self._heads: dict[str, str] | None = None
        self._bodies: dict[str, list[BodySpan]] = {}
        self._titles: dict[str, list[Title]] = {}

    def heads(self) -> dict[str, str]:
        """What a bare head role ("Phó Chi cục trưởng cho biết") refers to: by head word, the body
        with that head the article names most. Computed on first need from memoised parses."""
        if self._heads is None:
            self._heads = {}
            counts: dict[str, dict[str, int]] = {}
            for text in self.sentences:
                for b in self.bodies(text):
                    if not b.national and b.type != "Delegation" and not b.bare:
                        words = fold(b.name).split(" ")
                        for n in (1, 2):
                            c = counts.setdefault(" ".join(words[:n]), {})
                            c[b.name] = c.get(b.name, 0) + 1
            for head, c in counts.items():
                self._heads[head] = max(c, key=lambda k: c[k])
        return self._heads

    # ---------------------------------------------------------------- bodies
    def body_at(self, text: str, i: int, folded: str, depth: int = 0) -> BodySpan | None:
        """The longest body name starting exactly at ``i``."""
        i = _skip_space(text, i)
        if i >= len(text) or depth > 3:
            return None
        if not text[i].isupper():
            return None
        unit = self._match_at(self.units, text, folded, i)
        top = self._match_at(self.lex.bodies, text, folded, i)
        if unit is not None and (top is None or unit.end >= top.end or top.value.kind == "head"):
            span = self._unit_body(text, folded, unit, depth)
            if span is not None:
                return span
        if top is None:
            return None
        info: BodyInfo = top.value
        if info.kind == "none":  # a plant or site whose name looks like a body's
            return None
        if info.kind == "team":
            return self._team(text, folded, top)
        if info.kind == "head":
            return self._open_name(text, folded, top)
        end, province = self._province_after(text, folded, top.end, info)
        return BodySpan(top.start, end, info.canonical, info.org_type, info.family,
                        info.scope == "national", province)

    def _match_at(self, gaz: Gazetteer, text: str, folded: str, i: int) -> Match | None:
        return gaz.longest_at(text, i, folded)

    def _unit_body(self, text: str, folded: str, unit: Match, depth: int) -> BodySpan | None:
        variants = self.lex.units_of[unit.value]
        j = _skip_space(text, unit.end)
        # "Ủy ban Kiểm tra (UBKT) Tỉnh ủy": an abbreviation in brackets between unit and parent
        m = _BRACKET_ABBREV.match(text, j)
        if m:
            j = m.end()
        parent = None
        word = _word_at(text, j)
        if word and fold(word.group(0)) == "sở" and not self._match_at(self.lex.bodies, text, folded, j):
            if self.ctx.department:
                parent = BodySpan(j, word.end(), self.ctx.department, "StateAgency", "department", False,
                                  bare=True)
        else:
            parent = self.body_at(text, j, folded, depth + 1)
        canonical = variants[0]
        if parent is not None:
            fam = parent.family or ""
            if parent.name.startswith(("Đảng ủy", "Đảng bộ", "Chi bộ")):
                fam = "party-cell"
            chosen = next((v for v in variants if v.attaches_to == fam), None)
            if chosen is None and fam in ("party-exec", "party-cell"):
                # "Ban Thường vụ Đảng ủy Sở Công Thương": a party unit of a department's committee
                chosen = next((v for v in variants if v.attaches_to == "party"), None)
            if chosen is not None:
                name = f"{chosen.canonical} {parent.name}"
                family = "party-cell" if chosen.canonical in ("Đảng ủy", "Đảng bộ", "Chi bộ") else parent.family
                return BodySpan(unit.start, parent.end, name, chosen.org_type, family, parent.national,
                                parent.province)
        # a unit alone: resolved from what the article is about
        label = canonical.canonical
        nxt = _word_at(text, _skip_space(text, unit.end))
        if nxt and nxt.group(0).lower() in ("tỉnh", "thành", "huyện", "xã", "cơ", "các", "cấp", "khối", "quân", "công", "tp"):
            return None
        if label in ("Đảng ủy", "Đảng bộ"):  # a bare "Chi bộ" is some division's cell: not named
            if self.ctx.department:
                return BodySpan(unit.start, unit.end, f"{label} {self.ctx.department}", "PartyCommittee",
                                "party-cell", False, bare=True)
            return None
        party_units = [v for v in variants if v.attaches_to == "party"]
        if party_units and label not in ("Văn phòng", "Thanh tra"):
            v = party_units[0]
            return BodySpan(unit.start, unit.end, f"{v.canonical} {self.ctx.party}", v.org_type, "party",
                            False, bare=True)
        return None

    def _team(self, text: str, folded: str, top: Match) -> BodySpan:
        end = top.end
        name = top.value.canonical
        m = re.match(r"\s+(?:số\s+)(\d+)\b", text[end:])
        if m:
            name = f"{name} số {m.group(1)}"
            end += m.end()
        else:  # "Ban Chỉ đạo 389 tỉnh", "Ban Chỉ đạo 35 Trung ương": the number names the team
            m = re.match(r"\s+(\d+)\b(?:\s+(tỉnh|thành phố|Trung ương|quốc gia)\b)?", text[end:])
            if m:
                name = f"{name} {m.group(1)}" + (f" {m.group(2)}" if m.group(2) else "")
                end += m.end()
            else:  # "Ban Chỉ đạo phát triển thương mại điện tử tỉnh": the task names the team
                m = _TEAM_TASK.match(text, end)
                if m and not any(w.lower() in _TEAM_TASK_STOP for w in m.group(1).split()):
                    name = f"{name} {' '.join(m.group(1).split())} {m.group(2)}"
                    end = m.end()
        # "Tiểu ban Văn kiện Đại hội Đảng bộ Sở Công Thương": the congress it serves is part of it
        m = re.match(r"\s+Đại hội\b", text[end:])
        if m:
            served = self.body_at(text, _skip_space(text, end + m.end()), folded)
            end = served.end if served is not None else end + m.end()
        return BodySpan(top.start, end, name, "Delegation", "team", False)

    def _open_name(self, text: str, folded: str, top: Match) -> BodySpan | None:
        info: BodyInfo = top.value
        words: list[tuple[int, int, str]] = []
        j = top.end
        while True:
            k = _skip_space(text, j)
            sep = ""
            if k < len(text) and text[k] in "-–&":
                sep = text[k]
                k = _skip_space(text, k + 1)
            w = _word_at(text, k)
            if not w:
                break
            tok = w.group(0)
            low = tok.lower()
            cap = tok[0].isupper()
            if not words and low == "số" and re.match(r"\s+\d+", text[w.end():]):
                m2 = re.match(r"\s+\d+", text[w.end():])
                words.append((k, w.end() + m2.end(), tok))
                j = w.end() + m2.end()
                break
            if not words and not cap and info.org_type == "OtherOrganization" and self._province_here(text, folded, k):
                pend = self._province_end(text, folded, k)  # "Bưu điện tỉnh Tiền Giang": the name as written
                if pend:
                    words.append((k, pend, text[k:pend]))
                    j = pend
                    break
            if not words and not cap:
                form = _COMPANY_FORM.match(text, k) if info.org_type == "OtherOrganization" else None
                if form is None:
                    return None
                # "Công ty cổ phần Năng lượng Xanh Phước Hữu": the legal form, then the name
                words.append((k, form.end(), text[k:form.end()]))
                j = form.end()
                continue
            if not cap and low not in ("và", "các") and not (low == "tại" and info.family == "abroad") and len(words) >= 2 \
                    and all(t[2][:1].isupper() and not t[2].isupper() for t in words[-2:]):
                # a proper name of two capitalised words ends the name: "Công ty cổ phần Năng lượng
                # Xanh Phước Hữu | bảo đảm ...", "Chi cục Hải quan cửa khẩu quốc tế Tây Trang | tạo ..."
                break
            if sep and not cap:
                break
            pt = re.match(r"\s+triển\b", text[w.end():]) if low == "phát" else None
            if pt:  # "... Tư vấn phát triển công nghiệp": "phát triển" is a name's words
                words.append((k, w.end() + pt.end(), text[k:w.end() + pt.end()]))
                j = w.end() + pt.end()
                continue
            if low == "tại" and info.family == "abroad" and self._cap_next(text, w.end()):
                # "Thương vụ Việt Nam tại Hàn Quốc": the place (its capitalised words) ends the name
                place = re.match(rf"\s+[{UP}][{LO}]*(?:\s+[{UP}][{LO}]*){{0,3}}", text[w.end():])
                words.append((k, w.end() + place.end(), text[k:w.end() + place.end()]))
                j = w.end() + place.end()
                break
            if low == "và" and self._body_next(text, folded, w.end()):
                break  # "Hiệp hội Doanh nghiệp tỉnh và Trung tâm Khuyến công ...": two bodies
            if low in STOP and not (low == "và" and self._cap_next(text, w.end())) and \
                    not (low in ("các", "và") and re.match(r"\s*(?:các\s+)?(?:khu\s+(?:công nghiệp|chế xuất)|KCN\b)", text[w.end():])) and \
                    not (low in ("trong", "ngoài") and re.match(r"\s+nước\b", text[w.end():])):
                break
            if low == "số" and re.match(r"\s+\d+", text[w.end():]):
                m2 = re.match(r"\s+\d+", text[w.end():])
                words.append((k, w.end() + m2.end(), tok))
                j = w.end() + m2.end()
                break
            if self._province_here(text, folded, k):
                if info.org_type != "OtherOrganization":
                    break
                # an enterprise or newspaper keeps the province in its name and ends there
                # ("Công ty Điện lực Ninh Thuận", "Báo Khánh Hòa")
                pend = self._province_end(text, folded, k)
                if pend:
                    tail = re.match(r"\s*[-–]\s*[A-ZĐ]{2,6}\b", text[pend:])  # "Công ty Nhôm Lâm Đồng - TKV"
                    if tail:
                        pend += tail.end()
                    words.append((k, pend, text[k:pend]))
                    j = pend
                break
            if cap and len(words) >= 1 and info.org_type != "OtherOrganization" and self._looks_like_person_start(text, k):
                break
            words.append((k, w.end(), tok))
            j = w.end()
            if len(words) >= 12:
                break
        if not words:
            return None
        end = words[-1][1]
        # the head as the vocabulary writes it ("UBND huyện" -> "Ủy ban nhân dân huyện"), then the words
        surface = info.canonical + text[top.end:end]
        name = " ".join(ABBREVIATIONS.get(t, t) for t in surface.split())
        name = re.sub(r"\s*([-–])\s*", r" \1 ", name)
        province = None
        if info.org_type != "OtherOrganization":
            end2, province = self._province_after(text, folded, end, info)
            end = end2
        return BodySpan(top.start, end, name, info.org_type, "head", False, province)

    def _body_next(self, text: str, folded: str, i: int) -> bool:
        k = _skip_space(text, i)
        if k >= len(text) or not text[k].isupper():
            return False
        m = self.lex.bodies.longest_at(text, k, folded)
        return m is not None and (m.value.kind in ("head", "team") or (m.value.kind == "top" and m.value.family != "other"))

    def _province_end(self, text: str, folded: str, i: int) -> int | None:
        m = _LEVEL_WORD.match(text, i)
        pm = self._match_at(self.lex.provinces, text, folded, m.end() if m else i)
        return pm.end if pm is not None else None

    def _cap_next(self, text: str, i: int) -> bool:
        w = _word_at(text, _skip_space(text, i))
        return bool(w and w.group(0)[0].isupper())

    def _looks_like_person_start(self, text: str, i: int) -> bool:
        m = re.match(rf"((?:[{UP}][{LO}]*\s+){{1,4}}[{UP}][{LO}]*)", text[i:])
        if not m:
            return False
        first = m.group(1).split()[0]
        return fold(first) in SURNAMES and len(m.group(1).split()) >= 2

    def _province_here(self, text: str, folded: str, i: int) -> bool:
        m = _LEVEL_WORD.match(text, i)
        j = m.end() if m else i
        pm = self._match_at(self.lex.provinces, text, folded, j)
        return pm is not None and (m is not None or pm.surface[0].isupper())

    def _province_after(self, text: str, folded: str, end: int, info: BodyInfo) -> tuple[int, str | None]:
        """Consume "tỉnh X", "thành phố X", "X" after a provincial body; return the province."""
        if info.scope == "national" or info.org_type == "OtherOrganization":
            return end, None
        i = _skip_space(text, end)
        m = _LEVEL_AFTER.match(text, i)
        j = _skip_space(text, m.end()) if m else i
        pm = self._match_at(self.lex.provinces, text, folded, j)
        if pm is not None and (m is not None or pm.surface[0].isupper()):
            e = pm.end
            old = re.match(r"\s*\(cũ\)", text[e:])
            if old:
                e += old.end()
            return e, pm.value.name
        if m and info.canonical.endswith(("tỉnh", "thành phố")):
            return end, None
        if m and info.family in ("department", "state") and not info.canonical.endswith(("tỉnh", "thành phố")):
            # "Sở Công Thương tỉnh" / "Sở Công Thương thành phố": the word names the level only
            if not _word_at(text, j) or not text[j:j + 1].isupper():
                return m.end(), None
        return end, None

    def bodies(self, text: str, folded: str | None = None) -> list[BodySpan]:
        """Every body named in the sentence, longest first, not overlapping."""
        cached = self._bodies.get(text)
        if cached is None:
            cached = self._bodies[text] = self._parse_bodies(text, folded if folded is not None else fold(text))
        return list(cached)

    def _parse_bodies(self, text: str, folded: str) -> list[BodySpan]:
        out: list[BodySpan] = []
        starts = sorted(set(self.units.starts(text, folded)) | set(self.lex.bodies.starts(text, folded)))
        pos = 0
        for s in starts:
            if s < pos:
                continue
            if s > 0 and text[s - 1] in "/-" and text[s:s + 2].isupper() and _CODE_BEFORE.search(text, 0, s - 1):
                continue  # "28-KH/TU": the issuer part of a document code, not a body named
            span = self.body_at(text, s, folded)
            if span is not None:
                out.append(span)
                pos = span.end
        return out

    # ---------------------------------------------------------------- titles
    def titles(self, text: str, folded: str | None = None) -> list[Title]:
        """Every title in the sentence with the body it names (copies: callers may edit them)."""
        cached = self._titles.get(text)
        if cached is None:
            cached = self._titles[text] = self._parse_titles(text, folded if folded is not None else fold(text))
        return [Title(t.start, t.end, t.role, t.body, t.former) for t in cached]

    def _parse_titles(self, text: str, folded: str) -> list[Title]:
        out: list[Title] = []
        former = False
        former_start = 0
        pos = 0
        named = self.bodies(text, folded)
        for m in self.lex.roles.find(text, folded):
            if m.start < pos:
                continue
            if any(b.start < m.start < b.end for b in named):
                continue  # "Thường vụ" inside "Ban Thường vụ Tỉnh ủy" is part of a body's name
            info: RoleInfo = m.value
            if info.kind == "former":
                nxt = self.lex.roles.find(text[m.end:m.end + 60])
                if m.surface[0].islower() and nxt and nxt[0].start <= 1:
                    former = True
                    former_start = m.start
                pos = m.end
                continue
            # a role word inside a longer lower-case phrase is not a title ("thành viên" alone is fine)
            body = None
            if fold(info.canonical) in ("trưởng đoàn", "phó trưởng đoàn"):
                # heading the standing Đoàn đại biểu Quốc hội is a post ("Trưởng đoàn ĐBQH tỉnh",
                # "Phó Trưởng đoàn chuyên trách Đoàn ĐBQH tỉnh"); heading a task delegation is not
                j = _skip_space(text, m.end)
                q = _QUALIFIER_AFTER_ROLE.match(text, j)
                j = _skip_space(text, q.end()) if q else j
                nb = self.body_at(text, j, folded)
                if nb is None or nb.family != "na-delegation":
                    nb = self._headed_body(text, folded, m.end - len("đoàn"), "Đoàn")
                post = self.lex.role_by_name.get("Phó Trưởng đoàn" if fold(info.canonical).startswith("phó") else "Trưởng đoàn")
                if nb is not None and nb.family == "na-delegation" and post is not None:
                    info, body = post, nb
                    out.append(Title(m.start, nb.end, info, body, False))
                    pos = nb.end
                    continue
                if info.kind == "post":  # any other "Trưởng đoàn" leads a task team: a function
                    info = self.lex.role_by_name.get(fold(info.canonical), info)
            if info.kind == "compound":
                body = self.named_body(info.implied_org, m.start, m.end)
            elif info.kind == "post":
                j = _skip_space(text, m.end)
                head = info.org_head
                if head and not folded.startswith(fold(head), j):
                    k = m.end - len(head)
                    if k >= m.start and fold(text[k:m.end]) == fold(head):
                        body = self._headed_body(text, folded, k, head)
                if body is None:
                    body = self.body_at(text, j, folded)
                    if body is not None and body.start != j:
                        body = None
                if body is None:
                    w = _word_at(text, j)
                    if w and w.group(0) == "Sở" and not self._cap_next(text, w.end()):
                        # "Về phía Sở Kế hoạch và Đầu tư có đồng chí X, Giám đốc Sở": the Sở the
                        # sentence names, else the one the article is about
                        here = [b.name for b in named if b.end <= j and b.family == "department" and not b.bare]
                        dept = here[-1] if here else self.ctx.department
                        if dept:
                            body = BodySpan(j, w.end(), dept, "StateAgency", "department", False, bare=True)
                if body is None and head:
                    # "Ban Kinh tế - Ngân sách HĐND tỉnh do ông X, Trưởng ban làm trưởng đoàn",
                    # "Đoàn công tác của Bộ Công Thương do Thứ trưởng Y": the body named before
                    here = [b for b in named if b.end <= m.start and fold(b.name).startswith(fold(head) + " ")]
                    if here:
                        b = here[-1]
                        body = BodySpan(m.start, m.end, b.name, b.type, b.family, b.national, b.province, bare=True)
                    elif not self._cap_next(text, m.end) and fold(head) in self.heads():
                        name = self.heads()[fold(head)]
                        info_b = self.lex.body_by_name.get(name)
                        body = BodySpan(m.start, m.end, name, info_b.org_type if info_b else "StateAgency",
                                        info_b.family if info_b else None, False, bare=True)
                if body is None and info.implied_org:
                    body = self.named_body(info.implied_org, m.start, m.end)
            t = Title(former_start if former else m.start, body.end if body else m.end, info, body, former)
            former = False
            if body is None and info.kind == "post":
                cell = _BARE_CELL.match(text, t.end)
                if cell:  # "Bí thư Chi bộ, Trưởng phòng Quản lý công nghiệp": resolved below
                    t.end = cell.end()
            out.append(t)
            pos = t.end
        # a bare "Chi bộ" is the cell of the division the same sentence names in a title
        divisions = [t.body for t in out if t.body is not None and t.body.family == "head"
                     and fold(t.body.name).startswith(("phòng ", "đội ", "trung tâm "))]
        for t in out:
            if t.body is None and divisions and text[t.start:t.end].rstrip().lower().endswith("chi bộ"):
                d = min(divisions, key=lambda b: abs(b.start - t.start))
                t.body = BodySpan(t.end - len("Chi bộ"), t.end, f"Chi bộ {d.name}", "PartyCommittee", "party-cell", False, bare=True)
        return out

    def named_body(self, name: str | None, start: int, end: int) -> BodySpan | None:
        """A body given by name in the vocabulary ("Tỉnh ủy" of "Tỉnh ủy viên")."""
        if not name:
            return None
        if name in ("Đảng ủy", "Đảng bộ"):
            if not self.ctx.department:
                return None
            return BodySpan(start, end, f"{name} {self.ctx.department}", "PartyCommittee", "party-cell", False, bare=True)
        if name == "Tỉnh ủy":
            name = self.ctx.party
        info = self.lex.body_by_name.get(name)
        if info is None:
            return None
        return BodySpan(start, end, info.canonical, info.org_type, info.family, info.scope == "national", bare=True)

    def _headed_body(self, text: str, folded: str, k: int, head: str) -> BodySpan | None:
        """"Trưởng ban Nội chính Tỉnh ủy": the body is "Ban" + what follows the role."""
        synthetic = head[0].upper() + head[1:] + text[k + len(head):]
        sfold = fold(synthetic)
        span = self.body_at(synthetic, 0, sfold)
        if span is None:
            return None
        return BodySpan(k, k + span.end, span.name, span.type, span.family, span.national, span.province, span.bare)

    def chains(self, text: str, titles: list[Title]) -> list[Chain]:
        """Group titles written one after another ("Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh")."""
        chains: list[Chain] = []
        for t in titles:
            if chains:
                gap = text[chains[-1].end:t.start]
                if re.fullmatch(r"\s*(?:,|-|–|—|kiêm|và|;)?\s*(?:nay là|đồng thời là|hiện là|giữ chức(?:\s+vụ)?)?\s*", gap) and ";" not in gap:
                    chains[-1].titles.append(t)
                    chains[-1].end = t.end
                    continue
            chains.append(Chain(t.start, t.end, [t]))
        return chains


SURNAMES = {fold(s) for s in """Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Trương Trịnh
Mai Hà Đào Tạ Triệu Kiều Tô Thái Chu Khổng La Doãn Quách Lục Mạc Nông Hứa Bế Lù Sùng Giàng Thào Vàng Mùa Lầu Cầm Tòng Lò
Sầm Lường Quàng Lâm Lương Cao Châu Giáp Thân Vi Lại Điểu Y Ksor Siu Nay Rơ Đàm Đoàn Văn Tăng Lưu Từ Ninh Âu Cù Hầu Kim
Khúc Mạnh Nghiêm Phùng Tôn Tống Vương Viên Yên Bạch Bàn Chẩu Hoàng Hàn Hồng Lã Lạc Lò Mã Ma Mông Nguyên Ông Quan
Sơn Thạch Trình Trịnh Tiêu Ứng Vĩnh Danh Kha Công Cù Diệp Đồng Giang Kiều Lăng Lạng Ngọ Nhữ Ôn Quang Thiều Thẩm Tòng""".split()}

# A name is 1-5 capitalised syllables; "Y Thoại Byă", "K' Mạnh" and "H'Hen Niê" occur in the genre.
NAME_RUN = re.compile(rf"[{UP}][{LO}{UP}'’]*(?:\s+[{UP}][{LO}{UP}'’]*){{0,4}}")


def name_at(text: str, i: int, lex: Lexicon, min_words: int = 2) -> tuple[int, int, str] | None:
    """The person name starting at ``i``: a run of capitalised syllables, cut before a role,
    body or province word."""
    i = _skip_space(text, i)
    m = NAME_RUN.match(text, i)
    if not m:
        return None
    body = lex.bodies.longest_at(text, i)
    if (body is not None and body.value.kind in ("head", "team", "top")) or _unit_gazetteer(lex).longest_at(text, i):
        return None  # "Ban Chỉ đạo ...", "Phòng Quản lý ...", "Ban Kinh tế - Ngân sách": a body, not a person
    words = list(re.finditer(r"\S+", m.group(0)))
    # cut the run where a role or body begins ("Nguyễn Văn A Phó Chủ tịch")
    keep = []
    for w in words:
        if keep:  # the sentence's role and body index, built once per sentence
            rm = lex.roles.longest_at(text, i + w.start())
            if rm is not None and rm.value.kind in ("post", "compound"):
                break
            bm = lex.bodies.longest_at(text, i + w.start())
            if bm is not None and bm.value.kind != "head":
                break
        keep.append(w)
    if len(keep) < min_words or len(keep) > 5:
        return None
    end = i + keep[-1].end()
    name = text[i:end]
    if not is_plausible_name(name, lex):
        return None
    return i, end, name


def is_plausible_name(name: str, lex: Lexicon) -> bool:
    words = name.split()
    if not 1 <= len(words) <= 5:
        return False
    if any(not w[0].isupper() for w in words):
        return False
    if any(len(w) > 1 and w.isupper() for w in words):  # "UBND", "TTXVN"
        return False
    if lex.provinces.get(name) or lex.bodies.get(name) or lex.roles.get(name):
        return False
    m = lex.roles.find(name)
    if m and m[0].start == 0:
        return False
    return True
