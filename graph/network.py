"""The store as a typed network: one networkx graph shared by the page, the stats and the export.

``to_networkx`` reads the union of the article graphs and returns a ``MultiDiGraph`` whose
node ids are IRIs and whose nodes and edges carry a ``kind`` (one of ``KINDS`` and
``EDGE_KINDS``) and a display ``label``. Everything a person needs to trust a node travels on
it: the canonical name, the province, the posts held (or, for a body, the posts in it) and one
evidence sentence with the article it was read from. ``vnkg viz`` draws this graph,
``vnkg stats --network`` measures it and ``vnkg export --format graphml|gexf`` writes it.

Article and province nodes are context: every fact links to the articles that mention it and
to its province, so they are hubs. The stats therefore measure the *entity graph* (people,
bodies, documents, events, figures), where a link is a post, a lead, a host, an issue or an
implementation, and not a shared newspaper page.

>>> KINDS["person"].label, KIND_OF_CLASS["PartyCommittee"]
('Person', 'party_committee')
>>> sorted(parse_kinds(["people", "bodies"]))[:3]
['delegation', 'organization', 'party_board']
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import networkx as nx

from .config import ONT
from .store import union_query

__all__ = ["Kind", "KINDS", "EDGE_KINDS", "KIND_OF_CLASS", "CONTEXT_KINDS", "ORG_KINDS",
           "to_networkx", "entity_graph", "centrality", "parse_kinds", "find_nodes",
           "find_province", "province_slug", "network_stats", "print_network_stats",
           "write_graph_file", "fold", "display_date"]

RDFS = "http://www.w3.org/2000/01/rdf-schema#"
FOAF = "http://xmlns.com/foaf/0.1/"
DCT = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"


@dataclass(frozen=True)
class Kind:
    """How one kind of node looks: colour, vis-network shape, and the glyph of the legend."""
    key: str
    label: str
    label_vi: str
    color: str
    shape: str
    glyph: str


KINDS: dict[str, Kind] = {k.key: k for k in (
    Kind("person", "Person", "Người", "#4e79a7", "dot", "●"),
    Kind("party_committee", "Party committee", "Cấp ủy", "#d62728", "hexagon", "⬢"),
    Kind("party_board", "Party board", "Ban Đảng", "#ff9896", "hexagon", "⬢"),
    Kind("state_agency", "State agency", "Cơ quan nhà nước", "#f28e2b", "square", "■"),
    Kind("delegation", "Delegation", "Đoàn công tác", "#b07aa1", "triangleDown", "▼"),
    Kind("organization", "Other organisation", "Tổ chức khác", "#3f6f6a", "square", "■"),
    Kind("document", "Document", "Văn bản", "#59a14f", "diamond", "◆"),
    Kind("indicator", "Indicator figure", "Chỉ tiêu", "#17becf", "triangle", "▲"),
    Kind("event", "Event", "Sự kiện", "#e6b800", "star", "★"),
    Kind("province", "Province", "Tỉnh", "#8c564b", "dot", "●"),
    Kind("article", "Article", "Bài báo", "#b5b5b5", "square", "■"),
)}

ORG_KINDS = ("party_committee", "party_board", "state_agency", "delegation", "organization")
CONTEXT_KINDS = ("article", "province")

KIND_OF_CLASS = {
    "Person": "person",
    "PartyCommittee": "party_committee", "PartyBoard": "party_board",
    "StateAgency": "state_agency", "Delegation": "delegation", "OtherOrganization": "organization",
    "Resolution": "document", "ActionProgramme": "document", "Programme": "document",
    "Directive": "document", "Plan": "document", "Decision": "document", "Conclusion": "document",
    "IndicatorObservation": "indicator",
    "Inspection": "event", "Supervision": "event", "WorkingSession": "event", "Conference": "event",
}
_CLASS_VI = {
    "Resolution": "Nghị quyết", "ActionProgramme": "Chương trình hành động", "Programme": "Chương trình",
    "Directive": "Chỉ thị", "Plan": "Kế hoạch", "Decision": "Quyết định", "Conclusion": "Kết luận",
    "Inspection": "Kiểm tra", "Supervision": "Giám sát", "WorkingSession": "Làm việc",
    "Conference": "Hội nghị",
}

# edge kind -> the words written on the edge
EDGE_KINDS = {
    "post": "holds a post in",  # the label of a post edge is the role itself
    "led": "led",
    "organized": "organised",
    "hosted": "hosted",
    "about": "about",
    "implements": "implements",
    "issued_by": "issued by",
    "in_province": "in",
    "mentioned_in": "mentioned in",
}
# property -> (edge kind, reversed?): "?event vnkg:lead ?person" is drawn person -led-> event
_RELATIONS = {
    ONT + "lead": ("led", True),
    ONT + "organizer": ("organized", True),
    ONT + "host": ("hosted", True),
    ONT + "about": ("about", False),
    ONT + "implements": ("implements", False),
    ONT + "issuedBy": ("issued_by", False),
}
_ALIASES = {
    "people": ["person"], "persons": ["person"], "official": ["person"], "officials": ["person"],
    "org": list(ORG_KINDS), "orgs": list(ORG_KINDS), "organisation": list(ORG_KINDS),
    "organisations": list(ORG_KINDS), "organizations": list(ORG_KINDS), "body": list(ORG_KINDS),
    "bodies": list(ORG_KINDS), "other": ["organization"], "otherorganization": ["organization"],
    "documents": ["document"], "docs": ["document"], "events": ["event"],
    "indicators": ["indicator"], "figures": ["indicator"], "observation": ["indicator"],
    "indicatorobservation": ["indicator"], "provinces": ["province"], "articles": ["article"],
    "committee": ["party_committee"], "board": ["party_board"], "agency": ["state_agency"],
}
for _cls, _kind in KIND_OF_CLASS.items():
    _ALIASES.setdefault(_cls.lower(), [_kind])


def fold(text: str) -> str:
    """Case- and accent-insensitive key: ``fold("Thái Bình") == fold("thai binh")``.

    >>> fold("  Thái  Bình ") == fold("THAI BINH") == "thai binh"
    True
    """
    text = unicodedata.normalize("NFD", text or "").replace("đ", "d").replace("Đ", "D")
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    return " ".join(text.casefold().split())


def parse_kinds(values: Iterable[str] | None) -> set[str]:
    """Kind keys from user words: ``person``, ``party-committee``, ``PartyBoard``, ``bodies``...

    Accepts comma-separated items; raises ``ValueError`` naming the valid kinds otherwise.
    """
    out: set[str] = set()
    for value in values or ():
        for word in str(value).split(","):
            key = word.strip().lower().replace("-", "_").replace(" ", "_")
            if not key:
                continue
            if key in KINDS:
                out.add(key)
            elif key.replace("_", "") in _ALIASES:
                out.update(_ALIASES[key.replace("_", "")])
            elif key in _ALIASES:
                out.update(_ALIASES[key])
            elif key.rstrip("s") in KINDS:
                out.add(key.rstrip("s"))
            else:
                raise ValueError(f"unknown kind {word.strip()!r}; kinds are: {', '.join(KINDS)}")
    return out


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def province_slug(iri: str) -> str:
    """The last path segment of a province IRI, used for file names."""
    return _local(iri) or "province"


def _num(text: str) -> str:
    try:
        d = float(text)
    except ValueError:
        return text
    if d == int(d) and abs(d) < 1e15:
        return str(int(d))
    return ("%.6f" % d).rstrip("0").rstrip(".")


def display_date(date: str) -> str:
    """An xsd date as people in Vietnam write it; a year-less ``--MM-DD`` becomes ``DD/MM``.

    >>> display_date("2024-01-10"), display_date("--05-09"), display_date("2024-05"), display_date("")
    ('10/01/2024', '09/05', '05/2024', '')
    """
    date = (date or "").strip()
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?", date)
    if m:
        return f"{m.group(3)}/{m.group(2)}/{m.group(1)}"
    m = re.fullmatch(r"--(\d{2})-(\d{2})", date)
    if m:
        return f"{m.group(2)}/{m.group(1)}"
    m = re.fullmatch(r"(\d{4})-(\d{2})", date)
    if m:
        return f"{m.group(2)}/{m.group(1)}"
    return date


def _short(text: str, n: int = 48) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _first(values) -> str:
    values = [v for v in values if v]
    if not values:
        return ""
    # the most frequent spelling, ties broken alphabetically: stable across runs
    return sorted(Counter(values).items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _rows(store, sparql: str):
    for row in union_query(store, sparql):
        yield [None if v is None else v.value for v in row]


def _literal_rows(store, sparql: str):
    """Rows whose terms stay pyoxigraph terms (for language tags and datatypes)."""
    return list(union_query(store, sparql))


# ---------------------------------------------------------------------------- to_networkx

_Q_ENTITIES = """
SELECT DISTINCT ?x ?type WHERE {
  VALUES ?type { %s }
  ?x a ?type .
}""" % " ".join(f"vnkg:{c}" for c in KIND_OF_CLASS)

_Q_ARTICLES = """
SELECT ?a ?id ?title ?src ?prov ?date WHERE {
  ?a a vnkg:Article .
  OPTIONAL { ?a dcterms:identifier ?id }
  OPTIONAL { ?a dcterms:title ?title }
  OPTIONAL { ?a dcterms:source ?src }
  OPTIONAL { ?a vnkg:province ?prov }
  OPTIONAL { ?a vnkg:date ?date }
}"""

_PROPS = ["foaf:name", "rdfs:label", "vnkg:name", "vnkg:number", "vnkg:date", "vnkg:value",
          "vnkg:period", "vnkg:isTarget", "vnkg:province", "vnkg:refArea", "vnkg:indicator",
          "vnkg:measure", "vnkg:unit", "vnkg:basis"]
_Q_PROPS = """
SELECT ?x ?p ?o WHERE {
  VALUES ?type { %s }
  ?x a ?type .
  VALUES ?p { %s }
  ?x ?p ?o .
}""" % (" ".join(f"vnkg:{c}" for c in KIND_OF_CLASS), " ".join(_PROPS))

_Q_EVIDENCE = "SELECT ?x ?g ?ev WHERE { GRAPH ?g { ?x vnkg:evidence ?ev } }"
_Q_MENTIONS = "SELECT DISTINCT ?x ?a WHERE { ?x vnkg:mentionedIn ?a }"
_Q_MEMBERSHIPS = """
SELECT DISTINCT ?m ?p ?o ?r WHERE {
  ?m a org:Membership ; org:member ?p ; org:organization ?o .
  OPTIONAL { ?m org:role ?r }
}"""
_Q_RELATIONS = """
SELECT DISTINCT ?s ?p ?o WHERE {
  VALUES ?p { vnkg:lead vnkg:organizer vnkg:host vnkg:about vnkg:implements vnkg:issuedBy }
  ?s ?p ?o .
}"""
_Q_CONCEPTS = """
SELECT ?c ?p ?l WHERE {
  VALUES ?p { skos:prefLabel skos:notation vnkg:name }
  ?c ?p ?l .
  FILTER(isIRI(?c))
}"""

_KIND_ORDER = {k: i for i, k in enumerate(KINDS)}
_PROP_IRI = {
    p: (ONT + p[5:]) if p.startswith("vnkg:") else (FOAF + p[5:]) if p.startswith("foaf:")
    else (RDFS + p[5:]) for p in _PROPS
}
_IRI_PROP = {v: k.split(":")[1] for k, v in _PROP_IRI.items()}
_IRI_PROP[FOAF + "name"] = "foaf_name"
_IRI_PROP[RDFS + "label"] = "rdfs_label"


def _concepts(store) -> dict[str, dict[str, str]]:
    """IRI -> {"vi": prefLabel@vi, "en": prefLabel@en, "notation": ..., "name": vnkg:name}."""
    out: dict[str, dict[str, str]] = defaultdict(dict)
    for row in _literal_rows(store, _Q_CONCEPTS):
        c, p, lit = row["c"].value, row["p"].value, row["l"]
        if p.endswith("prefLabel"):
            lang = getattr(lit, "language", None) or "vi"
            out[c].setdefault(lang, lit.value)
        elif p.endswith("notation"):
            out[c].setdefault("notation", lit.value)
        else:
            out[c].setdefault("name", lit.value)
    return out


def to_networkx(store) -> nx.MultiDiGraph:
    """The store as a typed ``MultiDiGraph``.

    Node attributes: ``kind`` (a key of ``KINDS``), ``label`` (short display text), ``name``
    (canonical name), ``type`` (the RDF class, e.g. ``Resolution``), ``province`` (a name, or
    ``""``), ``province_iri``, ``provinces`` (own province plus those of the articles that
    mention it: used by filters), ``evidence`` and ``article`` (one sentence and the IRI of its
    article), ``article_label``, ``evidences`` (every ``(article IRI, sentence)``; left out of
    GraphML/GEXF), ``articles`` (IRIs), ``mentions`` (how many articles),
    ``posts`` (list of str; for a body, the posts held in it) and, by kind, ``date``, ``url``,
    ``value``, ``period``, ``is_target``, ``indicator``, ``indicator_label``, ``measure``,
    ``measure_label``, ``unit``, ``unit_label``, ``basis`` (its notation) and ``basis_label``;
    an event's ``date_label`` is its date as written in Vietnam (``09/05``, ``10/01/2024``).
    Edge attributes: ``kind`` (a key of ``EDGE_KINDS``), ``label`` (the role for a post),
    ``evidence`` where the edge has its own.
    Edge keys are the edge kind, or ``post|<role IRI>`` for a post (one edge per post, however
    many articles name it).
    """
    G = nx.MultiDiGraph()
    concepts = _concepts(store)

    def province_name(iri: str | None) -> str:
        if not iri:
            return ""
        c = concepts.get(iri, {})
        return c.get("name") or c.get("vi") or _local(iri)

    # --- articles
    articles: dict[str, dict] = {}
    for a, ident, title, src, prov, date in _rows(store, _Q_ARTICLES):
        art = articles.setdefault(a, {"id": [], "title": [], "url": [], "prov": [], "date": []})
        for key, val in (("id", ident), ("title", title), ("url", src), ("prov", prov), ("date", date)):
            if val:
                art[key].append(val)
    for a, art in articles.items():
        ident, title = _first(art["id"]), _first(art["title"])
        prov = _first(art["prov"])
        G.add_node(a, kind="article", type="Article", label=_short(title or ident or _local(a)),
                   name=title or ident or _local(a), identifier=ident or _local(a),
                   url=_first(art["url"]), date=_first(art["date"]),
                   province_iri=prov, province=province_name(prov))

    # --- entities, by kind
    types: dict[str, list[str]] = defaultdict(list)
    for x, t in _rows(store, _Q_ENTITIES):
        types[x].append(_local(t))
    props: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for x, p, o in _rows(store, _Q_PROPS):
        props[x][_IRI_PROP.get(p, _local(p))].append(o)

    for x, classes in types.items():
        classes = sorted(set(classes), key=lambda c: (_KIND_ORDER[KIND_OF_CLASS[c]], c))
        cls = classes[0]
        kind = KIND_OF_CLASS[cls]
        P = props.get(x, {})
        prov = _first(P.get("province", [])) or _first(P.get("refArea", []))
        attrs = dict(kind=kind, type=cls, province_iri=prov, province=province_name(prov))
        label_ = _first(P.get("rdfs_label", []))
        name = _first(P.get("name", []))
        number = _first(P.get("number", []))
        date = _first(P.get("date", []))
        if kind == "person":
            full = _first(P.get("foaf_name", [])) or label_ or _local(x)
            attrs.update(label=full, name=full)
        elif kind in ORG_KINDS:
            attrs.update(label=label_ or name or _local(x), name=name or label_ or _local(x))
        elif kind == "document":
            fallback = f"{_CLASS_VI.get(cls, cls)} {number}".strip() if number else ""
            attrs.update(label=_short(label_ or fallback or name or _local(x), 60),
                         name=name or label_ or fallback or _local(x), number=number, date=date)
        elif kind == "event":
            fallback = f"{_CLASS_VI.get(cls, cls)} {display_date(date)}".strip()
            text = label_ or name or fallback
            if date and date in text:  # "Inspection --05-09: ..." reads "Inspection 09/05: ..."
                text = text.replace(date, display_date(date))
            attrs.update(label=_short(text, 60), name=text, date=date, date_label=display_date(date))
        else:  # indicator figure
            ind, meas, unit = (_first(P.get(k, [])) for k in ("indicator", "measure", "unit"))
            basis = _first(P.get("basis", []))
            value, period = _first(P.get("value", [])), _first(P.get("period", []))
            target = _first(P.get("isTarget", [])).lower() in ("true", "1")
            ind_c, meas_c, unit_c = concepts.get(ind, {}), concepts.get(meas, {}), concepts.get(unit, {})
            ind_label = ind_c.get("vi") or ind_c.get("en") or _local(ind) or "?"
            unit_label = unit_c.get("vi") or unit_c.get("notation") or _local(unit)
            text = f"{' '.join(filter(None, (ind_label, period)))}: {_num(value)} {unit_label}".strip()
            if target:
                text += " (mục tiêu)"
            try:
                fvalue = float(value)
            except ValueError:
                fvalue = float("nan")
            attrs.update(
                label=_short(text, 60), name=text, value=fvalue, period=period, is_target=target,
                indicator=ind, indicator_key=ind_c.get("notation") or _local(ind),
                indicator_label=ind_label, indicator_label_en=ind_c.get("en", ""),
                measure=meas, measure_key=meas_c.get("notation") or _local(meas),
                measure_label=meas_c.get("vi") or meas_c.get("en") or _local(meas),
                unit=unit, unit_key=unit_c.get("notation") or _local(unit), unit_label=unit_label,
                basis=concepts.get(basis, {}).get("notation") or _local(basis) if basis else "",
                basis_label=(concepts.get(basis, {}).get("vi") or concepts.get(basis, {}).get("en")
                             or _local(basis)) if basis else "")
        G.add_node(x, **attrs)

    # --- provinces named by any node
    for n, d in list(G.nodes(data=True)):
        prov = d.get("province_iri")
        if prov and prov not in G:
            name = province_name(prov)
            G.add_node(prov, kind="province", type="Province", label=name, name=name,
                       province=name, province_iri=prov)
        if prov:
            G.add_edge(n, prov, key="in_province", kind="in_province", label=EDGE_KINDS["in_province"])

    # --- evidence and mentions
    evidence: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for x, g, ev in _rows(store, _Q_EVIDENCE):
        evidence[x].append((g, ev))
    mentions: dict[str, set[str]] = defaultdict(set)
    for x, a in _rows(store, _Q_MENTIONS):
        mentions[x].add(a)
    for x, d in G.nodes(data=True):
        if d["kind"] in CONTEXT_KINDS:
            continue
        for g, _ev in evidence.get(x, []):
            if g in articles:
                mentions[x].add(g)
    for x, d in G.nodes(data=True):
        if d["kind"] in CONTEXT_KINDS:
            d.setdefault("articles", [x] if d["kind"] == "article" else [])
            d.setdefault("mentions", 0)
            d.setdefault("evidence", "")
            d.setdefault("article", "")
            d.setdefault("article_label", "")
            d.setdefault("evidences", [])
            continue
        arts = sorted(mentions.get(x, ()))
        evs = sorted(evidence.get(x, []), key=lambda ge: (articles.get(ge[0]) is None, ge[0], ge[1]))
        g, ev = evs[0] if evs else (arts[0] if arts else "", "")
        d.update(articles=arts, mentions=len(arts), evidence=ev, article=g,
                 article_label=G.nodes[g]["name"] if g in G else "",
                 evidences=[(a, e) for a, e in evs if a in articles])
        for a in arts:
            if a in G:
                G.add_edge(x, a, key="mentioned_in", kind="mentioned_in", label=EDGE_KINDS["mentioned_in"])

    # --- posts
    posts: dict[str, list[str]] = defaultdict(list)
    for m, p, o, r in _rows(store, _Q_MEMBERSHIPS):
        if p not in G or o not in G:
            continue
        role = concepts.get(r, {}) if r else {}
        role_label = role.get("vi") or role.get("en") or (_local(r) if r else "thành viên")
        ev = _first([e for _g, e in evidence.get(m, [])])
        key = f"post|{r or m}"  # one edge per post: two articles naming it make one edge
        if G.has_edge(p, o, key):
            continue
        G.add_edge(p, o, key=key, kind="post", label=role_label, role=r or "",
                   role_en=role.get("en", ""), evidence=ev, membership=m)
        posts[p].append(f"{role_label}, {G.nodes[o]['label']}")
        posts[o].append(f"{role_label}: {G.nodes[p]['label']}")
    for n, d in G.nodes(data=True):
        d["posts"] = sorted(set(posts.get(n, [])))

    # --- relations between entities
    for s, p, o in _rows(store, _Q_RELATIONS):
        kind, backwards = _RELATIONS[p]
        if s not in G or o not in G:
            continue
        u, v = (o, s) if backwards else (s, o)
        G.add_edge(u, v, key=kind, kind=kind, label=EDGE_KINDS[kind])

    # --- provinces for filtering: own, plus those of the articles that mention a node
    for n, d in G.nodes(data=True):
        provs = {d["province"]} if d.get("province") else set()
        for a in d.get("articles", ()):
            if a in G and G.nodes[a].get("province"):
                provs.add(G.nodes[a]["province"])
        d["provinces"] = sorted(provs)
    return G


# ---------------------------------------------------------------------------- measures

def entity_graph(G: nx.MultiDiGraph) -> nx.Graph:
    """Undirected simple graph of people, bodies, documents and events.

    Articles and provinces (context hubs) and indicator figures (which link only to them) are
    left aside, so a link here is a post, a lead, a host, an issue or an implementation.
    """
    keep = [n for n, d in G.nodes(data=True)
            if d.get("kind") not in CONTEXT_KINDS and d.get("kind") != "indicator"]
    H = nx.Graph()
    H.add_nodes_from(keep)
    H.add_edges_from((u, v) for u, v, d in G.subgraph(keep).edges(data=True) if u != v)
    return H


def centrality(G: nx.Graph | nx.MultiDiGraph) -> dict[str, float]:
    """Degree centrality over the undirected simple graph: fast, stable, easy to explain."""
    if G.number_of_nodes() <= 1:
        return {n: 1.0 for n in G}
    H = nx.Graph()
    H.add_nodes_from(G)
    H.add_edges_from((u, v) for u, v in G.edges() if u != v)
    return nx.degree_centrality(H)


def find_nodes(G: nx.MultiDiGraph, query: str) -> list[str]:
    """Nodes named by an IRI, a name or a label (accent- and case-insensitive).

    An exact match wins over a partial one; several exact matches (two officials of the same
    name in two provinces) are all returned. Returns ``[]`` when nothing matches.
    """
    query = (query or "").strip()
    if not query:
        return []
    if query in G:
        return [query]
    q = fold(query)
    exact, partial = [], []
    for n, d in G.nodes(data=True):
        names = {fold(d.get("label", "")), fold(d.get("name", "")), fold(d.get("identifier", ""))}
        names.discard("")
        if q in names or fold(n) == q:
            exact.append(n)
        elif any(q in s for s in names):
            partial.append(n)
    return sorted(exact) or sorted(partial)


def find_province(G: nx.MultiDiGraph, query: str) -> str | None:
    """The province node named by ``query`` (name, slug or IRI), or ``None``."""
    q = fold(query or "").replace("-", " ")
    for n, d in G.nodes(data=True):
        if d.get("kind") != "province":
            continue
        if query == n or q in (fold(d.get("name", "")), fold(province_slug(n)).replace("-", " ")):
            return n
    return None


def _brief(G, n, deg=None, btw=None) -> dict:
    d = G.nodes[n]
    out = {"iri": n, "label": d.get("label", ""), "kind": d.get("kind", ""),
           "province": d.get("province", ""), "posts": list(d.get("posts", []))}
    if deg is not None:
        out["degree"] = int(deg)
    if btw is not None:
        out["betweenness"] = round(float(btw), 4)
    return out


def network_stats(store, top: int = 10, G: nx.MultiDiGraph | None = None) -> dict:
    """Who is central, what hangs together, who links provinces. JSON-serialisable.

    Centrality is measured over the entity graph (links are posts, leads, hosts, issues,
    implementations; not shared articles): ``degree`` is the number of distinct neighbours,
    ``betweenness`` the normalised betweenness (sampled on 300 nodes above 1,000 nodes).
    A person *links provinces* when their own province, the provinces of the bodies they hold
    posts in, of the events they led and of the articles that mention them are two or more.
    """
    G = to_networkx(store) if G is None else G
    H = entity_graph(G)
    n = H.number_of_nodes()
    if n > 1000:
        btw = nx.betweenness_centrality(H, k=300, seed=0)
    else:
        btw = nx.betweenness_centrality(H)
    deg = dict(H.degree())

    def ranked(kinds):
        nodes = [x for x in H if G.nodes[x]["kind"] in kinds]
        nodes.sort(key=lambda x: (-btw.get(x, 0), -deg.get(x, 0), G.nodes[x]["label"], x))
        return [_brief(G, x, deg.get(x, 0), btw.get(x, 0)) for x in nodes[:top]]

    comps = sorted(nx.connected_components(H), key=lambda c: (-len(c), min(c))) if n else []
    components = []
    for comp in comps[:top]:
        hub = max(comp, key=lambda x: (deg.get(x, 0), G.nodes[x]["label"]))
        components.append({"size": len(comp), "hub": _brief(G, hub),
                           "kinds": dict(sorted(Counter(G.nodes[x]["kind"] for x in comp).items()))})

    links = []
    for p, d in G.nodes(data=True):
        if d["kind"] != "person":
            continue
        via: dict[str, set[str]] = defaultdict(set)
        if d.get("province"):
            via[d["province"]].add("own province")
        for _u, o, ed in G.out_edges(p, data=True):
            od = G.nodes[o]
            if ed["kind"] == "post" and od.get("province"):
                via[od["province"]].add(f"{ed['label']}, {od['label']}")
            elif ed["kind"] == "led":
                for prov in od.get("provinces", []):
                    via[prov].add(f"led: {od['label']}")
            elif ed["kind"] == "mentioned_in" and od.get("province"):
                via[od["province"]].add(f"mentioned in: {od['label']}")
        if len(via) >= 2:
            links.append({**_brief(G, p, deg.get(p, 0)), "provinces": sorted(via),
                          "via": {k: sorted(v) for k, v in sorted(via.items())}})
    links.sort(key=lambda x: (-len(x["provinces"]), -x.get("degree", 0), x["label"]))

    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "nodes_by_kind": dict(sorted(Counter(d["kind"] for _n, d in G.nodes(data=True)).items())),
        "edges_by_kind": dict(sorted(Counter(d["kind"] for *_e, d in G.edges(data=True)).items())),
        "central_officials": ranked({"person"}),
        "central_bodies": ranked(set(ORG_KINDS)),
        "components": {"count": len(comps), "sizes": [len(c) for c in comps[:top]],
                       "isolated": sum(1 for c in comps if len(c) == 1), "largest": components},
        "province_links": links[:top],
        "province_links_total": len(links),
    }


def print_network_stats(store, top: int = 10) -> None:
    """The stats as rich tables on stdout."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    s = network_stats(store, top)
    console = Console()
    console.print(f"[bold]Network[/bold]: {s['nodes']} nodes, {s['edges']} edges")
    t = Table(title="Nodes by kind")
    t.add_column("kind")
    t.add_column("nodes", justify="right")
    for k, v in s["nodes_by_kind"].items():
        t.add_row(KINDS[k].label if k in KINDS else k, str(v))
    console.print(t)
    for title, key in (("Most central officials", "central_officials"),
                       ("Most central bodies", "central_bodies")):
        t = Table(title=title)
        for col in ("name", "kind", "province", "links", "betweenness", "posts"):
            t.add_column(col, justify="right" if col in ("links", "betweenness") else "left")
        for r in s[key]:
            t.add_row(Text(r["label"]), KINDS[r["kind"]].label, Text(r["province"] or "—"),
                      str(r["degree"]), f"{r['betweenness']:.3f}", Text("; ".join(r["posts"][:3])))
        console.print(t)
    c = s["components"]
    t = Table(title=f"Connected components: {c['count']} ({c['isolated']} single nodes) "
                    "of people, bodies, documents and events")
    for col in ("size", "best connected", "kinds"):
        t.add_column(col)
    for comp in c["largest"]:
        t.add_row(str(comp["size"]), Text(comp["hub"]["label"]),
                  ", ".join(f"{k} {v}" for k, v in comp["kinds"].items()))
    console.print(t)
    if not s["province_links"]:
        console.print("People who link provinces: none (no official is tied to two provinces "
                       "by their own province, posts, events led or articles)")
        return
    t = Table(title=f"People who link provinces: {s['province_links_total']}")
    for col in ("name", "provinces", "through"):
        t.add_column(col)
    for r in s["province_links"]:
        t.add_row(Text(r["label"]), Text(", ".join(r["provinces"])),
                  Text("; ".join(f"{p}: {', '.join(v)}" for p, v in r["via"].items())))
    console.print(t)


# ---------------------------------------------------------------------------- export

def _plain(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else ""
    if isinstance(value, (list, tuple, set)):
        return " | ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def graph_for_files(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attributes are GraphML/GEXF-safe: no ``None``, no lists (joined by `` | ``)."""
    H = nx.MultiDiGraph()
    cent = centrality(G)
    for n, d in G.nodes(data=True):
        attrs = {k: _plain(v) for k, v in d.items() if k != "evidences"}
        attrs["centrality"] = round(cent.get(n, 0.0), 6)
        if "value" in attrs and attrs["value"] == "":
            del attrs["value"]
        H.add_node(n, **attrs)
    for i, (u, v, d) in enumerate(G.edges(data=True)):
        # GraphML and GEXF want edge ids unique in the file
        H.add_edge(u, v, key=f"e{i}", **{a: _plain(x) for a, x in d.items()})
    # one type per attribute across nodes (GraphML keys are typed): the value attribute is a
    # float only on figures; everything else that is missing stays missing
    return H


def write_graph_file(store, path: Path, fmt: str) -> int:
    """Write the network as GraphML or GEXF (for Gephi, Cytoscape); returns the node count."""
    fmt = fmt.lower().lstrip(".")
    writers = {"graphml": nx.write_graphml, "gexf": nx.write_gexf}
    if fmt not in writers:
        raise ValueError(f"unknown graph format {fmt!r}; use graphml or gexf")
    H = graph_for_files(to_networkx(store))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    writers[fmt](H, str(path))
    return H.number_of_nodes()
