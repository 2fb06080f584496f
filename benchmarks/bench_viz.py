"""How long a 2,000-node network takes to build, draw and stabilise in headless Chromium.

    python benchmarks/bench_viz.py [--nodes 2000] [--seed 1] [--shot /tmp/vnkg-shots/bench.png]

Makes a synthetic store in the shape of CONTRACT.md (articles in several provinces; people
holding posts in bodies; documents that implement each other; events led and hosted; figures),
sized so that ``to_networkx`` gives about ``--nodes`` nodes, writes the page with
``vnkg.viz.write_viz(max_nodes=nodes)`` and opens it from a file URL with the network off.
Prints one JSON object: the Python side (graph, layout, page) and the browser side (load
event, first drawing, stabilised), in seconds. Above ``vnkg.viz.PHYSICS_LIMIT`` nodes the page
is laid out in Python and physics is off, so "stabilised" is the first complete drawing.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from vnkg.network import to_networkx
from vnkg.store import read_store
from vnkg.viz import HeadlessChromium, find_chromium, graph_page

ROLES = ["bi-thu", "pho-bi-thu", "chu-tich", "pho-chu-tich", "giam-doc", "pho-giam-doc", "truong-ban"]
ORG_CLASSES = ["PartyCommittee", "PartyBoard", "StateAgency", "StateAgency", "Delegation"]
DOC_CLASSES = ["Resolution", "ActionProgramme", "Plan", "Decision", "Directive"]
EVENT_CLASSES = ["Inspection", "Supervision", "WorkingSession", "Conference"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
MIDDLE = ["Văn", "Thị", "Quốc", "Minh", "Thanh", "Đức", "Hữu", "Ngọc"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hà", "Hùng", "Lan", "Liêm", "Nam", "Phúc", "Sơn", "Tâm"]


def synthetic_trig(target_nodes: int, seed: int = 1) -> str:
    """TriG for a store whose network has about ``target_nodes`` nodes."""
    rnd = random.Random(seed)
    q = lambda s: json.dumps(s, ensure_ascii=False)  # noqa: E731 - a Turtle string literal
    B = "https://w3id.org/vnkg/"
    n_prov = 8
    unit = max(1, target_nodes // 20)
    n_art, n_person, n_org = 2 * unit, 6 * unit, 4 * unit
    n_doc, n_event, n_obs = 3 * unit, 2 * unit, target_nodes - n_prov - 17 * unit
    out = ["@prefix vnkg: <https://w3id.org/vnkg/ont#> .", "@prefix org: <http://www.w3.org/ns/org#> .",
           "@prefix foaf: <http://xmlns.com/foaf/0.1/> .", "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
           "@prefix dcterms: <http://purl.org/dc/terms/> .", "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .",
           "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .", f"<{B}graph/vocab> {{"]
    for p in range(n_prov):
        out.append(f'<{B}province/p{p}> a vnkg:Province ; vnkg:name "Tỉnh {p}" .')
    for r in ROLES:
        out.append(f'<{B}role/{r}> a vnkg:Role ; skos:prefLabel {q(r.replace("-", " ").title())}@vi .')
    out.append(f'<{B}indicator/export_turnover> skos:prefLabel "Kim ngạch xuất khẩu"@vi .')
    out.append(f'<{B}unit/million-usd> skos:prefLabel "triệu USD"@vi ; skos:notation "million USD" .')
    out.append("}")
    arts = [f"{B}article/a{i}" for i in range(n_art)]
    by_art: dict[str, list[str]] = {a: [] for a in arts}
    prov_of = {a: f"{B}province/p{i % n_prov}" for i, a in enumerate(arts)}
    for i in range(n_org):
        o = f"{B}org/o{i}"
        a = rnd.choice(arts)
        by_art[a].append(f'<{o}> a vnkg:{rnd.choice(ORG_CLASSES)} ; rdfs:label {q(f"Cơ quan {i}")} ; '
                         f'vnkg:name {q(f"Cơ quan {i}")} ; vnkg:province <{prov_of[a]}> ; '
                         f'vnkg:evidence {q(f"Câu về cơ quan {i}.")} ; vnkg:mentionedIn <{a}> .')
    for i in range(n_person):
        p = f"{B}person/p{i}"
        name = f"{rnd.choice(SURNAMES)} {rnd.choice(MIDDLE)} {rnd.choice(GIVEN)} {i}"
        a = rnd.choice(arts)
        by_art[a].append(f'<{p}> a vnkg:Person ; foaf:name {q(name)} ; vnkg:province <{prov_of[a]}> ; '
                         f'vnkg:evidence {q(f"Đồng chí {name} phát biểu.")} ; vnkg:mentionedIn <{a}> .')
        for k in range(rnd.choice([1, 1, 2])):
            o = f"{B}org/o{min(n_org - 1, int(rnd.paretovariate(1.2)) - 1 + rnd.randrange(0, n_org // 4 + 1))}"
            by_art[a].append(f'<{B}membership/p{i}/{k}> a org:Membership ; org:member <{p}> ; '
                             f'org:organization <{o}> ; org:role <{B}role/{rnd.choice(ROLES)}> ; '
                             f'vnkg:evidence {q(f"{name} giữ chức vụ.")} ; vnkg:mentionedIn <{a}> .')
    for i in range(n_doc):
        d = f"{B}document/d{i}"
        a = rnd.choice(arts)
        extra = f" ; vnkg:implements <{B}document/d{rnd.randrange(i)}>" if i and rnd.random() < 0.7 else ""
        by_art[a].append(f'<{d}> a vnkg:{rnd.choice(DOC_CLASSES)} ; vnkg:number "{i}-NQ/TU" ; '
                         f'rdfs:label "Văn bản {i}-NQ/TU" ; vnkg:issuedBy <{B}org/o{rnd.randrange(n_org)}>{extra} ; '
                         f'vnkg:evidence "Văn bản số {i}." ; vnkg:mentionedIn <{a}> .')
    for i in range(n_event):
        a = rnd.choice(arts)
        by_art[a].append(f'<{B}event/e{i}> a vnkg:{rnd.choice(EVENT_CLASSES)} ; rdfs:label "Sự kiện {i}" ; '
                         f'vnkg:date "2024-0{1 + i % 9}-1{i % 10}"^^xsd:date ; vnkg:lead <{B}person/p{rnd.randrange(n_person)}> ; '
                         f'vnkg:host <{B}org/o{rnd.randrange(n_org)}> ; vnkg:about <{B}document/d{rnd.randrange(n_doc)}> ; '
                         f'vnkg:evidence "Sự kiện số {i}." ; vnkg:mentionedIn <{a}> .')
    for i in range(max(0, n_obs)):
        a = rnd.choice(arts)
        by_art[a].append(f'<{B}observation/x{i}> a vnkg:IndicatorObservation ; vnkg:indicator <{B}indicator/export_turnover> ; '
                         f'vnkg:unit <{B}unit/million-usd> ; vnkg:value "{rnd.randint(100, 5000)}"^^xsd:decimal ; '
                         f'vnkg:period "{2015 + i % 10}" ; vnkg:isTarget {str(rnd.random() < 0.3).lower()} ; '
                         f'vnkg:refArea <{prov_of[a]}> ; vnkg:evidence "Số liệu {i}." ; vnkg:mentionedIn <{a}> .')
    for i, a in enumerate(arts):
        out.append(f"<{a}> {{")
        out.append(f'<{a}> a vnkg:Article ; dcterms:identifier "a{i}" ; dcterms:title "Bài báo số {i}" ; '
                   f'vnkg:province <{prov_of[a]}> ; vnkg:date "2024-01-01"^^xsd:date .')
        out.extend(by_art[a])
        out.append("}")
    return "\n".join(out) + "\n"


def run(nodes: int = 2000, seed: int = 1, shot: Path | None = None) -> dict:
    tmp = Path(tempfile.mkdtemp(prefix="vnkg-bench-"))
    store = ox.Store(str(tmp / "store"))
    store.load(synthetic_trig(nodes, seed).encode("utf-8"), format=ox.RdfFormat.TRIG)
    del store
    t0 = time.perf_counter()
    G = to_networkx(read_store(tmp / "store"))
    t1 = time.perf_counter()
    result = graph_page(G, tmp / "network.html", max_nodes=max(nodes, G.number_of_nodes()))
    t2 = time.perf_counter()
    report = {"nodes": result.nodes, "edges": result.edges,
              "python_graph_s": round(t1 - t0, 3), "python_page_s": round(t2 - t1, 3),
              "page_mib": round(result.path.stat().st_size / 2**20, 2)}
    if find_chromium():
        with HeadlessChromium(timeout=120) as b:
            load = b.open(result.path, timeout=120)
            ready = b.wait_for("window.vnkgReady && window.vnkgReady.stabilized && window.vnkgReady",
                               timeout=120)
            nav = b.evaluate("performance.timing.navigationStart")
            start = b.evaluate("performance.timeOrigin")
            off = start - nav  # performance.now() counts from timeOrigin
            report.update(browser_load_s=round(load, 3),
                          browser_drawn_s=round((ready["drawn"] + off) / 1000, 3),
                          browser_stabilized_s=round((ready["stabilized"] + off) / 1000, 3),
                          browser_nodes=ready["nodes"], browser_edges=ready["edges"],
                          console_errors=list(b.errors), external_requests=list(b.requests))
            if shot:
                b.screenshot(shot)
    else:
        report["browser"] = "no chromium found"
    return report


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--shot", type=Path, default=None, help="save a screenshot of the drawn page")
    args = ap.parse_args(argv)
    print(json.dumps(run(args.nodes, args.seed, args.shot), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
