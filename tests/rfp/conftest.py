"""The demo engagement copied into tmp_path, and a script that fills a questionnaire as a vendor would."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from toolkit.model._profiles import demo_path

PRICING_ROWS = {
    "price_per_user_month": 6,
    "min_users": 7,
    "price_per_year": 8,
    "included_users": 9,
    "extra_user_per_year": 10,
    "currency": 11,
    "implementation": 12,
    "notes": 13,
}


@pytest.fixture
def demo(tmp_path) -> Path:
    """A copy of the bundled demo: tests never write into examples/."""
    return Path(shutil.copytree(demo_path(), tmp_path / "demo-manufacturer"))


def rows_by_id(ws) -> dict[str, int]:
    return {ws.cell(r, 1).value: r for r in range(4, ws.max_row + 1) if ws.cell(r, 1).value}


def fill(book: Path, vendor: str, answers: dict, *, pricing: dict | None = None, date=None, out: Path | None = None):
    """Answer rows by id (requirement id or integration:SYSTEM): {id: (answer, evidence)}."""
    wb = load_workbook(book)
    ws = wb[vendor]
    rows = rows_by_id(ws)
    for ident, (answer, evidence) in answers.items():
        ws.cell(rows[ident], 5).value = answer
        ws.cell(rows[ident], 6).value = evidence
    if date is not None:
        ws.cell(2, 2).value = date
    for name, value in (pricing or {}).items():
        wb[f"{vendor} pricing"].cell(PRICING_ROWS[name], 2).value = value
    out = out or book
    wb.save(out)
    return out
