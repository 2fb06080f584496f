"""Vietnamese string folding used for matching: one tone-mark placement, case, diacritics.

Every fold keeps the string's length, so a match found in folded text is a span of the
original text as well.

>>> fold("Uỷ ban nhân dân tỉnh Thanh Hoá")
'ủy ban nhân dân tỉnh thanh hóa'
>>> ascii_fold("Đảng ủy Sở Công Thương")
'dang uy so cong thuong'
>>> slug("Ủy ban nhân dân tỉnh")
'uy-ban-nhan-dan-tinh'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "fold_tone", "ascii_fold", "slug", "same_text", "has_vietnamese_marks"]

# Old-style placement puts the tone on the second vowel of an open "oa", "oe", "uy" syllable
# (hoà, uỷ); the new style puts it on the first (hòa, ủy). Matching folds both to the new style.
_TONED = {
    "a": "àáảãạ", "e": "èéẻẽẹ", "y": "ỳýỷỹỵ",
}
_TONE_OF = {}
for base, marks in _TONED.items():
    for i, ch in enumerate(marks):
        _TONE_OF[ch] = (base, i)
        _TONE_OF[ch.upper()] = (base.upper(), i)
_FIRST_TONED = {"o": "òóỏõọ", "u": "ùúủũụ", "O": "ÒÓỎÕỌ", "U": "ÙÚỦŨỤ"}
# ("qu" is a consonant: "quý" keeps its mark; checked in _to_new_style, as a look-behind at the
# start of the pattern would make re test every position)
_OLD_STYLE = re.compile(r"([oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|[uU][ỳýỷỹỵỲÝỶỸỴ])(?![^\W\d_])")

_MAYBE_OLD = re.compile(r"[oOuU][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸỳýỷỹỵỲÝỶỸỴ]")


def _to_new_style(m: re.Match) -> str:
    if m.start() > 0 and m.string[m.start() - 1] in "qQ":
        return m.group(1)
    first, second = m.group(1)
    base, tone = _TONE_OF[second]
    if first in "oO" and base.lower() not in "ae":
        return m.group(1)
    if first in "uU" and base.lower() != "y":
        return m.group(1)
    return _FIRST_TONED[first][tone] + base


def fold_tone(s: str) -> str:
    """NFC and new-style tone placement (``hoà`` -> ``hòa``, ``Uỷ`` -> ``Ủy``); case kept."""
    if s.isascii():
        return s
    s = unicodedata.normalize("NFC", s)
    if not _MAYBE_OLD.search(s):  # a plain scan is ~100x cheaper than the look-around one
        return s
    return _OLD_STYLE.sub(_to_new_style, s)


@lru_cache(maxsize=1 << 16)
def fold(s: str) -> str:
    """Tone placement and case folded: the comparison key of ANNOTATION.md.

    Cached: extractors fold the same sentences and phrases many times over."""
    return fold_tone(s).lower()


_ASCII = {}


def _ascii_char(ch: str) -> str:
    out = _ASCII.get(ch)
    if out is None:
        if ch in "đĐ":
            out = "d" if ch == "đ" else "D"
        else:
            base = unicodedata.normalize("NFD", ch)[0]
            out = base if len(base) == 1 else ch
        _ASCII[ch] = out
    return out


def ascii_fold(s: str) -> str:
    """Diacritics removed and lower-cased, one character for one character."""
    return "".join(_ascii_char(c) for c in unicodedata.normalize("NFC", s)).lower()


def slug(s: str) -> str:
    """A readable, stable IRI segment: diacritics dropped, runs of other characters -> '-'."""
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(s)).strip("-") or "x"


def same_text(a: str | None, b: str | None) -> bool:
    """Equality as the scorer counts it: NFC, one tone placement, case folded, spaces collapsed."""
    if a is None or b is None:
        return a is b
    return " ".join(fold(a).split()) == " ".join(fold(b).split())


_MARKED = re.compile(r"[^\x00-\x7f]")


def has_vietnamese_marks(s: str) -> bool:
    return bool(_MARKED.search(s))
