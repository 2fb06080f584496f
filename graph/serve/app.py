"""The web application of ``vnkg serve``: a read-only SPARQL 1.1 Protocol endpoint, entity pages,
VoID and service descriptions, and a query editor. A plain WSGI callable (standard library
only), served by a threading ``wsgiref`` server.

Routes
  /                      the query editor (saved queries, a text area, results as a table)
  /sparql                SPARQL 1.1 Protocol: GET, POST form-encoded, POST direct; without a
                         query: the SPARQL service description
  /void, /.well-known/void   the VoID description of the dataset
  /api/queries[/NAME]    the saved queries as JSON; one saved query bound with ?param=value
  /static/...            the editor's CSS and JavaScript
  /resource?iri=IRI      the page of any IRI (used for IRIs outside the base)
  /PATH                  the page of <BASE>PATH: HTML for browsers, Turtle / N-Triples / JSON-LD /
                         RDF/XML for linked-data clients (content negotiation, or ?format=)
"""

from __future__ import annotations

import json
import logging
import mimetypes
import os
import shutil
import tempfile
import traceback
from pathlib import Path
from urllib.parse import parse_qs

import pyoxigraph as ox
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..config import DEFAULT_BASE
from ..queries import bind, is_update, list_queries, load_query, query_form, store_base, uses_service
from ..store import PREFIXES, read_store
from .pages import Pages
from .pool import QueryPool
from .results import GRAPH_FORMATS, SOLUTION_FORMATS, format_param, negotiate, write_graph

log = logging.getLogger("vnkg.serve")

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
MAX_BODY = 2 * 1024 * 1024
SD = "http://www.w3.org/ns/sparql-service-description#"
VOID = "http://rdfs.org/ns/void#"
FORMATS_NS = "http://www.w3.org/ns/formats/"
_STATUS = {200: "200 OK", 204: "204 No Content", 303: "303 See Other", 400: "400 Bad Request",
           403: "403 Forbidden", 404: "404 Not Found", 405: "405 Method Not Allowed",
           406: "406 Not Acceptable", 413: "413 Payload Too Large", 415: "415 Unsupported Media Type",
           500: "500 Internal Server Error", 503: "503 Service Unavailable"}
CORS = [("Access-Control-Allow-Origin", "*"),
        ("Access-Control-Allow-Methods", "GET, POST, HEAD, OPTIONS"),
        ("Access-Control-Allow-Headers", "Accept, Content-Type, Authorization"),
        ("Access-Control-Expose-Headers", "Content-Type, X-Vnkg-Results, X-Vnkg-Truncated, X-Vnkg-Result-Limit"),
        ("Access-Control-Max-Age", "86400")]


class HTTPError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


class Request:
    def __init__(self, environ: dict):
        self.environ = environ
        self.method = environ.get("REQUEST_METHOD", "GET").upper()
        raw = environ.get("PATH_INFO", "/") or "/"
        try:  # WSGI hands the path over as latin-1 decoded bytes
            raw = raw.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
        self.path = raw
        self.query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        self.accept = environ.get("HTTP_ACCEPT", "")
        self.content_type = (environ.get("CONTENT_TYPE") or "").split(";")[0].strip().lower()
        host = environ.get("HTTP_HOST") or f"{environ.get('SERVER_NAME', '127.0.0.1')}:{environ.get('SERVER_PORT', '8000')}"
        self.root = f"{environ.get('wsgi.url_scheme', 'http')}://{host}"
        self._body: bytes | None = None

    def body(self) -> bytes:
        if self._body is None:
            try:
                n = int(self.environ.get("CONTENT_LENGTH") or 0)
            except ValueError:
                n = 0
            if n > MAX_BODY:
                raise HTTPError(413, f"request body too large ({n} bytes; at most {MAX_BODY})")
            self._body = self.environ["wsgi.input"].read(n) if n > 0 else b""
        return self._body

    def arg(self, name: str, default: str | None = None) -> str | None:
        vals = self.query.get(name)
        return vals[0] if vals else default


class Response:
    def __init__(self, status: int = 200, body: bytes | str = b"", content_type: str = "text/plain; charset=utf-8",
                 headers: list[tuple[str, str]] | None = None):
        self.status = status
        self.body = body.encode("utf-8") if isinstance(body, str) else body
        self.headers = [("Content-Type", content_type)] + list(headers or [])


def _error(status: int, message: str) -> Response:
    return Response(status, f"Error {status}: {message}\n")


ONTOLOGY_DOC = PREFIXES["vnkg"].rstrip("#")
_SNAPSHOT_PREFIX = ".vnkg-serve-"


def take_snapshot(store, store_path: Path) -> Path | None:
    """A frozen copy of the store for the server (Oxigraph's backup: hard links to the immutable
    files, made next to the store, so it is instant and takes no space). The server and its query
    workers all read the snapshot, so they agree with each other while `vnkg build` writes to the
    store; a new build is served after a restart. None when no snapshot can be made."""
    parent = store_path.resolve().parent
    for old in parent.glob(_SNAPSHOT_PREFIX + "*"):      # left behind by a server that was killed
        try:
            pid = int(old.name[len(_SNAPSHOT_PREFIX):].split("-")[0])
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(old, ignore_errors=True)
        except (ValueError, OSError):
            pass
    try:
        holder = Path(tempfile.mkdtemp(prefix=f"{_SNAPSHOT_PREFIX}{os.getpid()}-", dir=parent))
    except OSError:
        return None
    try:
        store.backup(str(holder / "store"))
    except (OSError, ValueError, RuntimeError) as e:
        log.warning("serving %s directly (no snapshot: %s)", store_path, e)
        shutil.rmtree(holder, ignore_errors=True)
        return None
    return holder / "store"


class VnkgApp:
    """The WSGI application. ``close()`` stops its query workers."""

    def __init__(self, store_path, timeout: float = 10.0, max_results: int = 10000,
                 base: str | None = None, workers: int = 2, snapshot: bool = True):
        self.store_path = Path(store_path)
        self.timeout = float(timeout)
        self.max_results = int(max_results)
        store = read_store(self.store_path)
        self.snapshot = take_snapshot(store, self.store_path) if snapshot else None
        if self.snapshot is not None:
            del store
            store = read_store(self.snapshot)
        self.store = store
        self.store_base = store_base(self.store)
        base = base or self.store_base or DEFAULT_BASE   # the base the store was built with
        self.base = base if base.endswith(("/", "#")) else base + "/"
        self.pages = Pages(self.store, self.base)
        try:
            self.pool = QueryPool(self.snapshot or self.store_path, workers=workers, timeout=self.timeout,
                                  max_results=self.max_results)
        except BaseException:
            self._drop_snapshot()
            raise
        self.jinja = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                                 autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)
        self._void_partitions: list | None = None
        self._counts: tuple[int, int] | None = None

    def counts(self) -> tuple[int, int]:
        """(quads, named graphs) of the store, counted once: the store is a read-only snapshot."""
        if self._counts is None:
            graphs = sum(1 for _ in self.store.named_graphs())
            self._counts = (len(self.store), graphs)
        return self._counts

    def close(self) -> None:
        self.pool.close()
        self._drop_snapshot()

    def _drop_snapshot(self) -> None:
        if self.snapshot is not None:
            shutil.rmtree(self.snapshot.parent, ignore_errors=True)
            self.snapshot = None

    # ------------------------------------------------------------------ WSGI
    def __call__(self, environ, start_response):
        req = Request(environ)
        try:
            resp = self.handle(req)
        except HTTPError as e:
            resp = _error(e.status, e.message)
        except Exception:  # noqa: BLE001 - one bad request must not stop the server
            log.error("error while answering %s %s\n%s", req.method, req.path, traceback.format_exc())
            resp = _error(500, "internal error while answering this request")
        headers = resp.headers + CORS
        if req.method == "HEAD":
            headers.append(("Content-Length", str(len(resp.body))))
            body = b""
        else:
            body = resp.body
            headers.append(("Content-Length", str(len(body))))
        start_response(_STATUS.get(resp.status, f"{resp.status} Status"), headers)
        return [body]

    def handle(self, req: Request) -> Response:
        if req.method == "OPTIONS":
            return Response(204, b"", headers=[("Allow", "GET, POST, HEAD, OPTIONS")])
        path = req.path
        if path == "/sparql":
            return self.sparql(req)
        if req.method not in ("GET", "HEAD"):
            raise HTTPError(405, f"{req.method} is not allowed here; the SPARQL endpoint is /sparql")
        if path == "/":
            return self.home(req)
        if path in ("/void", "/.well-known/void"):
            return self.void(req)
        if path == "/api/queries":
            return self.api_queries(req)
        if path.startswith("/api/queries/"):
            return self.api_query(req, path[len("/api/queries/"):])
        if path.startswith("/static/"):
            return self.static(path[len("/static/"):])
        if path == "/favicon.ico":
            return Response(204, b"")
        if path == "/resource":
            iri = req.arg("iri")
            if not iri:
                raise HTTPError(400, "give the IRI to show: /resource?iri=...")
            return self.entity(req, iri)
        return self.entity(req, self.base + path.lstrip("/"))

    # ------------------------------------------------------------------ pages
    def render(self, template: str, http_status: int = 200, **ctx) -> Response:
        html = self.jinja.get_template(template).render(base=self.base, prefixes=PREFIXES,
                                                        ontology_href=self.pages.href(ONTOLOGY_DOC), **ctx)
        return Response(http_status, html, "text/html; charset=utf-8")

    def home(self, req: Request) -> Response:
        queries = [{"name": q.name, "description": q.description} for q in list_queries()]
        return self.render("home.html", title="vnkg — SPARQL", queries=queries,
                           timeout=self.timeout, max_results=self.max_results)

    def static(self, name: str) -> Response:
        target = (STATIC / name).resolve()
        if STATIC.resolve() not in target.parents or not target.is_file():
            raise HTTPError(404, f"no static file {name}")
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "text/javascript"):
            ctype += "; charset=utf-8"
        return Response(200, target.read_bytes(), ctype, [("Cache-Control", "max-age=300")])

    def entity(self, req: Request, iri: str) -> Response:
        try:
            ox.NamedNode(iri)
        except ValueError:
            raise HTTPError(404, f"not a valid IRI: {iri}") from None
        fmt = req.arg("format")
        _, gfmt = format_param(fmt)
        if fmt and fmt.lower() == "html":
            choice = "text/html"
        elif gfmt:
            choice = gfmt
        else:
            choice = negotiate(req.accept, GRAPH_FORMATS, "text/html", extra=("text/html", "application/xhtml+xml"))
            if choice == "application/xhtml+xml":
                choice = "text/html"
        vary = [("Vary", "Accept")]
        found = self.pages.exists(iri) or bool(self.pages.hash_terms(iri))
        if not found:
            if choice == "text/html":
                r = self.render("error.html", http_status=404, title="Not found", status=404,
                                message=f"The graph says nothing about <{iri}>.")
                r.headers += vary
                return r
            raise HTTPError(404, f"the graph says nothing about <{iri}>")
        if choice != "text/html":
            body = write_graph(choice, self.pages.triples(iri), PREFIXES)
            return Response(200, body, GRAPH_FORMATS[choice][0], vary)
        data = self.pages.describe(iri)
        local = iri.startswith(self.base)
        here = self.pages.href(iri)
        alt = (here + ("&" if "?" in here else "?") + "format=")
        r = self.render("entity.html", title=data["title"], page=data, local=local, alt=alt)
        r.headers += vary
        return r

    # ------------------------------------------------------------------ saved queries API
    def api_queries(self, req: Request) -> Response:
        out = [{"name": q.name, "description": q.description,
                "params": [{"name": k, "default": v, "help": q.param_help.get(k, "")} for k, v in q.params.items()]}
               for q in list_queries()]
        return Response(200, json.dumps(out, ensure_ascii=False), "application/json; charset=utf-8")

    def api_query(self, req: Request, name: str) -> Response:
        name = name[:-3] if name.endswith(".rq") else name
        if "/" in name or "\\" in name:
            raise HTTPError(404, f"unknown query '{name}'")
        try:
            q = load_query(name)
        except ValueError as e:
            raise HTTPError(404, str(e)) from None
        params = {k: v[0] for k, v in req.query.items() if k != "format"}
        try:
            text = bind(q, params)
        except ValueError as e:
            raise HTTPError(400, str(e)) from None
        if req.arg("format") == "json":
            return Response(200, json.dumps({"name": q.name, "description": q.description, "query": text,
                                             "params": q.params}, ensure_ascii=False),
                            "application/json; charset=utf-8")
        return Response(200, text, "application/sparql-query; charset=utf-8")

    # ------------------------------------------------------------------ SPARQL protocol
    def _params(self, req: Request) -> dict[str, list[str]]:
        if req.method in ("GET", "HEAD"):
            return req.query
        if req.method != "POST":
            raise HTTPError(405, f"{req.method} is not allowed on /sparql; use GET or POST")
        ctype = req.content_type
        body = req.body()
        if ctype == "application/x-www-form-urlencoded":
            params = {k: list(v) for k, v in req.query.items()}
            for k, v in parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True).items():
                params.setdefault(k, []).extend(v)
            return params
        if ctype == "application/sparql-query":
            params = {k: list(v) for k, v in req.query.items()}
            params["query"] = [body.decode("utf-8", errors="replace")]
            return params
        if ctype == "application/sparql-update":
            raise HTTPError(403, "this endpoint is read-only: SPARQL updates are refused")
        raise HTTPError(415, f"unsupported content type '{ctype or '(none)'}'; send application/sparql-query "
                             "or application/x-www-form-urlencoded")

    def sparql(self, req: Request) -> Response:
        if req.method == "OPTIONS":
            return Response(204, b"")
        params = self._params(req)
        if "update" in params:
            raise HTTPError(403, "this endpoint is read-only: SPARQL updates are refused")
        queries = params.get("query") or []
        if not queries:
            if req.method == "POST":
                raise HTTPError(400, "missing the 'query' parameter")
            return self.service_description(req)
        if len(queries) > 1:
            raise HTTPError(400, "give exactly one 'query' parameter")
        text = queries[0]
        if not text.strip():
            raise HTTPError(400, "the query is empty")
        if is_update(text):
            raise HTTPError(403, "this endpoint is read-only: SPARQL updates are refused")
        if uses_service(text):
            raise HTTPError(403, "SERVICE is refused: this endpoint never sends requests to other servers")
        fparam = next((params[k][0] for k in ("format", "output", "results") if params.get(k)), None)
        sfmt, gfmt = format_param(fparam)
        html = False
        if not sfmt and not gfmt:
            best = negotiate(req.accept, {}, "", extra=("text/html",))
            html = best == "text/html"
        sfmt = sfmt or ("json" if html else negotiate(req.accept, SOLUTION_FORMATS, "json"))
        gfmt = gfmt or ("turtle" if html else negotiate(req.accept, GRAPH_FORMATS, "turtle"))
        job = {"query": text, "solutions_format": sfmt, "graph_format": gfmt,
               "default_graphs": params.get("default-graph-uri") or [],
               "named_graphs": params.get("named-graph-uri") or []}
        try:
            timeout = float(params["timeout"][0]) if params.get("timeout") else self.timeout
        except ValueError:
            raise HTTPError(400, "timeout must be a number of seconds") from None
        timeout = max(0.001, min(timeout, self.timeout))
        answer = self.pool.execute(job, timeout=timeout)
        if answer.get("status") != 200:
            return _error(answer.get("status", 500), answer.get("error", "the query failed"))
        headers = [("X-Vnkg-Results", str(answer["rows"])), ("X-Vnkg-Result-Limit", str(self.max_results)),
                   ("Vary", "Accept")]
        if answer.get("truncated"):
            headers.append(("X-Vnkg-Truncated", "true"))
        if html:
            return self._html_results(text, answer, headers, query_form(text))
        return Response(200, answer["body"], answer["content_type"], headers)

    def _html_results(self, text: str, answer: dict, headers, form) -> Response:
        ctx = {"query": text, "truncated": answer.get("truncated"), "limit": self.max_results}
        if answer["kind"] == "solutions":
            data = json.loads(answer["body"])
            variables = data["head"]["vars"]
            rows = [[self._cell(b.get(v)) for v in variables] for b in data["results"]["bindings"]]
            ctx.update(variables=variables, rows=rows)
        elif answer["kind"] == "boolean":
            ctx.update(boolean=json.loads(answer["body"])["boolean"])
        else:
            ctx.update(graph=answer["body"].decode("utf-8"))
        r = self.render("results.html", title="Query results", **ctx)
        r.headers += headers
        return r

    def _cell(self, b: dict | None) -> dict:
        if not b:
            return {"text": ""}
        if b["type"] == "uri":
            return {"text": b["value"], "href": self.pages.href(b["value"])}
        return {"text": b["value"]}

    # ------------------------------------------------------------------ descriptions
    def _rdf_response(self, req: Request, triples) -> Response:
        _, gfmt = format_param(req.arg("format"))
        fmt = gfmt or negotiate(req.accept, GRAPH_FORMATS, "turtle")
        prefixes = dict(PREFIXES, sd=SD, void=VOID, formats=FORMATS_NS)
        return Response(200, write_graph(fmt, triples, prefixes), GRAPH_FORMATS[fmt][0], [("Vary", "Accept")])

    def service_description(self, req: Request) -> Response:
        if not req.arg("format") and negotiate(req.accept, GRAPH_FORMATS, "turtle",
                                               extra=("text/html",)) == "text/html":
            return self.home(req)
        N, L, T = ox.NamedNode, ox.Literal, ox.Triple
        a = N(PREFIXES["rdf"] + "type")
        svc = N(req.root + "/sparql")
        dataset = ox.BlankNode("dataset")
        graph = ox.BlankNode("defaultGraph")
        ts = [T(svc, a, N(SD + "Service")), T(svc, N(SD + "endpoint"), svc),
              T(svc, N(SD + "supportedLanguage"), N(SD + "SPARQL11Query")),
              T(svc, N(SD + "feature"), N(SD + "UnionDefaultGraph")),
              T(svc, N(SD + "defaultEntailmentRegime"), N("http://www.w3.org/ns/entailment/Simple")),
              T(svc, N(SD + "defaultDataset"), dataset),
              T(svc, N(PREFIXES["rdfs"] + "comment"),
                L("vnkg: a read-only SPARQL endpoint over a knowledge graph of Vietnamese provincial "
                  f"governance news. The default graph is the union of all named graphs. Updates and "
                  f"SERVICE are refused; each query runs at most {self.timeout:g} s and returns at most "
                  f"{self.max_results} results.", language="en")),
              T(dataset, a, N(SD + "Dataset")), T(dataset, N(SD + "defaultGraph"), graph),
              T(graph, a, N(SD + "Graph")), T(graph, N(VOID + "triples"), L(str(self.counts()[0]),
                                                                            datatype=N(PREFIXES["xsd"] + "integer"))),
              T(dataset, N(PREFIXES["rdfs"] + "seeAlso"), N(req.root + "/void"))]
        for f in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
                  "Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
            ts.append(T(svc, N(SD + "resultFormat"), N(FORMATS_NS + f)))
        return self._rdf_response(req, ts)

    def _partitions(self) -> list:
        if self._void_partitions is None:
            q = "SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c } GROUP BY ?c ORDER BY DESC(?n) LIMIT 200"
            ans = self.pool.execute({"query": q, "solutions_format": "json"})
            parts = []
            if ans.get("status") == 200:
                for b in json.loads(ans["body"])["results"]["bindings"]:
                    if b.get("c", {}).get("type") == "uri":
                        parts.append((b["c"]["value"], int(b["n"]["value"])))
            self._void_partitions = parts
        return self._void_partitions

    def void(self, req: Request) -> Response:
        N, L, T = ox.NamedNode, ox.Literal, ox.Triple
        a = N(PREFIXES["rdf"] + "type")
        xint = N(PREFIXES["xsd"] + "integer")
        ds = N(req.root + "/void#dataset")
        dc = PREFIXES["dcterms"]
        ts = [T(ds, a, N(VOID + "Dataset")),
              T(ds, N(dc + "title"), L("vnkg — Vietnamese provincial governance knowledge graph", language="en")),
              T(ds, N(dc + "description"),
                L("Officials, posts, bodies, resolutions, indicators and events read from Vietnamese "
                  "provincial government news; every fact keeps the sentence it was read from.", language="en")),
              T(ds, N(VOID + "sparqlEndpoint"), N(req.root + "/sparql")),
              T(ds, N(VOID + "uriSpace"), L(self.base)),
              T(ds, N(VOID + "triples"), L(str(self.counts()[0]), datatype=xint)),
              T(ds, N(VOID + "rootResource"), N(ONTOLOGY_DOC)),
              T(ds, N(VOID + "feature"), N(FORMATS_NS + "Turtle")),
              T(ds, N(VOID + "feature"), N(FORMATS_NS + "JSON-LD"))]
        for ns in (PREFIXES["vnkg"], PREFIXES["org"], PREFIXES["foaf"], PREFIXES["skos"], PREFIXES["dcterms"],
                   PREFIXES["qb"], PREFIXES["schema"], PREFIXES["prov"]):
            ts.append(T(ds, N(VOID + "vocabulary"), N(ns)))
        for i, (cls, n) in enumerate(self._partitions()):
            part = ox.BlankNode(f"class{i}")
            ts += [T(ds, N(VOID + "classPartition"), part), T(part, N(VOID + "class"), N(cls)),
                   T(part, N(VOID + "entities"), L(str(n), datatype=xint))]
        ts.append(T(ds, N(VOID + "documents"), L(str(self.counts()[1]), datatype=xint)))
        return self._rdf_response(req, ts)


def make_app(store_path: Path, timeout: float = 10.0, max_results: int = 10000,
             base: str | None = None, workers: int = 2, snapshot: bool = True) -> VnkgApp:
    return VnkgApp(store_path, timeout=timeout, max_results=max_results, base=base, workers=workers,
                   snapshot=snapshot)
