"""Event cue vocabulary and the event-date reader (the language cases are in patterns/events.json
and patterns/dates.json)."""

from __future__ import annotations

import doctest

import vnkg.extract.place_time
from vnkg.extract.place_time import find_event_date, find_month
from vnkg.lexicon import load_event_cues

EVENT_CLASSES = {"Inspection", "Supervision", "WorkingSession", "Conference"}


def test_place_time_doctests():
    assert doctest.testmod(vnkg.extract.place_time).failed == 0


def test_every_cue_gives_an_event_class_or_blocks():
    cues = load_event_cues()
    values = list(cues.marked.values())
    assert values, "ontology/vocab/events.ttl gave no cue"
    for c in values:
        assert c.kind in ("name", "verb", "block")
        assert (c.event is None) == (c.kind == "block")
        assert c.event is None or c.event in EVENT_CLASSES


def test_accent_sensitive_cues_match_only_with_marks():
    cues = load_event_cues()
    # "họp với" (to meet) is a cue; "hợp với" (suitable for) is not, with or without marks
    assert [m.surface for m in cues.marked.find("UBND tỉnh họp với các sở")] == ["họp với"]
    assert cues.marked.find("phù hợp với quy hoạch") == []
    assert cues.plain.find("phu hop voi quy hoach") == []
    # the others are read in text written without diacritics
    got = [(m.surface, m.value.event) for m in cues.plain.find("doan kiem tra lam viec voi so cong thuong")]
    assert got == [("doan kiem tra", "Inspection"), ("lam viec voi", "WorkingSession")]


def test_event_dates():
    assert find_event_date("Từ ngày 11 đến 13/9/2023, Đoàn kiểm tra làm việc.") == "2023-09-11"
    assert find_event_date("Ngày 14-15/11, Đoàn giám sát làm việc.") == "--11-14"
    assert find_event_date("Từ ngày 28/10 đến ngày 1/11/2024, Đoàn kiểm tra.") == "2024-10-28"
    assert find_event_date("Sáng thứ Ba (14/5), hội nghị.") == "--05-14"
    assert find_event_date("Chieu 15/5, So Cong Thuong to chuc hoi nghi.") == "--05-15"
    assert find_event_date("Ngày 8.12, Sở tổ chức hội nghị.") == "--12-08"
    # not the event's: a deadline, a cited document's date, a figure
    assert find_event_date("Các đơn vị hoàn thành trước ngày 30/6/2024.") is None
    assert find_event_date("Theo Kế hoạch số 28-KH/TU ngày 5/1/2024 của Tỉnh ủy.") is None
    assert find_event_date("Chỉ số tăng 12,5 - 13/5 điểm.") is None
    assert find_month("Trong tháng 8 năm 2024, Đoàn kiểm tra.") == "2024-08"
    assert find_month("Từ tháng 1/2024 đến nay, Sở đã tham mưu.") is None
