"""`crm-toolkit app [DIR]`: serve the three apps and the landing page with Voila."""

from __future__ import annotations

import sys
from pathlib import Path

from ._common import EXIT_OK, EXIT_PROBLEMS, add_lang


def cmd_app(args) -> int:
    from ..apps._procs import stop_on_signals
    from ..apps._serve import (
        NOTEBOOKS,
        ServeError,
        demo_engagement,
        hub_address,
        is_loopback,
        landing_url,
        network_address,
        serving,
    )
    from ..files._i18n import label
    from ..files._problems import ToolkitError
    from ..model._engagement import is_engagement_dir

    lang = args.lang
    if args.dir is None:
        folder, copied = demo_engagement()
        if copied:
            print(label("app_demo_copied", lang, path=folder), file=sys.stderr)
        root, default = folder.parent, folder.name
    else:
        folder = Path(args.dir).resolve()
        if not folder.is_dir():
            raise ToolkitError(f"{args.dir}: not a folder: give an engagement folder or a folder of engagements")
        if is_engagement_dir(folder):
            root, default = folder.parent, folder.name
        else:
            root, default = folder, None
    warm = [] if args.warm == "none" else [app.strip() for app in args.warm.split(",") if app.strip()]
    unknown = [app for app in warm if app not in NOTEBOOKS]
    if unknown:
        raise ToolkitError(label("app_unknown_warm", lang, given=args.warm, app=unknown[0], apps=",".join(NOTEBOOKS)))
    teams = [Path(team).resolve() for team in args.team]
    for team in teams:
        if not team.is_dir():
            raise ToolkitError(label("app_team_not_folder", lang, path=team))
    try:
        hub_prefix = None
        if args.hub:  # spawned by JupyterHub: its address, its login
            args.host, args.port, hub_prefix = hub_address(lang)
        host = network_address(lang) if args.share and is_loopback(args.host) else args.host
        token = public_url = None
        # reached from beyond (a hub has its own login): every page but a ballot needs the login token
        if not hub_prefix and (not is_loopback(host) or args.public_url):
            import secrets

            token = secrets.token_urlsafe(32)
            public_url = (args.public_url or f"http://{host}:{args.port}").rstrip("/")
        url = landing_url(host, args.port, default, lang, prefix=hub_prefix or "/")
        # SIGTERM (a service manager), SIGHUP (a closed terminal) and JupyterHub's SIGINT stop it
        # as Ctrl-C does: the server, its kernels and its temporary folder gone within a few seconds
        server = serving(
            [root, *teams],
            default,
            port=args.port,
            host=host,
            log=sys.stderr,
            lang=lang,
            token=token,
            public_url=public_url,
            hub_prefix=hub_prefix,
            read_only=args.read_only,
            warm=warm,
        )
        with stop_on_signals(), server as (_, proc):
            print(label("app_serving", lang, url=url, root=root), file=sys.stderr)
            if token:
                url = f"{public_url}/?token={token}&lang={lang}" + (f"&engagement={default}" if default else "")
                print(label("app_sharing", lang, url=url), file=sys.stderr)
            if not args.no_browser and not hub_prefix:
                import webbrowser

                webbrowser.open(url)
            code = proc.wait()
        print(f"crm-toolkit: error: {label('app_server_exited', lang, code=code)}", file=sys.stderr)
        return EXIT_PROBLEMS
    except ServeError as e:
        print(f"crm-toolkit: error: {e}", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return EXIT_OK


def register(sub) -> None:

    p = sub.add_parser(
        "app",
        help="serve the workshop, scorecard and rollout apps in the browser (Voila)",
        description="Serve the requirements workshop, the executive scorecard and the rollout tracker with "
        "Voila, and open the landing page that links them. DIR is an engagement folder (its siblings with an "
        "engagement.yaml can be chosen too) or a folder of engagements; without DIR, a copy of the demo "
        "engagement. Listens on loopback unless --share or --host says otherwise; beyond loopback every page but "
        "a participant's ballot needs the login link printed at start. See the README to serve a team.",
    )
    p.add_argument("dir", metavar="DIR", nargs="?")
    p.add_argument("--port", type=int, default=8866)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument(
        "--share",
        action="store_true",
        help="serve the live workshop on this machine's network address: participants vote from their phones "
        "through their links; every other page needs the login link printed at start",
    )
    p.add_argument(
        "--public-url",
        metavar="URL",
        help="the address participants reach the server at, when a TLS reverse proxy stands in front "
        "(e.g. https://workshop.example.com); see the README",
    )
    p.add_argument(
        "--team",
        metavar="DIR",
        action="append",
        default=[],
        help="a shared folder of engagements (a team's), listed beside DIR's; repeatable",
    )
    p.add_argument(
        "--read-only",
        action="store_true",
        help="show the scorecard and its report only, with no save and no live workshop (an executive's server)",
    )
    p.add_argument(
        "--warm",
        metavar="APPS",
        default="workshop,scorecard,tracker",
        help="the apps whose kernel is started ahead, so that they open at once (comma-separated, or none; "
        "default: all three). A warm kernel holds memory while nobody uses it",
    )
    p.add_argument(
        "--hub",
        action="store_true",
        help="started by JupyterHub (deploy/jupyterhub/): listen where the hub says, every page but a "
        "participant's ballot behind the hub's login",
    )
    p.add_argument("--no-browser", action="store_true", help="do not open a browser")
    add_lang(p)
    p.set_defaults(func=cmd_app)
