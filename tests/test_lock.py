"""The toolkit's one lock: writers served in turn across threads and processes, released by the
kernel when a holder is killed, refused with one line only when the lock stops changing hands."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import threading
from pathlib import Path

import pytest

from toolkit.files import _lock
from toolkit.files._lock import lock_path, locked, tickets_taken
from toolkit.files._problems import ToolkitError

from .conftest import until

TIMEOUT_S = 60.0  # a generous bound on every wait for a condition; never reached when all is well


def wait_until(check, what: str) -> None:
    """Wait for a condition (not for a duration), failing after TIMEOUT_S."""
    until(check, what, TIMEOUT_S)


def test_the_lock_file_lies_beside_the_target(tmp_path: Path):
    target = tmp_path / "rollout.yaml"
    assert lock_path(target) == tmp_path / ".rollout.lock"
    with locked(target):
        assert (tmp_path / ".rollout.lock").exists()
    assert tickets_taken(target) == 1


def test_threads_are_served_first_come_first_served(tmp_path: Path):
    target = tmp_path / "rollout.yaml"
    served: list[int] = []
    release = threading.Event()

    def hold() -> None:
        with locked(target):
            release.wait(TIMEOUT_S)

    def writer(i: int) -> None:
        with locked(target):
            served.append(i)

    holder = threading.Thread(target=hold)
    holder.start()
    wait_until(lambda: tickets_taken(target) == 1, "the holder's ticket")
    writers = []
    for i in range(8):  # each writer starts once the one before it is queued
        writers.append(threading.Thread(target=writer, args=(i,)))
        writers[-1].start()
        wait_until(lambda i=i: tickets_taken(target) == i + 2, f"writer {i} queued")
    assert served == []  # nobody got in while the lock was held
    release.set()
    for t in [holder, *writers]:
        t.join(TIMEOUT_S)
    assert served == list(range(8))


def _append_in_turn(target: str, log: str, i: int) -> None:
    with locked(target):
        with open(log, "a") as f:
            f.write(f"{i}\n")


def test_processes_are_served_first_come_first_served(tmp_path: Path):
    target, log = tmp_path / "rollout.yaml", tmp_path / "served.txt"
    ctx = mp.get_context("fork")
    children = []
    with locked(target):
        for i in range(6):
            children.append(ctx.Process(target=_append_in_turn, args=(str(target), str(log), i), daemon=True))
            children[-1].start()
            wait_until(lambda i=i: tickets_taken(target) == i + 2, f"process {i} queued")
        assert not log.exists()
    for c in children:
        c.join(TIMEOUT_S)
    assert [c.exitcode for c in children] == [0] * 6
    assert log.read_text().split() == [str(i) for i in range(6)]


def _hold_forever(target: str, ready) -> None:
    with locked(target):
        ready.set()
        while True:
            signal.pause()


def test_a_holder_killed_by_sigkill_releases_the_lock(tmp_path: Path):
    target = tmp_path / "rollout.yaml"
    ctx = mp.get_context("fork")
    ready = ctx.Event()
    holder = ctx.Process(target=_hold_forever, args=(str(target), ready), daemon=True)
    holder.start()
    assert ready.wait(TIMEOUT_S)
    got = threading.Event()

    def wait_for_lock() -> None:
        with locked(target):
            got.set()

    waiter = threading.Thread(target=wait_for_lock)
    waiter.start()
    wait_until(lambda: tickets_taken(target) == 2, "the waiter queued")
    assert not got.is_set()
    os.kill(holder.pid, signal.SIGKILL)
    holder.join(TIMEOUT_S)
    waiter.join(TIMEOUT_S)
    assert got.is_set()


def test_a_waiter_killed_in_the_queue_does_not_wedge_it(tmp_path: Path):
    target = tmp_path / "rollout.yaml"
    ctx = mp.get_context("fork")
    ready = ctx.Event()
    with locked(target):
        dead = ctx.Process(target=_hold_forever, args=(str(target), ready), daemon=True)
        dead.start()
        wait_until(lambda: tickets_taken(target) == 2, "the doomed waiter queued")
        os.kill(dead.pid, signal.SIGKILL)
        dead.join(TIMEOUT_S)
    assert not ready.is_set()  # it never held the lock
    with locked(target):  # the next ticket is served
        assert tickets_taken(target) == 3


def test_a_lock_file_emptied_by_hand_still_queues_after_the_waiters(tmp_path: Path):
    target = tmp_path / "rollout.yaml"
    served: list[str] = []
    release = threading.Event()

    def hold() -> None:
        with locked(target):
            release.wait(TIMEOUT_S)
            served.append("holder")

    holder = threading.Thread(target=hold)
    holder.start()
    wait_until(lambda: tickets_taken(target) == 1, "the holder's ticket")
    lock_path(target).write_bytes(b"")  # the counter is gone, the kernel's locks are not
    late = threading.Thread(target=_append_when_served, args=(target, served))
    late.start()
    wait_until(lambda: tickets_taken(target) == 2, "the late writer queued after the holder")
    release.set()
    holder.join(TIMEOUT_S)
    late.join(TIMEOUT_S)
    assert served == ["holder", "late"]


def _append_when_served(target: Path, served: list[str]) -> None:
    with locked(target):
        served.append("late")


def test_a_lock_that_stops_changing_hands_is_refused_in_one_line(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(_lock, "LOCK_STUCK_S", 0.2)
    monkeypatch.setattr(_lock, "_WATCH_S", 0.01)
    target = tmp_path / "rollout.yaml"
    release = threading.Event()

    def hold() -> None:
        with locked(target):
            release.wait(TIMEOUT_S)

    holder = threading.Thread(target=hold)
    holder.start()
    wait_until(lambda: tickets_taken(target) == 1, "the holder's ticket")
    with pytest.raises(ToolkitError) as e:
        with locked(target):
            pass
    assert str(e.value) == f"{target}: another save has held the lock for 0 s; try again"
    with pytest.raises(ToolkitError, match="^requirements.yaml: busy$"):
        with locked(target, "requirements.yaml: busy"):
            pass
    release.set()
    holder.join(TIMEOUT_S)
    with locked(target):  # the writers that gave up left the queue
        assert tickets_taken(target) == 4


def test_taking_the_lock_twice_in_one_thread_is_a_bug_said_at_once(tmp_path: Path):
    target = tmp_path / "rollout.yaml"
    with locked(target):
        with pytest.raises(RuntimeError, match="holds the lock already"):
            with locked(target):
                pass
    with locked(target):
        pass


def test_a_lock_that_cannot_be_opened_is_one_line(tmp_path: Path):
    target = tmp_path / "missing-folder" / "rollout.yaml"
    with pytest.raises(ToolkitError, match=r"\.rollout\.lock: cannot open the lock: No such file or directory$"):
        with locked(target):
            pass


def _live_on(ready) -> None:
    ready.set()
    while True:
        signal.pause()


def test_a_process_forked_while_the_lock_is_held_does_not_keep_it(tmp_path: Path):
    target = tmp_path / "rollout.yaml"
    ctx = mp.get_context("fork")
    ready = ctx.Event()
    with locked(target):
        child = ctx.Process(target=_live_on, args=(ready,), daemon=True)
        child.start()  # its copy of the open lock file is closed at once
    assert ready.wait(TIMEOUT_S)
    try:
        got = threading.Event()
        waiter = threading.Thread(target=lambda: _take_and_tell(target, got))
        waiter.start()
        waiter.join(TIMEOUT_S)
        assert got.is_set() and child.is_alive()
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.join(TIMEOUT_S)


def _take_and_tell(target: Path, got: threading.Event) -> None:
    with locked(target):
        got.set()


# --- elsewhere than Linux: a whole-file flock -----------------------------------------------------


def _count_in_turn(target: str, counter: str, times: int) -> None:
    for _ in range(times):
        with locked(target):
            path = Path(counter)
            n = int(path.read_text()) if path.exists() else 0
            path.write_text(str(n + 1))  # read-modify-write: a lost update if two ever overlap


def test_without_queued_locks_a_whole_file_flock_still_excludes_threads_and_processes(tmp_path, monkeypatch):
    """macOS and the BSDs have no open file description locks: the flock fallback must still keep
    every read-modify-write whole (forked children inherit the patched module)."""
    monkeypatch.setattr(_lock, "QUEUED", False)
    monkeypatch.setattr(_lock, "_GETLK", 0)
    monkeypatch.setattr(_lock, "_SETLK", 1)
    monkeypatch.setattr(_lock, "_SETLKW", 2)
    target, counter = tmp_path / "rollout.yaml", tmp_path / "counter"
    ctx = mp.get_context("fork")
    children = [ctx.Process(target=_count_in_turn, args=(str(target), str(counter), 50)) for _ in range(2)]
    threads = [threading.Thread(target=_count_in_turn, args=(str(target), str(counter), 50)) for _ in range(2)]
    for worker in [*children, *threads]:
        worker.start()
    for worker in [*children, *threads]:
        worker.join(TIMEOUT_S)
    assert [c.exitcode for c in children] == [0, 0]
    assert counter.read_text() == "200"

    ready = ctx.Event()
    holder = ctx.Process(target=_hold_forever, args=(str(target), ready), daemon=True)
    holder.start()
    assert ready.wait(TIMEOUT_S)
    os.kill(holder.pid, signal.SIGKILL)  # a killed holder releases the lock
    holder.join(TIMEOUT_S)
    with locked(target):
        pass
