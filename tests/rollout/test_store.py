"""The tracker never loses an update: locked read-modify-write, atomic saves, an audit of every change."""

from __future__ import annotations

import multiprocessing as mp
import os
import random
import signal
from pathlib import Path

import pytest

from toolkit.files._problems import InvalidInput, ToolkitError
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


# --- four processes at once ------------------------------------------------------------------

TIMEOUT_S = 600  # a bound on waiting for a child; never reached when all is well
WRITERS = ("A", "B", "C", "D")
PLAN_TASKS = 100  # 25 tasks a writer, four updates each: 100 updates a writer, 400 in all


def _updates(name: str, i: int) -> list[tuple[str, str]]:
    """The four updates writer `name` makes to its i-th task, in order: (field, new value)."""
    return [("status", "doing"), ("owner", f"{name}-{i}"), ("note", f"{name} note {i}"), ("status", "done")]


def _worker(folder: str, name: str, task_ids: list[str], start, refused) -> None:
    start.wait()
    for i, task in enumerate(task_ids):
        try:
            for field, value in _updates(name, i):
                update_task(folder, task, **{field: value}, by=name)
        except ToolkitError as e:  # a waiting writer refused: what this test says never happens
            refused.put(f"{name}: {e}")
            raise


def test_four_processes_updating_at_once_lose_nothing(tmp_path: Path):
    """Each of four processes applies 100 updates (status, owner, note and status again, of 25
    tasks of its own, interleaved with the others' in a plan of 100), all at once, under the lock."""
    folder = tmp_path / "race"
    ids = synthetic_plan(folder, PLAN_TASKS)
    ctx = mp.get_context("fork")
    start, refused = ctx.Event(), ctx.SimpleQueue()
    mine = {name: ids[k :: len(WRITERS)] for k, name in enumerate(WRITERS)}
    workers = [
        ctx.Process(target=_worker, args=(str(folder), n, mine[n], start, refused), daemon=True) for n in WRITERS
    ]
    for w in workers:
        w.start()
    start.set()
    for w in workers:
        w.join(TIMEOUT_S)
    refusals = []
    while not refused.empty():
        refusals.append(refused.get())
    assert refusals == []
    assert [w.exitcode for w in workers] == [0, 0, 0, 0]

    tasks = {t.id: t for t in read_rollout(folder).tasks}
    final = {(t, "status", "done") for t in ids}
    final |= {(t, f, v) for n in WRITERS for i, t in enumerate(mine[n]) for f, v in _updates(n, i)[1:3]}
    assert {(t, f, v) for t, f, v in final if getattr(tasks[t], f) == v} == final  # every last value is there
    audit = read_audit(folder)
    assert len(audit) == 400
    assert [sum(e.by == n for e in audit) for n in WRITERS] == [100, 100, 100, 100]
    for n in WRITERS:  # each writer's 100 changes logged, in the order it made them
        made = [(t, f, v) for i, t in enumerate(mine[n]) for f, v in _updates(n, i)]
        assert [(e.task, e.field, e.new) for e in audit if e.by == n] == made


# --- a save killed at any instant -------------------------------------------------------------

STATUS_CYCLE = ("todo", "doing", "blocked", "done")
#: the steps a save must take, in this order: the file is replaced between "rename" and "renamed"
KEY_STEPS = ["fsync temporary file", "fsynced temporary file", "rename", "renamed", "fsync audit log"]
KILLS_PER_STEP = 5


def _steps(stop_at: int | None, tell) -> list[str]:
    """In this forked child only: number the steps of a save (before and after every fsync and
    rename); at step `stop_at`, tell the parent which one it is and wait to be killed."""
    real_fsync, real_replace = os.fsync, os.replace
    steps: list[str] = []

    def step(label: str) -> None:
        steps.append(label)
        if len(steps) - 1 == stop_at:
            tell.send(label)
            while True:
                signal.pause()

    def fsync(fd: int) -> None:
        name = Path(os.readlink(f"/proc/self/fd/{fd}")).name
        what = {AUDIT_FILE: "audit log", ROLLOUT_FILE: ROLLOUT_FILE}.get(name, "folder")
        what = "temporary file" if name.startswith(f".{ROLLOUT_FILE}.") else what
        step(f"fsync {what}")
        real_fsync(fd)
        step(f"fsynced {what}")

    def replace(src, dst) -> None:
        step("rename")
        real_replace(src, dst)
        step("renamed")

    os.fsync, os.replace = fsync, replace
    return steps


def _save_stopped(folder: str, task: str, status: str, stop_at: int | None, tell) -> None:
    steps = _steps(stop_at, tell)
    update_task(folder, task, status=status, by="saver")
    tell.send(steps)  # all the steps of a save that was not stopped


def _save_forever(folder: str, task: str, tell) -> None:
    statuses = ("doing", "done")
    i = 0
    while True:  # runs until killed
        update_task(folder, task, status=statuses[i % 2], by="saver")
        tell.send(i)
        i += 1


def test_a_save_killed_at_any_point_leaves_the_old_or_the_new_file(tmp_path: Path, demo_plan):
    folder = tmp_path / "kill"
    folder.mkdir()
    task = "data_import"
    index = next(i for i, t in enumerate(demo_plan.tasks) if t.id == task)
    states = {}
    for status in STATUS_CYCLE:  # the only contents a save may leave
        tasks = list(demo_plan.tasks)
        tasks[index] = tasks[index].model_copy(update={"status": status})
        _write(folder, demo_plan.model_copy(update={"tasks": tasks}))
        states[status] = (folder / ROLLOUT_FILE).read_bytes()
    _write(folder, demo_plan)
    path, now = folder / ROLLOUT_FILE, "todo"
    ctx = mp.get_context("fork")

    def save(stop_at: int | None, n: int):
        new = STATUS_CYCLE[(STATUS_CYCLE.index(now) + 1 + n % 3) % 4]  # another status each time
        listen, tell = ctx.Pipe(duplex=False)
        child = ctx.Process(target=_save_stopped, args=(str(folder), task, new, stop_at, tell), daemon=True)
        child.start()
        assert listen.poll(TIMEOUT_S)
        return child, listen.recv(), new

    child, steps, now = save(None, 0)  # a save to the end, its steps numbered
    child.join(TIMEOUT_S)
    assert [s for s in steps if s in KEY_STEPS] == KEY_STEPS
    replaced = steps.index("renamed")
    logged = len(read_audit(folder))
    assert logged == 1

    stops = [k for k in range(len(steps)) for _ in range(KILLS_PER_STEP)]
    random.Random(0).shuffle(stops)
    kills: dict[str, int] = {}
    for n, k in enumerate(stops):  # killed by construction at every step, on any machine
        child, label, new = save(k, n)
        assert label == steps[k]
        os.kill(child.pid, signal.SIGKILL)
        child.join(TIMEOUT_S)
        assert child.exitcode == -signal.SIGKILL
        kills[label] = kills.get(label, 0) + 1
        now = new if k >= replaced else now
        assert path.read_bytes() == states[now], label  # the old file before the rename, the new one after
        leftovers = list(folder.glob(f".{ROLLOUT_FILE}.*.tmp"))  # the killed save's own; older ones swept
        assert len(leftovers) == (k < replaced), label
        logged += label == "fsync audit log" or label == "fsynced audit log"
        assert len(read_audit(folder)) == logged, label  # a change is logged once its line is written
    assert kills == dict.fromkeys(steps, KILLS_PER_STEP)

    for _ in range(10):  # and at whatever moment the kill lands, in a save or between two
        listen, tell = ctx.Pipe(duplex=False)
        child = ctx.Process(target=_save_forever, args=(str(folder), task, tell), daemon=True)
        child.start()
        assert listen.poll(TIMEOUT_S)  # a save done, the next one under way
        os.kill(child.pid, signal.SIGKILL)
        child.join(TIMEOUT_S)
        assert child.exitcode == -signal.SIGKILL
        assert path.read_bytes() in states.values()
    assert check_rollout(folder)[1] == []
    # the next save sweeps the temporary files killed saves left behind
    assert update_task(folder, task, note="after the kills", by="after")
    assert not any(folder.glob(f".{ROLLOUT_FILE}.*.tmp"))
    # every complete line of the audit log reads; a line torn by a kill is skipped
    audit = read_audit(folder)
    assert all(e.task == task for e in audit) and len(audit) > logged
