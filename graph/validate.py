"""SHACL validation of the store against ``ontology/shapes.ttl`` (pyshacl).

The store's graphs (articles, ontology and vocabularies together) are copied into an rdflib
graph — pyshacl is faster over rdflib's memory store than over Oxigraph — and validated
without inference: subclass checks work from the ontology's rdfs:subClassOf triples.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pyoxigraph as ox

from .resources import ontology_dir


@dataclass
class ValidationResult:
    conforms: bool
    violations: int
    report: str


def validate_store(store: ox.Store) -> ValidationResult:
    import pyshacl
    import rdflib

    buf = io.BytesIO()
    ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, None)),
                 buf, format=ox.RdfFormat.N_TRIPLES)
    data = rdflib.Graph()
    data.parse(data=buf.getvalue().decode("utf-8"), format="nt")
    shapes = rdflib.Graph().parse(ontology_dir() / "shapes.ttl")
    conforms, results_graph, text = pyshacl.validate(data, shacl_graph=shapes, inference="none",
                                                     advanced=True, allow_warnings=True)
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    violations = sum(1 for _ in results_graph.subjects(rdflib.RDF.type, sh.ValidationResult))
    return ValidationResult(bool(conforms), violations, _readable(results_graph) if not conforms else "")


def _readable(results) -> str:
    """One line per problem: the focus node, the property and the message."""
    import rdflib

    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    lines = []
    for r in results.subjects(rdflib.RDF.type, sh.ValidationResult):
        focus = results.value(r, sh.focusNode)
        path = results.value(r, sh.resultPath)
        msg = results.value(r, sh.resultMessage)
        value = results.value(r, sh.value)
        line = f"- {focus}"
        if path is not None:
            line += f" [{path.n3() if hasattr(path, 'n3') else path}]"
        line += f": {msg}"
        if value is not None:
            line += f" (value: {value})"
        lines.append(line)
    return "\n".join(sorted(lines))
