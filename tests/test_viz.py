"""vnkg.viz: the offline network page, checked in Python and, as a person would, in Chromium.

The browser tests open the page from a file URL in headless Chromium with the network
emulated offline, wait for the network to draw, and read the page's own data. They skip only
when no Chromium binary exists. Screenshots of the seed graph and of a focused view are left
in /tmp/vnkg-shots/ for a person to look at.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pyoxigraph as ox
import pytest

from vnkg.network import to_networkx
from vnkg.viz import (PHYSICS_LIMIT, HeadlessChromium, VizError, find_chromium, layout,
                      select_view, write_viz)

FIXTURE = Path(__file__).parent / "fixtures" / "network.trig"
SHOTS = Path("/tmp/vnkg-shots")
B = "https://w3id.org/vnkg/"
LIEM = B + "person/thai-binh/tran-thanh-liem"
XSS = B + "org/thai-binh/xss"
XSS_NAME = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("viz") / "store"
    s = ox.Store(str(path))
    s.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    del s
    return path


@pytest.fixture(scope="module")
def G(store_path):
    from vnkg.store import read_store
    return to_networkx(read_store(store_path))


@pytest.fixture(scope="module")
def page(store_path, tmp_path_factory):
    out = tmp_path_factory.mktemp("page") / "network.html"
    return write_viz(store_path, out)


def page_data(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="vnkg-data">(.*?)</script>', html, re.S)
    return json.loads(m.group(1))


EXTERNAL = re.compile(r"""<(?:script|link|img|iframe|source|embed|object)\b[^>]*\b(?:src|href|data)\s*=\s*["']?\s*(?:https?:)?//""", re.I)


def assert_offline(html: str):
    assert not EXTERNAL.search(html), EXTERNAL.search(html).group(0)
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", html, re.I)


# ---------------------------------------------------------------------------- the file

def test_page_is_self_contained_and_counts_match(page, G):
    html = page.path.read_text(encoding="utf-8")
    assert_offline(html)
    assert "vis-network" in html and "new vis.Network" in html
    assert "Content-Security-Policy" in html
    data = page_data(html)
    assert page.nodes == len(data["nodes"]) == G.number_of_nodes()
    assert page.edges == len(data["edges"])
    assert page.omitted == 0
    pairs = {(u, v) for u, v in G.to_directed().edges() if u != v}
    assert page.edges == len(pairs)  # parallel edges share one line


def test_text_from_articles_never_reaches_the_page_as_markup(page):
    html = page.path.read_text(encoding="utf-8")
    assert XSS_NAME not in html
    assert "onerror=alert(1)>" not in html
    data = page_data(html)
    node = next(n for n in data["nodes"] if n["id"] == XSS)
    assert node["label"] == XSS_NAME  # the data still says exactly what the article said


def test_nodes_styled_by_kind_and_sized_by_centrality(page):
    data = page_data(page.path.read_text(encoding="utf-8"))
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id[LIEM]["shape"] == "dot" and by_id[LIEM]["kind"] == "person"
    assert by_id[B + "org/thai-binh/tinh-uy"]["shape"] == "hexagon"
    assert by_id[B + "document/thai-binh/tinh-uy/10-nq-tu"]["shape"] == "diamond"
    assert by_id[B + "event/tb-inspection/1"]["shape"] == "star"
    assert by_id[LIEM]["value"] > by_id[B + "person/thai-binh/nguyen-thi-hoa"]["value"]
    assert by_id[LIEM]["posts"] and by_id[LIEM]["evidence"] and by_id[LIEM]["province"] == "Thái Bình"
    labels = {(e["from"], e["to"]): e.get("label") for e in data["edges"]}
    assert labels[(LIEM, B + "org/thai-binh/ubnd-tinh")] == "Chủ tịch"
    assert labels[(LIEM, B + "event/tb-inspection/1")] == "led"
    assert labels[(B + "document/thai-binh/tinh-uy/10-nq-tu", B + "org/thai-binh/tinh-uy")] == "issued by"
    assert data["options"]["physics"]["enabled"] is True  # small graph: vis settles it


def test_edge_words_are_left_to_hover_only_on_very_big_pages(tmp_path):
    import networkx as nx

    from vnkg.viz import EDGE_LABEL_LIMIT, graph_page

    g = nx.MultiDiGraph()
    n = EDGE_LABEL_LIMIT + 1
    for i in range(n):
        g.add_node(f"{B}person/p{i}", kind="person", label=f"Người {i}", name=f"Người {i}")
    for i in range(1, n):
        g.add_edge(f"{B}person/p{i}", f"{B}person/p{i - 1}", key="led", kind="led", label="led")
    r = graph_page(g, tmp_path / "huge.html", max_nodes=n)
    html = r.path.read_text(encoding="utf-8")
    edges = page_data(html)["edges"]
    assert not any("label" in e for e in edges) and all(" led " in e["title"] for e in edges)
    assert "hover over a line to read it" in html


def test_dates_in_the_tooltip_read_as_people_write_them(page):
    data = page_data(page.path.read_text(encoding="utf-8"))
    by_id = {n["id"]: n for n in data["nodes"]}
    assert by_id[B + "event/tb-inspection/1"]["date"] == "09/05/2024"


def test_focus_draws_the_neighbourhood(store_path, tmp_path):
    r = write_viz(store_path, tmp_path / "f.html", focus="tran thanh liem", depth=1)
    ids = {n["id"] for n in page_data(r.path.read_text(encoding="utf-8"))["nodes"]}
    assert LIEM in ids and B + "org/thai-binh/ubnd-tinh" in ids and B + "event/tb-inspection/1" in ids
    assert B + "person/lang-son/nguyen-van-binh" not in ids
    r2 = write_viz(store_path, tmp_path / "f2.html", focus=LIEM, depth=2)
    assert r2.nodes > r.nodes
    with pytest.raises(VizError, match="nothing in the graph is called"):
        write_viz(store_path, tmp_path / "x.html", focus="Không Ai Cả")


def test_focus_does_not_walk_through_articles(G):
    view = select_view(G, focus=LIEM, depth=3)
    # Lạng Sơn's people are only reachable through an article or a province: never drawn
    assert B + "person/lang-son/nguyen-van-binh" not in view.graph


def test_province_and_kinds_restrict(store_path, tmp_path, G):
    r = write_viz(store_path, tmp_path / "p.html", province="lang son")
    data = page_data(r.path.read_text(encoding="utf-8"))
    assert all("Lạng Sơn" in n["provinces"] for n in data["nodes"])
    assert LIEM not in {n["id"] for n in data["nodes"]}
    r = write_viz(store_path, tmp_path / "k.html", kinds=["person", "state-agency"])
    kinds = {n["kind"] for n in page_data(r.path.read_text(encoding="utf-8"))["nodes"]}
    assert kinds == {"person", "state_agency"}
    with pytest.raises(VizError, match="kinds are"):
        write_viz(store_path, tmp_path / "k.html", kinds=["planet"])
    with pytest.raises(VizError, match="no province"):
        write_viz(store_path, tmp_path / "k.html", province="Atlantis")


def test_max_nodes_keeps_the_most_central_and_says_so(store_path, tmp_path, capsys, G):
    r = write_viz(store_path, tmp_path / "m.html", max_nodes=10)
    assert r.nodes == 10 and r.omitted == G.number_of_nodes() - 10
    err = capsys.readouterr().err
    assert f"{r.omitted} of {G.number_of_nodes()} nodes left out" in err
    html = r.path.read_text(encoding="utf-8")
    assert f"{r.omitted} left out" in html and 'id="omitted"' in html
    ids = {n["id"] for n in page_data(html)["nodes"]}
    assert LIEM in ids and B + "province/thai-binh" in ids
    # the focus is kept whatever its rank
    r = write_viz(store_path, tmp_path / "m2.html", focus="Đỗ Văn An", depth=5, max_nodes=2)
    assert B + "person/thai-binh/do-van-an" in {n["id"] for n in page_data(r.path.read_text(encoding="utf-8"))["nodes"]}


def test_layout_is_deterministic_and_spread():
    import networkx as nx

    g = nx.barabasi_albert_graph(300, 2, seed=3)
    a, b = layout(g, seed=7), layout(g, seed=7)
    assert a == b
    xs = [p[0] for p in a.values()]
    assert max(xs) - min(xs) > 5  # not collapsed to a point


def test_empty_store_gives_a_page_that_says_so(tmp_path):
    ox.Store(str(tmp_path / "empty"))
    r = write_viz(tmp_path / "empty", tmp_path / "e.html")
    assert r.nodes == 0 and "no articles yet" in r.path.read_text(encoding="utf-8")


# ---------------------------------------------------------------------------- in Chromium

needs_chromium = pytest.mark.skipif(find_chromium() is None, reason="no chromium binary")


@pytest.fixture(scope="module")
def browser():
    if find_chromium() is None:
        pytest.skip("no chromium binary")
    with HeadlessChromium(width=1400, height=900, timeout=40) as b:
        yield b


def open_page(b: HeadlessChromium, path: Path) -> dict:
    b.errors.clear()
    b.dialogs.clear()
    b.requests.clear()
    b.open(path)
    return b.wait_for("window.vnkgReady && window.vnkgReady.drawn && window.vnkgReady.stabilized && window.vnkgReady")


def node_point(b: HeadlessChromium, node_id: str) -> tuple[float, float]:
    return b.evaluate("""(function (id) {
        vnkg.network.focus(id, {scale: 1.6});
        var p = vnkg.network.canvasToDOM(vnkg.network.getPosition(id));
        var r = document.getElementById('graph').getBoundingClientRect();
        return [p.x + r.left, p.y + r.top]; })(%s)""" % json.dumps(node_id))


@needs_chromium
def test_page_draws_offline_with_its_data_and_no_errors(browser, page):
    ready = open_page(browser, page.path)
    assert ready["nodes"] == page.nodes and ready["edges"] == page.edges
    assert browser.evaluate("vnkg.view.length") == page.nodes
    assert browser.evaluate("vnkg.edges.length") == page.edges
    assert browser.evaluate("Object.keys(vnkg.network.body.nodes).length") >= page.nodes
    assert browser.errors == [] and browser.dialogs == [] and browser.requests == []


@needs_chromium
def test_markup_in_a_name_shows_as_text_on_hover(browser, page):
    open_page(browser, page.path)
    x, y = node_point(browser, XSS)
    time.sleep(0.1)
    browser.mouse_move(x - 40, y - 40)
    browser.mouse_move(x, y)
    tip = browser.wait_for("""(function () { var t = document.querySelector('div.vis-tooltip');
        return t && t.style.visibility !== 'hidden' && t.textContent; })()""", timeout=10)
    assert XSS_NAME in tip and "Party board" in tip and "Province: Thái Bình" in tip
    assert "Trưởng ban: Đỗ Văn An" in tip  # posts
    assert "“Ông Đỗ Văn An, Trưởng <img src=x onerror=alert(1)>, phát biểu.”" in tip  # evidence
    assert "Hội nghị tổng kết công tác năm 2023" in tip  # ... with its article
    assert browser.evaluate("document.querySelectorAll('img').length") == 0
    assert browser.evaluate("document.querySelector('div.vis-tooltip').innerHTML").count("&lt;img") >= 1
    # click keeps the details in the side panel, as text too
    browser.click(x, y)
    details = browser.wait_for("document.getElementById('details').textContent.indexOf('onerror') >= 0 && document.getElementById('details').textContent")
    assert XSS_NAME in details
    assert browser.evaluate("document.querySelectorAll('img').length") == 0
    assert browser.dialogs == [] and browser.errors == []


@needs_chromium
def test_search_and_filters(browser, page):
    open_page(browser, page.path)
    browser.evaluate("""(function () { var s = document.getElementById('search');
        s.value = 'tran thanh liem'; s.dispatchEvent(new Event('change')); })()""")
    assert browser.evaluate("vnkg.network.getSelectedNodes()") == [LIEM]
    assert "Trần Thanh Liêm" in browser.evaluate("document.getElementById('details').textContent")
    # kinds: untick everything but people
    n_people = browser.evaluate("vnkg.nodes.get().filter(function (n) { return n.kind === 'person'; }).length")
    browser.evaluate("""(function () { document.querySelectorAll('#kinds input').forEach(function (b) {
        b.checked = b.value === 'person'; }); document.querySelector('#kinds input').dispatchEvent(new Event('change')); })()""")
    assert browser.evaluate("vnkg.view.length") == n_people == 5
    # province
    browser.evaluate("""(function () { document.getElementById('reset').click();
        var p = document.getElementById('province'); p.value = 'Lạng Sơn'; p.dispatchEvent(new Event('change')); })()""")
    ids = browser.evaluate("vnkg.view.getIds()")
    assert LIEM not in ids and B + "person/lang-son/nguyen-van-binh" in ids
    options = browser.evaluate("Array.from(document.querySelectorAll('#province option')).map(function (o) { return o.textContent; })")
    assert options == ["All provinces", "Lạng Sơn", "Thái Bình"]
    assert browser.errors == []


TIP_SHOWN = """(function () { var t = document.querySelector('div.vis-tooltip');
    return !!(t && t.style.visibility !== 'hidden'); })()"""


@needs_chromium
def test_a_tooltip_does_not_outlive_its_node(browser, page):
    # hover a figure, go to the side panel, untick "Indicator figure": its tooltip stayed up
    open_page(browser, page.path)
    fig = B + "observation/tb-inspection/1"
    x, y = node_point(browser, fig)
    time.sleep(0.1)
    browser.mouse_move(x - 40, y - 40)
    browser.mouse_move(x, y)
    browser.wait_for(TIP_SHOWN, timeout=10)
    box = browser.evaluate("""(function () { var r = document.querySelector('#kinds input[value=indicator]').getBoundingClientRect();
        return [r.left + r.width / 2, r.top + r.height / 2]; })()""")
    browser.click(*box)
    assert browser.evaluate("document.querySelector('#kinds input[value=indicator]').checked") is False
    assert fig not in browser.evaluate("vnkg.view.getIds()")
    assert browser.evaluate(TIP_SHOWN) is False
    # and hovering works again afterwards (the figures come back and physics moves the
    # nodes: stop it so that the point under the mouse stays the node's)
    browser.evaluate("document.getElementById('reset').click(); vnkg.network.stopSimulation()")
    x, y = node_point(browser, LIEM)
    time.sleep(0.1)
    browser.mouse_move(x + 2, y + 2)
    browser.mouse_move(x, y)
    assert browser.wait_for("""(function () { var t = document.querySelector('div.vis-tooltip');
        return !!t && t.style.visibility !== 'hidden' && t.textContent.indexOf('Trần Thanh Liêm') === 0; })()""", timeout=10)
    assert browser.errors == []


@needs_chromium
def test_filters_update_both_counts(browser, page):
    # the summary said "12 nodes · 131 links" after a filter: the links never changed
    open_page(browser, page.path)
    count = "[document.getElementById('count-nodes').textContent, document.getElementById('count-edges').textContent]"
    assert browser.evaluate(count) == [str(page.nodes), str(page.edges)]
    browser.evaluate("""(function () { var p = document.getElementById('province');
        p.value = 'Lạng Sơn'; p.dispatchEvent(new Event('change')); })()""")
    shown = browser.evaluate("""(function () { var ids = new Set(vnkg.view.getIds());
        return [ids.size, vnkg.edges.get().filter(function (e) { return ids.has(e.from) && ids.has(e.to); }).length]; })()""")
    assert 0 < shown[1] < page.edges
    assert browser.evaluate(count) == [str(shown[0]), str(shown[1])]
    browser.evaluate("document.getElementById('kinds-none').click()")
    assert browser.evaluate(count) == ["0", "0"]
    browser.evaluate("document.getElementById('reset').click()")
    assert browser.evaluate(count) == [str(page.nodes), str(page.edges)]
    assert browser.errors == []


@needs_chromium
def test_big_graph_is_laid_out_in_python_with_physics_off(browser, tmp_path):
    import networkx as nx

    from vnkg.viz import graph_page

    g = nx.MultiDiGraph()
    n = PHYSICS_LIMIT + 100
    for i in range(n):
        g.add_node(f"{B}person/p{i}", kind="person", label=f"Người {i}", name=f"Người {i}", province="",
                   provinces=[], posts=[], evidence="", article="", article_label="", mentions=0)
    for i in range(1, n):
        g.add_edge(f"{B}person/p{i}", f"{B}person/p{(i * 7) % i}", key="led", kind="led", label="led")
    r = graph_page(g, tmp_path / "big.html", max_nodes=n)
    data = page_data(r.path.read_text(encoding="utf-8"))
    assert data["options"]["physics"]["enabled"] is False
    assert all("x" in v and "y" in v for v in data["nodes"])
    # physics is off but the lines still say what they mean (500 nodes is the default maximum)
    assert all(e.get("label") == "led" for e in data["edges"])
    assert "zoom in to read them" in r.path.read_text(encoding="utf-8")
    ready = open_page(browser, r.path)
    assert ready["nodes"] == n and browser.errors == []


# ---------------------------------------------------------------------------- the seeds

@pytest.fixture(scope="module")
def seed_pages(seed_store, tmp_path_factory):
    out = tmp_path_factory.mktemp("seedpages")
    whole = write_viz(seed_store, out / "seeds.html")
    focus = write_viz(seed_store, out / "focus.html", focus="Trần Thanh Liêm", depth=2)
    return whole, focus


def test_seed_pages_are_offline(seed_pages):
    for r in seed_pages:
        html = r.path.read_text(encoding="utf-8")
        assert_offline(html)
        assert r.nodes == len(page_data(html)["nodes"]) > 0


@needs_chromium
def test_seed_graph_and_focus_screenshots(browser, seed_pages):
    whole, focus = seed_pages
    SHOTS.mkdir(parents=True, exist_ok=True)
    for r, name in ((whole, "seed-graph.png"), (focus, "seed-focus.png")):
        ready = open_page(browser, r.path)
        assert ready["nodes"] == r.nodes and ready["edges"] == r.edges
        time.sleep(0.2)
        shot = browser.screenshot(SHOTS / name)
        assert shot.stat().st_size > 10_000
        assert browser.errors == [] and browser.requests == []
    assert focus.nodes < whole.nodes
    assert browser.evaluate("vnkg.network.getSelectedNodes().length") >= 1  # the focus is selected
