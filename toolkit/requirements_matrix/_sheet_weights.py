"""The workshop workbook's Weights sheet: each stakeholder's priorities among the four criteria
(docs/method.md, "The room's weights"), so that those who are not in the room give theirs in the
workbook they grade in.

One row per stakeholder, prefilled from engagement.yaml's `room_weights`: the id, their name
(computed), the method (rank / swing / ahp / weights), the four criterion columns (the numbers,
or for rank the position 1..4) and the six AHP columns named like the pairs (`fit/tco`: how many
times fit matters more than tco, 1/9..9). Read back cell by cell: only the chosen method's
columns count, a row with no method and no value leaves the stakeholder as the file holds them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter, ValidationError

from ..files._i18n import LANGS, label
from ..model._stakeholders import stakeholder_label
from ..model._vocabulary import CRITERIA
from ..model.schema import PAIRS, Requirements, RoomWeights, StakeholderWeighting
from ..model.schema._common import Identifier
from ..model.schema._room import Judgement
from ._sheet_cells import COMPUTED_FILL, HEAD_FILL, _problem, _Row, _text
from ._weights_store import METHODS, weighting_data

if TYPE_CHECKING:
    from openpyxl import Workbook

    from ..files._problems import Problem

WEIGHTS_SHEET = "Weights"
#: the AHP columns, one per pair of criteria: "fit/integration" ... "tco/viability"
PAIR_COLUMNS = tuple(f"{a}/{b}" for a, b in PAIRS)
WEIGHTS_HEADER = ("stakeholder", "name", "method", *CRITERIA, *PAIR_COLUMNS)
_VALUES = (*CRITERIA, *PAIR_COLUMNS)
_JUDGEMENT: TypeAdapter[float] = TypeAdapter(Judgement)
_IDENTIFIER: TypeAdapter[str] = TypeAdapter(Identifier)


# --- export ----------------------------------------------------------------------------------


def weights_people(requirements: Requirements, voters: list[str], room: RoomWeights | None) -> list[str]:
    """The sheet's rows: the vote columns' stakeholders (the listed first), then anyone else
    engagement.yaml gives weights."""
    people = dict.fromkeys([*(s.id for s in requirements.stakeholders), *voters])
    people.update(dict.fromkeys(room.stakeholders if room is not None else []))
    return list(people)


def weights_rows(
    requirements: Requirements, people: list[str], room: RoomWeights | None, lang: str = "en"
) -> list[list[Any]]:
    """One row per stakeholder in WEIGHTS_HEADER's order, their weighting written as engagement.yaml
    holds it (AHP judgements as a person writes them: 3, "1/3")."""
    given = room.stakeholders if room is not None else {}
    rows = []
    for who in people:
        cells: dict[str, Any] = {"stakeholder": who, "name": stakeholder_label(requirements, who, lang)}
        weighting = given.get(who)
        if weighting is not None:
            method = cells["method"] = weighting.method
            written = weighting_data(weighting)[method]
            if method == "rank":
                cells.update({c: written.index(c) + 1 for c in CRITERIA})
            else:
                cells.update(written)  # the criteria, or the AHP pairs named like the columns
        rows.append([cells.get(name) for name in WEIGHTS_HEADER])
    return rows


def _help(name: str, lang: str) -> str:
    if name in CRITERIA:
        return label("room_sheet_criterion", lang, criterion=name, title=label(name, lang))
    if name in PAIR_COLUMNS:
        a, b = name.split("/")
        return label("room_sheet_pair", lang, a=a, b=b, a_title=label(a, lang), b_title=label(b, lang))
    return label("computed" if name == "name" else f"room_sheet_{name}", lang)


def about_rows(lang: str) -> list[tuple[str, str]]:
    """What the About sheet says of the Weights sheet and of each method."""
    return [(WEIGHTS_SHEET, label("room_sheet_how", lang))] + [(m, label(f"room_sheet_how_{m}", lang)) for m in METHODS]


def add_weights_sheet(wb: Workbook, rows: list[list[Any]], method_ref: str, lang: str) -> None:
    """The Weights sheet: header notes in `lang`, a drop-down on the method (the ids in
    `method_ref`), numbers >= 0 in the criterion columns, the AHP columns as text (1/3 would
    otherwise become a date in Excel)."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = wb.create_sheet(WEIGHTS_SHEET)
    ws.append(list(WEIGHTS_HEADER))
    for row in rows:
        ws.append(row)
    last = max(ws.max_row, 2) + 200  # room for someone added by hand
    for j, name in enumerate(WEIGHTS_HEADER, start=1):
        col = get_column_letter(j)
        head = ws.cell(1, j)
        head.font, head.fill = Font(bold=True), PatternFill("solid", fgColor=HEAD_FILL)
        head.comment = Comment(_help(name, lang), "crm-toolkit")
        ws.column_dimensions[col].width = {"stakeholder": 22, "name": 30, "method": 12}.get(name, 14)
        if name == "name":
            for r in range(2, ws.max_row + 1):
                ws.cell(r, j).fill = PatternFill("solid", fgColor=COMPUTED_FILL)
        elif name == "method":
            dv = DataValidation(type="list", formula1=f"={method_ref}")
            _checked(ws, dv, f"{col}2:{col}{last}", name, label("room_sheet_method_error", lang))
        elif name in CRITERIA:
            dv = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0")
            _checked(ws, dv, f"{col}2:{col}{last}", name, label("room_sheet_number_error", lang))
        else:
            for r in range(2, last + 1):
                ws.cell(r, j).number_format = "@"
    ws.freeze_panes = "C2"


def _checked(ws: Any, dv: Any, cells: str, title: str, error: str) -> None:
    dv.allow_blank, dv.showErrorMessage, dv.errorTitle, dv.error = True, True, title, error
    dv.add(cells)
    ws.add_data_validation(dv)


# --- import ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class WeightsImport:
    """What a Weights sheet gave: the weighting of each row with a method, the cell of each of
    its columns (`Weights!D3`), and who of them differ from engagement.yaml (written)."""

    given: dict[str, StakeholderWeighting]
    cells: dict[str, dict[str, str]]
    updated: tuple[str, ...] = field(default=())


@lru_cache(maxsize=1)
def _method_words() -> dict[str, str]:
    """The method as a cell may give it: the id, its label or its short word in any language
    (the catalog's room_method_* and room_sheet_word_*)."""
    words = {m: m for m in METHODS}
    for m in METHODS:
        for lang in LANGS:
            words[label(f"room_method_{m}", lang).lower()] = m
            words[label(f"room_sheet_word_{m}", lang).lower()] = m
    return words


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def _shown(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


def _points(path: Path, row: _Row, method: str, problems: list[Problem]) -> dict[str, float] | None:
    """`weights` or `swing`: a number >= 0 in each criterion's cell, not all 0."""
    what = "a weight (a number >= 0)" if method == "weights" else "its swing points (0 to 100, the most important 100)"
    values: dict[str, float] = {}
    for c in CRITERIA:
        raw = row.cells.get(c)
        number = _number(raw)
        if _text(raw) == "":
            problems.append(_problem(path, row, c, f"missing criterion: give {c} {what}"))
        elif number is None:
            problems.append(_problem(path, row, c, f"must be a number >= 0 (got {_text(raw)!r})"))
        elif number < 0:
            problems.append(_problem(path, row, c, f"must be >= 0 (got {_shown(number)})"))
        else:
            values[c] = number
    if len(values) == len(CRITERIA) and sum(values.values()) <= 0:
        problems.append(_problem(path, row, CRITERIA[0], f"all four {method} are 0: give at least one more than 0"))
    return values if len(values) == len(CRITERIA) and sum(values.values()) > 0 else None


def _rank(path: Path, row: _Row, problems: list[Problem]) -> list[str] | None:
    """`rank`: each criterion's position 1 (the most important) to 4, each position once."""
    placed: dict[int, str] = {}
    for c in CRITERIA:
        raw = row.cells.get(c)
        number = _number(raw)
        if _text(raw) == "":
            problems.append(_problem(path, row, c, f"missing criterion: give {c} its position, 1 (first) to 4"))
        elif number is None or not number.is_integer() or not 1 <= number <= len(CRITERIA):
            problems.append(_problem(path, row, c, f"must be a position 1, 2, 3 or 4 (got {_text(raw)!r})"))
        elif int(number) in placed:
            first = placed[int(number)]
            message = f"position {int(number)} is {first}'s already ({row.ref(first)}): each position once"
            problems.append(_problem(path, row, c, message))
        else:
            placed[int(number)] = c
    return [placed[p] for p in sorted(placed)] if len(placed) == len(CRITERIA) else None


def _ahp(path: Path, row: _Row, problems: list[Problem]) -> dict[str, float] | None:
    """`ahp`: the six judgements, each a number or a fraction from 1/9 to 9."""
    judged: dict[str, float] = {}
    for (a, b), name in zip(PAIRS, PAIR_COLUMNS, strict=True):
        raw = row.cells.get(name)
        if _text(raw) == "":
            message = f"missing judgement: how many times {a} matters more than {b}, from 1/9 to 9"
        elif isinstance(raw, dt.date):
            message = "Excel took this for a date: type the fraction as text ('1/3) or as a decimal (0.333)"
        else:
            try:
                judged[name] = _JUDGEMENT.validate_python(raw)
                continue
            except ValidationError as e:
                message = e.errors()[0]["msg"]
        problems.append(_problem(path, row, name, message))
    return judged if len(judged) == len(PAIRS) else None


def _who(path: Path, row: _Row, known: Collection[str], seen: dict[str, int], problems: list[Problem]) -> str:
    who = _text(row.cells.get("stakeholder"))
    if not who:
        message = "required: the stakeholder's id, as in the vote:ID columns"
    elif who in seen:
        message = f"stakeholder {who!r} has a row already (row {seen[who]})"
    elif who not in known:
        message = f"unknown stakeholder {who!r}; known: {', '.join(sorted(known)) or 'none'}"
    else:
        try:
            _IDENTIFIER.validate_python(who)
        except ValidationError as e:
            message = e.errors()[0]["msg"]
        else:
            seen[who] = row.number
            return who
    problems.append(_problem(path, row, "stakeholder", message))
    return ""


def read_weights(
    path: Path, rows: list[_Row], known: Collection[str], problems: list[Problem], *, combine: str = "mean"
) -> WeightsImport:
    """Each row with a method as a weighting; every bad cell added to `problems` with its cell.
    `known`: the engagement's stakeholders (listed, or voting); `combine: geometric` needs ahp."""
    given: dict[str, StakeholderWeighting] = {}
    cells: dict[str, dict[str, str]] = {}
    seen: dict[str, int] = {}
    for row in rows:
        raw = _text(row.cells.get("method"))
        if not raw and all(_text(row.cells.get(name)) == "" for name in _VALUES):
            continue  # nothing given: the stakeholder stays as engagement.yaml holds them
        before = len(problems)
        who = _who(path, row, known, seen, problems)
        method = _method_words().get(raw.lower())
        value: object = None
        if not raw:
            message = "required: rank, swing, ahp or weights (the row gives values)"
            problems.append(_problem(path, row, "method", message))
        elif method is None:
            problems.append(_problem(path, row, "method", f"must be rank, swing, ahp or weights (got {raw!r})"))
        elif combine == "geometric" and method != "ahp":
            message = "engagement.yaml combines the room's AHP judgements (combine: geometric): give ahp"
            problems.append(_problem(path, row, "method", message))
        elif method == "rank":
            value = _rank(path, row, problems)
        elif method == "ahp":
            value = _ahp(path, row, problems)
        else:
            value = _points(path, row, method, problems)
        if len(problems) > before or method is None or value is None:
            continue
        try:
            given[who] = StakeholderWeighting.model_validate({method: value})
        except ValidationError as e:  # every cell was checked above; kept so nothing slips through
            problems.append(_problem(path, row, "method", e.errors()[0]["msg"]))
            continue
        cells[who] = {name: row.ref(name) for name in WEIGHTS_HEADER}
    return WeightsImport(given, cells)


def changed(read: WeightsImport, current: Mapping[str, StakeholderWeighting]) -> WeightsImport:
    """`read` with `updated` naming those whose weighting differs from `current` (as written:
    the same numbers in another scale still differ; 0.5 and "1/2" do not)."""
    updated = tuple(
        who for who, w in read.given.items() if who not in current or weighting_data(current[who]) != weighting_data(w)
    )
    return WeightsImport(read.given, read.cells, updated)
