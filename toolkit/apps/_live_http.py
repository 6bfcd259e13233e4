"""What the live workshop's routes share (toolkit.apps._live_server): the language, the room of
the engagement named in the path, the token, the body, and answers of one line.

Participants authenticate with their link's token only (`Authorization: Bearer`, or `?k=` for a
page), never with a cookie, so their requests need no XSRF check; everything else needs the
consultant's login, as every Voila page does. Every answer that is not a success is a 4xx with
one line: `{"error": "..."}`; nothing is written then.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any

from jupyter_server.base.handlers import APIHandler

from ..files._i18n import LANGS, label
from ..files._problems import ToolkitError
from ..requirements_matrix._live_session import ROOM, SPECTATOR, Session
from ._live_room import ROOMS, Room
from ._shell import read_only, resolve_engagement

BODY_LIMIT = 4096
PAGE_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'"
)


class Refused(Exception):
    """An answer other than success: the HTTP status and the catalog key of its one line."""

    def __init__(self, status: int, message: str, **fields: object) -> None:
        super().__init__(message)
        self.status, self.message, self.fields = status, message, fields


Method = Callable[..., Awaitable[None]]


def whole(value: object, low: int, high: int) -> bool:
    """A whole number (not a bool) from `low` to `high`."""
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def answers(method: Method) -> Method:
    """Run a handler method; a `Refused` becomes its status and one line of JSON."""

    @wraps(method)
    async def run(self: LiveHandler, *args: Any) -> None:
        try:
            await method(self, *args)
        except Refused as refused:
            self.set_status(refused.status)
            self.set_header("Cache-Control", "no-store")
            self.finish(json.dumps({"error": label(refused.message, self.lang, **refused.fields)}, ensure_ascii=False))

    return run


class LiveHandler(APIHandler):
    """What the live routes share: the language, the room, the body, the answer."""

    #: answered on a read-only server too (a route that reads no engagement and writes nothing)
    read_only_ok = False

    async def prepare(self) -> None:  # type: ignore[override]
        if read_only() and not self.read_only_ok:
            # an executive's server runs no workshop: its votes, joins and controls all write
            self.set_status(403)
            self.set_header("Cache-Control", "no-store")
            self.finish(json.dumps({"error": label("live_api_read_only", self.lang)}, ensure_ascii=False))
            return
        await super().prepare()

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        # tornado's own refusals (403 on XSRF, 405, 500): one line as well, never a traceback
        reason = self._reason if status_code != 500 else "internal error, see the server's log"
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"error": f"{status_code} {reason}"}))

    @property
    def lang(self) -> str:
        lang = self.get_query_argument("lang", "en")
        return lang if lang in LANGS else "en"

    def room(self, name: str) -> Room:
        try:
            folder = resolve_engagement(name, lang=self.lang)
        except (ToolkitError, OSError):
            raise Refused(404, "live_api_no_engagement") from None
        return ROOMS.get(name, folder)

    def session(self, room: Room) -> Session:
        if room.session is None:
            raise Refused(404, "live_api_no_session")
        return room.session

    def bearer(self) -> str:
        auth = self.request.headers.get("Authorization", "")
        if auth[:7].lower() == "bearer ":
            return auth[7:].strip()
        return self.get_query_argument("k", "")

    def holder(self, room: Room, *, link: str | None = None) -> tuple[str, str]:
        """(holder, link id) of the request's token: a stakeholder's by default, else the link
        named (ROOM, SPECTATOR); any other token is refused."""
        session = self.session(room)
        token = self.bearer()
        found = session.holder(token) if token else None
        if found is None:
            raise Refused(403, "live_api_bad_token")
        who, held = found
        shared = who in (ROOM, SPECTATOR)
        if (who != link) if link is not None else shared:
            raise Refused(403, "live_api_room_only" if who == ROOM else "live_api_bad_token")
        return who, held.id

    def body(self) -> dict[str, Any]:
        if len(self.request.body) > BODY_LIMIT:
            raise Refused(413, "live_api_too_big", limit=BODY_LIMIT)
        try:
            data = json.loads(self.request.body or b"null")
        except ValueError:
            data = None
        if not isinstance(data, dict):
            raise Refused(400, "live_api_not_json")
        return data

    def reply(self, data: dict[str, Any]) -> None:
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(data, ensure_ascii=False))


class ParticipantHandler(LiveHandler):
    """A participant's request: the token is its only credential, so no cookie and no XSRF."""

    def check_xsrf_cookie(self) -> None:
        return None


class LivePage(LiveHandler):
    """A page: HTML with its script inline, nothing else loaded."""

    @property
    def content_security_policy(self) -> str:
        return PAGE_CSP

    def page(self, html: str) -> None:
        self.set_header("Cache-Control", "no-store")
        self.set_header("Referrer-Policy", "no-referrer")  # the token in the address stays here
        self.finish(html, set_content_type="text/html; charset=UTF-8")  # APIHandler's default is JSON

    def refuse(self, refused: Refused) -> None:
        self.set_status(refused.status)
        self.finish(
            label(refused.message, self.lang, **refused.fields) + "\n", set_content_type="text/plain; charset=UTF-8"
        )
