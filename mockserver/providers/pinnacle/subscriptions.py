"""Webhook URLs for Pinnacle events declared at run time through the control API.

``--pinnacle-webhook-url`` fixes URLs for the server's life; a test registers its own
receiver instead, for every key or for one key only, and removes it when done.
"""

from datetime import datetime

from mockserver.clock import format_iso_ms
from mockserver.errors import NotFound
from mockserver.ids import IdFactory
from mockserver.store_contract import RecordStore

SUBSCRIPTIONS = "pinnacle_webhook_subscriptions"
PREFIX = "wh_"


class Subscriptions:
    """Registered webhook URLs, each for one API key or for all."""

    def __init__(self, store: RecordStore, ids: IdFactory):
        self._store, self._ids = store, ids

    def add(self, url: str, api_key: str | None, secret: str, at: datetime) -> dict:
        """Register a URL; its deliveries carry ``secret`` as PINNACLE-SIGNING-SECRET."""
        with self._store.transaction():
            while self._store.exists(SUBSCRIPTIONS, sub_id := PREFIX + self._ids.digits(10)):
                continue
            subscription = {
                "id": sub_id,
                "url": url,
                "api_key": api_key,
                "secret": secret,
                "created_at": format_iso_ms(at),
            }
            self._store.put(SUBSCRIPTIONS, sub_id, subscription)
            return subscription

    def all(self) -> list[dict]:
        """Every registration, oldest first."""
        return sorted(self._store.scan(SUBSCRIPTIONS), key=lambda s: (s["created_at"], s["id"]))

    def for_tenant(self, api_key: str) -> list[dict]:
        """The registrations that receive this key's events."""
        return [s for s in self.all() if s["api_key"] in (None, api_key)]

    def remove(self, sub_id: str) -> None:
        """Forget one registration (NotFound if unknown)."""
        if not self._store.delete(SUBSCRIPTIONS, sub_id):
            raise NotFound(f"no Pinnacle webhook {sub_id}")

    def forget_tenant(self, api_key: str) -> list[str]:
        """Forget a key's own registrations; return their ids."""
        gone = [s["id"] for s in self.all() if s["api_key"] == api_key]
        for sub_id in gone:
            self._store.delete(SUBSCRIPTIONS, sub_id)
        return gone
