"""Chains of the webhook outbox: the deliveries of one (destination, record), sent in order.

A delivery waits while an earlier one of its chain is pending; an advance waits for a send
already under way only while a due delivery of its chain waits behind it.
"""

import math
from collections import Counter
from contextlib import suppress

from mockserver.deliveries import (
    DELIVERIES,
    PENDING,
    Delivery,
    pending_delivery,
    sendable,
    sequence_of,
)
from mockserver.document_fields import UNREADABLE
from mockserver.store_contract import RecordStore


def waits_behind(store: RecordStore, delivery: Delivery) -> bool:
    """Whether an earlier delivery of the same chain is still pending (or in flight)."""
    return store.any(
        DELIVERIES,
        "chain",
        delivery.chain,
        where=lambda d: sequence_of(d) < delivery.sequence and sendable(d),
    )


def free(store: RecordStore, due: list[Delivery]) -> list[Delivery]:
    """Those of ``due`` (pending, readable) that no earlier delivery of their chain waits
    before: one with an earlier one of its chain among ``due`` waits, so the store is asked
    only about the earliest of each chain (``waits_behind``), and only when the chain holds
    deliveries besides its due ones (its count comes from the index, nothing is read)."""
    lowest: dict[str, float] = {}
    for delivery in due:
        lowest[delivery.chain] = min(delivery.sequence, lowest.get(delivery.chain, math.inf))
    sizes = Counter(delivery.chain for delivery in due)
    return [
        delivery
        for delivery in due
        if delivery.sequence <= lowest[delivery.chain]
        and not (
            store.count(DELIVERIES, "chain", delivery.chain) > sizes[delivery.chain]
            and waits_behind(store, delivery)
        )
    ]


def next_in_chain(store: RecordStore, chain: str) -> Delivery | None:
    """The earliest delivery of a chain the outbox will send (pending, readable), or None."""
    followers = []
    for stored in store.find(DELIVERIES, "chain", chain):
        if stored.get("state") == PENDING:  # a finished one is not read further
            with suppress(UNREADABLE):  # a damaged one is set aside when it falls due
                followers.append(pending_delivery(stored))
    return min(followers, key=lambda delivery: delivery.sequence, default=None)


def holding_back(store: RecordStore, delivery_ids: set[str], moment: float) -> set[str]:
    """Those of ``delivery_ids`` whose chain has a delivery due by ``moment`` behind them."""
    held = set()
    for delivery_id in delivery_ids:
        chain = (store.get(DELIVERIES, delivery_id) or {}).get("chain")
        if chain is not None and store.any(
            DELIVERIES,
            "chain",
            chain,
            where=lambda d, mine=delivery_id: (
                d.get("id") != mine and sendable(d) and d["next_attempt_at"] <= moment
            ),
        ):
            held.add(delivery_id)
    return held
