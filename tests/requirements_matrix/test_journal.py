"""The live workshop's journal: appends under its own lock, folds that drop exactly what they
folded, replays that change nothing, and a line cut short by a killed writer."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from toolkit.files._yaml import read_data
from toolkit.model._profiles import demo_path
from toolkit.requirements_matrix._journal import (
    Vote,
    append_votes,
    drop_journal,
    journal_path,
    read_audit,
    read_journal,
    take_journal,
)
from toolkit.requirements_matrix._store import Change, fold_journal, save_change


@pytest.fixture
def folder(tmp_path) -> Path:
    target = tmp_path / "demo"
    shutil.copytree(demo_path(), target)
    return target


def vote(who: str, key: str, grade: str | None, n: int) -> Vote:
    return Vote(who, key, grade, n, "2026-12-03T09:00:00.000+00:00", "link1", "s1")


def votes_of(folder: Path, key: str) -> dict:
    return next(r.get("votes") or {} for r in read_data(folder / "requirements.yaml")["requirements"] if r["id"] == key)


def test_a_drop_keeps_what_was_appended_after_the_take(folder):
    append_votes(folder, [vote("it_manager", "R01", "wont", 1), vote("it_manager", "R02", "must", 2)])
    taken, size = take_journal(folder)
    assert [v.key for v in taken] == ["R01", "R02"] and size == journal_path(folder).stat().st_size
    append_votes(folder, [vote("it_manager", "R03", "could", 3)])  # during the fold
    drop_journal(folder, size)
    assert [(v.key, v.grade) for v in read_journal(folder)] == [("R03", "could")]
    assert [v.key for v in read_audit(folder)] == ["R01", "R02", "R03"]
    assert (folder / ".live" / ".gitignore").read_text() == "*\n"


def test_folding_lands_the_last_votes_and_folding_again_changes_nothing(folder):
    append_votes(folder, [vote("it_manager", "R01", "wont", 1), vote("it_manager", "R01", None, 2)])
    append_votes(folder, [vote("it_manager", "R01", "could", 3), vote("finance_controller", "R02", "must", 4)])
    assert fold_journal(folder) == 4
    assert votes_of(folder, "R01")["it_manager"] == "could" and votes_of(folder, "R02")["finance_controller"] == "must"
    assert journal_path(folder).stat().st_size == 0 and fold_journal(folder) == 0
    once = (folder / "requirements.yaml").read_bytes()
    # a server killed after writing the file and before emptying the journal folds it again
    journal_path(folder).write_bytes(b"".join(v.line() for v in read_audit(folder)))
    assert fold_journal(folder) == 4
    assert (folder / "requirements.yaml").read_bytes() == once
    assert "# Requirements from the pain-point interviews" in once.decode()  # comments kept


def test_a_grid_save_folds_the_ballots_votes_first(folder):
    append_votes(folder, [vote("it_manager", "R01", "wont", 1)])
    save_change(folder, Change("R01", "vote", who="it_manager", grade="must"))  # later, in the grid
    assert votes_of(folder, "R01")["it_manager"] == "must" and read_journal(folder) == []


def test_a_line_cut_short_is_left_and_the_next_vote_starts_a_line(folder):
    append_votes(folder, [vote("it_manager", "R01", "wont", 1)])
    with open(journal_path(folder), "ab") as f:
        f.write(b'{"who":"it_manager","key":"R0')  # a writer killed mid-line
    taken, size = take_journal(folder)
    assert [v.n for v in taken] == [1]
    append_votes(folder, [vote("it_manager", "R02", "could", 2)])
    assert [v.n for v in read_journal(folder)] == [1, 2]
    assert fold_journal(folder) == 2 and votes_of(folder, "R02")["it_manager"] == "could"
