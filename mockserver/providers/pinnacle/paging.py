"""Pinnacle's list paging: ``pageIndex`` from 0, ``pageSize`` 1 to 100 (20 by default)."""

from collections.abc import Callable
from dataclasses import dataclass

from mockserver.listing import render_all

DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE = 20, 100


@dataclass(frozen=True)
class Page:
    """One page of a list: its items, whether more follow, and how many match in all."""

    items: list[dict]
    has_more: bool
    count: int


def page(
    items: list[dict], filters: dict, render: Callable[[dict], dict], kind: str, key: str
) -> Page:
    """Cut ``items`` (already filtered and sorted) into the page ``filters`` asks for
    (``page_index``, ``page_size``; ``None``, which the SDK sends for an explicit ``None``
    argument, means the default) and render only that page; a damaged record of it is left
    out and not counted (``listing.render_all``)."""
    page_index = filters.get("page_index") or 0
    page_size = filters.get("page_size") or DEFAULT_PAGE_SIZE
    start = page_index * page_size
    window = items[start : start + page_size]
    shown = render_all(window, render, kind, key)
    left_out = len(window) - len(shown)
    return Page(shown, start + page_size < len(items), len(items) - left_out)
