"""The wall's API: the room's state as the consultant may see it, the join links with their QR
codes, and the facilitator's controls (docs/live-workshop.md). The consultant's login only.
"""

from __future__ import annotations

import json
import os
import time
from typing import Any

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.utils import url_path_join
from tornado import web

from ..files._problems import InvalidInput
from ..model.schema import GRADES
from ..requirements_matrix._live_session import ROOM, SPECTATOR, WEIGHTINGS, revoke, token_of
from ..requirements_matrix._live_views import wall_state
from ..requirements_matrix._store import Change, save_change
from ._live_http import LiveHandler, Refused, answers, whole
from ._live_room import Room, versioned
from ._shell import PUBLIC_URL_ENV


class WallAPI(LiveHandler):
    """The wall's state: for the consultant, or for the spectators' link (the same state: what
    the projector shows)."""

    def check_xsrf_cookie(self) -> None:  # a GET only; a spectator's token is no cookie
        return None

    @allow_unauthenticated
    @answers
    async def get(self, name: str) -> None:
        room = self.room(name)
        self.session(room)
        if not self.current_user or self.bearer():
            self.holder(room, link=SPECTATOR)
        self.reply(await room.state_after(self.get_query_argument("after", None), lambda: wall(room, self.lang)))


def wall(room: Room, lang: str) -> dict[str, Any]:
    session = room.session
    assert session is not None
    people = {who: room.label(who, lang) for who in session.stakeholders}
    votes = room.votes()
    for key in votes:
        for who in votes[key]:
            people.setdefault(who, room.label(who, lang))
    state = wall_state(
        session,
        room.requirements,
        votes,
        people,
        room.is_online(),
        lang=lang,
        now=time.time(),
        version="",
        weighted=room.weightings,
    )
    return versioned({**state, "client": room.client})


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
        spectators = link("wall", SPECTATOR) if session.spectators is not None else None
        self.reply({"room": link("room", ROOM), "spectators": spectators, "stakeholders": people})


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
        elif action == "weighting":
            method = body.get("method")
            if method is not None and method not in WEIGHTINGS:
                raise Refused(400, "live_api_bad_method", method=json.dumps(method), expected=" | ".join(WEIGHTINGS))
            await room.update(lambda s: s.model_copy(update={"weighting": method}))
        elif action in ("close", "open"):
            await room.update(lambda s: s.model_copy(update={"open": action == "open", "timer_ends": None}))
        elif action == "revoke":
            who = body.get("stakeholder")
            if not isinstance(who, str) or (who not in session.stakeholders and who != SPECTATOR):
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
