"""The server's processes: started in a session of their own, found again by a mark in their
environment, and stopped within a bound.

Voila's kernels run in sessions of their own (jupyter_client starts each one with
`start_new_session`), so neither the server's process group nor its children list finds a kernel
whose server is already gone. Every process of one server carries `CRM_TOOLKIT_SERVER=<mark>` in
its environment instead (kernels inherit the server's environment), and a stop ends with killing
every live process that carries the mark (Linux: read from /proc; elsewhere the kernels end by
themselves when their server is gone, ipykernel polls its parent).

The stop is bounded by construction: SIGTERM to the server (toolkit.apps._voila then kills its
kernels), `GRACE_S` for it to exit, then SIGKILL to its process group and to every marked
process, whatever state they are in. Signals that would interrupt the stop half-way are held off
while it runs.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

#: the environment variable whose value marks every process of one server
MARK_ENV = "CRM_TOOLKIT_SERVER"
#: the process that started the server (the server stops when it is gone)
PARENT_ENV = "CRM_TOOLKIT_SERVER_PARENT"
#: seconds the server gets to stop its kernels and exit before everything left is killed
GRACE_S = 2.0
#: the signals that stop `crm-toolkit app`: Ctrl-C, a service manager, a closed terminal
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))
_PROC = Path("/proc")


def marked(mark: str) -> list[int]:
    """The live processes whose environment carries this server's mark (none off Linux)."""
    if not _PROC.is_dir():
        return []
    needle = f"\0{MARK_ENV}={mark}\0".encode()
    found = []
    for entry in _PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()  # a zombie's reads as empty
        except OSError:
            continue
        if needle in b"\0" + environ:
            found.append(int(entry.name))
    return found


def _kill(pid: int) -> None:
    """SIGKILL to the process, and to its whole group when it leads one (a kernel does)."""
    with contextlib.suppress(OSError):
        if os.getpgid(pid) == pid:
            os.killpg(pid, signal.SIGKILL)
        else:
            os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP ignored while the block runs (only the main thread can)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = {sig: signal.signal(sig, signal.SIG_IGN) for sig in STOP_SIGNALS}
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP received: stop as after Ctrl-C."""


def _raise_stopped(signum, frame) -> None:
    raise Stopped(signum)


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP end the block as Ctrl-C does (by default they end the process at once,
    leaving the server and its kernels running)."""
    signals = [s for s in STOP_SIGNALS if s != signal.SIGINT]
    saved = {sig: signal.signal(sig, _raise_stopped) for sig in signals}
    try:
        yield
    finally:
        for sig, handler in saved.items():
            signal.signal(sig, handler)


def start(command: list[str], env: dict[str, str], log=None) -> subprocess.Popen:
    """The server in a session of its own: a Ctrl-C in the terminal reaches only its caller,
    which then stops it in order."""
    out = log if log is not None else subprocess.DEVNULL
    return subprocess.Popen(command, env=env, stdout=out, stderr=out, stdin=subprocess.DEVNULL, start_new_session=True)


def stop(proc: subprocess.Popen | None, mark: str, grace: float = GRACE_S) -> None:
    """Stop the server and every process it started, in at most `grace` plus the time to kill
    (`proc` None: a start interrupted half-way, only the marked processes to kill)."""
    with signals_held():
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(OSError):
                proc.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(grace)
        if proc is not None and proc.poll() is None:
            with contextlib.suppress(OSError):
                os.killpg(proc.pid, signal.SIGKILL)  # its own session: its group id is its pid
            proc.wait()
        deadline = time.monotonic() + 1.0
        while (left := marked(mark)) and time.monotonic() < deadline:
            for pid in left:
                _kill(pid)
            time.sleep(0.02)
