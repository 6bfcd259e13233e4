"""A filled RFP questionnaire back into evaluations.yaml (METHOD.md §3, §8, §9).

The workbook must carry this engagement's identity (`_layout.identity`). Every answered row is
checked and every bad cell reported (`FILE:Sheet!E7: rating: ...`); one problem and nothing is
written. The answers are merged into evaluations.yaml in memory (an answer replaces the same
key, everything else and every comment stays), the folder is validated with the result, and
only then is the file replaced, atomically.
"""

from __future__ import annotations

import datetime as dt
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from ..files._problems import InvalidInput, Problem, errors
from ..files._yaml import write_atomic
from ..model._engagement import Engagement, load_engagement
from ..model._files import EVALUATIONS_FILE
from ..model.schema import QUOTE_KEY, SUPPORT_LEVELS
from ..requirements_matrix._sheet_cells import _text
from ._layout import (
    ABOUT_SHEET,
    ANSWER,
    COUNT_FIELDS,
    DATE_COL,
    DATE_ROW,
    EVIDENCE,
    FORMAT,
    HEADER_ROW,
    ID,
    INTEGRATION,
    KEY,
    LAYOUT,
    NOTES,
    P_ANSWER,
    P_KEY,
    PRICE_FIELDS,
    Answers,
    fingerprint,
    identity,
)
from ._merge import merged_evaluations_yaml, validate_with

_NOT_RFP = "not an RFP questionnaire: export one with `crm-toolkit rfp export`"


@dataclass(frozen=True)
class RfpImport:
    """What an import wrote: counts of answers, the vendors answered, warnings."""

    path: Path
    ratings: int
    integrations: int
    quotes: int
    vendors: list[str]
    warnings: list[Problem] = field(default_factory=list)


class _Sheet:
    """Problems pointing at cells of one sheet: FILE:Sheet!E7: field: message."""

    def __init__(self, path: Path, ws: Worksheet, problems: list[Problem]) -> None:
        self.path, self.ws, self.problems = path, ws, problems

    def value(self, row: int, col: int) -> Any:
        return self.ws.cell(row, col).value

    def problem(self, row: int, col: int, name: str, message: str, severity: str = "error") -> None:
        cell = f"{self.ws.title}!{self.ws.cell(row, col).coordinate}"
        self.problems.append(Problem(str(self.path), row, col, name, message, severity, cell=cell))


def _number(raw: Any) -> float | None:
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int | float):
        return raw
    try:
        return float(_text(raw))
    except ValueError:
        return None


def _whole(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def _date(sheet: _Sheet, today: dt.date) -> dt.date:
    raw = sheet.value(DATE_ROW, DATE_COL)
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if _text(raw) == "":
        return today
    try:
        return dt.date.fromisoformat(_text(raw))
    except ValueError:
        sheet.problem(DATE_ROW, DATE_COL, "date", f"must be a date written YYYY-MM-DD (got {_text(raw)!r})")
        return today


def _about(
    wb: Workbook, path: Path, problems: list[Problem]
) -> tuple[dict[str, tuple[str, int]], list[tuple[str, str, str]]]:
    """The About sheet's identity rows (value, row) and its sheets (name, vendor, kind)."""
    if ABOUT_SHEET not in wb.sheetnames:
        problems.append(Problem(str(path), 0, 0, "", _NOT_RFP))
        return {}, []
    info: dict[str, tuple[str, int]] = {}
    sheets = []
    for n, row in enumerate(wb[ABOUT_SHEET].iter_rows(values_only=True), start=1):
        cells = [_text(c) for c in row] + ["", "", ""]
        if cells[0] == "sheet":
            sheets.append((cells[1], cells[2], cells[3]))
        elif cells[0]:
            info[cells[0]] = (cells[1], n)
    if info.get("format", ("",))[0] != FORMAT:
        problems.append(Problem(str(path), 0, 0, "", _NOT_RFP))
    elif info.get("layout", ("",))[0] != LAYOUT:
        problems.append(Problem(str(path), 0, 0, "layout", "made by another toolkit version: export it again"))
    return info, sheets


def _check_identity(
    engagement: Engagement, info: dict[str, tuple[str, int]], path: Path, problems: list[Problem]
) -> None:
    """Refuse another engagement's workbook; warn when the questions changed since the export."""
    mine = identity(engagement)
    got = {k: info.get(k, ("", 0))[0] for k in ("client", "engagement", "requirements", "fingerprint", "exported")}
    row = info.get("fingerprint", ("", 2))[1]
    where = dict(cell=f"{ABOUT_SHEET}!B{row}")
    if fingerprint(got["client"], got["engagement"], got["requirements"]) != got["fingerprint"]:
        problems.append(Problem(str(path), row, 2, "fingerprint", "the About sheet was edited: export again", **where))
    elif (got["client"], got["engagement"]) != (mine["client"], mine["engagement"]):
        problems.append(
            Problem(
                str(path),
                row,
                2,
                "fingerprint",
                f"made for client {got['client']!r}, engagement {got['engagement']!r} (exported {got['exported']}), "
                f"not for this one ({mine['client']!r}, {mine['engagement']!r}): import it into its own engagement",
                **where,
            )
        )
    elif got["requirements"] != mine["requirements"]:
        problems.append(
            Problem(
                str(path),
                row,
                2,
                "requirements",
                f"the graded requirements changed since the export of {got['exported']}: "
                "questions added since then are not in this workbook",
                "warning",
                **where,
            )
        )


def _read_questions(sheet: _Sheet, engagement: Engagement, vendor: str, date: dt.date) -> dict[str, dict[str, Any]]:
    """Capability and integration answers of one vendor sheet, keyed as in evaluations.yaml."""
    reqs = {r.id: r for r in engagement.requirements.requirements}
    systems = {i.system for i in engagement.requirements.integrations}
    by = f"RFP {vendor}"
    answers: dict[str, dict[str, Any]] = {}
    seen: dict[str, tuple[str, int, list[str]]] = {}  # capability -> first requirement id, rating, evidence
    for row in range(HEADER_ROW + 1, sheet.ws.max_row + 1):
        key = _text(sheet.value(row, KEY))
        raw, evidence = sheet.value(row, ANSWER), _text(sheet.value(row, EVIDENCE))
        if key in ("", "header") or (_text(raw) == "" and evidence == ""):
            continue
        rid = _text(sheet.value(row, ID))
        what = "support" if key.startswith(INTEGRATION) else "rating"
        if _text(raw) == "":
            sheet.problem(row, ANSWER, what, f"evidence given without a {what}: give the {what} or clear the evidence")
            continue
        if evidence == "":
            sheet.problem(row, EVIDENCE, "evidence", f"required with a {what}: the module, a document or a demo")
        if key.startswith(INTEGRATION):
            level = _text(raw).lower()
            if key[len(INTEGRATION) :] not in systems:
                sheet.problem(row, ID, "id", f"{key} is no longer in requirements.yaml: answers for it cannot be kept")
            elif level not in SUPPORT_LEVELS:
                sheet.problem(row, ANSWER, what, f"must be {', '.join(SUPPORT_LEVELS)} (got {_text(raw)!r})")
            elif evidence:
                answers[key] = {"support": level, "evidence": evidence, "date": date, "by": by}
            continue
        number = _number(raw)
        req = reqs.get(rid)
        if req is None:
            sheet.problem(row, ID, "id", f"requirement {rid} is no longer in requirements.yaml: drop its answer")
        elif req.capability != key:
            sheet.problem(row, ID, "id", f"{rid} asked about {key} but now names {req.capability}: ask again")
        elif number is None or not float(number).is_integer() or not 0 <= number <= 3:
            sheet.problem(row, ANSWER, what, f"must be a whole number from 0 to 3 (got {_text(raw)!r})")
        elif key in seen and seen[key][1] != int(number):
            first, rating, _ = seen[key]
            sheet.problem(
                row,
                ANSWER,
                what,
                f"{rid} and {first} both name capability {key} but are rated {int(number)} and {rating}: "
                "evaluations.yaml keeps one rating per capability, give both the same",
            )
        elif evidence:  # two requirements on one capability, same rating: both evidences kept
            _, rating, texts = seen.setdefault(key, (rid, int(number), []))
            texts.append(f"{rid}: {evidence}")
            text = evidence if len(texts) == 1 else " / ".join(texts)
            answers[key] = {"rating": rating, "evidence": text, "date": date, "by": by}
    return answers


def _read_pricing(sheet: _Sheet, engagement: Engagement, vendor: str, date: dt.date) -> dict[str, Any] | None:
    """The quote of one pricing sheet (QUOTE_FIELDS), or None when nothing is priced."""
    s = engagement.settings
    cells: dict[str, tuple[int, Any]] = {}
    for row in range(HEADER_ROW + 1, sheet.ws.max_row + 1):
        key = _text(sheet.value(row, P_KEY))
        if key:
            cells[key] = (row, sheet.value(row, P_ANSWER))
    quote: dict[str, Any] = {}
    for name in PRICE_FIELDS:
        row, raw = cells.get(name, (0, None))
        if _text(raw) == "":
            continue
        if name == "currency":
            allowed = [s.currency, *s.fx]
            if _text(raw).upper() not in allowed:
                rates = " or ".join(allowed)
                sheet.problem(row, P_ANSWER, name, f"must be {rates}, which have fx rates (got {_text(raw)!r})")
            quote[name] = _text(raw).upper()
            continue
        value = _number(raw)
        if value is None or value < 0:
            sheet.problem(row, P_ANSWER, name, f"must be a number >= 0 (got {_text(raw)!r})")
        elif name in COUNT_FIELDS and not float(value).is_integer():
            sheet.problem(row, P_ANSWER, name, f"must be a whole number of users (got {_text(raw)!r})")
        else:
            quote[name] = _whole(value)
    notes_row, notes = cells.get(NOTES, (0, None))
    priced = set(quote) - {"currency"}
    if not priced:
        if quote or _text(notes):
            row = cells.get("price_per_user_month", (notes_row, None))[0]
            message = "a quote needs a per-user or yearly price, or the implementation cost"
            sheet.problem(row, P_ANSWER, "price_per_user_month", message)
        return None
    for price, needs in (("min_users", "price_per_user_month"), ("included_users", "price_per_year"),
                         ("extra_user_per_year", "price_per_year")):  # fmt: skip
        if price in quote and needs not in quote:
            sheet.problem(cells[price][0], P_ANSWER, price, f"applies with {needs}: give it too")
    if {"price_per_user_month", "min_users"} & priced and {"price_per_year", "included_users"} & priced:
        row = cells["price_per_year"][0] if "price_per_year" in quote else cells["included_users"][0]
        sheet.problem(row, P_ANSWER, "price_per_year", "give either the per-user price or the yearly price, not both")
    edition_row, asked = cells.get("edition", (0, None))
    current = engagement.edition_of(vendor).id
    if _text(asked) and _text(asked) != current:
        sheet.problem(
            edition_row,
            P_ANSWER,
            "edition",
            f"prices were asked for edition {_text(asked)} but the engagement now scores {current}: "
            f"set editions: {{{vendor}: {_text(asked)}}} or ask again",
        )
    quote.setdefault("currency", s.currency)
    evidence = _text(notes) or f"RFP pricing sheet answered {date.isoformat()}"
    return {"edition": current, **quote, "evidence": evidence, "date": date, "by": f"RFP {vendor}"}


def read_rfp(
    engagement: Engagement, workbook: str | Path, *, today: dt.date | None = None
) -> tuple[Answers, list[Problem]]:
    """The answers of a filled questionnaire, {vendor: {key: entry}}, and every problem found."""
    path = Path(workbook)
    today = today or dt.date.today()
    try:
        with warnings.catch_warnings():  # Excel's extensions that openpyxl does not read
            warnings.simplefilter("ignore")
            wb = load_workbook(path, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a file that is not a workbook
        return {}, [Problem(str(path), 0, 0, "", f"cannot read as an Excel workbook: {e}")]
    problems: list[Problem] = []
    info, sheets = _about(wb, path, problems)
    if not errors(problems):
        _check_identity(engagement, info, path, problems)
    if errors(problems):
        return {}, problems
    answers: Answers = {}
    dates: dict[str, dt.date] = {}
    refused: set[str] = set()
    for name, vendor, kind in sorted(sheets, key=lambda s: s[2] != "questions"):
        if name not in wb.sheetnames:
            problems.append(Problem(str(path), 0, 0, "", f"sheet {name!r} is missing: export again", cell=f"{name}!A1"))
            continue
        sheet = _Sheet(path, wb[name], problems)
        if vendor not in engagement.shortlist:
            if vendor not in refused:
                sheet.problem(1, 1, "vendor", f"sheet {name!r} is for {vendor!r}, not on this engagement's shortlist")
            refused.add(vendor)
            continue
        entries = answers.setdefault(vendor, {})
        if kind == "questions":
            dates[vendor] = _date(sheet, today)
            entries.update(_read_questions(sheet, engagement, vendor, dates[vendor]))
        elif (quote := _read_pricing(sheet, engagement, vendor, dates.get(vendor, today))) is not None:
            entries[QUOTE_KEY] = quote
    return {v: e for v, e in answers.items() if e}, problems


def import_rfp(folder: str | Path, workbook: str | Path, *, today: dt.date | None = None) -> RfpImport:
    """Read a filled questionnaire into FOLDER/evaluations.yaml; nothing is written on any problem."""
    folder = Path(folder)
    engagement = load_engagement(folder)
    answers, problems = read_rfp(engagement, workbook, today=today)
    if errors(problems):
        raise InvalidInput(problems, str(workbook))
    target = folder / EVALUATIONS_FILE
    if answers:  # a questionnaire with no answer leaves the file alone
        text = merged_evaluations_yaml(target, answers)
        found = validate_with(folder, text)
        if found:
            raise InvalidInput(found, str(target))
        if not target.exists() or text != target.read_text(encoding="utf-8"):
            write_atomic(target, text)
    entries = [(k, e) for v in answers.values() for k, e in v.items()]
    return RfpImport(
        path=target,
        ratings=sum(1 for k, _ in entries if k != QUOTE_KEY and not k.startswith(INTEGRATION)),
        integrations=sum(1 for k, _ in entries if k.startswith(INTEGRATION)),
        quotes=sum(1 for k, _ in entries if k == QUOTE_KEY),
        vendors=sorted(answers),
        warnings=problems,
    )
