"""The main job: files -> documents -> findings -> one named graph per article in the store.

Unchanged articles (same content hash) are skipped, so building twice changes nothing; a
changed article replaces only its own graph; a file that cannot be read is reported and the
others are still built. The ontology and vocabularies are loaded into their own graphs.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from .config import ONT, Config
from .document import Document, Rejected
from .extract import extract
from .ingest import read_paths
from .lexicon import load_lexicon
from .normalize import normalize
from .rdf import to_triples
from .resources import ontology_dir, vocab_dir
from .store import article_graphs, article_hash, open_store, replace_graph

__all__ = ["BuildSummary", "build", "load_vocabularies", "process_document"]


@dataclass
class BuildSummary:
    read: int = 0
    written: int = 0
    unchanged: int = 0
    failed: list[Rejected] = field(default_factory=list)
    triples: int = 0
    entities: Counter = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)


def vocabulary_graphs(base: str) -> dict[str, Path]:
    graphs = {f"{base}graph/ontology": ontology_dir() / "vnkg.ttl"}
    for f in sorted(vocab_dir().glob("*.ttl")):
        graphs[f"{base}graph/vocab/{f.stem}"] = f
    return graphs


def load_vocabularies(store: ox.Store, base: str) -> int:
    """(Re)load the ontology and vocabulary graphs whose files changed; returns graphs loaded."""
    loaded = 0
    for graph, path in vocabulary_graphs(base).items():
        data = path.read_bytes()
        digest = hashlib.sha256(data + base.encode()).hexdigest()
        if article_hash(store, graph) == digest:
            continue
        triples = [(q.subject, q.predicate, q.object) for q in
                   ox.parse(data, format=ox.RdfFormat.TURTLE, base_iri=base)]
        triples.append((ox.NamedNode(graph), ox.NamedNode(ONT + "contentHash"), ox.Literal(digest)))
        replace_graph(store, graph, triples)
        loaded += 1
    return loaded


def process_document(doc: Document, base: str) -> tuple[str, str, list[tuple], Counter, list[str]]:
    """One article through normalise -> extract -> RDF; pure, so it can run in a worker."""
    lex = load_lexicon()
    nd = normalize(doc, lex)
    findings = extract(nd, lex)
    triples = to_triples(nd, findings, lex, base)
    counts = Counter(persons=len(findings.persons), organizations=len(findings.organizations),
                     documents=len(findings.documents), indicators=len(findings.observations),
                     events=len(findings.events),
                     posts=sum(len(p.posts) for p in findings.persons))
    return triples[0][0].value, nd.content_hash, triples, counts, findings.notes.get("errors", [])


def _work(args):
    doc, base = args
    try:
        return doc, process_document(doc, base), None
    except Exception as e:  # a bug on one article must not stop the batch
        return doc, None, f"{type(e).__name__}: {e}"


def build(paths: list[str], config: Config, jobs: int = 1, progress=None) -> BuildSummary:
    summary = BuildSummary()
    store = open_store(config.store)
    load_vocabularies(store, config.base)
    docs: list[Document] = []
    seen_ids: dict[str, str] = {}
    for item in read_paths(paths):
        if isinstance(item, Rejected):
            summary.failed.append(item)
            continue
        if item.id in seen_ids:
            summary.warnings.append(f"{item.source}: document id '{item.id}' also comes from {seen_ids[item.id]}; the later one is kept")
        seen_ids[item.id] = item.source + (f":{item.line}" if item.line else "")
        docs.append(item)
    summary.read = len(docs)
    existing = article_graphs(store)
    work = [(d, config.base) for d in docs]
    if jobs > 1 and len(work) > 8:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            results = list(pool.map(_work, work, chunksize=8))
    else:
        results = map(_work, work)
    for doc, result, error in results:
        if progress:
            progress(doc)
        if error is not None:
            summary.failed.append(Rejected(doc.source, f"extraction failed: {error}", doc.line))
            continue
        graph, digest, triples, counts, errors = result
        for e in errors:
            summary.warnings.append(f"{doc.source}: {e}")
        summary.entities.update(counts)
        summary.triples += len(triples)
        if graph in existing and article_hash(store, graph) == digest:
            summary.unchanged += 1
            continue
        replace_graph(store, graph, triples)
        summary.written += 1
    store.flush()
    return summary
