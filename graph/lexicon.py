"""Language knowledge loaded once from ``ontology/vocab/*.ttl`` into fast matchers.

Titles, body names, abbreviations, indicator names, document-code parts, provinces, newspaper
domains and page furniture are SKOS data with every variant as ``skos:altLabel``. This module
turns them into Aho-Corasick gazetteers over folded text (one tone placement, lower case), so
that a match is a span of the original sentence.

>>> lex = load_lexicon()
>>> [(m.start, m.end, m.value.canonical) for m in lex.roles.find("Phó Bí thư Tỉnh uỷ")]
[(0, 10, 'Phó Bí thư')]
"""

from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Generic, Iterator, TypeVar

import weakref

import ahocorasick
import pyoxigraph as ox

from .config import DEFAULT_BASE, ONT
from .resources import vocab_dir
from .text import ascii_fold, fold

SKOS = "http://www.w3.org/2004/02/skos/core#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

T = TypeVar("T")


@dataclass(frozen=True)
class Match(Generic[T]):
    start: int
    end: int
    surface: str
    value: T


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


_GAZETTEERS: "weakref.WeakSet[Gazetteer]" = weakref.WeakSet()


class Gazetteer(Generic[T]):
    """Whole-word matches of many phrases at once, tone-, case- and optionally accent-blind."""

    def __init__(self, accentless: bool = False):
        self._auto = ahocorasick.Automaton()
        self._accentless = accentless
        self._key = ascii_fold if accentless else fold
        self._items: dict[str, T] = {}
        self._cache: dict[str, list[Match[T]]] = {}
        self._starts: dict[str, dict[int, tuple[int, T]]] = {}
        _GAZETTEERS.add(self)

    def add(self, surface: str, value: T, overwrite: bool = False) -> None:
        key = " ".join(self._key(surface).split())
        if not key or (key in self._items and not overwrite):
            return
        self._items[key] = value

    def finish(self) -> "Gazetteer[T]":
        for key, value in self._items.items():
            self._auto.add_word(key, (len(key), value))
        if self._items:
            self._auto.make_automaton()
        return self

    def get(self, surface: str) -> T | None:
        return self._items.get(" ".join(self._key(surface).split()))

    def __contains__(self, surface: str) -> bool:
        return self.get(surface) is not None

    def find(self, text: str, folded: str | None = None) -> list[Match[T]]:
        """All whole-word matches, longest first where they overlap, in text order."""
        if not self._items:
            return []
        cached = self._cache.get(text)
        if cached is not None:
            return list(cached)
        if len(self._cache) > 4096:  # extractors ask about the same sentences; keep it bounded
            self._cache.clear()
        index = self._index(text, folded)  # the one scan of this text, shared with longest_at
        chosen: list[Match[T]] = []
        last_end = -1
        for start in sorted(index):
            if start < last_end:
                continue
            if start > 0 and _is_word_char(text[start - 1]) and _is_word_char(text[start]):
                continue
            length, value = index[start]
            chosen.append(Match(start, start + length, text[start:start + length], value))
            last_end = start + length
        self._cache[text] = chosen
        return list(chosen)

    def longest_at(self, text: str, i: int, folded: str | None = None) -> Match[T] | None:
        """The longest phrase starting exactly at ``i`` and ending at a word boundary.

        All matches of ``text`` are indexed by start once (cached per text), so a parser
        that asks about many positions of one sentence scans it only once.

        >>> g = Gazetteer(); g.add("Sở Công Thương", 1); g.add("Sở", 2); _ = g.finish()
        >>> g.longest_at("Giám đốc Sở Công Thương", 9).surface
        'Sở Công Thương'
        """
        hit = self._index(text, folded).get(i)
        if hit is None:
            return None
        return Match(i, i + hit[0], text[i:i + hit[0]], hit[1])

    def starts(self, text: str, folded: str | None = None) -> list[int]:
        """Every position where a phrase starts (overlapping ones too), in text order."""
        return sorted(self._index(text, folded))

    def _index(self, text: str, folded: str | None) -> dict[int, tuple[int, T]]:
        starts = self._starts.get(text)
        if starts is None:
            if len(self._starts) > 4096:
                self._starts.clear()
            starts = {}
            if self._items:
                hay = folded if folded is not None and not self._accentless else self._key(text)
                n = len(hay)
                for end, (length, value) in self._auto.iter(hay):
                    if end + 1 < n:  # (inlined: this loop runs for every raw match)
                        after, last = hay[end + 1], hay[end]
                        if (after.isalnum() or after == "_") and (last.isalnum() or last == "_"):
                            continue
                    start = end - length + 1
                    old = starts.get(start)
                    if old is None or length > old[0]:
                        starts[start] = (length, value)
            self._starts[text] = starts
        return starts

    def values(self) -> Iterator[T]:
        return iter(self._items.values())


# ---------------------------------------------------------------------------------------------
# What the vocabularies say


@dataclass(frozen=True)
class RoleInfo:
    canonical: str
    english: str
    kind: str  # post | function | compound | former
    org_head: str | None = None
    implied_org: str | None = None
    leads: bool = False


@dataclass(frozen=True)
class BodyInfo:
    canonical: str
    english: str
    kind: str  # top | unit | team | head
    org_type: str  # PartyCommittee | PartyBoard | StateAgency | Delegation | OtherOrganization
    family: str | None = None
    scope: str | None = None  # province | national
    attaches_to: str | None = None
    abbreviation: bool = False


@dataclass(frozen=True)
class ProvinceInfo:
    name: str
    slug: str
    code: str | None
    english: str
    centrally_run: bool
    merged_into: str | None
    domains: tuple[str, ...] = ()
    prefixes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Counted:
    """A counted thing ("vụ", "dự án", "đảng viên"): what a figure counts and of which metric."""

    label: str  # the Vietnamese name, for the figure's label
    metric: str  # "party_members" or "other"


@dataclass(frozen=True)
class UnitForm:
    unit: str | None  # notation: "percent", "billion VND", "million USD", "count"; None: not recorded
    factor: Decimal = Decimal(1)


@dataclass
class Lexicon:
    roles: Gazetteer[RoleInfo]
    role_by_name: dict[str, RoleInfo]
    bodies: Gazetteer[BodyInfo]
    bodies_accentless: Gazetteer[BodyInfo]
    units_of: dict[str, list[BodyInfo]]  # folded unit label -> its variants by parent family
    body_by_name: dict[str, BodyInfo]
    provinces: Gazetteer[ProvinceInfo]
    provinces_accentless: Gazetteer[ProvinceInfo]
    province_by_name: dict[str, ProvinceInfo]
    domains: dict[str, ProvinceInfo | None]
    prefixes: dict[str, ProvinceInfo | None]
    doc_words: Gazetteer[str]  # "Nghị quyết" -> "Resolution"
    doc_code_parts: dict[str, tuple[str, str]]  # folded code part -> (class, written form)
    issuer_codes: dict[str, tuple[str, str]]  # folded issuer part -> (body, scope)
    indicators: Gazetteer[str]
    indicator_labels: dict[str, tuple[str, str]]  # key -> (vi, en)
    unit_forms: Gazetteer[UnitForm]
    bases: Gazetteer[str]
    furniture: Gazetteer[str]  # -> "line" | "tail" | "prefix" | "labelled" | "masthead"
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # concept path -> {lang: label}
    counted: Gazetteer[Counted] = field(default_factory=Gazetteer)  # "vụ" -> what a count counts
    indicator_verb_labels: Gazetteer[str] = field(default_factory=Gazetteer)  # "xuất khẩu" (+ verb)

    def forget(self) -> None:
        """Drop the per-text match caches (benchmarks use it so repeated texts count as new)."""
        for gaz in list(_GAZETTEERS):
            gaz._cache.clear()
            gaz._starts.clear()


def _read(path: Path) -> dict[str, dict[str, list[Any]]]:
    out: dict[str, dict[str, list[Any]]] = defaultdict(lambda: defaultdict(list))
    for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=DEFAULT_BASE):
        s = q.subject.value
        o = q.object
        if isinstance(o, ox.Literal):
            val: Any = (o.value, o.language or "")
        else:
            val = o.value
        out[s][q.predicate.value].append(val)
    return out


def _lit(props: dict, pred: str, lang: str | None = None) -> list[str]:
    return [v for v, lg in (x for x in props.get(pred, []) if isinstance(x, tuple))
            if lang is None or lg == lang]


def _one(props: dict, pred: str, lang: str | None = None) -> str | None:
    vals = _lit(props, pred, lang)
    return vals[0] if vals else None


def _iri(props: dict, pred: str) -> str | None:
    vals = [v for v in props.get(pred, []) if isinstance(v, str)]
    return vals[0] if vals else None


def _local(iri: str | None) -> str | None:
    if iri is None:
        return None
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rsplit("/", 1)[-1]


def _bool(props: dict, pred: str) -> bool:
    return _one(props, pred) in ("true", "1")


@functools.lru_cache(maxsize=None)
def load_lexicon(directory: str | None = None) -> Lexicon:
    """Read every vocabulary once; the result is shared by all extractors."""
    d = Path(directory) if directory else vocab_dir()
    concepts: dict[str, dict[str, list[Any]]] = {}
    for f in sorted(d.glob("*.ttl")):
        concepts.update(_read(f))

    roles: Gazetteer[RoleInfo] = Gazetteer()
    role_by_name: dict[str, RoleInfo] = {}
    bodies: Gazetteer[BodyInfo] = Gazetteer()
    bodies_acc: Gazetteer[BodyInfo] = Gazetteer(accentless=True)
    units_of: dict[str, list[BodyInfo]] = defaultdict(list)
    body_by_name: dict[str, BodyInfo] = {}
    provinces: Gazetteer[ProvinceInfo] = Gazetteer()
    provinces_acc: Gazetteer[ProvinceInfo] = Gazetteer(accentless=True)
    province_by_name: dict[str, ProvinceInfo] = {}
    domains: dict[str, ProvinceInfo | None] = {}
    prefixes: dict[str, ProvinceInfo | None] = {}
    doc_words: Gazetteer[str] = Gazetteer()
    doc_code_parts: dict[str, tuple[str, str]] = {}
    issuer_codes: dict[str, tuple[str, str]] = {}
    indicators: Gazetteer[str] = Gazetteer()
    indicator_labels: dict[str, tuple[str, str]] = {}
    unit_forms: Gazetteer[UnitForm] = Gazetteer()
    bases: Gazetteer[str] = Gazetteer()
    furniture: Gazetteer[str] = Gazetteer()
    labels: dict[str, dict[str, str]] = {}
    counted: Gazetteer[Counted] = Gazetteer()
    indicator_verb_labels: Gazetteer[str] = Gazetteer()

    role_iri_info: dict[str, RoleInfo] = {}
    pending_compounds = []
    for iri, p in concepts.items():
        rel = iri[len(DEFAULT_BASE):] if iri.startswith(DEFAULT_BASE) else iri
        pref_vi = _one(p, SKOS + "prefLabel", "vi")
        pref_en = _one(p, SKOS + "prefLabel", "en") or pref_vi
        if pref_vi:
            labels[rel] = {"vi": pref_vi, "en": pref_en or pref_vi}
        alts = _lit(p, SKOS + "altLabel", "vi")
        scheme = rel.split("/", 1)[0]
        if pref_vi is None or rel.endswith("/scheme"):
            continue
        surfaces = [pref_vi, *alts]
        if scheme == "role":
            kind = _one(p, ONT + "roleKind") or "post"
            if kind == "compound":
                pending_compounds.append((p, surfaces))
                continue
            info = RoleInfo(pref_vi, pref_en, kind, _one(p, ONT + "orgHead"),
                            _one(p, ONT + "impliedOrganization"), _bool(p, ONT + "leads"))
            role_iri_info[iri] = info
            if kind == "post":
                role_by_name[pref_vi] = info
            for s in surfaces:
                roles.add(s, info)
        elif scheme == "body":
            kind = _one(p, ONT + "bodyKind") or "top"
            info = BodyInfo(pref_vi, pref_en, kind, _local(_iri(p, ONT + "orgType")) or "OtherOrganization",
                            _one(p, ONT + "family"), _one(p, ONT + "scope"), _one(p, ONT + "attachesTo"),
                            _bool(p, ONT + "abbreviation"))
            if kind == "unit":
                for s in surfaces:
                    units_of[fold(s)].append(info)
            else:
                body_by_name.setdefault(pref_vi, info)
                for s in surfaces:
                    bodies.add(s, info)
                    if kind in ("top", "team") and len(s) > 4:
                        bodies_acc.add(s, info)
        elif scheme == "province":
            info = ProvinceInfo(
                _one(p, ONT + "name") or pref_vi, rel.split("/", 1)[1], _one(p, SKOS + "notation"),
                pref_en or pref_vi, _bool(p, ONT + "centrallyRun"),
                _iri(p, ONT + "mergedInto"),
                tuple(_lit(p, ONT + "newspaperDomain")), tuple(_lit(p, ONT + "newspaperPrefix")))
            province_by_name[info.name] = info
            for s in surfaces:
                provinces.add(s, info)
                provinces_acc.add(s, info)
            for dom in info.domains:
                domains[dom.lower()] = info
            for pre in info.prefixes:
                prefixes[fold(pre)] = info
        elif scheme == "source":
            for dom in _lit(p, ONT + "newspaperDomain"):
                domains.setdefault(dom.lower(), None)
            for pre in _lit(p, ONT + "newspaperPrefix"):
                prefixes.setdefault(fold(pre), None)
        elif scheme == "doctype":
            cls = _local(_iri(p, ONT + "documentClass")) or "Resolution"
            for s in surfaces:
                doc_words.add(s, cls)
            for part in _lit(p, ONT + "codePart"):
                doc_code_parts[fold(part)] = (cls, part)
        elif scheme == "issuer":
            for part in _lit(p, ONT + "codePart"):
                issuer_codes[fold(part)] = (pref_vi, _one(p, ONT + "scope") or "province")
        elif scheme == "indicator":
            key = _one(p, SKOS + "notation") or rel.split("/", 1)[1]
            indicator_labels[key] = (pref_vi, pref_en or pref_vi)
            if key != "other":
                for s in surfaces:
                    indicators.add(s, key)
                for s in _lit(p, ONT + "verbLabel", "vi"):
                    indicator_verb_labels.add(s, key)
        elif scheme in ("unit", "unitform"):
            unit_iri = _iri(p, ONT + "unit")
            if unit_iri:
                notation = _one(concepts.get(unit_iri, {}), SKOS + "notation")
                factor = Decimal(_one(p, ONT + "factor") or "1")
                form = UnitForm(notation, factor)
            else:
                form = UnitForm(_one(p, SKOS + "notation"))
            for s in surfaces:
                unit_forms.add(s, form)
        elif scheme == "counted":
            metric = (_iri(p, ONT + "indicator") or "/other").rsplit("/", 1)[1]
            for s in surfaces:
                counted.add(s, Counted(s, metric))
        elif scheme == "basis":
            key = _one(p, SKOS + "notation") or rel.split("/", 1)[1]
            for s in surfaces:
                bases.add(s, key)
        elif scheme == "furniture":
            if _bool(p, ONT + "masthead"):
                kind = "masthead"
            elif _bool(p, ONT + "linePrefix"):
                kind = "prefix" if _bool(p, ONT + "cutsRest") else "labelled"
            else:
                kind = "tail" if _bool(p, ONT + "cutsRest") else "line"
            for s in surfaces:
                furniture.add(s, kind)

    for p, surfaces in pending_compounds:
        base_role = role_iri_info.get(_iri(p, ONT + "role") or "")
        if base_role is None:
            continue
        info = RoleInfo(base_role.canonical, base_role.english, "compound", None,
                        _one(p, ONT + "impliedOrganization"))
        for s in surfaces:
            roles.add(s, info)

    return Lexicon(
        roles.finish(), role_by_name, bodies.finish(), bodies_acc.finish(), dict(units_of), body_by_name,
        provinces.finish(), provinces_acc.finish(), province_by_name, domains, prefixes,
        doc_words.finish(), doc_code_parts, issuer_codes, indicators.finish(), indicator_labels,
        unit_forms.finish(), bases.finish(), furniture.finish(), labels, counted.finish(),
        indicator_verb_labels.finish(),
    )


# ---------------------------------------------------------------------------------------------
# Event cue words (ontology/vocab/events.ttl)


@dataclass(frozen=True)
class EventCue:
    event: str | None  # Inspection | Supervision | WorkingSession | Conference; None for "block"
    kind: str  # name | verb | block
    needs_intro: bool = False
    not_after: tuple[str, ...] = ()  # folded words that make the cue a modifier when written before it


@dataclass
class EventCues:
    marked: Gazetteer[EventCue]  # tone- and case-insensitive: for text written with diacritics
    plain: Gazetteer[EventCue]  # the labels without diacritics ("lam viec voi"), less the accent-
    # sensitive ones: for text written without diacritics, matched against its lower-cased form


@functools.lru_cache(maxsize=None)
def load_event_cues(directory: str | None = None) -> EventCues:
    """The words that name an article's meeting, read once from ``events.ttl``."""
    d = Path(directory) if directory else vocab_dir()
    marked: Gazetteer[EventCue] = Gazetteer()
    plain: Gazetteer[EventCue] = Gazetteer()
    path = d / "events.ttl"
    concepts = _read(path) if path.exists() else {}
    for iri, p in concepts.items():
        if iri.endswith("/scheme") or _one(p, SKOS + "prefLabel", "vi") is None:
            continue
        cue = EventCue(_local(_iri(p, ONT + "eventClass")), _one(p, ONT + "cueKind") or "name",
                       _bool(p, ONT + "needsIntro"),
                       tuple(sorted({" ".join(fold(w).split()) for w in _lit(p, ONT + "notAfter")}, key=len, reverse=True)))
        for s in [_one(p, SKOS + "prefLabel", "vi"), *_lit(p, SKOS + "altLabel", "vi")]:
            marked.add(s, cue)
            if not _bool(p, ONT + "accentSensitive"):
                plain.add(ascii_fold(s), cue)
    return EventCues(marked.finish(), plain.finish())
