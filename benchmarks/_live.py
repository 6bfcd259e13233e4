"""The live workshop over the real HTTP path: thirty participants, each its own client on its own
thread, on loopback, against the apps' server (toolkit.apps._voila, started as `crm-toolkit app`
starts it, without preheated kernels: the live routes never use one, and a kernel warming up
would only add noise).

- Ballot load: a phone opening its link, on a new connection: `GET /live/ballot/E?k=...` then
  its first state, `GET /live/api/E/ballot`; p50 and p95 over every participant, several rounds.
  The anchor is a constant page of the same server on the same handler stack
  (`/live/static/hello.html`, one GET on a new connection), timed interleaved with the ballots;
  the ballot being two requests, a ratio of about 2 is its floor.
- Vote round trip: every `POST /live/api/E/vote` until its 200, while the thirty participants
  vote (each phone one vote every PAUSE_S on its kept-alive connection, its ballot's long poll
  open on a second one, as the ballot page keeps it) and the wall long-polls; p50 and p95.
- Vote to wall: one of the thirty (the probe) votes a grade unlike its last; the time until the
  wall's long poll (`GET /live/api/E/wall?after=V`, as the wall page keeps it open) answers with a
  state holding that vote (`live_vote_to_wall_*`), then, the room still voting, until the wall
  page itself, open in Debian's headless Chromium, shows it in its DOM: the probe's name on the
  bar of its grade for the current requirement (`live_vote_to_wall_page_*`); p50 and p95, goal
  under 1 s. The session is named and open (not blind), so the wall shows who voted what.

Everything is bounded: a count of votes per phone, a deadline, a timeout on every request.
"""

from __future__ import annotations

import http.client
import json
import random
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
PARTICIPANTS = 30
ENGAGEMENT = "live"
PEOPLE = [f"p{i:02d}" for i in range(1, PARTICIPANTS + 1)]
PROBE = PEOPLE[-1]
#: the requirement on the wall's screen: the page's probe votes on it
CURRENT = "R01"
GRADES = ("must", "could", "wont")
#: a phone's pause between two votes (uniform): thirty votes a second from the room, several
#: times a lively real one's pace (a tap every few seconds each)
PAUSE_S = (0.5, 1.5)
#: every request's timeout; the whole voting phase's bound
REQUEST_S, DEADLINE_S = 30.0, 120.0
STATIC_PATH = "/live/static/hello.html"
NAMES = (
    "live_ballot_load_p50_ms",
    "live_ballot_load_p95_ms",
    "live_static_page_p50_ms",
    "live_static_page_p95_ms",
    "live_ballot_load_ratio_p50",
    "live_ballot_load_ratio_p95",
    "live_vote_rtt_p50_ms",
    "live_vote_rtt_p95_ms",
    "live_vote_to_wall_p50_ms",
    "live_vote_to_wall_p95_ms",
    "live_vote_to_wall_page_p50_ms",
    "live_vote_to_wall_page_p95_ms",
    "live_votes",
)


def p95(values: list[float]) -> float:
    """The 95th percentile (nearest rank above: 19 of 20 values are at or below it)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, -(-95 * len(ordered) // 100) - 1))]


@contextmanager
def live_server(runs_dir: Path) -> Iterator[tuple[str, str, dict[str, str]]]:
    """The apps' server over a copy of the demo with a named, open session for PEOPLE at their
    own pace: (host, port as text, {participant: token}); stopped as `crm-toolkit app` stops."""
    import shutil
    import urllib.request

    from toolkit.apps import _procs
    from toolkit.apps._serve import free_port, voila_command, voila_env
    from toolkit.model._profiles import demo_path
    from toolkit.requirements_matrix._live_session import start_session, token_of, update_session

    root = runs_dir / "engagements"
    shutil.copytree(demo_path(), root / ENGAGEMENT)
    session = start_session(root / ENGAGEMENT, PEOPLE, blind=False, pace="own", auto_reveal=False)
    session = update_session(root / ENGAGEMENT, lambda s: s.model_copy(update={"current": CURRENT}))
    tokens = {who: token_of(session, who) for who in PEOPLE}
    port = free_port()
    mark = uuid.uuid4().hex
    tmp = runs_dir / "tmp"
    tmp.mkdir()
    proc = None
    try:
        command = voila_command(port, "127.0.0.1", preheat=False)
        proc = _procs.start(command, voila_env(root, ENGAGEMENT, tmp=tmp, mark=mark))
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2):
                    break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("the apps' server did not start") from None
                time.sleep(0.05)
        yield "127.0.0.1", str(port), tokens
    finally:
        _procs.stop(proc, mark)


class Http:
    """One client's kept-alive connection; `get` and `post` answer (status, body, seconds)."""

    def __init__(self, host: str, port: str, token: str | None = None) -> None:
        self.host, self.port, self.token = host, int(port), token
        self.conn: http.client.HTTPConnection | None = None
        self.cookie = ""

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
        self.conn = None

    def call(self, method: str, path: str, body: object = None) -> tuple[int, bytes, float]:
        headers = {"Content-Type": "application/json"}
        xsrf = next((c.split("=", 1)[1] for c in self.cookie.split("; ") if c.startswith("_xsrf=")), "")
        if xsrf and method == "POST":
            headers["X-XSRFToken"] = xsrf
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if self.cookie:
            headers["Cookie"] = self.cookie
        data = None if body is None else json.dumps(body)
        for attempt in (0, 1):  # a kept-alive connection the server closed: once more, anew
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_S)
            start = time.perf_counter()
            try:
                self.conn.request(method, path, data, headers)
                answer = self.conn.getresponse()
                content = answer.read()
            except (OSError, http.client.HTTPException):
                self.close()
                if attempt:
                    raise
                continue
            took = time.perf_counter() - start
            cookies = answer.headers.get_all("Set-Cookie") or []
            if cookies:
                self.cookie = "; ".join(c.split(";", 1)[0] for c in cookies)
            return answer.status, content, took
        raise AssertionError("unreachable")


def close_session(host: str, port: str) -> None:
    """The facilitator closes the session, as the wall's button does."""
    consultant = Http(host, port)
    try:
        _ok(*consultant.call("GET", f"/live/wall/{ENGAGEMENT}")[:2], "the wall page")
        _ok(*consultant.call("POST", f"/live/api/{ENGAGEMENT}/control", {"action": "close"})[:2], "closing")
    finally:
        consultant.close()


def _ok(status: int, body: bytes, what: str) -> bytes:
    if status != 200:
        raise SystemExit(f"{what}: {status} {body[:200]!r}")
    return body


def ballot_loads(host: str, port: str, tokens: dict[str, str], rounds: int) -> dict[str, float]:
    """Each participant opens their ballot `rounds` times, each time beside one static page."""
    ballots, static = [], []
    for _ in range(rounds):
        for token in tokens.values():
            anchor = Http(host, port)
            start = time.perf_counter()
            _ok(*anchor.call("GET", STATIC_PATH)[:2], "the static page")
            static.append(time.perf_counter() - start)
            anchor.close()
            phone = Http(host, port)  # the page carries its token in the address, the API a header
            start = time.perf_counter()
            _ok(*phone.call("GET", f"/live/ballot/{ENGAGEMENT}?k={token}&lang=en")[:2], "the ballot page")
            phone.token = token
            _ok(*phone.call("GET", f"/live/api/{ENGAGEMENT}/ballot?lang=en")[:2], "the ballot's state")
            ballots.append(time.perf_counter() - start)
            phone.close()
    ms = lambda values: [v * 1000 for v in values]  # noqa: E731
    out = {
        "live_ballot_load_p50_ms": statistics.median(ms(ballots)),
        "live_ballot_load_p95_ms": p95(ms(ballots)),
        "live_static_page_p50_ms": statistics.median(ms(static)),
        "live_static_page_p95_ms": p95(ms(static)),
    }
    out["live_ballot_load_ratio_p50"] = out["live_ballot_load_p50_ms"] / out["live_static_page_p50_ms"]
    out["live_ballot_load_ratio_p95"] = out["live_ballot_load_p95_ms"] / out["live_static_page_p95_ms"]
    return out


class Wall(threading.Thread):
    """The wall's long poll, kept open as the wall page keeps it: every state with its arrival."""

    def __init__(self, host: str, port: str, stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.http = Http(host, port)
        self.stop = stop
        self.seen = threading.Condition()
        self.states: list[tuple[float, dict]] = []
        self.errors: list[str] = []

    def run(self) -> None:
        try:
            _ok(*self.http.call("GET", f"/live/wall/{ENGAGEMENT}")[:2], "the wall page")
            version = ""
            while not self.stop.is_set():
                status, body, _ = self.http.call("GET", f"/live/api/{ENGAGEMENT}/wall?after={version}")
                arrived = time.perf_counter()
                state = json.loads(_ok(status, body, "the wall's state"))
                version = state["version"]
                with self.seen:
                    self.states.append((arrived, state))
                    self.seen.notify_all()
        except Exception as error:  # noqa: BLE001 - reported by the caller
            self.errors.append(repr(error))
        finally:
            self.http.close()

    def showing(self, key: str, label: str, grade: str, since: int, timeout: float) -> float | None:
        """When a state from index `since` on first showed `label` voting `grade` on `key`."""
        deadline = time.monotonic() + timeout
        with self.seen:
            while True:
                for arrived, state in self.states[since:]:
                    item = next(i for i in state["items"] if i["key"] == key)
                    if {"who": label, "grade": grade} in (item["votes"] or []):
                        return arrived
                since = len(self.states)
                left = deadline - time.monotonic()
                if left <= 0 or self.errors:
                    return None
                self.seen.wait(left)


class Phone(threading.Thread):
    """One participant: votes every PAUSE_S until told to stop (or `most` votes), while its
    ballot's long poll stays open on a second connection."""

    def __init__(self, host: str, port: str, token: str, keys: list[str], seed: int, most: int, stop) -> None:
        super().__init__(daemon=True)
        self.http, self.poll = Http(host, port, token), Http(host, port, token)
        self.keys, self.rng, self.most, self.stop = keys, random.Random(seed), most, stop
        self.rtts: list[float] = []
        self.errors: list[str] = []
        self.n = 0
        self.poller = threading.Thread(target=self._poll, daemon=True)

    def vote(self, key: str, grade: str) -> float:
        self.n += 1
        status, body, took = self.http.call(
            "POST", f"/live/api/{ENGAGEMENT}/vote", {"key": key, "grade": grade, "n": self.n}
        )
        _ok(status, body, "a vote")
        self.rtts.append(took)
        return took

    def _poll(self) -> None:
        version = ""
        try:
            while not self.stop.is_set():
                status, body, _ = self.poll.call("GET", f"/live/api/{ENGAGEMENT}/ballot?after={version}")
                version = json.loads(_ok(status, body, "the ballot's long poll"))["version"]
        except Exception as error:  # noqa: BLE001 - reported by the caller
            self.errors.append(repr(error))
        finally:
            self.poll.close()

    def run(self) -> None:
        self.poller.start()
        try:
            while not self.stop.is_set() and len(self.rtts) < self.most:
                self.vote(self.rng.choice(self.keys), self.rng.choice(GRADES))
                self.stop.wait(self.rng.uniform(*PAUSE_S))
        except Exception as error:  # noqa: BLE001 - reported by the caller
            self.errors.append(repr(error))
        finally:
            self.http.close()


def voting(host: str, port: str, tokens: dict[str, str], probes: int, browser: bool = True) -> dict[str, float]:
    """Twenty-nine phones vote at PAUSE_S while the probe, the thirtieth, votes `probes` times
    (each after a pause as theirs) and waits each time for the wall's long poll to show it; then,
    the room still voting, as many times for the wall page in Chromium (`browser`)."""
    from toolkit.files._yaml import read_data
    from toolkit.model._profiles import demo_path
    from toolkit.model.schema import Requirements

    keys = [r.id for r in Requirements.model_validate(read_data(demo_path() / "requirements.yaml")).requirements]
    stop = threading.Event()
    wall = Wall(host, port, stop)
    wall.start()
    most = int(DEADLINE_S / PAUSE_S[0])
    phones = [Phone(host, port, tokens[who], keys, i, most, stop) for i, who in enumerate(PEOPLE) if who != PROBE]
    probe = Phone(host, port, tokens[PROBE], keys, 999, probes, stop)
    probe.poller.start()
    began = time.monotonic()
    for phone in phones:
        phone.start()
    to_wall: list[float] = []
    to_dom: list[float] | str = "not measured"
    last: dict[str, str] = {}
    rng = random.Random(0)
    try:
        while len(to_wall) < probes and time.monotonic() - began < DEADLINE_S:
            if wall.errors or any(p.errors for p in phones):
                break
            key = rng.choice(keys)
            grade = rng.choice([g for g in GRADES if g != last.get(key)])
            with wall.seen:
                since = len(wall.states)
            start = time.perf_counter()
            probe.vote(key, grade)
            shown = wall.showing(key, PROBE, grade, since, REQUEST_S)
            if shown is None:
                raise SystemExit(f"the wall did not show {PROBE}'s vote {grade} on {key} within {REQUEST_S:g} s")
            to_wall.append(shown - start)
            last[key] = grade
            time.sleep(rng.uniform(*PAUSE_S))
        if browser and len(to_wall) == probes:
            to_dom = in_a_thread(lambda: wall_in_chromium(host, port, probe, probes, began, last.get(CURRENT, "")))
    finally:
        stop.set()
        close_session(host, port)  # every ballot's state changes: each long poll answers, sees the stop
        for thread in [*phones, wall, probe.poller, *(p.poller for p in phones)]:
            thread.join(REQUEST_S)
        probe.http.close()
    errors = [e for t in [wall, probe, *phones] for e in t.errors]
    if errors:
        raise SystemExit(f"the live benchmark's clients failed: {errors[:3]}")
    if len(to_wall) < probes:
        raise SystemExit(f"{len(to_wall)} of {probes} probes within {DEADLINE_S:g} s")
    rtts = [t * 1000 for p in [probe, *phones] for t in p.rtts]
    walls = [t * 1000 for t in to_wall]
    out: dict[str, float | str] = {
        "live_vote_rtt_p50_ms": statistics.median(rtts),
        "live_vote_rtt_p95_ms": p95(rtts),
        "live_vote_to_wall_p50_ms": statistics.median(walls),
        "live_vote_to_wall_p95_ms": p95(walls),
    }
    if isinstance(to_dom, str):
        out["live_vote_to_wall_page_p50_ms"] = out["live_vote_to_wall_page_p95_ms"] = to_dom
    else:
        out["live_vote_to_wall_page_p50_ms"] = statistics.median(t * 1000 for t in to_dom)
        out["live_vote_to_wall_page_p95_ms"] = p95([t * 1000 for t in to_dom])
    out["live_votes"] = float(len(rtts))
    return out


def in_a_thread(work: Callable[[], T]) -> T:
    """`work` on a thread of its own: Playwright's sync API refuses a thread where an asyncio loop
    runs (a test process's own Playwright session, say)."""
    result: list[T] = []
    errors: list[BaseException] = []

    def run() -> None:
        try:
            result.append(work())
        except BaseException as error:  # noqa: BLE001 - raised again on the caller's thread
            errors.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(DEADLINE_S + REQUEST_S)
    if errors:
        raise errors[0]
    if not result:
        raise SystemExit(f"the wall page's probes did not end within {DEADLINE_S + REQUEST_S:g} s")
    return result[0]


#: on the wall page: the current requirement's bar for `grade` names `who` (named, open session)
WALL_SHOWS_JS = """([grade, who]) => {
  const names = document.querySelector('.wall-bar-' + grade + ' .wall-bar-names');
  return !!names && names.textContent.split(', ').includes(who);
}"""


def wall_in_chromium(host: str, port: str, probe: Phone, probes: int, began: float, last: str) -> list[float] | str:
    """Seconds from each of the probe's votes on the current requirement until the wall page at
    `/live/wall/E`, open in Debian's headless Chromium, shows it in its DOM (the probe's name on
    the bar of its grade; `last` its vote there so far); "not installed" without Playwright or
    Chromium."""
    import shutil

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return "not installed (playwright)"
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        return "not installed (chromium)"
    from benchmarks._apps import CHROMIUM_ARGS

    times: list[float] = []
    rng = random.Random(1)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            tab = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
            tab.goto(f"http://{host}:{port}/live/wall/{ENGAGEMENT}?lang=en")
            tab.wait_for_selector(".wall-bars", timeout=REQUEST_S * 1000)
            while len(times) < probes and time.monotonic() - began < DEADLINE_S:
                grade = rng.choice([g for g in GRADES if g != last])
                start = time.perf_counter()
                probe.vote(CURRENT, grade)
                tab.wait_for_function(WALL_SHOWS_JS, arg=[grade, PROBE], timeout=REQUEST_S * 1000)
                times.append(time.perf_counter() - start)
                last = grade
                time.sleep(rng.uniform(*PAUSE_S))
        finally:
            browser.close()
    return times or f"none within {DEADLINE_S:g} s"


def live_figures(runs: int) -> dict[str, float | str]:
    """{name: value} for NAMES: ballot loads in `max(1, runs // 2)` rounds of thirty, then the
    room voting for `6 * runs` probes (3 for a single run: the test suite's smoke test)."""
    with tempfile.TemporaryDirectory(prefix="crm-toolkit-live-") as tmp, live_server(Path(tmp)) as (host, port, tokens):
        out: dict[str, float | str] = {**ballot_loads(host, port, tokens, max(1, runs // 2))}
        out.update(voting(host, port, tokens, 6 * runs if runs > 1 else 3))  # one run: a smoke test
    return out
