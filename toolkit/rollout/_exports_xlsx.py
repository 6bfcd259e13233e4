"""The checklist workbook: the rollout plan as sheets a project team works through in Excel.

Why a workbook beside the CSV: dates stay dates, a status is picked from a list, overdue rows
stand out, a row turns grey the moment its status is set to done, and the Phases and KPIs sheets
give the sponsor the figures `crm-toolkit status` prints (METHOD.md §7). Tables go through the
report's `sheet()`, so both workbooks share one header style, number formats and CJK widths.
"""

from __future__ import annotations

import datetime as dt
import io
import math

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties

from ..files._i18n import label
from ..files._sheets import DATE, HEADER_FILL, SHARE, sheet
from ..files._table import width as text_width
from ..files._version import VERSION
from ..model.schema import STATUSES, RolloutFile, text_of
from ._checklist import Checklist, checklist_rows, label_or
from ._library import phase_names, status_label
from ._progress import is_overdue, rollout_status

EFFORT = "0.0"
FORMATS = {"due": DATE, "effort": EFFORT}
#: columns whose long text wraps, and the width (in characters) they wrap at
WRAP = {"title": 40, "delivers": 28, "acceptance": 55, "note": 36}
OVERDUE_FILL = PatternFill("solid", fgColor="FFC7CE")  # Excel's "Bad" red
OVERDUE_FONT = Font(bold=True, color="9C0006")
DONE_FILL = PatternFill(start_color="E2EFDA", end_color="E2EFDA", fill_type="solid")
DONE_FONT = Font(color="7F7F7F")
PHASE_BORDER = Border(top=Side(style="medium", color=HEADER_FILL))
LINE_POINTS = 15  # one line of the default 11 pt font
STATUS_WIDTH = 14  # room for the longest label and the dropdown's arrow


def _lines(value: object, columns: float) -> int:
    """How many lines a wrapped cell takes: Excel and LibreOffice do not grow a row written by
    openpyxl to fit its text, so the height is set from the text's display width (CJK counts 2).
    """
    if value is None:
        return 1
    return sum(max(1, math.ceil(text_width(part) / max(1.0, columns - 1))) for part in str(value).split("\n"))


def _status_validation(lang: str) -> DataValidation:
    """A dropdown of the four statuses' labels; anything else typed in is refused."""
    labels = [status_label(s, lang) for s in STATUSES]
    return DataValidation(
        type="list",
        formula1='"' + ",".join(labels) + '"',
        allow_blank=False,
        showDropDown=False,  # OOXML names it backwards: True would hide the arrow
        showErrorMessage=True,
        errorTitle=label("rx_status_pick_title", lang),
        error=label("rx_status_pick", lang, statuses=label("rx_list_sep", lang).join(labels)),
    )


def _checklist(wb: Workbook, table: Checklist, today: dt.date, lang: str) -> None:
    head = [(title, FORMATS.get(key)) for key, title in zip(table.keys, table.head, strict=True)]
    ws = sheet(wb, label("rx_sh_checklist", lang), head, table.rows)
    letter = {key: get_column_letter(i) for i, key in enumerate(table.keys, start=1)}
    last_col, last_row = letter[table.keys[-1]], len(table.rows) + 1
    for key, cap in WRAP.items():
        dim = ws.column_dimensions[letter[key]]
        dim.width = min(dim.width or cap, cap)
    status_dim = ws.column_dimensions[letter["status"]]
    status_dim.width = max(status_dim.width or 0, STATUS_WIDTH)
    wraps = {table.column(k) + 1: ws.column_dimensions[letter[k]].width for k in WRAP}
    for r, row in enumerate(ws.iter_rows(min_row=2), start=2):
        for c in row:
            c.alignment = Alignment(vertical="top", wrap_text=c.column in wraps)
        lines = max(_lines(c.value, wraps[c.column]) for c in row if c.column in wraps)
        if lines > 1:
            ws.row_dimensions[r].height = lines * LINE_POINTS
    previous = None
    for r, task in enumerate(table.tasks, start=2):
        if previous is not None and task.phase != previous:
            for c in ws[r]:
                c.border = PHASE_BORDER  # a rule between phases: the sheet reads as grouped
        previous = task.phase
        if is_overdue(task, today):  # a snapshot as of `today`, like the Overdue column beside it
            for c in ws[r]:
                c.fill = OVERDUE_FILL
            ws[f"{letter['overdue']}{r}"].font = OVERDUE_FONT
            ws[f"{letter['due']}{r}"].font = OVERDUE_FONT
    status = letter["status"]
    if table.rows:
        # live, not a snapshot: picking "done" in the dropdown greys the row at once
        done = status_label("done", lang).replace('"', '""')
        rule = FormulaRule(formula=[f'${status}2="{done}"'], font=DONE_FONT, fill=DONE_FILL, stopIfTrue=True)
        ws.conditional_formatting.add(f"A2:{last_col}{last_row}", rule)
        validation = _status_validation(lang)
        validation.add(f"{status}2:{status}{last_row}")
        ws.add_data_validation(validation)
    ws.print_title_rows = "1:1"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)


def _phases(wb: Workbook, rollout: RolloutFile, today: dt.date, lang: str) -> None:
    names = phase_names(lang)
    head = [
        (label("rx_phase", lang), None),
        (label("rx_start", lang), DATE),
        (label("rx_end", lang), DATE),
        (label("rx_tasks", lang), "0"),
        (label("rx_done", lang), "0"),
        (label("ro_progress", lang), SHARE),
    ]
    rows = [
        [names.get(p.id, p.id), p.start, p.end, p.tasks, p.done, p.progress]
        for p in rollout_status(rollout, today).phases
    ]
    sheet(wb, label("rx_sh_phases", lang), head, rows)


def _kpis(wb: Workbook, rollout: RolloutFile, today: dt.date, lang: str) -> None:
    head = [
        (label("ro_kpi", lang), None),
        (label("ro_unit", lang), None),
        (label("rx_direction", lang), None),
        (label("ro_baseline", lang), None),
        (label("ro_target", lang), None),
        (label("ro_actual", lang), None),
        (label("rx_kpi_progress", lang), SHARE),
    ]
    rows = [
        [
            text_of(k.kpi.name, lang),
            label_or(f"rx_unit_{k.kpi.unit}", lang, k.kpi.unit),
            label(f"rx_dir_{k.kpi.direction}", lang),
            k.kpi.baseline,
            k.kpi.target,
            k.kpi.actual,
            k.progress,
        ]
        for k in rollout_status(rollout, today).kpis
    ]
    sheet(wb, label("rx_sh_kpis", lang), head, rows)


def _about(wb: Workbook, rollout: RolloutFile, today: dt.date, lang: str, client: str | None, vendor: str) -> None:
    status = rollout_status(rollout, today)
    rows: list[list[object]] = [[label("client", lang), client]] if client else []
    rows += [
        [label("vendor", lang), vendor],
        [label("rx_start_date", lang), rollout.start_date],
        [label("rx_today", lang), today],
        [label("rx_overall", lang), status.progress],
        [label("rx_tasks", lang), len(status.tasks)],
        [label("rx_done", lang), status.done],
        [label("rx_overdue_count", lang), len(status.overdue)],
        [label("rx_must_open", lang), len(status.must_not_done)],
        [label("rx_generated", lang), label("rx_generator", lang, version=VERSION)],
        [label("rx_note", lang), label("rx_about_overdue", lang)],
        [label("rx_note", lang), label("rx_about_edits", lang)],
    ]
    ws = sheet(wb, label("rx_sh_about", lang), [(label("rx_item", lang), None), (label("rx_value", lang), None)], rows)
    cells = ws.iter_rows(min_row=2, min_col=2, max_col=2)
    for r, ((_, value), (c,)) in enumerate(zip(rows, cells, strict=True), start=2):
        c.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        lines = _lines(value, ws.column_dimensions["B"].width)
        if lines > 1:
            ws.row_dimensions[r].height = lines * LINE_POINTS
        if isinstance(value, dt.date):
            c.number_format = DATE
        elif isinstance(value, float):
            c.number_format = SHARE


def build_workbook(
    rollout: RolloutFile, *, today: dt.date, lang: str, client: str | None = None, vendor: str | None = None
) -> Workbook:
    """The workbook, not yet saved: Checklist, Phases, KPIs and About, in that order."""
    wb = Workbook()
    wb.remove(wb.worksheets[0])  # the one sheet a new workbook has
    _checklist(wb, checklist_rows(rollout, today=today, lang=lang), today, lang)
    _phases(wb, rollout, today, lang)
    _kpis(wb, rollout, today, lang)
    _about(wb, rollout, today, lang, client, vendor or rollout.vendor)
    wb.active = 0
    wb.properties.creator = label("rx_generator", lang, version=VERSION)
    return wb


def workbook_bytes(
    rollout: RolloutFile, *, today: dt.date, lang: str, client: str | None = None, vendor: str | None = None
) -> bytes:
    """The saved workbook, in memory: the caller writes it atomically."""
    buf = io.BytesIO()
    build_workbook(rollout, today=today, lang=lang, client=client, vendor=vendor).save(buf)
    return buf.getvalue()
