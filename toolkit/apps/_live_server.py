"""The live workshop's routes in the apps' server: the ballot, room and wall pages and their JSON
API (docs/live-workshop.md), served beside Voila without a kernel: a ballot costs a request, not
a process. The participants' API is here; the wall's in `_live_wall`; what they share in
`_live_http`.
"""

from __future__ import annotations

import json
import time
from typing import Any

from jupyter_server.auth.decorator import allow_unauthenticated
from jupyter_server.utils import url_path_join
from tornado import web

from ..model.schema import GRADES
from ..requirements_matrix._journal import Vote
from ..requirements_matrix._live_session import ROOM, SPECTATOR, Session, token_of
from ..requirements_matrix._live_views import ballot_state
from ._live_http import LivePage, ParticipantHandler, Refused, answers, whole
from ._live_pages import ballot_html, room_html, wall_html
from ._live_room import Room, now_iso, versioned
from ._live_wall import ControlAPI, LinksAPI, WallAPI
from ._live_weights import WeightsAPI, weighting_state

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
        state = await room.state_after(self.get_query_argument("after", None), lambda: ballot(room, who, self.lang))
        room.seen(who)
        self.reply(state)


def ballot(room: Room, who: str, lang: str) -> dict[str, Any]:
    """`who`'s ballot state (its version: a digest of what it shows)."""
    session = room.session
    if session is None:
        raise Refused(404, "live_api_no_session")
    # a copy: the writer thread adds numbers while this iterates (copy() is atomic under the GIL)
    numbers = {key: n for (w, key), n in room.numbers.copy().items() if w == who}
    return versioned(
        ballot_state(
            session,
            room.requirements,
            room.votes(),
            numbers,
            who,
            room.person(who, lang),
            lang=lang,
            now=time.time(),
            version="",
            client=room.client,
            engagement=room.name,
            weighting=weighting_state(room, who, lang),
        )
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
        if not isinstance(n, int) or not whole(n, 0, 2**53):
            raise Refused(400, "live_api_bad_number", n=json.dumps(n))
        if not session.open:
            raise Refused(409, "live_api_closed")
        room.seen(who)
        await room.record(Vote(who, key, grade, int(n), now_iso(), link, session.id))
        self.reply(
            {
                "key": key,
                "vote": room.votes().get(key, {}).get(who),
                "n": room.numbers.get((who, key), 0),
                "version": ballot(room, who, self.lang)["version"],  # the ballot's state now
            }
        )


class RoomAPI(ParticipantHandler):
    @allow_unauthenticated
    @answers
    async def get(self, name: str) -> None:
        room = self.room(name)
        self.holder(room, link=ROOM)
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
        self.holder(room, link=ROOM)
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


# --- the pages -------------------------------------------------------------------------------


#: the anchor of benchmarks/_live.py: a constant page on the same handler stack as the ballot's
HELLO = "<!doctype html>\n<html><head><title>hello</title></head><body><p>hello</p></body></html>\n"


class HelloPage(LivePage, ParticipantHandler):
    """A constant page, for nobody: the benchmarks time a page of this server that does no work."""

    read_only_ok = True

    @allow_unauthenticated
    def get(self) -> None:
        self.page(HELLO)


class BallotPage(LivePage, ParticipantHandler):
    @allow_unauthenticated
    def get(self, name: str) -> None:
        try:
            room = self.room(name)
            self.holder(room)
        except Refused as refused:
            return self.refuse(refused)
        self.page(ballot_html(name, self.lang, illustrative=room.illustrative))


class RoomPage(LivePage, ParticipantHandler):
    @allow_unauthenticated
    def get(self, name: str) -> None:
        try:
            room = self.room(name)
            self.holder(room, link=ROOM)
        except Refused as refused:
            return self.refuse(refused)
        self.page(room_html(name, self.lang, illustrative=room.illustrative))


class WallPage(LivePage):
    """The wall: the consultant's (logged in), or the spectators' with their link (`?k=`),
    read-only."""

    @allow_unauthenticated
    def get(self, name: str) -> None:
        try:
            room = self.room(name)
            self.session(room)
            spectator = bool(self.get_query_argument("k", ""))
            if spectator:
                self.holder(room, link=SPECTATOR)
            elif not self.current_user:
                raise Refused(403, "live_api_login")
        except Refused as refused:
            return self.refuse(refused)
        if not spectator:
            self.xsrf_token  # noqa: B018 - sets the _xsrf cookie the wall's POSTs send back
        self.page(wall_html(name, self.lang, readonly=spectator, illustrative=room.illustrative))


def live_handlers(base_url: str) -> list[tuple[str, type[web.RequestHandler]]]:
    """The routes, under the server's base URL; E is an engagement folder's name."""
    name = r"/([^/?#]+)"
    routes: list[tuple[str, type[web.RequestHandler]]] = [
        ("/live/static/hello.html", HelloPage),
        (f"/live/ballot{name}", BallotPage),
        (f"/live/room{name}", RoomPage),
        (f"/live/wall{name}", WallPage),
        (f"/live/api{name}/ballot", BallotAPI),
        (f"/live/api{name}/vote", VoteAPI),
        (f"/live/api{name}/weights", WeightsAPI),
        (f"/live/api{name}/room", RoomAPI),
        (f"/live/api{name}/join", JoinAPI),
        (f"/live/api{name}/wall", WallAPI),
        (f"/live/api{name}/links", LinksAPI),
        (f"/live/api{name}/control", ControlAPI),
    ]
    return [(url_path_join(base_url, path), handler) for path, handler in routes]
