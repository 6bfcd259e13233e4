"""English left in a Chinese output: runs of three or more English words that are not a page's
title as published, an address, a vendor's or product's name as the profiles give it for zh, or
a phrase our own Chinese text keeps (a product name inside a zh note).

`english_runs(texts, engagement)` takes the output's texts (an HTML page's text nodes, a
workbook's cells, a deck's paragraphs) and returns the runs that remain: each is English of ours
(the catalog's or a profile's English, or a string built in code) that a zh reader would read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser

from pydantic import BaseModel

from toolkit.files._i18n import messages
from toolkit.model._engagement import Engagement
from toolkit.model.schema import LocalizedText, text_of

WORD = r"[A-Za-z][A-Za-z'’]*(?:-[A-Za-z]+)*"
#: three or more English words, apart only by spaces and the punctuation inside an English phrase
RUN = re.compile(rf"{WORD}(?:[ ,;:&/()+.'’-]+{WORD}){{2,}}")
ADDRESS = re.compile(r"(?:https?://|seed:)\S+|\b[\w-]+(?:\.[\w-]+)+(?:/\S*)?")
_BREAK = "\x00"  # what a removed string leaves: no run crosses it


class _Text(HTMLParser):
    """The text nodes of a page; code, styles and scripts left out (ids, CSS, JSON)."""

    SKIP = frozenset({"code", "style", "script"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nodes: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.nodes.append(data)


def html_texts(page: str) -> list[str]:
    parser = _Text()
    parser.feed(page)
    return parser.nodes


def english_words(texts: Iterable[str]) -> int:
    """Every English word in the texts (a measure, not a test: names and titles count too)."""
    return sum(len(re.findall(WORD, ADDRESS.sub(" ", t))) for t in texts)


def _walk(value: object) -> Iterator[object]:
    """Every value inside a model, mapping or list (a LocalizedText is one value)."""
    if isinstance(value, LocalizedText):
        yield value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name))
    elif isinstance(value, dict):
        for v in value.values():
            yield from _walk(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _walk(v)
    else:
        yield value


def proper_names(engagement: Engagement) -> list[str]:
    """What stays as written in a zh output: page titles and publishers as published, vendor,
    company, edition and product names as the profiles give them for zh, certifications, the
    engagement's own names (client, consultant)."""
    names: list[str] = [engagement.settings.client, engagement.settings.consultant or ""]
    for p in engagement.vendors.values():
        names += [text_of(p.name, "zh"), text_of(p.company.value, "zh")]
        names += [text_of(e.name, "zh") for e in p.editions]
        names += [text_of(s.title, "zh") for s in p.sources.values()]
        names += [s.publisher or "" for s in p.sources.values()]
        names += [c.name for c in p.certifications]
        names += [str(r.by) for r in p.published_ratings]
        if p.listing is not None:
            names += [p.listing.exchange or "", p.listing.parent or ""]
    for s in engagement.industry.sources.values():
        names += [text_of(s.title, "zh"), s.publisher or ""]
    return sorted({n for n in names if n}, key=len, reverse=True)


def zh_texts(engagement: Engagement) -> list[str]:
    """The Chinese side of our own texts: the catalog's zh, every zh of the profiles and the
    engagement. An English phrase inside one of them (a product name) is meant to be there."""
    out = [entry["zh"] for entry in messages().values() if entry.get("zh") and entry["zh"] != entry.get("en")]
    models: list[BaseModel] = [engagement.settings, engagement.requirements, engagement.industry]
    models += list(engagement.vendors.values())
    for model in models:  # a zh that only copies its en is no translation: it keeps nothing
        out += [v.zh for v in _walk(model) if isinstance(v, LocalizedText) and v.zh and v.zh != v.en]
    return out


def _normal(text: str) -> str:
    return " ".join(text.split())


def english_runs(texts: Iterable[str], engagement: Engagement) -> list[str]:
    """The English runs of ours left in `texts`, each as shown (whitespace folded)."""
    names = proper_names(engagement)
    kept = "\n".join(_normal(t) for t in zh_texts(engagement))
    found = []
    for text in texts:
        text = _normal(text)
        for name in names:  # first: a title may hold an address
            text = text.replace(_normal(name), _BREAK)
        for run in RUN.findall(ADDRESS.sub(_BREAK, text)):
            if run not in kept:
                found.append(run)
    return found
