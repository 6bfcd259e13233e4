"""`crm-toolkit report`: sub-commands registered into the main parser (see toolkit/cli.py)."""

from __future__ import annotations


def register(sub) -> None:
    """Add this module's sub-commands to the main parser's sub-parsers."""
