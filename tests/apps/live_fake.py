"""A fake of the live workshop's HTTP API (docs/live-workshop.md) for the pages' browser tests: a
tornado app on 127.0.0.1 in a thread, serving the real pages at the documented paths (also behind
the prefix `/user/alice`) and canned JSON; it counts requests, records POST bodies and can go away
and come back on the same port."""

from __future__ import annotations

import asyncio
import copy
import json
import socket
import threading
from collections import Counter

import tornado.httpserver
import tornado.web

from toolkit.apps._live_pages import ballot_html, room_html, wall_html

TOKENS = {"tok-sales": "sales_director", "tok-it": "it_manager"}
ROOM_TOKEN = "tok-room"
PEOPLE = {
    "en": [
        ("sales_director", "Wang Fang", "Sales director"),
        ("it_manager", "Li Lei", "IT manager"),
        ("service_lead", "Zhao Min", "Service lead"),
    ],
    "zh": [
        ("sales_director", "王芳", "销售总监"),
        ("it_manager", "李雷", "信息技术经理"),
        ("service_lead", "赵敏", "客服主管"),
    ],
}
ITEMS = {
    "en": [
        ("R01", "Lead capture from the website", "Sales"),
        ("R02", "Quote approval workflow", "Sales"),
        ("R03", "Service tickets with SLA timers", "Service"),
        ("R04", "ERP order sync", "Integration"),
    ],
    "zh": [
        ("R01", "官网线索自动采集", "销售"),
        ("R02", "报价审批流程", "销售"),
        ("R03", "带服务时限计时的工单", "服务"),
        ("R04", "与ERP订单同步", "集成"),
    ],
}
DESCRIPTION = {
    "en": "Every web form creates a lead assigned to the right sales rep within a minute.",
    "zh": "每个网页表单在一分钟内生成线索,并分配给对应的销售代表。",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Fake:
    def __init__(self) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.requests: Counter[str] = Counter()
        self.posts: list[tuple[str, dict, dict]] = []  # (path, body, headers)
        self.loop = asyncio.new_event_loop()
        self.server: tornado.httpserver.HTTPServer | None = None
        self.reset()

    # --- the canned state ----------------------------------------------------------------------
    def reset(self, lang: str = "en", pace: str = "facilitated") -> None:
        self.lang, self.version, self.open, self.pace = lang, 1, True, pace
        self.votes: dict[str, dict] = {}
        self.timer_ends: float | None = None
        self.taken = {"it_manager"}
        self.current = "R03"
        self.requests.clear()
        self.posts.clear()

    def bump(self) -> None:
        self.version += 1

    def ballot(self, who: str) -> dict:
        person = next(p for p in PEOPLE[self.lang] if p[0] == who)
        items = [
            {
                "key": k,
                "title": title,
                "description": DESCRIPTION[self.lang],
                "section": section,
                "vote": self.votes.get(k, {}).get("grade"),
                "n": self.votes.get(k, {}).get("n"),
            }
            for k, title, section in ITEMS[self.lang]
        ]
        return {
            "version": f"v:{self.version}",
            "engagement": "demo",
            "client": "Demo Manufacturing" if self.lang == "en" else "示范制造",
            "stakeholder": {"id": who, "name": person[1], "role": person[2]},
            "open": self.open,
            "pace": self.pace,
            "blind": True,
            "now": 1796290000.0,
            "timer_ends": self.timer_ends,
            "current": "R03",
            "items": [i for i in items if i["key"] == "R03"] if self.pace == "facilitated" else items,
        }

    def wall(self) -> dict:
        people = PEOPLE[self.lang]
        who = [f"{p[1]} · {p[2]}" for p in people]
        agreement = {
            "R01": {"level": "high", "share": 1.0, "votes": 3},
            "R02": {"level": "contested", "share": 0.34, "votes": 3},
            "R03": None,
            "R04": {"level": "medium", "share": 0.67, "votes": 3},
        }
        counts = {
            "R01": {"must": 3, "could": 0, "wont": 0},
            "R02": {"must": 1, "could": 1, "wont": 1},
            "R04": {"must": 0, "could": 2, "wont": 1},
        }
        items = [
            {
                "key": k,
                "title": title,
                "section": section,
                "revealed": k != "R03",
                "voters": who if k != "R03" else who[:2],
                "counts": counts.get(k),
                "votes": [{"who": w, "grade": g} for w, g in zip(who, ("must", "could", "wont"), strict=True)]
                if k == "R02"
                else None,
                "agreement": agreement[k],
                "consensus": None,
                "final": "must" if k == "R01" else None,
            }
            for k, title, section in ITEMS[self.lang]
        ]
        return {
            "version": f"w:{self.version}",
            "open": self.open,
            "pace": "facilitated",
            "blind": True,
            "anonymous": False,
            "auto_reveal": True,
            "now": 1796290000.0,
            "timer_ends": self.timer_ends,
            "current": self.current,
            "participants": [
                {"id": p[0], "name": p[1], "role": p[2], "joined": i < 2, "online": i == 0, "voted_current": i == 0}
                for i, p in enumerate(people)
            ],
            "items": items,
            "summary": {"must": [f"R01 {ITEMS[self.lang][0][1]}"], "could": [], "wont": []},
        }

    # --- serving -------------------------------------------------------------------------------
    def app(self) -> tornado.web.Application:
        fake = self
        prefix = r"(?:/user/alice)?"

        class Page(tornado.web.RequestHandler):
            def get(self, kind: str, engagement: str) -> None:
                fake.requests[f"page {kind}"] += 1
                make = {"ballot": ballot_html, "room": room_html, "wall": wall_html}[kind]
                self.write(make(engagement, self.get_argument("lang", "en")))

        class Api(tornado.web.RequestHandler):
            def answer(self, status: int, data: dict) -> None:
                self.set_status(status)
                self.set_header("Content-Type", "application/json")
                self.finish(json.dumps(data))

            def who(self) -> str | None:
                return TOKENS.get(self.request.headers.get("Authorization", "").removeprefix("Bearer "))

            async def get(self, engagement: str, what: str) -> None:
                fake.requests[f"GET {what}"] += 1
                after = self.get_argument("after", None)
                if what in ("ballot", "wall") and after is not None:
                    for _ in range(20):  # a short long-poll: a change or a second
                        if not after.endswith(f":{fake.version}"):
                            break
                        await asyncio.sleep(0.05)
                if what == "ballot":
                    who = self.who()
                    return self.answer(200, fake.ballot(who)) if who else self.answer(403, {"error": "no"})
                if what == "room":
                    if self.request.headers.get("Authorization") != f"Bearer {ROOM_TOKEN}":
                        return self.answer(403, {"error": "no"})
                    people = [
                        {"id": p[0], "name": p[1], "role": p[2], "taken": p[0] in fake.taken} for p in PEOPLE[fake.lang]
                    ]
                    return self.answer(200, {"stakeholders": people})
                if what == "wall":
                    return self.answer(200, fake.wall())
                base = self.get_argument("base")
                svg = (
                    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 4"><path d="M0 0h2v2H0zM2 2h2v2H2z"/></svg>'
                )
                people = [
                    {
                        "id": p[0],
                        "name": p[1],
                        "role": p[2],
                        "url": f"{base}/live/ballot/{engagement}?k=t{i}",
                        "qr": svg,
                    }
                    for i, p in enumerate(PEOPLE[fake.lang])
                ]
                self.answer(
                    200,
                    {
                        "room": {"url": f"{base}/live/room/{engagement}?k={ROOM_TOKEN}", "qr": svg},
                        "stakeholders": people,
                    },
                )

            def post(self, engagement: str, what: str) -> None:
                fake.requests[f"POST {what}"] += 1
                body = json.loads(self.request.body)
                fake.posts.append((what, body, dict(self.request.headers)))
                if what == "vote":
                    if not self.who():
                        return self.answer(403, {"error": "no"})
                    if not fake.open:
                        return self.answer(409, {"error": "closed"})
                    last = fake.votes.get(body["key"])
                    if last is None or body["n"] > last["n"]:
                        fake.votes[body["key"]] = {"grade": body["grade"], "n": body["n"]}
                        fake.bump()
                    now = fake.votes[body["key"]]
                    return self.answer(
                        200, {"key": body["key"], "vote": now["grade"], "n": now["n"], "version": f"v:{fake.version}"}
                    )
                if what == "join":
                    if body["stakeholder"] in fake.taken:
                        return self.answer(409, {"error": "taken"})
                    fake.taken.add(body["stakeholder"])
                    token = next(k for k, v in TOKENS.items() if v == body["stakeholder"])
                    return self.answer(200, {"ballot": f"/live/ballot/{engagement}?k={token}"})
                fake.bump()
                self.answer(200, {"ok": True})

        return tornado.web.Application(
            [
                (prefix + r"/live/(ballot|room|wall)/([^/]+)", Page),
                (prefix + r"/live/api/([^/]+)/(ballot|room|wall|links|vote|join|control)", Api),
            ]
        )

    def _run(self, coro_factory) -> None:
        asyncio.run_coroutine_threadsafe(coro_factory(), self.loop).result(timeout=30)

    def up(self) -> None:
        async def listen() -> None:
            self.server = self.app().listen(self.port, "127.0.0.1")

        self._run(listen)

    def down(self) -> None:
        """The server goes away: it stops listening and drops every open connection."""

        async def stop() -> None:
            assert self.server is not None
            self.server.stop()
            await self.server.close_all_connections()

        self._run(stop)

    def __enter__(self) -> Fake:
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.up()
        return self

    def __exit__(self, *exc: object) -> None:
        self.down()
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)
        self.loop.close()

    def votes_posted(self) -> list[dict]:
        return [copy.deepcopy(body) for path, body, _ in self.posts if path == "vote"]
