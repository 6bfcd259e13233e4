"""Requirements to and from spreadsheets (.xlsx and .csv), since workshops happen in them.

Export writes one row per requirement and integration, a column per stakeholder's vote, the
grade cells restricted to must / could / wont by drop-down validation, and the consensus
computed beside them. Import reads every cell, reports every bad one (`FILE:Sheet!C7: grade:
...`) and writes nothing unless all are good; it then updates requirements.yaml in place, so
the comments and key order a person wrote survive.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from .. import __version__
from .._catalog import catalog
from .._i18n import label
from .._problems import InvalidInput, Problem
from .._yaml import dump_yaml, load_yaml, write_atomic
from ..schema import GRADES, LocalizedText, Requirements, text_of
from ._grading import grade_item

REQ_SHEET = "Requirements"
INT_SHEET = "Integrations"
LISTS_SHEET = "Lists"
ABOUT_SHEET = "About"
VOTE_PREFIX = "vote:"
_REQ_FIELDS = ["id", "capability", "capability_name", "title", "title_en", "title_zh", "department", "rationale"]
_INT_FIELDS = ["system", "system_name", "product", "rationale"]
_COMPUTED = {"capability_name", "system_name", "consensus", "final", "flags"}
_GRADE_WORDS = {
    "must": "must",
    "could": "could",
    "wont": "wont",
    "won't": "wont",
    "wont'": "wont",
    "必做": "must",
    "可做": "could",
    "不做": "wont",
}


def _voters(requirements: Requirements) -> list[str]:
    seen: dict[str, None] = {}
    for item in [*requirements.requirements, *requirements.integrations]:
        for who in item.votes:
            seen.setdefault(who, None)
    return list(seen)


def _flags(graded, lang: str) -> str:
    flags = []
    if graded.conflict:
        flags.append(label("conflict", lang))
    if graded.overridden:
        flags.append(label("overridden", lang))
    return ", ".join(flags)


def _title_cells(title) -> tuple[str, str, str]:
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


def export_xlsx(requirements: Requirements, path: str | Path, *, lang: str = "en", engagement: str = "") -> None:
    """A workshop workbook: drop-downs on grade and vote cells, computed columns greyed."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    cat = catalog()
    wb = Workbook()
    lists = wb.active
    lists.title = LISTS_SHEET
    for i, g in enumerate(GRADES, start=1):
        lists.cell(i, 1, g)
    caps = list(cat.capabilities)
    systems = list(cat.integrations)
    for i, c in enumerate(caps, start=1):
        lists.cell(i, 2, c)
    for i, s in enumerate(systems, start=1):
        lists.cell(i, 3, s)
    lists.sheet_state = "hidden"

    bold = Font(bold=True)
    grey = PatternFill("solid", fgColor="EEEEEE")
    head_fill = PatternFill("solid", fgColor="DDE7F0")
    grade_ref = f"{LISTS_SHEET}!$A$1:$A${len(GRADES)}"

    def sheet(title, header, rows, key_col, key_ref, key_prompt):
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
                cell.comment = Comment(f"{label('vote_for', lang)}: {name[len(VOTE_PREFIX) :]}", "crm-toolkit")
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
        return ws

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
    about = wb.create_sheet(ABOUT_SHEET)
    for row in (
        ("engagement", engagement),
        ("exported", dt.datetime.now().replace(microsecond=0).isoformat()),
        ("toolkit", f"crm-toolkit {__version__}"),
        (
            "how",
            "Fill one vote:NAME column per stakeholder; add a column vote:NAME for a new one. "
            "grade is the consultant's final decision. Grey columns are recomputed on import.",
        ),
    ):
        about.append(row)
    about.column_dimensions["A"].width = 14
    about.column_dimensions["B"].width = 100
    wb.move_sheet(LISTS_SHEET, offset=len(wb.sheetnames))
    wb.active = 0
    buf = io.BytesIO()
    wb.save(buf)
    write_atomic(path, buf.getvalue())


# --- import ----------------------------------------------------------------------------------


@dataclass
class _Row:
    sheet: str | None  # None for CSV
    number: int
    cells: dict[str, Any]
    columns: dict[str, int]


def _cell_ref(path: Path, row: _Row, name: str) -> Problem:
    from openpyxl.utils import get_column_letter

    col = row.columns.get(name)
    if row.sheet is None:
        return Problem(str(path), row.number, (col or 0) + 1, name, "")
    letter = get_column_letter((col or 0) + 1)
    return Problem(str(path), row.number, (col or 0) + 1, name, "", cell=f"{row.sheet}!{letter}{row.number}")


def _problem(path: Path, row: _Row, name: str, message: str) -> Problem:
    base = _cell_ref(path, row, name)
    return Problem(base.file, base.line, base.column, base.field, message, cell=base.cell)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read_xlsx(path: Path) -> tuple[list[_Row], list[_Row], list[Problem]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, data_only=True, read_only=True)
    except Exception as e:  # openpyxl raises many kinds for a file that is not a workbook
        return [], [], [Problem(str(path), 0, 0, "", f"cannot read as an Excel workbook: {e}")]
    problems: list[Problem] = []
    out: dict[str, list[_Row]] = {REQ_SHEET: [], INT_SHEET: []}
    for name in (REQ_SHEET, INT_SHEET):
        if name not in wb.sheetnames:
            if name == REQ_SHEET:
                problems.append(
                    Problem(
                        str(path),
                        0,
                        0,
                        "",
                        f"no sheet named {name!r}: export a workbook with "
                        "`crm-toolkit requirements DIR --format xlsx` to start from",
                    )
                )
            continue
        rows = list(wb[name].iter_rows(values_only=True))
        if not rows:
            continue
        header = [_text(h) for h in rows[0]]
        columns = {h: i for i, h in enumerate(header) if h}
        for n, values in enumerate(rows[1:], start=2):
            cells = {h: values[i] if i < len(values) else None for h, i in columns.items()}
            if all(_text(v) == "" for v in cells.values()):
                continue
            out[name].append(_Row(name, n, cells, columns))
    wb.close()
    return out[REQ_SHEET], out[INT_SHEET], problems


def _read_csv(path: Path) -> tuple[list[_Row], list[_Row], list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        return [], [], [Problem(str(path), 0, 0, "", f"cannot read as UTF-8 CSV: {e}")]
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return [], [], [Problem(str(path), 1, 1, "", "empty CSV: expected a header row")]
    header = [h.strip() for h in rows[0]]
    columns = {h: i for i, h in enumerate(header) if h}
    reqs, integ, problems = [], [], []
    for n, values in enumerate(rows[1:], start=2):
        cells = {h: values[i] if i < len(values) else "" for h, i in columns.items()}
        if all(_text(v) == "" for v in cells.values()):
            continue
        row = _Row(None, n, cells, columns)
        kind = _text(cells.get("kind")) or ("integration" if _text(cells.get("system")) else "requirement")
        if kind == "requirement":
            reqs.append(row)
        elif kind == "integration":
            integ.append(row)
        else:
            problems.append(_problem(path, row, "kind", f"must be requirement or integration (got {kind!r})"))
    return reqs, integ, problems


def _grade(path: Path, row: _Row, name: str, problems: list[Problem]) -> str | None:
    raw = _text(row.cells.get(name))
    if raw == "":
        return None
    grade = _GRADE_WORDS.get(raw.lower())
    if grade is None:
        what = "vote" if name.startswith(VOTE_PREFIX) else "grade"
        problems.append(_problem(path, row, name, f"{what} must be must, could or wont (got {raw!r})"))
    return grade


def _votes(path: Path, row: _Row, problems: list[Problem]) -> dict[str, str]:
    votes = {}
    for name in row.columns:
        if name.startswith(VOTE_PREFIX):
            who = name[len(VOTE_PREFIX) :].strip()
            g = _grade(path, row, name, problems)
            if g is not None and who:
                votes[who] = g
    return votes


def read_sheet(path: str | Path) -> tuple[dict | None, list[Problem]]:
    """The requirements a filled sheet holds (plain data), or every problem with its cell."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        req_rows, int_rows, problems = _read_xlsx(path)
    elif suffix == ".csv":
        req_rows, int_rows, problems = _read_csv(path)
    else:
        return None, [Problem(str(path), 0, 0, "", "expected a .xlsx or .csv file")]
    if not path.exists():
        return None, [Problem(str(path), 0, 0, "", "file not found")]
    cat = catalog()
    requirements, integrations = [], []
    ids: dict[str, int] = {}
    for row in req_rows:
        item: dict[str, Any] = {}
        rid = _text(row.cells.get("id"))
        if not rid:
            problems.append(_problem(path, row, "id", "required: a requirement id such as R12"))
        elif rid in ids:
            problems.append(_problem(path, row, "id", f"duplicate requirement id {rid!r} (first in row {ids[rid]})"))
        else:
            ids[rid] = row.number
        item["id"] = rid
        cap = _text(row.cells.get("capability"))
        if cap not in cat.capabilities:
            problems.append(
                _problem(path, row, "capability", f"unknown capability id {cap!r}; see `crm-toolkit catalog`")
            )
        item["capability"] = cap
        t, en, zh = (_text(row.cells.get(k)) for k in ("title", "title_en", "title_zh"))
        if t:
            item["title"] = t
        elif en or zh:
            item["title"] = {k: v for k, v in (("en", en), ("zh", zh)) if v}
        for key in ("department",):
            if _text(row.cells.get(key)):
                item[key] = _text(row.cells.get(key))
        item["votes"] = _votes(path, row, problems)
        grade = _grade(path, row, "grade", problems)
        if grade:
            item["grade"] = grade
        if _text(row.cells.get("rationale")):
            item["rationale"] = _text(row.cells.get("rationale"))
        if not item["votes"] and not grade and _text(row.cells.get("grade")) == "":
            problems.append(
                _problem(
                    path,
                    row,
                    "grade",
                    f"requirement {rid or '?'} has neither votes nor grade: fill a vote or the grade",
                )
            )
        requirements.append(item)
    systems: dict[str, int] = {}
    for row in int_rows:
        system = _text(row.cells.get("system"))
        if system not in cat.integrations:
            problems.append(
                _problem(path, row, "system", f"unknown integration target {system!r}; see `crm-toolkit catalog`")
            )
        elif system in systems:
            problems.append(
                _problem(path, row, "system", f"duplicate integration {system!r} (first in row {systems[system]})")
            )
        systems.setdefault(system, row.number)
        item = {"system": system}
        if _text(row.cells.get("product")):
            item["product"] = _text(row.cells.get("product"))
        item["votes"] = _votes(path, row, problems)
        grade = _grade(path, row, "grade", problems)
        if grade:
            item["grade"] = grade
        if _text(row.cells.get("rationale")):
            item["rationale"] = _text(row.cells.get("rationale"))
        if not item["votes"] and not grade and _text(row.cells.get("grade")) == "":
            problems.append(_problem(path, row, "grade", f"integration {system or '?'} has neither votes nor grade"))
        integrations.append(item)
    if problems:
        return None, problems
    data = {"requirements": requirements, "integrations": integrations}
    Requirements.model_validate(data)  # every cell was checked above; this cannot fail silently
    return data, []


# --- merge into requirements.yaml ---------------------------------------------------------------


_ITEM_ORDER = ["id", "capability", "system", "product", "title", "department", "votes", "grade", "rationale"]


def _update_map(target: CommentedMap, new: dict, order: list[str] | None = None) -> None:
    """Set `target` to `new` in place: changed keys updated where they stand, others removed,
    new keys placed by `order` (or appended), so comments and a person's key order survive."""
    for key in [k for k in target if k not in new]:
        del target[key]
    for key in order or list(new):
        if key not in new:
            continue
        value = new[key]
        if isinstance(value, dict):
            if isinstance(target.get(key), CommentedMap):
                _update_map(target[key], value)
                continue
            value = CommentedMap(value.items())
            value.fa.set_flow_style()
        if key in target:
            if target[key] != value:
                target[key] = value
        elif order:
            pos = sum(1 for k in order[: order.index(key)] if k in target)
            target.insert(pos, key, value)
        else:
            target[key] = value


def _merge_list(existing: Any, new_items: list[dict], key: str) -> CommentedSeq:
    old = {}
    if isinstance(existing, list):
        for item in existing:
            if isinstance(item, CommentedMap) and key in item:
                old.setdefault(str(item[key]), item)
    out = existing if isinstance(existing, CommentedSeq) else CommentedSeq()
    merged = []
    for new in new_items:
        item = old.get(str(new[key]))
        if item is None:
            item = CommentedMap()
        _update_map(item, {k: v for k, v in new.items() if v not in ({}, None, "")}, _ITEM_ORDER)
        merged.append(item)
    out[:] = merged
    return out


def merged_requirements_yaml(requirements_path: str | Path, data: dict) -> str:
    """requirements.yaml text holding `data`, keeping what a person wrote around it."""
    loaded = load_yaml(requirements_path)
    doc = loaded.data if isinstance(loaded.data, CommentedMap) else CommentedMap()
    for key, ident in (("requirements", "id"), ("integrations", "system")):
        merged = _merge_list(doc.get(key), data[key], ident)
        if key in doc:
            doc[key] = merged
        else:
            doc[key] = merged
    return dump_yaml(doc)


def import_sheet(engagement_dir: str | Path, sheet: str | Path) -> dict:
    """Read a filled sheet into the engagement's requirements.yaml; nothing is written on error.

    Every cell is checked first (grades, ids, catalog references, votes-or-grade); one bad cell
    and `InvalidInput` lists them all, the file untouched. Returns the imported data.
    """
    from .._engagement import REQUIREMENTS_FILE

    target = Path(engagement_dir) / REQUIREMENTS_FILE
    data, problems = read_sheet(sheet)
    if data is None:
        raise InvalidInput(problems, str(sheet))
    if target.exists():
        loaded = load_yaml(target)
        if not loaded.ok:
            raise InvalidInput(loaded.problems, str(target))
    write_atomic(target, merged_requirements_yaml(target, data))
    return data


def requirements_text(requirements: Requirements, lang: str = "en") -> list[tuple[str, str]]:
    """(id, display title) pairs, for tables."""
    cat = catalog()
    return [
        (r.id, text_of(r.title, lang) or cat.capability_name(r.capability, lang)) for r in requirements.requirements
    ]
