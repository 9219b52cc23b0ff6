"""Setups (a connected Twilio configuration, owned by an API key) and their phone numbers.

The platform's API only ever sees a setup through its bearer key: a key unknown to every
setup is 401, and a setup of another key is 404, exactly like a setup that does not exist.
"""

import base64

from mockserver.clock import Clock, format_iso
from mockserver.errors import Conflict, NotFound, Unauthorized, ValidationFailed
from mockserver.ids import IdFactory
from mockserver.nanp import E164, is_toll_free
from mockserver.store_contract import RecordStore

SETUPS = "platform_setups"
PHONE_NUMBERS = "platform_phone_numbers"
SECRET_PREFIX = "whsec_"
NOT_FOUND = "Setup or phone number not found"


class SetupDirectory:
    """Create and look up setups and phone numbers, scoped by API key."""

    def __init__(self, store: RecordStore, clock: Clock, ids: IdFactory):
        self._store, self._clock, self._ids = store, clock, ids
        store.index(SETUPS, "api_key")
        store.index(PHONE_NUMBERS, "setup_id")
        store.index(PHONE_NUMBERS, "phone_number")

    def authenticate(self, api_key: str) -> str:
        """Return the key if some setup belongs to it (Unauthorized otherwise)."""
        if not api_key or not self._store.any(SETUPS, "api_key", api_key, lambda _: True):
            raise Unauthorized("Invalid API key")
        return api_key

    def create_setup(
        self,
        api_key: str,
        *,
        setup_id: str | None = None,
        webhook_url: str | None = None,
        webhook_secret: str | None = None,
        name: str | None = None,
    ) -> dict:
        """Create a setup owned by ``api_key`` (Conflict if the id is taken)."""
        with self._store.transaction():
            setup_id = self._claim_id(SETUPS, setup_id, "setup")
            setup = {
                "id": setup_id,
                "api_key": api_key,
                "name": name,
                "webhook_url": webhook_url,
                "webhook_secret": webhook_secret or self._new_secret(),
                "created_at": format_iso(self._clock.now()),
            }
            self._store.put(SETUPS, setup_id, setup)
            return setup

    def add_phone_number(
        self, setup_id: str, phone_number: str, *, number_id: str | None = None
    ) -> dict:
        """Add an E.164 number to a setup (Conflict if any setup already holds it: a
        toll-free number carries one active verification at a time, the vendor's rule)."""
        if not E164.match(phone_number):
            raise ValidationFailed(
                "phone_number must be E.164", {"phone_number": "e.g. +18005550100"}
            )
        with self._store.transaction():
            self.setup(setup_id)
            holder = self.holder_of(phone_number)
            if holder == setup_id:
                raise Conflict(f"setup {setup_id} already has {phone_number}")
            if holder is not None:
                raise Conflict(
                    f"{phone_number} already belongs to setup {holder}: a toll-free number can "
                    "have one active verification at a time"
                )
            number_id = self._claim_id(PHONE_NUMBERS, number_id, "phone number")
            number = {
                "id": number_id,
                "setup_id": setup_id,
                "phone_number": phone_number,
                "toll_free": is_toll_free(phone_number),
                "created_at": format_iso(self._clock.now()),
            }
            self._store.put(PHONE_NUMBERS, number_id, number)
            return number

    def setup(self, setup_id: str, api_key: str | None = None) -> dict:
        """A setup, checked against the caller's key when one is given (NotFound otherwise)."""
        setup = self._store.get(SETUPS, setup_id)
        if setup is None or (api_key is not None and setup["api_key"] != api_key):
            raise NotFound(NOT_FOUND if api_key is not None else f"setup {setup_id} not found")
        return setup

    def phone_number(self, api_key: str, setup_id: str, number_id: str) -> dict:
        """One of the key's setup's numbers (NotFound for anything else)."""
        self.setup(setup_id, api_key)
        number = self._store.get(PHONE_NUMBERS, number_id)
        if number is None or number["setup_id"] != setup_id:
            raise NotFound(NOT_FOUND)
        return number

    def has_setup(self, setup_id: str) -> bool:
        """Whether a setup with this id exists."""
        return self._store.exists(SETUPS, setup_id)

    def has_phone_number(self, number_id: str) -> bool:
        """Whether a phone number with this id exists."""
        return self._store.exists(PHONE_NUMBERS, number_id)

    def holder_of(self, phone_number: str) -> str | None:
        """The id of the setup that holds this E.164 number, if any."""
        found = self._store.find(PHONE_NUMBERS, "phone_number", phone_number)
        return found[0]["setup_id"] if found else None

    def phone_numbers(self, setup_id: str) -> list[dict]:
        """A setup's numbers, oldest first."""
        return self._store.find(PHONE_NUMBERS, "setup_id", setup_id)

    def setups(self, api_key: str | None = None) -> list[dict]:
        """Every setup, or the key's."""
        if api_key is None:
            return self._store.scan(SETUPS)
        return self._store.find(SETUPS, "api_key", api_key)

    def remove_setup(self, setup_id: str) -> None:
        """Forget a setup (the caller removes its numbers in the same transaction)."""
        self._store.delete(SETUPS, setup_id)

    def remove_phone_number(self, number_id: str) -> None:
        """Forget a number (the caller removes its verification in the same transaction)."""
        self._store.delete(PHONE_NUMBERS, number_id)

    def _claim_id(self, table: str, wanted: str | None, what: str) -> str:
        """``wanted`` if it is free (Conflict if taken), else a fresh UUID."""
        if wanted is not None:
            if self._store.exists(table, wanted):
                raise Conflict(f"{what} {wanted} already exists")
            return wanted
        while True:
            candidate = self._ids.uuid4()
            if not self._store.exists(table, candidate):
                return candidate

    def _new_secret(self) -> str:
        """A Standard Webhooks secret: ``whsec_`` + base64 of 24 random bytes."""
        return SECRET_PREFIX + base64.b64encode(bytes.fromhex(self._ids.hex(48))).decode()
