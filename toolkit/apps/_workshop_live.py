"""The workshop page's live session panel: who takes part, how the room votes, start; then the
wall (served beside Voila, toolkit.apps._live_server) inside the page and in a tab of its own.

Widgets only: starting a session and adding a person go through the method's functions
(`start_session`, `save_change`), and the wall reads the files those write.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import ipywidgets as w

from ..files._i18n import label
from ..model._stakeholders import stakeholder_label
from ..model.schema import Requirements
from ..requirements_matrix._live_session import WEIGHTINGS, load_session, start_session
from ..requirements_matrix._store import Change, new_stakeholder_id, save_change, voters
from ._shell import escape

#: the wall's address from the workshop page (/voila/render/workshop.ipynb): two levels up
WALL_FROM_PAGE = "../../live/wall/{name}?lang={lang}"
#: how often the page looks whether ballots changed requirements.yaml while a session is open
WATCH_S = 2.0


def people_of(requirements: Requirements) -> list[str]:
    """Everyone who can take part: the listed stakeholders, then anyone else who has voted."""
    listed = [s.id for s in requirements.stakeholders]
    return listed + [v for v in voters(requirements) if v not in listed]


class LivePanel:
    """Start a live session, or show the one that is open (`widget` goes on the page)."""

    def __init__(self, folder: Path, lang: str, guard: Callable, say: Callable, saved: Callable) -> None:
        self.folder, self.lang, self.say, self.saved = folder, lang, say, saved
        self.requirements = Requirements()
        self.title, self.intro, self.people_title, self.status = w.HTML(), w.HTML(), w.HTML(), w.HTML()
        self.people = w.VBox(layout=w.Layout(flex_flow="row wrap"))
        self.people.add_class("ws-live-people")
        self.name = w.Text(layout=w.Layout(width="200px"))
        self.role = w.Text(layout=w.Layout(width="220px"))
        self.add = w.Button(icon="user-plus")
        self.add.on_click(guard(lambda _: self._add_person()))
        self.mode = w.ToggleButtons(style={"button_width": "250px"})
        self.wall_names = w.ToggleButtons(style={"button_width": "250px"})
        self.pace = w.ToggleButtons(style={"button_width": "250px"})
        self.auto_reveal = w.Checkbox(value=True, indent=False)
        self.weighting = w.Dropdown(layout=w.Layout(width="520px"), style={"description_width": "initial"})
        self.weighting.add_class("ws-live-weighting")
        self.start = w.Button(icon="play", button_style="primary")
        self.start.add_class("ws-live-start")
        self.start.on_click(guard(lambda _: self._start()))
        self.new = w.Button(icon="plus")
        self.new.add_class("ws-live-new")
        self.new.on_click(guard(lambda _: self._new()))
        self.wall = w.HTML()
        self.wall.add_class("ws-live-wall")
        self.form = w.VBox(
            [
                self.intro,
                self.people_title,
                self.people,
                w.HBox([self.name, self.role, self.add]),
                self.mode,
                self.wall_names,
                self.pace,
                self.auto_reveal,
                self.weighting,
                self.start,
            ]
        )
        self.form.add_class("ws-live-form")
        self.widget = w.VBox([self.title, self.status, self.new, self.form, self.wall])
        self.widget.add_class("ws-live")
        self.checks: dict[str, w.Checkbox] = {}
        self._shown: tuple = ()
        self.forced = False
        self._task: asyncio.Task[None] | None = None
        self.relabel(lang)

    def relabel(self, lang: str) -> None:
        self.lang = lang
        self.title.value = f'<div class="crm-section">{escape(label("ws_live_title", lang))}</div>'
        self.intro.value = f'<div class="crm-note">{escape(label("ws_live_intro", lang))}</div>'
        self.people_title.value = f"<b>{escape(label('ws_live_people', lang))}</b>"
        self.name.placeholder = label("ws_live_add_name", lang)
        self.role.placeholder = label("ws_live_add_role", lang)
        self.add.description = label("ws_live_add", lang)
        for toggle, first, second in (
            (self.mode, ("ws_live_blind", "blind"), ("ws_live_open", "open")),
            (self.wall_names, ("ws_live_named", "named"), ("ws_live_anonymous", "anonymous")),
            (self.pace, ("ws_live_facilitated", "facilitated"), ("ws_live_own_pace", "own")),
        ):
            value = toggle.value or first[1]
            toggle.options = [(label(first[0], lang), first[1]), (label(second[0], lang), second[1])]
            toggle.value = value
        self.auto_reveal.description = label("ws_live_auto_reveal", lang)
        weighting = self.weighting.value or ""
        self.weighting.options = [(label(f"ws_live_weighting_{m or 'none'}", lang), m) for m in ("", *WEIGHTINGS)]
        self.weighting.value = weighting
        self.weighting.description = label("ws_live_weighting", lang)
        self.start.description = label("ws_live_start", lang)
        self.new.description = label("ws_live_new", lang)
        self.new.tooltip = label("ws_live_new_note", lang)
        self.show(self.requirements)

    def show(self, requirements: Requirements) -> None:
        """The people to pick from (rebuilt only when they change), and the form or the session."""
        self.requirements = requirements
        people = tuple((who, stakeholder_label(requirements, who, self.lang)) for who in people_of(requirements))
        if people != self._shown:
            self._shown = people
            ticked = {who for who, box in self.checks.items() if box.value}
            fresh = not self.checks
            self.checks = {
                who: w.Checkbox(
                    value=fresh or who in ticked, description=text, indent=False, layout=w.Layout(width="280px")
                )
                for who, text in people
            }
            for who, box in self.checks.items():
                box.add_class(f"ws-live-person-{who}")
            self.people.children = list(self.checks.values())
        self._show_form(self.forced)

    def _new(self) -> None:
        self.forced = True
        self._show_form(True)

    def watch(self, changed: Callable[[], None]) -> None:
        """Call `changed` when requirements.yaml changes while a session is open (ballots' votes
        folded in), from a task on the kernel's loop; outside a kernel's loop, nothing."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        self._task = loop.create_task(self._watch(changed))  # kept: the loop holds tasks weakly

    async def _watch(self, changed: Callable[[], None]) -> None:
        path = self.folder / "requirements.yaml"
        last = None
        while True:
            await asyncio.sleep(WATCH_S)
            try:
                st = os.stat(path)
                now = (st.st_mtime_ns, st.st_size)
                if last is not None and now != last:
                    session = load_session(self.folder)
                    if session is not None and session.open:
                        changed()
                last = now
            except Exception:  # noqa: BLE001 - a half-edited file: the next look tries again
                continue

    def _show_form(self, force: bool) -> None:
        session = load_session(self.folder)
        running = session is not None and session.open
        self.form.layout.display = "" if (force or not running) else "none"
        self.new.layout.display = "" if running and not force else "none"
        if session is None:
            self.status.value, self.wall.value = "", ""
            return
        mode = label("ws_live_blind" if session.blind else "ws_live_open", self.lang)
        key = "ws_live_running" if session.open else "ws_live_closed_note"
        note = label(key, self.lang, n=len(session.stakeholders), mode=mode)
        self.status.value = f'<div class="crm-note">{escape(note)}</div>'
        url = WALL_FROM_PAGE.format(name=quote(self.folder.name), lang=self.lang)
        self.wall.value = (
            f'<a class="ws-live-wall-link" href="{escape(url)}" target="_blank" rel="noopener">'
            f"{escape(label('ws_live_open_wall', self.lang))}</a>"
            f'<iframe class="ws-live-frame" src="{escape(url)}" title="wall" '
            'style="width:100%;height:820px;border:1px solid #d0d7de;border-radius:6px"></iframe>'
        )

    def _add_person(self) -> None:
        name, role = self.name.value.strip(), self.role.value.strip()
        if not name:
            self.say(label("ws_live_name_missing", self.lang), "warning")
            return
        who = new_stakeholder_id(people_of(self.requirements), name)
        requirements, _ = save_change(self.folder, Change(who, "stakeholder", name=name, role=role), self.lang)
        self.name.value = self.role.value = ""
        self.checks[who] = w.Checkbox(value=True)
        self.saved(requirements)
        self.say(label("ws_live_added", self.lang, name=stakeholder_label(requirements, who, self.lang)))

    def _start(self) -> None:
        picked = [who for who, box in self.checks.items() if box.value]
        if not picked:
            self.say(label("ws_live_none_picked", self.lang), "warning")
            return
        self.forced = False
        start_session(
            self.folder,
            picked,
            blind=self.mode.value == "blind",
            anonymous=self.wall_names.value == "anonymous",
            pace=self.pace.value,
            auto_reveal=self.auto_reveal.value,
            weighting=self.weighting.value or None,
        )
        self._show_form(False)
        self.say(label("ws_live_started", self.lang, n=len(picked)))
