"""From a raw article to the one normalised document every extractor reads.

NFC; page furniture out (menus, share bars, "Các bài viết đã đăng" and what follows);
a leading " date YYYY-MM" stamp and printed page dates ("Thứ sáu, 25/06/2021") recorded
but kept out of the body; newspaper dateline prefixes ("LSO-", "(GLO)-") recorded and cut;
sentences run together ("hội nghị.Đồng chí", "hội nghịNăm qua") split; a lead printed twice
read once; each line marked as headline, body, caption or byline.

>>> from vnkg.document import Document
>>> n = normalize(Document("x", "logo\\n\\nTiêu đề\\n\\nLSO-Ngày 2/3/2024, hội nghị.Đồng chí A dự.\\n\\nChia sẻ bài viết", "x.txt"))
>>> [(s.kind, s.text) for s in n.sentences], n.prefix
([('headline', 'Tiêu đề'), ('body', 'Ngày 2/3/2024, hội nghị.'), ('body', 'Đồng chí A dự.')], 'LSO')
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from .document import Document, NormalizedDocument, Sentence
from .lexicon import Lexicon, load_lexicon
from .text import fold

__all__ = ["normalize"]

_UP = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_LO = "a-zđàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"

_STAMP = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}(?:-\d{2})?)?)\s*", re.I)
_PAGE_DATE = re.compile(
    r"^\s*(?:(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ\s+nhật|cn)\s*,?\s*)?"
    r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:\s*[,|-]?\s*\d{1,2}[:h]\d{2}(?:\s*\(?GMT[+-]\d+\)?)?)?\s*$", re.I)
_PREFIX = re.compile(
    rf"^\s*(?:\(\s*([^()\n]{{2,24}}?)\s*\)|([{_UP}][{_UP}A-Za-z.]{{1,11}}))\s*[-–—]{{1,2}}\s*(?=\S)")
# "hội nghị.Đồng chí" and "hội nghịNăm qua": a sentence end glued to the next sentence. The
# patterns start with a short character class (fast to scan for) and the character before is
# checked in Python: a look-behind at the start of a pattern makes re test every position.
_GLUED_DOT = re.compile(rf"[.!?…](?=[{_UP}])")
_GLUED_CASE = re.compile(rf"[{_UP}](?=[{_LO}])")
_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz" + _LO[3:])
_BEFORE_DOT = _LOWER | frozenset("0123456789)]”\"")
_SPACES = re.compile(r"\t[ \t]*| [ \t]+")
_KEY_PUNCT = re.compile(r"[\"'“”‘’„«»()\[\]{}<>:;!?…–—•·|*_~#@^=+\\]+")
_MENU_SEP = re.compile(r"\s*[|•·»/]\s*")
_ABBREV_BEFORE_DOT = re.compile(r"(?:\b(?:TP|Tp|Q|P|TS|ThS|PGS|GS|BS|KS|Th|St|No|Mr|Ms|Dr|TT|ĐC|Đ\/c)|\b[A-ZĐ])$")
_SPLIT = re.compile(rf"[.!?…][\"”’)]*\s+(?=[\"“(]*[{_UP}0-9])")  # the end mark is m.start()
_BYLINE_LINE = re.compile(rf"^(?:[{_UP}][{_LO}]+(?:\s+[{_UP}][{_LO}]*){{1,4}}|[{_UP}]{{2,}}(?:\s+[{_UP}]{{2,}}){{1,3}})\.?"
                          rf"(?:\s*[-–(]\s*[A-ZĐ][A-Za-zĐ.]{{1,15}}\)?\.?|\s*[-–]\s*[{_UP}][{_LO}]+(?:\s+[{_UP}][{_LO}]*){{1,3}}\.?"
                          rf"|\s*\((?:Báo|Đài|Tạp chí|Cổng)\s[^()]{{2,40}}\)\.?)?$")
_CAPTION_START = re.compile(r"^(?:toàn cảnh|quang cảnh|các đại biểu|đại biểu|lãnh đạo|ảnh|thành viên)\b", re.I)


# a caption names who is in the picture; a sentence set in the story ("Tại hội nghị, ... đã
# trao giấy khen ...") is narration even when it is short
_NARRATED = re.compile(r"^(?:Tại|Cũng tại|Dịp này|Nhân dịp|Trong dịp|Sau đó|Cùng ngày)\b[^,]{0,40},|\sđã\s")


def _is_furniture(line: str, lex: Lexicon) -> str | None:
    bare = line.strip().strip("|•·-–—:»«>< ").strip()
    if not bare:
        return "line"
    if len(bare) <= 60:  # furniture labels are short: no need to fold a paragraph to look it up
        hit = lex.furniture.get(bare)
        if hit in ("line", "tail"):
            return hit
    # a menu: several short furniture words joined by separators
    if len(bare) <= 300 and _MENU_SEP.search(bare):
        parts = [p.strip() for p in _MENU_SEP.split(bare) if p.strip()]
        if len(parts) >= 3 and all(lex.furniture.get(p) == "line" for p in parts):
            return "line"
    for m in lex.furniture.find(bare[:60]):
        if m.start != 0:
            continue
        if m.value == "prefix":  # "© Bản quyền thuộc về ...": the footer starts here
            return "tail"
        if m.value == "labelled":  # "Từ khóa: xuất khẩu, Sở Công Thương"
            return "line"
        if m.value == "masthead" and len(bare.split()) <= 8 and not bare.endswith(".") \
                and bare == bare.upper():  # "BÁO ĐỒNG THÁP ĐIỆN TỬ"
            return "line"
    return None


def _unglue(paragraph: str) -> str:
    """A space after a glued sentence end, a line break before a glued capital."""
    cuts: list[tuple[int, str]] = []
    for m in _GLUED_DOT.finditer(paragraph):
        i = m.start()
        if i > 0 and paragraph[i - 1] in _BEFORE_DOT:
            cuts.append((i + 1, " "))
    for m in _GLUED_CASE.finditer(paragraph):
        i = m.start()
        if i > 1 and paragraph[i - 1] in _LOWER and paragraph[i - 2] in _LOWER:
            cuts.append((i, "\n"))
    if not cuts:
        return paragraph
    out, last = [], 0
    for i, glue in sorted(cuts):
        out.append(paragraph[last:i])
        out.append(glue)
        last = i
    out.append(paragraph[last:])
    return "".join(out)


def _split_sentences(paragraph: str) -> list[str]:
    paragraph = _unglue(paragraph)
    out: list[str] = []
    for chunk in paragraph.split("\n"):
        start = 0
        for m in _SPLIT.finditer(chunk):
            end = m.start() + 1
            before = chunk[start:end].rstrip(".!?…\"”’) ")
            if chunk[m.start()] == "." and _ABBREV_BEFORE_DOT.search(before[before.rfind(" ") + 1:]):
                continue
            piece = chunk[start:end].strip()
            if piece:
                out.append(piece)
            start = m.end()
        piece = chunk[start:].strip()
        if piece:
            out.append(piece)
    return out


def _dedupe_key(s: str) -> str:
    return " ".join(_KEY_PUNCT.sub(" ", fold(s)).split())


def normalize(doc: Document, lex: Lexicon | None = None) -> NormalizedDocument:
    lex = lex or load_lexicon()
    text = unicodedata.normalize("NFC", doc.text).replace("\u00a0", " ").replace("\u200b", "")
    text = _SPACES.sub(" ", text)
    stamp = None
    m = _STAMP.match(text)
    if m:
        stamp = m.group(1)
        text = text[m.end():]
    lines = [ln.strip() for ln in text.split("\n")]
    # paragraphs: blocks of non-empty lines; a single newline also ends a paragraph in this genre
    paragraphs: list[str] = []
    page_date = None
    for ln in lines:
        if not ln:
            continue
        kind = _is_furniture(ln, lex)
        if kind == "tail":
            break
        if kind == "line":
            continue
        pd = _PAGE_DATE.match(ln)
        if pd:
            page_date = page_date or f"{pd.group(3)}-{int(pd.group(2)):02d}-{int(pd.group(1)):02d}"
            continue
        paragraphs.append(ln)

    prefix = None
    sentences: list[Sentence] = []
    seen: dict[str, int] = {}
    headline_done = False
    title = doc.title
    if title and (not paragraphs or fold(paragraphs[0]) != fold(title)):
        paragraphs.insert(0, title)
    n_par = len(paragraphs)
    for p_index, para in enumerate(paragraphs):
        pm = _PREFIX.match(para)
        if pm:
            cand = (pm.group(1) or pm.group(2) or "").strip()
            key = fold(cand)
            if key in lex.prefixes or (pm.group(2) and len(cand) <= 6 and cand.isupper()) or "." in cand:
                prefix = prefix or cand
                para = para[pm.end():]
        pieces = _split_sentences(para)
        if not pieces:
            continue
        is_last = p_index == n_par - 1
        if not headline_done and p_index == 0 and len(pieces) == 1 and len(para) < 220 and not para.endswith((".", ":")):
            kinds = ["headline"]
        elif len(pieces) == 1 and is_last and _BYLINE_LINE.match(para) and len(para.split()) <= 7:
            kinds = ["byline"]
        elif len(pieces) <= 2 and len(para) < 200 and p_index > 0 and not re.search(r"\d+[.,]?\d*\s*%|ngày \d", para) \
                and not _NARRATED.search(para) \
                and (_CAPTION_START.search(para) or re.search(r"phát biểu|Ảnh:|trao |tặng ", para) or not para.endswith(".")):
            kinds = ["caption"] * len(pieces)
        else:
            kinds = ["body"] * len(pieces)
        headline_done = True
        for piece, kind in zip(pieces, kinds):
            key = _dedupe_key(piece)
            if not key:
                continue
            trunc = piece.endswith(("...", "…")) and not piece.endswith("....")
            if key in seen:
                continue
            if trunc:
                stem = _dedupe_key(piece.rstrip(".… "))
                if any(k.startswith(stem) for k in seen) or stem in _dedupe_key(" ".join(paragraphs[p_index + 1:])):
                    continue
            seen[key] = len(sentences)
            sentences.append(Sentence(len(sentences), piece, p_index, kind))
    body = "\n".join(s.text for s in sentences)
    digest = hashlib.sha256((doc.url or "").encode() + b"\0" + (doc.title or "").encode() + b"\0" +
                            (doc.date or "").encode() + b"\0" + doc.text.encode()).hexdigest()
    return NormalizedDocument(doc, tuple(sentences), body, stamp, prefix, digest, page_date)
