"""Pinnacle's list paging: ``pageIndex`` from 0, ``pageSize`` 1 to 100 (20 by default)."""

from dataclasses import dataclass

DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE = 20, 100


@dataclass(frozen=True)
class Page:
    """One page of a list: its items, whether more follow, and how many match in all."""

    items: list[dict]
    has_more: bool
    count: int


def page(items: list[dict], page_index: int | None, page_size: int | None) -> Page:
    """Cut ``items`` (already filtered and sorted) into the requested page (``None``, which
    the SDK sends for an explicit ``None`` argument, means the default)."""
    page_index = page_index or 0
    page_size = page_size or DEFAULT_PAGE_SIZE
    start = page_index * page_size
    return Page(items[start : start + page_size], start + page_size < len(items), len(items))
