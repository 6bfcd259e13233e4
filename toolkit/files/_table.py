"""Plain-text tables that line up with Chinese text (wide characters take two columns)."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def clip(text: str, limit: int) -> str:
    """`text` cut to `limit` display columns, with an ellipsis when cut."""
    if width(text) <= limit:
        return text
    out, used = [], 0
    for c in text:
        w = 2 if unicodedata.east_asian_width(c) in "WF" else 1
        if used + w > limit - 1:
            break
        out.append(c)
        used += w
    return "".join(out) + "…"


def pad(text: str, size: int) -> str:
    return text + " " * max(0, size - width(text))


def render(headers: Sequence[str], rows: Sequence[Sequence[object]], *, max_width: int = 48) -> str:
    """Columns aligned by display width; long cells clipped to `max_width`."""
    cells = [[clip("" if v is None else str(v), max_width) for v in row] for row in rows]
    heads = [clip(h, max_width) for h in headers]
    sizes = [width(h) for h in heads]
    for row in cells:
        for i, v in enumerate(row):
            sizes[i] = max(sizes[i], width(v))
    line = "  ".join(pad(h, sizes[i]) for i, h in enumerate(heads)).rstrip()
    rule = "  ".join("-" * s for s in sizes)
    body = ["  ".join(pad(v, sizes[i]) for i, v in enumerate(row)).rstrip() for row in cells]
    return "\n".join([line, rule, *body])
