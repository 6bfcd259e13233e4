"""The cells of a filled workshop sheet, as every reader of it sees them: a row's values by
column name, and one `Problem` per bad cell naming it (`FILE:Sheet!C7: field: message`, or
`FILE:LINE: column: message` in a CSV)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..files._problems import Problem

#: the header's look in every sheet of the workshop workbook, and the grey of computed cells
HEAD_FILL, COMPUTED_FILL = "DDE7F0", "EEEEEE"


@dataclass
class _Row:
    sheet: str | None  # None for CSV
    number: int
    cells: dict[str, Any]
    columns: dict[str, int]

    def ref(self, name: str) -> str:
        """The cell of column `name` in this row: `Weights!D3` (the row number in a CSV)."""
        from openpyxl.utils import get_column_letter

        if self.sheet is None:
            return str(self.number)
        return f"{self.sheet}!{get_column_letter(self.columns.get(name, 0) + 1)}{self.number}"


def _problem(path: Path, row: _Row, name: str, message: str, *, severity: str = "error") -> Problem:
    col = row.columns.get(name, 0) + 1
    cell = None if row.sheet is None else row.ref(name)
    return Problem(str(path), row.number, col, name, message, severity, cell=cell)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()
