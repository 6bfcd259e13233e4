"""The toolkit's one lock: `locked(target)` around every read-modify-write of a shared file.

The lock of `rollout.yaml` is the file `.rollout.lock` beside it (of `requirements.yaml`,
`.requirements.lock`). Writers are served first come, first served, across processes and across
the threads of one process (the apps' kernels save from callbacks), like a ticket queue at a
counter:

- a writer takes a ticket: under a kernel lock on byte 0 of the lock file, held for four system
  calls, it takes the number after the last one handed out (bytes 0-7 of the file, and above any
  ticket still queued), locks its own slot (byte 16 + ticket) and writes the number back;
- it then waits, blocked in the kernel (no polling), for a lock on the slots of every earlier
  ticket (bytes 16 to 16 + ticket - 1): the kernel grants it once every earlier writer has finished,
  given up or died, and wakes the writer at once;
- it holds the lock until it closes the file, which releases its slot: the next ticket's turn.

The kernel locks are Linux's open file description locks (`F_OFD_SETLKW`): they belong to one
opening of the file, not to a process, so two threads exclude each other like two processes, and
the kernel drops them when the file is closed or its process dies, even by SIGKILL: a dead
holder or a dead waiter never wedges the queue.

Where the kernel has no open file description locks (macOS, the BSDs), the lock is a whole-file
`flock`, which also belongs to one opening of the file and also blocks in the kernel: writers
exclude each other the same way, though the kernel, not a queue, picks who goes next.

A waiting writer is never refused while the lock changes hands, however long the queue: each
holder writes its ticket at bytes 8-15 when its turn comes, and a waiter watches that number. It
is refused (`ToolkitError`, one line naming the file) only when the lock has not changed hands for
`LOCK_STUCK_S`, a minute. A save rewrites one file of a few hundred kilobytes at most, well under
a second even on a slow and busy machine; a holder that keeps the lock for a minute is hung (a
stopped process, a dead network disk), not slow, and waiting longer would hang the app or the
command with it.
"""

from __future__ import annotations

import errno
import os
import struct
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ._problems import ToolkitError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: locked() says so
    fcntl = None  # type: ignore[assignment]
#: the ticket queue needs Linux's open file description locks; elsewhere a whole-file flock
QUEUED = fcntl is not None and hasattr(fcntl, "F_OFD_SETLKW")
if QUEUED:
    _GETLK, _SETLK, _SETLKW = fcntl.F_OFD_GETLK, fcntl.F_OFD_SETLK, fcntl.F_OFD_SETLKW
else:  # the commands only say blocking or not to the flock fallback
    _GETLK, _SETLK, _SETLKW = 0, 1, 2

#: a waiting save is refused when the lock has not changed hands for this long
LOCK_STUCK_S = 60.0
#: how often a waiting save looks whether the lock changed hands
_WATCH_S = 0.5

_LAST, _SERVING, _SLOTS = 0, 8, 16  # the lock file: last ticket, ticket served now, slots
_FLOCK = struct.Struct("hhqqi4x")  # struct flock on 64-bit Linux; l_pid is 0 for these locks
_U64 = struct.Struct("<Q")
_HELD = threading.local()  # the lock files this thread holds: taking one again would never end
_OPEN: set[_File] = set()  # this process's lock files, closed in a child it forks


def lock_path(target: str | Path) -> Path:
    """The lock beside a file: `.rollout.lock` for rollout.yaml, `.requirements.lock` for requirements.yaml."""
    target = Path(target)
    return target.with_name(f".{target.stem}.lock")


@contextmanager
def locked(target: str | Path, message: str | None = None) -> Iterator[None]:
    """Hold the lock of `target` around a read-modify-write, so two writers (tabs, processes,
    the CLI) never lose each other's change; writers are served in turn. When the lock has not
    changed hands for LOCK_STUCK_S: `ToolkitError(message)`."""
    path = lock_path(target)
    if fcntl is None:  # pragma: no cover
        raise ToolkitError(f"{path}: saving needs POSIX file locks (Linux, macOS); this is {sys.platform}")
    held = _HELD.__dict__.setdefault("paths", set())
    key = os.path.abspath(path)
    if key in held:
        raise RuntimeError(f"{path}: this thread holds the lock already")
    try:
        file = _File(os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666))
    except OSError as e:
        raise ToolkitError(f"{path}: cannot open the lock: {e.strerror}") from None
    try:
        _take_turn(file)
    except BaseException as e:
        if not file.handed:
            file.close()
        if isinstance(e, _Stuck):
            stuck = f"{target}: another save has held the lock for {LOCK_STUCK_S:.0f} s; try again"
            raise ToolkitError(message or stuck) from None
        if isinstance(e, OSError):
            raise ToolkitError(f"{path}: cannot lock: {e.strerror}") from None
        raise
    held.add(key)
    try:
        yield
    finally:
        held.discard(key)
        file.close()


def tickets_taken(target: str | Path) -> int:
    """How many tickets the lock of `target` has handed out (for tests watching the queue)."""
    try:
        with open(lock_path(target), "rb") as f:
            return _number(f.read(8))
    except FileNotFoundError:
        return 0


class _File:
    """One opening of a lock file; `handed` once a waiter thread that gave up is to close it."""

    def __init__(self, fd: int) -> None:
        self.fd, self.handed, self.closed = fd, False, False
        _OPEN.add(self)

    def close(self) -> None:
        """Close the file, which releases every lock taken through it."""
        if not self.closed:
            self.closed = True
            _OPEN.discard(self)
            os.close(self.fd)


class _Stuck(Exception):
    """The lock has not changed hands for LOCK_STUCK_S."""


def _take_turn(file: _File) -> None:
    """Take a ticket and wait for its turn (elsewhere than Linux: wait for the whole file)."""
    fd = file.fd
    if not QUEUED:
        _wait(file, 0, 0)
        os.pwrite(fd, _U64.pack(_number(os.pread(fd, 8, _SERVING)) + 1), _SERVING)
        return
    _wait(file, _LAST, 1)
    ticket = _number(os.pread(fd, 8, _LAST)) + 1
    while (end := _queued_up_to(fd, _SLOTS + ticket)) is not None:  # a lock file emptied by hand
        ticket = end - _SLOTS
    _lock(fd, _SETLK, fcntl.F_WRLCK, _SLOTS + ticket, 1)  # free: new slots are taken under byte 0
    os.pwrite(fd, _U64.pack(ticket), _LAST)
    _lock(fd, _SETLK, fcntl.F_UNLCK, _LAST, 1)
    _wait(file, _SLOTS, ticket)
    os.pwrite(fd, _U64.pack(ticket), _SERVING)


def _wait(file: _File, start: int, length: int) -> None:
    """Lock bytes [start, start + length), blocked in the kernel by a helper thread while this
    one watches the lock change hands; `_Stuck` when it has not for LOCK_STUCK_S. Giving up
    (stuck or interrupted) hands the file to the helper thread."""
    if _try(file.fd, start, length):
        return
    waiter = _Waiter(file, start, length)
    waiter.start()
    serving, since = os.pread(file.fd, 8, _SERVING), time.monotonic()
    try:
        while not waiter.finished.wait(_WATCH_S):
            now = os.pread(file.fd, 8, _SERVING)
            if now != serving:
                serving, since = now, time.monotonic()
            elif time.monotonic() - since >= LOCK_STUCK_S and waiter.give_up():
                raise _Stuck
    except BaseException:
        file.handed = file.handed or waiter.give_up()
        raise
    if waiter.error is not None:
        raise waiter.error


class _Waiter(threading.Thread):
    """Waits in the kernel for a lock. When the caller gives up, the file is this thread's to
    close, as soon as the kernel grants the lock (the queue behind it is waiting anyway)."""

    def __init__(self, file: _File, start: int, length: int) -> None:
        super().__init__(name="crm-toolkit lock", daemon=True)
        self.file, self.range = file, (start, length)
        self.finished = threading.Event()
        self.error: OSError | None = None
        self._guard = threading.Lock()
        self._given_up = False

    def run(self) -> None:
        try:
            _lock(self.file.fd, _SETLKW, fcntl.F_WRLCK, *self.range)
        except OSError as e:
            self.error = e
        with self._guard:
            self.finished.set()
            if self._given_up:
                self.file.close()

    def give_up(self) -> bool:
        """Stop waiting; False when the kernel has granted the lock meanwhile."""
        with self._guard:
            self._given_up = self._given_up or not self.finished.is_set()
            return self._given_up


def _lock(fd: int, command: int, kind: int, start: int, length: int) -> bytes:
    if not QUEUED:  # the whole file, blocking or not as the command says
        fcntl.flock(fd, fcntl.LOCK_EX if command == _SETLKW else fcntl.LOCK_EX | fcntl.LOCK_NB)
        return b""
    return fcntl.fcntl(fd, command, _FLOCK.pack(kind, os.SEEK_SET, start, length, 0))


def _try(fd: int, start: int, length: int) -> bool:
    try:
        _lock(fd, _SETLK, fcntl.F_WRLCK, start, length)
    except OSError as e:
        if e.errno in (errno.EAGAIN, errno.EACCES):
            return False
        raise
    return True


def _queued_up_to(fd: int, start: int) -> int | None:
    """The end of a lock held from byte `start` on (a ticket the counter does not know), or None."""
    kind, _, begin, length, _ = _FLOCK.unpack(_lock(fd, _GETLK, fcntl.F_WRLCK, start, 0))
    return None if kind == fcntl.F_UNLCK else begin + max(length, 1)


def _number(data: bytes) -> int:
    return _U64.unpack(data)[0] if len(data) == 8 else 0


def _forget_in_child() -> None:
    """A forked child holds no lock of its parent's: closing its copies lets the parent's go."""
    for file in list(_OPEN):
        file.close()
    _HELD.__dict__.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_in_child)
