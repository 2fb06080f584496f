"""Findings -> triples of one article's named graph. IRIs are minted here and only here.

IRIs come from canonical keys, so the same input always gives the same IRIs:
people and provincial bodies by (province, name) — two "Nguyễn Văn Bình" of two provinces are
two people; national bodies by name; coded documents by (issuer scope, number); figures and
events by (article, position). Without a province, people and provincial bodies are scoped
to their article: nothing says they are the same as another article's.
"""

from __future__ import annotations

import hashlib
import re
from decimal import Decimal

import pyoxigraph as ox

from .config import ONT
from .document import Findings, NormalizedDocument
from .lexicon import Lexicon
from .text import fold, slug

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
DCT = "http://purl.org/dc/terms/"
QB = "http://purl.org/linked-data/cube#"

ORG_CLASS = {"PartyCommittee": "PartyCommittee", "PartyBoard": "PartyBoard", "StateAgency": "StateAgency",
             "Delegation": "Delegation", "OtherOrganization": "OtherOrganization", "Other": "OtherOrganization"}


def N(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def V(term: str) -> ox.NamedNode:
    return ox.NamedNode(ONT + term)


def lit(value, datatype: str | None = None, lang: str | None = None) -> ox.Literal:
    if lang:
        return ox.Literal(str(value), language=lang)
    if datatype:
        return ox.Literal(str(value), datatype=ox.NamedNode(datatype))
    return ox.Literal(str(value))


def date_literal(value: str) -> ox.Literal:
    if value.startswith("--"):
        return lit(value, XSD + "gMonthDay")
    if len(value) == 4:
        return lit(value, XSD + "gYear")
    if len(value) == 7:
        return lit(value, XSD + "gYearMonth")
    return lit(value, XSD + "date")


def decimal_literal(value: Decimal) -> ox.Literal:
    v = value.normalize()
    text = format(v, "f")
    if "." not in text:
        text += ".0" if False else ""
    return lit(text, XSD + "decimal")


class Minter:
    """The one place where IRIs are made."""

    def __init__(self, base: str):
        self.base = base

    def article(self, doc_id: str) -> str:
        if re.fullmatch(r"[A-Za-z0-9_.-]{1,120}", doc_id):
            return f"{self.base}article/{doc_id}"
        return f"{self.base}article/{slug(doc_id)}-{hashlib.sha1(doc_id.encode()).hexdigest()[:8]}"

    def province(self, slug_: str) -> str:
        return f"{self.base}province/{slug_}"

    def scope(self, province_slug: str | None, article_iri: str) -> str:
        return province_slug or "article-" + article_iri.rsplit("/", 1)[-1]

    def person(self, scope: str, name: str) -> str:
        return f"{self.base}person/{scope}/{slug(fold(name))}"

    def org(self, scope: str, name: str, national: bool) -> str:
        return f"{self.base}org/{'national' if national else scope}/{slug(name)}"

    def document(self, scope: str, key: str, national: bool) -> str:
        return f"{self.base}document/{'national' if national else scope}/{slug(key)}"

    def membership(self, person: str, role: str, org: str) -> str:
        h = hashlib.sha1(f"{person}|{role}|{org}".encode()).hexdigest()[:12]
        return f"{self.base}membership/{h}"

    def observation(self, article_iri: str, n: int) -> str:
        return f"{self.base}observation/{article_iri.rsplit('/', 1)[-1]}/{n}"

    def event(self, article_iri: str, n: int) -> str:
        return f"{self.base}event/{article_iri.rsplit('/', 1)[-1]}/{n}"

    def mention(self, article_iri: str, n: int) -> str:
        return f"{self.base}mention/{article_iri.rsplit('/', 1)[-1]}/{n}"

    def concept(self, scheme: str, key: str) -> str:
        return f"{self.base}{scheme}/{key}"


def _unit_slug(unit: str) -> str:
    return {"percent": "percent", "billion VND": "billion-vnd", "million USD": "million-usd", "count": "count"}[unit]


def to_triples(doc: NormalizedDocument, findings: Findings, lex: Lexicon, base: str) -> list[tuple]:
    """Every triple of the article's named graph, deterministic in content and order."""
    mint = Minter(base)
    a_iri = mint.article(doc.doc.id)
    A = N(a_iri)
    out: list[tuple] = []
    add = out.append
    prov_info = lex.province_by_name.get(findings.province) if findings.province else None
    prov_slug = prov_info.slug if prov_info else None
    P = N(mint.province(prov_slug)) if prov_slug else None
    scope = mint.scope(prov_slug, a_iri)
    typ = N(RDF + "type")

    add((A, typ, V("Article")))
    add((A, N(DCT + "identifier"), lit(doc.doc.id)))
    add((A, V("contentHash"), lit(doc.content_hash)))
    if doc.doc.url:
        add((A, N(DCT + "source"), N(doc.doc.url) if "://" in doc.doc.url and " " not in doc.doc.url else lit(doc.doc.url)))
    title = doc.doc.title or next((s.text for s in doc.sentences if s.kind == "headline"), None)
    if title:
        add((A, N(DCT + "title"), lit(title)))
        add((A, N(RDFS + "label"), lit(title)))
    if P:
        add((A, V("province"), P))
    if findings.date:
        add((A, V("date"), date_literal(findings.date)))

    def seen_in(node, evidence: str):
        add((node, V("evidence"), lit(evidence)))
        add((node, V("mentionedIn"), A))

    org_nodes: dict[str, ox.NamedNode] = {}

    def org_node(name: str, type_: str, national: bool, evidence: str, province: str | None = None,
                 mentioned: bool = True) -> ox.NamedNode:
        if province == findings.province:
            province = None
        key = fold(name) + "|" + type_ + "|" + (province or "")
        if key in org_nodes:
            return org_nodes[key]
        delegation = type_ == "Delegation"
        own_slug = None
        if province and province != findings.province:
            info = lex.province_by_name.get(province)
            own_slug = info.slug if info else None
        sc = "article-" + a_iri.rsplit("/", 1)[-1] if delegation else (own_slug or scope)
        node = N(mint.org(sc, name, national and not delegation))
        org_nodes[key] = node
        add((node, typ, V(ORG_CLASS.get(type_, "OtherOrganization"))))
        add((node, V("name"), lit(name)))
        pslug = own_slug or prov_slug
        label = name if national or not pslug else f"{name} ({(lex.province_by_name.get(province) or prov_info).name})"
        add((node, N(RDFS + "label"), lit(label)))
        if not national and pslug and not delegation:
            add((node, V("province"), N(mint.province(pslug))))
        if mentioned:
            seen_in(node, evidence)
        else:  # read from a document code ("…/QĐ-TTg"): evidence, but the text does not name it
            add((node, V("evidence"), lit(evidence)))
        return node

    org_types = {}
    for o in findings.organizations:
        org_node(o.name, o.type, o.national, o.evidence, o.province)
        org_types[fold(o.name)] = (o.type, o.national)

    for n, p in enumerate(findings.persons):
        # an official whose provincial posts are all in another province ("Giám đốc Sở Công Thương
        # tỉnh Hưng Yên" leading a delegation to Sơn La) is that province's official
        elsewhere = {post.province for post in p.posts if not org_types.get(fold(post.org), (None, False))[1]}
        own = None
        if len(elsewhere) == 1 and None not in elsewhere:
            own = lex.province_by_name.get(next(iter(elsewhere)))
        node = N(mint.person(own.slug if own else scope, p.name))
        add((node, typ, V("Person")))
        add((node, N(FOAF + "name"), lit(p.name)))
        add((node, N(RDFS + "label"), lit(p.name)))
        if own is not None:
            add((node, V("province"), N(mint.province(own.slug))))
        elif P:
            add((node, V("province"), P))
        seen_in(node, p.evidence)
        for post in p.posts:
            role = lex.role_by_name.get(post.role)
            role_iri = mint.concept("role", slug(post.role))
            national = org_types.get(fold(post.org), (None, False))[1]
            o = org_node(post.org, post.org_type, national, post.evidence, post.province)
            m = N(mint.membership(node.value, role_iri, o.value))
            add((m, typ, N(ORG + "Membership")))
            add((m, N(ORG + "member"), node))
            add((m, N(ORG + "organization"), o))
            add((m, N(ORG + "role"), N(role_iri)))
            add((m, N(RDFS + "label"), lit(f"{p.name}: {post.role} {post.org}")))
            seen_in(m, post.evidence or p.evidence)
            if role is None:  # an open-list title: declared here so the graph stays self-describing
                add((N(role_iri), typ, V("Role")))
                add((N(role_iri), N("http://www.w3.org/2004/02/skos/core#prefLabel"), lit(post.role, lang="vi")))
    for k, mg in enumerate(findings.merges):
        if mg.rule == "exact":
            continue
        target = N(mint.person(scope, mg.name))
        mn = N(mint.mention(a_iri, k))
        add((target, V("mention"), mn))
        add((mn, typ, V("PersonMention")))
        add((mn, V("surfaceForm"), lit(mg.surface)))
        add((mn, V("resolvedBy"), lit(mg.rule)))
        add((mn, V("sourceArticle"), A))

    doc_nodes: dict[str, ox.NamedNode] = {}
    for d in findings.documents:
        national = d.national
        node = N(mint.document(scope, d.key, national))
        doc_nodes[fold(d.key)] = node
    for d in findings.documents:
        node = doc_nodes[fold(d.key)]
        add((node, typ, V(d.type)))
        if d.number:
            add((node, V("number"), lit(d.number)))
        if d.name:
            add((node, V("name"), lit(d.name)))
        label = d.name or f"{lex.labels.get('doctype/' + slug(d.type).replace('actionprogramme', 'action-programme'), {}).get('vi', d.type)} {d.number}"
        add((node, N(RDFS + "label"), lit(label)))
        if d.date:
            add((node, V("date"), date_literal(d.date)))
        if d.issuer:
            t, nat = org_types.get(fold(d.issuer), (None, None))
            named = t is not None
            if t is None:
                body = lex.body_by_name.get(d.issuer)
                t = body.org_type if body else ("PartyCommittee" if d.issuer.startswith("Đảng ủy") else "StateAgency")
                nat = bool(body and body.scope == "national")
            add((node, V("issuedBy"), org_node(d.issuer, t, nat, d.evidence, mentioned=named)))
        if d.implements and fold(d.implements) in doc_nodes:
            add((node, V("implements"), doc_nodes[fold(d.implements)]))
        seen_in(node, d.evidence)

    for n, o in enumerate(findings.observations):
        node = N(mint.observation(a_iri, n))
        add((node, typ, V("IndicatorObservation")))
        add((node, typ, N(QB + "Observation")))
        add((node, V("indicator"), N(mint.concept("indicator", o.metric))))
        add((node, V("measure"), N(mint.concept("measure", o.measure))))
        add((node, V("unit"), N(mint.concept("unit", _unit_slug(o.unit)))))
        add((node, V("value"), decimal_literal(o.value)))
        if o.period:
            add((node, V("period"), lit(o.period)))
        if o.basis:
            add((node, V("basis"), N(mint.concept("basis", o.basis))))
        add((node, V("isTarget"), lit("true" if o.target else "false", XSD + "boolean")))
        if P:
            add((node, V("refArea"), P))
        label = o.label or lex.indicator_labels.get(o.metric, (o.metric,))[0]
        add((node, N(RDFS + "label"), lit(f"{label}: {o.value} {o.unit}" + (f" ({o.period})" if o.period else ""))))
        seen_in(node, o.evidence)

    people = {fold(p.name): N(mint.person(scope, p.name)) for p in findings.persons}
    for n, e in enumerate(findings.events):
        node = N(mint.event(a_iri, n))
        add((node, typ, V(e.type)))
        add((node, N(RDFS + "label"), lit(f"{e.type} {e.date or ''}".strip() + (f": {e.host}" if e.host else ""))))
        if e.date:
            add((node, V("date"), date_literal(e.date)))
        if e.lead and fold(e.lead) in people:
            add((node, V("lead"), people[fold(e.lead)]))
        for prop, name in (("organizer", e.organizer), ("host", e.host)):
            if name:
                t, nat = org_types.get(fold(name), ("StateAgency", False))
                add((node, V(prop), org_node(name, t, nat, e.evidence)))
        for key in e.about:
            if fold(key) in doc_nodes:
                add((node, V("about"), doc_nodes[fold(key)]))
        seen_in(node, e.evidence)
    # one statement once, in a stable order
    uniq = list(dict.fromkeys(out))
    return uniq
