"""The message catalog: every label the toolkit prints, in English and Chinese.

Logic never holds English or Chinese text; it asks `label(key, lang)`. The texts live in
`catalog/messages/*.yaml`, one file per area (core, scoring, rfp, report, rollout, ...), so that
translators edit data, not code. Capability, integration, vendor and industry names come from
the catalog and the profiles.
"""

from __future__ import annotations

from functools import lru_cache

from ._cache import shipped_data
from ._data import CATALOG_DIR

LANGS = ("en", "zh")
MESSAGES_DIR = CATALOG_DIR / "messages"


@lru_cache(maxsize=1)
def messages() -> dict[str, dict[str, str]]:
    """Every message, read once per process (and parsed once per installation: `_cache`)."""
    return shipped_data("messages", _read_messages)


def _read_messages() -> dict[str, dict[str, str]]:
    """The message files; a key defined in two files is an error."""
    from ._yaml import read_data  # the YAML libraries only when the files are parsed

    found: dict[str, dict[str, str]] = {}
    origin: dict[str, str] = {}
    for path in sorted(MESSAGES_DIR.glob("*.yaml")):
        for key, entry in (read_data(path) or {}).items():
            if key in found:
                raise ValueError(f"{path.name}: {key}: already defined in {origin[key]}")
            found[key], origin[key] = entry, path.name
    return found


def label(key: str, lang: str = "en", **fields: object) -> str:
    """The label for `key` in `lang` (English when a translation is missing)."""
    entry = messages().get(key)
    if entry is None:
        raise KeyError(f"no message {key!r} in the catalog")
    text = entry.get(lang) or entry["en"]
    return text.format(**fields) if fields else text
