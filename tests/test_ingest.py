"""Reading inputs: encodings, formats, and clear rejections of bad files."""

import json
import unicodedata

from vnkg.document import Document, Rejected
from vnkg.ingest import read_paths
from vnkg.normalize import normalize

TEXT = "Sở Công Thương tổ chức hội nghị.\n\nĐồng chí Nguyễn Văn An, Giám đốc Sở Công Thương chủ trì."


TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Windows-1258 writes a tone as a combining mark after a (possibly accented) base letter."""
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            d = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in d if c not in TONES))
            out.append((base + "".join(c for c in d if c in TONES)).encode("cp1258"))
    return b"".join(out)


def _read(tmp_path, name, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return list(read_paths([p]))


def test_utf8_with_and_without_bom_utf16_and_cp1258(tmp_path):
    for name, data in [("a.txt", TEXT.encode("utf-8")), ("b.txt", b"\xef\xbb\xbf" + TEXT.encode("utf-8")),
                       ("c.txt", TEXT.encode("utf-16")), ("d.txt", cp1258(TEXT))]:
        [doc] = _read(tmp_path, name, data)
        assert isinstance(doc, Document), doc
        assert doc.text.strip() == TEXT
        assert doc.id == name[:-4]


def test_binary_empty_and_undecodable_files_are_rejected_with_the_file_name(tmp_path):
    [r] = _read(tmp_path, "bin.txt", b"\x00\x01\x02\x03\xff\xfe\x00\x00binary")
    assert isinstance(r, Rejected) and "bin.txt" in str(r) and "binary" in r.reason
    [r] = _read(tmp_path, "empty.txt", b"")
    assert isinstance(r, Rejected) and "empty" in r.reason


def test_jsonl_bad_line_names_the_line_and_keeps_the_others(tmp_path):
    lines = [json.dumps({"id": "x1", "text": TEXT, "url": "https://baothanhhoa.vn/a.htm"}, ensure_ascii=False),
             "{not json",
             json.dumps({"id": "x3"}),
             json.dumps({"text": TEXT}, ensure_ascii=False)]
    out = _read(tmp_path, "feed.jsonl", "\n".join(lines).encode("utf-8"))
    docs = [d for d in out if isinstance(d, Document)]
    rejected = [d for d in out if isinstance(d, Rejected)]
    assert [d.id for d in docs] == ["x1", "feed-4"]
    assert docs[0].url == "https://baothanhhoa.vn/a.htm"
    assert {r.line for r in rejected} == {2, 3}
    assert all("feed.jsonl" in str(r) for r in rejected)


def test_html_main_text_title_date_without_scripts_menus_or_share_bars(tmp_path):
    html = """<html><head><title>T</title><script>var x = "Sở Tài chính";</script>
    <meta property="article:published_time" content="2024-03-05T08:00:00+07:00"></head><body>
    <nav><a>Trang chủ</a><a>Thời sự</a></nav>
    <article><h1>Tiêu đề bài viết</h1><p>Sáng 5/3/2024, Sở Công Thương tổ chức hội nghị.</p>
    <div class="share">Chia sẻ bài viết</div><p class="author">Minh Anh</p></article>
    <footer>Bản quyền thuộc về Báo</footer></body></html>"""
    [doc] = _read(tmp_path, "p.html", html.encode("utf-8"))
    assert doc.title == "Tiêu đề bài viết" and doc.date == "2024-03-05"
    assert "Sở Tài chính" not in doc.text and "Trang chủ" not in doc.text and "Chia sẻ" not in doc.text
    assert "Sở Công Thương tổ chức hội nghị" in doc.text and "Bản quyền" not in doc.text


def test_missing_path_and_unsupported_suffix_are_rejected(tmp_path):
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    out = list(read_paths([tmp_path / "nope.txt", tmp_path / "x.pdf"]))
    assert all(isinstance(r, Rejected) for r in out) and len(out) == 2


def test_normalize_drops_furniture_prefix_and_repeated_lead():
    text = ("logo\n\nTiêu đề\n\nLSO-Ngày 2/3/2024, Sở Công Thương tổ chức hội nghị.Đồng chí A dự.\n\n"
            "Ngày 2/3/2024, Sở Công Thương tổ chức hội nghị. Đồng chí A dự.\n\nChia sẻ bài viết\n\nCác bài viết đã đăng\n\nTin khác")
    nd = normalize(Document("x", text, "x.txt"))
    bodies = [s.text for s in nd.sentences]
    assert nd.prefix == "LSO"
    assert bodies.count("Ngày 2/3/2024, Sở Công Thương tổ chức hội nghị.") == 1
    assert not any("Chia sẻ" in b or "logo" in b or "Tin khác" in b for b in bodies)


def test_page_date_and_stamp_are_recorded_not_read_as_text():
    nd = normalize(Document("x", "Thứ sáu, 25/06/2021\n\nTiêu đề\n\nNội dung bài.", "x.txt"))
    assert nd.page_date == "2021-06-25" and all("25/06" not in s.text for s in nd.sentences)
    nd = normalize(Document("y", " date 2023-12 Nội dung bài viết.", "y.txt"))
    assert nd.stamp_date == "2023-12"
