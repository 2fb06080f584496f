"""vnkg.report: one offline page per province with officials, a timeline and SVG charts."""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest

from vnkg.report import ReportError, chart_svg, fmt_number, period_key, write_reports
from vnkg.viz import HeadlessChromium, find_chromium

FIXTURE = Path(__file__).parent / "fixtures" / "network.trig"
SHOTS = Path("/tmp/vnkg-shots")
XSS_NAME = "<img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = tmp_path_factory.mktemp("report") / "store"
    s = ox.Store(str(path))
    s.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    del s
    return path


@pytest.fixture(scope="module")
def thai_binh(store_path, tmp_path_factory):
    out = tmp_path_factory.mktemp("tb") / "thai-binh-report.html"
    paths = write_reports(store_path, out, province="Thai Binh")
    assert paths == [out]
    return out.read_text(encoding="utf-8")


def assert_offline(html: str):
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert "<script" not in html
    assert not re.search(r"@import|url\(\s*['\"]?(?:https?:)?//", html, re.I)


def svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(s) for s in re.findall(r"<svg\b.*?</svg>", html, re.S)]


def test_province_page_has_officials_with_posts(thai_binh):
    assert_offline(thai_binh)
    assert "<h1>Thái Bình</h1>" in thai_binh
    officials = thai_binh.split('id="officials"')[1].split("</section>")[0]
    for name in ("Trần Thanh Liêm", "Nguyễn Thị Hoa", "Đỗ Văn An"):
        assert name in officials
    assert "Phó Bí thư, Tỉnh ủy Thái Bình" in officials and "Chủ tịch, UBND tỉnh Thái Bình" in officials
    assert "Nguyễn Văn Bình" not in officials  # Lạng Sơn's


def test_markup_is_escaped_everywhere(thai_binh):
    assert XSS_NAME not in thai_binh
    assert "&lt;img src=x onerror=alert(1)&gt;" in thai_binh


def test_events_are_on_a_timeline_in_date_order(thai_binh):
    timeline = thai_binh.split('class="timeline"')[1].split("</ol>")[0]
    whens = re.findall(r'<span class="when">([^<]*)</span>', timeline)
    assert whens == ["20/01/2024", "09/05/2024"]
    assert "Led by Trần Thanh Liêm" in timeline and "Hosted by Sở Công Thương Thái Bình" in timeline


def test_each_indicator_is_a_chart_of_results_against_targets(thai_binh):
    charts = svgs(thai_binh)
    assert len(charts) == 2  # export turnover, GRDP growth
    export = next(c for c in charts if "Kim ngạch xuất khẩu" in c.get("aria-label"))
    labels = [t.text for t in export.iter("text")]
    for period in ("2021", "2022", "2023", "2024"):
        assert period in labels
    assert len([r for r in export.iter("rect") if r.get("class") == "result"]) == 3  # 2021-2023
    assert len([l for l in export.iter("line") if l.get("class") == "target"]) == 3  # 2022-2024
    assert "1 650" in labels and "2 000" in labels
    tips = [t.text for t in export.iter("title")]
    assert any("1.650 triệu USD" in (t or "") for t in tips)  # the evidence sentence


def test_all_provinces_and_an_index(store_path, tmp_path):
    paths = write_reports(store_path, tmp_path / "reports")
    names = [p.name for p in paths]
    assert names == ["lang-son.html", "thai-binh.html", "index.html"]
    index = paths[-1].read_text(encoding="utf-8")
    assert 'href="lang-son.html"' in index and 'href="thai-binh.html"' in index
    assert_offline(index)
    ls = paths[0].read_text(encoding="utf-8")
    assert 'href="index.html"' in ls and "Giá trị sản xuất công nghiệp" in ls
    # a .html path: its folder gets the pages and index.html
    paths = write_reports(store_path, tmp_path / "other" / "anything.html")
    assert {p.name for p in paths} == {"lang-son.html", "thai-binh.html", "index.html"}
    assert all(p.parent == tmp_path / "other" for p in paths)


def test_unknown_province(store_path, tmp_path):
    with pytest.raises(ReportError, match="no province 'Atlantis'.*Lạng Sơn, Thái Bình"):
        write_reports(store_path, tmp_path / "x.html", province="Atlantis")


def test_periods_and_numbers():
    assert sorted(["2024", "2016-2020", "2024-9M", "2024-H1", "2023", "2024-Q1"], key=period_key) == \
        ["2016-2020", "2023", "2024-Q1", "2024-H1", "2024-9M", "2024"]
    assert fmt_number(3520.0) == "3 520" and fmt_number(9.1) == "9.1"


def test_chart_svg_escapes_and_handles_negative_values():
    svg = chart_svg(["2022", "2023"], {"2022": (-2.5, 'giảm <b>"2,5%"</b>')}, {"2023": (3.0, "")}, "%", "a<b")
    root = ET.fromstring(svg)  # well-formed
    assert "<b>" not in svg and "&lt;b&gt;" in svg
    assert root.get("aria-label") == "a<b"


def test_seed_report(seed_store, tmp_path):
    paths = write_reports(seed_store, tmp_path / "seeds")
    assert paths[-1].name == "index.html" and len(paths) >= 2
    for p in paths:
        assert_offline(p.read_text(encoding="utf-8"))


@pytest.mark.skipif(find_chromium() is None, reason="no chromium binary")
def test_report_renders_offline_without_errors(seed_store, store_path, tmp_path):
    seeds = write_reports(seed_store, tmp_path / "seeds")
    fixture = write_reports(store_path, tmp_path / "fixture")
    SHOTS.mkdir(parents=True, exist_ok=True)
    charts = {}
    with HeadlessChromium(width=1280, height=900) as b:
        for page, shot in ((seeds[-2], "seed-report.png"), (fixture[1], "fixture-report.png"),
                           (seeds[-1], "seed-report-index.png")):
            b.open(page)
            time.sleep(0.1)
            assert b.evaluate("document.querySelectorAll('img, script').length") == 0
            charts[shot] = b.evaluate("document.querySelectorAll('svg rect.result').length")
            b.screenshot(SHOTS / shot, full_page=True)
        assert b.errors == [] and b.requests == [] and b.dialogs == []
    assert charts["fixture-report.png"] == 5  # export 2021-2023, GRDP 2022-2023, drawn


def test_evidence_comes_from_the_provinces_own_article(thai_binh, store_path, tmp_path):
    row = thai_binh.split("Phạm Quốc Hùng</td>")[1].split("</tr>")[0]
    assert "Tham dự có đồng chí Phạm Quốc Hùng" in row  # said in Thái Bình's article
    ls = write_reports(store_path, tmp_path / "ls.html", province="Lạng Sơn")[0].read_text(encoding="utf-8")
    row = ls.split("Phạm Quốc Hùng</td>")[1].split("</tr>")[0]
    assert "dự và phát biểu" in row  # said in Lạng Sơn's


def test_a_province_page_without_html_name_goes_into_that_folder(store_path, tmp_path, monkeypatch):
    # `vnkg report --province P` with the default -o vnkg-report wrote a file called
    # "vnkg-report", with no extension, that no browser opens as a page
    monkeypatch.chdir(tmp_path)
    paths = write_reports(store_path, Path("vnkg-report"), province="Thái Bình")
    assert paths == [Path("vnkg-report") / "thai-binh.html"]
    assert (tmp_path / "vnkg-report" / "thai-binh.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    # an .html name is the page itself; an existing folder gets <slug>.html
    assert write_reports(store_path, tmp_path / "tb.html", province="Thái Bình") == [tmp_path / "tb.html"]
    (tmp_path / "pages.html").mkdir()
    assert write_reports(store_path, tmp_path / "pages.html", province="Lạng Sơn") == \
        [tmp_path / "pages.html" / "lang-son.html"]


def test_index_lists_provinces_in_reading_order_and_bases_read_as_words(tmp_path):
    path = tmp_path / "store"
    s = ox.Store(str(path))
    s.load(path=str(Path(__file__).parent / "fixtures" / "reading.trig"), format=ox.RdfFormat.TRIG)
    del s
    paths = write_reports(path, tmp_path / "out")
    # code-point order put "Đà Nẵng" last and "Thanh Hóa" before "Thái Bình"
    assert [p.name for p in paths] == ["bac-giang.html", "da-nang.html", "thai-binh.html",
                                       "thanh-hoa.html", "index.html"]
    index = paths[-1].read_text(encoding="utf-8")
    assert [m for m in re.findall(r'<a href="([^"]+)"', index)] == [p.name for p in paths[:-1]]
    th = (tmp_path / "out" / "thanh-hoa.html").read_text(encoding="utf-8")
    assert "phần trăm, so với cùng kỳ" in th and "previous_year" not in th
    assert "Inspection 09/05: Sở Công Thương" in th and "--05-09" not in th


def test_source_lines_do_not_break_inside_words():
    css = (Path(__file__).parent.parent / "graph" / "templates" / "report.css").read_text(encoding="utf-8")
    viz_css = (Path(__file__).parent.parent / "graph" / "templates" / "viz.css").read_text(encoding="utf-8")
    # break-all cut article titles mid-word ("202|3", "thực hi|ện"); long IRIs still wrap
    assert "break-all" not in css and "break-all" not in viz_css
    assert "overflow-wrap: anywhere" in css and "overflow-wrap: anywhere" in viz_css


def test_a_byline_is_not_listed_as_an_official(tmp_path):
    """A reporter named at the end of a Thái Bình article is a person with no post."""
    from vnkg.build import build
    from vnkg.config import Config

    art = tmp_path / "tb.txt"
    art.write_text("Sở Công Thương Thái Bình tổng kết năm 2023\n\n"
                   "Ngày 10/1/2024, Sở Công Thương tỉnh Thái Bình tổ chức hội nghị tổng kết. "
                   "Đồng chí Lại Văn Hoàn, Phó Chủ tịch UBND tỉnh dự và chỉ đạo hội nghị.\n\n"
                   "Minh Hằng\n", encoding="utf-8")
    config = Config.resolve(store=tmp_path / "store")
    build([str(art)], config)
    out = tmp_path / "tb.html"
    write_reports(config.store, out, province="Thái Bình")
    officials = out.read_text(encoding="utf-8").split('id="officials"')[1].split("</section>")[0]
    assert "Lại Văn Hoàn" in officials
    assert "Minh Hằng" not in officials
