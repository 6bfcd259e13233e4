"""JupyterHub for a consultancy: the toolkit's apps behind the hub's login, one server per person.

    jupyterhub -f deploy/jupyterhub/jupyterhub_config.py      (docs/hub.md: what, why, measured)

Tested by tests/hub/test_hub.py on loopback, exactly as written here (the test sets only the
CRM_HUB_* variables below). What it sets up:

- JupyterHub with configurable-http-proxy (npm; `npm ci --prefix deploy/jupyterhub`) in front,
  listening on loopback unless CRM_HUB_BIND_URL says otherwise (put TLS in front: docs/hub.md);
- NativeAuthenticator: people sign up at /hub/signup, an admin approves them at /hub/authorize
  (the admin's own sign-up is approved at once: sign it up before anyone else can reach the hub);
  passwords stored as bcrypt hashes in the hub's database, logins throttled after failures;
- each person's server is `crm-toolkit app --hub`: the landing page at /user/NAME/, the apps in
  Voila (the scorecard's kernel started ahead: CRM_HUB_WARM), every page behind the hub's login and
  NAME's access scope, except a live-workshop participant's ballot, whose link token is its key;
- whose engagements (JupyterHub groups, from the CRM_HUB_TEAMS file, see teams.example.yaml):
  a consultant's own folder DATA/home/NAME/engagements (the demo in it at first), plus the
  shared folder DATA/teams/TEAM/ of every team they are in (the toolkit's locks keep two people's
  saves apart); an executive gets a read-only copy of one engagement, made again at every start
  of their server, and a server that offers the scorecard and its report and saves nothing;
- idle servers stopped after CRM_HUB_CULL_IDLE seconds (default 3600) by jupyterhub-idle-culler,
  run by the hub as a service; 0 turns it off (the test: the culler slows the hub's stop to 30 s).

Every server runs as the hub's own Unix user (SimpleLocalProcessSpawner): acceptable here only
because a person reaches nothing but the toolkit's pages (no terminal, no file API, no code sent
to a kernel). docs/hub.md says what to change for isolation (SystemdSpawner, Kubernetes).
"""

# ruff: noqa: F821 - `c` is JupyterHub's config object, given to this file when it runs

from __future__ import annotations

import os
import shutil
import stat
import sys
from pathlib import Path

import nativeauthenticator
import yaml
from nativeauthenticator import handlers as native_handlers

HERE = Path(__file__).resolve().parent
#: everything the hub keeps: its database, cookie secret, people's engagement folders
DATA = Path(os.environ.get("CRM_HUB_DATA", "/srv/crm-toolkit")).resolve()
BIN = Path(sys.executable).parent  # the hub's Python environment, which has the toolkit
DATA.mkdir(mode=0o700, parents=True, exist_ok=True)

# --- the hub and its proxy --------------------------------------------------------------------

c.JupyterHub.bind_url = os.environ.get("CRM_HUB_BIND_URL", "http://127.0.0.1:8000")
c.JupyterHub.hub_bind_url = os.environ.get("CRM_HUB_INTERNAL_URL", "http://127.0.0.1:8081")
c.ConfigurableHTTPProxy.api_url = os.environ.get("CRM_HUB_PROXY_API_URL", "http://127.0.0.1:8001")
_chp = HERE / "node_modules" / ".bin" / "configurable-http-proxy"
c.ConfigurableHTTPProxy.command = [str(_chp) if _chp.exists() else "configurable-http-proxy"]
c.ConfigurableHTTPProxy.pid_file = str(DATA / "jupyterhub-proxy.pid")
c.JupyterHub.db_url = f"sqlite:///{DATA / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(DATA / "jupyterhub_cookie_secret")
c.JupyterHub.cleanup_servers = True  # the hub's stop stops every server (and their kernels)
c.JupyterHub.implicit_spawn_seconds = 1  # a link to one's page starts one's server (after a cull, say)

# --- who logs in --------------------------------------------------------------------------------

c.JupyterHub.authenticator_class = "native"
c.JupyterHub.template_paths = [str(Path(nativeauthenticator.__file__).parent / "templates")]
c.Authenticator.admin_users = {os.environ.get("CRM_HUB_ADMIN", "admin")}
c.Authenticator.allow_all = True  # anyone the admin approved (NativeAuthenticator refuses the rest)
c.NativeAuthenticator.open_signup = False
c.NativeAuthenticator.minimum_password_length = 10
c.NativeAuthenticator.check_common_password = True
c.NativeAuthenticator.allowed_failed_logins = 5
c.NativeAuthenticator.seconds_before_next_try = 300


class _NoStatsd:
    """NativeAuthenticator 1.3.0 times logins with `self.statsd`, which JupyterHub 6 removed: without
    this a login answers 500 (docs/hub.md)."""

    def timer(self, *args, **kwargs):
        return self

    def start(self):
        return self

    def stop(self, *args, **kwargs):
        pass


if not hasattr(native_handlers.LoginHandler, "statsd"):
    native_handlers.LoginHandler.statsd = _NoStatsd()

# --- teams and executives, as JupyterHub groups ---------------------------------------------------

#: group properties the spawn reads: a team's shared folder, an executive's one engagement
TEAM, READS = "crm_team", "crm_read_only"


def _groups(path: str | None) -> dict:
    """The CRM_HUB_TEAMS file (teams.example.yaml) as JupyterHub groups: `team-T` for each team,
    `executive-NAME` for each executive (a group each: its property names their engagement)."""
    if not path:
        return {}
    spec = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    groups = {f"team-{t}": {"users": list(m), "properties": {TEAM: t}} for t, m in (spec.get("teams") or {}).items()}
    for person, engagement in (spec.get("executives") or {}).items():
        groups[f"executive-{person}"] = {"users": [person], "properties": {READS: engagement}}
    return groups


c.JupyterHub.load_groups = _groups(os.environ.get("CRM_HUB_TEAMS"))

# --- each person's server: crm-toolkit app --hub --------------------------------------------------

c.JupyterHub.spawner_class = "simple"  # every server as the hub's user: see the docstring
c.SimpleLocalProcessSpawner.home_dir_template = str(DATA / "home" / "{username}")
c.Spawner.cmd = [str(BIN / "crm-toolkit"), "app"]
c.Spawner.http_timeout = 120  # the server answers once Voila listens (a few seconds; more on a busy machine)
c.Spawner.start_timeout = 120
c.Spawner.environment = {"PYTHONUNBUFFERED": "1"}
#: the apps whose kernel each server starts ahead (docs/hub.md: one warm kernel a person, not three)
WARM = os.environ.get("CRM_HUB_WARM", "scorecard")


def _plain(name: str) -> str:
    if not name or name in (".", "..") or "/" in name or "\\" in name:
        raise ValueError(f"not a folder name: {name!r}")
    return name


def _read_only_copy(source: Path, target: Path) -> None:
    """`source` copied to `target` (its live-workshop files and locks left out), then every file
    and folder made read-only."""
    if target.exists():
        for p in (target, *target.rglob("*")):
            if not p.is_symlink():
                p.chmod(p.stat().st_mode | stat.S_IWUSR)
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(".live", ".*.lock", ".git"), symlinks=False)
    for p in sorted(target.rglob("*"), reverse=True) + [target]:
        p.chmod(p.stat().st_mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))


def prepare_server(spawner) -> None:
    """The folders and arguments of one person's server, from their groups, at each start."""
    from toolkit.model._profiles import demo_path

    name = _plain(spawner.user.name)
    properties = [group.properties or {} for group in spawner.user.groups]
    reads = [p[READS] for p in properties if p.get(READS)]
    if reads:  # an executive: one engagement, copied read-only, a server that changes nothing
        team, engagement = (_plain(part) for part in reads[0].split("/", 1))
        own = DATA / "readonly" / name
        own.mkdir(parents=True, exist_ok=True)
        _read_only_copy(DATA / "teams" / team / engagement, own / engagement)
        spawner.args = [str(own), "--read-only", "--warm", WARM, "--hub", "--no-browser"]
        return
    own = DATA / "home" / name / "engagements"
    if not own.exists():  # a consultant's first start: the demo to try things on
        own.mkdir(parents=True)
        shutil.copytree(demo_path(), own / demo_path().name)
    teams = []
    for team in sorted(p[TEAM] for p in properties if p.get(TEAM)):
        folder = DATA / "teams" / _plain(team)
        folder.mkdir(parents=True, exist_ok=True)
        teams += ["--team", str(folder)]
    spawner.args = [str(own), *teams, "--warm", WARM, "--hub", "--no-browser"]


c.Spawner.pre_spawn_hook = prepare_server

# --- idle servers stopped ---------------------------------------------------------------------------

_idle = int(os.environ.get("CRM_HUB_CULL_IDLE", "3600"))
if _idle > 0:
    c.JupyterHub.services = [
        {
            "name": "idle-culler",
            "command": [sys.executable, "-m", "jupyterhub_idle_culler", f"--timeout={_idle}", "--cull-every=300"],
        }
    ]
    c.JupyterHub.load_roles = [
        {
            "name": "idle-culler",
            "services": ["idle-culler"],
            "scopes": ["list:users", "read:users:activity", "read:servers", "delete:servers"],
        }
    ]
