"""Extractors: independent units over one normalised document, registered by name.

An extractor is a function ``(doc, lex, findings) -> None`` that reads the document and adds
its findings; it declares the findings it needs with ``requires`` (checked when the pipeline
is built, as Stanza's processors do). ``extract`` runs them in dependency order; an error in
one extractor is recorded in ``findings.notes["errors"]`` and the others still run.

>>> sorted(EXTRACTORS)
['documents', 'events', 'indicators', 'organizations', 'organizations_tidy', 'people', 'place_time']
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Callable

from ..document import Findings, NormalizedDocument
from ..lexicon import Lexicon, load_lexicon
from ..text import fold
from .grammar import Context, Grammar

Extractor = Callable[[NormalizedDocument, Lexicon, Findings], None]


@dataclass(frozen=True)
class Registered:
    name: str
    fn: Extractor
    requires: tuple[str, ...]


EXTRACTORS: dict[str, Registered] = {}


def extractor(name: str, requires: tuple[str, ...] = ()):
    def register(fn: Extractor) -> Extractor:
        EXTRACTORS[name] = Registered(name, fn, tuple(requires))
        return fn
    return register


def pipeline_order(names: list[str] | None = None) -> list[Registered]:
    names = list(names or EXTRACTORS)
    order: list[Registered] = []
    done: set[str] = set()

    def visit(n: str, stack: tuple[str, ...] = ()):
        if n in done:
            return
        if n not in EXTRACTORS:
            raise ValueError(f"extractor '{stack[-1] if stack else n}' requires '{n}', which is not registered")
        if n in stack:
            raise ValueError(f"extractors depend on each other in a cycle: {' -> '.join(stack + (n,))}")
        for r in EXTRACTORS[n].requires:
            visit(r, stack + (n,))
        done.add(n)
        order.append(EXTRACTORS[n])

    for n in names:
        visit(n)
    return order


def article_context(doc: NormalizedDocument, lex: Lexicon) -> Context:
    """What short mentions refer to: the department a bare "Sở" names, Tỉnh ủy or Thành ủy."""
    text = doc.text
    # sentence by sentence: the folds and gazetteer scans are cached for the extractors after
    folds = [fold(s.text) for s in doc.sentences]
    folded = "\n".join(folds)
    departments = Counter()
    for s, f in zip(doc.sentences, folds):
        for m in lex.bodies.find(s.text, f):
            if m.value.family == "department":
                departments[m.value.canonical] += 1
    ctx = Context()
    if departments:
        ctx.department = departments.most_common(1)[0][0]
    elif re.search(r"\bSở\b", text):
        ctx.department = "Sở Công Thương" if re.search(r"công thương", folded) else None
    city = folded.count("thành ủy") + folded.count("ubnd thành phố") + folded.count("ủy ban nhân dân thành phố")
    prov = folded.count("tỉnh ủy") + folded.count("ubnd tỉnh") + folded.count("ủy ban nhân dân tỉnh")
    if city > prov:
        ctx.party = "Thành ủy"
        ctx.council = "Hội đồng nhân dân thành phố"
        ctx.people_committee = "Ủy ban nhân dân thành phố"
        ctx.city = True
    return ctx


def extract(doc: NormalizedDocument, lex: Lexicon | None = None, names: list[str] | None = None) -> Findings:
    lex = lex or load_lexicon()
    findings = Findings()
    ctx = article_context(doc, lex)
    findings.notes["context"] = ctx
    grammar = findings.notes["grammar"] = Grammar(lex, ctx)
    grammar.sentences = [s.text for s in doc.sentences]  # for what bare head roles refer to
    for reg in pipeline_order(names):
        try:
            reg.fn(doc, lex, findings)
        except Exception as e:  # one extractor's bug must not lose the article
            findings.notes.setdefault("errors", []).append(f"{reg.name}: {type(e).__name__}: {e}")
    findings.notes.pop("grammar", None)
    return findings


from . import documents, events, indicators, organizations, people, place_time  # noqa: E402,F401
