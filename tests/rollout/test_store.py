"""The tracker never loses an update: locked read-modify-write, atomic saves, an audit of every change."""

from __future__ import annotations

import multiprocessing as mp
import os
import random
import signal
import time
from pathlib import Path

import pytest

from toolkit.files._problems import InvalidInput
from toolkit.rollout import (
    AUDIT_FILE,
    ROLLOUT_FILE,
    check_rollout,
    read_audit,
    read_rollout,
    update_kpi,
    update_task,
)
from toolkit.rollout._store import _write

from .conftest import synthetic_plan


def test_update_changes_the_file_and_logs_who_what_old_and_new(planned_dir: Path):
    entries = update_task(planned_dir, "data_import", status="doing", owner="王芳", by="bob")
    assert [(e.task, e.field, e.old, e.new, e.by) for e in entries] == [
        ("data_import", "status", "todo", "doing", "bob"),
        ("data_import", "owner", None, "王芳", "bob"),
    ]
    task = next(t for t in read_rollout(planned_dir).tasks if t.id == "data_import")
    assert (task.status, task.owner) == ("doing", "王芳")
    logged = [(e.task, e.field, e.old, e.new) for e in read_audit(planned_dir) if e.field != "task"]
    assert logged == [("data_import", "status", "todo", "doing"), ("data_import", "owner", None, "王芳")]
    assert read_audit(planned_dir)[-1].at[:4] >= "2026"


def test_an_update_that_changes_nothing_writes_nothing(planned_dir: Path):
    before = (planned_dir / ROLLOUT_FILE).read_bytes()
    n_audit = len(read_audit(planned_dir))
    assert update_task(planned_dir, "data_import", status="todo", by="bob") == []
    assert (planned_dir / ROLLOUT_FILE).read_bytes() == before
    assert len(read_audit(planned_dir)) == n_audit


def test_an_empty_owner_or_note_clears_it(planned_dir: Path):
    update_task(planned_dir, "dashboards", owner="Li", note="waiting for data", by="bob")
    entries = update_task(planned_dir, "dashboards", owner="", note="  ", by="bob")
    assert [(e.field, e.new) for e in entries] == [("owner", None), ("note", None)]
    task = next(t for t in read_rollout(planned_dir).tasks if t.id == "dashboards")
    assert (task.owner, task.note) == (None, None)


def test_unknown_task_status_and_missing_plan_are_one_line_problems(planned_dir: Path, demo_dir: Path, tmp_path):
    with pytest.raises(InvalidInput) as e:
        update_task(planned_dir, "nope", status="done")
    [problem] = e.value.problems
    assert str(problem).startswith(f"{planned_dir / ROLLOUT_FILE}:0: task: unknown task id 'nope'; known: core_")
    with pytest.raises(InvalidInput) as e:
        update_task(planned_dir, "data_import", status="finished")
    assert "status: unknown status 'finished'; expected one of: todo, doing, blocked, done" in str(e.value.problems[0])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(InvalidInput) as e:
        update_task(empty, "data_import", status="done")
    assert "no rollout plan yet" in str(e.value.problems[0])


def test_kpi_figures_are_set_cleared_and_logged(planned_dir: Path):
    update_kpi(planned_dir, "order_cycle_days", baseline=30, target=24, by="carol")
    entries = update_kpi(planned_dir, "order_cycle_days", actual=27, target=None, by="carol")
    assert [(e.task, e.field, e.old, e.new) for e in entries] == [
        ("kpi:order_cycle_days", "target", 24.0, None),
        ("kpi:order_cycle_days", "actual", None, 27.0),
    ]
    kpi = next(k for k in read_rollout(planned_dir).kpis if k.id == "order_cycle_days")
    assert (kpi.baseline, kpi.target, kpi.actual) == (30.0, None, 27.0)


def test_a_broken_rollout_file_is_reported_by_line(planned_dir: Path):
    path = planned_dir / ROLLOUT_FILE
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    n = next(i for i, line in enumerate(lines) if line.strip() == "status: todo")
    lines[n] = lines[n].replace("todo", "finished")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _, problems = check_rollout(planned_dir)
    assert [(p.line, p.field) for p in problems] == [(n + 1, "tasks[0].status")]
    with pytest.raises(InvalidInput) as e:
        read_rollout(planned_dir)
    assert e.value.problems[0].line == n + 1
    with pytest.raises(InvalidInput):  # and nothing is written over it
        update_task(planned_dir, "data_import", status="done")
    assert path.read_text(encoding="utf-8") == "\n".join(lines) + "\n"


# --- two processes at once -------------------------------------------------------------------


def _worker(folder: str, name: str, task_ids: list[str], start) -> None:
    start.wait()
    for i, task in enumerate(task_ids):
        update_task(folder, task, status="done", by=name)
        update_task(folder, task, owner=f"{name}-{i}", by=name)


def test_two_processes_updating_at_once_lose_nothing(tmp_path: Path):
    """Each process applies 200 updates (status, then owner, of 100 tasks of its own)."""
    folder = tmp_path / "race"
    ids = synthetic_plan(folder, 200)
    ctx = mp.get_context("fork")
    start = ctx.Event()
    workers = [
        ctx.Process(target=_worker, args=(str(folder), name, part, start))
        for name, part in (("A", ids[:100]), ("B", ids[100:]))
    ]
    for w in workers:
        w.start()
    start.set()
    for w in workers:
        w.join(120)
    assert [w.exitcode for w in workers] == [0, 0]

    tasks = {t.id: t for t in read_rollout(folder).tasks}
    in_file = [(t, "status") for t in ids if tasks[t].status == "done"]
    in_file += [(t, "owner") for t in ids if tasks[t].owner == f"{'A' if t < 't100' else 'B'}-{int(t[1:]) % 100}"]
    assert len(in_file) == 400
    audit = read_audit(folder)
    assert len(audit) == 400
    assert {(e.task, e.field) for e in audit} == {(t, f) for t in ids for f in ("status", "owner")}
    assert sum(e.by == "A" for e in audit) == sum(e.by == "B" for e in audit) == 200


# --- a save killed at any instant -------------------------------------------------------------


def _saver(folder: str, task: str) -> None:
    real_fsync = os.fsync

    def slow_fsync(fd: int) -> None:  # a slow disk: widens the moment between writing and renaming
        real_fsync(fd)
        time.sleep(0.004)

    os.fsync = slow_fsync  # in this forked child only
    statuses = ("doing", "done")
    i = 0
    while True:  # runs until killed
        update_task(folder, task, status=statuses[i % 2], by="saver")
        i += 1


def test_a_save_killed_at_any_point_leaves_the_old_or_the_new_file(tmp_path: Path, demo_plan):
    folder = tmp_path / "kill"
    folder.mkdir()
    _write(folder, demo_plan)
    task = "data_import"
    states = {}
    for status in ("doing", "done"):  # the only two contents a save may leave
        index = next(i for i, t in enumerate(demo_plan.tasks) if t.id == task)
        tasks = list(demo_plan.tasks)
        tasks[index] = tasks[index].model_copy(update={"status": status})
        _write(folder, demo_plan.model_copy(update={"tasks": tasks}))
        states[status] = (folder / ROLLOUT_FILE).read_bytes()
    rng = random.Random(0)
    ctx = mp.get_context("fork")
    kills, mid_write = 0, 0
    for _ in range(200):
        child = ctx.Process(target=_saver, args=(str(folder), task), daemon=True)
        child.start()
        time.sleep(rng.uniform(0.002, 0.03))
        os.kill(child.pid, signal.SIGKILL)
        child.join()
        kills += child.exitcode == -signal.SIGKILL
        mid_write += any(folder.glob(f".{ROLLOUT_FILE}.*.tmp"))
        assert (folder / ROLLOUT_FILE).read_bytes() in states.values()
    assert kills == 200
    assert check_rollout(folder)[1] == []
    assert mid_write >= 20  # many kills landed between writing the temporary file and renaming it
    # the next save sweeps the temporary files killed saves left behind
    update_task(folder, task, status="blocked", by="after")
    assert not any(folder.glob(f".{ROLLOUT_FILE}.*.tmp"))
    # every complete line of the audit log reads; a line torn by a kill is skipped
    assert all(e.task == task for e in read_audit(folder))
    assert (folder / AUDIT_FILE).exists()
