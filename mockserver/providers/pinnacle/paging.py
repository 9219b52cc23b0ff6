"""Pinnacle's list paging: ``pageIndex`` from 0, ``pageSize`` 1 to 100 (20 by default)."""

from collections.abc import Callable
from dataclasses import dataclass

from mockserver.listing import render_all
from mockserver.store_contract import Predicate, RecordStore

DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE = 20, 100
Render = Callable[[dict], dict]


@dataclass(frozen=True)
class Page:
    """One page of a list: its items, whether more follow, and how many match in all."""

    items: list[dict]
    has_more: bool
    count: int


def by_seq(record: dict) -> int:
    """A record's place in its tenant's lists: its creation number. The tenant indexes are
    declared with this order, so a list walks them instead of sorting the tenant's records."""
    return record.get("seq") or 0


def list_filter(filters: dict, exact: dict[str, str]) -> Predicate | None:
    """A list's filters as one test: each ``exact`` filter (filter name to record field) that
    is given must equal the record's field, and ``name`` must occur in the record's name,
    ignoring case. None when no filter is given (every record passes)."""
    wanted = {
        field: filters[name] for name, field in exact.items() if filters.get(name) is not None
    }
    name = (filters.get("name") or "").lower()
    if not wanted and not name:
        return None

    def matches(record: dict) -> bool:
        return all(record.get(field) == value for field, value in wanted.items()) and (
            name in (record.get("name") or "").lower()
        )

    return matches


def window(filters: dict) -> tuple[int, int]:
    """Where the page ``filters`` asks for starts, and its size (``page_index``,
    ``page_size``; ``None``, which the SDK sends for an explicit ``None`` argument, means the
    default)."""
    page_size = filters.get("page_size") or DEFAULT_PAGE_SIZE
    return (filters.get("page_index") or 0) * page_size, page_size


def stored_page(
    store: RecordStore,
    table: str,
    tenant: str,
    filters: dict,
    where: Predicate | None,
    *,
    newest_first: bool,
    render: Render,
    kind: str,
    key: str,
) -> Page:
    """The page ``filters`` asks for of a tenant's records that pass ``where``, by ``by_seq``
    (newest first or oldest first): only the page is read and rendered, plus a count of the
    matches (from the tenant index alone when ``where`` is None). A damaged record of the
    page is left out and not counted (``listing.render_all``)."""
    start, size = window(filters)
    with store.transaction():  # the page and its count as of one moment
        items = store.select(
            table,
            "tenant",
            [tenant],
            where=where,
            newest_first=newest_first,
            order=by_seq,
            offset=start,
            limit=size,
        )
        total = store.tally(table, "tenant", [tenant], where)
    shown = render_all(items, render, kind, key)
    return Page(shown, start + size < total, total - (len(items) - len(shown)))


def tenant_page(
    store: RecordStore,
    table: str,
    tenant: str,
    filters: dict,
    exact: dict[str, str],
    *,
    render: Render,
    kind: str,
    key: str,
) -> Page:
    """``stored_page`` newest first, filtered by ``list_filter(filters, exact)``."""
    where = list_filter(filters, exact)
    return stored_page(
        store, table, tenant, filters, where, newest_first=True, render=render, kind=kind, key=key
    )
