"""Precision, recall and F1 of the store against gold files (ANNOTATION.md, "How facts are
compared"): per kind, micro-averaged over all facts, and per document what was missed and
what was extra. Province and date of the article are scored as accuracy.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox

from .store import article_graphs
from .text import fold

KINDS = ["persons", "posts", "organizations", "documents", "indicators", "events"]


def key(s) -> str:
    return " ".join(fold(str(s)).split()) if s is not None else ""


def num(v) -> str:
    d = Decimal(str(v)).normalize()
    return format(d, "f")


def gold_facts(g: dict) -> dict[str, set]:
    facts: dict[str, set] = defaultdict(set)
    for p in g.get("persons", []):
        facts["persons"].add(key(p["name"]))
        for post in p.get("posts", []):
            facts["posts"].add((key(p["name"]), key(post["role"]), key(post["org"])))
    for o in g.get("organizations", []):
        t = "OtherOrganization" if o["type"] == "Other" else o["type"]
        facts["organizations"].add((key(o["name"]), t))
    for d in g.get("documents", []):
        facts["documents"].add(key(d.get("number") or d.get("name")))
    for i in g.get("indicators", []):
        facts["indicators"].add((i["metric"], i["measure"], num(i["value"]), i["unit"], i.get("period") or "",
                                 bool(i.get("target"))))
    for e in g.get("events", []):
        facts["events"].add((e["type"], e.get("date") or ""))
    return facts


def _q(store, graph: str, body: str):
    return list(store.query("PREFIX vnkg: <https://w3id.org/vnkg/ont#> PREFIX org: <http://www.w3.org/ns/org#> "
                            "PREFIX foaf: <http://xmlns.com/foaf/0.1/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
                            f"SELECT * WHERE {{ {body.replace('GRAPH_', f'<{graph}>')} }}",
                            use_default_graph_as_union=True))


def store_facts(store: ox.Store, graph: str) -> tuple[dict[str, set], str | None, str | None]:
    facts: dict[str, set] = defaultdict(set)
    for r in _q(store, graph, "GRAPH GRAPH_ { ?p a vnkg:Person ; foaf:name ?n }"):
        facts["persons"].add(key(r["n"].value))
    for r in _q(store, graph, "GRAPH GRAPH_ { ?m a org:Membership ; org:member ?p ; org:organization ?o ; org:role ?r . "
                              "?p foaf:name ?n . ?o vnkg:name ?on } ?r skos:prefLabel ?rl FILTER(lang(?rl) = 'vi')"):
        facts["posts"].add((key(r["n"].value), key(r["rl"].value), key(r["on"].value)))
    for r in _q(store, graph, "GRAPH GRAPH_ { ?o vnkg:name ?n ; a ?t ; vnkg:mentionedIn GRAPH_ } "
                              "FILTER(?t IN (vnkg:PartyCommittee, vnkg:PartyBoard, vnkg:StateAgency, vnkg:Delegation, vnkg:OtherOrganization))"):
        facts["organizations"].add((key(r["n"].value), r["t"].value.rsplit("#", 1)[1]))
    for r in _q(store, graph, "GRAPH GRAPH_ { ?d vnkg:mentionedIn GRAPH_ ; a ?t . OPTIONAL { ?d vnkg:number ?num } OPTIONAL { ?d vnkg:name ?nm } } "
                              "FILTER(?t IN (vnkg:Resolution, vnkg:ActionProgramme, vnkg:Programme, vnkg:Directive, vnkg:Plan, vnkg:Decision, vnkg:Conclusion))"):
        v = r["num"] or r["nm"]
        if v is not None:
            facts["documents"].add(key(v.value))
    for r in _q(store, graph, "GRAPH GRAPH_ { ?x a vnkg:IndicatorObservation ; vnkg:indicator ?i ; vnkg:measure ?m ; vnkg:unit ?u ; vnkg:value ?v . "
                              "OPTIONAL { ?x vnkg:period ?p } OPTIONAL { ?x vnkg:isTarget ?t } } "
                              "?i skos:notation ?in . ?m skos:notation ?mn . ?u skos:notation ?un"):
        facts["indicators"].add((r["in"].value, r["mn"].value, num(r["v"].value), r["un"].value,
                                 r["p"].value if r["p"] else "", bool(r["t"] and r["t"].value == "true")))
    for r in _q(store, graph, "GRAPH GRAPH_ { ?e vnkg:mentionedIn GRAPH_ ; a ?t . OPTIONAL { ?e vnkg:date ?d } } "
                              "FILTER(?t IN (vnkg:Inspection, vnkg:Supervision, vnkg:WorkingSession, vnkg:Conference))"):
        facts["events"].add((r["t"].value.rsplit("#", 1)[1], r["d"].value if r["d"] else ""))
    prov = date = None
    for r in _q(store, graph, "GRAPH GRAPH_ { GRAPH_ a vnkg:Article . OPTIONAL { GRAPH_ vnkg:province ?p } OPTIONAL { GRAPH_ vnkg:date ?d } }"):
        date = r["d"].value if r["d"] else None
        if r["p"] is not None:
            names = _q(store, graph, f"<{r['p'].value}> vnkg:name ?pn")
            prov = names[0]["pn"].value if names else r["p"].value.rsplit("/", 1)[-1]
    return facts, prov, date


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Evaluation:
    kinds: dict[str, Score] = field(default_factory=lambda: {k: Score() for k in KINDS})
    micro: Score = field(default_factory=Score)
    province_ok: int = 0
    date_ok: int = 0
    documents: int = 0
    missing_articles: list[str] = field(default_factory=list)
    per_document: dict[str, dict] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "kinds": {k: {"precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4),
                          "tp": s.tp, "fp": s.fp, "fn": s.fn} for k, s in self.kinds.items()},
            "micro": {"precision": round(self.micro.precision, 4), "recall": round(self.micro.recall, 4),
                      "f1": round(self.micro.f1, 4)},
            "province_accuracy": round(self.province_ok / self.documents, 4) if self.documents else None,
            "date_accuracy": round(self.date_ok / self.documents, 4) if self.documents else None,
            "documents": self.documents, "missing_articles": self.missing_articles,
            "per_document": self.per_document,
        }


def evaluate(store: ox.Store, gold_dir: Path) -> Evaluation:
    ev = Evaluation()
    by_id = {doc_id: g for g, doc_id in article_graphs(store).items()}
    files = sorted(Path(gold_dir).glob("*.json"))
    for f in files:
        g = json.loads(f.read_text(encoding="utf-8"))
        doc_id = g.get("id") or f.stem
        graph = by_id.get(doc_id)
        if graph is None:
            continue
        ev.documents += 1
        gold = gold_facts(g)
        mine, prov, date = store_facts(store, graph)
        detail = {}
        for k in KINDS:
            gs, ms = gold.get(k, set()), mine.get(k, set())
            s = ev.kinds[k]
            tp, fp, fn = len(gs & ms), len(ms - gs), len(gs - ms)
            s.tp += tp; s.fp += fp; s.fn += fn
            ev.micro.tp += tp; ev.micro.fp += fp; ev.micro.fn += fn
            if fp or fn:
                detail[k] = {"missed": sorted(map(str, gs - ms)), "extra": sorted(map(str, ms - gs))}
        if key(prov) == key(g.get("province")):
            ev.province_ok += 1
        else:
            detail["province"] = {"gold": g.get("province"), "found": prov}
        if (date or None) == (g.get("date") or None):
            ev.date_ok += 1
        else:
            detail["date"] = {"gold": g.get("date"), "found": date}
        ev.per_document[doc_id] = detail
    if not files:
        raise FileNotFoundError(f"no gold files (*.json) in {gold_dir}")
    ev.missing_articles = sorted({json.loads(f.read_text(encoding='utf-8')).get('id') or f.stem for f in files} - set(by_id))
    return ev
