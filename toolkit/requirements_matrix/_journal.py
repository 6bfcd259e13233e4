"""The live workshop's record of votes: an audit log kept with the engagement, and a journal of
the votes not yet folded into requirements.yaml (docs/live-workshop.md, "Writes").

Recording a vote appends one JSON line to each, under the journal's own lock, in one `write`
per file: a fraction of a millisecond, where rewriting requirements.yaml costs tens and its
check hundreds. The store (`_store.fold_journal`) folds the journal into the file in batches
under the requirements lock, then drops from the journal exactly the bytes it folded, under the
journal's lock: a vote appended meanwhile stays for the next fold, and a vote never waits for
a fold.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import asdict, dataclass
from pathlib import Path

from ..files._lock import locked
from ..model._files import AUDIT_FILE, JOURNAL_FILE, LIVE_DIR


@dataclass(frozen=True)
class Vote:
    """One vote from a ballot: `who` grades `key` (None clears), the ballot's number `n` for it,
    when (`at`, ISO 8601 UTC) and through which link (its public id) in which session."""

    who: str
    key: str
    grade: str | None
    n: int
    at: str
    link: str
    session: str

    def line(self) -> bytes:
        return (json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def live_dir(folder: Path) -> Path:
    """The engagement's `.live/` folder (session and journal; kept out of git by its own
    .gitignore), created on first use."""
    path = Path(folder) / LIVE_DIR
    if not path.is_dir():
        path.mkdir(parents=True, exist_ok=True)
        (path / ".gitignore").write_text("*\n", encoding="utf-8")
    return path


def journal_path(folder: Path) -> Path:
    return Path(folder) / LIVE_DIR / JOURNAL_FILE


def audit_path(folder: Path) -> Path:
    return Path(folder) / AUDIT_FILE


def _append(path: Path, data: bytes) -> None:
    """One write at the end of `path`, after a newline if a killed writer left half a line."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        size = os.fstat(fd).st_size
        if size:
            with open(path, "rb") as f:
                f.seek(size - 1)
                if f.read(1) != b"\n":
                    data = b"\n" + data
        os.write(fd, data)
    finally:
        os.close(fd)


def journal_lock(folder: Path) -> AbstractContextManager[None]:
    """The journal's lock (`.live/.journal.lock`), held for an append or a drop only."""
    live_dir(folder)
    return locked(journal_path(folder))


def append_votes(folder: Path, votes: Sequence[Vote], *, lock: bool = True) -> None:
    """Record `votes`: the audit log first, then the journal (a vote in the journal is always in
    the audit log). Under the journal's lock unless the caller holds it."""
    if not votes:
        return
    data = b"".join(v.line() for v in votes)
    live_dir(folder)
    with journal_lock(folder) if lock else nullcontext():
        _append(audit_path(folder), data)
        _append(journal_path(folder), data)


def take_journal(folder: Path) -> tuple[list[Vote], int]:
    """The journal's complete lines as votes, and how many bytes they take (a line being written
    at this moment is left for the next fold)."""
    try:
        data = journal_path(folder).read_bytes()
    except FileNotFoundError:
        return [], 0
    end = data.rfind(b"\n") + 1
    return list(_parse(data[:end])), end


def drop_journal(folder: Path, folded: int) -> None:
    """Remove the first `folded` bytes (folded into requirements.yaml) from the journal, keeping
    whatever was appended since."""
    if folded <= 0:
        return
    with journal_lock(folder):
        path = journal_path(folder)
        rest = path.read_bytes()[folded:]
        with open(path, "r+b") as f:
            f.write(rest)
            f.truncate(len(rest))


def _lines(path: Path) -> Iterator[Vote]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return
    yield from _parse(data)


def _parse(data: bytes) -> Iterator[Vote]:
    for line in data.decode("utf-8", "replace").splitlines():
        try:
            raw = json.loads(line)
            yield Vote(
                who=str(raw["who"]),
                key=str(raw["key"]),
                grade=None if raw.get("grade") is None else str(raw["grade"]),
                n=int(raw.get("n") or 0),
                at=str(raw.get("at") or ""),
                link=str(raw.get("link") or ""),
                session=str(raw.get("session") or ""),
            )
        except (ValueError, KeyError, TypeError):  # a line cut short by a killed writer
            continue


def read_journal(folder: Path) -> list[Vote]:
    """The votes not yet folded into requirements.yaml, in the order received."""
    return list(_lines(journal_path(folder)))


def read_audit(folder: Path) -> list[Vote]:
    """Every vote the engagement's ballots recorded, in the order received."""
    return list(_lines(audit_path(folder)))


def journal_size(folder: Path) -> int:
    try:
        return journal_path(folder).stat().st_size
    except FileNotFoundError:
        return 0
