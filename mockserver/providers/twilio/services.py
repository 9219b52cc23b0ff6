"""Messaging Services v1: services and their sender pools, per account.

A phone number is in one service at most, so a pool entry is stored under the number's
``PN…`` SID. A service and its pool belong to one account; the numbers in its pool must be
that account's own (``docs/reference/twilio-messaging.md`` §8). ``get``, ``sender_pool`` and
``service_of_number`` answer for any account: they are what sending through a service asks.
"""

from mockserver.clock import Clock, format_iso
from mockserver.errors import NotFound
from mockserver.ids import IdFactory
from mockserver.store_contract import RecordStore

from .errors import TwilioError
from .service_models import CLEARABLE, SERVICE, SERVICE_PHONE_NUMBER, capabilities, country_code

SERVICES = "twilio_messaging_services"
SERVICE_NUMBERS = "twilio_service_phone_numbers"
# The default size limit of a sender pool (the PhoneNumber resource page).
MAX_POOL = 400


class SenderPoolError(TwilioError):
    """A number cannot join a sender pool (21421, 21710, 21712, 21714; HTTP 400)."""

    def __init__(self, code: int, message: str):
        self.code = code
        super().__init__(message)


class MessagingServices:
    """Messaging Services and the phone numbers of their sender pools."""

    def __init__(self, store: RecordStore, clock: Clock, ids: IdFactory):
        self._store, self._clock, self._ids = store, clock, ids
        store.index(SERVICES, "account_sid")
        store.index(SERVICE_NUMBERS, "service_sid")
        store.index(SERVICE_NUMBERS, "account_sid")

    # -- services ----------------------------------------------------------------------

    def create(self, account_sid: str, values: dict) -> dict:
        """A new service with the given settings; the others take the sandbox's defaults."""
        now = self._now()
        given = {name: value for name, value in values.items() if value is not None}
        service = SERVICE.new_record(
            _normalised(given),
            sid=self._fresh_sid(),
            account_sid=account_sid,
            date_created=now,
            date_updated=now,
        )
        self._store.put(SERVICES, service["sid"], service)
        return service

    def get(self, sid: str) -> dict | None:
        """A service by SID, whichever account owns it, or None."""
        return self._store.get(SERVICES, sid)

    def owned(self, account_sid: str, sid: str) -> dict:
        """One of the account's services (NotFound otherwise)."""
        service = self.get(sid)
        if service is None or service.get("account_sid") != account_sid:
            raise NotFound(f"{sid} not found")
        return service

    def of_account(self, account_sid: str) -> list[dict]:
        """The account's services, newest first."""
        return list(reversed(self._store.find(SERVICES, "account_sid", account_sid)))

    def update(self, account_sid: str, sid: str, values: dict) -> dict:
        """Change any settings; an empty URL clears it, other empty values change nothing."""
        service = self.owned(account_sid, sid)
        changes = {
            name: value for name, value in values.items() if value is not None or name in CLEARABLE
        }
        service.update(_normalised(changes), date_updated=self._now())
        self._store.put(SERVICES, sid, service)
        return service

    def delete(self, account_sid: str, sid: str) -> None:
        """Delete a service; the numbers of its pool are free to join another."""
        with self._store.transaction():
            self.owned(account_sid, sid)
            for entry in self._store.find(SERVICE_NUMBERS, "service_sid", sid):
                self._store.delete(SERVICE_NUMBERS, entry["sid"])
            self._store.delete(SERVICES, sid)

    # -- sender pools ------------------------------------------------------------------

    def add_number(self, account_sid: str, service_sid: str, number: dict | None) -> dict:
        """Pool one of the account's numbers (``number``: its record, None if there is none)."""
        self.owned(account_sid, service_sid)
        if number is None or number.get("account_sid") != account_sid:
            raise SenderPoolError(21421, "Phone Number is invalid")
        current = self._store.get(SERVICE_NUMBERS, number["sid"])
        if current is not None and current.get("service_sid") == service_sid:
            raise SenderPoolError(21710, "Phone Number Already Exists in Messaging Service")
        if current is not None:
            raise SenderPoolError(
                21712, "Phone Number or Short Code is associated with another Messaging Service."
            )
        if self._store.count(SERVICE_NUMBERS, "service_sid", service_sid) >= MAX_POOL:
            raise SenderPoolError(21714, "Messaging Service Number Pool size limit reached")
        now = self._now()
        entry = SERVICE_PHONE_NUMBER.new_record(
            {},
            sid=number["sid"],
            account_sid=account_sid,
            service_sid=service_sid,
            date_created=now,
            date_updated=now,
            phone_number=number["phone_number"],
            country_code=country_code(number["phone_number"]),
            capabilities=capabilities(),
        )
        self._store.put(SERVICE_NUMBERS, entry["sid"], entry)
        return entry

    def numbers(self, account_sid: str, service_sid: str) -> list[dict]:
        """The numbers of one of the account's services, oldest first."""
        self.owned(account_sid, service_sid)
        return self.sender_pool(service_sid)

    def number(self, account_sid: str, service_sid: str, sid: str) -> dict:
        """One number of one of the account's services (NotFound otherwise)."""
        self.owned(account_sid, service_sid)
        entry = self._store.get(SERVICE_NUMBERS, sid)
        if entry is None or entry.get("service_sid") != service_sid:
            raise NotFound(f"{sid} not found")
        return entry

    def remove_number(self, account_sid: str, service_sid: str, sid: str) -> None:
        """Take a number out of the service's pool (NotFound if it is not in it)."""
        self.number(account_sid, service_sid, sid)
        self._store.delete(SERVICE_NUMBERS, sid)

    def sender_pool(self, service_sid: str) -> list[dict]:
        """The pool's entries (``sid`` and ``phone_number`` of each number), oldest first."""
        return self._store.find(SERVICE_NUMBERS, "service_sid", service_sid)

    def service_of_number(self, phone_number_sid: str) -> dict | None:
        """The service whose pool holds the number, or None."""
        entry = self._store.get(SERVICE_NUMBERS, phone_number_sid)
        return self.get(entry["service_sid"]) if entry else None

    def forget_number(self, phone_number_sid: str) -> None:
        """Drop a released number from whichever pool holds it."""
        self._store.delete(SERVICE_NUMBERS, phone_number_sid)

    def remove_accounts(self, account_sids: list[str]) -> None:
        """Delete the accounts' services with their pools."""
        with self._store.transaction():
            for sid in account_sids:
                for table in (SERVICE_NUMBERS, SERVICES):
                    for doc in self._store.find(table, "account_sid", sid):
                        self._store.delete(table, doc["sid"])

    # -- internals -------------------------------------------------------------------

    def _fresh_sid(self) -> str:
        while True:
            sid = self._ids.sid("MG")
            if not self._store.exists(SERVICES, sid):
                return sid

    def _now(self) -> str:
        return format_iso(self._clock.now())


def _normalised(values: dict) -> dict:
    """HTTP methods in capitals, as Twilio shows them."""
    return {
        name: value.upper() if name.endswith("_method") and isinstance(value, str) else value
        for name, value in values.items()
    }
