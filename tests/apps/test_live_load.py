"""The live workshop under a room's load: 30 participants, each a client of the real HTTP path,
vote on 40 requirements at once, change their minds, lose their connection mid-request and send
again, and a late copy of an old vote arrives after a newer one. Every last vote lands once:
1,200 of 1,200 in requirements.yaml and in the audit log, nothing lost, nothing doubled."""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

from tests.apps.conftest import add_engagement
from tests.conftest import until
from toolkit.files._yaml import read_data, save_yaml
from toolkit.model._catalog import catalog
from toolkit.requirements_matrix._journal import journal_size, read_audit
from toolkit.requirements_matrix._live_session import start_session, token_of

PARTICIPANTS, ITEMS = 30, 40
GRADES = ("must", "could", "wont")
DEADLINE_S = 240  # a bound for a machine many times slower than this one; a quick run takes seconds


def forty_requirements(folder: Path) -> list[str]:
    caps = sorted(catalog().capabilities)[:ITEMS]
    keys = [f"R{i + 1:02d}" for i in range(ITEMS)]
    people = read_data(folder / "requirements.yaml")["stakeholders"]  # engagement.yaml's room weights name them
    save_yaml(
        folder / "requirements.yaml",
        {
            "stakeholders": people,
            "requirements": [{"id": k, "capability": c, "grade": "could"} for k, c in zip(keys, caps, strict=True)],
        },
    )
    return keys


class Phone(threading.Thread):
    """One participant: votes on every item in a random order, changes some, reconnects at random."""

    def __init__(self, base: str, engagement: str, token: str, keys: list[str], seed: int) -> None:
        super().__init__(daemon=True)
        self.url = urlsplit(base)
        self.path = f"/live/api/{engagement}/vote"
        self.token, self.keys, self.rng = token, keys, random.Random(seed)
        self.last: dict[str, str | None] = {}
        self.sent = self.reconnects = self.cut = self.late = 0
        self.errors: list[str] = []
        self.conn: http.client.HTTPConnection | None = None
        self.n = 0

    def _connection(self) -> http.client.HTTPConnection:
        if self.conn is None:
            self.conn = http.client.HTTPConnection(self.url.hostname, self.url.port, timeout=60)
        return self.conn

    def _drop(self) -> None:
        if self.conn is not None:
            self.conn.close()
        self.conn = None
        self.reconnects += 1

    def _post(self, key: str, grade: str | None, n: int, *, cut: bool = False) -> None:
        body = json.dumps({"key": key, "grade": grade, "n": n})
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        for attempt in range(20):
            try:
                conn = self._connection()
                conn.request("POST", self.path, body, headers)
                if cut and attempt == 0:  # the phone sleeps before the answer: sent, never read
                    self.cut += 1
                    self._drop()
                    continue
                answer = conn.getresponse()
                data = answer.read()
                if answer.status != 200:
                    self.errors.append(f"{answer.status} {data[:120]!r}")
                return
            except (OSError, http.client.HTTPException):
                self._drop()  # the server closed a kept-alive connection: a reconnect, then again
        self.errors.append(f"{key}: no answer after 20 tries")

    def vote(self, key: str, grade: str | None, **kw: bool) -> int:
        self.n += 1
        self._post(key, grade, self.n, **kw)
        self.last[key] = grade
        self.sent += 1
        return self.n

    def run(self) -> None:
        try:
            order = self.keys[:]
            self.rng.shuffle(order)
            for key in order:
                if self.rng.random() < 0.15:
                    self._drop()
                n = self.vote(key, self.rng.choice(GRADES), cut=self.rng.random() < 0.1)
                if self.rng.random() < 0.3:  # a change of mind, or a clear and a new vote
                    if self.rng.random() < 0.3:
                        self.vote(key, None)
                    self.vote(key, self.rng.choice(GRADES))
                    if self.rng.random() < 0.3:  # a copy of the first vote arrives late: ignored
                        self._post(key, "wont" if self.last[key] != "wont" else "must", n)
                        self.late += 1
            # every item ends with a vote, so 40 of 40 per phone are in the file
            for key in order:
                if self.last[key] is None:
                    self.vote(key, self.rng.choice(GRADES))
        except Exception as error:  # noqa: BLE001 - reported by the test
            self.errors.append(repr(error))
        finally:
            if self.conn is not None:
                self.conn.close()


def test_thirty_phones_forty_requirements_nothing_lost_or_doubled(engagements_root, server):
    folder = add_engagement(engagements_root, "live_load")
    keys = forty_requirements(folder)
    people = [f"p{i:02d}" for i in range(1, PARTICIPANTS + 1)]
    session = start_session(folder, people, blind=True, pace="own", auto_reveal=True)
    phones = [Phone(server, "live_load", token_of(session, p), keys, seed=i) for i, p in enumerate(people)]
    start = time.monotonic()
    for phone in phones:
        phone.start()
    for phone in phones:
        phone.join(timeout=max(1, DEADLINE_S - (time.monotonic() - start)))
    assert not any(p.is_alive() for p in phones), "the phones did not finish within the bound"
    assert [e for p in phones for e in p.errors] == []
    assert sum(p.cut for p in phones) > 0 and sum(p.late for p in phones) > 0 and sum(p.reconnects for p in phones) > 0

    expected = {(who, key): phone.last[key] for who, phone in zip(people, phones, strict=True) for key in keys}
    assert len(expected) == PARTICIPANTS * ITEMS == 1200
    until(lambda: journal_size(folder) == 0, "the journal folded into requirements.yaml", seconds=120)
    data = read_data(folder / "requirements.yaml")
    in_file = {(who, r["id"]): grade for r in data["requirements"] for who, grade in (r.get("votes") or {}).items()}
    assert in_file == expected  # 1,200 of 1,200

    audit = read_audit(folder)
    taken = [(v.who, v.key, v.n) for v in audit]
    assert len(taken) == len(set(taken))  # no vote recorded twice, retries and late copies included
    last: dict[tuple[str, str], tuple[int, str | None]] = {}
    for v in audit:
        if v.n > last.get((v.who, v.key), (-1, None))[0]:
            last[(v.who, v.key)] = (v.n, v.grade)
    assert {k: g for k, (_, g) in last.items()} == expected
    assert all(v.session == session.id and v.link == session.links[v.who].id for v in audit)
