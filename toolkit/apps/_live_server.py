"""The live workshop's routes in the apps' server: the ballot, room and wall pages and their JSON
API (docs/live-workshop.md), served beside Voila without a kernel: a ballot costs a request, not
a process.

Participants authenticate with their link's token only (`Authorization: Bearer`, or `?k=` for a
page), never with a cookie, so their requests need no XSRF check; everything else (the wall, its
controls, the join links) needs the consultant's login, as every Voila page does. Every answer
that is not a success is a 4xx with one line: `{"error": "..."}`; nothing is written then.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join
from tornado import web

from ..files._i18n import LANGS, label
from ..files._problems import InvalidInput, ToolkitError
from ..model.schema import GRADES
from ..requirements_matrix._journal import Vote
from ..requirements_matrix._live_session import ROOM, Session, revoke, token_of
from ..requirements_matrix._live_views import ballot_state, wall_state
from ..requirements_matrix._store import Change, save_change
from ._live_room import ROOMS, Room, now_iso
from ._shell import PUBLIC_URL_ENV, resolve_engagement

#: the largest request body taken (a vote is under 100 bytes)
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

    def holder(self, room: Room, *, room_link: bool = False) -> tuple[str, str]:
        """(stakeholder, link id) of the request's token; the room link's only when asked for."""
        session = self.session(room)
        token = self.bearer()
        found = session.holder(token) if token else None
        if found is None:
            raise Refused(403, "live_api_bad_token")
        who, link = found
        if (who == ROOM) != room_link:
            raise Refused(403, "live_api_room_only" if who == ROOM else "live_api_bad_token")
        return who, link.id

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


# --- participants ---------------------------------------------------------------------------


class BallotAPI(ParticipantHandler):
    @allow_unauthenticated
    @answers
    async def get(self, name: str) -> None:
        room = self.room(name)
        who, _ = self.holder(room)
        room.seen(who)
        if who not in self.session(room).joined:
            await room.update(lambda s: s if who in s.joined else s.model_copy(update={"joined": (*s.joined, who)}))
        await room.wait(self.get_query_argument("after", None))
        room.seen(who)
        self.reply(self._state(room, who))

    def _state(self, room: Room, who: str) -> dict[str, Any]:
        session = self.session(room)
        numbers = {key: n for (w, key), n in room.numbers.items() if w == who}
        return ballot_state(
            session,
            room.requirements,
            room.votes(),
            numbers,
            who,
            room.person(who, self.lang),
            lang=self.lang,
            now=time.time(),
            version=room.version,
            client=room.client,
            engagement=room.name,
        )


class VoteAPI(ParticipantHandler):
    @allow_unauthenticated
    @answers
    async def post(self, name: str) -> None:
        room = self.room(name)
        body = self.body()
        who, link = self.holder(room)
        session = self.session(room)
        key, grade, n = body.get("key"), body.get("grade"), body.get("n")
        if not isinstance(key, str) or key not in room.keys():
            raise Refused(400, "live_api_unknown_item", item=json.dumps(key, ensure_ascii=False))
        if grade is not None and grade not in GRADES:
            raise Refused(400, "live_api_bad_grade", grade=json.dumps(grade, ensure_ascii=False))
        if not whole(n, 0, 2**53):
            raise Refused(400, "live_api_bad_number", n=json.dumps(n))
        if not session.open:
            raise Refused(409, "live_api_closed")
        room.seen(who)
        await room.record(Vote(who, key, grade, int(n), now_iso(), link, session.id))  # type: ignore[arg-type]
        self.reply(
            {
                "key": key,
                "vote": room.votes().get(key, {}).get(who),
                "n": room.numbers.get((who, key), 0),
                "version": room.version,
            }
        )


class RoomAPI(ParticipantHandler):
    @allow_unauthenticated
    @answers
    async def get(self, name: str) -> None:
        room = self.room(name)
        self.holder(room, room_link=True)
        session = self.session(room)
        people = []
        for who in session.stakeholders:
            person, role = room.person(who, self.lang)
            people.append({"id": who, "name": person, "role": role, "taken": who in session.claimed})
        self.reply({"client": room.client, "open": session.open, "stakeholders": people})


class JoinAPI(ParticipantHandler):
    @allow_unauthenticated
    @answers
    async def post(self, name: str) -> None:
        room = self.room(name)
        body = self.body()
        self.holder(room, room_link=True)
        who = body.get("stakeholder")
        session = self.session(room)
        if not isinstance(who, str) or who not in session.stakeholders:
            raise Refused(400, "live_api_unknown_person", who=json.dumps(who, ensure_ascii=False))
        claimed: list[bool] = []

        def claim(s: Session) -> Session:
            claimed.append(who not in s.claimed)
            return s.model_copy(update={"claimed": (*s.claimed, who)}) if claimed[-1] else s

        session = await room.update(claim)
        if not claimed[-1]:
            raise Refused(409, "live_api_taken", name=room.label(who, self.lang))
        # root-relative: the room page puts its own prefix (a hub's /user/NAME) in front
        self.reply({"ballot": f"/live/ballot/{name}?k={token_of(session, who)}&lang={self.lang}"})


# --- the consultant ---------------------------------------------------------------------------


class WallAPI(LiveHandler):
    @web.authenticated
    @answers
    async def get(self, name: str) -> None:
        room = self.room(name)
        self.session(room)
        await room.wait(self.get_query_argument("after", None))
        self.reply(wall(room, self.lang))


def wall(room: Room, lang: str) -> dict[str, Any]:
    session = room.session
    assert session is not None
    people = {who: room.label(who, lang) for who in session.stakeholders}
    votes = room.votes()
    for key in votes:
        for who in votes[key]:
            people.setdefault(who, room.label(who, lang))
    state = wall_state(
        session, room.requirements, votes, people, room.is_online(), lang=lang, now=time.time(), version=room.version
    )
    return {**state, "client": room.client}


class LinksAPI(LiveHandler):
    @web.authenticated
    @answers
    async def get(self, name: str) -> None:
        import segno  # only where the codes are drawn

        room = self.room(name)
        session = self.session(room)
        # the address participants reach: the one `--share` names (behind a proxy: its address),
        # else the one the wall was opened at (its prefix included), else this request's
        public = os.environ.get(PUBLIC_URL_ENV)
        if public:
            base = public.rstrip("/") + url_path_join(self.base_url, "live")
        elif self.get_query_argument("base", ""):
            base = self.get_query_argument("base").rstrip("/") + "/live"
        else:
            base = f"{self.request.protocol}://{self.request.host}" + url_path_join(self.base_url, "live")

        def link(kind: str, who: str) -> dict[str, str]:
            url = f"{base}/{kind}/{name}?k={token_of(session, who)}&lang={self.lang}"
            return {"url": url, "qr": segno.make(url, error="m").svg_inline(scale=4, border=2)}

        people = []
        for who in session.stakeholders:
            person, role = room.person(who, self.lang)
            people.append({"id": who, "name": person, "role": role, **link("ballot", who)})
        self.reply({"room": link("room", ROOM), "stakeholders": people})


class ControlAPI(LiveHandler):
    @web.authenticated
    @answers
    async def post(self, name: str) -> None:
        room = self.room(name)
        body = self.body()
        session = self.session(room)
        action = body.get("action")
        key = body.get("key")
        if action in ("current", "reveal", "final") and key is not None and key not in room.keys():
            if not (action == "reveal" and key == "all"):
                raise Refused(400, "live_api_unknown_item", item=json.dumps(key, ensure_ascii=False))
        if action == "current":
            await room.update(lambda s: s.model_copy(update={"current": key, "timer_ends": None}))
        elif action == "reveal":
            shown = tuple(room.keys()) if key == "all" else (key,)
            await room.update(lambda s: s.model_copy(update={"revealed": tuple(dict.fromkeys((*s.revealed, *shown)))}))
        elif action == "hide":
            await room.update(lambda s: s.model_copy(update={"revealed": tuple(k for k in s.revealed if k != key)}))
        elif action == "timer":
            seconds = body.get("seconds")
            if seconds is not None and not whole(seconds, 5, 3600):
                raise Refused(400, "live_api_bad_seconds", seconds=json.dumps(seconds))
            ends = None if seconds is None else time.time() + seconds
            await room.update(lambda s: s.model_copy(update={"timer_ends": ends}))
        elif action == "auto_reveal":
            await room.update(lambda s: s.model_copy(update={"auto_reveal": bool(body.get("on"))}))
        elif action in ("close", "open"):
            await room.update(lambda s: s.model_copy(update={"open": action == "open", "timer_ends": None}))
        elif action == "revoke":
            who = body.get("stakeholder")
            if not isinstance(who, str) or who not in session.stakeholders:
                raise Refused(400, "live_api_unknown_person", who=json.dumps(who, ensure_ascii=False))
            await room.update(lambda s: revoke(s, who))
        elif action == "final":
            grade = body.get("grade")
            if key is None or (grade is not None and grade not in GRADES):
                raise Refused(400, "live_api_bad_grade", grade=json.dumps(grade, ensure_ascii=False))
            try:
                await room.run(lambda: save_change(room.folder, Change(key, "grade", grade=grade), self.lang))
            except InvalidInput as error:
                raise Refused(400, "live_api_not_saved", problem=str(error.problems[0])) from None
        else:
            raise Refused(400, "live_api_unknown_action", action=json.dumps(action, ensure_ascii=False))
        self.reply(wall(room, self.lang))


# --- the pages --------------------------------------------------------------------------------


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


class BallotPage(LivePage, ParticipantHandler):
    @allow_unauthenticated
    def get(self, name: str) -> None:
        from ._live_pages import ballot_html

        try:
            self.holder(self.room(name))
        except Refused as refused:
            return self.refuse(refused)
        self.page(ballot_html(name, self.lang))


class RoomPage(LivePage, ParticipantHandler):
    @allow_unauthenticated
    def get(self, name: str) -> None:
        from ._live_pages import room_html

        try:
            self.holder(self.room(name), room_link=True)
        except Refused as refused:
            return self.refuse(refused)
        self.page(room_html(name, self.lang))


class WallPage(LivePage):
    @web.authenticated
    def get(self, name: str) -> None:
        from ._live_pages import wall_html

        try:
            self.session(self.room(name))
        except Refused as refused:
            return self.refuse(refused)
        self.xsrf_token  # noqa: B018 - sets the _xsrf cookie the wall's POSTs send back
        self.page(wall_html(name, self.lang))


def live_handlers(base_url: str) -> list[tuple[str, type[web.RequestHandler]]]:
    """The routes, under the server's base URL; E is an engagement folder's name."""
    name = r"/([^/?#]+)"
    routes: list[tuple[str, type[web.RequestHandler]]] = [
        (f"/live/ballot{name}", BallotPage),
        (f"/live/room{name}", RoomPage),
        (f"/live/wall{name}", WallPage),
        (f"/live/api{name}/ballot", BallotAPI),
        (f"/live/api{name}/vote", VoteAPI),
        (f"/live/api{name}/room", RoomAPI),
        (f"/live/api{name}/join", JoinAPI),
        (f"/live/api{name}/wall", WallAPI),
        (f"/live/api{name}/links", LinksAPI),
        (f"/live/api{name}/control", ControlAPI),
    ]
    return [(url_path_join(base_url, path), handler) for path, handler in routes]
