"""Serving the apps with Voila: only the toolkit's notebooks, on loopback by default, with the
engagements folder chosen on the server side (never from the browser); the landing page at `/`.

The server is toolkit.apps._voila (Voila with the landing page), run in a session of its own with
a private temporary folder (TMPDIR: Voila's kernel connection files and anything its kernels put
in the temporary folder) that is removed when it stops; toolkit.apps._procs stops it within a
bound, kernels included.
"""

from __future__ import annotations

import errno
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from ..files._data import bundled, user_data_dir
from ..files._i18n import label
from ..files._problems import ToolkitError
from ..model._profiles import demo_path
from . import _procs
from ._shell import CHECK_ENV, DEFAULT_ENV, PUBLIC_URL_ENV, READ_ONLY_ENV, ROOT_ENV

NOTEBOOKS = ("workshop", "scorecard", "tracker")


class ServeError(ToolkitError):
    """The server cannot start: the port is taken, the address is wrong, Voila failed."""


def notebooks_dir() -> Path:
    """The app notebooks: the checkout's notebooks/, or the copy inside an installed wheel."""
    candidate = bundled("notebooks")
    if all((candidate / f"{name}.ipynb").is_file() for name in NOTEBOOKS):
        return candidate
    raise FileNotFoundError("the app notebooks are missing from this installation")


def user_engagements_dir() -> Path:
    """Where `crm-toolkit app` without a folder keeps its copy of the demo."""
    return user_data_dir() / "engagements"


def demo_engagement() -> tuple[Path, bool]:
    """A writable copy of the demo engagement (the bundled one is never written); True if new."""
    target = user_engagements_dir() / demo_path().name
    if target.is_dir():
        return target, False
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(demo_path(), target)
    return target, True


#: the identity provider of a server spawned by JupyterHub: the hub's login (OAuth), its scopes
HUB_IDENTITY = "jupyterhub.singleuser.extension.JupyterHubIdentityProvider"


def voila_command(
    port: int,
    host: str,
    *,
    preheat: bool = True,
    notebooks: Path | None = None,
    token: bool = False,
    hub_prefix: str | None = None,
    read_only: bool = False,
    warm: Sequence[str] = NOTEBOOKS,
) -> list[str]:
    """The apps' Voila on the notebooks folder only, tracebacks never sent to the browser, on this
    port or not at all (Voila would otherwise try the next ports). `token`: every page but a
    participant's ballot needs the login token, read from JUPYTER_TOKEN (never on the command
    line, where `ps` shows it). `hub_prefix`: spawned by JupyterHub, under its `/user/NAME/`,
    every page but a participant's ballot needs the hub's login and its access to this server.
    `warm`: the apps whose kernel is started ahead of the request, by default all three (a read-only
    server's are the scorecard's at most: it offers no other)."""
    args = [
        sys.executable,
        "-m",
        "toolkit.apps._voila",
        str(notebooks or notebooks_dir()),
        "--no-browser",
        f"--port={port}",
        f"--Voila.ip={host}",
        "--Voila.port_retries=0",
        "--show_tracebacks=False",
        # patterns nothing matches: no file is served (two items: traitlets reads one as a literal)
        "--VoilaConfiguration.file_allowlist",
        "(?!)",
        "--VoilaConfiguration.file_allowlist",
        "(?!.)",
    ]
    if token:
        args.append("--token")
    if hub_prefix:
        args += [f"--Voila.base_url={hub_prefix}", f"--Voila.identity_provider_class={HUB_IDENTITY}"]
    warm = [name for name in NOTEBOOKS if name in warm and (name == "scorecard" or not read_only)]
    if preheat and warm:
        args += ["--preheat_kernel=True", "--pool_size=1", "--VoilaKernelManager.fill_delay=0"]
        args += [f"--VoilaKernelManager.preheat_denylist={name}.ipynb" for name in NOTEBOOKS if name not in warm]
    return args


def voila_env(
    root: Path | Sequence[Path],
    default: str | None,
    *,
    tmp: Path | None = None,
    mark: str | None = None,
    token: str | None = None,
    public_url: str | None = None,
    read_only: bool = False,
) -> dict[str, str]:
    """The server's environment: the engagements root (or roots: the consultant's own first, then
    shared ones) and the default engagement; the kernels run this Python (its folder first on
    PATH, as the kernelspec says `python`). `tmp` becomes the temporary folder of the server and
    its kernels; `mark` marks their processes; `token` the login token; `public_url` the address
    participants' links name; `read_only` a server that changes nothing."""
    dropped = {
        CHECK_ENV,
        DEFAULT_ENV,
        _procs.MARK_ENV,
        _procs.PARENT_ENV,
        "JUPYTER_TOKEN",
        PUBLIC_URL_ENV,
        READ_ONLY_ENV,
    }
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    if token:
        env["JUPYTER_TOKEN"] = token
    if public_url:
        env[PUBLIC_URL_ENV] = public_url
    if read_only:
        env[READ_ONLY_ENV] = "1"
    roots = [root] if isinstance(root, Path) else list(root)
    env[ROOT_ENV] = os.pathsep.join(str(r.resolve()) for r in roots)
    if default:
        env[DEFAULT_ENV] = default
    env["PATH"] = os.path.dirname(sys.executable) + os.pathsep + env.get("PATH", "")
    if tmp is not None:
        env["TMPDIR"] = str(tmp)
    if mark is not None:
        env[_procs.MARK_ENV] = mark
        env[_procs.PARENT_ENV] = str(os.getpid())
    return env


def landing_url(host: str, port: int, engagement: str | None = None, lang: str = "en", *, prefix: str = "/") -> str:
    query = urlencode({"engagement": engagement, "lang": lang} if engagement else {"lang": lang})
    return f"http://{host}:{port}{prefix.rstrip('/')}/?{query}"


#: in a page: every widget rendered, the kernel idle, a toolkit page on screen (tests, benchmarks)
READY_JS = """() => {
  const wm = window.jupyterapp && window.jupyterapp.widgetManager;
  return !!wm && wm.restoredStatus && !document.getElementById('loading')
    && wm.kernel && wm.kernel.status === 'idle'
    && ![...document.querySelectorAll('.jp-OutputArea-output')]
         .some(e => /Loading widget|Error displaying widget/.test(e.textContent))
    && document.querySelector('.crm-page') !== null;
}"""

#: the landing page (plain HTML, no kernel): loaded, its links and picker on screen
LANDING_READY_JS = """() => document.readyState === 'complete'
  && document.querySelector('.crm-page .crm-header') !== null
  && (document.querySelector('.crm-cards a.crm-card') !== null
      || document.querySelector('.crm-message').textContent.trim() !== '')"""


def is_loopback(host: str) -> bool:
    """Whether `host` listens on this machine only (127.x, ::1, localhost)."""
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def network_address(lang: str = "en") -> str:
    """This machine's address on its network (the one its default route leaves from), for
    `--share`; no packet is sent. ServeError when the machine has no network."""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # TEST-NET-1: connect on UDP only picks the route
            address = s.getsockname()[0]
    except OSError:
        address = ""
    if not address or address.startswith("127.") or address == "0.0.0.0":
        raise ServeError(label("app_no_network", lang))
    return address


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def check_port(host: str, port: int, lang: str = "en") -> None:
    """Raise ServeError with one line when the server could not listen on host:port (binding as
    tornado does: SO_REUSEADDR, IPv6 only on IPv6 sockets, an unavailable ::1 skipped)."""
    try:
        infos = socket.getaddrinfo(host or None, port, socket.AF_UNSPEC, socket.SOCK_STREAM, 0, socket.AI_PASSIVE)
    except socket.gaierror as e:
        raise ServeError(label("app_cannot_listen", lang, host=host, port=port, reason=e.strerror)) from None
    for family, kind, proto, _, address in infos:
        with socket.socket(family, kind, proto) as s:
            if os.name != "nt":
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            try:
                s.bind(address)
            except OSError as e:
                if e.errno == errno.EADDRINUSE:
                    raise ServeError(label("app_port_in_use", lang, host=host, port=port)) from None
                if family == socket.AF_INET6 and e.errno == errno.EADDRNOTAVAIL:
                    continue
                reason = e.strerror or type(e).__name__
                raise ServeError(label("app_cannot_listen", lang, host=host, port=port, reason=reason)) from None


def hub_address(lang: str = "en") -> tuple[str, int, str]:
    """(host, port, base URL) that JupyterHub's spawner gives the server in its environment."""
    url, prefix = os.environ.get("JUPYTERHUB_SERVICE_URL"), os.environ.get("JUPYTERHUB_SERVICE_PREFIX")
    parts = urlsplit(url or "")
    if not prefix or not parts.hostname or not parts.port:
        raise ServeError(label("app_no_hub", lang))
    return parts.hostname, parts.port, prefix


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect (to a login) is an answer: the server is up


def _answers(url: str) -> bool:
    try:
        with urllib.request.build_opener(_NoRedirect).open(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


@contextmanager
def serving(
    root: Path | Sequence[Path],
    default: str | None,
    *,
    port: int | None = None,
    host: str = "127.0.0.1",
    log=None,
    timeout: float = 90,
    lang: str = "en",
    token: str | None = None,
    public_url: str | None = None,
    hub_prefix: str | None = None,
    read_only: bool = False,
    warm: Sequence[str] = NOTEBOOKS,
) -> Iterator[tuple[str, subprocess.Popen]]:
    """The apps served over `root` (or roots) until the block ends: yields (base URL, server
    process). `hub_prefix`: JupyterHub's `/user/NAME/` the server answers under, with the hub's
    login; `read_only`: nothing can be changed; `warm`: the apps whose kernel is started ahead.

    ServeError (one line) when the port is taken or the server does not answer within `timeout`.
    However the block ends (Ctrl-C, SIGTERM under `_procs.stop_on_signals`), the server, every
    kernel and the private temporary folder are gone within `_procs.GRACE_S` plus the time to kill.
    """
    port = port or free_port()
    check_port(host, port, lang)
    base = f"http://{host}:{port}" + (hub_prefix or "/").rstrip("/")
    mark = uuid.uuid4().hex
    with tempfile.TemporaryDirectory(prefix="crm-toolkit-", ignore_cleanup_errors=True) as tmp:
        proc = None
        try:
            command = voila_command(
                port, host, token=bool(token), hub_prefix=hub_prefix, read_only=read_only, warm=warm
            )
            env = voila_env(
                root, default, tmp=Path(tmp), mark=mark, token=token, public_url=public_url, read_only=read_only
            )
            proc = _procs.start(command, env, log)
            start = time.monotonic()
            while not _answers(base + "/"):
                if proc.poll() is not None or time.monotonic() - start > timeout:
                    raise ServeError(label("app_not_started", lang, host=host, port=port))
                time.sleep(0.1)
            yield base, proc
        finally:
            _procs.stop(proc, mark)
