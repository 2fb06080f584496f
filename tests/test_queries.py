"""Saved queries: discovery, headers, safe parameter binding, the `vnkg query` output, and the
answer of every saved query on the hand-made fixture and on the store built from seeds/."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import load_trig

from vnkg.queries import (bind, is_update, list_queries, load_query, parse_params,
                          query_form, run_query_cli, sparql_literal, sparql_tokens, uses_service)
from vnkg.store import union_query

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "fixtures" / "sample.trig"
SEEDS = ROOT / "seeds"
BASE = "https://w3id.org/vnkg/"

REQUIRED = {"officials", "career", "post-holders", "inspections", "indicator-series",
            "indicator-by-province", "targets-vs-results", "document-chain", "most-cited-documents",
            "co-attendance", "entity", "article", "data-quality", "province-summary"}


# ---------------------------------------------------------------------------- stores

@pytest.fixture(scope="module")
def fixture_store(tmp_path_factory) -> Path:
    return load_trig(FIXTURE, tmp_path_factory.mktemp("fixture") / "store")


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory) -> Path:
    """The store `vnkg build seeds` makes, built once per session through the command line (this
    module's own fixture, on purpose: it checks the saved queries against what users build)."""
    pytest.importorskip("vnkg.cli")
    path = tmp_path_factory.mktemp("seeds") / "store"
    proc = subprocess.run([sys.executable, "-c", "from vnkg.cli import main; main()", "build", str(SEEDS),
                           "--store", str(path)], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert proc.returncode == 0, f"vnkg build seeds failed:\n{proc.stdout}\n{proc.stderr}"
    return path


def run(store_path: Path, name: str, **params) -> list[dict]:
    """Rows of a saved query as dicts of plain strings."""
    text = bind(load_query(name), params)
    store = ox.Store.read_only(str(store_path))
    result = union_query(store, text)
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        return [{v: (sol[v].value if sol[v] is not None else None) for v in variables} for sol in result]
    return [{"s": t.subject.value, "p": t.predicate.value, "o": t.object.value} for t in result]


def has(rows, **want) -> bool:
    """Some row has every wanted value (a value starting with '~' means 'contains')."""
    for r in rows:
        ok = True
        for k, v in want.items():
            got = r.get(k)
            if v is None:
                ok = ok and got is None
            elif v.startswith("~"):
                ok = ok and got is not None and v[1:] in got
            else:
                ok = ok and got == v
        if ok:
            return True
    return False


# ---------------------------------------------------------------------------- discovery

def test_every_required_question_has_a_saved_query():
    names = {q.name for q in list_queries()}
    assert REQUIRED <= names


def test_each_saved_query_has_a_description_and_parses_with_its_defaults():
    store = ox.Store()
    for q in list_queries():
        assert q.description and not q.description.startswith("@"), q.name
        assert q.path.suffix == ".rq"
        text = bind(q, {})
        assert not [t for k, t, _ in sparql_tokens(text) if k == "var" and t.startswith("$")], q.name
        assert query_form(text) in {"SELECT", "CONSTRUCT", "ASK", "DESCRIBE"}, q.name
        store.query(text, use_default_graph_as_union=True)  # parses and runs on an empty store


def test_header_parameters_and_help():
    q = load_query("career")
    assert q.params == {"person": "Hoàng Thái Phúc"}
    assert "name" in q.param_help["person"]
    q = load_query("post-holders")
    assert list(q.params) == ["role", "organization", "province"]
    assert q.params["role"] == "Giám đốc"


def test_load_query_by_name_path_and_unknown(tmp_path):
    assert load_query("officials").name == "officials"
    assert load_query("officials.rq").name == "officials"
    f = tmp_path / "mine.rq"
    f.write_text('# My question.\n# @param x = "1"  a thing\nSELECT ($x AS ?v) WHERE {}\n', encoding="utf-8")
    q = load_query(str(f))
    assert (q.name, q.description, q.params) == ("mine", "My question.", {"x": "1"})
    with pytest.raises(ValueError, match="unknown query 'ofices'.*officials"):
        load_query("ofices")
    with pytest.raises(ValueError, match="no query file"):
        load_query(str(tmp_path / "missing.rq"))


# ---------------------------------------------------------------------------- binding

def test_bind_uses_defaults_and_values():
    q = load_query("career")
    assert '"Hoàng Thái Phúc"' in bind(q, {})
    assert '"Lê Thị Hoa"' in bind(q, {"person": "Lê Thị Hoa"})


def test_bind_rejects_unknown_parameters():
    with pytest.raises(ValueError, match="unknown parameter 'who'.*person"):
        bind(load_query("career"), {"who": "x"})
    with pytest.raises(ValueError, match="unknown parameter"):
        bind("SELECT * WHERE { ?s ?p $o }", {"x": "1"})


def test_bind_leaves_strings_iris_and_comments_alone():
    text = 'SELECT ?v WHERE { BIND("$x" AS ?s) BIND(<urn:$x> AS ?i) BIND($x AS ?v) } # $x'
    out = bind(text, {"x": "A"})
    assert out == 'SELECT ?v WHERE { BIND("$x" AS ?s) BIND(<urn:$x> AS ?i) BIND("A" AS ?v) } # $x'


HOSTILE = ['a"b', 'x" } ; DROP ALL #', "x' } #", '"""', "'''", "back\\", "\\u0022) }", "line\nbreak",
           "cr\rlf", "tab\tx", "{ ?s ?p ?o }", "$x", "?y", "<urn:x>", "} UNION { ?s ?p ?o", "\x0b\x00", "é\u2028"]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_bound_value_is_always_exactly_one_literal(value):
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.Literal("o")))
    q = 'SELECT ?v (COUNT(*) AS ?n) WHERE { ?s ?p ?o . BIND($x AS ?v) } GROUP BY ?v'
    rows = list(store.query(bind(q, {"x": value})))
    assert len(rows) == 1
    assert rows[0]["v"].value == value
    assert rows[0]["n"].value == "1"


def test_bound_values_round_trip_property():
    pytest.importorskip("hypothesis")
    from hypothesis import given, settings, strategies as st

    store = ox.Store()

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=st.characters(blacklist_categories=("Cs",))))
    def check(value):
        rows = list(store.query(bind("SELECT ?v WHERE { BIND($x AS ?v) }", {"x": value})))
        assert len(rows) == 1 and rows[0]["v"].value == value

    check()


def test_literal_escaping_and_params_parsing():
    assert sparql_literal('a"b\\c\nd') == '"a\\"b\\\\c\\nd"'
    assert parse_params(["province=Thái Bình", "x=a=b", "e="]) == {"province": "Thái Bình", "x": "a=b", "e": ""}
    with pytest.raises(ValueError, match="key=value"):
        parse_params(["novalue"])


def test_update_and_service_detection_ignores_strings_and_comments():
    assert is_update("PREFIX x: <urn:x#> INSERT DATA { <a:b> <a:c> <a:d> }")
    assert is_update("# comment\n drop all")
    assert not is_update('SELECT * WHERE { ?s ?p "INSERT DATA" }')
    assert uses_service("SELECT * WHERE { service <http://example.org/sparql> { ?s ?p ?o } }")
    assert not uses_service('SELECT * WHERE { ?s ?p "SERVICE" } # SERVICE')
    assert not uses_service("PREFIX ex: <urn:x#> SELECT * WHERE { ?s ex:service ?service }")
    assert query_form("BASE <urn:x> PREFIX a: <urn:a#> CONSTRUCT WHERE { ?s ?p ?o }") == "CONSTRUCT"


# ---------------------------------------------------------------------------- answers on the fixture

def test_fixture_officials(fixture_store):
    rows = run(fixture_store, "officials")
    assert has(rows, name="Hoàng Thái Phúc", post="Trưởng ban", organization="Ban Nội chính Tỉnh ủy (Thái Bình)",
               province="Thái Bình", article="tb-2022", date="2022-09-22")
    assert has(rows, name="Nguyễn Văn Bình", post="Phó Chủ tịch thường trực", province="Lạng Sơn")
    only = run(fixture_store, "officials", province="thái bình")
    assert only and all(r["province"] == "Thái Bình" for r in only)


def test_fixture_career_in_date_order(fixture_store):
    rows = run(fixture_store, "career", person="hoàng thái phúc")
    assert [(r["post"], r["article"]) for r in rows] == [("Trưởng ban", "tb-2022"), ("Phó Bí thư", "tb-2023")]
    by_iri = run(fixture_store, "career", person=BASE + "person/thai-binh/hoang-thai-phuc")
    assert len(by_iri) == 2


def test_fixture_post_holders_over_time(fixture_store):
    rows = run(fixture_store, "post-holders", province="Thái Bình")
    assert [(r["name"], r["date"]) for r in rows] == [("Đặng Văn Minh", "2021-12-28"), ("Lê Thị Hoa", "2023-12")]
    assert run(fixture_store, "post-holders", province="Lạng Sơn") == []


def test_fixture_inspections(fixture_store):
    rows = run(fixture_store, "inspections")
    assert has(rows, kind="Supervision", lead="Hoàng Thái Phúc", sentBy="Tỉnh ủy (Thái Bình)",
               visited="Sở Công Thương (Thái Bình)", date="2022-09-22", about="~02-CTr/TU")
    assert has(rows, kind="Inspection", lead="Nguyễn Văn Bình", province="Lạng Sơn")
    assert all(r["kind"] in ("Inspection", "Supervision") for r in rows)


def test_fixture_indicator_series(fixture_store):
    rows = run(fixture_store, "indicator-series", province="Thái Bình", indicator="export_turnover")
    levels = [(r["period"], r["value"], r["kind"]) for r in rows if r["measure"] == "level"]
    assert levels == [("2021", "520", "result"), ("2022", "660", "result"), ("2023", "680", "result"),
                      ("2023", "700", "target"), ("2024", "750", "target")]
    assert run(fixture_store, "indicator-series", province="Thái Bình", indicator="Kim ngạch xuất khẩu")


def test_fixture_indicator_by_province(fixture_store):
    rows = run(fixture_store, "indicator-by-province", indicator="export_turnover", period="2023", measure="level")
    results = {(r["province"], r["value"]) for r in rows if r["kind"] == "result"}
    assert results == {("Thái Bình", "680"), ("Lạng Sơn", "1200")}


def test_fixture_targets_vs_results(fixture_store):
    rows = run(fixture_store, "targets-vs-results", indicator="export_turnover", year="2023")
    got = {(r["province"], r["target"], r["result"], r["percentOfTarget"]) for r in rows}
    assert got == {("Thái Bình", "700", "680", "97.14"), ("Lạng Sơn", "1300", "1200", "92.31")}
    future = run(fixture_store, "targets-vs-results", year="2024")
    assert has(future, province="Thái Bình", target="750", result=None)


def test_fixture_document_chain_is_transitive(fixture_store):
    rows = run(fixture_store, "document-chain")
    assert {(r["document"], r["implements"]) for r in rows} == {
        ("02-CTr/TU", "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX"), ("02/CTHĐ-UBND", "02-CTr/TU")}
    assert {r["document"] for r in run(fixture_store, "document-chain", document="02-CTr/TU")} == {"02/CTHĐ-UBND"}


def test_fixture_most_cited_documents(fixture_store):
    rows = run(fixture_store, "most-cited-documents")
    assert rows[0]["document"] == "02-CTr/TU"
    assert (rows[0]["articles"], rows[0]["events"], rows[0]["implementedBy"]) == ("2", "1", "1")


def test_fixture_co_attendance(fixture_store):
    rows = run(fixture_store, "co-attendance")
    assert has(rows, official1="Hoàng Thái Phúc", official2="Lê Thị Hoa", events="1")
    assert run(fixture_store, "co-attendance", person="Nguyễn Văn Bình") == []


def test_fixture_entity_with_evidence_and_mentions(fixture_store):
    rows = run(fixture_store, "entity", entity="Hoàng Thái Phúc")
    assert has(rows, direction="out", property="mention", value='~"Hoàng Thái Phú" (fuzzy-name)', article="tb-2022")
    assert has(rows, direction="out", property="mention", value="~title-only", article="tb-2023")
    assert has(rows, direction="in", property="lead", value="Giám sát tại Sở Công Thương")
    assert has(rows, direction="out", property="mentioned in", evidence="~Trưởng ban Nội chính")
    assert run(fixture_store, "entity", entity="person/thai-binh/hoang-thai-phuc")
    assert run(fixture_store, "entity", entity="nobody at all") == []


def test_fixture_entity_graph_construct(fixture_store):
    triples = run(fixture_store, "entity-graph", entity="02-CTr/TU")
    assert {"s": BASE + "document/thai-binh/02-ctr-tu", "p": "https://w3id.org/vnkg/ont#implements",
            "o": BASE + "document/thai-binh/nghi-quyet-dai-hoi-dang-bo-tinh-lan-thu-xx"} in triples
    assert any(t["p"] == "https://w3id.org/vnkg/ont#about" for t in triples)  # incoming


def test_fixture_article(fixture_store):
    rows = run(fixture_store, "article", article="tb-2022")
    assert has(rows, kind="Person", subject="Hoàng Thái Phúc", property="name")
    assert has(rows, kind="ActionProgramme", property="implements", value="Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX")
    assert not has(rows, subject="Lê Thị Hoa")
    assert run(fixture_store, "article", article=BASE + "article/tb-2022") == rows


def test_fixture_data_quality(fixture_store):
    rows = run(fixture_store, "data-quality")
    assert {(r["check"], r["label"]) for r in rows} == {
        ("person without a post", "Trần Văn Khách"),
        ("body without a province", "Đoàn giám sát của Tỉnh ủy"),
        ("figure without a period", "other (cá nhân được khen thưởng) 8 count")}


def test_fixture_province_summary(fixture_store):
    rows = {r["province"]: r for r in run(fixture_store, "province-summary")}
    assert (rows["Thái Bình"]["articles"], rows["Thái Bình"]["officials"], rows["Thái Bình"]["events"],
            rows["Thái Bình"]["figures"]) == ("3", "3", "2", "9")
    assert rows["Lạng Sơn"]["articles"] == "1"


# ---------------------------------------------------------------------------- answers on the seed store

def test_seed_officials(seed_store):
    rows = run(seed_store, "officials")
    assert has(rows, name="Trần Thanh Liêm", post="Phó Bí thư", organization="~Tỉnh ủy", article="000_65ae49e15be055b1")
    assert has(rows, name="Trần Thanh Liêm", post="Chủ tịch", organization="~Ủy ban nhân dân tỉnh")
    assert has(rows, name="Nguyễn Văn Dành", post="Giám đốc", organization="~Sở Công Thương")
    assert has(rows, name="Hoàng Thái Phúc", post="Trưởng ban", organization="~Ban Nội chính", province="Thái Bình")
    assert has(rows, name="Nguyễn Văn Bình", post="Phó Chủ tịch thường trực", province="Lạng Sơn",
               date="2011-01-24")
    tb = run(seed_store, "officials", province="Thái Bình")
    assert has(tb, name="Hoàng Thái Phúc") and all(r["province"] == "Thái Bình" for r in tb)


def test_seed_career(seed_store):
    rows = run(seed_store, "career", person="Trần Thanh Liêm")
    assert {r["post"] for r in rows} >= {"Phó Bí thư", "Chủ tịch"}
    assert {r["article"] for r in rows} == {"000_65ae49e15be055b1"}
    binh = run(seed_store, "career", person="Nguyễn Văn Bình")
    assert {r["post"] for r in binh} >= {"Ủy viên Ban Thường vụ", "Phó Chủ tịch thường trực"}


def test_seed_post_holders(seed_store):
    assert has(run(seed_store, "post-holders"), name="Nguyễn Văn Dành", post="Giám đốc")
    assert has(run(seed_store, "post-holders", role="Phó Bí thư", organization="Tỉnh ủy"), name="Trần Thanh Liêm")
    assert has(run(seed_store, "post-holders", role="Trưởng ban", organization="Ban Nội chính Tỉnh ủy",
                   province="Thái Bình"), name="Hoàng Thái Phúc", date="--09-22")


def test_seed_inspections(seed_store):
    rows = run(seed_store, "inspections")
    assert has(rows, kind="Supervision", lead="Hoàng Thái Phúc", visited="~Sở Công Thương", province="Thái Bình",
               about="~02-CTr/TU", article="001_5af82fdcd23b882e")
    assert has(rows, kind="Inspection", lead="Trần Thanh Liêm", visited="~Sở Công Thương", date="--05-09")


def test_seed_indicator_series_thai_binh(seed_store):
    rows = run(seed_store, "indicator-series", province="Thái Bình", indicator="industrial_production_value")
    assert has(rows, period="2021", measure="growth", value="17.04", unit="percent", kind="result")
    assert has(rows, period="2021", value="15.8", kind="target")


def test_seed_indicator_by_province(seed_store):
    rows = run(seed_store, "indicator-by-province", indicator="industrial_production_value", period="2021")
    assert has(rows, province="Thái Bình", value="17.04", kind="result")
    exports = run(seed_store, "indicator-by-province", indicator="export_turnover", period="2023", measure="level")
    assert has(exports, value="680", unit="million USD", article="004_101adf23d211cc88")


def test_seed_targets_vs_results(seed_store):
    rows = run(seed_store, "targets-vs-results", province="Thái Bình")
    assert has(rows, indicator="industrial_production_value", period="2021", target="15.8", result="17.04",
               percentOfTarget="107.85")
    future = run(seed_store, "targets-vs-results", indicator="export_turnover", year="2024")
    assert has(future, measure="level", target="750", result=None)


def test_seed_document_chain(seed_store):
    rows = run(seed_store, "document-chain")
    assert has(rows, document="02-CTr/TU", implements="Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX")
    assert has(rows, document="02/CTHĐ-UBND")


def test_seed_most_cited_documents(seed_store):
    rows = run(seed_store, "most-cited-documents")
    docs = {r["document"]: r for r in rows}
    assert "02-CTr/TU" in docs and "05-CT/TW" in docs
    assert int(docs["Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XX"]["implementedBy"]) >= 1
    assert int(docs["02-CTr/TU"]["events"]) >= 1


def test_seed_co_attendance(seed_store):
    rows = run(seed_store, "co-attendance")
    assert has(rows, official1="Nguyễn Văn Dành", official2="Trần Thanh Liêm")


def test_seed_entity(seed_store):
    rows = run(seed_store, "entity", entity="Hoàng Thái Phúc")
    assert has(rows, direction="out", property="name", value="Hoàng Thái Phúc", article="001_5af82fdcd23b882e",
               evidence="~Trưởng ban Nội chính Tỉnh ủy")
    assert has(rows, property="mention", value="~Hoàng Thái Phú")
    assert has(rows, direction="in", property="lead")


def test_seed_entity_graph(seed_store):
    triples = run(seed_store, "entity-graph", entity="02-CTr/TU")
    assert any(t["p"].endswith("#implements") and t["o"].endswith("nghi-quyet-dai-hoi-dang-bo-tinh-lan-thu-xx")
               for t in triples)


def test_seed_article(seed_store):
    rows = run(seed_store, "article", article="001_5af82fdcd23b882e")
    assert has(rows, kind="Person", subject="Hoàng Thái Phúc")
    assert has(rows, kind="ActionProgramme", property="~number", value="02-CTr/TU")
    assert has(rows, kind="~Supervision")


def test_seed_data_quality(seed_store):
    rows = run(seed_store, "data-quality")
    no_post = {r["label"] for r in rows if r["check"] == "person without a post"}
    assert no_post & {"Hồng Phúc", "Hoàng Thái"}
    assert not no_post & {"Trần Thanh Liêm", "Hoàng Thái Phúc", "Nguyễn Văn Bình"}
    assert has(rows, check="body without a province")


def test_seed_province_summary(seed_store):
    rows = {r["province"]: r for r in run(seed_store, "province-summary")}
    tb = rows["Thái Bình"]
    assert int(tb["articles"]) >= 1 and int(tb["officials"]) >= 1 and int(tb["events"]) >= 1
    assert int(tb["figures"]) >= 2
    assert int(rows["Lạng Sơn"]["articles"]) >= 1


# ---------------------------------------------------------------------------- `vnkg query` output

def cli(capsys, store, target=None, inline=None, params=(), fmt="table"):
    code = run_query_cli(store, target, inline, list(params), fmt)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_table(capsys, fixture_store):
    code, out, err = cli(capsys, fixture_store, "career")
    assert code == 0 and err == ""
    assert "Hoàng Thái Phúc" in out and "Trưởng ban" in out and "2 rows" in out


def test_cli_csv_tsv_json(capsys, fixture_store):
    code, out, _ = cli(capsys, fixture_store, "indicator-series", params=["indicator=export_turnover"], fmt="csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert has(rows, period="2023", value="680", unit="million USD", kind="result")
    code, out, _ = cli(capsys, fixture_store, "career", fmt="tsv")
    assert code == 0 and out.splitlines()[0].startswith("?date\t?name")
    assert '"Hoàng Thái Phúc"' in out
    code, out, _ = cli(capsys, fixture_store, "career", fmt="json")
    data = json.loads(out)
    assert data["head"]["vars"][0] == "date"
    assert data["results"]["bindings"][0]["name"]["value"] == "Hoàng Thái Phúc"


def test_cli_construct_turtle_and_jsonld(capsys, fixture_store):
    code, out, _ = cli(capsys, fixture_store, "entity-graph", params=["entity=Lê Thị Hoa"])
    assert code == 0
    triples = list(ox.parse(out.encode("utf-8"), format=ox.RdfFormat.TURTLE))
    assert any(t.object == ox.Literal("Lê Thị Hoa") for t in triples)
    code, out, _ = cli(capsys, fixture_store, "entity-graph", params=["entity=Lê Thị Hoa"], fmt="jsonld")
    assert code == 0
    doc = json.loads(out)
    assert any(node.get("@id") == BASE + "person/thai-binh/le-thi-hoa" for node in doc)
    code, out, _ = cli(capsys, fixture_store, None, "DESCRIBE <%sprovince/lang-son>" % BASE, fmt="turtle")
    assert code == 0 and "Lạng Sơn" in out


def test_cli_ask_and_inline(capsys, fixture_store):
    code, out, _ = cli(capsys, fixture_store, None, "ASK { ?p foaf:name $n }", ["n=Lê Thị Hoa"])
    assert (code, out.strip()) == (0, "true")
    code, out, _ = cli(capsys, fixture_store, None, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a vnkg:Person }", fmt="csv")
    assert out.splitlines() == ["n", "5"]


@pytest.mark.parametrize("args,code,message", [
    (dict(target="nope"), 2, "unknown query 'nope'"),
    (dict(target="career", params=["who=x"]), 2, "unknown parameter 'who'"),
    (dict(target="career", params=["novalue"]), 2, "key=value"),
    (dict(inline="SELEC ?x"), 2, "invalid SPARQL"),
    (dict(inline="DELETE WHERE { ?s ?p ?o }"), 2, "updates are refused"),
    (dict(inline="SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }"), 2, "SERVICE is refused"),
    (dict(target="career", fmt="xml"), 2, "unknown format"),
    (dict(target="career", fmt="turtle"), 2, "SELECT query prints as"),
    (dict(target="entity-graph", fmt="csv"), 2, "CONSTRUCT or DESCRIBE"),
    (dict(), 2, "exactly one"),
])
def test_cli_errors_are_one_clear_line(capsys, fixture_store, args, code, message):
    got, out, err = cli(capsys, fixture_store, **args)
    assert got == code
    assert out == ""
    assert message in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_cli_missing_store(capsys, tmp_path):
    code, out, err = cli(capsys, tmp_path / "nothing-here", "career")
    assert code == 1 and "no store at" in err and len(err.strip().splitlines()) == 1


def test_vnkg_command_end_to_end(fixture_store):
    cli_mod = pytest.importorskip("vnkg.cli")
    if not hasattr(cli_mod, "main"):
        pytest.skip("vnkg.cli has no main()")
    cmd = [sys.executable, "-c", "from vnkg.cli import main; main()"]
    listing = subprocess.run(cmd + ["queries"], capture_output=True, text=True, timeout=60)
    assert listing.returncode == 0
    for name in REQUIRED:
        assert name in listing.stdout
    proc = subprocess.run(cmd + ["query", "post-holders", "--param", "province=Thái Bình", "--format", "csv",
                                 "--store", str(fixture_store)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert [r["name"] for r in csv.DictReader(io.StringIO(proc.stdout))] == ["Đặng Văn Minh", "Lê Thị Hoa"]


# ---------------------------------------------------------------------------- review of issue 6

def test_relative_iris_are_accepted_wherever_an_iri_is(fixture_store):
    """The table prints minted IRIs relative to the base; each IRI parameter takes that form back."""
    full = run(fixture_store, "career", person=BASE + "person/thai-binh/hoang-thai-phuc")
    assert full and run(fixture_store, "career", person="person/thai-binh/hoang-thai-phuc") == full
    full = run(fixture_store, "document-chain", document=BASE + "document/thai-binh/nghi-quyet-dai-hoi-dang-bo-tinh-lan-thu-xx")
    assert full and run(fixture_store, "document-chain",
                        document="document/thai-binh/nghi-quyet-dai-hoi-dang-bo-tinh-lan-thu-xx") == full
    assert run(fixture_store, "article", article="article/tb-2022") == run(fixture_store, "article", article="tb-2022")


def test_saved_queries_on_a_store_built_with_another_base(tmp_path, capsys):
    from vnkg.build import build
    from vnkg.config import Config
    from vnkg.queries import store_base

    kg = "https://example.org/kg/"
    path = tmp_path / "store"
    assert not build([str(SEEDS / "001_5af82fdcd23b882e.txt")], Config.resolve(path, kg)).failed
    store = ox.Store.read_only(str(path))
    assert store_base(store) == kg
    del store
    me = kg + "person/thai-binh/hoang-thai-phuc"
    for name, param in (("entity", "entity"), ("career", "person")):
        rows = run(path, name, **{param: "person/thai-binh/hoang-thai-phuc"})
        assert rows and all(me in (r.get("entity"), r.get("person")) for r in rows), name
    triples = run(path, "entity-graph", entity="person/thai-binh/hoang-thai-phuc")
    assert any(t["s"] == me for t in triples)
    assert run(path, "entity", entity=BASE + "person/thai-binh/hoang-thai-phuc") == []   # not this store's
    code, out, _ = cli(capsys, path, None, "SELECT ?p WHERE { ?p a vnkg:Person }")
    assert code == 0 and "│ person/thai-binh/hoang-thai-phuc │" in out and kg not in out   # short, and whole


def test_turtle_output_has_one_block_per_subject(capsys, fixture_store):
    code, out, _ = cli(capsys, fixture_store, "entity-graph", params=["entity=Hoàng Thái Phúc"], fmt="turtle")
    assert code == 0
    starts = [line.split()[0] for line in out.splitlines() if line.startswith("<")]
    assert len(starts) == len(set(starts)) > 1
