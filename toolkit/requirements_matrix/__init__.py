"""The requirements workshop: grading, the three-column table, scaffolding, spreadsheets."""

from ..model._grading import (
    MUST_SHARE_LIMIT,
    GradedItem,
    GradingTable,
    consensus_grade,
    grade_item,
    grading_table,
    has_conflict,
)
from ._render import render_requirements
from ._scaffold import new_engagement, scaffold_requirements
from ._sheet_import import import_sheet, read_sheet
from ._sheets import export_csv, export_xlsx

__all__ = [
    "MUST_SHARE_LIMIT",
    "GradedItem",
    "GradingTable",
    "consensus_grade",
    "export_csv",
    "export_xlsx",
    "grade_item",
    "grading_table",
    "has_conflict",
    "import_sheet",
    "new_engagement",
    "read_sheet",
    "render_requirements",
    "scaffold_requirements",
]
