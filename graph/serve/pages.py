"""What an entity page shows: every statement about one IRI (and the ones pointing to it), with
labels, the evidence sentences and the articles they were read from.

Pages read the store directly with index look-ups (``quads_for_pattern``), each list capped, so
a page stays fast on a large store; free-form SPARQL goes through the worker pool instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import islice
from urllib.parse import quote

import pyoxigraph as ox

from ..store import PREFIXES

RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
EVIDENCE = ox.NamedNode(PREFIXES["vnkg"] + "evidence")
MENTIONED_IN = ox.NamedNode(PREFIXES["vnkg"] + "mentionedIn")
DC_SOURCE = ox.NamedNode(PREFIXES["dcterms"] + "source")
DC_TITLE = ox.NamedNode(PREFIXES["dcterms"] + "title")
DC_ID = ox.NamedNode(PREFIXES["dcterms"] + "identifier")
VNKG_DATE = ox.NamedNode(PREFIXES["vnkg"] + "date")
VNKG_ARTICLE = ox.NamedNode(PREFIXES["vnkg"] + "Article")
RDFS_LABEL = ox.NamedNode(PREFIXES["rdfs"] + "label")
DEPENDENT = {ox.NamedNode(PREFIXES["vnkg"] + "mention")}   # shown inside their owner's page
SD_GRAPH = ox.NamedNode("http://www.w3.org/ns/sparql-service-description#Graph")
ORG_ROLE = ox.NamedNode(PREFIXES["org"] + "role")
ORG_ORG = ox.NamedNode(PREFIXES["org"] + "organization")
ORG_MEMBER = ox.NamedNode(PREFIXES["org"] + "member")

_LABEL_PROPS = [ox.NamedNode(PREFIXES["foaf"] + "name"), RDFS_LABEL, ox.NamedNode(PREFIXES["vnkg"] + "name"),
                ox.NamedNode(PREFIXES["skos"] + "prefLabel"), DC_TITLE, ox.NamedNode(PREFIXES["vnkg"] + "number"),
                ox.NamedNode(PREFIXES["vnkg"] + "surfaceForm"), DC_ID]
_ORDER = {PREFIXES["rdf"] + "type": 0, PREFIXES["foaf"] + "name": 1, PREFIXES["rdfs"] + "label": 2,
          PREFIXES["vnkg"] + "name": 3, PREFIXES["skos"] + "prefLabel": 4, PREFIXES["dcterms"] + "title": 5}
_ONT_TYPES = ["owl:Ontology", "owl:Class", "rdfs:Class", "owl:ObjectProperty", "owl:DatatypeProperty",
              "owl:AnnotationProperty", "rdf:Property", "owl:NamedIndividual", "owl:AllDisjointClasses"]
_EXTRA_PREFIXES = {"qb": PREFIXES["qb"], "void": "http://rdfs.org/ns/void#",
                   "sd": "http://www.w3.org/ns/sparql-service-description#"}

MAX_OUT = 2000
MAX_IN = 500
MAX_GRAPH = 3000


@dataclass
class Value:
    """A term ready for a template: text to show, an optional link, and small notes."""
    text: str
    href: str | None = None
    note: str = ""            # language tag, datatype, or the IRI itself
    kind: str = "literal"     # uri, literal, bnode
    external: bool = False
    short: str = ""           # a short form (an article's id)
    nested: list = field(default_factory=list)   # statements of a blank node


class Pages:
    def __init__(self, store: ox.Store, base: str):
        self.store = store
        self.base = base
        self.prefixes = dict(PREFIXES)
        self.prefixes.update(_EXTRA_PREFIXES)
        self._hash_docs: dict[str, list[str]] | None = None

    # ------------------------------------------------------------------ IRIs and labels
    def href(self, iri: str) -> str:
        if iri.startswith(self.base):
            return "/" + quote(iri[len(self.base):], safe="/#-._~:@!$&'()*+,;=%")
        return "/resource?iri=" + quote(iri, safe="")

    def compact(self, iri: str) -> str:
        best = None
        for p, ns in self.prefixes.items():
            if iri.startswith(ns) and (best is None or len(ns) > len(self.prefixes[best])):
                best = p
        if best:
            return f"{best}:{iri[len(self.prefixes[best]):]}"
        if iri.startswith(self.base):
            return iri[len(self.base):]
        return iri

    def label(self, node, cache: dict | None = None) -> str | None:
        """The best human label of a resource: names, labels (Vietnamese first), title, number."""
        if cache is not None and node in cache:
            return cache[node]
        found = None
        if isinstance(node, (ox.NamedNode, ox.BlankNode)):
            for prop in _LABEL_PROPS:
                vals = [q.object for q in islice(self.store.quads_for_pattern(node, prop, None, None), 20)
                        if isinstance(q.object, ox.Literal)]
                if vals:
                    vals.sort(key=lambda l: (0 if l.language == "vi" else 1 if not l.language else 2, l.value))
                    found = vals[0].value
                    break
        if found is None and isinstance(node, ox.NamedNode):
            found = self._composed_label(node, cache)
        if cache is not None:
            cache[node] = found
        return found

    def _composed_label(self, node, cache) -> str | None:
        """A label for resources that have none of their own: a post (role · organisation)."""
        role = next(iter(self.store.quads_for_pattern(node, ORG_ROLE, None, None)), None)
        if role is None:
            return None
        org = next(iter(self.store.quads_for_pattern(node, ORG_ORG, None, None)), None)
        member = next(iter(self.store.quads_for_pattern(node, ORG_MEMBER, None, None)), None)
        parts = [self.label(x.object, cache) or self.compact(x.object.value)
                 for x in (member, role, org) if x is not None and isinstance(x.object, ox.NamedNode)]
        return " · ".join(parts) or None

    def value(self, term, cache: dict, graph=None, depth: int = 0, predicate=None) -> Value:
        if isinstance(term, ox.NamedNode):
            if predicate is not None and predicate == DC_SOURCE:
                return Value(term.value, term.value, kind="uri", external=True)
            lab = self.label(term, cache)
            v = Value(lab or self.compact(term.value), self.href(term.value), note=term.value, kind="uri")
            if predicate is not None and predicate in DEPENDENT and depth < 2:
                v.nested = self._nested(term, cache, graph, depth)
            return v
        if isinstance(term, ox.BlankNode):
            nested = self._nested(term, cache, graph, depth) if depth < 2 else []
            return Value(self.label(term, cache) or "(unnamed)", None, kind="bnode", nested=nested)
        if isinstance(term, ox.Literal):
            note = ""
            if term.language:
                note = "@" + term.language
            elif term.datatype.value != PREFIXES["xsd"] + "string":
                note = self.compact(term.datatype.value)
            return Value(term.value, None, note=note, kind="literal")
        return Value(str(term))

    def _nested(self, node, cache: dict, graph, depth: int) -> list:
        """The statements of a blank node or a dependent resource (a merged mention), deduplicated."""
        seen = []
        for q in islice(self.store.quads_for_pattern(node, None, None, graph), 100):
            if (q.predicate, q.object) not in seen:
                seen.append((q.predicate, q.object))
        return [(self.prop(p, cache), self.value(o, cache, graph, depth + 1, p)) for p, o in seen[:50]]

    def prop(self, p: ox.NamedNode, cache: dict) -> Value:
        lab = None
        for q in islice(self.store.quads_for_pattern(p, RDFS_LABEL, None, None), 10):
            if isinstance(q.object, ox.Literal) and q.object.language == "en":
                lab = q.object.value
                break
        return Value(self.compact(p.value), self.href(p.value), note=lab or p.value, kind="uri")

    def article(self, g, cache: dict) -> Value | None:
        """A graph as an article link: its title or id, with its date."""
        if not isinstance(g, ox.NamedNode):
            return None
        title = None
        ident = None
        date = None
        for q in islice(self.store.quads_for_pattern(g, None, None, g), 40):
            if q.predicate == DC_TITLE:
                title = q.object.value
            elif q.predicate == DC_ID:
                ident = q.object.value
            elif q.predicate == VNKG_DATE:
                date = q.object.value
        text = title or ident or self.compact(g.value)
        return Value(text, self.href(g.value), note=date or "", kind="uri",
                     short=ident or self.compact(g.value))

    # ------------------------------------------------------------------ one resource
    def exists(self, iri: str) -> bool:
        node = ox.NamedNode(iri)
        for _ in self.store.quads_for_pattern(node, None, None, None):
            return True
        for _ in self.store.quads_for_pattern(None, None, node, None):
            return True
        return self.store.contains_named_graph(node)

    def hash_terms(self, iri: str) -> list[str]:
        """Terms ``iri#Name`` typed as ontology terms (for hash namespaces such as ``ont#``)."""
        if self._hash_docs is None:
            docs: dict[str, list[str]] = {}
            for t in _ONT_TYPES:
                p, local = t.split(":")
                cls = ox.NamedNode(self.prefixes[p] + local)
                for q in islice(self.store.quads_for_pattern(None, RDF_TYPE, cls, None), 5000):
                    s = q.subject
                    if isinstance(s, ox.NamedNode) and "#" in s.value:   # under any base: vnkg:'s ont#
                        doc, _, _ = s.value.partition("#")
                        lst = docs.setdefault(doc, [])
                        if s.value not in lst:
                            lst.append(s.value)
            self._hash_docs = {k: sorted(v) for k, v in docs.items()}
        return self._hash_docs.get(iri, [])

    def describe(self, iri: str, with_incoming: bool = True) -> dict:
        """Everything a page shows about one IRI."""
        node = ox.NamedNode(iri)
        cache: dict = {}
        out_quads = list(islice(self.store.quads_for_pattern(node, None, None, None), MAX_OUT + 1))
        more_out = len(out_quads) > MAX_OUT
        out_quads = out_quads[:MAX_OUT]
        grouped: dict[tuple, list] = {}
        evidence: dict[tuple, list] = {}
        types = []
        for q in out_quads:
            if q.predicate == EVIDENCE:
                evidence.setdefault((q.object.value,), []).append(q.graph_name)
                continue
            if q.predicate == RDF_TYPE and q.object not in types:
                types.append(q.object)
            grouped.setdefault((q.predicate, q.object), []).append(q.graph_name)
        statements = []
        for (p, o), graphs in sorted(grouped.items(),
                                     key=lambda kv: (_ORDER.get(kv[0][0].value, 10), self.compact(kv[0][0].value),
                                                     str(kv[0][1]))):
            g0 = graphs[0] if len(graphs) == 1 else None
            statements.append({
                "property": self.prop(p, cache),
                "value": self.value(o, cache, g0, predicate=p),
                "articles": [a for a in (self.article(g, cache) for g in _uniq(graphs)) if a],
            })
        evidences = [{"text": text,
                      "articles": [a for a in (self.article(g, cache) for g in _uniq(graphs)) if a]}
                     for (text,), graphs in evidence.items()]
        incoming = []
        more_in = False
        if with_incoming:
            in_quads = list(islice(self.store.quads_for_pattern(None, None, node, None), MAX_IN + 1))
            more_in = len(in_quads) > MAX_IN
            seen: dict[tuple, list] = {}
            for q in in_quads[:MAX_IN]:
                seen.setdefault((q.subject, q.predicate), []).append(q.graph_name)
            for (s, p), graphs in seen.items():
                incoming.append({"subject": self.value(s, cache), "property": self.prop(p, cache),
                                 "articles": [a for a in (self.article(g, cache) for g in _uniq(graphs)) if a]})
            incoming.sort(key=lambda r: (r["property"].text, r["subject"].text))
        contents = []
        more_contents = False
        is_graph = self.store.contains_named_graph(node)
        if is_graph:
            subjects: dict = {}
            for q in islice(self.store.quads_for_pattern(None, RDF_TYPE, None, node), MAX_GRAPH + 1):
                if q.subject == node:
                    continue
                subjects.setdefault(q.subject, []).append(q.object)
            more_contents = len(subjects) > MAX_GRAPH
            for s, ts in subjects.items():
                contents.append({"subject": self.value(s, cache),
                                 "types": [self.value(t, cache) for t in ts]})
            contents.sort(key=lambda r: ([t.text for t in r["types"]], r["subject"].text))
        title = self.label(node, cache) or self.compact(iri)
        return {
            "iri": iri, "title": title, "types": [self.value(t, cache) for t in types],
            "statements": statements, "evidence": evidences, "incoming": incoming,
            "contents": contents, "is_graph": is_graph, "more_out": more_out, "more_in": more_in,
            "more_contents": more_contents,
            "terms": [self.describe(t, with_incoming=False) for t in self.hash_terms(iri)],
        }

    def triples(self, iri: str) -> list:
        """The RDF of a page: the IRI's statements, its blank nodes, the statements pointing to
        it, and for an article the whole graph read from it (all capped)."""
        node = ox.NamedNode(iri)
        out: dict = {}

        def add(s, p, o):
            out.setdefault((s, p, o), ox.Triple(s, p, o))

        subjects = [node] + [ox.NamedNode(t) for t in self.hash_terms(iri)]
        for subj in subjects:
            for q in islice(self.store.quads_for_pattern(subj, None, None, None), MAX_OUT):
                add(q.subject, q.predicate, q.object)
                if isinstance(q.object, ox.BlankNode) or q.predicate in DEPENDENT:
                    for q2 in islice(self.store.quads_for_pattern(q.object, None, None, None), 100):
                        add(q2.subject, q2.predicate, q2.object)
        for q in islice(self.store.quads_for_pattern(None, None, node, None), MAX_IN):
            add(q.subject, q.predicate, q.object)
        if self.store.contains_named_graph(node):
            add(node, RDF_TYPE, SD_GRAPH)
            for q in islice(self.store.quads_for_pattern(None, None, None, node), MAX_GRAPH * 10):
                add(q.subject, q.predicate, q.object)
        return list(out.values())


def _uniq(items):
    seen = []
    for x in items:
        if x not in seen:
            seen.append(x)
    return seen
