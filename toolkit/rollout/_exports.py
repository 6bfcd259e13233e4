"""The rollout plan as files other tools open: a checklist (CSV, xlsx) and a calendar (ics).

The people who do the tasks live in spreadsheets and calendars, not in the tracker, so the plan
goes to them as a snapshot: built in memory, then written atomically (a reader or a crash sees
the old file or the new one). Nothing here is read back; the tracker stays the one place where
statuses change. "Overdue" and "progress" mean what METHOD.md §7 says.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable
from pathlib import Path

from ..files._problems import ToolkitError
from ..files._yaml import read_data, write_atomic
from ..model._files import ENGAGEMENT_FILE
from ..model.schema import RolloutFile
from ._calendar import calendar_bytes, calendar_id
from ._checklist import checklist_rows
from ._library import vendor_name
from ._store import AuditEntry, no_plan, read_audit, read_rollout

FORMATS = ("xlsx", "csv", "ics")


# --- writing ---------------------------------------------------------------------------------


def _target(path: str | Path) -> Path:
    """The file to write; its folder must exist (we never create folders the user did not ask for)."""
    path = Path(path)
    if not path.parent.is_dir():
        raise ToolkitError(f"cannot write {path}: the folder {path.parent} does not exist")
    return path


def _write(path: Path, content: bytes) -> Path:
    try:
        write_atomic(path, content)
    except OSError as e:
        raise ToolkitError(f"cannot write {path}: {e.strerror or e}") from e
    return path


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def export_csv(rollout: RolloutFile, path: str | Path, *, today: dt.date, lang: str = "en") -> Path:
    """The checklist as CSV: UTF-8 with a BOM, so Excel opens Chinese text correctly; RFC 4180 quoting."""
    path = _target(path)
    table = checklist_rows(rollout, today=today, lang=lang)
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(table.head)
    writer.writerows([_csv_cell(v) for v in row] for row in table.rows)
    return _write(path, buf.getvalue().encode("utf-8-sig"))


def export_xlsx(
    rollout: RolloutFile,
    path: str | Path,
    *,
    today: dt.date,
    lang: str = "en",
    client: str | None = None,
    vendor: str | None = None,
) -> Path:
    """The checklist workbook (Checklist, Phases, KPIs, About); `client` and `vendor` are display names."""
    path = _target(path)
    from ._exports_xlsx import workbook_bytes  # openpyxl and the report's sheet helper: only when asked for

    return _write(path, workbook_bytes(rollout, today=today, lang=lang, client=client, vendor=vendor))


# --- calendar --------------------------------------------------------------------------------


def export_ics(
    rollout: RolloutFile,
    path: str | Path,
    *,
    calendar_id: str,
    audit: Iterable[AuditEntry] = (),
    lang: str = "en",
    now: dt.datetime | None = None,
    client: str | None = None,
    vendor: str | None = None,
) -> Path:
    """The plan as an iCalendar file a calendar can subscribe to or re-import without duplicates.

    UID = `TASK.CALENDAR_ID@crm-toolkit` (see `calendar_id`); SEQUENCE = the number of audit
    entries about the task, so each logged change makes a newer version of its event;
    LAST-MODIFIED = the last of them; DTSTAMP = `now` (default: the current UTC time).
    STATUS is CONFIRMED for every event: a VEVENT may only be TENTATIVE, CONFIRMED or CANCELLED
    (RFC 5545 §3.8.1.11; COMPLETED is for VTODO, which most calendars do not import), the due
    date is a firm date of the plan whether or not the task is done, and CANCELLED would hide a
    done task's deadline. A done task shows as "✓ title" instead.
    """
    path = _target(path)
    content = calendar_bytes(
        rollout, calendar_id=calendar_id, audit=audit, lang=lang, now=now, client=client, vendor=vendor
    )
    return _write(path, content)


# --- from an engagement folder ---------------------------------------------------------------


def _client(folder: Path) -> str | None:
    """The engagement's client as written in engagement.yaml (None when the folder holds no engagement)."""
    try:
        data = read_data(folder / ENGAGEMENT_FILE)
    except FileNotFoundError:
        return None
    except Exception as e:
        raise ToolkitError(
            f"cannot read the client from {folder / ENGAGEMENT_FILE}: run `crm-toolkit validate {folder}`"
        ) from e
    client = data.get("client") if isinstance(data, dict) else None
    return None if client is None else str(client)


def export(
    folder: str | Path,
    fmt: str,
    path: str | Path,
    *,
    lang: str = "en",
    today: dt.date | None = None,
) -> Path:
    """Write an engagement's rollout plan as `xlsx`, `csv` or `ics` (`crm-toolkit export`).

    Raises `InvalidInput` when the folder has no plan yet (as `update_task` does) and
    `ToolkitError` for an unknown format or a folder to write into that does not exist.
    `today` (default: the real today) decides which tasks are overdue.
    """
    folder = Path(folder)
    if fmt not in FORMATS:
        raise ToolkitError(f"unknown export format {fmt!r}; expected one of: {', '.join(FORMATS)}")
    rollout = read_rollout(folder)
    if rollout is None:
        raise no_plan(folder)
    _target(path)  # a wrong destination fails before the profiles are read
    today = today or dt.date.today()
    if fmt == "csv":
        return export_csv(rollout, path, today=today, lang=lang)
    client = _client(folder)
    vendor = vendor_name(folder, rollout.vendor, lang)
    if fmt == "xlsx":
        return export_xlsx(rollout, path, today=today, lang=lang, client=client, vendor=vendor)
    return export_ics(
        rollout,
        path,
        calendar_id=calendar_id(folder, client or ""),
        audit=read_audit(folder),
        lang=lang,
        client=client,
        vendor=vendor,
    )
