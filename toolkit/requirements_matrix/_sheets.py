"""Requirements out to spreadsheets (.xlsx and .csv), since workshops happen in them.

One row per requirement and integration, a column per stakeholder's vote, the grade cells
restricted to must / could / wont by drop-down validation, and the consensus computed beside
them. The workbook adds a Weights sheet, each stakeholder's weights among the criteria
(`_sheet_weights`; not in the CSV). Reading a filled sheet back is `_sheet_import`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Any

from ..files._i18n import label
from ..files._version import VERSION
from ..files._yaml import write_atomic
from ..model._catalog import catalog
from ..model._grading import GradedItem, grade_item
from ..model._stakeholders import stakeholder_label
from ..model.schema import GRADES, IntegrationRequirement, LocalizedText, Requirement, Requirements, RoomWeights
from ._sheet_cells import COMPUTED_FILL, HEAD_FILL
from ._sheet_weights import about_rows, add_weights_sheet, weights_people, weights_rows
from ._weights_store import METHODS

REQ_SHEET = "Requirements"
INT_SHEET = "Integrations"
LISTS_SHEET = "Lists"
ABOUT_SHEET = "About"
VOTE_PREFIX = "vote:"
_REQ_FIELDS = ["id", "capability", "capability_name", "title", "title_en", "title_zh", "department", "rationale"]
_INT_FIELDS = ["system", "system_name", "product", "rationale"]
_COMPUTED = {"capability_name", "system_name", "consensus", "final", "flags"}


def _voters(requirements: Requirements) -> list[str]:
    """The vote columns: the stakeholders listed, in the file's order, then anyone else who voted."""
    seen: dict[str, None] = {s.id: None for s in requirements.stakeholders}
    items: list[Requirement | IntegrationRequirement] = [*requirements.requirements, *requirements.integrations]
    for item in items:
        for who in item.votes:
            seen.setdefault(who, None)
    return list(seen)


def _flags(graded: GradedItem, lang: str) -> str:
    flags = []
    if graded.conflict:
        flags.append(label("conflict", lang))
    if graded.overridden:
        flags.append(label("overridden", lang))
    return ", ".join(flags)


def _title_cells(title: str | LocalizedText | None) -> tuple[str, str, str]:
    if title is None:
        return "", "", ""
    if isinstance(title, LocalizedText):
        return "", title.en or "", title.zh or ""
    return title, "", ""


def requirement_rows(requirements: Requirements, lang: str = "en") -> tuple[list[str], list[list[Any]]]:
    """Header and rows of the requirements sheet."""
    cat = catalog()
    voters = _voters(requirements)
    header = [*_REQ_FIELDS, *(VOTE_PREFIX + v for v in voters), "grade", "consensus", "final", "flags"]
    rows = []
    for r in requirements.requirements:
        g = grade_item(r)
        t, en, zh = _title_cells(r.title)
        rows.append(
            [
                r.id,
                r.capability,
                cat.capability_name(r.capability, lang),
                t,
                en,
                zh,
                r.department or "",
                r.rationale or "",
                *(r.votes.get(v, "") for v in voters),
                r.grade or "",
                g.consensus or "",
                g.grade or "",
                _flags(g, lang),
            ]
        )
    return header, rows


def integration_rows(requirements: Requirements, lang: str = "en") -> tuple[list[str], list[list[Any]]]:
    cat = catalog()
    voters = _voters(requirements)
    header = [*_INT_FIELDS, *(VOTE_PREFIX + v for v in voters), "grade", "consensus", "final", "flags"]
    rows = []
    for it in requirements.integrations:
        g = grade_item(it)
        rows.append(
            [
                it.system,
                cat.integration_name(it.system, lang),
                it.product or "",
                it.rationale or "",
                *(it.votes.get(v, "") for v in voters),
                it.grade or "",
                g.consensus or "",
                g.grade or "",
                _flags(g, lang),
            ]
        )
    return header, rows


# --- export ----------------------------------------------------------------------------------


def export_csv(requirements: Requirements, path: str | Path | None = None, *, lang: str = "en") -> str:
    """One CSV holding requirements and integrations (a `kind` column tells them apart)."""
    r_head, r_rows = requirement_rows(requirements, lang)
    i_head, i_rows = integration_rows(requirements, lang)
    voters = [h for h in r_head if h.startswith(VOTE_PREFIX)]
    header = [
        "kind",
        "id",
        "capability",
        "capability_name",
        "system",
        "system_name",
        "product",
        "title",
        "title_en",
        "title_zh",
        "department",
        "rationale",
        *voters,
        "grade",
        "consensus",
        "final",
        "flags",
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for head, rows, kind in ((r_head, r_rows, "requirement"), (i_head, i_rows, "integration")):
        for row in rows:
            cells = dict(zip(head, row, strict=True))
            cells["kind"] = kind
            writer.writerow([cells.get(h, "") for h in header])
    text = out.getvalue()
    if path is not None:
        write_atomic(path, "\ufeff" + text)  # a BOM so that Excel opens Chinese text as UTF-8
    return text


def export_xlsx(
    requirements: Requirements,
    path: str | Path,
    *,
    lang: str = "en",
    engagement: str = "",
    room_weights: RoomWeights | None = None,
) -> None:
    """A workshop workbook: drop-downs on grade and vote cells, computed columns greyed, and a
    Weights sheet where each stakeholder gives their weights, prefilled with `room_weights`
    (engagement.yaml's; `_sheet_weights`)."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    cat = catalog()
    wb = Workbook()
    lists = wb.worksheets[0]  # the one sheet a new workbook has
    lists.title = LISTS_SHEET
    for i, g in enumerate(GRADES, start=1):
        lists.cell(i, 1, g)
    caps = list(cat.capabilities)
    systems = list(cat.integrations)
    for i, c in enumerate(caps, start=1):
        lists.cell(i, 2, c)
    for i, s in enumerate(systems, start=1):
        lists.cell(i, 3, s)
    for i, m in enumerate(METHODS, start=1):
        lists.cell(i, 4, m)
    lists.sheet_state = "hidden"

    bold = Font(bold=True)
    grey = PatternFill("solid", fgColor=COMPUTED_FILL)
    head_fill = PatternFill("solid", fgColor=HEAD_FILL)
    grade_ref = f"{LISTS_SHEET}!$A$1:$A${len(GRADES)}"

    def sheet(
        title: str, header: list[str], rows: list[list[Any]], key_col: str, key_ref: str, key_prompt: str
    ) -> None:
        ws = wb.create_sheet(title)
        ws.append(header)
        for row in rows:
            ws.append(row)
        last = max(ws.max_row, 2) + 200  # room for rows added in the workshop
        for j, name in enumerate(header, start=1):
            cell = ws.cell(1, j)
            cell.font = bold
            cell.fill = head_fill
            col = get_column_letter(j)
            if name in _COMPUTED:
                cell.comment = Comment(label("computed", lang), "crm-toolkit")
                for r in range(2, ws.max_row + 1):
                    ws.cell(r, j).fill = grey
            elif name.startswith(VOTE_PREFIX):
                who = stakeholder_label(requirements, name[len(VOTE_PREFIX) :], lang)  # the header keeps the id
                cell.comment = Comment(f"{label('vote_for', lang)}: {who}", "crm-toolkit")
            width = 12 if name.startswith(VOTE_PREFIX) or name in ("grade", "consensus", "final") else 22
            if name in ("title", "title_en", "title_zh", "rationale", "capability_name"):
                width = 34
            ws.column_dimensions[col].width = width
            if name == "grade" or name.startswith(VOTE_PREFIX):
                dv = DataValidation(
                    type="list",
                    formula1=f"={grade_ref}",
                    allow_blank=True,
                    showErrorMessage=True,
                    errorTitle="grade",
                    error="must, could or wont",
                )
                dv.add(f"{col}2:{col}{last}")
                ws.add_data_validation(dv)
            if name == key_col:
                dv = DataValidation(
                    type="list",
                    formula1=f"={key_ref}",
                    allow_blank=True,
                    showErrorMessage=True,
                    errorTitle=key_col,
                    error=key_prompt,
                )
                dv.add(f"{col}2:{col}{last}")
                ws.add_data_validation(dv)
        ws.freeze_panes = "B2"
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(vertical="top", wrap_text=False)

    r_head, r_rows = requirement_rows(requirements, lang)
    sheet(
        REQ_SHEET,
        r_head,
        r_rows,
        "capability",
        f"{LISTS_SHEET}!$B$1:$B${len(caps)}",
        "a capability id from the catalog",
    )
    i_head, i_rows = integration_rows(requirements, lang)
    sheet(
        INT_SHEET,
        i_head,
        i_rows,
        "system",
        f"{LISTS_SHEET}!$C$1:$C${len(systems)}",
        "an integration target from the catalog",
    )
    people = weights_people(requirements, _voters(requirements), room_weights)
    rows = weights_rows(requirements, people, room_weights, lang)
    add_weights_sheet(wb, rows, f"{LISTS_SHEET}!$D$1:$D${len(METHODS)}", lang)
    about = wb.create_sheet(ABOUT_SHEET)
    for row in (
        ("engagement", engagement),
        ("exported", dt.datetime.now().replace(microsecond=0).isoformat()),
        ("toolkit", f"crm-toolkit {VERSION}"),
        ("how", label("sheet_how", lang)),
        *about_rows(lang),
    ):
        about.append(row)
    about.column_dimensions["A"].width = 14
    about.column_dimensions["B"].width = 100
    for (cell,) in about.iter_rows(min_row=4, min_col=2, max_col=2):
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    wb.move_sheet(LISTS_SHEET, offset=len(wb.sheetnames))
    wb.active = 0
    buf = io.BytesIO()
    wb.save(buf)
    write_atomic(path, buf.getvalue())
