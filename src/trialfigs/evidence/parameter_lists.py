"""A list parameter given as text (papermill's -p passes text): read it, and say how to pass a list.

Imports nothing heavy, so a cached render stays light."""

from __future__ import annotations

import json


def list_items(value) -> list[str]:
    """'["TRIAL-A", "TRIAL-B"]' or 'TRIAL-A' given as text -> the items it meant."""
    return [v.strip(" '\"") for v in str(value).strip("[] ").split(",") if v.strip(" '\"")] or ["..."]


def how_to_pass_a_list(name: str, value) -> str:
    """papermill's -p passes text: say how to pass a list instead."""
    items = list_items(value)
    return (f"{name} must be a list, not the text {value!r}. papermill -p passes text; give a list as YAML: "
            f"-y '{name}: [{', '.join(items)}]' (trialfigs render takes -p {name} '{json.dumps(items)}')")
