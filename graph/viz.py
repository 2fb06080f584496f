"""``vnkg viz``: the network as one self-contained pyvis page that opens from disk, offline.

The page is built from ``vnkg.network.to_networkx``: nodes are coloured and shaped by kind
(legend and kind filters on the left), sized by centrality, and edges say what they mean
(the role for a post, "led", "hosted", "implements", "issued by"...). pyvis 0.3.2's own
template pulls Bootstrap and vis-network from CDNs, so the page uses vnkg's template
(``templates/viz.html``) and inlines the vis-network JavaScript and CSS that ship inside the
pyvis package; a Content-Security-Policy with script hashes forbids anything else to load or
run. Text from articles is HTML-escaped by Jinja or travels as JSON and is written with
``textContent``: a name such as ``<img src=x onerror=alert(1)>`` shows as text.

Above ``PHYSICS_LIMIT`` nodes the layout is computed here (a grid-cutoff Fruchterman-Reingold
in numpy, a few seconds for 2,000 nodes) and physics is off, so the browser draws at once;
below it, vis-network starts from that layout and settles it with physics.

``HeadlessChromium`` drives the system Chromium over the DevTools protocol (a pipe, no extra
package): the tests and ``benchmarks/bench_viz.py`` use it to load a page as a person would,
with the network switched off.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import networkx as nx
import numpy as np

from . import __version__
from .network import (CONTEXT_KINDS, KINDS, display_date, find_nodes, find_province,
                      parse_kinds, to_networkx)
from .store import read_store

__all__ = ["VizError", "VizResult", "write_viz", "select_view", "layout", "render_page",
           "graph_page", "HeadlessChromium", "find_chromium", "PHYSICS_LIMIT",
           "EDGE_LABEL_LIMIT"]

PHYSICS_LIMIT = 400
# lines carry their words up to this many nodes (vis hides them when zoomed out), so the
# default 500-node page says what its lines mean; above it a line tells its meaning on hover
# only: words on all 5,195 lines of the 2,000-node benchmark took its first drawing from
# 1.1-1.2 s to 1.5-1.7 s and its load from 1.2 s to 2.5 s
EDGE_LABEL_LIMIT = 1000
TEMPLATES = Path(__file__).resolve().parent / "templates"


class VizError(ValueError):
    """A request the graph cannot answer (unknown focus, province or kind): one line for stderr."""


@dataclass
class VizResult:
    path: Path
    nodes: int
    edges: int
    omitted: int


@dataclass
class View:
    graph: nx.MultiDiGraph
    focus: list[str] = field(default_factory=list)
    total: int = 0
    omitted: int = 0
    notes: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------- selection

def _neighbourhood(G: nx.MultiDiGraph, seeds: Iterable[str], depth: int) -> dict[str, int]:
    """Hop distance from the seeds, up to ``depth``, ignoring direction.

    Article and province nodes are reached but not walked through: otherwise two hops from
    anyone would be everything their newspaper page mentions.
    """
    dist = {s: 0 for s in seeds}
    queue = deque(dist)
    while queue:
        n = queue.popleft()
        if dist[n] >= depth:
            continue
        if dist[n] > 0 and G.nodes[n].get("kind") in CONTEXT_KINDS:
            continue
        for m in sorted(set(G.successors(n)) | set(G.predecessors(n))):
            if m not in dist:
                dist[m] = dist[n] + 1
                queue.append(m)
    return dist


def select_view(G: nx.MultiDiGraph, focus: str | None = None, depth: int = 2,
                province: str | None = None, kinds: Iterable[str] | None = None,
                max_nodes: int = 500) -> View:
    """Restrict ``G`` by province and kinds, take the focus neighbourhood, keep ``max_nodes``.

    When too many nodes remain, the ones kept are the nearest to the focus and, among equals,
    the most central (``_scores``: degree, links to articles and provinces counting a fifth);
    the focus itself is always kept.
    """
    H = G
    notes: list[str] = []
    if province:
        p = find_province(G, province)
        if p is None:
            known = sorted(d["name"] for _n, d in G.nodes(data=True) if d.get("kind") == "province")
            raise VizError(f"no province {province!r} in the graph"
                           + (f"; provinces: {', '.join(known)}" if known else ""))
        pname = G.nodes[p]["name"]
        H = H.subgraph([n for n, d in H.nodes(data=True) if pname in d.get("provinces", ())])
    focus_nodes: list[str] = []
    if focus:
        focus_nodes = find_nodes(G, focus)
        if not focus_nodes:
            raise VizError(f"nothing in the graph is called {focus!r}")
        if len(focus_nodes) > 1:
            notes.append(f"{len(focus_nodes)} nodes match {focus!r}: all are drawn")
    try:
        wanted = parse_kinds(kinds) if kinds else set()
    except ValueError as e:
        raise VizError(str(e)) from None
    if wanted:
        H = H.subgraph([n for n, d in H.nodes(data=True) if d.get("kind") in wanted or n in focus_nodes])
    if focus_nodes:
        H = G.subgraph(set(H) | set(focus_nodes))
        dist = _neighbourhood(H, focus_nodes, max(0, int(depth)))
        H = H.subgraph(dist)
    else:
        dist = {}
    total = H.number_of_nodes()
    omitted = 0
    if max_nodes and max_nodes > 0 and total > max_nodes:
        score = _scores(H)
        order = sorted(H, key=lambda n: (dist.get(n, 0), -score.get(n, 0.0),
                                         H.nodes[n].get("label", ""), n))
        keep = set(focus_nodes) | set(order[: max(0, max_nodes - len(focus_nodes))])
        if len(keep) > max_nodes:
            keep = set(order[:max_nodes]) | set(focus_nodes)
        omitted = total - len(keep)
        H = H.subgraph(keep)
    return View(nx.MultiDiGraph(H), focus_nodes, total, omitted, notes)


# ---------------------------------------------------------------------------- layout

def layout(G: nx.Graph, seed: int = 7, iterations: int | None = None) -> dict[str, tuple[float, float]]:
    """Positions in units of one ideal edge length; deterministic for a seed.

    Fruchterman-Reingold with the grid variant's cutoff: repulsion only between nodes closer
    than three edge lengths (found with a k-d tree), attraction along edges, a weak pull to the
    centre that keeps separate components near each other. O(n log n + m) per iteration.

    >>> pos = layout(nx.path_graph(3)); sorted(pos) == [0, 1, 2]
    True
    """
    from scipy.spatial import cKDTree

    nodes = sorted(G, key=str)
    n = len(nodes)
    if n == 0:
        return {}
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    idx = {x: i for i, x in enumerate(nodes)}
    pairs_e = {(min(idx[u], idx[v]), max(idx[u], idx[v])) for u, v in G.edges() if u != v}
    e = np.array(sorted(pairs_e), dtype=np.int64).reshape(-1, 2)
    rng = np.random.default_rng(seed)
    side = math.sqrt(n)
    pos = rng.uniform(-side / 2, side / 2, (n, 2))
    iters = iterations or (300 if n <= 500 else 150)
    t0 = side / 10
    deg = np.bincount(e.ravel(), minlength=n).astype(float) if len(e) else np.zeros(n)
    gravity = 0.02 * np.sqrt(1.0 + deg)[:, None]
    for it in range(iters):
        t = t0 * (1 - it / iters) + 0.01
        disp = np.zeros((n, 2))
        close = cKDTree(pos).query_pairs(3.0, output_type="ndarray")
        if len(close):
            d = pos[close[:, 0]] - pos[close[:, 1]]
            f = d / np.maximum((d * d).sum(1), 1e-4)[:, None]
            for c in range(2):
                disp[:, c] += np.bincount(close[:, 0], f[:, c], n) - np.bincount(close[:, 1], f[:, c], n)
        if len(e):
            d = pos[e[:, 0]] - pos[e[:, 1]]
            f = d * np.sqrt(np.maximum((d * d).sum(1), 1e-8))[:, None]
            for c in range(2):
                disp[:, c] -= np.bincount(e[:, 0], f[:, c], n) - np.bincount(e[:, 1], f[:, c], n)
        disp -= gravity * pos
        length = np.sqrt((disp * disp).sum(1))
        pos += disp * (np.minimum(length, t) / np.maximum(length, 1e-9))[:, None]
    pos -= pos.mean(0)
    return {x: (float(pos[i, 0]), float(pos[i, 1])) for i, x in enumerate(nodes)}


# ---------------------------------------------------------------------------- page

def _vis_files() -> tuple[str, str, str]:
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib"
    versions = sorted((p for p in lib.glob("vis-*") if (p / "vis-network.min.js").exists()),
                      key=lambda p: tuple(int(x) for x in p.name[4:].split(".") if x.isdigit()))
    if not versions:
        raise VizError(f"vis-network is missing from the pyvis package at {lib}")
    d = versions[-1]
    return ((d / "vis-network.min.js").read_text(encoding="utf-8"),
            (d / "vis-network.css").read_text(encoding="utf-8"), d.name[4:])


def _json_for_script(value) -> str:
    """JSON that cannot end its <script> element or open a comment: <, >, & escaped."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _script_safe(code: str) -> str:
    return code.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")


def _style_safe(css: str) -> str:
    return css.replace("</style", "<\\/style")


def _finite(x, default=0.0) -> float:
    try:
        x = float(x)
    except (TypeError, ValueError):
        return default
    return x if math.isfinite(x) else default


def _scores(H: nx.MultiDiGraph) -> dict[str, float]:
    """Centrality for drawing and pruning: degree over distinct neighbours, where a link to an
    article or a province (context) counts a fifth of a post, a lead or an issue. Plain degree
    would make every newspaper page the biggest thing on screen."""
    if H.number_of_nodes() == 0:
        return {}
    weight: dict[tuple[str, str], float] = {}
    for u, v, d in H.edges(data=True):
        if u == v:
            continue
        key = (u, v) if str(u) <= str(v) else (v, u)
        w = 0.2 if d.get("kind") in ("mentioned_in", "in_province") else 1.0
        weight[key] = max(weight.get(key, 0.0), w)
    score = {n: 0.0 for n in H}
    for (u, v), w in weight.items():
        score[u] += w
        score[v] += w
    top = max(score.values()) or 1.0
    return {n: s / top for n, s in score.items()}


def _page_data(H: nx.MultiDiGraph, focus: list[str]) -> tuple[dict, int]:
    from pyvis.network import Network

    n = H.number_of_nodes()
    physics = 0 < n <= PHYSICS_LIMIT
    pos = layout(H)
    scale = 110.0
    score = _scores(H)
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line")
    for node in sorted(H, key=str):
        d = H.nodes[node]
        kind = KINDS.get(d.get("kind"), KINDS["organization"])
        x, y = pos.get(node, (0.0, 0.0))
        attrs = {
            "kind": kind.key,
            "name": d.get("name", ""),
            "province": d.get("province", ""),
            "provinces": list(d.get("provinces", [])),
            "posts": list(d.get("posts", [])),
            "evidence": d.get("evidence", ""),
            "article": d.get("article", ""),
            "article_label": d.get("article_label", ""),
            "mentions": int(d.get("mentions", 0) or 0),
            "value": round(math.sqrt(score.get(node, 0.0)), 4),
            "x": round(x * scale, 1), "y": round(y * scale, 1),
            "color": {"background": kind.color, "border": "#333333",
                      "highlight": {"background": kind.color, "border": "#000000"},
                      "hover": {"background": kind.color, "border": "#000000"}},
        }
        if d.get("kind") in ("document", "event") and d.get("type"):
            attrs["subtype"] = d["type"]
        if d.get("date"):
            attrs["date"] = display_date(d["date"])
        if d.get("url"):
            attrs["url"] = d["url"]
        if node in focus:
            attrs["borderWidth"] = 4
            attrs["color"]["border"] = "#000000"
        net.add_node(node, label=d.get("label") or node, shape=kind.shape, **attrs)

    # one line per pair of nodes: parallel edges (two posts in one body) share it
    merged: dict[tuple[str, str], list[dict]] = {}
    for u, v, d in H.edges(data=True):
        if u != v:
            merged.setdefault((u, v), []).append(d)
    for (u, v), ds in sorted(merged.items()):
        meaningful = [d for d in ds if d.get("kind") not in ("mentioned_in", "in_province")]
        labels = list(dict.fromkeys(d.get("label", "") for d in (meaningful or ds) if d.get("label")))
        text = " · ".join(labels)
        edge = {"from": u, "to": v, "kind": (meaningful or ds)[0].get("kind", ""),
                "title": f"{H.nodes[u].get('label', u)} — {text} → {H.nodes[v].get('label', v)}"}
        if meaningful:
            if n <= EDGE_LABEL_LIMIT:
                edge["label"] = text
            edge["width"] = 1.5
        else:
            edge.update(dashes=[2, 4], color={"color": "#c8c8c8", "highlight": "#888888"}, width=1)
        net.edges.append(edge)  # pyvis's add_edge scans all edges per call: O(m^2)

    nodes, edges, *_rest = net.get_network_data()
    options = {
        "autoResize": True,
        "nodes": {"borderWidth": 1, "font": {"size": 14, "face": "system-ui, Noto Sans, sans-serif"},
                  "scaling": {"min": 8, "max": 42,
                              "label": {"enabled": True, "min": 11, "max": 18, "maxVisible": 30,
                                        "drawThreshold": 6}}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  "color": {"color": "#8a8a8a", "highlight": "#222222", "hover": "#222222"},
                  "font": {"size": 11, "align": "middle", "color": "#444444", "strokeWidth": 3},
                  "smooth": {"enabled": physics, "type": "continuous"} if physics else False,
                  "selectionWidth": 2},
        "physics": {"enabled": physics, "solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -4000, "centralGravity": 0.9, "springLength": 130,
                                  "springConstant": 0.03, "avoidOverlap": 0.2},
                    "stabilization": {"enabled": physics, "iterations": 400, "fit": True}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": n > PHYSICS_LIMIT,
                        "hideEdgesOnZoom": n > 1000, "navigationButtons": False, "keyboard": False},
        "layout": {"improvedLayout": False, "randomSeed": 7},
    }
    kinds = {k: {"label": v.label, "label_vi": v.label_vi, "color": v.color} for k, v in KINDS.items()}
    data = {"nodes": nodes, "edges": edges, "options": options, "focus": list(focus), "kinds": kinds,
            "edge_labels": n <= EDGE_LABEL_LIMIT}
    return data, len(edges)


def render_page(data: dict, title: str, subtitle: str = "", omitted_message: str = "",
                empty_message: str = "Nothing to draw.") -> str:
    """The page's HTML for ``data`` (from ``_page_data``): one file, no outside resource."""
    import jinja2
    import pyvis

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)),
                             autoescape=True, keep_trailing_newline=True)
    vis_js, vis_css, vis_version = _vis_files()
    page_js = (TEMPLATES / "viz.js").read_text(encoding="utf-8")
    page_css = (TEMPLATES / "viz.css").read_text(encoding="utf-8")
    vis_js, page_js = _script_safe(vis_js), _script_safe(page_js)
    hashes = " ".join("'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode()
                      for s in (vis_js, page_js))
    counts: dict[str, int] = {}
    provinces: set[str] = set()
    for node in data["nodes"]:
        counts[node["kind"]] = counts.get(node["kind"], 0) + 1
        provinces.update(node.get("provinces", ()))
    legend = [{"key": k.key, "label": k.label, "label_vi": k.label_vi, "color": k.color,
               "glyph": k.glyph, "count": counts.get(k.key, 0)} for k in KINDS.values()]
    return env.get_template("viz.html").render(
        title=title, subtitle=subtitle, omitted=bool(omitted_message), omitted_message=omitted_message,
        empty_message=empty_message, n_nodes=len(data["nodes"]), n_edges=len(data["edges"]),
        provinces=sorted(provinces), legend=legend,
        edge_labels=data.get("edge_labels", True),
        data_json=jinja2.utils.markupsafe.Markup(_json_for_script(data)),
        vis_js=jinja2.utils.markupsafe.Markup(vis_js), page_js=jinja2.utils.markupsafe.Markup(page_js),
        vis_css=jinja2.utils.markupsafe.Markup(_style_safe(vis_css)),
        page_css=jinja2.utils.markupsafe.Markup(_style_safe(page_css)),
        script_hashes=hashes, version=__version__,
        pyvis_version=getattr(pyvis, "__version__", "0.3.2"), vis_version=vis_version)


def graph_page(G: nx.MultiDiGraph, out: Path, focus: str | None = None, depth: int = 2,
               province: str | None = None, kinds: list[str] | None = None,
               max_nodes: int = 500, title: str | None = None) -> VizResult:
    """``write_viz`` for a graph already in hand (the benchmark uses it)."""
    view = select_view(G, focus, depth, province, kinds, max_nodes)
    data, n_edges = _page_data(view.graph, view.focus)
    parts = []
    if focus:
        parts.append("around " + ", ".join(G.nodes[f].get("label", f) for f in view.focus)
                     + f" ({depth} step{'s' if depth != 1 else ''})")
    if province:
        parts.append("in " + G.nodes[find_province(G, province)]["name"])
    if kinds:
        parts.append("kinds: " + ", ".join(sorted(parse_kinds(kinds))))
    parts.extend(view.notes)
    omitted_message = ""
    if view.omitted:
        omitted_message = (f"Showing the {view.graph.number_of_nodes()} most central of {view.total} "
                           f"nodes: {view.omitted} left out. Raise --max-nodes, or narrow with "
                           f"--focus, --province or --kinds, to see them.")
        print(f"vnkg viz: {view.omitted} of {view.total} nodes left out (showing the "
              f"{view.graph.number_of_nodes()} most central; raise --max-nodes to draw them)",
              file=sys.stderr)
    empty = ("The store holds no articles yet: run `vnkg build` first."
             if G.number_of_nodes() == 0 else "Nothing matches these filters.")
    page = render_page(data, title or "vnkg — network of officials and bodies",
                       subtitle="; ".join(parts), omitted_message=omitted_message,
                       empty_message=empty)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, out)
    return VizResult(out, view.graph.number_of_nodes(), n_edges, view.omitted)


def write_viz(store_path: Path, out: Path, focus: str | None = None, depth: int = 2,
              province: str | None = None, kinds: list[str] | None = None,
              max_nodes: int = 500) -> VizResult:
    """Write the interactive network of the store at ``store_path`` to ``out`` (one HTML file).

    Raises ``VizError`` (one readable line) for an unknown focus, province or kind, and
    ``vnkg.store.StoreError`` when there is no store. When nodes are left out because of
    ``max_nodes``, says so on the page and on stderr.
    """
    store = read_store(store_path)
    return graph_page(to_networkx(store), out, focus, depth, province, kinds, max_nodes)


# ---------------------------------------------------------------------------- browser

def find_chromium() -> str | None:
    """The system Chromium (``VNKG_CHROMIUM`` overrides), or ``None``."""
    env = os.environ.get("VNKG_CHROMIUM")
    if env and Path(env).exists():
        return env
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    for path in ("/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium-browser"):
        if Path(path).exists():
            return path
    return None


class HeadlessChromium:
    """Headless Chromium over the DevTools protocol on a pipe (``--remote-debugging-pipe``).

    Network is emulated offline; console messages, uncaught exceptions, dialogs (``alert``)
    and every request that is not ``file:`` or ``data:`` are recorded.

    >>> with HeadlessChromium() as b:                                  # doctest: +SKIP
    ...     b.open(Path("vnkg-network.html")); b.wait_for("window.vnkgReady.stabilized")
    """

    def __init__(self, binary: str | None = None, width: int = 1400, height: int = 900,
                 timeout: float = 30.0):
        self.binary = binary or find_chromium()
        if not self.binary:
            raise RuntimeError("no Chromium found (apt-get install chromium)")
        self.width, self.height, self.timeout = width, height, timeout
        self.console: list[dict] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self._id = 0
        self._responses: dict[int, dict] = {}
        self._events: list[dict] = []
        self._cond = threading.Condition()
        self._session = None
        self._proc = None

    # -- plumbing
    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.close()

    def start(self):
        import fcntl

        self._profile = tempfile.mkdtemp(prefix="vnkg-chromium-")
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        hi_r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD, 10)
        hi_w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD, 10)

        def child_fds():
            os.dup2(hi_r, 3)
            os.dup2(hi_w, 4)

        args = [self.binary, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions",
                "--disable-dev-shm-usage", "--mute-audio", "--hide-scrollbars",
                f"--user-data-dir={self._profile}", f"--window-size={self.width},{self.height}",
                "--remote-debugging-pipe", "about:blank"]
        self._proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL, preexec_fn=child_fds,
                                      close_fds=False)  # fds 3 and 4 are made in child_fds
        for fd in (to_child_r, from_child_w, hi_r, hi_w):
            os.close(fd)
        self._out = os.fdopen(to_child_w, "wb", buffering=0)
        self._in = os.fdopen(from_child_r, "rb", buffering=0)
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self._session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for method in ("Page.enable", "Runtime.enable", "Log.enable", "Network.enable"):
            self.call(method)
        self.call("Network.emulateNetworkConditions", offline=True, latency=0,
                  downloadThroughput=0, uploadThroughput=0)
        self.call("Emulation.setDeviceMetricsOverride", width=self.width, height=self.height,
                  deviceScaleFactor=1, mobile=False)

    def _read(self):
        buf = b""
        while True:
            try:
                chunk = self._in.read(65536)
            except (OSError, ValueError):
                chunk = b""
            if not chunk:
                with self._cond:
                    self._closed = True
                    self._cond.notify_all()
                return
            buf += chunk
            while b"\0" in buf:
                raw, buf = buf.split(b"\0", 1)
                msg = json.loads(raw.decode("utf-8"))
                with self._cond:
                    if "id" in msg:
                        self._responses[msg["id"]] = msg
                    else:
                        self._on_event(msg)
                    self._cond.notify_all()

    def _on_event(self, msg):
        method, p = msg.get("method"), msg.get("params", {})
        self._events.append(msg)
        if method == "Runtime.consoleAPICalled":
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", []))
            self.console.append({"type": p.get("type"), "text": text})
            if p.get("type") in ("error", "assert"):
                self.errors.append(f"console.{p.get('type')}: {text}")
        elif method == "Runtime.exceptionThrown":
            d = p.get("exceptionDetails", {})
            self.errors.append("exception: " + str(d.get("exception", {}).get("description") or d.get("text")))
        elif method == "Log.entryAdded":
            e = p.get("entry", {})
            self.console.append({"type": e.get("level"), "text": e.get("text", "")})
            if e.get("level") == "error":
                self.errors.append(f"log: {e.get('text')} {e.get('url', '')}".strip())
        elif method == "Network.requestWillBeSent":
            url = p.get("request", {}).get("url", "")
            if not url.startswith(("file:", "data:", "about:")):
                self.requests.append(url)
        elif method == "Page.javascriptDialogOpening":
            self.dialogs.append(p.get("message", ""))
            threading.Thread(target=self._dismiss, daemon=True).start()

    def _dismiss(self):
        try:
            self.call("Page.handleJavaScriptDialog", accept=True)
        except Exception:  # noqa: BLE001 - best effort
            pass

    def call(self, method: str, timeout: float | None = None, **params) -> dict:
        with self._cond:
            self._id += 1
            mid = self._id
        msg = {"id": mid, "method": method, "params": params}
        if self._session and not method.startswith("Target."):
            msg["sessionId"] = self._session
        self._out.write(json.dumps(msg).encode("utf-8") + b"\0")
        deadline = time.monotonic() + (timeout or self.timeout)
        with self._cond:
            while mid not in self._responses:
                left = deadline - time.monotonic()
                if left <= 0 or getattr(self, "_closed", False):
                    raise TimeoutError(f"Chromium did not answer {method}")
                self._cond.wait(left)
            resp = self._responses.pop(mid)
        if "error" in resp:
            raise RuntimeError(f"{method}: {resp['error'].get('message')}")
        return resp.get("result", {})

    def close(self):
        if self._proc is None:
            return
        try:
            self.call("Browser.close", timeout=5)
        except Exception:  # noqa: BLE001 - closing anyway
            pass
        try:
            self._proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        for f in (self._out, self._in):
            try:
                f.close()
            except OSError:
                pass
        shutil.rmtree(self._profile, ignore_errors=True)
        self._proc = None

    # -- what a person does
    def open(self, path: Path, timeout: float | None = None) -> float:
        """Load a file URL and wait for its load event; returns the seconds it took."""
        url = Path(path).resolve().as_uri()
        start = time.monotonic()
        with self._cond:
            seen = len(self._events)
        self.call("Page.navigate", url=url)
        deadline = start + (timeout or self.timeout)
        with self._cond:
            while not any(e.get("method") == "Page.loadEventFired" for e in self._events[seen:]):
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{url} did not load")
                self._cond.wait(left)
        return time.monotonic() - start

    def evaluate(self, expression: str, timeout: float | None = None):
        r = self.call("Runtime.evaluate", timeout=timeout, expression=expression,
                      returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"page error in {expression!r}: {r['exceptionDetails'].get('text')}")
        return r.get("result", {}).get("value")

    def wait_for(self, expression: str, timeout: float | None = None, every: float = 0.05):
        deadline = time.monotonic() + (timeout or self.timeout)
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError(f"waited for {expression!r}")
            time.sleep(every)

    def mouse_move(self, x: float, y: float):
        self.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)

    def click(self, x: float, y: float):
        self.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left", clickCount=1)

    def screenshot(self, path: Path, full_page: bool = False) -> Path:
        params = {"format": "png"}
        if full_page:
            m = self.call("Page.getLayoutMetrics")
            size = m.get("cssContentSize") or m.get("contentSize")
            params.update(captureBeyondViewport=True,
                          clip={"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1})
        data = self.call("Page.captureScreenshot", **params)["data"]
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))
        return path

