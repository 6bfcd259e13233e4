"""Serving the apps with Voila: only the toolkit's notebooks, on loopback by default, with the
engagements folder chosen on the server side (never from the browser)."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from .._profiles import demo_path
from ._shell import CHECK_ENV, DEFAULT_ENV, ROOT_ENV

NOTEBOOKS = ("index", "workshop", "scorecard", "tracker")


def notebooks_dir() -> Path:
    """The app notebooks: the checkout's notebooks/, or the copy inside an installed wheel."""
    here = Path(__file__).resolve().parents[1]
    for candidate in (here.parent / "notebooks", here / "notebooks"):
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
        "--VoilaConfiguration.file_allowlist=[]",
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
