"""The Twilio backend's road to Messaging Services: services and their sender pools.

Routes call these methods of ``TwilioBackend``, never its ``MessagingServices``; each write
is one store transaction. Releasing a number takes it out of its pool too (see
``DirectoryFacade.release_phone_number``).
"""

from mockserver.store_contract import RecordStore

from .accounts import PHONE_NUMBER_SID, AccountDirectory
from .services import MessagingServices


class ServicesFacade:
    """Messaging Services per account (a part of ``TwilioBackend``)."""

    _store: RecordStore
    accounts: AccountDirectory
    services: MessagingServices

    # -- services ----------------------------------------------------------------------

    def create_service(self, account_sid: str, values: dict) -> dict:
        """A new Messaging Service; settings not given take the sandbox's defaults."""
        with self._store.transaction():
            return self.services.create(account_sid, values)

    def fetch_service(self, account_sid: str, sid: str) -> dict:
        """One of the account's services (NotFound otherwise)."""
        return self.services.owned(account_sid, sid)

    def list_services(self, account_sid: str) -> list[dict]:
        """The account's services, newest first."""
        return self.services.of_account(account_sid)

    def update_service(self, account_sid: str, sid: str, values: dict) -> dict:
        """Change any of a service's settings."""
        with self._store.transaction():
            return self.services.update(account_sid, sid, values)

    def delete_service(self, account_sid: str, sid: str) -> None:
        """Delete a service with its sender pool; its numbers stay in the account."""
        with self._store.transaction():
            self.services.delete(account_sid, sid)

    # -- sender pools ------------------------------------------------------------------

    def add_service_number(self, account_sid: str, service_sid: str, phone_number_sid: str) -> dict:
        """Put one of the account's numbers in a service's pool (21421, 21710, 21712, 21714)."""
        with self._store.transaction():
            number = (
                self.accounts.phone_number(phone_number_sid)
                if PHONE_NUMBER_SID.match(phone_number_sid)
                else None
            )
            return self.services.add_number(account_sid, service_sid, number)

    def service_numbers(self, account_sid: str, service_sid: str) -> list[dict]:
        """The numbers in one of the account's services, oldest first."""
        return self.services.numbers(account_sid, service_sid)

    def fetch_service_number(self, account_sid: str, service_sid: str, sid: str) -> dict:
        """One number of a service's pool (NotFound otherwise)."""
        return self.services.number(account_sid, service_sid, sid)

    def remove_service_number(self, account_sid: str, service_sid: str, sid: str) -> None:
        """Take a number out of a service's pool; it stays in the account."""
        with self._store.transaction():
            self.services.remove_number(account_sid, service_sid, sid)
