import doctest

import vnkg.text
from vnkg.text import ascii_fold, fold, same_text, slug


def test_doctests():
    assert doctest.testmod(vnkg.text).failed == 0


def test_tone_placement_old_and_new_style_fold_together():
    assert fold("Uỷ ban") == fold("Ủy ban")
    assert fold("hoà") == fold("hòa")
    assert fold("Thanh Hoá") == fold("Thanh Hóa")
    assert fold("khoẻ") == fold("khỏe")


def test_closed_syllables_and_qu_are_left_alone():
    assert fold("hoàn") == "hoàn"
    assert fold("Quý") == "quý"


def test_fold_keeps_length_for_span_mapping():
    s = "Đoàn kiểm tra Tỉnh Uỷ Thanh Hoá"
    assert len(fold(s)) == len(s) == len(ascii_fold(s))


def test_same_text_and_slug():
    assert same_text("Sở Công thương", "sở công Thương")
    assert not same_text("Sở Công Thương", "Bộ Công Thương")
    assert slug("Ủy ban nhân dân tỉnh") == "uy-ban-nhan-dan-tinh"
