"""The `vnkg` command: one subcommand = one small function calling the stages.

Exit codes: 0 success, 1 some inputs failed (the rest was processed), 2 usage error.
Errors are one line on stderr; `--debug` shows the traceback.
"""

from __future__ import annotations

import json
import sys
import traceback
from pathlib import Path
from typing import List, Optional

import typer

from .config import Config

app = typer.Typer(add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  help="vnkg: a knowledge graph of Vietnamese provincial governance, read from news articles.")
STATE = {"debug": False}

StoreOpt = typer.Option(None, "--store", help="store folder (default ./vnkg-store, or $VNKG_STORE)")
BaseOpt = typer.Option(None, "--base", help="base IRI for minted resources (default https://w3id.org/vnkg/, or $VNKG_BASE)")


def fail(message: str, code: int = 1) -> None:
    typer.echo(f"vnkg: {message}", err=True)
    raise typer.Exit(code)


def guarded(fn):
    """Turn unexpected exceptions into one clear line (traceback with --debug)."""
    import functools

    @functools.wraps(fn)
    def wrapper(*a, **kw):
        try:
            return fn(*a, **kw)
        except (typer.Exit, typer.Abort, SystemExit):
            raise
        except Exception as e:
            if STATE["debug"]:
                traceback.print_exc()
            from .store import StoreError
            code = 1
            if isinstance(e, (ValueError, FileNotFoundError, StoreError)):
                code = 2 if isinstance(e, ValueError) else 1
            fail(f"{e}" if isinstance(e, (StoreError, ValueError, FileNotFoundError)) else f"{type(e).__name__}: {e}", code)
    return wrapper


@app.callback()
def main_options(debug: bool = typer.Option(False, "--debug", help="show tracebacks")):
    STATE["debug"] = debug


@app.command()
@guarded
def build(inputs: Optional[List[str]] = typer.Argument(None, help="files or folders (.txt .html .htm .jsonl .ndjson); seeds/ when none"),
          store: Optional[str] = StoreOpt, base: Optional[str] = BaseOpt,
          jobs: int = typer.Option(1, "--jobs", "-j", min=1, help="worker processes for extraction")):
    """Ingest, extract and write the graph into the store (one named graph per article)."""
    from rich.console import Console
    from rich.table import Table

    from .build import build as run_build

    cfg = Config.resolve(store, base)
    paths = inputs or ["seeds"]
    summary = run_build(paths, cfg, jobs=jobs)
    err = Console(stderr=True)
    for r in summary.failed:
        err.print(f"vnkg: {r}", markup=False, highlight=False)
    for w in summary.warnings:
        err.print(f"vnkg: warning: {w}", markup=False, highlight=False)
    out = Console()
    table = Table(title=f"vnkg build -> {cfg.store}", show_header=False)
    table.add_row("documents read", str(summary.read))
    table.add_row("written / unchanged", f"{summary.written} / {summary.unchanged}")
    table.add_row("failed", str(len(summary.failed)))
    table.add_row("triples (articles)", str(summary.triples))
    for k in ("persons", "posts", "organizations", "documents", "indicators", "events"):
        table.add_row(k, str(summary.entities.get(k, 0)))
    out.print(table)
    out.print(f"Store: {cfg.store.resolve()}  — try `vnkg stats`, `vnkg queries`, `vnkg export --format turtle`.")
    if summary.failed:
        raise typer.Exit(1)


@app.command()
@guarded
def remove(ids: List[str] = typer.Argument(..., help="document ids to drop from the store"),
           store: Optional[str] = StoreOpt, base: Optional[str] = BaseOpt):
    """Drop articles (their named graphs) from the store."""
    from .store import article_graphs, open_store, remove_graph

    cfg = Config.resolve(store, base)
    st = open_store(cfg.store, create=False)
    by_id = {v: k for k, v in article_graphs(st).items()}
    missing = 0
    for i in ids:
        g = by_id.get(i)
        if g is None:
            typer.echo(f"vnkg: no article with id '{i}' in {cfg.store}", err=True)
            missing += 1
            continue
        remove_graph(st, g)
        typer.echo(f"removed {i}")
    st.flush()
    if missing:
        raise typer.Exit(1)


@app.command()
@guarded
def stats(store: Optional[str] = StoreOpt,
          network: bool = typer.Option(False, "--network", help="network analytics: central officials and bodies, components"),
          as_json: bool = typer.Option(False, "--json", help="print JSON")):
    """Counts of articles, quads and entities by kind."""
    from rich.console import Console
    from rich.table import Table

    from .store import read_store, union_query

    cfg = Config.resolve(store)
    st = read_store(cfg.store)
    if network:
        from .network import network_stats, print_network_stats
        if as_json:
            typer.echo(json.dumps(network_stats(st), ensure_ascii=False, indent=2))
        else:
            print_network_stats(st)
        return
    counts = {"articles": "vnkg:Article", "persons": "vnkg:Person", "posts": "org:Membership",
              "party committees": "vnkg:PartyCommittee", "party boards": "vnkg:PartyBoard",
              "state agencies": "vnkg:StateAgency", "delegations": "vnkg:Delegation",
              "other organisations": "vnkg:OtherOrganization",
              "documents": "?dt", "indicator figures": "vnkg:IndicatorObservation", "events": "?et"}
    result = {"quads": sum(1 for _ in st.quads_for_pattern(None, None, None, None)),
              "named graphs": sum(1 for _ in st.named_graphs())}
    for label, cls in counts.items():
        if cls == "?dt":
            q = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?t VALUES ?t { vnkg:Resolution vnkg:ActionProgramme vnkg:Programme vnkg:Directive vnkg:Plan vnkg:Decision vnkg:Conclusion } }"
        elif cls == "?et":
            q = "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?t VALUES ?t { vnkg:Inspection vnkg:Supervision vnkg:WorkingSession vnkg:Conference } }"
        else:
            q = f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {cls} }}"
        result[label] = int(next(iter(union_query(st, q)))["n"].value)
    if as_json:
        typer.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    table = Table(title=f"vnkg store {cfg.store}")
    table.add_column("what")
    table.add_column("count", justify="right")
    for k, v in result.items():
        table.add_row(k, str(v))
    Console().print(table)


@app.command()
@guarded
def export(fmt: str = typer.Option(..., "--format", "-f", help="turtle|ntriples|nquads|trig|jsonld|rdfxml|graphml|gexf"),
           output: Optional[Path] = typer.Option(None, "-o", "--output", help="file to write (stdout when omitted)"),
           store: Optional[str] = StoreOpt):
    """The whole store as linked data (quad formats keep the named graphs), or the network for Gephi."""
    from .export import EXPORTERS, export as run_export
    from .store import read_store

    fmt = fmt.lower()
    if fmt not in EXPORTERS and fmt not in ("graphml", "gexf"):
        fail(f"unknown format '{fmt}' (one of {', '.join(sorted(list(EXPORTERS) + ['graphml', 'gexf']))})", 2)
    cfg = Config.resolve(store)
    st = read_store(cfg.store)
    if fmt in ("graphml", "gexf"):
        from .network import write_graph_file
        if output is None:
            fail(f"--format {fmt} needs -o FILE", 2)
        n = write_graph_file(st, output, fmt)
        typer.echo(f"wrote {n} nodes to {output}", err=True)
        return
    n = run_export(st, fmt, output, sys.stdout.buffer)
    if output is not None:
        typer.echo(f"wrote {n} statements to {output}", err=True)


@app.command()
@guarded
def validate(store: Optional[str] = StoreOpt):
    """SHACL validation of the store against ontology/shapes.ttl."""
    from .store import read_store
    from .validate import validate_store

    cfg = Config.resolve(store)
    res = validate_store(read_store(cfg.store))
    if res.conforms:
        typer.echo(f"The store at {cfg.store} conforms to the SHACL shapes.")
        return
    typer.echo(f"The store at {cfg.store} does NOT conform: {res.violations} problem(s).")
    typer.echo(res.report)
    raise typer.Exit(1)


@app.command()
@guarded
def evaluate(gold: Path = typer.Option(..., "--gold", help="folder of gold JSON files (ANNOTATION.md)"),
             store: Optional[str] = StoreOpt,
             details: bool = typer.Option(True, "--details/--no-details", help="per document: what was missed and what was extra"),
             as_json: bool = typer.Option(False, "--json", help="print JSON")):
    """Precision / recall / F1 of the store against gold files."""
    from rich.console import Console
    from rich.table import Table

    from .evaluate import evaluate as run_eval
    from .store import read_store

    cfg = Config.resolve(store)
    if not gold.is_dir():
        fail(f"no gold folder at {gold}", 2)
    ev = run_eval(read_store(cfg.store), gold)
    if as_json:
        typer.echo(json.dumps(ev.as_dict(), ensure_ascii=False, indent=2))
        return
    con = Console()
    if details:
        for doc_id, d in ev.per_document.items():
            if not d:
                continue
            con.print(f"[bold]{doc_id}[/bold]")
            for k, v in d.items():
                if k in ("province", "date"):
                    con.print(f"  {k}: gold {v['gold']!r}, found {v['found']!r}", markup=False)
                    continue
                for x in v["missed"]:
                    con.print(f"  {k} missed: {x}", markup=False)
                for x in v["extra"]:
                    con.print(f"  {k} extra:  {x}", markup=False)
    table = Table(title=f"vnkg evaluate: {ev.documents} documents against {gold}")
    for c in ("kind", "precision", "recall", "F1", "tp", "fp", "fn"):
        table.add_column(c, justify="right" if c != "kind" else "left")
    for k, s in ev.kinds.items():
        table.add_row(k, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.tp), str(s.fp), str(s.fn))
    m = ev.micro
    table.add_row("micro", f"{m.precision:.3f}", f"{m.recall:.3f}", f"{m.f1:.3f}", str(m.tp), str(m.fp), str(m.fn))
    con.print(table)
    if ev.documents:
        con.print(f"province accuracy {ev.province_ok / ev.documents:.3f}   date accuracy {ev.date_ok / ev.documents:.3f}")
    if ev.missing_articles:
        con.print(f"{len(ev.missing_articles)} gold documents are not in the store (not scored): "
                  + ", ".join(ev.missing_articles[:10]), markup=False)


@app.command()
@guarded
def queries():
    """List the saved queries, each with its one-line description."""
    from .queries import list_queries

    for q in list_queries():
        params = ", ".join(f"{k}={v}" for k, v in q.params.items())
        typer.echo(f"{q.name:28} {q.description}" + (f"  [{params}]" if params else ""))


@app.command()
@guarded
def query(target: Optional[str] = typer.Argument(None, help="a saved query name or a .rq file"),
          inline: Optional[str] = typer.Option(None, "-e", help="inline SPARQL"),
          param: Optional[List[str]] = typer.Option(None, "--param", "-p", help="key=value (repeatable)"),
          fmt: str = typer.Option("table", "--format", "-f", help="table|csv|tsv|json (turtle|jsonld for graphs)"),
          store: Optional[str] = StoreOpt):
    """Run a saved query, a query file or inline SPARQL over the store."""
    from .queries import run_query_cli

    if not target and not inline:
        fail("give a saved query name, a .rq file, or -e SPARQL", 2)
    cfg = Config.resolve(store)
    code = run_query_cli(cfg.store, target, inline, list(param or []), fmt)
    raise typer.Exit(code)


@app.command()
@guarded
def serve(host: str = typer.Option("127.0.0.1", "--host"), port: int = typer.Option(8000, "--port", min=0, max=65535),
          timeout: float = typer.Option(10.0, "--timeout", min=0.001, help="seconds before a query is cancelled"),
          max_results: int = typer.Option(10000, "--max-results", min=1, help="rows returned at most"),
          store: Optional[str] = StoreOpt,
          base: Optional[str] = typer.Option(None, "--base", help="base IRI of the pages (default: the one the store was built with, or $VNKG_BASE)")):
    """A read-only SPARQL 1.1 endpoint at /sparql and browsable pages for every entity."""
    import os

    from .serve import ServeError, serve as run_serve

    cfg = Config.resolve(store, base)
    explicit = base or os.environ.get("VNKG_BASE")
    try:
        run_serve(cfg.store, host=host, port=port, timeout=timeout, max_results=max_results,
                  base=cfg.base if explicit else None)
    except ServeError as e:
        fail(str(e), 1)


@app.command()
@guarded
def viz(output: Path = typer.Option(Path("vnkg-graph.html"), "-o", "--output"),
        focus: Optional[str] = typer.Option(None, "--focus", help="name or IRI of an official or body"),
        depth: int = typer.Option(2, "--depth"),
        province: Optional[str] = typer.Option(None, "--province"),
        kinds: Optional[List[str]] = typer.Option(None, "--kinds", help="kinds to keep (repeatable)"),
        max_nodes: int = typer.Option(500, "--max-nodes"),
        store: Optional[str] = StoreOpt):
    """An interactive network of the graph (pyvis), openable offline."""
    from .viz import write_viz

    cfg = Config.resolve(store)
    res = write_viz(cfg.store, output, focus=focus, depth=depth, province=province, kinds=list(kinds or []) or None,
                    max_nodes=max_nodes)
    typer.echo(f"wrote {res.path} ({res.nodes} nodes, {res.edges} edges)")


@app.command()
@guarded
def report(output: Path = typer.Option(Path("vnkg-report"), "-o", "--output"),
           province: Optional[str] = typer.Option(None, "--province"),
           store: Optional[str] = StoreOpt):
    """Offline pages per province: officials, events on a timeline, indicators against targets."""
    from .report import write_reports

    cfg = Config.resolve(store)
    paths = write_reports(cfg.store, output, province=province)
    for p in paths:
        typer.echo(f"wrote {p}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
