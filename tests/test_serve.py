"""`vnkg serve`: the SPARQL 1.1 Protocol endpoint, its refusals and limits, the linked-data pages
and the editor, driven over real HTTP (httpx, SPARQLWrapper) and checked in headless Chromium."""

from __future__ import annotations

import concurrent.futures
import csv
import inspect
import io
import re
import shutil
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote

import httpx
import pyoxigraph as ox
import pytest

from conftest import load_trig

from vnkg.serve import make_app, make_server, serve

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "sample.trig"
BASE = "https://w3id.org/vnkg/"
PERSON = "person/thai-binh/hoang-thai-phuc"
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
SRJ = "application/sparql-results+json"


def triples_of(content: bytes, fmt=ox.RdfFormat.TURTLE) -> list:
    return [q.triple for q in ox.parse(content, format=fmt)]


class Running:
    """An app served on a free port of 127.0.0.1 in a background thread."""

    def __init__(self, store: Path, **kw):
        self.app = make_app(store, **kw)
        self.server = make_server(self.app, "127.0.0.1", 0)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_port}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()
        self.app.close()


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    return load_trig(FIXTURE, tmp_path_factory.mktemp("serve") / "store")


@pytest.fixture(scope="module")
def srv(store):
    running = Running(store, timeout=5.0, max_results=100, workers=2)
    yield running
    running.close()


@pytest.fixture(scope="module")
def http(srv):
    with httpx.Client(base_url=srv.url, timeout=30) as client:
        yield client


def sparql_get(http, query, accept=SRJ, **params):
    return http.get("/sparql", params={"query": query, **params}, headers={"Accept": accept})


# ---------------------------------------------------------------------------- protocol

def test_select_get_json(http):
    r = sparql_get(http, "SELECT ?n WHERE { ?p a vnkg:Person ; foaf:name ?n } ORDER BY ?n")
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(SRJ)
    names = [b["n"]["value"] for b in r.json()["results"]["bindings"]]
    assert "Hoàng Thái Phúc" in names and "Lê Thị Hoa" in names
    assert r.headers["access-control-allow-origin"] == "*"


def test_select_xml_csv_tsv_by_accept(http):
    q = 'SELECT ?n ?v WHERE { BIND("Thái Bình" AS ?n) BIND(680.0 AS ?v) }'
    r = sparql_get(http, q, "application/sparql-results+xml")
    assert r.headers["content-type"].startswith("application/sparql-results+xml")
    ns = {"s": "http://www.w3.org/2005/sparql-results#"}
    root = ET.fromstring(r.content)
    assert root.find(".//s:binding[@name='n']/s:literal", ns).text == "Thái Bình"
    r = sparql_get(http, q, "text/csv")
    assert r.headers["content-type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(r.text))) == [["n", "v"], ["Thái Bình", "680"]]
    r = sparql_get(http, q, "text/tab-separated-values")
    assert r.text.splitlines()[0] == "?n\t?v" and '"Thái Bình"' in r.text
    # q-values decide
    r = sparql_get(http, q, "text/csv;q=0.5, application/sparql-results+xml;q=0.9")
    assert r.headers["content-type"].startswith("application/sparql-results+xml")


def test_post_form_and_direct(http):
    q = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a vnkg:Person }"
    r = http.post("/sparql", data={"query": q}, headers={"Accept": SRJ})
    assert r.status_code == 200 and r.json()["results"]["bindings"][0]["n"]["value"] == "5"
    r = http.post("/sparql", content=q.encode("utf-8"),
                  headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert r.status_code == 200 and r.text.splitlines() == ["n", "5"]
    r = http.post("/sparql", content=b"x", headers={"Content-Type": "text/plain"})
    assert r.status_code == 415


def test_construct_and_describe_formats(http):
    q = "CONSTRUCT { ?p foaf:name ?n } WHERE { ?p foaf:name ?n }"
    r = sparql_get(http, q, "text/turtle")
    assert r.headers["content-type"].startswith("text/turtle")
    triples = triples_of(r.content)
    assert ox.Triple(ox.NamedNode(BASE + PERSON), ox.NamedNode("http://xmlns.com/foaf/0.1/name"),
                     ox.Literal("Hoàng Thái Phúc")) in triples
    r = sparql_get(http, q, "application/n-triples")
    assert r.headers["content-type"].startswith("application/n-triples")
    assert len(triples_of(r.content, ox.RdfFormat.N_TRIPLES)) == len(triples)
    r = sparql_get(http, f"DESCRIBE <{BASE}{PERSON}>", "application/ld+json")
    assert r.headers["content-type"].startswith("application/ld+json")
    assert any(node.get("@id") == BASE + PERSON for node in r.json())
    r = sparql_get(http, q, "application/rdf+xml")
    assert len(triples_of(r.content, ox.RdfFormat.RDF_XML)) == len(triples)


def test_ask(http):
    r = sparql_get(http, 'ASK { ?p foaf:name "Lê Thị Hoa" }')
    assert r.json() == {"head": {}, "boolean": True}


def test_named_graph_parameters(http):
    q = "SELECT DISTINCT ?n WHERE { ?p foaf:name ?n }"
    r = sparql_get(http, q, **{"default-graph-uri": BASE + "article/ls-2023"})
    assert {b["n"]["value"] for b in r.json()["results"]["bindings"]} == {"Nguyễn Văn Bình", "Trần Văn Khách"}


def test_updates_are_refused(http):
    before = sparql_get(http, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").json()
    r = http.post("/sparql", data={"update": "DROP ALL"})
    assert r.status_code == 403 and "read-only" in r.text
    r = http.post("/sparql", content=b"CLEAR ALL", headers={"Content-Type": "application/sparql-update"})
    assert r.status_code == 403 and "read-only" in r.text
    r = sparql_get(http, "PREFIX x: <urn:x#> INSERT DATA { x:a x:b x:c }")
    assert r.status_code == 403 and "updates are refused" in r.text
    after = sparql_get(http, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").json()
    assert before == after


def test_service_is_refused_but_the_word_in_a_string_is_not(http):
    r = sparql_get(http, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert r.status_code == 403 and "SERVICE is refused" in r.text
    r = sparql_get(http, 'SELECT ?x WHERE { BIND("SERVICE <http://x>" AS ?x) } # SERVICE')
    assert r.status_code == 200


def test_bad_queries_get_clear_errors(http):
    r = sparql_get(http, "SELEC ?x WHERE {}")
    assert r.status_code == 400 and "invalid SPARQL query" in r.text
    r = http.post("/sparql", content=b"", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert r.status_code == 400 and "missing the 'query' parameter" in r.text
    r = http.get("/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")])
    assert r.status_code == 400


def test_results_are_capped(http, srv):
    r = sparql_get(http, "SELECT * WHERE { ?s ?p ?o }")
    assert len(r.json()["results"]["bindings"]) == 100
    assert r.headers["x-vnkg-truncated"] == "true" and r.headers["x-vnkg-result-limit"] == "100"
    r = sparql_get(http, "CONSTRUCT WHERE { ?s ?p ?o }", "application/n-triples")
    assert len(r.text.strip().splitlines()) == 100 and r.headers["x-vnkg-truncated"] == "true"
    r = sparql_get(http, "SELECT * WHERE { ?s ?p ?o } LIMIT 3")
    assert "x-vnkg-truncated" not in r.headers


def test_cors_preflight(http):
    r = http.request("OPTIONS", "/sparql", headers={"Origin": "http://example.org",
                                                    "Access-Control-Request-Method": "POST",
                                                    "Access-Control-Request-Headers": "content-type"})
    assert r.status_code == 204
    assert r.headers["access-control-allow-origin"] == "*"
    assert "POST" in r.headers["access-control-allow-methods"]
    assert "content-type" in r.headers["access-control-allow-headers"].lower()


def test_time_limit_cancels_a_slow_query_while_others_are_served(store):
    running = Running(store, timeout=1.0, workers=2)
    try:
        with httpx.Client(base_url=running.url, timeout=30) as client:
            slow = {}

            def ask_slow():
                t0 = time.monotonic()
                slow["r"] = client.get("/sparql", params={"query": SLOW})
                slow["t"] = time.monotonic() - t0

            t = threading.Thread(target=ask_slow)
            t.start()
            time.sleep(0.2)
            t0 = time.monotonic()
            fast = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
            assert fast.status_code == 200 and fast.json()["boolean"] is True
            assert time.monotonic() - t0 < 1.0
            assert client.get(f"/{PERSON}").status_code == 200   # pages too
            t.join(20)
            assert slow["r"].status_code == 503
            assert "query exceeded the 1 s time limit and was cancelled" in slow["r"].text
            assert 0.9 < slow["t"] < 5
            # the killed worker is replaced and the server keeps answering
            deadline = time.monotonic() + 15
            while running.app.pool.size() < 2 and time.monotonic() < deadline:
                time.sleep(0.1)
            assert running.app.pool.size() == 2
            for _ in range(3):
                assert client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200
    finally:
        running.close()


def test_service_description_and_void(http, srv):
    r = http.get("/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = triples_of(r.content)
    sd = "http://www.w3.org/ns/sparql-service-description#"
    endpoint = ox.NamedNode(srv.url + "/sparql")
    assert ox.Triple(endpoint, ox.NamedNode(sd + "endpoint"), endpoint) in g
    assert ox.Triple(endpoint, ox.NamedNode(sd + "supportedLanguage"), ox.NamedNode(sd + "SPARQL11Query")) in g
    for path in ("/void", "/.well-known/void"):
        r = http.get(path, headers={"Accept": "text/turtle"})
        assert r.status_code == 200
        g = triples_of(r.content)
        void = "http://rdfs.org/ns/void#"
        assert any(t.predicate.value == void + "sparqlEndpoint" and t.object == endpoint for t in g)
        assert any(t.predicate.value == void + "uriSpace" and t.object.value == BASE for t in g)
        assert any(t.predicate.value == void + "class" and t.object.value == BASE.rstrip("/") + "/ont#Person"
                   for t in g) or any(t.predicate.value == void + "class" for t in g)
    r = http.get("/void", headers={"Accept": "application/ld+json"})
    assert r.headers["content-type"].startswith("application/ld+json") and isinstance(r.json(), list)


# ---------------------------------------------------------------------------- SPARQLWrapper

def test_sparqlwrapper_select_ask_construct(srv):
    pytest.importorskip("SPARQLWrapper")
    from SPARQLWrapper import CSV, JSON, POST, POSTDIRECTLY, TURTLE, XML, SPARQLWrapper

    sw = SPARQLWrapper(srv.url + "/sparql")
    sw.setQuery("PREFIX foaf: <http://xmlns.com/foaf/0.1/> SELECT DISTINCT ?n WHERE { ?p foaf:name ?n } ORDER BY ?n")
    sw.setReturnFormat(JSON)
    names = [b["n"]["value"] for b in sw.queryAndConvert()["results"]["bindings"]]
    assert names[0] == "Hoàng Thái Phúc" and len(names) == 5
    sw.setMethod(POST)
    assert len(sw.queryAndConvert()["results"]["bindings"]) == 5
    sw.setRequestMethod(POSTDIRECTLY)
    assert len(sw.queryAndConvert()["results"]["bindings"]) == 5
    sw.setReturnFormat(XML)
    doc = sw.queryAndConvert()
    assert len(doc.getElementsByTagName("result")) == 5
    sw.setReturnFormat(CSV)
    assert sw.queryAndConvert().decode("utf-8").splitlines()[1] == "Hoàng Thái Phúc"

    sw = SPARQLWrapper(srv.url + "/sparql")
    sw.setQuery('ASK { ?p <http://xmlns.com/foaf/0.1/name> "Lê Thị Hoa" }')
    sw.setReturnFormat(JSON)
    assert sw.queryAndConvert()["boolean"] is True

    sw.setQuery(f"CONSTRUCT WHERE {{ <{BASE}{PERSON}> ?p ?o }}")
    sw.setReturnFormat(TURTLE)
    data = sw.queryAndConvert()
    assert "Hoàng Thái Phúc" in data.decode("utf-8")
    sw.setReturnFormat(XML)  # RDF/XML for graphs, converted by rdflib
    graph = sw.queryAndConvert()
    assert len(graph) > 5


def test_sparqlwrapper_update_is_refused(srv):
    pytest.importorskip("SPARQLWrapper")
    from SPARQLWrapper import POST, SPARQLWrapper

    sw = SPARQLWrapper(srv.url + "/sparql")
    sw.setMethod(POST)
    sw.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(Exception) as err:
        sw.query()
    assert "403" in str(err.value) or "Forbidden" in str(err.value) or "read-only" in str(err.value)


# ---------------------------------------------------------------------------- linked data

def minted_iris(store: Path) -> list[str]:
    s = ox.Store.read_only(str(store))
    found = set()
    for q in s:
        for t in (q.subject, q.object, q.graph_name):
            if isinstance(t, ox.NamedNode) and t.value.startswith(BASE):
                found.add(t.value)
    return sorted(found)


def test_every_minted_iri_dereferences(http, store):
    iris = minted_iris(store)
    assert len(iris) > 40
    assert BASE + "ont#Person" in iris
    for iri in sorted({i.split("#")[0] for i in iris}):   # a hash IRI dereferences to its document
        path = "/" + quote(iri[len(BASE):], safe="/#")
        r = http.get(path, headers={"Accept": "text/html"})
        assert r.status_code == 200, iri
        assert r.headers["content-type"].startswith("text/html")
        r = http.get(path, headers={"Accept": "text/turtle"})
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle"), iri
        terms = {x.value for t in triples_of(r.content) for x in (t.subject, t.object)
                 if isinstance(x, ox.NamedNode)}
        assert iri in terms, iri


def test_entity_page_html(http):
    r = http.get(f"/{PERSON}", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    html = r.text
    assert r.status_code == 200 and "Vary" in r.headers or "vary" in r.headers
    assert "<h1>Hoàng Thái Phúc</h1>" in html
    assert "Đoàn giám sát của Tỉnh ủy Thái Bình do đồng chí Hoàng Thái Phúc" in html    # evidence
    assert 'href="/article/tb-2022"' in html and 'href="/article/tb-2023"' in html     # the articles
    assert 'href="/province/thai-binh"' in html                                           # statements link locally
    assert "Hoàng Thái Phú" in html and "fuzzy-name" in html                              # merged mentions
    assert 'href="/event/tb-2022/1"' in html                                              # pointing here
    assert 'href="https://w3id.org/vnkg/' not in html                                     # no link leaves the server


def test_entity_content_negotiation(http):
    r = http.get(f"/{PERSON}", headers={"Accept": "application/ld+json"})
    assert r.headers["content-type"].startswith("application/ld+json")
    assert any(n.get("@id") == BASE + PERSON for n in r.json())
    r = http.get(f"/{PERSON}", headers={"Accept": "application/n-triples"})
    assert r.headers["content-type"].startswith("application/n-triples")
    r = http.get(f"/{PERSON}?format=turtle", headers={"Accept": "text/html"})
    assert r.headers["content-type"].startswith("text/turtle")
    triples = triples_of(r.content)
    assert any(t.predicate.value.endswith("#evidence") for t in triples)
    assert any(t.predicate.value.endswith("#surfaceForm") for t in triples)   # blank-node mentions
    assert any(t.predicate.value == "http://www.w3.org/ns/org#member" for t in triples)  # incoming


def test_article_page_lists_what_was_read(http):
    html = http.get("/article/tb-2022").text
    assert "Read from this article" in html
    for path in ("/person/thai-binh/hoang-thai-phuc", "/document/thai-binh/02-ctr-tu", "/event/tb-2022/1",
                 "/observation/tb-2022/1"):
        assert f'href="{path}"' in html
    assert 'href="https://example.org/thaibinh/2022-giam-sat"' in html   # the source, outside
    r = http.get("/article/tb-2022", headers={"Accept": "text/turtle"})
    subjects = {t.subject.value for t in ox.parse(r.content, format=ox.RdfFormat.TURTLE)}
    assert BASE + "document/thai-binh/02-cthd-ubnd" in subjects


def test_ontology_hash_terms_and_external_iris(http):
    html = http.get("/ont").text
    assert 'id="Person"' in html and 'id="evidence"' in html
    r = http.get("/resource", params={"iri": "http://www.w3.org/ns/org#Membership"})
    assert r.status_code == 200 and "membership/tb-2021/dang-van-minh/giam-doc" in r.text


def test_unknown_pages_are_404(http):
    r = http.get("/person/nowhere/nobody", headers={"Accept": "text/html"})
    assert r.status_code == 404 and "says nothing about" in r.text
    assert http.get("/person/nowhere/nobody", headers={"Accept": "text/turtle"}).status_code == 404
    assert http.get("/static/../app.py").status_code == 404
    assert http.delete(f"/{PERSON}").status_code == 405


def test_home_page_editor_without_cdn(http):
    html = http.get("/").text
    assert '<textarea id="query"' in html and '<select id="saved">' in html
    for name in ("officials", "career", "post-holders", "province-summary"):
        assert f'value="{name}"' in html
    for tag in re.findall(r"<(?:script|link|img)\b[^>]*>", html):
        assert "http:" not in tag and "https:" not in tag and "//" not in tag.split("=", 1)[-1][:3], tag
    js = http.get("/static/app.js")
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    assert "http://" not in js.text and "https://" not in js.text
    css = http.get("/static/style.css")
    assert css.status_code == 200 and "@import" not in css.text and "url(" not in css.text


def test_saved_query_api(http):
    listing = http.get("/api/queries").json()
    career = next(q for q in listing if q["name"] == "career")
    assert career["params"][0]["name"] == "person" and career["params"][0]["default"] == "Hoàng Thái Phúc"
    text = http.get("/api/queries/career", params={"person": 'x" } #'}).text
    assert '"x\\" } #"' in text
    assert http.get("/api/queries/career", params={"who": "x"}).status_code == 400
    assert http.get("/api/queries/nope").status_code == 404


def test_browser_gets_html_results_from_the_endpoint(http):
    r = sparql_get(http, "SELECT ?n WHERE { ?p foaf:name ?n }", "text/html,application/xhtml+xml,*/*;q=0.8")
    assert r.headers["content-type"].startswith("text/html")
    assert "<table" in r.text and "Lê Thị Hoa" in r.text
    r = http.get("/sparql", headers={"Accept": "text/html"})
    assert '<textarea id="query"' in r.text


def test_serve_binds_localhost_by_default_and_runs(store, tmp_path):
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    code = ("import sys; from pathlib import Path; from vnkg.serve import serve; "
            "serve(Path(sys.argv[1]), port=0, timeout=2)")
    proc = subprocess.Popen([sys.executable, "-c", code, str(store)], stderr=subprocess.PIPE, text=True)
    try:
        line = proc.stderr.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert m, line
        r = httpx.get(f"http://127.0.0.1:{m.group(1)}/sparql", params={"query": "ASK {}"}, timeout=10)
        assert r.status_code == 200
    finally:
        proc.terminate()
        proc.wait(10)


# ---------------------------------------------------------------------------- headless Chromium

def chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    for path in ("/usr/bin/chromium", "/usr/lib/chromium/chromium", "/snap/bin/chromium"):
        if Path(path).exists():
            return path
    return None


def dump_dom(binary: str, url: str, profile: Path) -> tuple[str, str]:
    cmd = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
           f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
           "--virtual-time-budget=8000", "--dump-dom", url]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=90)
    return proc.stdout, proc.stderr


@pytest.fixture(scope="module")
def pages(srv, tmp_path_factory):
    binary = chromium()
    if not binary:
        pytest.skip("no Chromium binary (apt-get install chromium)")
    urls = {
        "officials": "/?query=officials&run=1",
        "career": "/?query=career&person=L%C3%AA%20Th%E1%BB%8B%20Hoa&run=1",
        "error": "/?sparql=SELEC%20%3Fx&run=1",
        "construct": "/?sparql=" + quote(f"DESCRIBE <{BASE}province/lang-son>") + "&run=1",
        "person": f"/{PERSON}",
        "article": "/article/tb-2022",
        "ontology": "/ont",
        "missing": "/person/nowhere/nobody",
        "results": "/sparql?query=" + quote("SELECT ?n WHERE { ?p foaf:name ?n }"),
        "void": "/void?format=turtle",
    }
    root = tmp_path_factory.mktemp("chromium")
    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        futures = {k: pool.submit(dump_dom, binary, srv.url + u, root / k) for k, u in urls.items()}
        return {k: f.result() for k, f in futures.items()}


def no_js_errors(stderr: str) -> bool:
    return "Uncaught" not in stderr


def test_browser_home_runs_a_saved_query(pages):
    dom, log = pages["officials"]
    assert 'data-ready="true"' in dom
    assert '<table class="results">' in dom
    assert "Hoàng Thái Phúc" in dom and "Nguyễn Văn Bình" in dom
    assert re.search(r'id="status"[^>]*>\d+ rows in \d+ ms', dom)
    assert 'href="/person/thai-binh/hoang-thai-phuc"' in dom
    assert no_js_errors(log), log


def test_browser_home_binds_parameters_from_the_url(pages):
    dom, log = pages["career"]
    assert 'value="Lê Thị Hoa"' in dom or "Lê Thị Hoa" in dom
    assert "Giám đốc" in dom and "Sở Công Thương (Thái Bình)" in dom
    assert "Trưởng ban" not in dom.split('id="results"')[1]
    assert no_js_errors(log), log


def test_browser_home_shows_errors_and_graphs(pages):
    dom, _ = pages["error"]
    m = re.search(r'<div id="error" class="error"( hidden="")?>([^<]*)</div>', dom)
    assert m and m.group(1) is None and "invalid SPARQL query" in m.group(2)
    dom, log = pages["construct"]
    assert "<pre class=\"graph\">" in dom and "Lạng Sơn" in dom
    assert no_js_errors(log), log


def test_browser_entity_pages(pages):
    dom, _ = pages["person"]
    assert "<h1>Hoàng Thái Phúc</h1>" in dom and 'id="evidence"' in dom
    assert "Đoàn giám sát của Tỉnh ủy Thái Bình" in dom
    dom, _ = pages["article"]
    assert "Read from this article" in dom and "Chương trình hành động số 02-CTr/TU" in dom
    dom, _ = pages["ontology"]
    assert 'id="Person"' in dom
    dom, _ = pages["missing"]
    assert "404" in dom and "says nothing about" in dom


def test_browser_endpoint_pages(pages):
    dom, _ = pages["results"]
    assert "<table" in dom and "Lê Thị Hoa" in dom
    dom, _ = pages["void"]
    assert "void:sparqlEndpoint" in dom


# ---------------------------------------------------------------------------- the seed store

@pytest.fixture(scope="module")
def seed_srv(tmp_path_factory):
    pytest.importorskip("vnkg.cli")
    path = tmp_path_factory.mktemp("serve-seeds") / "store"
    proc = subprocess.run([sys.executable, "-c", "from vnkg.cli import main; main()", "build",
                           str(Path(__file__).resolve().parent.parent / "seeds"), "--store", str(path)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    running = Running(path, timeout=5.0, workers=1)
    yield running
    running.close()


def test_every_iri_of_the_seed_store_dereferences(seed_srv):
    s = ox.Store.read_only(str(Path(seed_srv.app.store_path)))
    iris = sorted({t.value.split("#")[0] for q in s for t in (q.subject, q.object, q.graph_name)
                   if isinstance(t, ox.NamedNode) and t.value.startswith(BASE)})   # ont#X -> one page
    del s
    assert len(iris) > 100
    with httpx.Client(base_url=seed_srv.url, timeout=30) as client:
        for i, iri in enumerate(iris):
            path = "/" + quote(iri[len(BASE):], safe="/#")
            r = client.get(path, headers={"Accept": "text/html"})
            assert r.status_code == 200 and "<h1>" in r.text, iri
            if i % 10 == 0 and "#" not in iri:
                r = client.get(path, headers={"Accept": "text/turtle"})
                assert r.status_code == 200 and triples_of(r.content), iri
        html = client.get("/person/thai-binh/hoang-thai-phuc").text
        assert "Trưởng ban Nội chính Tỉnh ủy" in html and "Hoàng Thái Phú" in html
        r = client.get("/sparql", params={"query": "SELECT ?n WHERE { ?p foaf:name ?n }"},
                       headers={"Accept": "text/csv"})
        assert "Trần Thanh Liêm" in r.text


# ---------------------------------------------------------------------------- review of issue 6

SEED_TB = Path(__file__).resolve().parent.parent / "seeds" / "001_5af82fdcd23b882e.txt"
SEED_LS = Path(__file__).resolve().parent.parent / "seeds" / "002_3bd8d15fc88bcb7d.txt"


def built(path: Path, *inputs: Path, base: str | None = None) -> Path:
    from vnkg.build import build
    from vnkg.config import Config

    summary = build([str(i) for i in inputs], Config.resolve(path, base))
    assert not summary.failed
    return path


def test_a_store_with_its_own_base_is_served_under_that_base(tmp_path):
    """`vnkg build --base B` then `vnkg serve` (no --base): pages, links and the editor use B."""
    kg = "https://example.org/kg/"
    store = built(tmp_path / "store", SEED_TB, base=kg)
    running = Running(store, timeout=5.0, workers=1)
    try:
        assert running.app.base == kg
        with httpx.Client(base_url=running.url, timeout=30) as c:
            r = c.get("/person/thai-binh/hoang-thai-phuc", headers={"Accept": "text/html"})
            assert r.status_code == 200 and "<h1>Hoàng Thái Phúc</h1>" in r.text
            assert 'href="/province/thai-binh"' in r.text
            r = c.get("/person/thai-binh/hoang-thai-phuc", headers={"Accept": "text/turtle"})
            assert kg + "person/thai-binh/hoang-thai-phuc" in {t.subject.value for t in triples_of(r.content)}
            ont = re.search(r'<a href="([^"]+)">Ontology</a>', c.get("/").text).group(1)
            r = c.get(ont)                    # the vnkg: ontology stays at w3id.org, outside the base
            assert r.status_code == 200 and 'id="Person"' in r.text
            assert 'data-base="https://example.org/kg/"' in c.get("/").text
            g = triples_of(c.get("/void", headers={"Accept": "text/turtle"}).content)
            root = next(t.object.value for t in g if t.predicate.value.endswith("#rootResource"))
            assert c.get("/resource", params={"iri": root}).status_code == 200
            # a saved query given a relative IRI, run through the endpoint
            text = c.get("/api/queries/entity", params={"entity": "person/thai-binh/hoang-thai-phuc"}).text
            rows = sparql_get(c, text).json()["results"]["bindings"]
            assert rows and {b["entity"]["value"] for b in rows} == {kg + "person/thai-binh/hoang-thai-phuc"}
    finally:
        running.close()


def test_a_build_while_serving_does_not_split_the_answers(tmp_path):
    """The server reads a snapshot: a `vnkg build` meanwhile succeeds, and every answer (whichever
    worker gives it, a worker restarted after a time-out included) is the store as it was."""
    store = built(tmp_path / "store", SEED_TB)
    running = Running(store, timeout=1.0, workers=2)
    count = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    try:
        snapshot = running.app.snapshot
        assert snapshot is not None and snapshot.is_dir()
        with httpx.Client(base_url=running.url, timeout=30) as c:
            before = sparql_get(c, count).json()["results"]["bindings"][0]["n"]["value"]
            built(store, SEED_LS)                                  # the writer is not locked out
            assert c.get("/sparql", params={"query": SLOW}).status_code == 503   # a worker is replaced
            deadline = time.monotonic() + 15
            while running.app.pool.size() < 2 and time.monotonic() < deadline:
                time.sleep(0.1)
            answers = {sparql_get(c, count).json()["results"]["bindings"][0]["n"]["value"] for _ in range(6)}
            assert answers == {before}
            assert c.get("/article/002_3bd8d15fc88bcb7d").status_code == 404   # until a restart
    finally:
        running.close()
    assert not snapshot.parent.exists()                           # the snapshot goes with the server
    again = Running(store, timeout=5.0, workers=1)
    try:
        with httpx.Client(base_url=again.url, timeout=30) as c:
            assert c.get("/article/002_3bd8d15fc88bcb7d").status_code == 200
    finally:
        again.close()


def test_a_quick_query_is_answered_while_every_worker_runs_a_slow_one(store):
    running = Running(store, timeout=3.0, workers=1)
    try:
        with httpx.Client(base_url=running.url, timeout=30) as c:
            slow = [threading.Thread(target=c.get, args=("/sparql",), kwargs={"params": {"query": SLOW}})
                    for _ in range(2)]
            for t in slow:
                t.start()
            time.sleep(0.3)
            t0 = time.monotonic()
            r = c.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
            assert r.status_code == 200 and time.monotonic() - t0 < 2.0
            for t in slow:
                t.join(20)
    finally:
        running.close()


def test_serve_command_errors_are_one_line(store):
    import socket

    cmd = [sys.executable, "-c", "from vnkg.cli import main; main()", "serve", "--store", str(store)]
    snapshots = set(store.parent.glob(".vnkg-serve-*"))     # those of the servers of this module
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        proc = subprocess.run(cmd + ["--port", str(taken.getsockname()[1])], capture_output=True, text=True,
                              timeout=60)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "cannot listen on 127.0.0.1" in proc.stderr and "pick another --port" in proc.stderr
    assert set(store.parent.glob(".vnkg-serve-*")) == snapshots   # its own snapshot was dropped
    proc = subprocess.run(cmd + ["--max-results", "0"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
