"""A client of the live workshop's HTTP API, as a phone or the wall speaks it (stdlib only, so a
load test can run thirty of them on threads): one line per answer, never a browser."""

from __future__ import annotations

import http.cookiejar
import json
import urllib.error
import urllib.request
from pathlib import Path

from toolkit.requirements_matrix._live_session import Session, load_session, token_of


class Answer:
    def __init__(self, status: int, body: bytes) -> None:
        self.status, self.body = status, body

    @property
    def json(self):
        return json.loads(self.body)

    def __repr__(self) -> str:
        return f"{self.status} {self.body[:200]!r}"


class Client:
    """Requests to one server; a consultant's client keeps cookies and sends the XSRF header."""

    def __init__(self, base: str, token: str | None = None, timeout: float = 60) -> None:
        self.base, self.token, self.timeout = base, token, timeout
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def request(
        self, path: str, body: object = None, *, raw: bytes | None = None, headers: dict | None = None
    ) -> Answer:
        data = raw if raw is not None else (None if body is None else json.dumps(body).encode())
        req = urllib.request.Request(self.base + path, data=data, method="POST" if data is not None else "GET")
        req.add_header("Content-Type", "application/json")
        if self.token:
            req.add_header("Authorization", f"Bearer {self.token}")
        xsrf = next((c.value for c in self.jar if c.name == "_xsrf"), None)
        if xsrf and data is not None:
            req.add_header("X-XSRFToken", xsrf)
        for k, v in (headers or {}).items():
            req.add_header(k, v)
        try:
            with self.opener.open(req, timeout=self.timeout) as f:
                return Answer(f.status, f.read())
        except urllib.error.HTTPError as e:
            return Answer(e.code, e.read())


def consultant(base: str, engagement: str) -> Client:
    """The wall's client: its page loaded once for the XSRF cookie."""
    client = Client(base)
    answer = client.request(f"/live/wall/{engagement}")
    assert answer.status == 200, answer
    return client


def participant(base: str, folder: Path, who: str) -> Client:
    session = load_session(folder)
    assert isinstance(session, Session)
    return Client(base, token_of(session, who))
