"""The rollout plan as files other tools open: a checklist (CSV, xlsx) and a calendar (ics).

The people who do the tasks live in spreadsheets and calendars, not in the tracker, so the plan
goes to them as a snapshot: built in memory, then written atomically (a reader or a crash sees
the old file or the new one). Nothing here is read back; the tracker stays the one place where
statuses change. "Overdue" and "progress" mean what METHOD.md §7 says.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..files._i18n import label, messages
from ..files._problems import ToolkitError
from ..files._yaml import read_data, write_atomic
from ..model.schema import PlanTask, RolloutFile, text_of
from ._library import level_label, phase_names, role_name, status_label, target_name, task_library
from ._progress import is_overdue
from ._store import AuditEntry, _no_plan, read_audit, read_rollout

FORMATS = ("xlsx", "csv", "ics")
ENGAGEMENT_FILE = "engagement.yaml"
PRODID = "-//crm-toolkit//rollout plan//EN"  # an identifier for calendar software, not shown to people
UID_DOMAIN = "crm-toolkit"
#: every event is a firm deadline of the plan; done-ness shows in SUMMARY and DESCRIPTION (see export_ics)
EVENT_STATUS = "CONFIRMED"

#: the checklist's columns; each title is the message `rx_<key>` unless named here
SHARED_TITLES = {
    "id": "id",
    "title": "ro_task",
    "category": "category",
    "owner_role": "ro_owner_role",
    "owner": "ro_owner",
    "status": "ro_status",
    "must": "must",
}
COLUMNS = (
    "phase",
    "track",
    "id",
    "title",
    "category",
    "owner_role",
    "owner",
    "due",
    "status",
    "overdue",
    "must",
    "effort",
    "level",
    "delivers",
    "requirements",
    "acceptance",
    "note",
)


@dataclass(frozen=True)
class Checklist:
    """The one table the CSV and the workbook share: column keys, titles in a language, rows.

    Cells are text, dates, floats or None; `tasks[i]` is the task behind `rows[i]`, so the
    workbook can style a row (overdue, done) without parsing its labels back.
    """

    keys: tuple[str, ...]
    head: list[str]
    rows: list[list]
    tasks: list[PlanTask]

    def column(self, key: str) -> int:
        return self.keys.index(key)


def label_or(key: str, lang: str, fallback: str, **fields: object) -> str:
    """A catalog label when the catalog has one (units, levels), else the value as written."""
    return label(key, lang, **fields) if key in messages() else fallback


def yes_no(flag: bool, lang: str) -> str:
    return label("rx_yes" if flag else "rx_no", lang)


def ordered_tasks(rollout: RolloutFile) -> list[PlanTask]:
    """Tasks grouped by phase in the plan's phase order, plan order within a phase."""
    order = {p.id: i for i, p in enumerate(rollout.phases)}
    return sorted(rollout.tasks, key=lambda t: order.get(t.phase, len(order)))


def checklist_rows(rollout: RolloutFile, *, today: dt.date, lang: str) -> Checklist:
    """Per task, every column of the checklist, with names and labels in `lang`."""
    library = task_library()
    phases = phase_names(lang)
    sep = label("rx_list_sep", lang)
    tasks = ordered_tasks(rollout)
    rows = []
    for t in tasks:
        category = library.categories.get(t.category)
        rows.append(
            [
                phases.get(t.phase, t.phase),
                label(f"track_{t.track}", lang),
                t.id,
                text_of(t.title, lang),
                text_of(category, lang) or t.category,
                role_name(t.owner_role, lang),
                t.owner,
                t.due,
                status_label(t.status, lang),
                yes_no(is_overdue(t, today), lang),
                yes_no(t.must, lang),
                float(t.effort_days),
                level_label(t, lang),
                target_name(t.delivers, lang),
                sep.join(t.requirements),
                text_of(t.acceptance, lang),
                t.note,
            ]
        )
    return Checklist(COLUMNS, [label(SHARED_TITLES.get(k, f"rx_{k}"), lang) for k in COLUMNS], rows, tasks)


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


def calendar_id(engagement_folder: str | Path, client: str) -> str:
    """A short id for one engagement's calendar: the same on every export, apart from any other.

    Hashes the folder's own name (not its full path, so moving the folder keeps it) and the
    client: two engagements of one client, or two clients' folders named alike, still differ.
    """
    name = Path(engagement_folder).resolve().name
    return hashlib.sha256(f"{name}\n{client}".encode()).hexdigest()[:12]


def event_uid(task_id: str, cal_id: str) -> str:
    """Stable across exports and unique per task and engagement, so a re-import updates, not duplicates."""
    return f"{task_id}.{cal_id}@{UID_DOMAIN}"


def _utc(moment: dt.datetime) -> dt.datetime:
    """UTC, to the second; a naive time is taken as UTC already."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).replace(microsecond=0)


def _history(audit: Iterable[AuditEntry]) -> tuple[dict[str, int], dict[str, dt.datetime]]:
    """Per task: how many logged changes, and the time of the last one."""
    count: dict[str, int] = {}
    last: dict[str, dt.datetime] = {}
    for entry in audit:
        count[entry.task] = count.get(entry.task, 0) + 1
        try:
            at = _utc(dt.datetime.fromisoformat(entry.at))
        except (TypeError, ValueError):
            continue
        if entry.task not in last or at > last[entry.task]:
            last[entry.task] = at
    return count, last


def _description(task: PlanTask, lang: str) -> str:
    role = role_name(task.owner_role, lang)
    owner = task.owner or label("rx_unassigned", lang)
    if role:
        owner = label("rx_owner_with_role", lang, owner=owner, role=role)
    fields = [
        ("rx_acceptance", text_of(task.acceptance, lang)),
        ("ro_owner", owner),
        ("ro_status", status_label(task.status, lang)),
        ("rx_requirements", label("rx_list_sep", lang).join(task.requirements)),
        ("rx_note", task.note or ""),
        ("id", task.id),
    ]
    return "\n".join(label("rx_field", lang, field=label(k, lang), value=v) for k, v in fields if v)


def calendar_bytes(
    rollout: RolloutFile,
    *,
    calendar_id: str,
    audit: Iterable[AuditEntry] = (),
    lang: str = "en",
    now: dt.datetime | None = None,
    client: str | None = None,
    vendor: str | None = None,
) -> bytes:
    """The plan as an RFC 5545 calendar: one all-day event per task on its due date."""
    from icalendar import Calendar, Event

    stamp = _utc(now or dt.datetime.now(dt.UTC))
    count, last = _history(audit)
    phases = phase_names(lang)
    shown_vendor = vendor or rollout.vendor
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    name = (
        label("rx_cal_name", lang, client=client, vendor=shown_vendor)
        if client
        else label("rx_cal_name_vendor", lang, vendor=shown_vendor)
    )
    cal.add("x-wr-calname", name)
    for task in ordered_tasks(rollout):
        title = text_of(task.title, lang)
        event = Event()
        event.add("uid", event_uid(task.id, calendar_id))
        event.add("dtstamp", stamp)
        event.add("dtstart", task.due)  # a date: VALUE=DATE, an all-day event
        event.add("dtend", task.due + dt.timedelta(days=1))  # DTEND is exclusive (RFC 5545 §3.6.1)
        event.add("summary", label("rx_summary_done", lang, title=title) if task.status == "done" else title)
        event.add("description", _description(task, lang))
        event.add("categories", [phases.get(task.phase, task.phase)])
        event.add("sequence", count.get(task.id, 0))
        if task.id in last:
            event.add("last-modified", last[task.id])
        event.add("status", EVENT_STATUS)
        event.add("transp", "TRANSPARENT")  # a deadline, not a meeting: it does not block free/busy time
        cal.add_component(event)
    return cal.to_ical()


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


def _vendor_name(folder: Path, vendor_id: str, lang: str) -> str:
    """The chosen vendor's name from its profile; its id when no valid profile names it."""
    from ..model._profiles import vendor_profiles

    try:
        profile = vendor_profiles(folder).get(vendor_id)
    except ToolkitError:
        profile = None
    return text_of(profile.name, lang) if profile is not None else vendor_id


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
        raise _no_plan(folder)
    _target(path)  # a wrong destination fails before the profiles are read
    today = today or dt.date.today()
    if fmt == "csv":
        return export_csv(rollout, path, today=today, lang=lang)
    client = _client(folder)
    vendor = _vendor_name(folder, rollout.vendor, lang)
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
