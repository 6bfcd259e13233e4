"""One sheet, one table: the header, formats, widths, frozen panes and autofilter of every sheet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from ._i18n import label
from ._table import width as text_width

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

SCORE, MONEY, SHARE, FACTOR, DATE = "0.0", "#,##0", "0.0%", "0.0000", "yyyy-mm-dd"
HEADER_FILL = "1F3A5F"


def width(value: object) -> int:
    text = (
        value.isoformat() if isinstance(value, dt.date) else f"{value:,.1f}" if isinstance(value, float) else str(value)
    )
    return text_width(text)


def sheet(
    wb: Workbook,
    title: str,
    head: Sequence[tuple[str, str | None]],
    rows: Sequence[Sequence[object]],
    *,
    freeze: str = "A2",
) -> Worksheet:
    """A sheet holding one table: `head` is (column title, number format or None)."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws: Worksheet = wb.create_sheet(title[:31])
    ws.append([h[:1].upper() + h[1:] for h, _ in head])  # "knocked out" as a column title
    for c in ws[1]:
        c.font = Font(bold=True, color="FFFFFF")
        c.fill = PatternFill("solid", fgColor=HEADER_FILL)
        c.alignment = Alignment(vertical="center", wrap_text=True)
    for r in rows:
        ws.append([None if missing(x) else x for x in r])
    for j, (_, fmt) in enumerate(head, start=1):
        if fmt:
            for (c,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                c.number_format = fmt
    for j, (h, _) in enumerate(head, start=1):
        widest = max([width(h)] + [width(r[j - 1]) for r in rows if not missing(r[j - 1])])
        ws.column_dimensions[get_column_letter(j)].width = min(60, max(8, widest + 2))
    ws.freeze_panes = freeze
    ws.auto_filter.ref = ws.dimensions
    return ws


def day(x: object) -> dt.date | str | None:
    """A date cell: a date stays a date, a date written as text becomes one where it parses."""
    if missing(x):
        return None
    if isinstance(x, dt.date):
        return x
    try:
        return dt.date.fromisoformat(str(x))
    except ValueError:
        return str(x)


def missing(x: Any) -> bool:
    """None, NaN or pandas' NA (a cell value of any kind: pandas hands them out untyped)."""
    return x is None or (not isinstance(x, str | bool | dt.date) and bool(pd.isna(x)))


def at(frame: pd.DataFrame, row: str, column: str | int) -> float:
    """`frame.at[row, column]` of a frame of numbers, as a float: pandas-stubs types a cell as any
    scalar (a date, a string), which `float()` refuses; column then row reads the same cell."""
    return float(frame[column][row])


def frame_rows(frame: pd.DataFrame) -> Iterator[Any]:
    """`frame.itertuples()`, each row untyped: pandas-stubs cannot know a column's type."""
    return frame.itertuples()


def num(x: Any) -> float | None:
    """A plain Python number (openpyxl writes numpy scalars too, but not pandas' NA)."""
    return None if missing(x) else float(x)


def vendor_cols(lang: str) -> list[tuple[str, str | None]]:
    return [(label("id", lang), None), (label("vendor", lang), None)]
