"""`crm-toolkit app` as a service: the real command on a free loopback port, the landing page at
`/`, and a stop by SIGTERM, Ctrl-C or a closed terminal that leaves no server, no kernel and no
temporary folder behind; a port in use is one line and exit code 1.

Processes are found the way the server marks them: by the engagements root in their environment
(each test has its own), read from /proc. Zombies (ended, not yet reaped by init) count as gone.
"""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from toolkit.apps._serve import free_port
from toolkit.apps._shell import ROOT_ENV
from toolkit.files._i18n import label

from ..conftest import until
from .conftest import add_engagement

CLI = str(Path(sys.executable).parent / "crm-toolkit")
STARTUP_S = 120  # generous: a busy CI machine starts Voila and its kernels slowly
STOP_S = 5  # what a service manager or a closing terminal may wait for

pytestmark = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads processes from /proc")


def _server_processes(root: Path) -> dict[int, str]:
    """{pid: command line} of the live processes serving this engagements root."""
    needle = f"\0{ROOT_ENV}={root.resolve()}\0".encode()
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "stat").read_text().rsplit(")", 1)[1].split()[0] == "Z":
                continue
            if needle in b"\0" + (entry / "environ").read_bytes():
                found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except (OSError, IndexError):
            continue
    return found


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (OSError, http.client.HTTPException):
        return None


def _start(cli_args: list[str], env: dict[str, str], log) -> tuple[subprocess.Popen, str, str]:
    """`crm-toolkit app ... --port P` until its landing page answers: (process, base URL, page).
    A free port can be taken between choosing it and binding it (kernels of other servers bind
    random ports too): then the command says so and exits 1, and another port is tried."""
    for _ in range(3):
        port = free_port()
        proc = subprocess.Popen(
            [CLI, "app", *cli_args, "--no-browser", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # as a terminal runs a command: its own process group
        )
        base = f"http://127.0.0.1:{port}"

        def landing(proc=proc, base=base):
            if proc.poll() is not None:
                return "exited"
            page = _get(base + "/")
            return page if page and "crm-page" in page else None

        page = until(landing, "the server answering", STARTUP_S)
        if page != "exited":
            return proc, base, page
    raise AssertionError("crm-toolkit app did not start on three free ports")


@pytest.fixture
def app(tmp_path):
    """`crm-toolkit app DIR --no-browser --port P` answering, with its own TMPDIR and Jupyter
    runtime folder; yields (process, base URL, landing page, root, tmp, runtime). Whatever the
    test leaves running is killed afterwards."""
    root = tmp_path / "engagements"
    add_engagement(root, "demo")
    tmp, runtime = tmp_path / "tmp", tmp_path / "runtime"
    tmp.mkdir()
    runtime.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp), "JUPYTER_RUNTIME_DIR": str(runtime)}
    proc = None
    try:
        with open(tmp_path / "app.log", "w") as log:
            proc, base, page = _start([str(root / "demo")], env, log)
        yield proc, base, page, root, tmp, runtime
    finally:
        if proc is not None and proc.poll() is None:
            proc.kill()
            proc.wait()
        for pid in _server_processes(root):
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=lambda s: s.name)
def test_a_stop_signal_leaves_no_server_no_kernel_and_no_temporary_folder(app, tmp_path, sig):
    proc, _base, page, root, tmp, runtime = app
    assert 'class="crm-card crm-card-workshop"' in page
    assert 'href="voila/render/workshop.ipynb?engagement=demo&amp;lang=en"' in page
    kernels = until(
        lambda: [p for p, cmd in _server_processes(root).items() if "ipykernel" in cmd], "a kernel", STARTUP_S
    )
    assert kernels
    assert any(tmp.iterdir()), "the server keeps its connection files in its own temporary folder"

    os.killpg(proc.pid, sig)  # what a terminal's Ctrl-C or hang-up does: the command's process group
    signalled = time.monotonic()
    assert proc.wait(STOP_S) == 0
    left = STOP_S - (time.monotonic() - signalled)
    until(lambda: not _server_processes(root), "every server and kernel process gone", max(left, 0.1))
    assert sorted(p.name for p in tmp.iterdir()) == []
    assert sorted(p.name for p in runtime.iterdir()) == []
    log = (tmp_path / "app.log").read_text()
    assert "Traceback" not in log


def test_the_server_stops_by_itself_when_its_command_is_killed_outright(app):
    proc, _base, _page, root, _tmp, _runtime = app
    until(lambda: any("ipykernel" in cmd for cmd in _server_processes(root).values()), "a kernel", STARTUP_S)
    proc.kill()  # SIGKILL: the command cannot stop anything itself
    proc.wait()
    # the server notices within a second that its command is gone, then kills its kernels
    until(lambda: not _server_processes(root), "every server and kernel process gone", 30)


@pytest.mark.parametrize(("lang", "words"), [("en", "already in use"), ("zh", "已被占用")], ids=["en", "zh"])
def test_a_port_in_use_is_one_line_and_exit_code_1(tmp_path, lang, words):
    add_engagement(tmp_path, "demo")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [CLI, "app", str(tmp_path / "demo"), "--no-browser", "--port", str(port), "--lang", lang],
            capture_output=True,
            text=True,
            timeout=STARTUP_S,
        )
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert str(port) in lines[0] and words in lines[0]


def test_hub_mode_outside_a_hub_is_one_line_and_exit_code_1(tmp_path):
    add_engagement(tmp_path, "demo")
    env = {k: v for k, v in os.environ.items() if not k.startswith("JUPYTERHUB_")}
    result = subprocess.run(
        [CLI, "app", str(tmp_path), "--hub", "--no-browser"], capture_output=True, text=True, timeout=STARTUP_S, env=env
    )
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [f"crm-toolkit: error: {label('app_no_hub', 'en')}"]


_STUBBORN = """
import signal, subprocess, sys
signal.signal(signal.SIGTERM, signal.SIG_IGN)
child = "import signal; signal.signal(signal.SIGTERM, signal.SIG_IGN); signal.pause()"
subprocess.Popen([sys.executable, "-c", child], start_new_session=True)  # as a kernel: its own session
print("ready", flush=True)
signal.pause()  # deaf to SIGTERM: only a kill ends it
"""


def test_the_stop_kills_a_server_that_ignores_sigterm_and_its_kernels_in_other_sessions(tmp_path):
    from toolkit.apps import _procs

    mark = f"test-{os.getpid()}-{time.monotonic_ns()}"
    env = {**os.environ, _procs.MARK_ENV: mark}
    proc = subprocess.Popen(
        [sys.executable, "-c", _STUBBORN], env=env, stdout=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        assert proc.stdout.readline().strip() == "ready"
        until(lambda: len(_procs.marked(mark)) == 2, "the server and its kernel", STARTUP_S)
        _procs.stop(proc, mark, grace=0.2)
        assert proc.returncode == -signal.SIGKILL
        until(lambda: not _procs.marked(mark), "every marked process gone", STOP_S)
    finally:
        for pid in _procs.marked(mark):
            os.kill(pid, signal.SIGKILL)
        if proc.poll() is None:
            proc.kill()
        proc.stdout.close()
        proc.wait()
