"""The embedded Oxigraph store: one named graph per article, plus ontology and vocabularies.

The store is the only state. Each article graph carries its own ``vnkg:contentHash``, so a
rebuild skips unchanged articles, and a changed article's graph is replaced in a single
SPARQL update (one transaction): readers never see half an article, and a failure leaves the
old graph in place.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pyoxigraph as ox

from .config import ONT

__all__ = ["StoreError", "open_store", "read_store", "article_graphs", "article_hash",
           "replace_graph", "remove_graph", "union_query", "PREFIXES"]

PREFIXES = {
    "vnkg": ONT,
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "qb": "http://purl.org/linked-data/cube#",
    "schema": "http://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
}
_HASH = ox.NamedNode(ONT + "contentHash")
_ARTICLE = ox.NamedNode(ONT + "Article")
_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")


class StoreError(RuntimeError):
    pass


def open_store(path: str | Path, create: bool = True) -> ox.Store:
    """Open the store for writing (one writer at a time)."""
    path = Path(path)
    if not create and not path.exists():
        raise StoreError(f"no store at {path} (run `vnkg build` first, or pass --store)")
    try:
        return ox.Store(str(path))
    except OSError as e:
        msg = str(e)
        if "lock" in msg.lower() or "resource temporarily unavailable" in msg.lower():
            raise StoreError(f"the store at {path} is in use by another vnkg process: {msg}") from None
        raise StoreError(f"cannot open the store at {path}: {msg}") from None


def read_store(path: str | Path) -> ox.Store:
    """Open the store read-only; works while a build writes to it."""
    path = Path(path)
    if not path.exists():
        raise StoreError(f"no store at {path} (run `vnkg build` first, or pass --store)")
    try:
        return ox.Store.read_only(str(path))
    except OSError as e:
        raise StoreError(f"cannot open the store at {path}: {e}") from None


def article_graphs(store: ox.Store) -> dict[str, str]:
    """Article IRI -> document id, for every article in the store."""
    q = ("SELECT ?g ?id WHERE { GRAPH ?g { ?g a <%s> ; <http://purl.org/dc/terms/identifier> ?id } }" % _ARTICLE.value)
    return {row["g"].value: row["id"].value for row in store.query(q)}


def article_hash(store: ox.Store, graph: str) -> str | None:
    g = ox.NamedNode(graph)
    for q in store.quads_for_pattern(g, _HASH, None, g):
        return q.object.value
    return None


def _nt(term) -> str:
    return str(term)


def replace_graph(store: ox.Store, graph: str, triples: Iterable[tuple]) -> int:
    """Replace one named graph atomically; returns the number of triples written."""
    g = f"<{graph}>"
    body = [f"{_nt(s)} {_nt(p)} {_nt(o)} ." for s, p, o in triples]
    update = f"DROP SILENT GRAPH {g} ;\nINSERT DATA {{ GRAPH {g} {{\n" + "\n".join(body) + "\n} }"
    if not body:
        update = f"DROP SILENT GRAPH {g}"
    store.update(update)
    return len(body)


def remove_graph(store: ox.Store, graph: str) -> bool:
    g = ox.NamedNode(graph)
    if not store.contains_named_graph(g):
        return False
    store.remove_graph(g)
    return True


def union_query(store: ox.Store, sparql: str, **kw):
    """Run a query with the union of all named graphs as the default graph."""
    return store.query(sparql, use_default_graph_as_union=True, prefixes=PREFIXES, **kw)
