"""Answers remembered by the bytes they rest on, so that asking again costs a hash, not a parse.

`crm-toolkit validate` checks the same files again and again (every commit of an engagement
folder, every editor save, CI): when neither the files it reads nor the toolkit itself have
changed since the last check, the problems are the same, so they are read back from the cache
instead of being found again (as mypy and ruff do). The key covers everything the answer
depends on:

- the target as given and the working folder (problems name files as the user wrote them);
- every file the check reads, by name and content, as its caller lists them (for `validate`,
  `model._files.files_checked`: a folder's YAML files whatever their depth, an engagement file's
  whole folder): a new, removed or edited file is a new key;
- the toolkit: its version and the name, size and modification time of every module and data
  file it ships (the catalog, the messages, the task library, the bundled profiles), so an
  edited checkout or an upgrade never reads an old answer.

A target that cannot be read whole is never cached. The cache lives in `$CRM_TOOLKIT_CACHE`,
else `$XDG_CACHE_HOME/crm-toolkit`, else `~/.cache/crm-toolkit`; `CRM_TOOLKIT_CACHE=off` turns it
off. Nothing is ever written into an engagement folder. Entries are small JSON files written
atomically; a broken or foreign entry reads as a miss.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar, cast

from ._data import BUNDLED_INDUSTRIES, BUNDLED_VENDORS, PACKAGE_DIR
from ._problems import Problem
from ._version import VERSION

CACHE_ENV = "CRM_TOOLKIT_CACHE"
_FORMAT = 1  # the shape of an entry; a change makes every old entry a miss
T = TypeVar("T")


def cache_dir() -> Path | None:
    """Where remembered answers live; None when the cache is turned off."""
    given = os.environ.get(CACHE_ENV)
    if given == "off":
        return None
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "crm-toolkit"


def _shipped() -> Iterator[Path]:
    yield from PACKAGE_DIR.rglob("*.py")
    for folder in (PACKAGE_DIR / "catalog", BUNDLED_VENDORS, BUNDLED_INDUSTRIES):
        yield from folder.rglob("*.y*ml")


@lru_cache(maxsize=1)
def toolkit_fingerprint() -> str:
    """The toolkit as installed: version, Python, and every shipped module and data file."""
    digest = hashlib.sha256(f"{_FORMAT}\n{VERSION}\n{sys.version}\n".encode())
    for path in sorted(_shipped()):
        st = path.stat()
        digest.update(f"{path}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def target_key(purpose: str, target: str | Path, files: list[Path]) -> str | None:
    """The key of an answer about `target` that rests on `files` (and on the toolkit itself);
    None when a file cannot be read (never cached)."""
    if not Path(target).exists():
        return None
    digest = hashlib.sha256(f"{purpose}\n{toolkit_fingerprint()}\n{os.getcwd()}\n{target}\n".encode())
    try:
        for file in files:
            data = file.read_bytes()
            digest.update(f"{file}\0{len(data)}\0".encode())
            digest.update(data)
    except OSError:
        return None
    return digest.hexdigest()


def shipped_data(name: str, build: Callable[[], T]) -> T:
    """Data the toolkit parses from its own shipped files (plain JSON-able data), parsed once per
    installation: later processes read it back as JSON, a changed toolkit parses it again."""
    key = f"{name}-" + hashlib.sha256(f"{name}\n{toolkit_fingerprint()}".encode()).hexdigest()[:32]
    folder = cache_dir()
    if folder is not None:
        try:
            return cast(T, json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))["data"])
        except (OSError, ValueError, TypeError, KeyError):
            pass
    data = build()
    _write(key, {"data": data})
    return data


def recall(key: str) -> list[Problem] | None:
    """The problems remembered under `key`, or None (not there, or not readable as ours)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        entry = json.loads((folder / f"{key}.json").read_text(encoding="utf-8"))
        return [Problem(**p) for p in entry["problems"]]
    except (OSError, ValueError, TypeError, KeyError):
        return None


def remember(key: str, problems: list[Problem]) -> None:
    """Keep `problems` under `key`; a cache that cannot be written is no error (the answer stands)."""
    _write(key, {"problems": [p.as_dict() for p in problems]})


def _write(key: str, entry: dict[str, Any]) -> None:
    folder = cache_dir()
    if folder is None:
        return
    from ._yaml import write_atomic

    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / f"{key}.json", json.dumps(entry, ensure_ascii=False))
    except OSError:
        return
