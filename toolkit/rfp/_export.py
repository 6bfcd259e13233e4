"""RFP questionnaires out to Excel, sent to vendors to confirm their ratings (METHOD.md §3).

Per vendor, one sheet of questions (a row per graded requirement and required integration, a
drop-down for the answer, a free-text evidence cell) and one pricing sheet. The answer cells are
the only unlocked cells; nothing in them is pre-filled. A hidden, protected About sheet (and the
workbook's custom properties) carry the engagement's identity and each sheet's vendor, so that
`_import` can match an answer back to its engagement and refuse anyone else's.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.formatting.rule import FormulaRule
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from ..files._i18n import label
from ..files._version import VERSION
from ..files._yaml import write_atomic
from ..model._engagement import Engagement
from ..model._evidence import SUPPORT_OF_VALUE, capability_rating, integration_support
from ..model.schema import SUPPORT_LEVELS, text_of
from ._layout import (
    ABOUT_SHEET,
    ANSWER,
    COUNT_FIELDS,
    DATE_COL,
    DATE_ROW,
    EVIDENCE,
    FORMAT,
    GRADE,
    HEADER_ROW,
    ID,
    KEY,
    LAYOUT,
    LISTS_SHEET,
    NAME,
    NOTES,
    P_ANSWER,
    P_KEY,
    P_LABEL,
    P_LIST,
    PRICE_FIELDS,
    PROFILE,
    RATINGS,
    TEXT,
    Question,
    chosen_vendors,
    identity,
    questions,
)

QUESTION_HEADERS = ("id", "capability", "rfp_requirement", "grade", "rfp_rating", "rfp_evidence", "rfp_profile_rating")
INTEGRATION_HEADERS = ("id", "system", "product", "grade", "rfp_support", "rfp_evidence", "rfp_profile_support")
_WIDTHS = {ID: 16, NAME: 26, TEXT: 44, GRADE: 9, ANSWER: 16, EVIDENCE: 60, PROFILE: 18}


class _Styles:
    def __init__(self) -> None:
        thin = Side(style="thin", color="B7C3D0")
        self.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        self.title = Font(bold=True, size=14, color="1F3864")
        self.bold = Font(bold=True)
        self.head_font = Font(bold=True, color="FFFFFF")
        self.head_fill = PatternFill("solid", fgColor="1F4E78")
        self.section = Font(bold=True, size=12, color="1F3864")
        self.grey_fill = PatternFill("solid", fgColor="F2F2F2")
        self.grey_font = Font(color="595959")
        self.note = Font(italic=True, color="595959")
        self.wrap = Alignment(vertical="top", wrap_text=True)

    def header(self, cell: Cell | MergedCell) -> None:
        cell.font, cell.fill, cell.border = self.head_font, self.head_fill, self.border
        cell.alignment = Alignment(vertical="center", wrap_text=True)

    def read_only(self, cell: Cell | MergedCell) -> None:
        cell.fill, cell.font, cell.border, cell.alignment = self.grey_fill, self.grey_font, self.border, self.wrap

    def answer(self, cell: Cell | MergedCell) -> None:
        cell.border, cell.alignment = self.border, self.wrap
        cell.protection = Protection(locked=False)


def _protect(ws: Worksheet) -> None:
    """Locked except the answer cells; rows and columns may still be resized. No password:
    this guards against accidents, not against the vendor."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _print_setup(ws: Worksheet, title_rows: str) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_title_rows = title_rows


def _list_validation(ref: str, title: str, prompt: str, error: str) -> DataValidation:
    return DataValidation(
        type="list",
        formula1=f"={LISTS_SHEET}!{ref}",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle=title[:32],
        error=error[:225],
        showInputMessage=True,
        promptTitle=title[:32],
        prompt=prompt[:255],
    )


def scale_text(lang: str) -> str:
    return " · ".join(f"{n} = {label(f'rfp_rating_{n}', lang)}" for n in RATINGS)


def support_text(lang: str) -> str:
    return " · ".join(f"{s} = {label(f'rfp_support_{s}', lang)}" for s in SUPPORT_LEVELS)


def _claim(engagement: Engagement, vendor: str, q: Question, lang: str) -> str | int:
    """What the profile (or chosen edition) says today, shown read-only beside the answer."""
    profile, edition = engagement.vendors[vendor], engagement.edition_of(vendor)
    if q.is_integration:
        rated = integration_support(profile, None, q.target)
        return label("rfp_not_rated", lang) if rated.origin == "unrated" else SUPPORT_OF_VALUE[rated.value]
    rated = capability_rating(profile, edition, None, q.target)
    return label("rfp_not_rated", lang) if rated.origin == "unrated" else rated.value


def _table(
    ws: Worksheet,
    st: _Styles,
    row: int,
    headers: Sequence[str],
    qs: list[Question],
    engagement: Engagement,
    vendor: str,
    lang: str,
    dv: DataValidation,
    name_of: Callable[[str, str], str],
) -> int:
    for col, key in enumerate(headers, start=1):
        st.header(ws.cell(row, col, label(key, lang)))
    ws.cell(row, KEY, "header")
    first = row + 1
    for row, q in enumerate(qs, start=first):
        cells = [q.id, name_of(q.target, lang), q.text, label(q.grade, lang)]
        for col, value in enumerate(cells, start=ID):
            st.read_only(ws.cell(row, col, value))
        st.answer(ws.cell(row, ANSWER))
        st.answer(ws.cell(row, EVIDENCE))
        st.read_only(ws.cell(row, PROFILE, _claim(engagement, vendor, q, lang)))
        ws.cell(row, PROFILE).alignment = Alignment(horizontal="center", vertical="top")
        ws.cell(row, KEY, q.id if q.is_integration else q.target)
    last = first + len(qs) - 1
    if qs:
        a, e = get_column_letter(ANSWER), get_column_letter(EVIDENCE)
        dv.add(f"{a}{first}:{a}{last}")
        salmon = PatternFill("solid", fgColor="F8CBAD")  # an answer without its evidence
        missing = FormulaRule(formula=[f'AND(${a}{first}<>"",${e}{first}="")'], fill=salmon)
        ws.conditional_formatting.add(f"{e}{first}:{e}{last}", missing)
    return last


def _question_sheet(
    wb: Workbook, st: _Styles, engagement: Engagement, vendor: str, qs: list[Question], lang: str
) -> Worksheet:
    from ..model._catalog import catalog

    cat = catalog()
    ws: Worksheet = wb.create_sheet(vendor[:31])
    name = text_of(engagement.vendors[vendor].name, lang)
    ws.cell(1, 1, label("rfp_sheet_title", lang, vendor=name)).font = st.title
    ws.cell(1, KEY, vendor)
    ws.cell(DATE_ROW, 1, label("rfp_answer_date", lang)).font = st.bold
    date = ws.cell(DATE_ROW, DATE_COL)
    st.answer(date)
    date.number_format = "yyyy-mm-dd"
    ws.cell(DATE_ROW, 3, scale_text(lang)).font = st.note
    ws.merge_cells(start_row=DATE_ROW, start_column=3, end_row=DATE_ROW, end_column=PROFILE)
    ws.row_dimensions[DATE_ROW].height = 30
    ws.cell(DATE_ROW, 3).alignment = st.wrap
    rating = _list_validation("$A$1:$A$4", label("rfp_rating", lang), scale_text(lang), scale_text(lang))
    support = _list_validation(
        f"$B$1:$B${len(SUPPORT_LEVELS)}", label("rfp_support", lang), support_text(lang), support_text(lang)
    )
    for dv in (rating, support):
        ws.add_data_validation(dv)
    reqs = [q for q in qs if not q.is_integration]
    last = _table(ws, st, HEADER_ROW, QUESTION_HEADERS, reqs, engagement, vendor, lang, rating, cat.capability_name)
    integ = [q for q in qs if q.is_integration]
    if integ:
        ws.cell(last + 2, 1, label("integrations", lang)).font = st.section
        ws.cell(last + 3, 1, support_text(lang)).font = st.note
        ws.merge_cells(start_row=last + 3, start_column=1, end_row=last + 3, end_column=PROFILE)
        _table(ws, st, last + 4, INTEGRATION_HEADERS, integ, engagement, vendor, lang, support, cat.integration_name)
    for col, width in _WIDTHS.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.column_dimensions[get_column_letter(KEY)].hidden = True
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, NAME).coordinate
    _print_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}")
    _protect(ws)
    return ws


def _pricing_sheet(wb: Workbook, st: _Styles, engagement: Engagement, vendor: str, lang: str) -> Worksheet:
    s = engagement.settings
    profile, edition = engagement.vendors[vendor], engagement.edition_of(vendor)
    ws: Worksheet = wb.create_sheet(f"{vendor[:23]} pricing")
    ws.cell(1, 1, label("rfp_pricing_title", lang, vendor=text_of(profile.name, lang))).font = st.title
    ws.cell(1, P_KEY, vendor)
    edition_name = f"{edition.id} ({text_of(edition.name, lang)})" if edition.name else edition.id
    ws.cell(2, 1, label("rfp_pricing_note", lang, users=s.users, edition=edition_name)).font = st.note
    ws.merge_cells(start_row=2, start_column=1, end_row=2, end_column=P_LIST)
    for col, key in enumerate(("rfp_item", "rfp_answer", "rfp_list_price"), start=1):
        st.header(ws.cell(HEADER_ROW, col, label(key, lang)))
    currencies = [s.currency, *sorted(c for c in s.fx if c != s.currency)]
    money = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    count = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    cur = _list_validation(f"$C$1:$C${len(currencies)}", label("currency", lang), ", ".join(currencies), "ISO code")
    for dv in (money, count, cur):
        dv.showErrorMessage = True
        ws.add_data_validation(dv)
    listed = {f: getattr(edition, f, None) for f in PRICE_FIELDS}
    listed["currency"] = edition.currency or profile.currency
    rows: list[tuple[str, str, str | int | None]] = [
        ("edition", "rfp_edition", edition.id),
        ("users", "rfp_users", s.users),
    ]
    rows += [(f, f"rfp_{f}", None) for f in PRICE_FIELDS] + [(NOTES, "rfp_notes", None)]
    for row, (key, text, fixed) in enumerate(rows, start=HEADER_ROW + 1):
        ws.cell(row, P_LABEL, label(text, lang, currency=s.currency)).alignment = st.wrap
        ws.cell(row, P_LABEL).border = st.border
        cell = ws.cell(row, P_ANSWER, fixed)
        if fixed is None:
            st.answer(cell)
        else:
            st.read_only(cell)
        st.read_only(ws.cell(row, P_LIST, listed.get(key) if fixed is None else None))
        ws.cell(row, P_KEY, key)
        if key in COUNT_FIELDS:
            count.add(cell.coordinate)
        elif key == "currency":
            cur.add(cell.coordinate)
        elif key in PRICE_FIELDS:
            money.add(cell.coordinate)
            cell.number_format = ws.cell(row, P_LIST).number_format = "#,##0.00"
        if key == NOTES:
            ws.row_dimensions[row].height = 60
    for col, width in {P_LABEL: 46, P_ANSWER: 30, P_LIST: 30}.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.column_dimensions[get_column_letter(P_KEY)].hidden = True
    ws.freeze_panes = ws.cell(HEADER_ROW + 1, 1).coordinate
    _print_setup(ws, f"{HEADER_ROW}:{HEADER_ROW}")
    _protect(ws)
    return ws


def _instructions(
    wb: Workbook, st: _Styles, engagement: Engagement, vendors: list[str], lang: str, now: dt.datetime
) -> None:
    s = engagement.settings
    ws = wb.worksheets[0]  # the one sheet a new workbook has
    ws.title = label("rfp_instructions", lang)[:31]
    names = ", ".join(text_of(engagement.vendors[v].name, lang) for v in vendors)
    title = text_of(s.title, lang)
    lines = [
        (label("rfp_title", lang), "", st.title),
        (label("rfp_prepared_for", lang, client=s.client) + (f" · {title}" if title else ""), "", st.bold),
        (label("rfp_exported_on", lang), now.date().isoformat() + (f" · {s.consultant}" if s.consultant else ""), None),
        (label("rfp_vendors_in_file", lang), names, None),
        ("", "", None),
    ]
    lines += [(f"{n}.", label(f"rfp_step_{n}", lang, users=s.users), None) for n in range(1, 8)]
    lines += [("", "", None), (label("rfp_scale_title", lang), "", st.section)]
    lines += [(str(n), label(f"rfp_rating_{n}", lang), None) for n in RATINGS]
    lines += [("", "", None), (label("rfp_support_title", lang), "", st.section)]
    lines += [(lvl, label(f"rfp_support_{lvl}", lang), None) for lvl in SUPPORT_LEVELS]
    for row, (a, b, font) in enumerate(lines, start=1):
        ws.cell(row, 1, a).alignment = Alignment(vertical="top")
        ws.cell(row, 2, b).alignment = st.wrap
        if font is not None:
            ws.cell(row, 1).font = font
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 100
    ws.sheet_view.showGridLines = False
    _protect(ws)


def _about(
    wb: Workbook, engagement: Engagement, sheets: list[tuple[str, str, str]], lang: str, now: dt.datetime
) -> None:
    ident = identity(engagement)
    ws = wb.create_sheet(ABOUT_SHEET)
    rows: list[tuple[str, ...]] = [("format", FORMAT), ("layout", LAYOUT), *ident.items()]
    rows += [("exported", now.isoformat()), ("toolkit", f"crm-toolkit {VERSION}"), ("lang", lang), ("", "")]
    rows += [("sheet", name, vendor, kind) for name, vendor, kind in sheets]
    for row in rows:
        ws.append(list(row))
    ws.column_dimensions["A"].width = 14
    ws.column_dimensions["B"].width = 40
    ws.sheet_state = "hidden"
    _protect(ws)
    for key, value in [*ident.items(), ("vendors", ",".join(v for _, v, k in sheets if k == "questions"))]:
        prop = StringProperty(name=f"crm-toolkit {key}", value=value)
        wb.custom_doc_props.append(prop)  # type: ignore[attr-defined]  # types-openpyxl lacks custom_doc_props


def rfp_workbook(
    engagement: Engagement, vendors: list[str] | None = None, *, lang: str = "en", now: dt.datetime | None = None
) -> Workbook:
    """The questionnaire as an openpyxl Workbook, for the vendors named (default: the shortlist)."""
    vendors = chosen_vendors(engagement, vendors)
    now = now or dt.datetime.now().replace(microsecond=0)
    st = _Styles()
    wb = Workbook()
    _instructions(wb, st, engagement, vendors, lang, now)
    qs = questions(engagement, lang)
    sheets = []
    for v in vendors:
        sheets.append((_question_sheet(wb, st, engagement, v, qs, lang).title, v, "questions"))
        sheets.append((_pricing_sheet(wb, st, engagement, v, lang).title, v, "pricing"))
    lists = wb.create_sheet(LISTS_SHEET)
    currencies = [engagement.settings.currency, *sorted(engagement.settings.fx)]
    for col, values in enumerate((RATINGS, SUPPORT_LEVELS, currencies), start=1):
        for row, value in enumerate(values, start=1):
            lists.cell(row, col, value)
    lists.sheet_state = "hidden"
    _about(wb, engagement, sheets, lang, now)
    wb.properties.title = label("rfp_title", lang)
    wb.properties.creator = engagement.settings.consultant or "crm-toolkit"
    wb.security = WorkbookProtection(lockStructure=True)
    wb.active = 0
    return wb


def export_rfp(
    engagement: Engagement,
    path: str | Path,
    *,
    vendors: list[str] | None = None,
    lang: str = "en",
    now: dt.datetime | None = None,
) -> Path:
    """Write one questionnaire workbook (a question and a pricing sheet per vendor)."""
    wb = rfp_workbook(engagement, vendors, lang=lang, now=now)
    buf = io.BytesIO()
    wb.save(buf)
    write_atomic(path, buf.getvalue())
    return Path(path)


def export_rfp_per_vendor(
    engagement: Engagement,
    folder: str | Path,
    *,
    vendors: list[str] | None = None,
    lang: str = "en",
    now: dt.datetime | None = None,
) -> list[Path]:
    """One workbook per vendor, `rfp-<vendor>.xlsx` in `folder` (created if missing)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [
        export_rfp(engagement, folder / f"rfp-{v}.xlsx", vendors=[v], lang=lang, now=now)
        for v in chosen_vendors(engagement, vendors)
    ]
