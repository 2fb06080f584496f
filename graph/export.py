"""The whole store as linked data, in formats registered by name.

Quad formats (N-Quads, TriG, JSON-LD) keep the named graphs; triple formats (Turtle,
N-Triples, RDF/XML) write the union of all graphs. JSON-LD is compacted with
``ontology/context.jsonld``. Network formats (GraphML, GEXF) write the typed network.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Callable, IO

import pyoxigraph as ox

from .resources import ontology_dir
from .store import PREFIXES

Exporter = Callable[[ox.Store, IO[bytes]], int]
EXPORTERS: dict[str, Exporter] = {}
EXTENSIONS: dict[str, str] = {}


def exporter(name: str, ext: str):
    def register(fn: Exporter) -> Exporter:
        EXPORTERS[name] = fn
        EXTENSIONS[name] = ext
        return fn
    return register


def _dump_quads(store: ox.Store, out: IO[bytes], fmt: ox.RdfFormat) -> int:
    n = sum(1 for _ in store.quads_for_pattern(None, None, None, None))
    store.dump(out, format=fmt, prefixes=PREFIXES if fmt in (ox.RdfFormat.TRIG,) else None)
    return n


def _union_triples(store: ox.Store) -> list[ox.Triple]:
    return list(dict.fromkeys(ox.Triple(q.subject, q.predicate, q.object)
                              for q in store.quads_for_pattern(None, None, None, None)))


def _dump_triples(store: ox.Store, out: IO[bytes], fmt: ox.RdfFormat) -> int:
    triples = _union_triples(store)
    ox.serialize(triples, out, format=fmt, prefixes=PREFIXES if fmt != ox.RdfFormat.N_TRIPLES else None)
    return len(triples)


@exporter("nquads", "nq")
def export_nquads(store, out):
    return _dump_quads(store, out, ox.RdfFormat.N_QUADS)


@exporter("trig", "trig")
def export_trig(store, out):
    return _dump_quads(store, out, ox.RdfFormat.TRIG)


@exporter("turtle", "ttl")
def export_turtle(store, out):
    return _dump_triples(store, out, ox.RdfFormat.TURTLE)


@exporter("ntriples", "nt")
def export_ntriples(store, out):
    return _dump_triples(store, out, ox.RdfFormat.N_TRIPLES)


@exporter("rdfxml", "rdf")
def export_rdfxml(store, out):
    return _dump_triples(store, out, ox.RdfFormat.RDF_XML)


@exporter("jsonld", "jsonld")
def export_jsonld(store, out):
    """Named graphs as JSON-LD ``@graph`` objects, compacted with the project's context."""
    import rdflib

    nq = io.BytesIO()
    store.dump(nq, format=ox.RdfFormat.N_QUADS)
    ds = rdflib.Dataset()
    ds.parse(data=nq.getvalue().decode("utf-8"), format="nquads")
    context = json.loads((ontology_dir() / "context.jsonld").read_text(encoding="utf-8"))["@context"]
    text = ds.serialize(format="json-ld", context=context, auto_compact=True)
    out.write(text.encode("utf-8"))
    return sum(1 for _ in store.quads_for_pattern(None, None, None, None))


def export(store: ox.Store, fmt: str, path: Path | None, stream: IO[bytes]) -> int:
    if fmt not in EXPORTERS:
        raise ValueError(f"unknown format '{fmt}' (one of {', '.join(sorted(EXPORTERS))})")
    if path is None:
        return EXPORTERS[fmt](store, stream)
    with open(path, "wb") as f:
        return EXPORTERS[fmt](store, f)
