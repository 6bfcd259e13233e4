"""A live workshop session: who takes part, how the room votes, and the links they vote through.

Stored in the engagement's `.live/session.json` (out of git), written atomically under its own
lock, so it survives a server restart. A link's token is derived from a secret kept outside the
engagement folder (`live_key`) and the link's salt; the file holds the salt and the token's
SHA-256 only (docs/live-workshop.md, "Links and tokens").
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..files._data import user_data_dir
from ..files._lock import locked
from ..files._problems import ToolkitError
from ..files._yaml import write_atomic
from ..model._files import SESSION_FILE
from ._journal import live_dir

PACES = ("facilitated", "own")
#: how a ballot asks for its stakeholder's weights, when the consultant asks for them at all
WEIGHTINGS = ("rank", "swing", "ahp")
#: the room link's holder, in `Session.holder`: not a stakeholder until they pick their name
ROOM = ""
#: the spectators' link's holder: the wall to watch, read-only (no vote, no control, no links)
SPECTATOR = "*"
KEY_ENV = "CRM_TOOLKIT_LIVE_KEY_FILE"


class Link(BaseModel):
    """One join link: a public id (named in the audit log), the salt of its token, its SHA-256."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    id: str
    salt: str
    hash: str


class Session(BaseModel):
    """The state of one engagement's live session (docs/live-workshop.md)."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    format: Literal[1] = 1
    id: str
    started: float
    open: bool = True
    stakeholders: tuple[str, ...]
    blind: bool = True
    anonymous: bool = False
    pace: Literal["facilitated", "own"] = "facilitated"
    auto_reveal: bool = True
    weighting: Literal["rank", "swing", "ahp"] | None = None
    current: str | None = None
    revealed: tuple[str, ...] = ()
    timer_ends: float | None = None
    links: dict[str, Link] = Field(default_factory=dict)
    room: Link
    spectators: Link | None = None
    claimed: tuple[str, ...] = ()
    joined: tuple[str, ...] = ()

    def is_revealed(self, key: str) -> bool:
        """Votes on `key` may be shown on the wall: open mode, or revealed."""
        return not self.blind or key in self.revealed

    def holder(self, token: str) -> tuple[str, Link] | None:
        """Whose link `token` is: (stakeholder, link), (ROOM, room link), (SPECTATOR, the
        spectators' link), or None. Compared in constant time on the hashes."""
        digest = token_hash(token)
        found = None
        shared = [(ROOM, self.room), *([(SPECTATOR, self.spectators)] if self.spectators else [])]
        for who, link in [*shared, *self.links.items()]:
            if hmac.compare_digest(digest, link.hash):
                found = (who, link)
        return found


class SessionError(ToolkitError):
    """The session file cannot be read or changed as asked."""


def live_key() -> bytes:
    """The secret that join tokens are derived from: 32 random bytes in a file of the user's
    (mode 0600) outside every engagement folder, made on first use."""
    name = os.environ.get(KEY_ENV)
    path = Path(name) if name else user_data_dir() / "live.key"
    try:
        key = path.read_bytes()
        if len(key) >= 32:
            return key
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, secrets.token_bytes(32))
    finally:
        os.close(fd)
    return path.read_bytes()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def link_token(session_id: str, who: str, salt: str, key: bytes | None = None) -> str:
    """The token of one link: HMAC-SHA256 of the session, the holder and the salt; 43 characters."""
    mac = hmac.new(key or live_key(), f"{session_id}|{who}|{salt}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode("ascii").rstrip("=")


def _new_link(session_id: str, who: str, key: bytes) -> Link:
    salt = secrets.token_hex(16)
    token = link_token(session_id, who, salt, key)
    return Link(id=secrets.token_hex(4), salt=salt, hash=token_hash(token))


def token_of(session: Session, who: str) -> str:
    """The token of `who`'s link (ROOM for the room link, SPECTATOR for the spectators'), derived
    again from the secret."""
    if who == SPECTATOR and session.spectators is not None:
        return link_token(session.id, who, session.spectators.salt)
    link = session.room if who == ROOM else session.links[who]
    return link_token(session.id, who, link.salt)


def session_path(folder: Path) -> Path:
    return live_dir(folder) / SESSION_FILE


def load_session(folder: Path) -> Session | None:
    """The engagement's session, or None when none was started."""
    path = Path(folder) / ".live" / SESSION_FILE
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    try:
        return Session.model_validate_json(raw)
    except ValidationError as e:
        raise SessionError(f"{path}: not a session file ({e.error_count()} problems); start a new session") from None


def _save(folder: Path, session: Session) -> None:
    write_atomic(session_path(folder), session.model_dump_json(indent=1))


def start_session(
    folder: Path,
    stakeholders: Sequence[str],
    *,
    blind: bool = True,
    anonymous: bool = False,
    pace: str = "facilitated",
    auto_reveal: bool = True,
    weighting: str | None = None,
) -> Session:
    """A new session for `stakeholders` (ids), replacing any earlier one: every link new.
    `weighting`: the ballots also ask each stakeholder's weights that way (WEIGHTINGS), or not."""
    if pace not in PACES:
        raise SessionError(f"pace must be one of {', '.join(PACES)} (got {pace!r})")
    if weighting is not None and weighting not in WEIGHTINGS:
        raise SessionError(f"weighting must be one of {', '.join(WEIGHTINGS)} (got {weighting!r})")
    if not stakeholders:
        raise SessionError("a session needs at least one stakeholder")
    key = live_key()
    sid = secrets.token_hex(8)
    who = tuple(dict.fromkeys(stakeholders))
    session = Session(
        id=sid,
        started=time.time(),
        stakeholders=who,
        blind=blind,
        anonymous=anonymous,
        pace=pace,  # type: ignore[arg-type]  # checked against PACES above
        auto_reveal=auto_reveal,
        weighting=weighting,  # type: ignore[arg-type]  # checked against WEIGHTINGS above
        links={s: _new_link(sid, s, key) for s in who},
        room=_new_link(sid, ROOM, key),
        spectators=_new_link(sid, SPECTATOR, key),
    )
    with locked(session_path(folder)):
        _save(folder, session)
    return session


def update_session(folder: Path, change: Callable[[Session], Session]) -> Session:
    """The session with `change` applied to what the file holds now, under its lock."""
    with locked(session_path(folder)):
        session = load_session(folder)
        if session is None:
            raise SessionError("no live session in this engagement")
        new = change(session)
        if new != session:
            _save(folder, new)
    return new


def revoke(session: Session, who: str) -> Session:
    """`who`'s link replaced: its old token refused from now on, its name free in the room.
    SPECTATOR replaces the spectators' link."""
    if who == SPECTATOR:
        return session.model_copy(update={"spectators": _new_link(session.id, SPECTATOR, live_key())})
    if who not in session.links:
        raise SessionError(f"{who} does not take part in this session")
    links = dict(session.links)
    links[who] = _new_link(session.id, who, live_key())
    claimed = tuple(s for s in session.claimed if s != who)
    return session.model_copy(update={"links": links, "claimed": claimed})
