"""Saved queries: find them, read their header, bind their parameters safely, run them.

A saved query is a ``.rq`` file in ``queries/`` (installed as ``vnkg.savedqueries``) that starts
with a comment header::

    # Career of one person: every post seen, in date order, with the articles.
    #
    # @param person = "Hoàng Thái Phúc"  the person's full name, or the IRI of the person

The first comment line is the one-line description; each ``@param NAME = "DEFAULT"  help`` line
declares a parameter. In the query body a parameter is the variable ``$NAME``. Binding replaces
each ``$NAME`` token (never text inside strings, IRIs or comments) with a SPARQL string literal
whose quotes, backslashes and line breaks are escaped, so a value can only ever be one string:
``x" } ; DROP ALL #`` stays the literal ``"x\\" } ; DROP ALL #"``.

>>> q = SavedQuery("demo", "A demo.", {"name": "Thái Bình"}, Path("demo.rq"),
...                'SELECT ?p WHERE { ?p <urn:name> $name } # $name')
>>> bind(q, {})
'SELECT ?p WHERE { ?p <urn:name> "Thái Bình" } # $name'
>>> bind(q, {"name": 'a"} }'})
'SELECT ?p WHERE { ?p <urn:name> "a\\\\"} }" } # $name'
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

__all__ = ["SavedQuery", "list_queries", "load_query", "bind", "run_query_cli", "sparql_literal",
           "sparql_tokens", "query_form", "uses_service", "is_update", "parse_params",
           "store_base", "FORMATS"]

FORMATS = ("table", "csv", "tsv", "json", "jsonld", "turtle", "ntriples")

_PARAM_LINE = re.compile(
    r'^#\s*@param\s+([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(.*)$')
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class SavedQuery:
    name: str
    description: str
    params: dict[str, str]          # parameter name -> default value
    path: Path
    text: str
    param_help: dict[str, str] = field(default_factory=dict, compare=False)


# ------------------------------------------------------------------------------ tokens

_TOKEN = re.compile(r"""
    (?P<ws>\s+)
  | (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
               |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
  | (?P<word>[A-Za-z_:\u00C0-\uFFFF][A-Za-z0-9_:.\-%\u00B7\u00C0-\uFFFF]*)
  | (?P<other>.)
""", re.VERBOSE | re.DOTALL)


def sparql_tokens(text: str) -> Iterator[tuple[str, str, int]]:
    """(kind, text, offset) for each token; kinds: comment string iri var word other (no ws).

    Strings, IRIs and comments are single tokens, so nothing inside them is read as a keyword
    or a variable.
    """
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind != "ws":
            yield kind, m.group(), m.start()


_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_FORMS = {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}


def _first_keyword(text: str) -> str | None:
    """The first keyword after the prologue (BASE and PREFIX declarations), upper-cased."""
    toks = [t for t in sparql_tokens(text) if t[0] != "comment"]
    i = 0
    while i < len(toks):
        kind, tok, _ = toks[i]
        up = tok.upper()
        if kind == "word" and up == "BASE":
            i += 2
            continue
        if kind == "word" and up == "PREFIX":
            i += 3
            continue
        return up if kind == "word" else None
    return None


def query_form(text: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE; None when the text does not start like a query."""
    kw = _first_keyword(text)
    return kw if kw in _FORMS else None


def is_update(text: str) -> bool:
    """True when the text is a SPARQL Update request (INSERT, DELETE, LOAD, DROP ...)."""
    return _first_keyword(text) in _UPDATE_WORDS


def uses_service(text: str) -> bool:
    """True when the query has a SERVICE clause (a federated call to another endpoint)."""
    return any(kind == "word" and tok.upper() == "SERVICE" for kind, tok, _ in sparql_tokens(text))


# ------------------------------------------------------------------------------ literals, binding

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def sparql_literal(value: str) -> str:
    """A SPARQL string literal for any text: the value can never escape its quotes."""
    if not isinstance(value, str):
        raise TypeError(f"parameter values are strings, not {type(value).__name__}")
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif 0xD800 <= ord(ch) <= 0xDFFF:  # a lone surrogate cannot be written as UTF-8
            out.append("\uFFFD")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _parse_header(text: str) -> tuple[str, dict[str, str], dict[str, str]]:
    description = ""
    params: dict[str, str] = {}
    helps: dict[str, str] = {}
    for line in text.splitlines():
        s = line.strip()
        if not s:
            continue
        if not s.startswith("#"):
            break
        m = _PARAM_LINE.match(s)
        if m:
            name, default, helptext = m.groups()
            params[name] = json.loads('"' + default + '"') if "\\" in default else default
            helps[name] = helptext.strip().lstrip("-—:").strip()
            continue
        body = s.lstrip("#").strip()
        if body and not description and not body.startswith("@"):
            description = body
    return description, params, helps


def _query_vars(text: str) -> set[str]:
    return {tok[1:] for kind, tok, _ in sparql_tokens(text) if kind == "var" and tok.startswith("$")}


def _from_file(path: Path, name: str | None = None) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    description, params, helps = _parse_header(text)
    return SavedQuery(name or path.stem, description, params, path, text, helps)


def list_queries() -> list[SavedQuery]:
    """Every saved query, sorted by name."""
    from .resources import queries_dir

    d = queries_dir()
    if not d.is_dir():
        return []
    return [_from_file(p) for p in sorted(d.glob("*.rq"))]


def load_query(target: str) -> SavedQuery:
    """A saved query by name (``career``), or a query file by path (``my/q.rq``)."""
    p = Path(target)
    if target.endswith(".rq") or "/" in target or "\\" in target:
        if p.is_file():
            return _from_file(p)
        if target.endswith(".rq") and "/" not in target and "\\" not in target:
            target = target[:-3]
        else:
            raise ValueError(f"no query file at {target}")
    known = {q.name: q for q in list_queries()}
    if target in known:
        return known[target]
    hint = difflib.get_close_matches(target, list(known), n=1)
    more = f" (did you mean '{hint[0]}'?)" if hint else ""
    raise ValueError(f"unknown query '{target}'{more}; `vnkg queries` lists the saved queries")


def bind(query: SavedQuery | str, params: dict[str, str]) -> str:
    """The query text with every ``$param`` replaced by its value (or default) as a literal.

    Unknown parameter names raise ValueError. A plain string query accepts its header's
    parameters and any ``$var`` it uses (a ``$var`` given no value stays a variable).
    """
    if isinstance(query, SavedQuery):
        text, declared, label = query.text, dict(query.params), f"query '{query.name}'"
    else:
        text = query
        _, declared, _ = _parse_header(text)
        label = "this query"
        for v in _query_vars(text):
            declared.setdefault(v, None)  # type: ignore[arg-type]
    unknown = [k for k in params if k not in declared]
    if unknown:
        names = ", ".join(sorted(declared)) or "none"
        raise ValueError(f"unknown parameter '{unknown[0]}' for {label}; its parameters are: {names}")
    values = {k: v for k, v in declared.items() if v is not None}
    values.update(params)
    literals = {k: sparql_literal(v) for k, v in values.items()}
    out = []
    last = 0
    for kind, tok, pos in sparql_tokens(text):
        if kind == "var" and tok.startswith("$") and tok[1:] in literals:
            out.append(text[last:pos])
            out.append(literals[tok[1:]])
            last = pos + len(tok)
    out.append(text[last:])
    return "".join(out)


def parse_params(items: list[str] | None) -> dict[str, str]:
    """``["province=Thái Bình", ...]`` -> dict; ValueError on an item without ``=``."""
    out: dict[str, str] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not _NAME.match(key):
            raise ValueError(f"--param takes key=value, got '{item}'")
        out[key] = value
    return out


# ------------------------------------------------------------------------------ the store's base

_ONTOLOGY_GRAPH = "graph/ontology"


def store_base(store) -> str | None:
    """The base IRI a store was built with (``vnkg build --base``), read from the name of its
    ontology graph ``<BASE>graph/ontology``; None when the store has no such graph."""
    found = []
    for g in store.named_graphs():
        iri = getattr(g, "value", "")
        if iri.endswith("/" + _ONTOLOGY_GRAPH):
            found.append(iri[:-len(_ONTOLOGY_GRAPH)])
    return min(found, key=len) if found else None


# ------------------------------------------------------------------------------ command line

_CELL = 60


def _cell_text(term, base: str | None = None) -> tuple[str, bool]:
    """A table cell: IRIs shortened (relative to the store's base, or prefixed), long text cut;
    (text, was_cut). The short form of a minted IRI is what the saved queries accept back."""
    import pyoxigraph as ox

    from .config import DEFAULT_BASE
    from .store import PREFIXES

    base = base or DEFAULT_BASE
    if term is None:
        return "", False
    if isinstance(term, ox.NamedNode):
        iri = term.value
        if iri.startswith(base) and not iri.startswith(PREFIXES["vnkg"]):
            return iri[len(base):], False
        for p, ns in PREFIXES.items():
            if iri.startswith(ns) and iri[len(ns):] and "/" not in iri[len(ns):]:
                return f"{p}:{iri[len(ns):]}", False
        return iri, False
    text = "_:" + term.value if isinstance(term, ox.BlankNode) else getattr(term, "value", str(term))
    if len(text) > _CELL:
        return text[:_CELL - 1].rstrip() + "…", True
    return text, False


def _print_table(solutions, out, base: str | None = None) -> None:
    from rich.console import Console
    from rich.table import Table

    variables = [v.value for v in solutions.variables]
    cut = False
    rows = []
    for sol in solutions:
        row = []
        for v in variables:
            text, was_cut = _cell_text(sol[v], base)
            cut = cut or was_cut
            row.append(text)
        rows.append(row)
    caption = f"{len(rows)} row{'s' if len(rows) != 1 else ''}"
    if cut:
        caption += f" (long values cut at {_CELL} characters: --format csv or json prints them whole)"
    table = Table(header_style="bold", caption=caption)
    for v in variables:   # fold, never cut, an IRI: its short form is a valid parameter value
        table.add_column(v, overflow="fold")
    for r in rows:
        table.add_row(*r)
    width = None if out.isatty() else max(120, shutil.get_terminal_size((160, 24)).columns)
    Console(file=out, width=width, highlight=False, markup=False, emoji=False).print(table)


def run_query_cli(store_path: Path, target: str | None, inline: str | None, params: list[str],
                  fmt: str) -> int:
    """``vnkg query``: run a saved query, a query file or inline SPARQL; print the results.

    Exit 0 on success, 1 when the store cannot be read or the query fails while running,
    2 on a usage error (unknown query or parameter, bad format, invalid SPARQL).
    """
    import pyoxigraph as ox

    from .store import PREFIXES, StoreError, read_store, union_query

    err = sys.stderr
    fmt = (fmt or "table").lower()
    if fmt not in FORMATS:
        print(f"error: unknown format '{fmt}'; choose one of {', '.join(FORMATS)}", file=err)
        return 2
    if (target is None) == (inline is None):
        print("error: give a saved query name, a .rq file, or -e SPARQL (exactly one)", file=err)
        return 2
    try:
        values = parse_params(params)
        text = bind(load_query(target) if target is not None else inline, values)
    except (ValueError, OSError) as e:
        print(f"error: {e}", file=err)
        return 2
    if is_update(text):
        print("error: vnkg query only reads; SPARQL updates are refused", file=err)
        return 2
    if uses_service(text):
        print("error: SERVICE is refused: vnkg never queries other endpoints", file=err)
        return 2
    try:
        store = read_store(store_path)
    except StoreError as e:
        print(f"error: {e}", file=err)
        return 1
    out = sys.stdout
    try:
        result = union_query(store, text)
        if isinstance(result, ox.QueryBoolean):
            value = bool(result)
            if fmt == "json":
                out.write(json.dumps({"head": {}, "boolean": value}) + "\n")
            else:
                out.write(("true" if value else "false") + "\n")
        elif isinstance(result, ox.QuerySolutions):
            if fmt in ("jsonld", "turtle", "ntriples"):
                print(f"error: a SELECT query prints as table, csv, tsv or json, not {fmt}", file=err)
                return 2
            if fmt == "table":
                _print_table(result, out, store_base(store))
            else:
                rf = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
                      "json": ox.QueryResultsFormat.JSON}[fmt]
                data = result.serialize(format=rf)
                out.write(data.decode("utf-8"))
                if fmt == "json":
                    out.write("\n")
        else:  # CONSTRUCT / DESCRIBE
            if fmt in ("csv", "tsv"):
                print(f"error: a CONSTRUCT or DESCRIBE query prints as turtle, ntriples or jsonld, "
                      f"not {fmt}", file=err)
                return 2
            rdf = {"jsonld": ox.RdfFormat.JSON_LD, "json": ox.RdfFormat.JSON_LD,
                   "ntriples": ox.RdfFormat.N_TRIPLES}.get(fmt, ox.RdfFormat.TURTLE)
            triples = list(result)
            if rdf == ox.RdfFormat.TURTLE:   # one block per subject
                triples.sort(key=lambda t: (str(t.subject), t.predicate.value != PREFIXES["rdf"] + "type",
                                            t.predicate.value))
            kw = {"prefixes": PREFIXES} if rdf == ox.RdfFormat.TURTLE else {}
            data = ox.serialize(triples, format=rdf, **kw)
            out.write(data.decode("utf-8"))
            if rdf == ox.RdfFormat.JSON_LD:
                out.write("\n")
        out.flush()
    except SyntaxError as e:
        print(f"error: invalid SPARQL: {str(e).splitlines()[0] if str(e) else e}", file=err)
        return 2
    except OSError as e:
        print(f"error: the query failed: {e}", file=err)
        return 1
    except BrokenPipeError:  # pragma: no cover - e.g. `| head`
        return 0
    return 0
