"""Officials and the posts they hold, bylines and photo credits; who is who in one article.

Names are found where the genre puts them: after "đồng chí", "ông", "bà"; after a title
("Giám đốc Sở Công Thương Nguyễn Văn Dành"); before a title chain ("Trần Văn Lực, Phó Giám
đốc Sở Công Thương", "Trần Thanh Liêm - Phó Bí thư Tỉnh ủy, Chủ tịch UBND tỉnh"); in lists
("các đồng chí: A, TVTU, ...; B, ..."); in bylines and credits ("Ảnh: Minh Châu"). Titles that
are delegation functions or former posts are not posts. A title-only mention ("đồng chí Phó
Chủ tịch UBND tỉnh") and a misspelt repeat with the same title resolve to the named person.
"""

from __future__ import annotations

import re
from collections import Counter

from rapidfuzz.distance import Levenshtein

from ..document import Findings, Merge, NormalizedDocument, Person, Post
from ..lexicon import Lexicon
from ..text import ascii_fold, fold
from . import extractor
from .grammar import UP, LO, Chain, Title, is_plausible_name, name_at
from .organizations import add_org

# checked for the character before in Python: a look-behind first makes re test every position
_TRIGGER = re.compile(r"(?:đồng chí|Đồng chí|ĐỒNG CHÍ|đ/c|Đ/c|ông|Ông|bà|Bà)\s+(?=[" + UP + "])")
_TRIGGER_AFTER = frozenset(" \t\n(,;:")
# "các đồng chí: A, ...; B, ..." and with a title they share: "các đồng chí Tỉnh ủy viên: A, ...; B, ..."
_LIST_TRIGGER = re.compile(r"(?:các đồng chí|Các đồng chí|gồm các đồng chí|gồm)(?P<shared>\s+[^:;,.]{2,60}?)?\s*:\s*")
# a name as written, or in capitals ("Ảnh: HOÀI THU", a byline "MINH HẰNG")
_NAME_WORDS = rf"(?:[{UP}][{LO}]*(?:\s+[{UP}][{LO}]*){{1,4}}|[{UP}]{{2,}}(?:\s+[{UP}]{{2,}}){{1,4}}(?![{LO}]))"
_CREDIT = re.compile(rf"(?:Ảnh|Ảnh và bài|Bài và ảnh|Bài, ảnh|Tin và ảnh|Tin, ảnh|Video|Nguồn ảnh)\s*:\s*({_NAME_WORDS})")
_BYLINE = re.compile(rf"^({_NAME_WORDS})\s*\.?\s*(?:[-–(]\s*([A-ZĐ][A-Za-zĐ.]{{1,15}})\)?\.?)?\s*$")
# "Hữu Nghị - Minh Thư" (two reporters), "Hoàng Hà (Báo Hải Phòng)" (a reporter and the paper)
_BYLINE_PAIR = re.compile(rf"^({_NAME_WORDS})\s*[-–]\s*({_NAME_WORDS})\s*\.?\s*$")
_BYLINE_PAPER = re.compile(rf"^({_NAME_WORDS})\s*\(\s*((?:Báo|Đài|Tạp chí|Cổng)\s[^()]{{2,40}})\)\s*\.?\s*$")
# between a name and its titles: a comma or dash, or an election or appointment ("bầu đồng chí
# X giữ chức Phó Bí thư Đảng ủy Sở", "được bổ nhiệm giữ chức Giám đốc"); "từng giữ chức" is a former post
_SEP = re.compile(r"^\s*(?:,|-|–|—|:|(?:được\s+(?:bầu|bổ nhiệm)\s+)?(?:giữ chức(?:\s+vụ)?|làm)(?=\s+[A-ZĐÀ-Ỹ]))\s*")


def _as_name(written: str) -> str:
    """A name printed in capitals in a credit or byline, in the case names are written."""
    return written.title() if written.isupper() else written


def _posts_of(chain: Chain | None, evidence: str) -> list[Post]:
    posts = []
    if chain is None:
        return posts
    for t in chain.titles:
        if t.former or t.role.kind not in ("post", "compound") or t.body is None:
            continue
        if t.body.type == "Delegation":
            continue
        posts.append(Post(t.role.canonical, t.body.name, t.body.type, evidence, t.body.province))
    return posts


@extractor("people", requires=("place_time", "organizations"))
def extract_people(doc: NormalizedDocument, lex: Lexicon, findings: Findings) -> None:
    grammar = findings.notes["grammar"]
    mentions: list[tuple[str, list[Post], str, list[str]]] = []  # (name, posts, evidence, roles without body)
    title_only: list[Title] = []
    leads: list[tuple[int, str]] = []

    for s in doc.sentences:
        text = s.text
        folded = fold(text)
        if s.kind == "byline":
            pair = _BYLINE_PAIR.match(text) or _BYLINE_PAPER.match(text)
            if pair and is_plausible_name(_as_name(pair.group(1)), lex):
                mentions.append((_as_name(pair.group(1)), [], text, []))
                if pair.re is _BYLINE_PAIR and is_plausible_name(_as_name(pair.group(2)), lex):
                    mentions.append((_as_name(pair.group(2)), [], text, []))
                continue
            m = _BYLINE.match(text)
            if m and is_plausible_name(_as_name(m.group(1)), lex):
                mentions.append((_as_name(m.group(1)), [], text, []))
                if m.group(2):
                    body = lex.bodies.get(m.group(2))
                    if body is not None:
                        add_org(findings, body.canonical, body.org_type, text, True)
                continue
        for m in _CREDIT.finditer(text):
            if is_plausible_name(_as_name(m.group(1)), lex):
                mentions.append((_as_name(m.group(1)), [], text, []))
        titles = grammar.titles(text, folded)
        chains = grammar.chains(text, titles)
        used: set[int] = set()
        # bodies of posts are organisations named in their own right
        for t in titles:
            if t.body is not None and t.role.kind in ("post", "compound") and not t.former and t.body.type != "Delegation":
                add_org(findings, t.body.name, t.body.type, text, t.body.national, t.body.province)

        def chain_starting(pos: int) -> Chain | None:
            for c in chains:
                if c.start == pos:
                    return c
            return None

        def chain_ending(pos: int) -> Chain | None:
            for c in chains:
                if text[c.end:pos].strip() == "" and c.end <= pos:
                    return c
            return None

        found_names: list[tuple[int, int, str, Chain | None]] = []
        extra_posts: dict[int, list[Post]] = {}  # a shared title of a list, by name start
        starts: list[int] = [m.end() for m in _TRIGGER.finditer(text)
                             if m.start() == 0 or text[m.start() - 1] in _TRIGGER_AFTER]
        shared_posts: dict[int, list[Post]] = {}
        for lm in _LIST_TRIGGER.finditer(text):
            if lm.group("shared"):  # the shared words must be a title ("Tỉnh ủy viên"), else no list
                shared = [t for t in titles if lm.start("shared") <= t.start < lm.end("shared")]
                if not shared:
                    continue
                common = _posts_of(Chain(shared[0].start, shared[-1].end, shared), text)
            else:
                common = []
            list_starts = [lm.end()] + [lm.end() + part.end() for part in re.finditer(r";\s*", text[lm.end():])]
            starts.extend(list_starts)
            for st in list_starts:
                shared_posts[st] = common
        for st in sorted(set(starts)):
            c0 = chain_starting(st)
            if c0 is not None:  # "đồng chí Phó Chủ tịch UBND tỉnh": a title-only mention
                title_only.extend(c0.titles)
                continue
            nm = name_at(text, st, lex)
            if nm is None:
                continue
            a, b, name = nm
            sep = _SEP.match(text[b:])
            chain = chain_starting(b + sep.end()) if sep else chain_starting(len(text[:b]) + len(text[b:]) - len(text[b:].lstrip()))
            found_names.append((a, b, name, chain))
            if shared_posts.get(st):
                extra_posts[a] = shared_posts[st]
        # title before the name: "Giám đốc Sở Công Thương Nguyễn Văn Dành"
        for c in chains:
            nm = name_at(text, c.end, lex)
            if nm is None or text[c.end:nm[0]].strip():
                continue
            if any(a <= nm[0] < b for a, b, _, _ in found_names):
                continue
            found_names.append((nm[0], nm[1], nm[2], c))
        # name then a title chain, without a trigger word: "Trần Văn Lực, Phó Giám đốc Sở"
        for c in chains:
            if any(ch is c for *_, ch in found_names):
                continue
            before = text[:c.start]
            m = re.search(rf"([{UP}][{LO}]*(?:\s+[{UP}][{LO}]*){{1,4}})\s*(?:,|-|–)\s*$", before)
            if m and is_plausible_name(m.group(1), lex):
                if not any(a <= m.start(1) < b for a, b, _, _ in found_names):
                    found_names.append((m.start(1), m.end(1), m.group(1), c))
                continue
            if not any(ch is c for *_, ch in found_names):
                title_only.extend(c.titles)
        for a, b, name, chain in found_names:
            posts = _posts_of(chain, text) + [p for p in extra_posts.get(a, []) if p not in _posts_of(chain, text)]
            loose = [t.role.canonical for t in (chain.titles if chain else []) if t.body is None and t.role.kind == "post" and not t.former]
            mentions.append((name, posts, text, loose))
            if chain is not None:
                used.add(id(chain))
                if any(t.role.kind == "function" and t.role.leads for t in chain.titles):
                    leads.append((s.index, name))
            after = text[b:b + 60]
            if re.match(r"\s*(?:,[^,;]{0,80})?\s*(?:làm|là)\s+(?:trưởng đoàn|tổ trưởng)|[^.;]{0,120}chủ trì", after):
                leads.append((s.index, name))

    persons = _resolve_within(mentions, title_only, findings)
    findings.persons.extend(persons)
    findings.notes["title_only"] = title_only
    findings.notes["leads"] = leads


def _resolve_within(mentions, title_only: list[Title], findings: Findings) -> list[Person]:
    """Merge mentions of one person: exact name, then a misspelt repeat with a shared title."""
    people: list[Person] = []
    by_key: dict[str, Person] = {}
    counts = Counter(fold(n) for n, *_ in mentions)
    loose_roles: dict[str, list[str]] = {}
    for name, posts, evidence, loose in mentions:
        key = fold(name)
        p = by_key.get(key)
        if p is None:
            p = Person(name=name, evidence=evidence)
            by_key[key] = p
            people.append(p)
        else:
            findings.merges.append(Merge(name, p.name, "exact"))
        for post in posts:
            if not any(q.role == post.role and q.org == post.org for q in p.posts):
                p.posts.append(post)
        loose_roles.setdefault(key, []).extend(loose)
    # misspelt repeats: same number of syllables, one edit apart without accents, a shared role
    merged: set[int] = set()
    for i, p in enumerate(people):
        for j in range(i + 1, len(people)):
            q = people[j]
            if j in merged or i in merged:
                continue
            pw, qw = p.name.split(), q.name.split()
            if len(pw) != len(qw) or len(pw) < 2 or fold(pw[0]) != fold(qw[0]):
                continue
            dist = Levenshtein.distance(ascii_fold(p.name), ascii_fold(q.name))
            same_ascii = ascii_fold(p.name) == ascii_fold(q.name)
            if not (same_ascii or dist <= 1):
                continue
            roles_p = {x.role for x in p.posts} | set(loose_roles.get(fold(p.name), []))
            roles_q = {x.role for x in q.posts} | set(loose_roles.get(fold(q.name), []))
            if not (roles_p & roles_q) and roles_p and roles_q:
                continue
            keep, drop = (p, q) if counts[fold(p.name)] >= counts[fold(q.name)] else (q, p)
            for post in drop.posts:
                if not any(x.role == post.role and x.org == post.org for x in keep.posts):
                    keep.posts.append(post)
            keep.mentions.append(drop.name)
            findings.merges.append(Merge(drop.name, keep.name, "fuzzy-name"))
            merged.add(people.index(drop))
    people = [p for k, p in enumerate(people) if k not in merged]
    # roles written without their body ("Thứ trưởng Lưu Minh Thịnh"): the body of the same role
    # in a title-only mention ("Thứ trưởng Bộ Công Thương đánh giá ...")
    for p in people:
        for role in loose_roles.get(fold(p.name), []):
            if any(x.role == role for x in p.posts):
                continue
            for t in title_only:
                if t.role.canonical == role and t.body is not None and t.body.type != "Delegation":
                    p.posts.append(Post(role, t.body.name, t.body.type, p.evidence, t.body.province))
                    break
    # a title-only mention of a post someone holds is that person
    for t in title_only:
        if t.body is None:
            continue
        for p in people:
            if any(x.role == t.role.canonical and x.org == t.body.name for x in p.posts):
                findings.merges.append(Merge(f"{t.role.canonical} {t.body.name}", p.name, "title-only"))
                break
    return people
