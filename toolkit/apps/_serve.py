"""Serving the apps with Voila: only the toolkit's notebooks, on loopback by default, with the
engagements folder chosen on the server side (never from the browser)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..files._data import bundled
from ..files._problems import ToolkitError
from ..model._profiles import demo_path
from ._shell import CHECK_ENV, DEFAULT_ENV, ROOT_ENV

NOTEBOOKS = ("index", "workshop", "scorecard", "tracker")


def notebooks_dir() -> Path:
    """The app notebooks: the checkout's notebooks/, or the copy inside an installed wheel."""
    candidate = bundled("notebooks")
    if (candidate / "index.ipynb").is_file():
        return candidate
    raise FileNotFoundError("the app notebooks are missing from this installation")


def user_engagements_dir() -> Path:
    """Where `crm-toolkit app` without a folder keeps its copy of the demo."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "crm-toolkit" / "engagements"


def demo_engagement() -> tuple[Path, bool]:
    """A writable copy of the demo engagement (the bundled one is never written); True if new."""
    target = user_engagements_dir() / demo_path().name
    if target.is_dir():
        return target, False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(demo_path(), target)
    return target, True


def voila_command(port: int, host: str, *, preheat: bool = True) -> list[str]:
    """Voila on the notebooks folder only, tracebacks never sent to the browser."""
    args = [
        sys.executable,
        "-m",
        "voila",
        str(notebooks_dir()),
        "--no-browser",
        f"--port={port}",
        f"--Voila.ip={host}",
        "--show_tracebacks=False",
        # patterns nothing matches: no file is served (two items: traitlets reads one as a literal)
        "--VoilaConfiguration.file_allowlist",
        "(?!)",
        "--VoilaConfiguration.file_allowlist",
        "(?!.)",
    ]
    if preheat:
        args += ["--preheat_kernel=True", "--pool_size=1", "--VoilaKernelManager.fill_delay=0"]
    return args


def voila_env(root: Path, default: str | None) -> dict[str, str]:
    """The server's environment: the engagements root and the default engagement; the kernels
    run this Python (its folder first on PATH, as the kernelspec says `python`)."""
    env = {k: v for k, v in os.environ.items() if k not in (CHECK_ENV, DEFAULT_ENV)}
    env[ROOT_ENV] = str(root.resolve())
    if default:
        env[DEFAULT_ENV] = default
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    return env


def landing_url(host: str, port: int, engagement: str | None = None, lang: str = "en") -> str:
    query = f"?engagement={engagement}&lang={lang}" if engagement else f"?lang={lang}"
    return f"http://{host}:{port}/voila/render/index.ipynb{query}"


#: in a page: every widget rendered, the kernel idle, a toolkit page on screen (tests, benchmarks)
READY_JS = """() => {
  const wm = window.jupyterapp && window.jupyterapp.widgetManager;
  return !!wm && wm.restoredStatus && !document.getElementById('loading')
    && wm.kernel && wm.kernel.status === 'idle'
    && ![...document.querySelectorAll('.jp-OutputArea-output')]
         .some(e => /Loading widget|Error displaying widget/.test(e.textContent))
    && document.querySelector('.crm-page') !== null;
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(
    root: Path, default: str | None, *, port: int | None = None, host: str = "127.0.0.1", log=None, timeout: float = 90
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Voila serving the apps over `root` until the block ends: yields (base URL, process)."""
    port = port or free_port()
    out = log if log is not None else subprocess.DEVNULL
    proc = subprocess.Popen(voila_command(port, host), env=voila_env(root, default), stdout=out, stderr=out)
    base = f"http://{host}:{port}"
    try:
        start = time.monotonic()
        while True:
            try:
                with urllib.request.urlopen(base + "/", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() - start > timeout:
                    raise ToolkitError(f"Voila did not start on {host}:{port} (is the port in use?)") from None
                time.sleep(0.3)
        yield base, proc
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
