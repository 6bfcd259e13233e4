"""The live workshop survives its server killed outright: SIGKILL mid-session, with votes still
only in the journal, then a new server on the same engagements root. The same links work, every
ballot shows its last votes, and once the journal is folded requirements.yaml holds exactly the
last vote of each participant per requirement, the audit log every vote once, the journal
nothing. No process of the killed server (its kernels included) is left behind.

Processes are found by the mark `serving()` puts in their environment (toolkit.apps._procs),
read from /proc before the kill.
"""

from __future__ import annotations

import os
import signal
import threading
from pathlib import Path

import pytest

from tests.apps.conftest import add_engagement
from tests.apps.live_client import Client, participant
from tests.conftest import until
from toolkit.apps import _procs
from toolkit.apps._serve import serving
from toolkit.files._yaml import read_data
from toolkit.requirements_matrix._journal import journal_size, read_audit, read_journal
from toolkit.requirements_matrix._live_session import start_session

pytestmark = pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads processes from /proc")

NAME = "restart"
PEOPLE = ["sales_director", "marketing_lead", "it_manager", "service_manager"]
KEYS = ["R01", "R02", "R04", "R09", "R10", "R12"]
GRADES = ("must", "could", "wont")
STARTUP_S = 120  # generous: a busy machine starts Voila and its kernels slowly


def mark_of(pid: int) -> str:
    """The server's mark, from its environment (readable while it is alive)."""
    environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    prefix = f"{_procs.MARK_ENV}=".encode()
    return next(e[len(prefix) :].decode() for e in environ if e.startswith(prefix))


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def all_votes(folder: Path) -> dict[tuple[str, str], str]:
    """(stakeholder, requirement) -> grade: every vote requirements.yaml holds."""
    data = read_data(folder / "requirements.yaml")
    return {(who, r["id"]): grade for r in data["requirements"] for who, grade in (r.get("votes") or {}).items()}


class Ballots:
    """The participants' phones: what each sent, and the last vote per requirement."""

    def __init__(self, base: str, folder: Path) -> None:
        self.phones = {who: participant(base, folder, who) for who in PEOPLE}
        self.n = dict.fromkeys(PEOPLE, 0)
        self.sent: list[tuple[str, str, str | None, int]] = []
        self.last: dict[tuple[str, str], str | None] = {}
        self.lock = threading.Lock()

    def vote(self, who: str, key: str, grade: str | None) -> None:
        with self.lock:
            self.n[who] += 1
            n = self.n[who]
        answer = self.phones[who].request(f"/live/api/{NAME}/vote", {"key": key, "grade": grade, "n": n})
        assert answer.status == 200 and answer.json["vote"] == grade, answer
        with self.lock:
            self.sent.append((who, key, grade, n))
            self.last[(who, key)] = grade

    def burst(self, round_: int) -> None:
        """Every phone on its own thread votes on every key at once (a grade unlike its last)."""

        def phone(i: int, who: str) -> None:
            for j, key in enumerate(KEYS):
                self.vote(who, key, GRADES[(i + j + round_) % 3])

        threads = [threading.Thread(target=phone, args=(i, who)) for i, who in enumerate(PEOPLE)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        assert not any(t.is_alive() for t in threads)


def test_a_server_killed_mid_session_resumes_with_every_vote(tmp_path):
    root = tmp_path / "engagements"
    folder = add_engagement(root, NAME)
    before = all_votes(folder)
    session = start_session(folder, PEOPLE, blind=True, pace="own")
    with open(tmp_path / "voila-1.log", "w") as log, serving(root, NAME, log=log, timeout=STARTUP_S) as (base, proc):
        mark = mark_of(proc.pid)
        ballots = Ballots(base, folder)
        ballots.burst(0)
        until(lambda: journal_size(folder) == 0, "the first votes folded into requirements.yaml")
        kernel = until(
            lambda: [p for p in _procs.marked(mark) if "ipykernel" in cmdline(p)], "a kernel of the server", STARTUP_S
        )
        ballots.burst(1)  # then killed at once: these votes are in the journal, not in the file
        ballots.vote("it_manager", "R04", None)  # a clear is a vote too
        assert journal_size(folder), "votes in the journal when the server is killed"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(30)
        assert proc.returncode == -signal.SIGKILL
    # serving() then kills what the server left: its kernels run in sessions of their own
    until(lambda: not _procs.marked(mark), "no process of the killed server left, kernels included", 30)
    assert not any(Path(f"/proc/{p}").exists() and "ipykernel" in cmdline(p) for p in kernel)

    # votes in the journal at kill time, some not in requirements.yaml yet: what a restart recovers
    pending = read_journal(folder)
    assert pending, "the kill came before the journal was folded"
    at_kill = all_votes(folder)
    assert any(at_kill.get((v.who, v.key)) != v.grade for v in pending)
    expected = dict(before)
    for (who, key), grade in ballots.last.items():
        if grade is None:
            expected.pop((who, key), None)
        else:
            expected[(who, key)] = grade
    assert expected != at_kill

    with open(tmp_path / "voila-2.log", "w") as log, serving(root, NAME, log=log, timeout=STARTUP_S) as (base, proc):
        second = mark_of(proc.pid)
        assert second != mark
        # the same links: the session survived; each ballot shows its own last votes
        phones = {who: Client(base, ballots.phones[who].token) for who in PEOPLE}
        for who, phone in phones.items():
            answer = phone.request(f"/live/api/{NAME}/ballot")
            assert answer.status == 200, answer
            state = answer.json
            assert state["stakeholder"]["id"] == who and state["open"] is True
            shown = {i["key"]: i["vote"] for i in state["items"] if i["key"] in KEYS}
            assert shown == {key: ballots.last[(who, key)] for key in KEYS}
        until(lambda: journal_size(folder) == 0, "the journal folded by the new server")
        assert all_votes(folder) == expected
        # a late copy of an old vote is still ignored: the numbers taken survived in the audit log
        who, key, grade, n = ballots.sent[0]
        late = phones[who].request(f"/live/api/{NAME}/vote", {"key": key, "grade": "wont", "n": n})
        assert late.status == 200 and late.json["vote"] == ballots.last[(who, key)] and late.json["n"] > n

    until(lambda: not _procs.marked(second), "no process of the second server left")
    assert journal_size(folder) == 0 and all_votes(folder) == expected
    audit = read_audit(folder)
    taken = [(v.who, v.key, v.grade, v.n) for v in audit]
    assert len(taken) == len(set(taken)) and set(taken) == set(ballots.sent)  # every vote, once
    assert all(v.session == session.id and v.link == session.links[v.who].id for v in audit)
    assert "Traceback" not in (tmp_path / "voila-2.log").read_text()
