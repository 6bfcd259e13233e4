"""A stakeholder's weights on their ballot (docs/live-workshop.md, "Weights on the ballot"): the
consultant picks for the session how the ballots ask (rank the four criteria, SWING points, or
AHP's six comparisons); each ballot shows its own stakeholder's weights only, and a save writes
them into engagement.yaml's `room_weights` (`requirements_matrix._weights_store`), where the
scorecard's room tab, the report and `crm-toolkit weights` read them.
"""

from __future__ import annotations

import json
from typing import Any

from jupyter_server.auth.decorator import allow_unauthenticated
from pydantic import ValidationError

from ..files._i18n import label
from ..files._problems import InvalidInput
from ..model.schema import CRITERIA, PAIRS, StakeholderWeighting
from ..requirements_matrix._weights_store import save_room_weights, weighting_data
from ..scoring._room import person_weights
from ._live_http import ParticipantHandler, Refused, answers, whole
from ._live_room import Room


def weighting_state(room: Room, who: str, lang: str) -> dict[str, Any] | None:
    """What `who`'s ballot shows of their weights: how the session asks, the criteria and pairs
    in `lang`, what engagement.yaml holds for them (as given and normalised, in percent), and
    AHP's consistency with a warning above 0.10. None when the session does not ask."""
    session = room.session
    if session is None or session.weighting is None:
        return None
    state: dict[str, Any] = {
        "method": session.weighting,
        "criteria": [{"id": c, "name": label(c, lang)} for c in CRITERIA],
        "pairs": [[a, b] for a, b in PAIRS],
        "given": None,
        "value": None,
        "percent": None,
        "consistency": None,
        "warning": None,
        "n": room.weight_numbers.get(who, 0),
    }
    mine = room.weightings.get(who)
    if mine is None:
        return state
    person = person_weights(who, mine)
    given = weighting_data(mine)
    state.update(
        given=mine.method,
        value=given[mine.method],
        percent={c: round(100 * person.weights[c], 1) for c in CRITERIA},
        consistency=None if person.consistency is None else round(person.consistency, 3),
    )
    if person.inconsistent and person.worst is not None:
        a, b = person.worst
        state["warning"] = label(
            "live_api_weights_inconsistent", lang, cr=f"{person.consistency:.2f}", a=label(a, lang), b=label(b, lang)
        )
    return state


def _problem(error: ValidationError) -> str:
    """A pydantic refusal as one line: where, then what."""
    parts = []
    for found in error.errors():
        where = ".".join(str(p) for p in found["loc"])
        parts.append(f"{where}: {found['msg']}" if where else found["msg"])
    return "; ".join(parts)


class WeightsAPI(ParticipantHandler):
    """POST {method, value, n}: the ballot's stakeholder gives their weights the session's way;
    a later number replaces, an earlier one (a retry arriving late) is ignored."""

    @allow_unauthenticated
    @answers
    async def post(self, name: str) -> None:
        room = self.room(name)
        body = self.body()
        who, _ = self.holder(room)
        session = self.session(room)
        if session.weighting is None:
            raise Refused(409, "live_api_no_weighting")
        method, n = body.get("method"), body.get("n")
        if method != session.weighting:
            raise Refused(400, "live_api_bad_method", method=json.dumps(method), expected=session.weighting)
        if not isinstance(n, int) or not whole(n, 0, 2**53):
            raise Refused(400, "live_api_bad_number", n=json.dumps(n))
        if not session.open:
            raise Refused(409, "live_api_closed")
        try:
            weighting = StakeholderWeighting.model_validate({method: body.get("value")})
        except ValidationError as error:
            raise Refused(400, "live_api_bad_weights", problem=_problem(error)) from None
        room.seen(who)

        def save() -> bool:
            if n <= room.weight_numbers.get(who, -1):
                return False
            save_room_weights(room.folder, {who: weighting})
            room.weight_numbers[who] = n
            return True

        try:
            await room.run(save)
        except InvalidInput as error:
            raise Refused(400, "live_api_not_saved", problem=str(error.problems[0])) from None
        self.reply({"weighting": weighting_state(room, who, self.lang)})
