"""What a preliminary scorecard's report says first: a banner on the page's first screen and the
workbook's first sheet, each listing the missing figures (docs/method.md, "A preliminary
scorecard"). A final scorecard's report has neither."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..files._i18n import label
from ..files._sheets import sheet
from ..scoring._words import preliminary_words
from ._facts import ReportData
from ._markup import esc

if TYPE_CHECKING:
    from openpyxl import Workbook


def preliminary_html(data: ReportData, lang: str) -> str:
    """The banner under the cover: why TCO is left out, and each missing figure where it goes."""
    card = data.card
    if not card.preliminary:
        return ""
    says = "".join(f"<p>{esc(s)}</p>" for s in preliminary_words(card, lang))
    items = "".join(f"<li><code>{esc(line)}</code></li>" for line in card.missing_lines())
    return (
        f'<section class="prelim" role="alert"><h2>{esc(label("rpt_prelim_banner", lang))}</h2>{says}'
        f'<p class="note">{esc(label("prelim_missing", lang))}</p><ul class="missing">{items}</ul>'
        f'<p class="note">{esc(label("rpt_prelim_next", lang))}</p></section>'
    )


def preliminary_sheet(wb: Workbook, data: ReportData, lang: str) -> None:
    """The workbook's first sheet: one row per missing figure (file, line, field, the message),
    under a banner of the same words as the page's."""
    from openpyxl.styles import Alignment, Font, PatternFill

    card = data.card
    if not card.preliminary:
        return
    head = [
        (label("rpt_file", lang), None),
        (label("rpt_line", lang), "0"),
        (label("rpt_field", lang), None),
        (label("rpt_missing_figure", lang), None),  # last: the long text runs on to the right
    ]
    lines = card.missing_lines()
    rows = [[line.split(":", 1)[0], p.line, p.field, line] for p, line in zip(card.missing, lines, strict=True)]
    ws = sheet(wb, label("rpt_sh_preliminary", lang), head, rows, freeze="A5")
    ws.insert_rows(1, 3)  # the banner above the table: title, why, what next
    texts = [label("rpt_prelim_banner", lang), " ".join(preliminary_words(card, lang)), label("rpt_prelim_next", lang)]
    for i, text in enumerate(texts, start=1):
        c = ws.cell(i, 1, text)
        c.font = Font(bold=i == 1, size=14 if i == 1 else 11, color="A23B3B" if i == 1 else "1D2733")
        c.alignment = Alignment(vertical="top")
        c.fill = PatternFill("solid", fgColor="FBE9E7")
    ws.auto_filter.ref = f"A4:D{ws.max_row}"
    wb.move_sheet(ws, offset=-(len(wb.sheetnames) - 1))  # the sheet a workbook opens on
    wb.active = 0
    for other in wb.worksheets:  # one selected tab, or Excel opens the sheets grouped
        other.sheet_view.tabSelected = other is ws
