"""The files of an engagement folder by name, and which files a check of a path reads: light
(no file model behind it), so that `crm-toolkit validate` can tell from them alone whether an
answer it remembers still holds (files._cache)."""

from __future__ import annotations

import os
from pathlib import Path

ENGAGEMENT_FILE = "engagement.yaml"
REQUIREMENTS_FILE = "requirements.yaml"
EVALUATIONS_FILE = "evaluations.yaml"
ROLLOUT_FILE = "rollout.yaml"
#: the files `check_engagement` reads as one engagement, whichever of them is named
ENGAGEMENT_FILES = (ENGAGEMENT_FILE, REQUIREMENTS_FILE, EVALUATIONS_FILE, ROLLOUT_FILE)
#: an engagement's own vendor profiles, laid over the bundled ones
VENDOR_DIR = "vendor_profiles"
_YAML = (".yaml", ".yml")


def yaml_under(folder: Path) -> list[Path]:
    """Every YAML file under `folder`, hidden folders (.git) left out: what a folder's check can read."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [Path(root, f) for f in files if f.endswith(_YAML)]
    return sorted(found)


def files_checked(target: str | Path) -> list[Path]:
    """The files a check of `target` reads, besides the toolkit's own: a folder's YAML files; for
    an engagement file, its whole folder (its cross-file checks read the others); else the file."""
    path = Path(target)
    if path.is_dir():
        return yaml_under(path)
    if path.name in ENGAGEMENT_FILES:
        return yaml_under(path.parent)
    return [path]


#: the live workshop (docs/live-workshop.md): the session and the journal of votes not yet in
#: requirements.yaml live in LIVE_DIR, out of git; the audit log of every vote is kept
LIVE_DIR = ".live"
SESSION_FILE = "session.json"
JOURNAL_FILE = "journal.jsonl"
AUDIT_FILE = "workshop-audit.jsonl"
