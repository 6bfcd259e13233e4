"""One engagement's live room inside the apps' server: what the files say now, cached by their
signatures, the waiters of long polls, and the writes (votes, session changes, folds), each run on
a worker thread so the server never blocks on a lock.

The files are the truth (docs/live-workshop.md): requirements.yaml, the journal of votes not yet
folded in, the session. Another process (the workshop page's kernel, the command line) may write
any of them; a tick every TICK_S looks at their signatures and wakes the long polls when one
changed.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import secrets
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from tornado.ioloop import IOLoop, PeriodicCallback
from tornado.locks import Condition

from ..files._yaml import read_data
from ..model._files import ENGAGEMENT_FILE, REQUIREMENTS_FILE
from ..model._stakeholders import stakeholder_parts
from ..model.schema import Requirements, RoomWeights, StakeholderWeighting
from ..requirements_matrix._journal import (
    Vote,
    append_votes,
    journal_lock,
    journal_path,
    journal_size,
    read_audit,
    read_journal,
)
from ..requirements_matrix._live_session import Session, load_session, update_session
from ..requirements_matrix._live_views import everyone_voted, file_votes, keys
from ..requirements_matrix._store import fold_journal
from ._shell import LOG

T = TypeVar("T")
#: how often the rooms look at their files; how often at most a journal is folded
TICK_S, FOLD_S = 0.25, 0.5
#: a ballot seen within this many seconds is online (its long poll lasts POLL_S)
POLL_S, ONLINE_S = 20.0, 30.0

#: the votes of every room are written by one thread, in the order they arrive; folds by another
WRITER = ThreadPoolExecutor(1, thread_name_prefix="live-votes")
FOLDER = ThreadPoolExecutor(1, thread_name_prefix="live-fold")


def _signature(path: Path) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def versioned(state: dict[str, Any]) -> dict[str, Any]:
    """`state` with its version: a digest of everything in it but the clock."""
    shown = {k: v for k, v in state.items() if k not in ("now", "version")}
    digest = hashlib.blake2b(json.dumps(shown, sort_keys=True).encode(), digest_size=8).hexdigest()
    return {**state, "version": digest}


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


class Room:
    """One engagement's live session as the server sees it."""

    def __init__(self, name: str, folder: Path) -> None:
        self.name, self.folder = name, folder
        self.boot = secrets.token_hex(3)
        self.counter = 0
        self.changed = Condition()
        self.session: Session | None = None
        self.requirements = Requirements()
        self.pending: list[Vote] = []
        self.client = ""
        self.illustrative: object = None  # engagement.yaml `illustrative`, as read: the pages' banner
        # each stakeholder's weights as engagement.yaml holds them; the last weights number per ballot
        self.weightings: dict[str, StakeholderWeighting] = {}
        self.weight_numbers: dict[str, int] = {}
        self._signatures: dict[str, Any] = {}
        self.online: dict[str, float] = {}
        self._presence: frozenset[str] = frozenset()
        self.folding = False
        self.last_fold = 0.0
        # the last vote number taken per (stakeholder, requirement) in this session: from the audit
        self.numbers: dict[tuple[str, str], int] = {}
        self._numbers_of = ""
        self.refresh()

    # --- reading -------------------------------------------------------------------------

    @property
    def version(self) -> str:
        return f"{self.boot}:{self.counter}"

    def refresh(self) -> bool:
        """Read again whatever file changed since the last look; True when one did."""
        changed = False
        paths = {
            "requirements": self.folder / REQUIREMENTS_FILE,
            "journal": journal_path(self.folder),
            "session": self.folder / ".live" / "session.json",
            "engagement": self.folder / ENGAGEMENT_FILE,
        }
        for what, path in paths.items():
            sig = _signature(path)
            if what in self._signatures and self._signatures[what] == sig:
                continue
            self._signatures[what] = sig
            changed = True
            try:
                self._read(what, path)
            except Exception as error:  # noqa: BLE001 - a file half-edited by a person: keep the last good
                LOG.warning("live %s: %s not read: %s", self.name, path.name, error)
        if changed:
            self.bump()
        return changed

    def _read(self, what: str, path: Path) -> None:
        if what == "requirements":
            self.requirements = Requirements.model_validate(read_data(path) or {})
        elif what == "journal":
            self.pending = read_journal(self.folder)
        elif what == "session":
            self.session = load_session(self.folder)
            if self.session is not None and self.session.id != self._numbers_of:
                self._numbers_of = self.session.id
                self.numbers = {}
                for vote in read_audit(self.folder):
                    if vote.session == self.session.id:
                        k = (vote.who, vote.key)
                        self.numbers[k] = max(self.numbers.get(k, -1), vote.n)
        else:
            data = read_data(path) or {}
            data = data if isinstance(data, dict) else {}
            self.client = str(data.get("client") or "")
            self.illustrative = data.get("illustrative")
            raw = data.get("room_weights")
            self.weightings = dict(RoomWeights.model_validate(raw).stakeholders) if raw else {}

    def votes(self) -> dict[str, dict[str, str]]:
        """key → who → grade: the file's votes with the journal's laid over them, in order."""
        votes = file_votes(self.requirements)
        for vote in self.pending:
            cast = votes.setdefault(vote.key, {})
            if vote.grade is None:
                cast.pop(vote.who, None)
            else:
                cast[vote.who] = vote.grade
        return votes

    def keys(self) -> list[str]:
        return keys(self.requirements)

    def person(self, who: str, lang: str) -> tuple[str, str]:
        return stakeholder_parts(self.requirements, who, lang)

    def label(self, who: str, lang: str) -> str:
        name, role = self.person(who, lang)
        return f"{name} · {role}" if role else name

    def seen(self, who: str) -> None:
        """`who`'s ballot asked: the wall learns when they come online, not at every request."""
        was = self.is_online().get(who, False)
        self.online[who] = time.monotonic()
        if not was:
            self._presence = frozenset(w for w, on in self.is_online().items() if on)
            self.bump()

    def is_online(self) -> dict[str, bool]:
        limit = time.monotonic() - ONLINE_S
        return {who: at >= limit for who, at in self.online.items()}

    def check_presence(self) -> None:
        """Wake the wall when someone went offline (their ballot silent for ONLINE_S)."""
        now = frozenset(w for w, on in self.is_online().items() if on)
        if now != self._presence:
            self._presence = now
            self.bump()

    # --- waking the long polls -----------------------------------------------------------

    def bump(self) -> None:
        self.counter += 1
        self.changed.notify_all()

    async def state_after(self, after: str | None, state: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """`state()` once its version is no longer `after`, or after POLL_S: a long poll. A
        state's version is a digest of what it shows, so a ballot wakes for a change of its own
        state only, not for every vote in the room."""
        current = versioned(state())
        deadline = IOLoop.current().time() + POLL_S
        while after and current["version"] == after and IOLoop.current().time() < deadline:
            await self.changed.wait(timeout=deadline)
            current = versioned(state())
        return current

    # --- writing (on the worker threads) -------------------------------------------------

    def _record(self, vote: Vote) -> bool:
        """Append `vote` unless this ballot already sent a later one for the same item."""
        with journal_lock(self.folder):
            k = (vote.who, vote.key)
            if vote.n <= self.numbers.get(k, -1):
                return False
            append_votes(self.folder, [vote], lock=False)
            self.numbers[k] = vote.n
        return True

    async def record(self, vote: Vote) -> bool:
        taken = await IOLoop.current().run_in_executor(WRITER, self._record, vote)
        self.refresh()
        session = self.session
        if (
            taken
            and session is not None
            and session.blind
            and session.auto_reveal
            and vote.key not in session.revealed
            and everyone_voted(session, self.votes(), vote.key)
        ):
            await self.update(lambda s: s.model_copy(update={"revealed": (*s.revealed, vote.key)}))
        return taken

    async def update(self, change: Callable[[Session], Session]) -> Session:
        session = await IOLoop.current().run_in_executor(WRITER, update_session, self.folder, change)
        self.refresh()
        return session

    async def run(self, work: Callable[[], T]) -> T:
        """`work` on the writer thread (a save through the store), then the files read again."""
        result = await IOLoop.current().run_in_executor(WRITER, work)
        self.refresh()
        return result

    async def fold(self) -> None:
        """The journal folded into requirements.yaml (a failed check keeps it for the next try)."""
        self.folding = True
        try:
            await IOLoop.current().run_in_executor(FOLDER, fold_journal, self.folder)
        except Exception as error:  # noqa: BLE001 - the votes stay in the journal, counted as they are
            LOG.warning("live %s: votes not folded into requirements.yaml yet: %s", self.name, error)
        finally:
            self.folding = False
            self.last_fold = time.monotonic()
            self.refresh()


class Rooms:
    """The rooms of this server, by engagement folder; a tick keeps them fresh and folded."""

    def __init__(self) -> None:
        self.rooms: dict[Path, Room] = {}
        self._tick: PeriodicCallback | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    def get(self, name: str, folder: Path) -> Room:
        folder = folder.resolve()
        room = self.rooms.get(folder)
        if room is None:
            room = self.rooms[folder] = Room(name, folder)
        else:
            room.refresh()  # a few stats: what another process wrote a moment ago is seen
        if self._tick is None:
            self._tick = PeriodicCallback(self.tick, TICK_S * 1000)
            self._tick.start()
        return room

    def tick(self) -> None:
        for room in list(self.rooms.values()):
            room.refresh()
            room.check_presence()
            if not room.folding and journal_size(room.folder) and time.monotonic() - room.last_fold >= FOLD_S:
                task = asyncio.ensure_future(room.fold())
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)

    def fold_pending(self, roots: Sequence[Path]) -> None:
        """Every engagement's journal under the `roots` folded now, on this thread: at start (votes
        a killed server left behind reach requirements.yaml before anyone reads it) and at stop."""
        folders = {room.folder for room in self.rooms.values()}
        for root in roots:
            if root.is_dir():
                folders |= {p.resolve() for p in root.iterdir() if p.is_dir() and not p.is_symlink()}
        for folder in sorted(folders):
            if not journal_size(folder):
                continue
            try:
                fold_journal(folder)
            except Exception as error:  # noqa: BLE001 - kept in the journal for the next try
                LOG.warning("live %s: votes left in the journal: %s", folder.name, error)


ROOMS = Rooms()
