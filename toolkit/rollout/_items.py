"""rollout.yaml read and written item by item, so a save of one task in hundreds stays short.

The store writes rollout.yaml with `dump_data`: its header, then one top-level key per line
and the lists (`phases`, `tasks`, `kpis`, `left_out`) as block lists whose items start with
`- ` at column 0. A save changes one or two items; parsing and dumping the whole file is most of
the time it holds the lock (400 tasks: 50 ms). So this process remembers, for every part of the
file it met (a top-level key, a list item), its text and its data, and parses and dumps only the
parts it has not met.

That is right only for text that is exactly the dump of its data, and reading checks it: every
part must be the dump of what it reads as. Then the whole file is the dump of the whole data
(`dump_data` writes a mapping key by key and a block list item by item, at the same columns), so
it reads as that data. Any other text, a file edited by hand with a comment, another indent or
flow style, is read whole by `load_data`, as before (None here).
"""

from __future__ import annotations

import re
from typing import Any

from ..files._yaml import dump_data, load_data

_PART = re.compile(r"^\S", re.M)  # a part starts at each line that starts at column 0
_LIST = re.compile(r"[A-Za-z_]\w*:\n")  # the key of a block list, alone on its line
_LIMIT = 8192  # parts remembered; past it the memory starts again

_data_of: dict[str, Any] = {}  # text of a part -> its data, for parts that are their own dump
_text_of: dict[str, str] = {}  # repr of an item or a {key: value} -> its dump


def dumps(data: dict, header: str) -> str:
    """`header + dump_data(data)`, dumping only the items this process has not dumped before."""
    out = [header]
    for key, value in data.items():
        if isinstance(value, list) and value and all(isinstance(i, dict) for i in value) and _plain(key):
            out.append(f"{key}:\n")
            out += [_dump([item]) for item in value]
        else:
            out.append(_dump({key: value}))
    return "".join(out)


def loads(text: str, header: str) -> dict | None:
    """The data of text `dumps(data, header)` wrote, or None for any other text."""
    if not text.startswith(header):
        return None
    body = text[len(header) :]
    starts = [m.start() for m in _PART.finditer(body)]
    if not starts or starts[0] != 0:
        return None
    data: dict[str, Any] = {}
    items: list | None = None
    for part in (body[a:b] for a, b in zip(starts, [*starts[1:], len(body)], strict=True)):
        if part.startswith("- "):
            item = _load(part)
            if items is None or not isinstance(item, list) or len(item) != 1 or not isinstance(item[0], dict):
                return None
            items.append(item[0])
            continue
        if items == []:  # a list begun with no item: dump_data writes `key: []`
            return None
        if _LIST.fullmatch(part) and _plain(part[:-2]):
            key, items = part[:-2], []
        else:
            pair = _load(part)
            if not isinstance(pair, dict) or len(pair) != 1:
                return None
            (key, value), items = next(iter(pair.items())), None
        if key in data:
            return None
        data[key] = value if items is None else items
    return None if items == [] else data


def _plain(key: Any) -> bool:
    """Whether `key` is written as it is (`tasks`, not `'yes'`): `key:` then starts its list."""
    return isinstance(key, str) and _dump({key: []}) == f"{key}: []\n"


def _dump(value: list | dict) -> str:
    key = repr(value)
    text = _text_of.get(key)
    if text is None:
        text = dump_data(value)
        _remember(_text_of, key, text)
    return text


def _load(part: str) -> Any:
    """The data of `part` when it is its own dump, else None."""
    known = _data_of.get(part)
    if known is not None:
        return known
    try:
        value = load_data(part)
    except Exception:
        return None
    if not isinstance(value, list | dict) or _dump(value) != part:
        return None
    _remember(_data_of, part, value)
    return value


def _remember(memory: dict, key: str, value: Any) -> None:
    if len(memory) >= _LIMIT:
        memory.clear()
    memory[key] = value
