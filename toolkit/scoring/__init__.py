"""Vendor scoring (METHOD.md §3-§6): arrives with the scoring issue."""

__all__: list[str] = []
