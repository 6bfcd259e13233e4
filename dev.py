#!/usr/bin/env python3
"""The two set-up commands of the README, for a fresh machine with only Python 3.11+.

    python3 dev.py demo    install what is needed, then serve the apps on the demo engagement
    python3 dev.py test    install what is needed, then run the whole test suite

Both create `.venv/` beside this file and install the toolkit into it (editable, with the test
and hub extras), and configurable-http-proxy from npm into deploy/jupyterhub/ where npm is
installed (the JupyterHub test skips without it, except in CI). The install is skipped when
pyproject.toml has not changed since the last one, so the second run starts at once. Any further
arguments go to the command (`dev.py test -k grading`).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".crm-toolkit-installed"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _fingerprint() -> str:
    return hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()


def ensure_installed() -> None:
    if sys.version_info[:2] < (3, 11):  # noqa: UP036 - dev.py runs before anything is installed
        sys.exit(f"Python 3.11 or newer is needed (this is {sys.version.split()[0]})")
    if not PYTHON.exists():
        print("creating .venv ...", file=sys.stderr)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if STAMP.exists() and STAMP.read_text().strip() == _fingerprint():
        return
    print("installing the toolkit and its dependencies into .venv ...", file=sys.stderr)
    pip = [str(PYTHON), "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "install", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "-e", f"{ROOT}[test,hub]"], check=True)
    STAMP.write_text(_fingerprint())


def ensure_proxy() -> None:
    """configurable-http-proxy (JupyterHub's proxy, an npm package) at the version the lock file
    pins, into deploy/jupyterhub/node_modules, when npm is here and it is not installed yet."""
    hub = ROOT / "deploy" / "jupyterhub"
    npm = shutil.which("npm")
    if npm is None or (hub / "node_modules" / ".bin" / "configurable-http-proxy").exists():
        return
    print("installing configurable-http-proxy (npm) into deploy/jupyterhub ...", file=sys.stderr)
    done = subprocess.run([npm, "ci", "--prefix", str(hub), "--no-audit", "--no-fund", "--loglevel=error"])
    if done.returncode != 0:  # the rest of the suite runs; the hub test says what is missing
        print("npm could not install configurable-http-proxy: the JupyterHub test will say so", file=sys.stderr)


def run(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("", [])
    if command not in ("demo", "test"):
        print(__doc__, file=sys.stderr)
        return 2
    ensure_installed()
    ensure_proxy()
    if command == "test":
        args = [str(PYTHON), "-m", "pytest", *rest]
    else:
        args = [str(BIN / "crm-toolkit"), "app", *rest]
    return subprocess.run(args, cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
