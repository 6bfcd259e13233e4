"""What every app page shares: the engagement chosen on the server side, the request's language,
the page frame (header, language switch, message area), safe callbacks, charts and downloads.

Widgets are a thin layer: pages call the pure functions of scoring/, rollout/ and
requirements_matrix/ and show what they return. A problem in the user's input is shown on the
page as the toolkit's one-line `FILE:LINE: field: message`, never as a traceback.
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import html
import io
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import parse_qs, quote

import ipywidgets as w

from ..files._i18n import LANGS, label
from ..files._problems import InvalidInput, Problem, ToolkitError
from ._illustrative import banner_html

#: the folder holding the engagements the server may open (set by `crm-toolkit app`)
ROOT_ENV = "CRM_TOOLKIT_ENGAGEMENTS"
#: the engagement opened when the request names none
DEFAULT_ENV = "CRM_TOOLKIT_ENGAGEMENT"
#: the address participants reach the server at (`crm-toolkit app --share`), for their links
PUBLIC_URL_ENV = "CRM_TOOLKIT_PUBLIC_URL"
#: "1": nothing may be changed (`crm-toolkit app --read-only`): no save button, writes refused
READ_ONLY_ENV = "CRM_TOOLKIT_READ_ONLY"
LOG = logging.getLogger("crm_toolkit.apps")

CSS = """
<style>
.crm-page { max-width: 1280px; margin: 0 auto; padding: 8px 20px 32px; font-family: "Noto Sans", "Noto Sans CJK SC",
  "Source Han Sans SC", "Segoe UI", "PingFang SC", "Microsoft YaHei", sans-serif; color: #1d2733; }
.crm-page .widget-label, .crm-page .widget-html, .crm-page button, .crm-page input, .crm-page select {
  font-family: inherit; }
.crm-header { display: flex; align-items: baseline; justify-content: space-between; gap: 16px;
  border-bottom: 3px solid #1f3a5f; padding: 10px 0 8px; margin-bottom: 12px; }
.crm-title { font-size: 26px; font-weight: 700; color: #1f3a5f; margin: 0; line-height: 1.2; }
.crm-subtitle { font-size: 15px; color: #6b7785; margin-top: 2px; }
.crm-section { font-size: 18px; font-weight: 700; color: #1f3a5f; margin: 18px 0 6px; }
.crm-note { font-size: 13px; color: #6b7785; }
.crm-ok { color: #1d6b3a; }
.crm-problems { border-left: 4px solid #a23b3b; background: #fbf1f1; padding: 10px 14px; margin: 8px 0;
  font-size: 14px; color: #5a1f1f; }
.crm-problems code { white-space: pre-wrap; font-size: 13px; }
.crm-warning { border-left: 4px solid #c9a66b; background: #fbf6ec; padding: 8px 12px; margin: 8px 0; font-size: 14px; }
.crm-table { border-collapse: collapse; width: 100%; font-size: 14px; }
.crm-table th { background: #1f3a5f; color: #fff; text-align: left; padding: 6px 8px; font-weight: 600; }
.crm-table td { border-bottom: 1px solid #d9dee4; padding: 5px 8px; vertical-align: top; }
.crm-table td.num, .crm-table th.num { text-align: right; font-variant-numeric: tabular-nums; }
.crm-download a { display: inline-block; padding: 6px 14px; margin-right: 8px; border: 1px solid #1f3a5f;
  border-radius: 4px; color: #1f3a5f; text-decoration: none; font-weight: 600; }
.crm-download a:hover { background: #1f3a5f; color: #fff; }
</style>
"""


# --- the request -------------------------------------------------------------------------------


def request_params() -> dict[str, str]:
    """The page's query string (`?engagement=NAME&lang=zh`), waiting for it in a preheated kernel."""
    if os.environ.get("VOILA_PREHEAT") == "True":
        from voila.utils import wait_for_request

        wait_for_request()
    query = parse_qs(os.environ.get("QUERY_STRING", ""))
    return {k: v[-1] for k, v in query.items() if v}


def request_lang(params: dict[str, str]) -> str:
    lang = params.get("lang", "en")
    return lang if lang in LANGS else "en"


def engagements_roots() -> list[Path]:
    """The folders of engagements the server may open: the consultant's own first, then any
    shared ones (a team's folder on a hub), as ROOT_ENV lists them (os.pathsep between)."""
    return [Path(p).resolve() for p in os.environ.get(ROOT_ENV, "").split(os.pathsep) if p]


def engagements_root() -> Path | None:
    """The first engagements folder (the consultant's own)."""
    roots = engagements_roots()
    return roots[0] if roots else None


Roots = Path | Sequence[Path] | None


def _roots(root: Roots) -> list[Path]:
    if root is None:
        return engagements_roots()
    return [root] if isinstance(root, Path) else list(root)


def resolve_engagement(name: str | None, root: Roots = None, lang: str = "en") -> Path:
    """The engagement folder `name` under the engagements root (the first of the roots holding
    it), chosen on the server side.

    A name from the browser is a plain folder name: a path separator, `..`, an absolute path, a
    symlink or anything that resolves outside the root is refused, whatever exists on disk.
    """
    roots = _roots(root)
    if not roots:
        raise ToolkitError(label("app_no_root", lang))
    name = name or os.environ.get(DEFAULT_ENV) or ""
    refused = ToolkitError(label("app_refused", lang, name=name))
    if not name or name in (".", "..") or "/" in name or "\\" in name or "\x00" in name or Path(name).is_absolute():
        raise refused
    for folder in roots:
        path = folder / name
        if path.is_symlink() or path.resolve().parent != folder:
            raise refused
        if path.is_dir():
            return path
    raise ToolkitError(label("app_not_found", lang, name=name))


def engagement_names(root: Roots = None) -> list[str]:
    """The engagement folders under the roots (folders holding engagement.yaml), sorted; a name
    in two roots once (the first root's folder is the one opened)."""
    names: set[str] = set()
    for folder in _roots(root):
        if folder.is_dir():
            names |= {
                p.name
                for p in folder.iterdir()
                if p.is_dir() and not p.is_symlink() and (p / "engagement.yaml").is_file()
            }
    return sorted(names)


def read_only() -> bool:
    """Whether the server shows the engagements without letting anyone change them (an
    executive's server on a hub: `crm-toolkit app --read-only`)."""
    return os.environ.get(READ_ONLY_ENV) == "1"


def app_link(app: str, engagement: str, lang: str) -> str:
    """The address of one app for one engagement, relative to the page."""
    return f"{app}.ipynb?engagement={quote(engagement)}&lang={lang}"


# --- showing things ----------------------------------------------------------------------------


def escape(text: object) -> str:
    return html.escape(str(text), quote=True)


def problems_html(problems: list[Problem] | list[str], lang: str = "en", title: str | None = None) -> str:
    """One line per problem, as the CLI prints them, in a box a person reads first."""
    head = escape(title or label("app_problems_title", lang))
    lines = "<br>".join(f"<code>{escape(p)}</code>" for p in problems)
    return f'<div class="crm-problems"><b>{head}</b><br>{lines}</div>'


def _on_page(problem: Problem) -> Problem:
    """The problem naming its file from the engagements root (`acme/requirements.yaml`), never by
    the server's own path."""
    path = Path(problem.file).resolve()
    shown = next((str(path.relative_to(r)) for r in engagements_roots() if path.is_relative_to(r)), path.name)
    return dataclasses.replace(problem, file=shown)


def error_lines(error: BaseException) -> list[str]:
    """What a person should read about an error: the problems, or the one-line message."""
    if isinstance(error, InvalidInput):
        return [str(_on_page(p)) for p in error.problems if p.is_error] or [str(error)]
    if isinstance(error, ToolkitError):
        return [str(error)]
    return [f"{type(error).__name__}: {error}"]


def in_kernel() -> bool:
    """True inside a Jupyter kernel (Voila, JupyterLab), whose event loop runs the page's callbacks."""
    try:
        from IPython import get_ipython
    except ImportError:
        return False
    shell = get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def html_widget(*classes: str, value: str = "") -> w.HTML:
    """An HTML widget with CSS classes (the stable selectors tests and styles use)."""
    widget = w.HTML(value)
    for cls in classes:
        widget.add_class(cls)
    return widget


def figure_png(fig, dpi: int = 110) -> bytes:
    """A matplotlib Figure as PNG bytes (a Figure displayed from a callback shows as text)."""
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
    return buf.getvalue()


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download_link(data: bytes, filename: str, mime: str, text: str) -> str:
    """A link that downloads `data` (a data URI: the bytes travel with the page, keep them small)."""
    payload = base64.b64encode(data).decode("ascii")
    return f'<a download="{escape(filename)}" href="data:{mime};base64,{payload}">{escape(text)}</a>'


class Page:
    """The frame of every app page: title, engagement, language switch, message area, body."""

    title_key = "app_title"

    def __init__(self, lang: str = "en") -> None:
        self.lang = lang
        self.title = w.HTML()
        self.lang_switch = w.ToggleButtons(
            options=[("English", "en"), ("中文", "zh")], value=lang, style={"button_width": "72px"}
        )
        self.lang_switch.add_class("crm-lang")
        self.lang_switch.observe(self.guard(self._on_lang), "value")
        self.message = w.HTML()
        self.message.add_class("crm-message")
        self.illustrative = html_widget("crm-illustrative-banner")  # an illustrative engagement's banner
        self.body = w.VBox()
        header = w.HBox([self.title, self.lang_switch], layout=w.Layout(justify_content="space-between"))
        header.add_class("crm-header")
        self.widget = w.VBox([w.HTML(CSS), header, self.illustrative, self.message, self.body])
        self.widget.add_class("crm-page")

    # subclasses: set the title text and redraw their labels for `lang`
    def heading(self) -> tuple[str, str]:
        return label(self.title_key, self.lang), ""

    def relabel(self) -> None:
        """Redraw every label in `self.lang`."""

    def _on_lang(self, change) -> None:
        self.lang = change["new"]
        self.show_title()
        self.relabel()

    def show_title(self) -> None:
        title, subtitle = self.heading()
        sub = f'<div class="crm-subtitle">{escape(subtitle)}</div>' if subtitle else ""
        self.title.value = f'<div class="crm-title">{escape(title)}</div>{sub}'
        engagement = getattr(self, "engagement", None)  # the pages that opened one
        self.illustrative.value = banner_html(engagement.settings.illustrative if engagement else None, self.lang)

    def say(self, text: str = "", kind: str = "note") -> None:
        """A one-line status under the header ("" clears it)."""
        self.message.value = f'<div class="crm-{kind}">{escape(text)}</div>' if text else ""

    def show_error(self, error: BaseException) -> None:
        if not isinstance(error, ToolkitError):
            LOG.exception("unexpected error in an app callback")
        self.message.value = problems_html(error_lines(error), self.lang)

    def guard(self, callback: Callable) -> Callable:
        """The callback with every error shown on the page, never as a traceback."""

        @functools.wraps(callback)
        def run(*args, **kwargs):
            try:
                return callback(*args, **kwargs)
            except Exception as error:  # noqa: BLE001 - the page is the last place to show it
                self.show_error(error)
                return None

        return run

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


class ErrorPage(Page):
    """What a page shows when it cannot open its engagement at all."""

    def __init__(self, error: BaseException, lang: str = "en") -> None:
        super().__init__(lang)
        self.error = error
        self.show_title()
        self.show_error(error)

    def relabel(self) -> None:
        self.show_error(self.error)


def open_page(build: Callable[[Path, str], Page]) -> Page:
    """Read the request, resolve its engagement and build the page; any failure is an ErrorPage.
    A read-only server builds only pages that save nothing (`read_only_ok`), however the request
    reached the notebook."""
    params = request_params()
    lang = request_lang(params)
    try:
        if read_only() and not getattr(build, "read_only_ok", False):
            raise ToolkitError(label("app_read_only", lang))
        return build(resolve_engagement(params.get("engagement"), lang=lang), lang)
    except Exception as error:  # noqa: BLE001 - shown on the page
        if not isinstance(error, ToolkitError):
            LOG.exception("cannot open the page")
        return ErrorPage(error, lang)


#: set by the test suite: the notebooks' last cell then checks the page it built
CHECK_ENV = "CRM_TOOLKIT_NOTEBOOK_CHECK"


def check_page(page: Page) -> None:
    """The notebooks' last cell: under nbval, fail loudly if the page is an error page or its own
    `self_check` fails; when served, nothing (a served page shows its problems itself)."""
    if os.environ.get(CHECK_ENV) != "1":
        return
    if isinstance(page, ErrorPage):
        raise AssertionError(f"the page could not open: {error_lines(page.error)}")
    check = getattr(page, "self_check", None)
    if check is not None:
        check()
