"""Rollout planning and tracking (METHOD.md §7): arrives with the rollout issue."""

__all__: list[str] = []
