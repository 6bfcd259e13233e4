"""What an illustrative engagement's report, workbook and deck say first (docs/method.md, "An
illustrative engagement"): a banner at the top of the page and a line at the top of every
printed page, a first sheet, and a banner on the title slide with a mark at the foot of every
slide. An engagement that is not illustrative gets none of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..files._i18n import label
from ..model._illustrative import illustrative_words
from ._facts import ReportData
from ._markup import esc

if TYPE_CHECKING:
    from openpyxl import Workbook
    from pptx.presentation import Presentation

ALERT, SOFT = "A23B3B", "FBE9E7"

_CSS = (
    ".illustrative { border: 1.5px solid #a23b3b; background: #fbe9e7; color: #5a1f1f; padding: 3mm 4mm;"
    " margin: 0 0 5mm; font-size: 9.5pt; }"
    " .illustrative h2 { color: #a23b3b; border: 0; margin: 0 0 1mm; padding: 0; font-size: 11pt; }"
    " .illustrative p { margin: 0 0 1mm; }"
    ' @page { @top-center { content: "{mark}"; color: #a23b3b; font-size: 8pt; } }'
)


def _css_string(text: str) -> str:
    """`text` inside a CSS string: quotes and backslashes escaped, no `<` to end the style."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")


def illustrative_html(data: ReportData, lang: str) -> str:
    """The banner at the top of the page, and the mark Chromium prints at the top of every page."""
    words = illustrative_words(data.settings.illustrative, lang)
    if not words:
        return ""
    css = _CSS.replace("{mark}", _css_string(label("ill_mark", lang)))
    says = "".join(f"<p>{esc(w)}</p>" for w in words[1:])
    return f'<style>{css}</style><section class="illustrative" role="note"><h2>{esc(words[0])}</h2>{says}</section>'


def illustrative_sheet(wb: Workbook, data: ReportData, lang: str) -> None:
    """The workbook's first sheet, the one it opens on: the same words, one a row."""
    from openpyxl.styles import Alignment, Font, PatternFill

    words = illustrative_words(data.settings.illustrative, lang)
    if not words:
        return
    ws = wb.create_sheet(label("ill_sheet", lang)[:31], 0)
    ws.column_dimensions["A"].width = 120
    for i, text in enumerate(words, start=1):
        c = ws.cell(i, 1, text)
        c.font = Font(bold=i == 1, size=14 if i == 1 else 11, color=ALERT if i == 1 else "1D2733")
        c.alignment = Alignment(vertical="top", wrap_text=True)
        c.fill = PatternFill("solid", fgColor=SOFT)
    wb.active = 0
    for other in wb.worksheets:  # one selected tab, or Excel opens the sheets grouped
        other.sheet_view.tabSelected = other is ws


def mark_deck(prs: Presentation, data: ReportData, lang: str) -> None:
    """The banner over the title slide (and its speaker notes), and the mark at the foot of every
    slide, left of the client, date and number."""
    from ._deck_kit import MARGIN, Para, rectangle, text_box

    words = illustrative_words(data.settings.illustrative, lang)
    if not words:
        return
    slides = list(prs.slides)
    title = slides[0]
    rectangle(title, (1.0, 0.12, 11.3, 1.3), SOFT)
    paras = [Para(words[0], bold=True, colour=ALERT, scale=1.15), *(Para(w) for w in words[1:])]
    text_box(title, (1.1, 0.14, 11.1, 1.27), paras, sizes=(14, 13, 12, 11, 10, 9, 8), space=2)
    frame = title.notes_slide.notes_text_frame
    assert frame is not None  # the deck's slides all have notes (_deck_kit.notes)
    frame.text = "\n".join([*words, frame.text])
    for slide in slides:
        text_box(slide, (MARGIN, 7.0, 5.5, 0.35), [Para(label("ill_mark", lang), bold=True, colour=ALERT)], sizes=(9,))
