"""``vnkg report``: one offline page per province, for people who would rather look than read.

Each page shows the province's officials and their posts as a table, its events on a
timeline, and every indicator as a chart of results against targets over the periods, drawn
as SVG when the page is built (no JavaScript at all, so nothing to load and nothing to run).
All of it comes from ``vnkg.network.to_networkx``, the graph the network page draws; text from
articles is autoescaped by Jinja or escaped here before it enters the SVG.

>>> sorted(["2024", "2016-2020", "2024-H1", "2023", "2024-Q1"], key=period_key)
['2016-2020', '2023', '2024-Q1', '2024-H1', '2024']
>>> fmt_number(1650.0), fmt_number(8.5), fmt_number(-2.25)
('1 650', '8.5', '-2.25')
"""

from __future__ import annotations

import html
import math
import os
import re
from collections import defaultdict
from pathlib import Path

import networkx as nx
from markupsafe import Markup

from . import __version__
from .network import KINDS, ORG_KINDS, find_province, fold, province_slug, to_networkx
from .store import read_store

__all__ = ["write_reports", "province_report", "chart_svg", "period_key", "fmt_number",
           "ReportError"]

TEMPLATES = Path(__file__).resolve().parent / "templates"

_SUB = {"Q1": 1, "H1": 2, "Q2": 2.5, "6M": 2, "9M": 3, "Q3": 3, "Q4": 4, "": 5}
_EVENT_EN = {"Inspection": "Inspection · Kiểm tra", "Supervision": "Supervision · Giám sát",
             "WorkingSession": "Working session · Làm việc", "Conference": "Conference · Hội nghị"}
RESULT_COLOR = "#4e79a7"
TARGET_COLOR = "#e15759"


class ReportError(ValueError):
    """A request the store cannot answer (an unknown province): one line for stderr."""


def period_key(period: str) -> tuple:
    """Order periods in time: by last year, then part of the year, then first year."""
    years = [int(y) for y in re.findall(r"\d{4}", period or "")]
    if not years:
        return (9999, 9, 9999, period or "")
    m = re.search(r"\d{4}-(Q[1-4]|H[12]|\d+M)$", period)
    sub = _SUB.get(m.group(1), 4.5) if m else _SUB[""]
    if m and m.group(1) == "H2":
        sub = 4.5
    return (max(years), sub, min(years), period)


def fmt_number(value: float) -> str:
    if value is None or not math.isfinite(value):
        return "—"
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}".replace(",", " ")
    text = f"{value:,.4f}".rstrip("0").rstrip(".")
    return text.replace(",", " ")


def _nice_step(span: float, ticks: int = 5) -> float:
    raw = span / max(ticks, 1)
    mag = 10 ** math.floor(math.log10(raw)) if raw > 0 else 1
    for m in (1, 2, 2.5, 5, 10):
        if raw <= m * mag:
            return m * mag
    return 10 * mag


def chart_svg(periods: list[str], results: dict[str, tuple[float, str]],
              targets: dict[str, tuple[float, str]], unit: str, title: str = "") -> str:
    """An SVG chart: a bar per result, a red mark (joined by a dashed line) per target.

    ``results`` and ``targets`` map a period to ``(value, evidence sentence)``; the evidence
    becomes each mark's tooltip. Everything written into the SVG is escaped.
    """
    e = lambda s: html.escape(str(s), quote=True)  # noqa: E731
    W, H, L, R, T, B = 560, 270, 70, 14, 30, 46
    values = [v for v, _ in list(results.values()) + list(targets.values()) if math.isfinite(v)]
    lo, hi = min(values + [0.0]), max(values + [0.0])
    if hi == lo:
        hi = lo + 1
    step = _nice_step(hi - lo)
    lo = math.floor(lo / step) * step
    hi = math.ceil(hi * 1.08 / step) * step
    pw, ph = W - L - R, H - T - B
    y = lambda v: T + ph * (1 - (v - lo) / (hi - lo))  # noqa: E731
    band = pw / max(len(periods), 1)
    x = lambda i: L + band * (i + 0.5)  # noqa: E731
    out = [f'<svg viewBox="0 0 {W} {H}" role="img" '
           f'aria-label="{e(title)}" font-family="system-ui, Noto Sans, DejaVu Sans, sans-serif" font-size="12">']
    # grid and y axis
    v = lo
    while v <= hi + step / 2:
        yy = y(v)
        out.append(f'<line x1="{L}" x2="{W - R}" y1="{yy:.1f}" y2="{yy:.1f}" stroke="#e6e6e6"/>')
        out.append(f'<text x="{L - 6}" y="{yy + 4:.1f}" text-anchor="end" fill="#666">{e(fmt_number(round(v, 6)))}</text>')
        v += step
    out.append(f'<line x1="{L}" x2="{W - R}" y1="{y(max(lo, 0 if lo < 0 < hi else lo)):.1f}" '
               f'y2="{y(max(lo, 0 if lo < 0 < hi else lo)):.1f}" stroke="#999"/>')
    out.append(f'<text x="12" y="{T + ph / 2:.1f}" transform="rotate(-90 12 {T + ph / 2:.1f})" '
               f'text-anchor="middle" fill="#555">{e(unit)}</text>')
    # bars for results
    bw = min(46.0, band * 0.55)
    base = y(0 if lo <= 0 <= hi else lo)
    for i, p in enumerate(periods):
        out.append(f'<text x="{x(i):.1f}" y="{H - B + 18}" text-anchor="middle" fill="#333">{e(p)}</text>')
        if p in results:
            val, ev = results[p]
            top = y(val)
            y0, h = (top, base - top) if top < base else (base, top - base)
            out.append(f'<rect class="result" x="{x(i) - bw / 2:.1f}" y="{y0:.1f}" width="{bw:.1f}" '
                       f'height="{max(h, 1):.1f}" fill="{RESULT_COLOR}"><title>{e(p)}: {e(fmt_number(val))} {e(unit)} — {e(ev)}</title></rect>')
            out.append(f'<text x="{x(i):.1f}" y="{min(top, base) - 4:.1f}" text-anchor="middle" '
                       f'fill="{RESULT_COLOR}" font-weight="600">{e(fmt_number(val))}</text>')
    # targets: a mark per period, dashed line between them
    pts = [(x(i), y(targets[p][0]), p) for i, p in enumerate(periods) if p in targets]
    if len(pts) > 1:
        path = " ".join(f"{px:.1f},{py:.1f}" for px, py, _ in pts)
        out.append(f'<polyline points="{path}" fill="none" stroke="{TARGET_COLOR}" stroke-width="1.5" stroke-dasharray="5 4"/>')
    for px, py, p in pts:
        val, ev = targets[p]
        out.append(f'<line class="target" x1="{px - bw / 2 - 5:.1f}" x2="{px + bw / 2 + 5:.1f}" y1="{py:.1f}" y2="{py:.1f}" '
                   f'stroke="{TARGET_COLOR}" stroke-width="3"><title>target {e(p)}: {e(fmt_number(val))} {e(unit)} — {e(ev)}</title></line>')
        label_y = py - 5 if p not in results or abs(y(results[p][0]) - py) > 14 else py + 14
        out.append(f'<text x="{px + bw / 2 + 7:.1f}" y="{label_y:.1f}" fill="{TARGET_COLOR}" font-size="11">{e(fmt_number(val))}</text>')
    # legend
    out.append(f'<rect x="{L}" y="8" width="12" height="12" fill="{RESULT_COLOR}"/>'
               f'<text x="{L + 17}" y="18" fill="#333">result</text>'
               f'<line x1="{L + 80}" x2="{L + 100}" y1="14" y2="14" stroke="{TARGET_COLOR}" stroke-width="3"/>'
               f'<text x="{L + 105}" y="18" fill="#333">target</text>')
    out.append("</svg>")
    return "".join(out)


def _date_parts(date: str) -> tuple[int | None, int | None, int | None]:
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", date or "")
    if m:
        return int(m.group(1)), int(m.group(2)) if m.group(2) else None, int(m.group(3)) if m.group(3) else None
    m = re.match(r"^--(\d{2})-(\d{2})", date or "")
    if m:
        return None, int(m.group(1)), int(m.group(2))
    return None, None, None


def _when(date: str, article_date: str) -> tuple[tuple, str]:
    """A sort key and a display date (dd/mm/yyyy; a year-less date borrows the article's)."""
    y, m, d = _date_parts(date)
    borrowed = False
    if y is None and (m or d):
        y = _date_parts(article_date)[0]
        borrowed = y is not None
    if y is None and not (m or d):
        y, m, d = _date_parts(article_date)
        borrowed = y is not None
        if y is None:
            return (9999, 0, 0), "date unknown"
    parts = [f"{d:02d}" if d else None, f"{m:02d}" if m else None, str(y) if y else None]
    text = "/".join(p for p in parts if p)
    if borrowed:
        text += " *"
    return (y or 9999, m or 0, d or 0), text


def _env():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True)


def _local_evidence(G: nx.MultiDiGraph, d: dict, pname: str) -> dict:
    """The node's attributes with its evidence taken, where it can be, from this province's
    own articles (a central official quoted in two provinces shows the right sentence)."""
    for art, sentence in d.get("evidences", ()):
        if art in G and G.nodes[art].get("province") == pname:
            return dict(d, evidence=sentence, article=art, article_label=G.nodes[art]["name"])
    return dict(d)


def _province_data(G: nx.MultiDiGraph, prov: str) -> dict:
    pname = G.nodes[prov]["name"]
    here = lambda d: pname in d.get("provinces", ())  # noqa: E731
    nodes = {n: _local_evidence(G, d, pname) for n, d in G.nodes(data=True) if here(d)}

    # officials are people seen holding a post; a reporter's byline or a photo credit is not one
    officials = [dict(d, iri=n) for n, d in nodes.items() if d["kind"] == "person" and d.get("posts")]
    officials.sort(key=lambda p: (p.get("province") != pname, -len(p.get("posts", ())), p["label"]))

    bodies = []
    for n, d in nodes.items():
        if d["kind"] in ORG_KINDS:
            k = KINDS[d["kind"]]
            bodies.append({"label": d["label"], "kind": k.label, "color": k.color, "glyph": k.glyph,
                           "posts": d.get("posts", []), "own": d.get("province") == pname})
    bodies.sort(key=lambda b: (not b["own"], -len(b["posts"]), b["label"]))

    events = []
    for n, d in nodes.items():
        if d["kind"] != "event":
            continue
        art_date = G.nodes[d["article"]].get("date", "") if d.get("article") in G else ""
        key, when = _when(d.get("date", ""), art_date)
        rel = defaultdict(list)
        for u, _v, ed in G.in_edges(n, data=True):
            rel[ed["kind"]].append(G.nodes[u]["label"])
        for _u, v, ed in G.out_edges(n, data=True):
            rel[ed["kind"]].append(G.nodes[v]["label"])
        events.append({"key": key, "when": when, "label": d["label"], "type": _EVENT_EN.get(d.get("type"), d.get("type", "")),
                       "color": KINDS["event"].color, "lead": sorted(set(rel["led"])),
                       "hosts": sorted(set(rel["hosted"])), "organizers": sorted(set(rel["organized"])),
                       "about": sorted(set(rel["about"])), "evidence": d.get("evidence", ""),
                       "article_label": d.get("article_label", "")})
    events.sort(key=lambda e: (e["key"], e["label"]))

    # indicator figures, grouped by (indicator, measure, unit): one chart each
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for n, d in nodes.items():
        if d["kind"] == "indicator" and math.isfinite(d.get("value", float("nan"))):
            groups[(d.get("indicator_label", ""), d.get("measure_label", ""), d.get("unit_label", ""))].append(d)
    charts = []
    for (ind, measure, unit), obs in sorted(groups.items()):
        periods = sorted({o.get("period", "") for o in obs}, key=period_key)
        series: dict[str, dict[str, tuple[float, str, str]]] = {"result": {}, "target": {}}
        for o in sorted(obs, key=lambda o: (G.nodes[o["article"]].get("date", "") if o.get("article") in G else "", o.get("evidence", ""))):
            # the latest article wins a period; the table lists what it says
            series["target" if o.get("is_target") else "result"][o.get("period", "")] = (o["value"], o.get("evidence", ""), o.get("article_label", ""))
        res = {p: (v, ev) for p, (v, ev, _a) in series["result"].items()}
        tgt = {p: (v, ev) for p, (v, ev, _a) in series["target"].items()}
        rows = [{"period": p,
                 "result": fmt_number(res[p][0]) if p in res else "", "result_evidence": res.get(p, (0, ""))[1],
                 "target": fmt_number(tgt[p][0]) if p in tgt else "", "target_evidence": tgt.get(p, (0, ""))[1]}
                for p in periods]
        en = obs[0].get("indicator_label_en", "")
        title = ind + (f" ({en})" if en and en != ind else "")
        basis = obs[0].get("basis_label") or obs[0].get("basis", "")
        charts.append({"title": title, "subtitle": f"{measure}, {unit}" + (f", {basis}" if basis else ""),
                       "svg": Markup(chart_svg(periods, res, tgt, unit, title)), "rows": rows})

    arts = {n for n, d in G.nodes(data=True) if d["kind"] == "article" and d.get("province") == pname}
    for d in nodes.values():  # articles that name no province but report facts of this one
        arts.update(a for a in d.get("articles", ()) if a in G and not G.nodes[a].get("province"))
    articles = [dict(a, date=_when(a["date"], "")[1] if a.get("date") else "")
                for a in sorted((G.nodes[a] for a in arts), key=lambda a: (a.get("date", ""), a.get("name", "")))]
    return {"province": pname, "officials": officials, "bodies": bodies, "events": events,
            "charts": charts, "articles": articles}


def province_report(G: nx.MultiDiGraph, prov: str, index_href: str | None = None,
                    data: dict | None = None) -> str:
    """The HTML page of one province node of ``G``."""
    data = data or _province_data(G, prov)
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8").replace("</style", "")
    return _env().get_template("report.html").render(css=Markup(css), version=__version__,
                                                       index_href=index_href, **data)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    return path


def write_reports(store_path: Path, out: Path, province: str | None = None) -> list[Path]:
    """Write report pages for the store at ``store_path``; returns the files written.

    With ``province``: one page at ``out`` when it ends in ``.html`` (or ``.htm``), otherwise
    ``out/<slug>.html`` in the folder ``out`` (the default ``vnkg-report`` is a folder).
    Without: one page per province named in the store, ``<slug>.html``, plus ``index.html``,
    in the folder ``out`` (or in the parent of ``out`` when it ends in ``.html``); the index is
    the last path returned. Raises ``ReportError`` for an unknown province.
    """
    G = to_networkx(read_store(store_path))
    return write_reports_for(G, Path(out), province)


def write_reports_for(G: nx.MultiDiGraph, out: Path, province: str | None = None) -> list[Path]:
    # alphabetical as a reader expects: "Đà Nẵng" among the D's, "Thái Bình" before "Thanh Hóa"
    provinces = sorted((n for n, d in G.nodes(data=True) if d["kind"] == "province"),
                       key=lambda n: (fold(G.nodes[n]["name"]), G.nodes[n]["name"]))
    if province:
        prov = find_province(G, province)
        if prov is None:
            known = ", ".join(G.nodes[p]["name"] for p in provinces) or "none yet"
            raise ReportError(f"no province {province!r} in the store; provinces: {known}")
        is_page = out.suffix.lower() in (".html", ".htm") and not out.is_dir()
        target = out if is_page else out / f"{province_slug(prov)}.html"
        return [_write(target, province_report(G, prov))]
    folder = out.parent if out.suffix.lower() in (".html", ".htm") else out
    written, rows = [], []
    for prov in provinces:
        page = folder / f"{province_slug(prov)}.html"
        data = _province_data(G, prov)
        written.append(_write(page, province_report(G, prov, index_href="index.html", data=data)))
        rows.append({"province": data["province"], "href": page.name, "officials": len(data["officials"]),
                     "bodies": len(data["bodies"]), "events": len(data["events"]),
                     "indicators": len(data["charts"]), "articles": len(data["articles"])})
    css = (TEMPLATES / "report.css").read_text(encoding="utf-8").replace("</style", "")
    index = _env().get_template("report_index.html").render(css=Markup(css), rows=rows, version=__version__)
    written.append(_write(folder / "index.html", index))
    return written
