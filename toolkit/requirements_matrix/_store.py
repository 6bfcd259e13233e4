"""The workshop's saves: one change at a time, applied to what requirements.yaml holds now.

Every vote, final grade, added or removed item is a `Change`. Saving takes the engagement's
requirements lock, reads the file again, applies the change to what is there (so two tabs
grading at once keep each other's votes: only the cell that changed is written), checks the
whole folder with the new text on a shadow copy, and replaces the file atomically only when that
check is clean. Comments and the key order a person wrote survive the merge.

No widgets here: the page calls these functions and shows what they return or raise.
"""

from __future__ import annotations

import copy
import dataclasses
import re
import tempfile
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap

from ..files._i18n import label
from ..files._lock import LOCK_STUCK_S
from ..files._lock import locked as locked_file
from ..files._problems import InvalidInput, Problem
from ..files._yaml import dump_yaml, load_yaml, read_yaml, write_atomic
from ..model._engagement import check_replaced, load_engagement
from ..model._files import REQUIREMENTS_FILE
from ..model.schema import GRADES, IntegrationRequirement, Requirement, Requirements
from ._journal import drop_journal, journal_size, take_journal
from ._sheet_import import _merge_list, import_sheet
from ._sheets import export_xlsx
from ._weights_store import room_in_file

INTEGRATION = "integration:"
SHEET_SUFFIXES = (".xlsx", ".csv")


@dataclass(frozen=True)
class Change:
    """One edit in the workshop.

    `key` is a requirement id or `integration:SYSTEM`; `field` is `vote` (who votes `grade`,
    None clears), `grade` (the consultant's final grade, None follows the votes), `add` (a new
    requirement for `capability` with `key` "", or the integration `key`; proposed by `who` with
    `grade`, or graded by the consultant when `who` is "") or `remove`; `stakeholder` adds a
    person (`key` their id, with `name` and `role`) to the list of stakeholders.
    """

    key: str
    field: str
    who: str = ""
    grade: str | None = None
    capability: str = ""
    name: str = ""
    role: str = ""


def is_integration(key: str) -> bool:
    return key.startswith(INTEGRATION)


def item_key(item: dict[str, Any]) -> str:
    """The key of one requirement or integration in the file's plain data."""
    return INTEGRATION + str(item["system"]) if "system" in item else str(item.get("id"))


def voters(requirements: Requirements) -> list[str]:
    """Everyone who voted on anything, in order of first appearance in the file."""
    seen: dict[str, None] = {}
    items: list[Requirement | IntegrationRequirement] = [*requirements.requirements, *requirements.integrations]
    for item in items:
        for who in item.votes:
            seen.setdefault(who, None)
    return list(seen)


def next_requirement_id(ids: list[str]) -> str:
    """The next free id after the highest `R<number>` (R21 after R20), padded like the others."""
    numbers = [(int(m.group(1)), len(m.group(1))) for i in ids if (m := re.fullmatch(r"R(\d+)", i))]
    top = max((n for n, _ in numbers), default=0)
    width = max((w for _, w in numbers), default=2)
    candidate = top + 1
    while f"R{candidate:0{width}d}" in ids:
        candidate += 1
    return f"R{candidate:0{width}d}"


def new_stakeholder_id(taken: list[str], name: str) -> str:
    """An id for a new person: their name in snake_case when it is written in Latin letters
    (`Li Lei` → `li_lei`), else `person_N`; never one already taken."""
    base = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    if not base or not base[0].isalpha():
        base = "person"
    candidate, n = base, 1
    while candidate in taken or candidate == "person":
        n += 1
        candidate = f"{base}_{n}" if base != "person" else f"person_{n - 1}"
    return candidate


def _problem(key: str, message: str) -> Problem:
    return Problem(REQUIREMENTS_FILE, 0, 0, key, message)


def _find(items: list[dict[str, Any]], key: str) -> dict[str, Any] | None:
    for item in items:
        if isinstance(item, dict) and item_key(item) == key:
            return item
    return None


def apply_change(data: dict[str, Any], change: Change, lang: str = "en") -> tuple[dict[str, Any], str]:
    """`data` (plain requirements.yaml data) with `change` applied, and the key it touched.

    Raises `InvalidInput` when the change no longer fits the file (an item removed in another
    tab, an integration added twice); the file is then left as it is.
    """
    data = copy.deepcopy(data) if isinstance(data, dict) else {}
    return data, _apply(data, change, lang)


def _apply(data: dict[str, Any], change: Change, lang: str) -> str:
    """`change` applied to `data` in place (apply_change without the copy); the key touched."""
    if change.field == "stakeholder":
        people = data.setdefault("stakeholders", []) or []
        data["stakeholders"] = people
        if any(isinstance(p, dict) and p.get("id") == change.key for p in people):
            raise InvalidInput([_problem(change.key, label("ws_already_there", lang, item=change.key))])
        people.append({"id": change.key, "name": change.name, **({"role": change.role} if change.role else {})})
        return change.key
    reqs = data.setdefault("requirements", []) or []
    integ = data.setdefault("integrations", []) or []
    data["requirements"], data["integrations"] = reqs, integ
    section = integ if is_integration(change.key) else reqs
    if change.grade is not None and change.grade not in GRADES:
        raise InvalidInput([_problem(change.key, label("ws_bad_grade", lang, grade=change.grade))])
    if change.field == "add":
        if is_integration(change.key):
            if _find(integ, change.key) is not None:
                raise InvalidInput([_problem(change.key, label("ws_already_there", lang, item=change.key))])
            new: dict[str, Any] = {"system": change.key[len(INTEGRATION) :]}
            key = change.key
        else:
            key = next_requirement_id([item_key(r) for r in reqs if isinstance(r, dict)])
            new = {"id": key, "capability": change.capability}
        if change.who:
            new["votes"] = {change.who: change.grade}
        else:
            new["grade"] = change.grade
        section.append(new)
        return key
    item = _find(section, change.key)
    if item is None:
        raise InvalidInput([_problem(change.key, label("ws_gone", lang, item=change.key))])
    if change.field == "remove":
        section.remove(item)
    elif change.field == "vote":
        votes = dict(item.get("votes") or {})
        if change.grade is None:
            votes.pop(change.who, None)
        else:
            votes[change.who] = change.grade
        item["votes"] = votes
    elif change.field == "grade":
        if change.grade is None:
            item.pop("grade", None)
        else:
            item["grade"] = change.grade
    else:
        raise ValueError(f"unknown change field {change.field!r}")
    return change.key


def _short(problems: list[Problem], shadow: Path | None = None) -> list[Problem]:
    """Problems naming the engagement's files by name, never by a path on the server."""
    out = []
    for p in problems:
        name = Path(p.file).name if (shadow is None or p.file.startswith(str(shadow))) else p.file
        out.append(dataclasses.replace(p, file=name))
    return out


def check_text(folder: Path, text: str) -> list[Problem]:
    """The folder's errors were requirements.yaml `text`: checked on a copy, nothing written."""
    return _short(check_replaced(folder, {REQUIREMENTS_FILE: text}), folder)


def locked(folder: Path, lang: str = "en") -> AbstractContextManager[None]:
    """Hold the folder's requirements lock (`.requirements.lock`, as `requirements import` does)."""
    return locked_file(folder / REQUIREMENTS_FILE, label("ws_locked", lang, seconds=f"{LOCK_STUCK_S:.0f}"))


def _current(folder: Path) -> dict[str, Any]:
    loaded = read_yaml(folder / REQUIREMENTS_FILE)
    if not loaded.ok:
        raise InvalidInput(_short(loaded.problems), REQUIREMENTS_FILE)
    return loaded.data if isinstance(loaded.data, dict) else {}


@dataclass
class _Written:
    """What this process last wrote: the text, its plain data and its round-trip document."""

    text: bytes
    data: dict[str, Any]
    doc: CommentedMap


#: requirements.yaml path -> what this process last wrote there. Reading the round-trip document
#: (comments kept) costs most of a save on 80 requirements; while the file still holds exactly
#: what was written, the next save starts from the document in memory instead.
_WRITTEN: dict[Path, _Written] = {}


def _document(path: Path, folder: Path) -> tuple[dict[str, Any], CommentedMap]:
    """The file's plain data and round-trip document, from memory when nobody changed it."""
    written = _WRITTEN.pop(path, None)
    try:
        on_disk = path.read_bytes()
    except FileNotFoundError:
        on_disk = None
    if written is not None and written.text == on_disk:
        return written.data, written.doc
    data = _current(folder)
    loaded = load_yaml(path)
    return data, loaded.data if isinstance(loaded.data, CommentedMap) else CommentedMap()


def save_change(folder: Path, change: Change, lang: str = "en") -> tuple[Requirements, str]:
    """Apply `change` to requirements.yaml as it is now; returns what the file then holds and
    the key touched (a new requirement's id). Nothing is written when the result is invalid.

    The live workshop's journal is folded in first, in the same write: a ballot vote received
    before this change never lands after it."""
    with locked(folder, lang):
        data, key = _write(folder, [change], lang)
    return Requirements.model_validate(data), key


def _write(folder: Path, changes: list[Change], lang: str) -> tuple[dict[str, Any], str]:
    """Under the lock: the journal's votes, then `changes` (each must fit), written at once when
    the folder is then valid; the journal emptied. The data written and the last key touched."""
    path = folder / REQUIREMENTS_FILE
    pending, folded = take_journal(folder)
    current, doc = _document(path, folder)
    data = copy.deepcopy(current)
    for vote in pending:
        try:
            _apply(data, Change(vote.key, "vote", who=vote.who, grade=vote.grade), lang)
        except InvalidInput:  # the requirement was removed since: its votes go with it
            pass
    key = ""
    for change in changes:
        key = _apply(data, change, lang)
    if data == current and not changes:
        _WRITTEN[path] = _Written(path.read_bytes(), current, doc)
    else:
        for section, ident in (("stakeholders", "id"), ("requirements", "id"), ("integrations", "system")):
            if section in data:
                doc[section] = _merge_list(doc.get(section), data[section], ident)  # comments kept
        text = dump_yaml(doc)
        problems = check_text(folder, text)
        if problems:
            raise InvalidInput(problems, REQUIREMENTS_FILE)
        write_atomic(path, text)
        _WRITTEN[path] = _Written(text.encode("utf-8"), data, doc)
    drop_journal(folder, folded)
    return data, key


def fold_journal(folder: Path, lang: str = "en") -> int:
    """The live workshop's journal folded into requirements.yaml (METHOD: docs/live-workshop.md):
    how many votes it held. Folding twice gives the same file: a vote is a set, not an increment."""
    folder = Path(folder)
    if not journal_size(folder):
        return 0
    with locked(folder, lang):
        n = len(take_journal(folder)[0])
        if n:
            _write(folder, [], lang)
    return n


def load_requirements(folder: Path) -> Requirements:
    """The requirements as the folder holds them now, the whole engagement validated."""
    return load_engagement(folder).requirements


def import_upload(folder: Path, name: str, content: bytes) -> Requirements:
    """A filled workshop sheet (xlsx or csv) into requirements.yaml through `import_sheet`, which
    checks every cell and writes nothing on error; problems name the uploaded file's cells."""
    suffix = Path(name).suffix.lower()
    safe = Path(name).name or "upload"
    with tempfile.TemporaryDirectory() as tmp:  # import_sheet takes the requirements lock itself
        sheet = Path(tmp) / (safe if suffix in SHEET_SUFFIXES else safe + ".upload")
        sheet.write_bytes(content)
        fold_journal(folder)  # votes received before the upload are older than the sheet
        try:
            import_sheet(folder, sheet)
        except InvalidInput as error:
            raise InvalidInput(_short(error.problems), safe) from None
    return load_requirements(folder)


def export_bytes(requirements: Requirements, lang: str, engagement: str, *, folder: Path | None = None) -> bytes:
    """The workshop workbook as bytes, for a download link; its Weights sheet prefilled with the
    room weights `folder`'s engagement.yaml holds now."""
    room = room_in_file(folder) if folder is not None else None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "workshop.xlsx"
        export_xlsx(requirements, path, lang=lang, engagement=engagement, room_weights=room)
        return path.read_bytes()
