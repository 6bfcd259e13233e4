"""The apps' server: Voila's own standalone app, with the landing page at `/` and a bounded stop.

`python -m toolkit.apps._voila NOTEBOOKS [voila options]` runs it; toolkit.apps._serve builds the
command (the notebooks folder only, no file served, no traceback sent, loopback). Standalone
Voila takes extra routes only from a subclass's `init_handlers()`; they are put first, because
in directory mode Voila answers `/` with its list of notebooks.

What it adds to Voila:

- `/` answers with the landing page (toolkit.apps._landing explains why it has no kernel), and
  `/voila/render/index.ipynb`, the landing notebook of earlier versions, redirects there with
  its query string;
- stopping kills the kernels at once, within a bound (Voila asks each kernel to shut down and
  waits up to 5 s for it, and a preheated kernel waiting for its request does not answer);
- SIGHUP stops it as SIGTERM does, and so does the end of the process that started it (the
  `crm-toolkit app` command killed outright): it never outlives its command;
- the identity provider's own routes under the server's base URL (Voila registers them at `/`):
  on a hub (`crm-toolkit app --hub`) the provider is JupyterHub's, whose OAuth callback must be
  reached under `/user/NAME/`;
- read-only (`crm-toolkit app --read-only`, an executive's server): the landing page offers the
  scorecard only, the other apps answer 403, nothing is folded into the engagements.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import signal

from jupyter_core.utils import run_sync
from jupyter_server.base.handlers import JupyterHandler
from jupyter_server.utils import url_path_join
from tornado import web
from tornado.ioloop import IOLoop, PeriodicCallback
from voila.app import Voila

from ._landing import APPS, landing_html
from ._live_room import ROOMS
from ._live_server import live_handlers
from ._procs import PARENT_ENV
from ._shell import engagements_roots, read_only

#: the apps a read-only server offers: the scorecard shows its report to download
READ_ONLY_APPS = ("scorecard",)

#: seconds the kernels get to be killed and cleaned up when the server stops
KERNELS_STOP_S = 2.0


class LandingHandler(JupyterHandler):
    """The landing page; the same login as Voila's own pages when a token is set."""

    @web.authenticated
    def get(self) -> None:
        params = {k: v[-1].decode("utf-8", "replace") for k, v in self.request.query_arguments.items() if v}
        self.set_header("Content-Type", "text/html; charset=UTF-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(landing_html(engagements_roots(), params, apps=READ_ONLY_APPS if read_only() else APPS))

    def write_error(self, status_code: int, **kwargs) -> None:
        # JupyterHandler's renders a template that needs `static_path`, absent in standalone Voila
        self.set_header("Content-Type", "text/plain; charset=UTF-8")
        self.finish(f"{status_code} {self._reason}\n")


class NotOffered(LandingHandler):
    """An app a read-only server does not offer (it would save): 403, login or not."""

    def get(self) -> None:
        raise web.HTTPError(403)


class LandingRedirect(web.RequestHandler):
    """The landing notebook's old address: to the landing page, query string kept."""

    def initialize(self, target: str) -> None:
        self.target = target

    def get(self) -> None:
        query = self.request.query
        self.redirect(self.target + (f"?{query}" if query else ""))


class AppsVoila(Voila):
    """Voila with the landing page at the root and a stop that never waits unbounded."""

    def init_handlers(self) -> list:
        root = url_path_join(self.server_url, "/")
        withheld = "|".join(app for app in APPS if app not in READ_ONLY_APPS) if read_only() else "(?!)"
        return [
            (root, LandingHandler),
            (url_path_join(self.server_url, "/voila/render/index.ipynb"), LandingRedirect, {"target": root}),
            (url_path_join(self.server_url, rf"/voila/render/(?:{withheld})\.ipynb"), NotOffered),
            *live_handlers(self.server_url),
            *[(url_path_join(self.server_url, path), *rest) for path, *rest in self.identity_provider.get_handlers()],
            *super().init_handlers(),
        ]

    def start(self) -> None:
        if not read_only():
            ROOMS.fold_pending(engagements_roots())  # votes a killed server left in a journal
        self._parent = int(os.environ.get(PARENT_ENV) or os.getppid())
        signal.signal(signal.SIGHUP, self._handle_signal_stop)
        PeriodicCallback(self._stop_if_orphaned, 1000).start()
        super().start()

    def _handle_signal_stop(self, sig, frame) -> None:
        # Voila's own needs `self.ioloop`, set only once it listens; the current loop is the same one
        # and a stop queued before it runs still ends it
        loop = IOLoop.current()
        loop.add_callback(loop.stop)

    def _stop_if_orphaned(self) -> None:
        if os.getppid() != self._parent:
            self.log.info("the process that started the server is gone: stopping")
            IOLoop.current().stop()

    def stop(self) -> None:
        shutil.rmtree(self.connection_dir, ignore_errors=True)
        if not read_only():
            ROOMS.fold_pending(engagements_roots())  # the live workshop's votes into requirements.yaml

        async def kill_kernels() -> None:
            await asyncio.wait_for(self.kernel_manager.shutdown_all(now=True), KERNELS_STOP_S)

        try:
            run_sync(kill_kernels)()
        except Exception as error:  # noqa: BLE001 - stopping anyway; the caller kills what is left
            self.log.warning("kernels not all stopped: %s", type(error).__name__)


def main() -> None:
    AppsVoila.launch_instance()


if __name__ == "__main__":
    main()
