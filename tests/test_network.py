"""vnkg.network: the store as a typed networkx graph, its stats and its GraphML/GEXF export."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest

from vnkg.network import (EDGE_KINDS, KINDS, entity_graph, find_nodes, find_province, fold,
                          network_stats, parse_kinds, print_network_stats, to_networkx,
                          write_graph_file)

FIXTURE = Path(__file__).parent / "fixtures" / "network.trig"
B = "https://w3id.org/vnkg/"
LIEM = B + "person/thai-binh/tran-thanh-liem"
HUNG = B + "person/pham-quoc-hung"
XSS = B + "org/thai-binh/xss"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("network") / "store"
    s = ox.Store(str(path))
    s.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    return s


@pytest.fixture(scope="module")
def G(store):
    return to_networkx(store)


def kinds_of(G):
    out = {}
    for _n, d in G.nodes(data=True):
        out[d["kind"]] = out.get(d["kind"], 0) + 1
    return out


def test_nodes_are_typed_iris_with_the_contract_attributes(G):
    assert kinds_of(G) == {"article": 3, "province": 2, "person": 5, "party_committee": 3,
                           "party_board": 2, "state_agency": 4, "delegation": 1, "document": 3,
                           "event": 3, "indicator": 13}
    for n, d in G.nodes(data=True):
        assert n.startswith(B)
        assert d["kind"] in KINDS
        for key in ("label", "province", "evidence", "article", "posts"):
            assert key in d, (n, key)
        assert isinstance(d["posts"], list)
    # a province named by no fact (Hà Nội is in the vocabulary graph) is not drawn
    assert B + "province/ha-noi" not in G


def test_person_carries_posts_province_and_evidence_with_its_article(G):
    d = G.nodes[LIEM]
    assert d["label"] == "Trần Thanh Liêm" and d["province"] == "Thái Bình"
    assert d["posts"] == ["Chủ tịch, UBND tỉnh Thái Bình", "Phó Bí thư, Tỉnh ủy Thái Bình"]
    assert d["mentions"] == 2 and len(d["articles"]) == 2
    assert "Trần Thanh Liêm" in d["evidence"]
    assert d["article"] in d["articles"] and G.nodes[d["article"]]["kind"] == "article"
    assert d["article_label"] == G.nodes[d["article"]]["name"]


def test_edges_say_what_they_mean(G):
    def edges(kind):
        return {(u, v, d["label"]) for u, v, d in G.edges(data=True) if d["kind"] == kind}

    assert all(d["kind"] in EDGE_KINDS and d["label"] for *_e, d in G.edges(data=True))
    # a post is labelled with its role; two articles naming the same post give one edge
    assert (LIEM, B + "org/thai-binh/ubnd-tinh", "Chủ tịch") in edges("post")
    assert len([e for e in edges("post") if e[0] == LIEM]) == 2
    assert len([1 for u, v, d in G.edges(data=True) if d["kind"] == "post" and u == LIEM]) == 2
    assert (LIEM, B + "event/tb-inspection/1", "led") in edges("led")
    assert (B + "org/thai-binh/so-cong-thuong", B + "event/tb-inspection/1", "hosted") in edges("hosted")
    assert (B + "document/thai-binh/tinh-uy/10-nq-tu", B + "document/bch-trung-uong/24-nq-tw",
            "implements") in edges("implements")
    assert (B + "document/thai-binh/tinh-uy/10-nq-tu", B + "org/thai-binh/tinh-uy", "issued by") in edges("issued_by")
    assert (B + "event/tb-inspection/1", B + "document/thai-binh/tinh-uy/10-nq-tu", "about") in edges("about")


def test_indicator_figures_keep_value_period_and_target(G):
    figs = [d for _n, d in G.nodes(data=True) if d["kind"] == "indicator" and d["indicator_key"] == "export_turnover"]
    assert {(d["period"], d["value"], d["is_target"]) for d in figs} == {
        ("2021", 1200.0, False), ("2022", 1450.0, False), ("2022", 1500.0, True),
        ("2023", 1700.0, True), ("2023", 1650.0, False), ("2024", 2000.0, True)}
    assert all(d["unit_key"] == "million USD" and d["province"] == "Thái Bình" for d in figs)


def test_markup_in_a_name_is_kept_verbatim_in_the_graph(G):
    assert G.nodes[XSS]["label"] == "<img src=x onerror=alert(1)>"


def test_find_nodes_and_provinces_ignore_case_and_accents(G):
    assert find_nodes(G, "tran thanh liem") == [LIEM]
    assert find_nodes(G, LIEM) == [LIEM]
    # the canonical name is shared by two provinces' departments: both are returned
    assert set(find_nodes(G, "so cong thuong")) == {B + "org/thai-binh/so-cong-thuong", B + "org/lang-son/so-cong-thuong"}
    assert find_nodes(G, "nobody at all") == []
    assert find_province(G, "thai binh") == B + "province/thai-binh"
    assert find_province(G, "lang-son") == B + "province/lang-son"
    assert find_province(G, "Hà Nội") is None
    assert fold("Đỗ Văn An") == "do van an"


def test_parse_kinds_accepts_words_people_type():
    assert parse_kinds(["person,state-agency"]) == {"person", "state_agency"}
    assert parse_kinds(["PartyBoard", "events"]) == {"party_board", "event"}
    assert parse_kinds(["bodies"]) == {"party_committee", "party_board", "state_agency", "delegation", "organization"}
    with pytest.raises(ValueError, match="kinds are"):
        parse_kinds(["planets"])


def test_network_stats(store, G):
    s = network_stats(store, top=3)
    json.dumps(s)  # JSON-serialisable
    assert s["nodes"] == G.number_of_nodes() and s["edges"] == G.number_of_edges()
    assert s["central_officials"][0]["iri"] == LIEM
    assert len(s["central_officials"]) == 3
    assert {b["kind"] for b in s["central_bodies"]} <= {"party_committee", "party_board", "state_agency", "delegation", "organization"}
    assert s["central_bodies"][0]["iri"] == B + "org/thai-binh/so-cong-thuong"
    comps = s["components"]
    assert comps["count"] == nx.number_connected_components(entity_graph(G))
    assert comps["sizes"][0] == 12
    links = {p["iri"]: p for p in s["province_links"]}
    assert set(links) == {HUNG}
    assert links[HUNG]["provinces"] == ["Lạng Sơn", "Thái Bình"]


def test_print_network_stats_prints_names_as_text(store, capsys):
    print_network_stats(store, top=5)
    out = capsys.readouterr().out
    assert "Most central officials" in out and "Trần Thanh Liêm" in out
    assert "People who link provinces" in out and "Phạm Quốc Hùng" in out
    assert "<img src=x" in out  # shown as typed, not taken for markup


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_write_graph_file_round_trips(store, G, tmp_path, fmt):
    path = tmp_path / f"net.{fmt}"
    n = write_graph_file(store, path, fmt)
    assert n == G.number_of_nodes()
    H = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert H.number_of_nodes() == G.number_of_nodes()
    assert H.number_of_edges() == G.number_of_edges()
    d = H.nodes[LIEM]
    assert d["kind"] == "person" and d["label"] == "Trần Thanh Liêm"
    assert d["posts"] == "Chủ tịch, UBND tỉnh Thái Bình | Phó Bí thư, Tỉnh ủy Thái Bình"
    assert H.nodes[XSS]["label"] == "<img src=x onerror=alert(1)>"
    kinds = {d.get("kind") for *_e, d in H.edges(data=True)}
    assert "post" in kinds and "implements" in kinds


def test_write_graph_file_rejects_unknown_formats(store, tmp_path):
    with pytest.raises(ValueError, match="graphml or gexf"):
        write_graph_file(store, tmp_path / "x.dot", "dot")


def test_empty_store_gives_an_empty_graph(tmp_path):
    s = ox.Store(str(tmp_path / "empty"))
    G = to_networkx(s)
    assert G.number_of_nodes() == 0
    st = network_stats(s)
    assert st["nodes"] == 0 and st["central_officials"] == [] and st["components"]["count"] == 0


def test_seed_store_network(seed_store):
    from vnkg.store import read_store

    store = read_store(seed_store)
    G = to_networkx(store)
    k = kinds_of(G)
    assert k.get("person", 0) >= 3 and k.get("article") == 5 and k.get("province", 0) >= 1
    assert all(d["kind"] in EDGE_KINDS for *_e, d in G.edges(data=True))
    posts = [d for *_e, d in G.edges(data=True) if d["kind"] == "post"]
    assert posts and all(d["label"] for d in posts)
    json.dumps(network_stats(store))


# ---------------------------------------------------------------------------- what a reader sees

READING = Path(__file__).parent / "fixtures" / "reading.trig"


@pytest.fixture(scope="module")
def small_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("small") / "store"
    s = ox.Store(str(path))
    s.load(path=str(READING), format=ox.RdfFormat.TRIG)
    del s
    return path


@pytest.fixture(scope="module")
def small(small_store):
    from vnkg.store import read_store
    return to_networkx(read_store(small_store))


def test_event_dates_read_as_people_write_them(small):
    from vnkg.network import display_date

    assert display_date("--05-09") == "09/05" and display_date("2024-01-10") == "10/01/2024"
    ev = small.nodes[B + "event/a/0"]
    assert ev["label"] == "Inspection 09/05: Sở Công Thương" and "--05" not in ev["name"]
    assert ev["date"] == "--05-09" and ev["date_label"] == "09/05"  # the datum itself is kept
    assert small.nodes[B + "event/a/1"]["label"] == "Conference 10/01/2024: Sở Công Thương"


def test_a_figure_without_period_has_no_stray_space(small):
    d = small.nodes[B + "observation/a/0"]
    assert d["name"] == "Đảng viên: 100 phần trăm"
    assert small.nodes[B + "observation/a/1"]["name"] == "Chỉ số giá tiêu dùng 2023: 3.15 phần trăm"


def test_basis_has_a_readable_label(small):
    d = small.nodes[B + "observation/a/1"]
    assert d["basis"] == "previous_year" and d["basis_label"] == "so với cùng kỳ"


def test_kinds_that_share_a_shape_differ_clearly_in_colour():
    def rgb(c):
        return tuple(int(c[i:i + 2], 16) for i in (1, 3, 5))

    for a in KINDS.values():
        for b in KINDS.values():
            if a.key < b.key and a.shape == b.shape:
                dist = sum((x - y) ** 2 for x, y in zip(rgb(a.color), rgb(b.color))) ** 0.5
                assert dist > 100, (a.key, b.key, a.color, b.color)


def test_print_network_stats_says_when_no_one_links_provinces(small_store, capsys):
    from vnkg.store import read_store

    print_network_stats(read_store(small_store))
    out = capsys.readouterr().out
    assert "People who link provinces: none" in out
