"""The deck's text sizing: a generous width estimate, wrapping at spaces or between CJK
characters, the largest size that fits a box, and chart labels cut with an ellipsis."""

from __future__ import annotations

import pytest

from toolkit.report._deck_kit import (
    Column,
    fit_size,
    line_count,
    longest_word,
    new_presentation,
    shorten,
    table,
    text_height,
    text_width,
    titled_slide,
)


def test_widths_count_a_cjk_character_as_one_em():
    assert text_width("简道云", 72) == pytest.approx(3.0)  # three ems of an inch
    assert text_width("简道云", 72, bold=True) == pytest.approx(3.3)
    assert text_width("Fit", 72) == pytest.approx(0.72 + 0.36 + 0.36)  # a capital, then two narrow letters


def test_lines_wrap_at_spaces_and_between_cjk_characters():
    assert line_count("简道云" * 10, 72, 10.0) == 3  # 30 ems in lines of 10
    assert line_count("aaaa aaaa", 72, 3.0) == 2  # each word 2.48 in: one per line
    assert line_count("aaaaaaaaaa", 72, 3.0) == 3  # one word of 6.2 in, broken twice
    assert longest_word("a bb 简", 72) == pytest.approx(2 * 0.62)


def test_the_largest_size_that_fits_the_box():
    short, long = ["A short sentence."], ["A much longer sentence that needs many more lines. " * 6]
    assert fit_size(short, 6, 0.6) == 20
    assert fit_size(long, 6, 0.6) == 9  # the smallest: nothing fits
    cjk = ["简道云以76.5分排名第一,领先第二名纷享销客6.1分。" * 3]
    size = fit_size(cjk, 6, 1.0)
    assert text_height(cjk, size, 6) <= 1.0 < text_height(cjk, size + 1, 6)


def test_a_chart_label_is_cut_with_an_ellipsis_to_its_width():
    assert shorten("Kingdee", 3.0, 12) == "Kingdee"
    cut = shorten("Kingdee International Software Group Cloud Galaxy", 2.0, 12)
    assert cut.endswith("…") and cut.startswith("Kingdee International") and text_width(cut, 12) <= 2.0
    assert (
        shorten("金蝶国际软件集团金蝶云星空客户关系管理系统", 1.0, 12) == "金蝶国际软…"
    )  # 5 ems and the ellipsis in 6


def test_a_table_never_splits_a_word_and_its_widths_fill_the_width():
    prs = new_presentation()
    slide = titled_slide(prs, "Ranking")
    columns = [Column("Vendor", 3.0), Column("Integration", 0.9, "right")]
    height, size = table(slide, 0.5, 1.3, columns, [["Jiandaoyun", "66.7"]], height=5.0, width=4.0)
    assert longest_word("Integration", size, bold=True) <= 4.0 * 0.9 / 3.9 - 0.2
    assert size < 14 and height < 5.0
    shape = next(s for s in slide.shapes if s.has_table)
    assert [round(c.width / 914400, 3) for c in shape.table.columns] == [
        pytest.approx(3.077, abs=1e-3),
        pytest.approx(0.923, abs=1e-3),
    ]
