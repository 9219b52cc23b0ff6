"""Chains of the webhook outbox: the deliveries of one (destination, record), sent in order.

A delivery waits while an earlier one of its chain is pending; an advance waits for a send
already under way only while a due delivery of its chain waits behind it.
"""

from mockserver.deliveries import DELIVERIES, Delivery, sendable, sequence_of
from mockserver.store_contract import RecordStore


def waits_behind(store: RecordStore, delivery: Delivery) -> bool:
    """Whether an earlier delivery of the same chain is still pending (or in flight)."""
    return store.any(
        DELIVERIES,
        "chain",
        delivery.chain,
        where=lambda d: sequence_of(d) < delivery.sequence and sendable(d),
    )


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
