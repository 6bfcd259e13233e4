"""JupyterHub as deploy/jupyterhub/jupyterhub_config.py sets it up, brought up on loopback over a
temporary data folder, for the hub test (tests/hub/test_hub.py) and the benchmark through the hub
(benchmarks/_hub.py).

`Hub(folder, teams).start()` runs `jupyterhub -f deploy/jupyterhub/jupyterhub_config.py` in a
session of its own with free loopback ports, the idle culler off (it slows the stop to 30 s) and
the teams file written from `teams`; people sign up and log in through the hub's own pages, an
admin approves them; `stop()` ends the hub with SIGTERM and returns whatever is still running of
what it started (the proxy, the people's servers, their kernels).
"""

from __future__ import annotations

import importlib.util
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import yaml

from tests.conftest import until
from toolkit.apps._serve import free_port

ROOT = Path(__file__).resolve().parents[2]
HUB_DIR = ROOT / "deploy" / "jupyterhub"
CONFIG = HUB_DIR / "jupyterhub_config.py"
PROXY = HUB_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
JUPYTERHUB = Path(sys.executable).parent / "jupyterhub"
ADMIN = "admin"
#: the hub's answer to a person's first page can take a spawn; a slow, busy machine takes longer
START_S = 120.0


def missing() -> str | None:
    """Why the hub cannot be brought up here, or None."""
    for module, fix in (
        ("jupyterhub", "pip install -e .[hub]"),
        ("nativeauthenticator", "pip install -e .[hub]"),
        ("requests", "pip install -e .[hub]"),
    ):
        if importlib.util.find_spec(module) is None:
            return f"{module} is not installed ({fix}; python3 dev.py test does it)"
    if not JUPYTERHUB.exists():
        return f"{JUPYTERHUB} is missing (pip install -e .[hub])"
    if shutil.which("node") is None:
        return "node is not installed (apt-get install nodejs npm; .ci/run does it)"
    if not PROXY.exists():
        return "configurable-http-proxy is not installed (npm ci --prefix deploy/jupyterhub; dev.py does it)"
    return None


class Hub:
    """One JupyterHub over `folder` (its data: database, people's folders), teams from `teams`."""

    def __init__(self, folder: Path, teams: dict) -> None:
        self.folder = folder
        self.data = folder / "data"
        self.teams = teams
        self.password = "pw-" + secrets.token_urlsafe(12)  # made per run: no secret in the repository
        self.proc: subprocess.Popen | None = None
        self.url = ""
        self.log = folder / "hub.log"

    # --- the hub ------------------------------------------------------------------------------

    def start(self) -> Hub:
        self.data.mkdir(parents=True, exist_ok=True)
        teams = self.folder / "teams.yaml"
        teams.write_text(yaml.safe_dump(self.teams), encoding="utf-8")
        public, internal, api = free_port(), free_port(), free_port()
        self.url = f"http://127.0.0.1:{public}"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTERHUB_", "CRM_"))}
        env.update(
            CRM_HUB_DATA=str(self.data),
            CRM_HUB_TEAMS=str(teams),
            CRM_HUB_CULL_IDLE="0",
            CRM_HUB_ADMIN=ADMIN,
            CRM_HUB_BIND_URL=self.url,
            CRM_HUB_INTERNAL_URL=f"http://127.0.0.1:{internal}",
            CRM_HUB_PROXY_API_URL=f"http://127.0.0.1:{api}",
        )
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [str(JUPYTERHUB), "-f", str(CONFIG)],
                cwd=self.data,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        # the proxy answers 404 before the hub behind it listens: wait for the hub's own 200
        until(lambda: self._up() or self.proc.poll() is not None, "the hub answering", START_S)
        if self.proc.poll() is not None:
            raise AssertionError(f"the hub exited with {self.proc.returncode}:\n{self.log_tail()}")
        return self

    def _up(self) -> bool:
        import requests

        try:
            return requests.get(self.url + "/hub/api", timeout=5).status_code == 200
        except requests.RequestException:
            return False

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def descendants(self) -> list:
        """The hub's processes now: the proxy, people's servers, their Voila and its kernels."""
        import psutil

        if self.proc is None or self.proc.poll() is not None:
            return []
        try:
            return psutil.Process(self.proc.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []

    def left_behind(self, started: list) -> list[str]:
        """What is still running of `started`, or of anything that names this hub's data folder in
        its command line or environment (a kernel carries its server's engagements roots)."""
        import psutil

        def live(process) -> bool:
            try:
                return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
            except psutil.Error:
                return False

        alive = [p for p in started if live(p)]
        needle = str(self.data).encode()
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) == os.getpid():
                continue
            try:
                if needle in (entry / "cmdline").read_bytes() or needle in (entry / "environ").read_bytes():
                    process = psutil.Process(int(entry.name))
                    if live(process) and process not in alive:
                        alive.append(process)
            except (OSError, psutil.Error):
                continue
        shown = []
        for process in alive:
            try:
                shown.append(f"{process.pid} {' '.join(process.cmdline())[:160]}")
            except psutil.Error:
                continue  # gone meanwhile
        return shown

    def stop(self, timeout: float = 90) -> float:
        """SIGTERM to the hub, which stops every server and the proxy; the seconds it took. Whatever
        outlives `timeout` is killed (the caller asserts on `left_behind` first)."""
        if self.proc is None or self.proc.poll() is not None:
            return 0.0
        start = time.monotonic()
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        return time.monotonic() - start

    # --- people -------------------------------------------------------------------------------

    def session(self):
        import requests

        return requests.Session()

    def signup(self, name: str) -> None:
        s = self.session()
        s.get(self.url + "/hub/signup", timeout=30)
        form = {
            "username": name,
            "signup_password": self.password,
            "signup_password_confirmation": self.password,
            "_xsrf": s.cookies.get("_xsrf"),
        }
        page = s.post(self.url + "/hub/signup", data=form, timeout=30)
        assert page.status_code == 200 and 'class="alert alert-danger"' not in page.text, page.text[-3000:]

    def login(self, name: str):
        """A requests session logged in to the hub as `name`."""
        s = self.session()
        s.get(self.url + "/hub/login", timeout=30)
        form = {"username": name, "password": self.password, "_xsrf": s.cookies.get("_xsrf")}
        answer = s.post(self.url + "/hub/login", data=form, allow_redirects=False, timeout=30)
        assert answer.status_code == 302, f"{name} not logged in: {answer.status_code} {answer.text[-500:]}"
        return s

    def approve(self, admin, name: str) -> None:
        """The admin approves `name`'s sign-up (NativeAuthenticator's /hub/authorize/NAME toggles it)."""
        admin.get(f"{self.url}/hub/authorize/{name}", timeout=30).raise_for_status()

    def people(self, *names: str) -> dict:
        """The admin and `names` signed up and approved; {name: logged-in session}."""
        self.signup(ADMIN)
        for name in names:
            self.signup(name)
        admin = self.login(ADMIN)
        for name in names:
            self.approve(admin, name)
        return {name: self.login(name) for name in names}

    def spawn(self, session, name: str) -> None:
        """Ask for `name`'s server (the hub starts it in the background)."""
        session.get(f"{self.url}/hub/spawn", timeout=30, allow_redirects=False)

    def landing(self, session, name: str, query: str = "") -> str:
        """`name`'s landing page, once their server is up (the hub's login and OAuth followed)."""
        found: list[str] = []

        def up() -> bool:
            page = session.get(f"{self.url}/user/{name}/{query}", timeout=30)
            found[:] = [page.text]
            return page.status_code == 200 and 'class="crm-page"' in page.text

        until(up, f"{name}'s landing page through the hub", START_S)
        return found[0]


def options(page: str) -> list[str]:
    """The engagements a landing page offers."""
    return re.findall(r'<option value="([^"]+)"', page)


def cards(page: str) -> list[str]:
    """The apps a landing page links."""
    return re.findall(r'class="crm-card crm-card-(\w+)"', page)
