"""The tracker's state on disk: rollout.yaml, its lock and its audit log.

Every change is a read-modify-write under one lock per engagement folder: the file is read
again after the lock is taken, the change applied to what is there, the file replaced
atomically (temporary file, fsync, rename) and the change appended to the audit log. Two people,
two app tabs or two processes saving at once therefore never lose each other's change, and a
save killed at any instant leaves the old file or the new one.
"""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os
from contextlib import AbstractContextManager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ..files._lock import locked as locked_file
from ..files._problems import InvalidInput, Problem
from ..files._yaml import dump_data, load_data, write_atomic
from ..model._files import ROLLOUT_FILE
from ..model._rollout_file import check_rollout, rollout_problems
from ..model.schema import STATUSES, RolloutFile
from ._plan import PlanChanges, merge_plan

AUDIT_FILE = "rollout-audit.jsonl"
LOCK_FILE = ".rollout.lock"  # _lock.lock_path(rollout.yaml)
TASK_FIELDS = ("status", "owner", "note")
KPI_FIELDS = ("baseline", "target", "actual")
KPI_PREFIX = "kpi:"
PLAN_FIELD = "task"  # audit entries for tasks added to or removed from the plan
_HEADER = (
    "# Rollout plan and tracker (METHOD.md §7), written by `crm-toolkit plan`.\n"
    "# Change status, owner and note with `crm-toolkit task` or the tracker app: they save under a\n"
    "# lock and log every change to rollout-audit.jsonl. Regenerating the plan keeps them.\n"
)


def default_user() -> str:
    """Who makes a change when nobody says: $CRM_TOOLKIT_USER, else the login name."""
    return os.environ.get("CRM_TOOLKIT_USER") or getpass.getuser()


def _now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass(frozen=True)
class AuditEntry:
    """One change: who, when, which task (or `kpi:ID`), which field, old -> new."""

    at: str
    by: str
    task: str
    field: str
    old: Any
    new: Any

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


# --- reading ---------------------------------------------------------------------------------


def read_rollout(folder: str | Path) -> RolloutFile | None:
    """The tracked plan, or None before the first `plan`. Raises `InvalidInput` on a bad file.

    The fast reader serves every click; only a file that fails is read again by the strict
    reader, for problems that name their line.
    """
    path = Path(folder) / ROLLOUT_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError):
        text = None
    try:
        data = None if text is None else load_data(text)
    except Exception:
        data = None
    if isinstance(data, dict):
        try:
            rollout = RolloutFile.model_validate(data)
        except ValueError:
            rollout = None
        if rollout is not None and not rollout_problems(rollout):
            return rollout
    _, problems = check_rollout(folder)
    raise InvalidInput(problems or [Problem(str(path), 0, 0, "", "not a rollout plan")], str(path))


def read_audit(folder: str | Path) -> list[AuditEntry]:
    """Every logged change, oldest first; a line torn by a crash is skipped."""
    path = Path(folder) / AUDIT_FILE
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    out = []
    for line in lines:
        try:
            out.append(AuditEntry(**json.loads(line)))
        except (ValueError, TypeError):
            continue
    return out


# --- writing ---------------------------------------------------------------------------------


def locked(folder: str | Path) -> AbstractContextManager[None]:
    """Hold the folder's rollout lock (`.rollout.lock`) around a read-modify-write."""
    return locked_file(Path(folder) / ROLLOUT_FILE)


def _write(folder: Path, rollout: RolloutFile) -> None:
    """Replace rollout.yaml; called under the lock, so any temporary file left is a killed save's."""
    for stale in folder.glob(f".{ROLLOUT_FILE}.*.tmp"):
        stale.unlink(missing_ok=True)
    data = rollout.model_dump(mode="python", exclude_none=True)
    write_atomic(folder / ROLLOUT_FILE, dump_data(data, header=_HEADER))


def _append_audit(folder: Path, entries: list[AuditEntry]) -> None:
    if not entries:
        return
    text = "".join(json.dumps(e.as_dict(), ensure_ascii=False, default=str) + "\n" for e in entries)
    fd = os.open(folder / AUDIT_FILE, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666)
    try:
        os.write(fd, text.encode("utf-8"))  # one write: appends from two processes never interleave
        os.fsync(fd)
    finally:
        os.close(fd)


def save_plan(folder: str | Path, plan: RolloutFile, by: str | None = None) -> PlanChanges:
    """Write a (re)generated plan, keeping the tracked state of tasks that still exist."""
    folder = Path(folder)
    by = by or default_user()
    with locked(folder):
        old = read_rollout(folder)
        merged, changes = merge_plan(plan, old)
        _write(folder, merged)
        at = _now()
        entries = [AuditEntry(at, by, t, PLAN_FIELD, None, "added") for t in changes.added]
        entries += [AuditEntry(at, by, t, PLAN_FIELD, "present", None) for t in changes.removed]
        _append_audit(folder, entries)
    return changes


def no_plan(folder: Path) -> InvalidInput:
    problem = Problem(str(folder / ROLLOUT_FILE), 0, 0, "", "no rollout plan yet: run `crm-toolkit plan` first")
    return InvalidInput([problem], str(folder))


def _unknown(folder: Path, kind: str, item_id: str, known: list[str]) -> InvalidInput:
    shown = ", ".join(known[:8]) + (", ..." if len(known) > 8 else "")
    problem = Problem(str(folder / ROLLOUT_FILE), 0, 0, kind, f"unknown {kind} id {item_id!r}; known: {shown}")
    return InvalidInput([problem], str(folder))


def _apply(folder: Path, key: str, item_id: str, wanted: dict[str, Any], by: str | None) -> list[AuditEntry]:
    """The one read-modify-write: under the lock, change fields of item `item_id` of `key`
    ("tasks" or "kpis") in the file as it is now; write and log only what differs."""
    kind, logged_as = ("task", item_id) if key == "tasks" else ("kpi", f"{KPI_PREFIX}{item_id}")
    who = by or default_user()
    with locked(folder):
        rollout = read_rollout(folder)
        if rollout is None:
            raise no_plan(folder)
        items = list(getattr(rollout, key))
        index = next((i for i, item in enumerate(items) if item.id == item_id), None)
        if index is None:
            raise _unknown(folder, kind, item_id, [item.id for item in items])
        item = items[index]
        at = _now()
        entries = [
            AuditEntry(at, who, logged_as, f, getattr(item, f), v) for f, v in wanted.items() if getattr(item, f) != v
        ]
        if entries:
            items[index] = item.model_copy(update={e.field: e.new for e in entries})
            _write(folder, rollout.model_copy(update={key: items}))
            _append_audit(folder, entries)
    return entries


def update_task(
    folder: str | Path,
    task_id: str,
    *,
    status: str | None = None,
    owner: str | None = None,
    note: str | None = None,
    by: str | None = None,
) -> list[AuditEntry]:
    """Apply one update to one task under the lock; returns the changes made (none: nothing written).

    `owner` or `note` given as "" clears it. Fields left None are not touched.
    """
    folder = Path(folder)
    if status is not None and status not in STATUSES:
        why = f"unknown status {status!r}; expected one of: {', '.join(STATUSES)}"
        problem = Problem(str(folder / ROLLOUT_FILE), 0, 0, "status", why)
        raise InvalidInput([problem], str(folder))
    wanted = {"status": status, "owner": owner, "note": note}
    wanted = {k: (v.strip() or None) if k != "status" else v for k, v in wanted.items() if v is not None}
    return _apply(folder, "tasks", task_id, wanted, by)


_UNSET: Any = object()


def update_kpi(
    folder: str | Path,
    kpi_id: str,
    *,
    baseline: float | None = _UNSET,
    target: float | None = _UNSET,
    actual: float | None = _UNSET,
    by: str | None = None,
) -> list[AuditEntry]:
    """Set a KPI's baseline, target or actual (None clears it) under the lock, logged as `kpi:ID`."""
    given = (("baseline", baseline), ("target", target), ("actual", actual))
    wanted = {k: None if v is None else float(v) for k, v in given if v is not _UNSET}
    return _apply(Path(folder), "kpis", kpi_id, wanted, by)
