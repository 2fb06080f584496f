"""Query results on the wire: SPARQL JSON / XML / CSV / TSV writers with a row cap, RDF graph
formats, and content negotiation by ``Accept`` (or an explicit ``format`` parameter).

The writers are our own (a few lines each) rather than pyoxigraph's so that a result can be cut
at ``max_results`` rows and say so.
"""

from __future__ import annotations

import csv
import io
import json
from xml.sax.saxutils import escape as xml_escape, quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

# key -> (content type, media types that select it)
SOLUTION_FORMATS = {
    "json": ("application/sparql-results+json; charset=utf-8",
             ("application/sparql-results+json", "application/json", "text/json")),
    "xml": ("application/sparql-results+xml; charset=utf-8",
            ("application/sparql-results+xml", "application/xml", "text/xml")),
    "csv": ("text/csv; charset=utf-8", ("text/csv",)),
    "tsv": ("text/tab-separated-values; charset=utf-8", ("text/tab-separated-values",)),
}
GRAPH_FORMATS = {
    "turtle": ("text/turtle; charset=utf-8", ("text/turtle", "application/x-turtle", "text/n3", "text/rdf+n3")),
    "ntriples": ("application/n-triples; charset=utf-8", ("application/n-triples", "text/plain")),
    "jsonld": ("application/ld+json; charset=utf-8", ("application/ld+json", "application/json")),
    "rdfxml": ("application/rdf+xml; charset=utf-8", ("application/rdf+xml", "application/xml", "text/xml")),
}
RDF_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "ntriples": ox.RdfFormat.N_TRIPLES,
               "jsonld": ox.RdfFormat.JSON_LD, "rdfxml": ox.RdfFormat.RDF_XML}

# values of the `format` / `output` / `results` request parameter (SPARQLWrapper sends them)
_FORMAT_ALIASES = {
    "json": ("json", "jsonld"), "srj": ("json", None), "application/sparql-results+json": ("json", None),
    "xml": ("xml", "rdfxml"), "srx": ("xml", None), "application/sparql-results+xml": ("xml", None),
    "csv": ("csv", None), "text/csv": ("csv", None), "tsv": ("tsv", None),
    "text/tab-separated-values": ("tsv", None),
    "turtle": (None, "turtle"), "ttl": (None, "turtle"), "text/turtle": (None, "turtle"), "n3": (None, "turtle"),
    "nt": (None, "ntriples"), "ntriples": (None, "ntriples"), "n-triples": (None, "ntriples"),
    "application/n-triples": (None, "ntriples"),
    "json-ld": (None, "jsonld"), "jsonld": (None, "jsonld"), "application/ld+json": (None, "jsonld"),
    "rdf": (None, "rdfxml"), "rdfxml": (None, "rdfxml"), "rdf+xml": (None, "rdfxml"),
    "application/rdf+xml": (None, "rdfxml"),
}


def parse_accept(header: str | None) -> list[str]:
    """Media ranges of an Accept header, best first (q=0 dropped; ties keep their order)."""
    if not header:
        return []
    items = []
    for i, part in enumerate(header.split(",")):
        bits = [b.strip() for b in part.split(";")]
        mime = bits[0].lower()
        if not mime:
            continue
        q = 1.0
        for b in bits[1:]:
            if b.lower().startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            items.append((-q, i, mime))
    return [m for _, _, m in sorted(items)]


def negotiate(accept: str | None, offers: dict[str, tuple[str, tuple[str, ...]]], default: str,
              extra: tuple[str, ...] = ()) -> str:
    """The offer key the client prefers. ``extra`` names pseudo-offers matched on their media
    type (e.g. ``text/html``) and returned as is; ``*/*`` or no match gives ``default``."""
    for mime in parse_accept(accept):
        if mime in extra:
            return mime
        for key, (_, types) in offers.items():
            if mime in types:
                return key
        if mime == "*/*":
            return default
        if mime.endswith("/*"):
            major = mime[:-1]
            for key, (_, types) in offers.items():
                if any(t.startswith(major) for t in types):
                    return key
    return default


def format_param(value: str | None) -> tuple[str | None, str | None]:
    """(solutions format, graph format) asked for by a `format` parameter, or (None, None)."""
    if not value:
        return None, None
    return _FORMAT_ALIASES.get(value.strip().lower(), (None, None))


# ------------------------------------------------------------------------------ terms

def term_json(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        d = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value != XSD_STRING:
            d["datatype"] = t.datatype.value
        return d
    if isinstance(t, ox.Triple):
        return {"type": "triple", "value": {"subject": term_json(t.subject),
                                            "predicate": term_json(t.predicate),
                                            "object": term_json(t.object)}}
    return {"type": "literal", "value": str(t)}


def _term_xml(t) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{xml_escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{xml_escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f"<literal xml:lang={quoteattr(t.language)}>{xml_escape(t.value)}</literal>"
        if t.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(t.datatype.value)}>{xml_escape(t.value)}</literal>"
        return f"<literal>{xml_escape(t.value)}</literal>"
    if isinstance(t, ox.Triple):
        return (f"<triple><subject>{_term_xml(t.subject)}</subject><predicate>{_term_xml(t.predicate)}"
                f"</predicate><object>{_term_xml(t.object)}</object></triple>")
    return f"<literal>{xml_escape(str(t))}</literal>"


def _term_csv(t) -> str:
    if t is None:
        return ""
    if isinstance(t, ox.BlankNode):
        return "_:" + t.value
    if isinstance(t, (ox.NamedNode, ox.Literal)):
        return t.value
    return str(t)


# ------------------------------------------------------------------------------ writers

def write_solutions(fmt: str, variables: list[str], rows: list[list]) -> bytes:
    """rows: one list of terms (or None) per solution, in the order of ``variables``."""
    if fmt == "json":
        bindings = [{v: term_json(t) for v, t in zip(variables, row) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False).encode("utf-8")
    if fmt == "xml":
        out = ['<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
               "<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in variables) + "</head>",
               "<results>"]
        for row in rows:
            out.append("<result>" + "".join(f"<binding name={quoteattr(v)}>{_term_xml(t)}</binding>"
                                            for v, t in zip(variables, row) if t is not None) + "</result>")
        out.append("</results>\n</sparql>\n")
        return "\n".join(out).encode("utf-8")
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(variables)
        for row in rows:
            w.writerow([_term_csv(t) for t in row])
        return buf.getvalue().encode("utf-8")
    if fmt == "tsv":
        lines = ["\t".join("?" + v for v in variables)]
        for row in rows:
            lines.append("\t".join("" if t is None else str(t) for t in row))
        return ("\n".join(lines) + "\n").encode("utf-8")
    raise ValueError(f"unknown results format {fmt}")


def write_boolean(fmt: str, value: bool) -> bytes:
    if fmt == "xml":
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{'true' if value else 'false'}</boolean></sparql>\n").encode("utf-8")
    if fmt in ("csv", "tsv"):
        return (("true" if value else "false") + "\n").encode("utf-8")
    return json.dumps({"head": {}, "boolean": value}).encode("utf-8")


def write_graph(fmt: str, triples, prefixes: dict[str, str] | None = None) -> bytes:
    rdf = RDF_FORMATS[fmt]
    kw = {"prefixes": prefixes} if prefixes and fmt in ("turtle", "rdfxml") else {}
    triples = list(triples)
    if fmt in ("turtle", "rdfxml"):   # one block per subject (the serialiser groups neighbours)
        triples.sort(key=lambda t: (str(t.subject), t.predicate.value != RDF_TYPE, t.predicate.value))
    return ox.serialize(triples, format=rdf, **kw)
