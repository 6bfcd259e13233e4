"""The board deck's drawing kit: a 16:9 presentation, titled slides, text sized to fit its box,
tables with fixed column widths, speaker notes, and the fonts every run carries.

python-pptx cannot measure text (it has no font metrics), so sizes come from a deliberately
generous estimate: a CJK character is one em wide, a Latin letter about 0.6 em (DejaVu Sans, the
widest face LibreOffice falls back to), and a box takes the largest size at which its text, wrapped
at the box's width, fits its height. The faces every run gets are named here and set by
`_deck_fonts`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pptx.presentation import Presentation
    from pptx.slide import Slide

SLIDE_W, SLIDE_H = 13.333, 7.5  # inches, 16:9
MARGIN = 0.5
BODY_TOP, BODY_BOTTOM = 1.3, 6.85
BODY_W = SLIDE_W - 2 * MARGIN
EA_FONT = "Noto Sans CJK SC"  # fonts-noto-cjk; PowerPoint substitutes a Chinese face where it is missing
LATIN_FONT = {"en": "Arial", "zh": EA_FONT}
NAVY, INK, MUTED, ALERT, RULE, BAND, WHITE = "1F3A5F", "1D2733", "6B7785", "A23B3B", "D9DEE4", "EEF2F6", "FFFFFF"
SIZES = (20, 18, 16, 15, 14, 13, 12, 11, 10, 9)
LINE, LINE_CJK = 1.2, 1.5  # line height in ems: DejaVu Sans / Arial, and a line holding CJK (Noto Sans CJK)
PAD_X, PAD_Y = 0.1, 0.05  # python-pptx's default inner margins of a text box or table cell (inches)
BULLET_INDENT = 0.28  # inches from a bullet to its text
CELL_PAD_Y = 0.04  # a table cell's top and bottom margins
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")
_TOKEN = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+\s*|\s+")


_NARROW = set(" .,;:!|'ijltfrI()[]·-/")
_WIDE = set("mwMW%@")


def _em(ch: str) -> float:
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return 1.0
    if ch in _NARROW:
        return 0.36
    if ch in _WIDE:
        return 0.95
    return 0.72 if ch.isupper() else 0.62


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Inches one line of `text` takes at `size` points (generous, see the module's docstring)."""
    return sum(_em(ch) for ch in text) * size / 72 * (1.1 if bold else 1.0)


def longest_word(text: str, size: float, bold: bool = False) -> float:
    """Inches the widest unbreakable piece of `text` takes (a word, or one CJK character)."""
    return max((text_width(t.rstrip(), size, bold) for t in _TOKEN.findall(text)), default=0.0)


def shorten(text: str, width: float, size: float) -> str:
    """`text` cut to fit one line `width` inches wide at `size`, ending in "…" when cut (chart
    labels: a chart cannot wrap a long vendor name the way a text box does)."""
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def line_count(text: str, size: float, width: float, bold: bool = False) -> int:
    """Lines `text` wraps to in `width` inches: at spaces, or between any two CJK characters."""
    lines, used = 1, 0.0
    for token in _TOKEN.findall(text):
        w = text_width(token, size, bold)
        if used and used + text_width(token.rstrip(), size, bold) > width:
            lines, used = lines + 1, 0.0
            if token.isspace():
                continue
        if w > width:  # a word longer than the line is broken
            extra = math.ceil(w / width) - 1
            lines, used = lines + extra, w - extra * width
        else:
            used += w
    return lines


def text_height(
    paragraphs: Sequence[str],
    size: float,
    width: float,
    space: float = 0.0,
    scales: Sequence[float] = (),
    *,
    bold: bool = False,
) -> float:
    """Inches `paragraphs` take at `size` (times each one's scale) in a box `width` wide; `space`:
    points after each paragraph."""
    total = 2 * PAD_Y
    for i, p in enumerate(paragraphs):
        s = size * (scales[i] if i < len(scales) else 1.0)
        line = LINE_CJK if _CJK.search(p) else LINE
        total += line_count(p, s, width - 2 * PAD_X, bold) * s * line / 72 + space / 72
    return total


def fit_size(
    paragraphs: Sequence[str],
    width: float,
    height: float,
    sizes: Sequence[float] = SIZES,
    space: float = 0.0,
    scales: Sequence[float] = (),
    *,
    bold: bool = False,
) -> float:
    """The largest of `sizes` at which the paragraphs fit the box (else the smallest)."""
    return next((s for s in sizes if text_height(paragraphs, s, width, space, scales, bold=bold) <= height), sizes[-1])


def _rgb(hex_colour: str) -> Any:
    from pptx.dml.color import RGBColor

    return RGBColor.from_string(hex_colour)


def new_presentation() -> Presentation:
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    return prs


@dataclass
class Para:
    """One paragraph of a text box: its text and how it looks."""

    text: str
    bold: bool = False
    colour: str = INK
    scale: float = 1.0  # relative to the box's size
    bullet: bool = False


def _style_paragraph(paragraph, para: Para, size: float) -> None:
    from pptx.oxml.ns import qn
    from pptx.util import Inches, Pt

    if para.bullet:  # a hanging bullet: wrapped lines start under the text, not under the dot
        ppr = paragraph._p.get_or_add_pPr()
        ppr.set("marL", str(Inches(BULLET_INDENT)))
        ppr.set("indent", str(-Inches(BULLET_INDENT)))
        ppr.append(ppr.makeelement(qn("a:buFont"), {"typeface": "Arial"}))
        ppr.append(ppr.makeelement(qn("a:buChar"), {"char": "•"}))
    run = paragraph.add_run()
    run.text = para.text
    run.font.size = Pt(round(size * para.scale, 1))
    run.font.bold = para.bold
    run.font.color.rgb = _rgb(para.colour)


def _frame(tf, anchor: str = "top") -> None:
    from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE

    tf.word_wrap = True
    tf.auto_size = MSO_AUTO_SIZE.NONE
    tf.vertical_anchor = {"top": MSO_ANCHOR.TOP, "middle": MSO_ANCHOR.MIDDLE, "bottom": MSO_ANCHOR.BOTTOM}[anchor]


def text_box(
    slide: Slide,
    box: tuple[float, float, float, float],
    paras: Sequence[Para | str],
    *,
    sizes: Sequence[float] = SIZES,
    space: float = 6.0,
    anchor: str = "top",
    align: str = "left",
) -> float:
    """A text box at (left, top, width, height) inches whose text fits it; returns the size used."""
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Inches, Pt

    items = [p if isinstance(p, Para) else Para(p) for p in paras]
    x, y, w, h = box
    indent = BULLET_INDENT if any(p.bullet for p in items) else 0.0
    bold = any(p.bold for p in items)
    size = fit_size([p.text for p in items], w - indent, h, sizes, space, [p.scale for p in items], bold=bold)
    shape = slide.shapes.add_textbox(Inches(x), Inches(y), Inches(w), Inches(h))
    tf = shape.text_frame
    _frame(tf, anchor)
    for i, item in enumerate(items):
        paragraph = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
        paragraph.alignment = {"left": PP_ALIGN.LEFT, "center": PP_ALIGN.CENTER, "right": PP_ALIGN.RIGHT}[align]
        paragraph.space_after = Pt(space)
        _style_paragraph(paragraph, item, size)
    return size


def titled_slide(prs: Presentation, title: str) -> Slide:
    """A slide of the "Title Only" layout, its title placed and sized for 16:9."""
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Inches, Pt

    slide = prs.slides.add_slide(prs.slide_layouts[5])
    shape = slide.shapes.title
    assert shape is not None  # the layout has one
    shape.left, shape.top, shape.width, shape.height = Inches(MARGIN), Inches(0.35), Inches(BODY_W), Inches(0.8)
    tf = shape.text_frame
    _frame(tf, "middle")
    size = fit_size([title], BODY_W, 0.8, (28, 26, 24, 22, 20), bold=True)
    tf.text = title
    paragraph = tf.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    for run in paragraph.runs:
        run.font.size, run.font.bold, run.font.color.rgb = Pt(size), True, _rgb(NAVY)
    rectangle(slide, (MARGIN, 1.14, BODY_W, 0.025), RULE)
    return slide


def rectangle(slide: Slide, box: tuple[float, float, float, float], fill: str) -> Any:
    """A filled rectangle with no outline and no shadow."""
    from pptx.enum.shapes import MSO_SHAPE
    from pptx.oxml.ns import qn
    from pptx.util import Inches

    x, y, w, h = box
    shape = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Inches(x), Inches(y), Inches(w), Inches(h))
    shape.fill.solid()
    shape.fill.fore_color.rgb = _rgb(fill)
    shape.line.fill.background()
    style = shape._element.find(qn("p:style"))  # the theme's style: LibreOffice draws its shadow
    if style is not None:
        shape._element.remove(style)
    return shape


def footer(slide: Slide, text: str) -> None:
    text_box(slide, (MARGIN, 7.0, BODY_W, 0.35), [Para(text, colour=MUTED)], sizes=(9,), align="right")


def notes(slide: Slide, paragraphs: Sequence[str]) -> None:
    """Speaker notes: one paragraph per sentence group."""
    frame = slide.notes_slide.notes_text_frame
    assert frame is not None  # python-pptx's default notes master has a body placeholder
    frame.text = "\n".join(p for p in paragraphs if p)


@dataclass
class Column:
    head: str
    width: float  # inches
    align: str = "left"  # left | right | center


def table(
    slide: Slide,
    left: float,
    top: float,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    *,
    height: float,
    width: float = BODY_W,
    row_colours: Sequence[str | None] | None = None,
    bold_rows: Sequence[bool] | None = None,
    sizes: Sequence[float] = (14, 13, 12, 11, 10, 9, 8),
) -> tuple[float, float]:
    """A table `width` wide (the columns' widths scaled to it), a navy header and banded rows,
    its text at the largest of `sizes` at which no word is split and the table fits `height`;
    returns the table's height and the text size used."""
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Inches, Pt

    scale = width / sum(c.width for c in columns)
    widths = [c.width * scale for c in columns]
    grid = [[c.head for c in columns], *[list(r) for r in rows]]
    bolds = [True, *[bool(bold_rows and bold_rows[i]) for i in range(len(rows))]]

    def heights(size: float) -> list[float]:
        return [
            max(text_height([t], size, w, bold=b) for t, w in zip(r, widths, strict=True)) - 2 * PAD_Y + 2 * CELL_PAD_Y
            for r, b in zip(grid, bolds, strict=True)
        ]

    def whole_words(size: float) -> bool:
        return all(
            longest_word(t, size, b) <= w - 2 * PAD_X
            for r, b in zip(grid, bolds, strict=True)
            for t, w in zip(r, widths, strict=True)
        )

    size = next((s for s in sizes if whole_words(s) and sum(heights(s)) <= height), sizes[-1])
    row_h = heights(size)
    shape = slide.shapes.add_table(
        len(grid), len(columns), Inches(left), Inches(top), Inches(width), Inches(sum(row_h))
    )
    tbl = shape.table
    tbl.first_row = True
    tbl.horz_banding = False
    for j, w in enumerate(widths):
        tbl.columns[j].width = Inches(w)
    align = {"left": PP_ALIGN.LEFT, "right": PP_ALIGN.RIGHT, "center": PP_ALIGN.CENTER}
    for i, r in enumerate(grid):
        tbl.rows[i].height = Inches(row_h[i])
        colour = row_colours[i - 1] if (i and row_colours) else None
        for j, (text, c) in enumerate(zip(r, columns, strict=True)):
            cell = tbl.cell(i, j)
            cell.margin_left = cell.margin_right = Inches(PAD_X)
            cell.margin_top = cell.margin_bottom = Inches(CELL_PAD_Y)
            cell.fill.solid()
            cell.fill.fore_color.rgb = _rgb(NAVY if i == 0 else BAND if i % 2 == 0 else WHITE)
            tf = cell.text_frame
            tf.word_wrap = True
            paragraph = tf.paragraphs[0]
            paragraph.alignment = align[c.align]
            run = paragraph.add_run()
            run.text = text
            run.font.size = Pt(size)
            run.font.bold = bolds[i]
            run.font.color.rgb = _rgb(WHITE if i == 0 else colour or INK)
    return sum(row_h), size


def chart_frame(slide: Slide, kind: Any, data: Any, box: tuple[float, float, float, float]) -> Any:
    """A native chart (data embedded in its own workbook) at (left, top, width, height) inches."""
    from pptx.util import Inches, Pt

    x, y, w, h = box
    frame: Any = slide.shapes.add_chart(kind, Inches(x), Inches(y), Inches(w), Inches(h), data)  # a GraphicFrame
    chart = frame.chart
    chart.font.size = Pt(12)
    chart.font.color.rgb = _rgb(INK)
    return chart


def colour_series(series: Any, hex_colour: str) -> None:
    fill = series.format.fill
    fill.solid()
    fill.fore_color.rgb = _rgb(hex_colour)
