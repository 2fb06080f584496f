"""The main job end to end on the seeds: idempotent builds, replacement, removal, bad input,
export round trips and SHACL validation."""

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from vnkg.build import build
from vnkg.config import Config
from vnkg.export import EXPORTERS, export
from vnkg.store import article_graphs, open_store, read_store
from vnkg.validate import validate_store

ROOT = Path(__file__).resolve().parent.parent


def quads(path):
    st = read_store(path)
    return sorted(str(q) for q in st.quads_for_pattern(None, None, None, None))


def test_building_twice_changes_nothing(tmp_path):
    cfg = Config.resolve(tmp_path / "s")
    first = build([str(ROOT / "seeds")], cfg)
    before = quads(cfg.store)
    second = build([str(ROOT / "seeds")], cfg)
    assert first.written == 5 and second.written == 0 and second.unchanged == 5
    assert quads(cfg.store) == before


def test_a_changed_article_replaces_only_its_own_graph_and_remove_drops_one(tmp_path):
    src = tmp_path / "in"
    shutil.copytree(ROOT / "seeds", src)
    cfg = Config.resolve(tmp_path / "s")
    build([str(src)], cfg)
    st = read_store(cfg.store)
    other = [str(q) for q in st.quads_for_pattern(None, None, None, ox.NamedNode("https://w3id.org/vnkg/article/000_65ae49e15be055b1"))]
    del st
    f = src / "002_3bd8d15fc88bcb7d.txt"
    f.write_text(f.read_text(encoding="utf-8").replace("Nguyễn Văn Bình", "Nguyễn Văn Bính"), encoding="utf-8")
    res = build([str(src)], cfg)
    assert res.written == 1 and res.unchanged == 4
    st = read_store(cfg.store)
    names = {r["n"].value for r in st.query('SELECT ?n WHERE { GRAPH ?g { ?p <http://xmlns.com/foaf/0.1/name> ?n } }')}
    assert "Nguyễn Văn Bính" in names and "Nguyễn Văn Bình" not in names
    assert [str(q) for q in st.quads_for_pattern(None, None, None, ox.NamedNode("https://w3id.org/vnkg/article/000_65ae49e15be055b1"))] == other
    del st
    out = subprocess.run([sys.executable, "-m", "vnkg.cli", "remove", "002_3bd8d15fc88bcb7d", "--store", str(cfg.store)],
                         capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "002_3bd8d15fc88bcb7d" not in article_graphs(read_store(cfg.store)).values()
    assert len(article_graphs(read_store(cfg.store))) == 4


def test_bad_input_is_reported_others_built_and_nothing_stored_is_lost(tmp_path):
    cfg = Config.resolve(tmp_path / "s")
    build([str(ROOT / "seeds")], cfg)
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    (bad / "empty.txt").write_bytes(b"")
    (bad / "feed.jsonl").write_text('{"id": "ok1", "text": "Sáng 5/3/2024, Sở Công Thương tổ chức hội nghị."}\n{broken\n', encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "vnkg.cli", "build", str(bad), "--store", str(cfg.store)],
                         capture_output=True, text=True)
    assert out.returncode == 1
    assert "binary.txt" in out.stderr and "empty.txt" in out.stderr and "feed.jsonl:2" in out.stderr
    assert "Traceback" not in out.stderr
    ids = set(article_graphs(read_store(cfg.store)).values())
    assert "ok1" in ids and len(ids) == 6


@pytest.mark.parametrize("fmt", sorted(EXPORTERS))
def test_every_export_format_round_trips(seed_store, fmt):
    st = read_store(seed_store)
    buf = io.BytesIO()
    n = export(st, fmt, None, buf)
    data = buf.getvalue()
    if fmt == "jsonld":
        import rdflib
        ds = rdflib.Dataset()
        ds.parse(data=data.decode("utf-8"), format="json-ld")
        count = sum(1 for _ in ds.quads((None, None, None, None)))
    else:
        rdf_fmt = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG, "turtle": ox.RdfFormat.TURTLE,
                   "ntriples": ox.RdfFormat.N_TRIPLES, "rdfxml": ox.RdfFormat.RDF_XML}[fmt]
        count = len(set(ox.parse(data, format=rdf_fmt)))
    assert n > 1000 and count == n


def test_seed_store_validates_and_a_broken_store_does_not(seed_store, tmp_path):
    res = validate_store(read_store(seed_store))
    assert res.conforms, res.report
    broken = tmp_path / "broken"
    shutil.copytree(seed_store, broken)
    st = open_store(broken)
    g = ox.NamedNode("https://w3id.org/vnkg/article/000_65ae49e15be055b1")
    obs = next(q.subject for q in st.quads_for_pattern(None, ox.NamedNode("https://w3id.org/vnkg/ont#value"), None, g))
    st.remove(next(iter(st.quads_for_pattern(obs, ox.NamedNode("https://w3id.org/vnkg/ont#value"), None, g))))
    st.flush()
    del st
    res = validate_store(read_store(broken))
    assert not res.conforms and res.violations >= 1 and "value" in res.report
    out = subprocess.run([sys.executable, "-m", "vnkg.cli", "validate", "--store", str(broken)], capture_output=True, text=True)
    assert out.returncode == 1 and "NOT conform" in out.stdout


def test_evaluate_scores_the_seed_store_against_the_gold(seed_store):
    gold = ROOT.parent / "shared" / "gold"
    if not gold.is_dir():
        pytest.skip("../shared/gold is not beside this checkout")
    from vnkg.evaluate import evaluate
    ev = evaluate(read_store(seed_store), gold)
    assert ev.documents == 5
    assert ev.kinds["persons"].f1 > 0.9 and ev.micro.f1 > 0.8


def test_a_document_codes_issuer_part_is_not_a_body_and_a_cells_standing_board_is_its_own():
    from vnkg.document import Document
    from vnkg.extract import extract
    from vnkg.normalize import normalize

    text = ("Đảng ủy Sở Công Thương làm việc\n\n"
            "Ngày 5/3/2024, Ban Thường vụ Đảng ủy Sở Công Thương họp triển khai Kế hoạch số 28-KH/TU ngày 1/3/2024.")
    orgs = {(o.name, o.type) for o in extract(normalize(Document("x", text, "x.txt"))).organizations}
    assert ("Ban Thường vụ Đảng ủy Sở Công Thương", "PartyCommittee") in orgs
    assert not any(name == "Tỉnh ủy" or name == "Ban Thường vụ Tỉnh ủy" for name, _ in orgs)


def test_a_visiting_official_and_body_belong_to_their_own_province(tmp_path):
    art = tmp_path / "visit.txt"
    art.write_text("Sở Công Thương Yên Bái làm việc với Sở Công Thương Nam Định\n\n"
                   "Sáng 5/6/2024, Sở Công Thương tỉnh Yên Bái làm việc với Đoàn công tác Sở Công Thương "
                   "tỉnh Nam Định do đồng chí Trịnh Văn Khải, Giám đốc Sở Công Thương tỉnh Nam Định làm trưởng đoàn. "
                   "Đồng chí Phạm Quang Tuyến, Giám đốc Sở Công Thương tỉnh Yên Bái chủ trì buổi làm việc.",
                   encoding="utf-8")
    config = Config.resolve(store=tmp_path / "store", base="https://example.org/kg/")
    build([str(art)], config)
    rows = ox.Store.read_only(str(config.store)).query(
        "PREFIX org: <http://www.w3.org/ns/org#> SELECT ?p ?o WHERE { GRAPH ?g { ?m org:member ?p ; org:organization ?o } }")
    pairs = {(r["p"].value.rsplit("/", 2)[-2], r["o"].value.rsplit("/", 2)[-2]) for r in rows}
    assert pairs == {("nam-dinh", "nam-dinh"), ("yen-bai", "yen-bai")}


def test_the_same_name_is_one_person_within_a_province_and_two_across_provinces(tmp_path):
    texts = {
        "tb1.txt": "Sở Công Thương Thái Bình tổng kết năm 2023\n\nNgày 5/1/2024, Sở Công Thương tỉnh Thái Bình "
                   "tổ chức hội nghị. Đồng chí Nguyễn Văn An, Giám đốc Sở Công Thương chủ trì hội nghị.",
        "tb2.txt": "Thái Bình: kiểm tra Sở Công Thương\n\nNgày 9/3/2024, Đoàn kiểm tra của Ban Thường vụ Tỉnh ủy "
                   "Thái Bình làm việc với Sở Công Thương. Báo cáo có ông Nguyễn Văn An, Giám đốc Sở Công Thương.",
        "ls.txt": "Lạng Sơn: hội nghị ngành Công Thương\n\nNgày 7/1/2024, Sở Công Thương tỉnh Lạng Sơn tổ chức "
                  "hội nghị. Đồng chí Nguyễn Văn An, Phó Giám đốc Sở Công Thương phát biểu.",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    config = Config.resolve(store=tmp_path / "store")
    build([str(tmp_path / n) for n in texts], config)
    rows = ox.Store.read_only(str(config.store)).query(
        "PREFIX vnkg: <https://w3id.org/vnkg/ont#> PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
        "SELECT ?p (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?p foaf:name \"Nguyễn Văn An\" } } GROUP BY ?p")
    seen = {r["p"].value.rsplit("/", 2)[-2]: int(r["n"].value) for r in rows}
    assert seen == {"thai-binh": 2, "lang-son": 1}


def test_every_post_role_in_the_store_has_its_vocabulary_label(tmp_path):
    """A minted role IRI is the vocabulary's concept (the head of the standing NA delegation too)."""
    art = tmp_path / "na.txt"
    art.write_text("Đoàn ĐBQH tỉnh Kon Tum tiếp xúc cử tri\n\nSáng 21/6/2024, Đoàn đại biểu Quốc hội tỉnh Kon Tum tiếp xúc cử tri. "
                   "Chủ trì có đồng chí Đinh Văn Mươi, Phó Bí thư Tỉnh ủy, Trưởng đoàn ĐBQH tỉnh và đồng chí Võ Thị Phương Thảo, "
                   "Phó Trưởng đoàn chuyên trách Đoàn ĐBQH tỉnh.", encoding="utf-8")
    config = Config.resolve(store=tmp_path / "store")
    build([str(art)], config)
    rows = list(ox.Store.read_only(str(config.store)).query(
        "PREFIX org: <http://www.w3.org/ns/org#> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT ?r (SAMPLE(?l) AS ?label) WHERE { GRAPH ?g { ?m org:role ?r } OPTIONAL { GRAPH ?v { ?r skos:prefLabel ?l FILTER(lang(?l) = \"vi\") } } } GROUP BY ?r"))
    labels = {r["r"].value.rsplit("/", 1)[1]: (r["label"].value if r["label"] else None) for r in rows}
    assert labels == {"pho-bi-thu": "Phó Bí thư", "truong-doan": "Trưởng đoàn", "pho-truong-doan": "Phó Trưởng đoàn"}
