"""The plan as an RFC 5545 calendar: one all-day event per task on its due date, with stable
UIDs so that a calendar updates its events on re-import instead of duplicating them."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from pathlib import Path

from ..files._i18n import label
from ..model.schema import PlanTask, RolloutFile, text_of
from ._checklist import ordered_tasks
from ._library import phase_names, role_name, status_label
from ._store import AuditEntry

PRODID = "-//crm-toolkit//rollout plan//EN"  # an identifier for calendar software, not shown to people
UID_DOMAIN = "crm-toolkit"
#: every event is a firm deadline of the plan; done-ness shows in SUMMARY and DESCRIPTION (see export_ics)
EVENT_STATUS = "CONFIRMED"


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
    ical: bytes = cal.to_ical()
    return ical
