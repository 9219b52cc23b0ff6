"""The backend's message operations: send SMS and MMS, read back and list what was accepted,
the scheduled messages, dry-run previews, and the control API's message log."""

from collections.abc import Callable

from mockserver.live import Announce, unannounced

from . import previews
from .backend_parts import PROVIDER, BackendParts
from .paging import Page

Render = Callable[[dict], dict]


class MessageFacade(BackendParts):
    """SMS and MMS, as the routes and the control API reach them."""

    announce: Announce = staticmethod(unannounced)  # the runtime's, set by the provider

    def send(self, tenant: str, kind: str, message: dict) -> dict:
        """Accept an SMS or MMS (``kind``) from a number that may send."""
        with self._store.transaction():
            record = self.messaging.send(tenant, kind, message, self.clock.now())
        self.announce("message", PROVIDER, message_news(record), tenant)
        return record

    def get_message(self, tenant: str, message_id: str) -> dict:
        """One of the tenant's messages (NotFound for a schedule, another's or none)."""
        return self.messaging.get(tenant, message_id)

    def list_messages(self, tenant: str, filters: dict, render: Render) -> Page:
        """One page of the tenant's messages matching ``filters``, newest first."""
        return self.messaging.list_messages(tenant, filters, render)

    def list_schedules(self, tenant: str, filters: dict, render: Render) -> Page:
        """One page of the tenant's scheduled messages matching ``filters``, newest first."""
        return self.messaging.list_schedules(tenant, filters, render)

    def cancel_schedule(self, tenant: str, schedule_id: str) -> dict:
        """Cancel one of the tenant's scheduled messages (400 if it already is)."""
        with self._store.transaction():
            return self.messaging.cancel_schedule(tenant, schedule_id, self.clock.now())

    def preview_sms(self, text: str) -> previews.SmsPreview:
        """What sending ``text`` as an SMS would take; nothing is sent or recorded."""
        return self.messaging.preview_sms(text)

    def preview_mms(self, media_urls: list[str], text: str) -> previews.MmsPreview:
        """What sending these files and text as an MMS would take; nothing is sent."""
        return self.messaging.preview_mms(media_urls, text)

    def sent_messages(
        self,
        *,
        tenant: str | None = None,
        sender: str | None = None,
        to: str | None = None,
        type: str | None = None,
    ) -> list[dict]:
        """Every recorded message matching the filters, oldest first (the control API's log)."""
        return self.messaging.sent(tenant=tenant, sender=sender, to=to, type=type)

    def clear_messages(self) -> int:
        """Forget every recorded message; return how many there were."""
        with self._store.transaction():
            return self.messaging.clear()


def message_news(record: dict) -> dict:
    """What watchers are told of a new message (or schedule)."""
    return {
        "record_id": record["id"],
        "direction": "outbound",
        "from": record["from"],
        "to": record["to"],
        "status": record["status"],
        "at": record["created_at"],
    }
