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


def test_an_other_figure_is_labelled_by_what_it_counts_or_names():
    obs = observations("Năm 2023, Chi cục Quản lý thị trường đã kiểm tra 1.250 vụ việc, "
                       "thu nộp ngân sách nhà nước 12,5 tỷ đồng, đạt 110% kế hoạch.")
    by_value = {str(o.value): o for o in obs}
    assert by_value["1250"].metric == "other" and by_value["1250"].unit == "count"
    assert by_value["1250"].label.startswith("Số vụ việc")
    assert by_value["12.5"].label == "Thu nộp ngân sách nhà nước"
    assert (by_value["110"].measure, by_value["110"].label) == ("plan_completion", "Thu nộp ngân sách nhà nước")


def test_a_count_named_before_its_number():
    obs = observations("Năm 2024, tỉnh thành lập mới 3 cụm công nghiệp, nâng tổng số cụm công nghiệp lên 28.")
    assert sorted(str(o.value) for o in obs if o.unit == "count") == ["28", "3"]
    [total] = [o for o in obs if str(o.value) == "28"]
    assert total.label == "Số cụm công nghiệp" and total.period == "2024"


def test_nam_qua_is_the_reviewed_year():
    text = ("Ngày 12/1/2024, Sở Công Thương tổ chức hội nghị tổng kết công tác năm 2023.\n\n"
            "Năm qua, ngành đạt nhiều kết quả. Kim ngạch xuất khẩu đạt 950 triệu USD, tăng 4,1% so với cùng kỳ.")
    assert {o.period for o in observations(text)} == {"2023"}


def test_a_sub_part_is_other_but_a_named_indicator_stays_itself():
    obs = observations("Năm 2023, kim ngạch xuất khẩu đạt 900 triệu USD, trong đó khu vực FDI đạt 600 triệu USD. "
                       "Năm 2023, GRDP tăng 6,5%, trong đó khu vực dịch vụ tăng 5,8%.")
    metric = {str(o.value): o.metric for o in obs}
    assert metric == {"900": "export_turnover", "600": "other", "6.5": "grdp", "5.8": "services_growth"}


def test_nam_qua_in_a_sentence_without_figures_sets_the_period_of_the_next():
    text = ("Ngày 20/1/2024, Sở Công Thương tổ chức hội nghị triển khai nhiệm vụ.\n\n"
            "Năm qua, ngành đã vượt qua nhiều khó khăn. Giá trị sản xuất công nghiệp tăng 8,5%.")
    assert [o.period for o in observations(text)] == ["2023"]
