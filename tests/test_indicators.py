"""Indicator rules with their own small texts."""

from vnkg.document import Document
from vnkg.extract import extract
from vnkg.normalize import normalize


def observations(text):
    return extract(normalize(Document("t", text, "t.txt"))).observations


def test_a_resolutions_term_is_not_the_period_of_a_later_figure():
    obs = observations("Thực hiện Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XV, nhiệm kỳ 2020 - 2025, ngành đạt nhiều kết quả. "
                       "Tổng sản phẩm (GRDP) tăng bình quân 7,2%/năm.")
    [o] = [o for o in obs if o.metric == "grdp"]
    assert o.measure == "average_growth" and o.period is None


def test_a_span_written_as_giai_doan_is_the_period():
    obs = observations("Giai đoạn 2016-2020, kim ngạch xuất khẩu tăng bình quân 12,5%/năm.")
    [o] = obs
    assert (o.metric, o.period, str(o.value)) == ("export_turnover", "2016-2020", "12.5")
