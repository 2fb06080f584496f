"""Time the saved queries and the server on a synthetic store of N articles.

    python benchmarks/bench_serve.py --articles 5000

Each synthetic article has the shape of tests/fixtures/sample.trig (a few officials with posts,
organisations, documents implementing each other, an inspection, indicator figures), spread over
20 provinces, with people named in dozens of articles and one resolution cited by every
article (a description repeated in thousands of graphs is what makes naive queries over the union
graph blow up), so the saved queries meet realistic joins. Prints one line per query (median of
three runs) and per HTTP request kind.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import pyoxigraph as ox

from vnkg.queries import bind, list_queries
from vnkg.store import union_query

B = "https://w3id.org/vnkg/"
V = "https://w3id.org/vnkg/ont#"
PROVINCES = [f"province-{i}" for i in range(20)]
ROLES = ["giam-doc", "pho-bi-thu", "chu-tich", "truong-ban"]
ROLE_VI = {"giam-doc": "Giám đốc", "pho-bi-thu": "Phó Bí thư", "chu-tich": "Chủ tịch", "truong-ban": "Trưởng ban"}


def synthetic(n: int) -> str:
    out = ["@prefix vnkg: <%s> . @prefix org: <http://www.w3.org/ns/org#> . "
           "@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> . "
           "@prefix dcterms: <http://purl.org/dc/terms/> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . "
           "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> . @base <%s> ." % (V, B)]
    vocab = ["<graph/vocab> {"]
    for i, p in enumerate(PROVINCES):
        vocab.append(f'<province/{p}> a vnkg:Province ; vnkg:name "Tỉnh {i}" .')
    for r, label in ROLE_VI.items():
        vocab.append(f'<role/{r}> a vnkg:Role ; skos:prefLabel "{label}"@vi .')
    vocab.append('<indicator/export_turnover> skos:notation "export_turnover" . '
                 '<measure/level> skos:notation "level" . <unit/million-usd> skos:notation "million USD" .')
    vocab.append("}")
    out += vocab
    for a in range(n):
        p = PROVINCES[a % len(PROVINCES)]
        year = 2015 + a % 10
        art = f"article/a{a}"
        g = [f"<{art}> {{", f'<{art}> a vnkg:Article ; dcterms:identifier "a{a}" ; vnkg:province <province/{p}> ; '
             f'vnkg:date "{year}-06-01"^^xsd:date .']
        for k in range(3):
            person = f"person/{p}/person-{(a * 3 + k) % 400}"
            role = ROLES[(a + k) % len(ROLES)]
            org = f"org/{p}/org-{k}"
            g.append(f'<{person}> a vnkg:Person ; foaf:name "Người {(a * 3 + k) % 400} {p}" ; vnkg:province <province/{p}> ; '
                     f'vnkg:evidence "Câu {a}-{k}." ; vnkg:mentionedIn <{art}> .')
            g.append(f'<membership/{a}/{k}> a org:Membership ; org:member <{person}> ; org:organization <{org}> ; '
                     f'org:role <role/{role}> ; vnkg:evidence "Câu {a}-{k}." ; vnkg:mentionedIn <{art}> .')
            g.append(f'<{org}> a vnkg:StateAgency ; vnkg:name "Cơ quan {k}" ; rdfs:label "Cơ quan {k} ({p})" ; '
                     f'vnkg:province <province/{p}> ; vnkg:mentionedIn <{art}> .')
        parent = f"document/{PROVINCES[(a - 20) % len(PROVINCES)]}/d{a - 20}" if a >= 20 else "document/national/nq"
        g.append(f'<document/{p}/d{a}> a vnkg:Plan ; vnkg:number "{a}/KH" ; vnkg:implements <{parent}> ; '
                 f'vnkg:mentionedIn <{art}> .')
        # one resolution cited by every article: descriptions repeated in thousands of graphs
        g.append(f'<document/national/nq> a vnkg:Resolution ; vnkg:name "Nghị quyết Đại hội XIII" ; '
                 f'rdfs:label "Nghị quyết Đại hội XIII" ; vnkg:evidence "Câu {a}." ; vnkg:mentionedIn <{art}> .')
        g.append(f'<event/{a}> a vnkg:Inspection ; vnkg:lead <person/{p}/person-{(a * 3) % 400}> ; '
                 f'vnkg:host <org/{p}/org-1> ; vnkg:about <document/{p}/d{a}> ; vnkg:mentionedIn <{art}> .')
        for t, v in (("false", 100 + a % 50), ("true", 120 + a % 50)):
            g.append(f'<observation/{a}/{t}> a vnkg:IndicatorObservation ; vnkg:indicator <indicator/export_turnover> ; '
                     f'vnkg:measure <measure/level> ; vnkg:unit <unit/million-usd> ; vnkg:value {v}.0 ; '
                     f'vnkg:period "{year}" ; vnkg:isTarget {t} ; vnkg:refArea <province/{p}> ; vnkg:mentionedIn <{art}> .')
        g.append("}")
        out += g
    return "\n".join(out)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=2000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "store"
        t0 = time.perf_counter()
        store = ox.Store(str(path))
        store.bulk_load(synthetic(args.articles).encode("utf-8"), format=ox.RdfFormat.TRIG)
        store.flush()
        quads = len(store)
        del store
        print(f"{args.articles} articles, {quads} quads loaded in {time.perf_counter() - t0:.1f} s")
        store = ox.Store.read_only(str(path))
        params = {"career": {"person": "Người 7 province-2"}, "indicator-series": {"province": "Tỉnh 3",
                  "indicator": "export_turnover"}, "indicator-by-province": {"indicator": "export_turnover",
                  "period": "2020"}, "document-chain": {"document": "Nghị quyết Đại hội XIII"}, "entity": {"entity": "Người 7 province-2"},
                  "entity-graph": {"entity": "Nghị quyết Đại hội XIII"}, "article": {"article": "a7"},
                  "post-holders": {"organization": "Cơ quan 0"}}
        for q in list_queries():
            text = bind(q, params.get(q.name, {}))
            runs = []
            rows = 0
            for _ in range(3):
                t = time.perf_counter()
                rows = sum(1 for _ in union_query(store, text))
                runs.append(time.perf_counter() - t)
            print(f"query {q.name:24} {statistics.median(runs) * 1000:9.1f} ms  {rows} rows")
        del store

        import httpx

        from vnkg.serve import make_app, make_server

        app = make_app(path, timeout=30)
        server = make_server(app, "127.0.0.1", 0)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_port}"
        try:
            with httpx.Client(base_url=url, timeout=60) as c:
                for label, method in (
                        ("GET /sparql officials", lambda: c.get("/sparql", params={"query": bind(
                            next(q for q in list_queries() if q.name == "officials"), {})})),
                        ("GET person page", lambda: c.get("/person/province-2/person-7")),
                        ("GET province page", lambda: c.get("/province/province-3")),
                        ("GET article page", lambda: c.get("/article/a7")),
                        ("GET much-cited doc page", lambda: c.get("/document/national/nq")),
                        ("GET person turtle", lambda: c.get("/person/province-2/person-7",
                                                            headers={"Accept": "text/turtle"}))):
                    runs = []
                    for _ in range(5):
                        t = time.perf_counter()
                        r = method()
                        runs.append(time.perf_counter() - t)
                        assert r.status_code == 200, (label, r.status_code, r.text[:200])
                    print(f"http  {label:24} {statistics.median(runs) * 1000:9.1f} ms  {len(r.content)} bytes")
        finally:
            server.shutdown()
            app.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
