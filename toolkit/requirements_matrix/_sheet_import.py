"""Reading a filled workshop sheet (.xlsx or .csv) back into requirements.yaml, and a
workbook's Weights sheet into engagement.yaml's room weights (`_sheet_weights`).

Every cell is checked, every bad one reported with its cell (`FILE:Sheet!C7: grade: ...`), and
nothing is written unless all are good. The file is then updated in place, so the comments and
key order a person wrote survive.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from ..files._lock import locked
from ..files._problems import InvalidInput, Problem
from ..files._yaml import dump_yaml, load_yaml, read_yaml, write_atomic
from ..model._catalog import catalog
from ..model._engagement import check_replaced
from ..model.schema import Requirements
from ._sheet_cells import _problem, _Row, _text
from ._sheet_weights import WEIGHTS_SHEET, WeightsImport, changed, read_weights
from ._sheets import INT_SHEET, REQ_SHEET, VOTE_PREFIX
from ._weights_store import room_in_file, room_weights_yaml, save_room_weights

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


#: a filled sheet's rows by sheet name, each sheet the file holds (a CSV: requirements, integrations)
Rows = dict[str, list[_Row]]


def _read_xlsx(path: Path) -> tuple[Rows, list[Problem]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, data_only=True, read_only=True)
    except Exception as e:  # openpyxl raises many kinds for a file that is not a workbook
        return {}, [Problem(str(path), 0, 0, "", f"cannot read as an Excel workbook: {e}")]
    problems: list[Problem] = []
    if REQ_SHEET not in wb.sheetnames:
        problems.append(
            Problem(
                str(path),
                0,
                0,
                "",
                f"no sheet named {REQ_SHEET!r}: export a workbook with "
                "`crm-toolkit requirements DIR --format xlsx` to start from",
            )
        )
    out: Rows = {}
    for name in (REQ_SHEET, INT_SHEET, WEIGHTS_SHEET):
        if name not in wb.sheetnames:
            continue
        out[name] = []
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
    return out, problems


def _read_csv(path: Path) -> tuple[Rows, list[Problem]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        return {}, [Problem(str(path), 0, 0, "", f"cannot read as UTF-8 CSV: {e}")]
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        return {}, [Problem(str(path), 1, 1, "", "empty CSV: expected a header row")]
    header = [h.strip() for h in rows[0]]
    columns = {h: i for i, h in enumerate(header) if h}
    out: Rows = {REQ_SHEET: [], INT_SHEET: []}
    problems = []
    for n, values in enumerate(rows[1:], start=2):
        cells = {h: values[i] if i < len(values) else "" for h, i in columns.items()}
        if all(_text(v) == "" for v in cells.values()):
            continue
        row = _Row(None, n, cells, columns)
        kind = _text(cells.get("kind")) or ("integration" if _text(cells.get("system")) else "requirement")
        if kind in ("requirement", "integration"):
            out[REQ_SHEET if kind == "requirement" else INT_SHEET].append(row)
        else:
            problems.append(_problem(path, row, "kind", f"must be requirement or integration (got {kind!r})"))
    return out, problems


def _read_rows(path: Path) -> tuple[Rows, list[Problem]]:
    """Every non-empty row of the sheets the import reads, or why the file cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        return {}, [Problem(str(path), 0, 0, "", "expected a .xlsx or .csv file")]
    rows, problems = _read_xlsx(path) if suffix == ".xlsx" else _read_csv(path)
    if not path.exists():
        return {}, [Problem(str(path), 0, 0, "", "file not found")]
    return rows, problems


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


def _read_grading(path: Path, row: _Row, item: dict[str, Any], what: str, hint: str, problems: list[Problem]) -> None:
    """Votes, grade and rationale of one row (requirement or integration), into `item`."""
    item["votes"] = _votes(path, row, problems)
    grade = _grade(path, row, "grade", problems)
    if grade:
        item["grade"] = grade
    if _text(row.cells.get("rationale")):
        item["rationale"] = _text(row.cells.get("rationale"))
    if not item["votes"] and not grade and _text(row.cells.get("grade")) == "":
        problems.append(_problem(path, row, "grade", f"{what} has neither votes nor grade{hint}"))


def read_sheet(path: str | Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The requirements a filled sheet holds (plain data), or every problem with its cell."""
    path = Path(path)
    rows, problems = _read_rows(path)
    data = _requirements(path, rows, problems) if rows else None
    return (None, problems) if problems or data is None else (data, [])


def _requirements(path: Path, rows: Rows, problems: list[Problem]) -> dict[str, Any] | None:
    """The requirements and integrations of the sheet's rows; each bad cell added to `problems`."""
    req_rows, int_rows = rows.get(REQ_SHEET, []), rows.get(INT_SHEET, [])
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
        _read_grading(path, row, item, f"requirement {rid or '?'}", ": fill a vote or the grade", problems)
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
        _read_grading(path, row, item, f"integration {system or '?'}", "", problems)
        integrations.append(item)
    if problems:
        return None
    data = {"requirements": requirements, "integrations": integrations}
    Requirements.model_validate(data)  # every cell was checked above; this cannot fail silently
    return data


# --- merge into requirements.yaml ---------------------------------------------------------------


#: the keys of an item in the order they are written (a stakeholder: id, name, role)
_ITEM_ORDER = [
    "id",
    "name",
    "role",
    "capability",
    "system",
    "product",
    "title",
    "department",
    "votes",
    "grade",
    "rationale",
]


def _update_map(target: CommentedMap, new: dict[str, Any], order: list[str] | None = None) -> None:
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


def _merge_list(existing: Any, new_items: list[dict[str, Any]], key: str) -> CommentedSeq:
    old: dict[str, CommentedMap] = {}
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


def merged_requirements_yaml(requirements_path: str | Path, data: dict[str, Any]) -> str:
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


def _listed(path: Path) -> set[str]:
    """The ids of requirements.yaml's `stakeholders:` list."""
    loaded = read_yaml(path)
    people = loaded.data.get("stakeholders") if isinstance(loaded.data, dict) else None
    return {str(p["id"]) for p in people if isinstance(p, dict) and "id" in p} if isinstance(people, list) else set()


def _voters_in(rows: Rows) -> set[str]:
    """Everyone with a vote in the sheet (the vote:ID columns holding a cell)."""
    return {
        name[len(VOTE_PREFIX) :].strip()
        for row in [*rows.get(REQ_SHEET, []), *rows.get(INT_SHEET, [])]
        for name, value in row.cells.items()
        if name.startswith(VOTE_PREFIX) and _text(value)
    }


def import_sheet(engagement_dir: str | Path, sheet: str | Path) -> dict[str, Any]:
    """Read a filled sheet into the engagement's requirements.yaml, and a workbook's Weights
    sheet into engagement.yaml's room weights; nothing is written on error.

    Every cell of both is checked first (grades, ids, catalog references, votes-or-grade; each
    weight, position and judgement, and that the stakeholder is the engagement's: listed in
    requirements.yaml or voting in the sheet); one bad cell and `InvalidInput` lists them all,
    neither file touched. Only the stakeholders whose weighting differs from engagement.yaml's
    are written (`save_room_weights`). Returns the imported data; `weights` is the Weights
    sheet's `WeightsImport` (None without one: the weights stay as they are).
    """
    from ..model._files import ENGAGEMENT_FILE, REQUIREMENTS_FILE

    folder, path = Path(engagement_dir), Path(sheet)
    target = folder / REQUIREMENTS_FILE
    rows, problems = _read_rows(path)
    data = _requirements(path, rows, problems) if rows else None
    weights: WeightsImport | None = None
    if WEIGHTS_SHEET in rows:
        room = room_in_file(folder)
        known = _listed(target) | _voters_in(rows)
        combine = room.combine if room is not None else "mean"
        weights = read_weights(path, rows[WEIGHTS_SHEET], known, problems, combine=combine)
    if problems or data is None:
        raise InvalidInput(problems, str(sheet))
    with locked(target):  # the workshop app saves under the same lock
        if target.exists():
            loaded = load_yaml(target)
            if not loaded.ok:
                raise InvalidInput(loaded.problems, str(target))
        text = merged_requirements_yaml(target, data)
        if weights is not None:
            room = room_in_file(folder)
            weights = changed(weights, room.stakeholders if room is not None else {})
        updates = {who: weights.given[who] for who in weights.updated} if weights is not None else {}
        if updates:  # engagement.yaml checked as it would be after both writes, before either
            replaced = {REQUIREMENTS_FILE: text, ENGAGEMENT_FILE: room_weights_yaml(folder, updates)}
            found = [p for p in check_replaced(folder, replaced) if Path(p.file).name == ENGAGEMENT_FILE]
            if found:
                raise InvalidInput(found, ENGAGEMENT_FILE)
        write_atomic(target, text)
        if updates:
            save_room_weights(folder, updates)
    return {**data, "weights": weights}
