"""The Twilio backend's road to accounts, API keys, phone numbers and customer profiles.

Routes and the control API call these methods of ``TwilioBackend``, never its
``AccountDirectory``. Each write is one store transaction (the directory's own); none of
them concerns a review, so none calls the review hooks.
"""

from mockserver.ids import IdFactory

from .accounts import AccountDirectory
from .purchases import buy_number, search_numbers
from .services import MessagingServices


class DirectoryFacade:
    """Credentials, accounts and what they own (a part of ``TwilioBackend``)."""

    accounts: AccountDirectory
    services: MessagingServices
    _ids: IdFactory

    def account_of_key(self, key_sid: str) -> str | None:
        """The account an ``SK…`` API key acts for (None: no such key)."""
        key = self.accounts.api_key(key_sid)
        return key["account_sid"] if key else None

    def authenticate(self, username: str, password: str) -> str:
        """The account SID Basic-auth credentials act for (Unauthorized otherwise)."""
        return self.accounts.authenticate(username, password)

    def account_family(self, account_sid: str) -> list[str]:
        """The account's SID and its subaccounts'."""
        return self.accounts.family(account_sid)

    def create_account(
        self,
        sid: str | None = None,
        auth_token: str | None = None,
        parent_sid: str | None = None,
        friendly_name: str | None = None,
    ) -> dict:
        """Declare an account (a subaccount when ``parent_sid`` is given); a missing token is
        generated."""
        token = auth_token if auth_token is not None else self._ids.hex(32)
        return self.accounts.create_account(sid, token, parent_sid, friendly_name)

    def create_api_key(
        self,
        account_sid: str,
        sid: str | None = None,
        secret: str | None = None,
        friendly_name: str | None = None,
    ) -> dict:
        """Create an ``SK…`` key that authenticates as the account."""
        return self.accounts.create_api_key(account_sid, sid, secret, friendly_name)

    def create_customer_profile(
        self,
        account_sid: str,
        status: str,
        profile_type: str,
        sid: str | None = None,
        friendly_name: str | None = None,
        email: str | None = None,
    ) -> dict:
        """Create a TrustHub customer profile in the account."""
        return self.accounts.create_customer_profile(
            account_sid, status, profile_type, sid, friendly_name, email
        )

    # -- phone numbers -----------------------------------------------------------------

    def add_phone_number(
        self,
        account_sid: str,
        phone_number: str,
        sid: str | None = None,
        friendly_name: str | None = None,
    ) -> dict:
        """Give an account a number (Conflict if anyone owns it already)."""
        return self.accounts.add_phone_number(
            account_sid, phone_number, sid=sid, friendly_name=friendly_name
        )

    def buy_phone_number(
        self,
        account_sid: str,
        *,
        phone_number: str | None,
        area_code: str | None,
        kind: str | None,
        friendly_name: str | None,
        config: dict,
    ) -> dict:
        """Buy the given number, or the first free one of the area code (2010 API errors)."""
        return buy_number(
            self.accounts,
            account_sid,
            phone_number=phone_number,
            area_code=area_code,
            kind=kind,
            friendly_name=friendly_name,
            config=config,
        )

    def search_phone_numbers(
        self, *, country: str, kind: str, area_code: str | None, contains: str | None, limit: int
    ) -> list[str] | None:
        """Up to ``limit`` free numbers, or None when the country is not offered."""
        return search_numbers(
            self.accounts,
            country=country,
            kind=kind,
            area_code=area_code,
            contains=contains,
            limit=limit,
        )

    def phone_numbers(self, account_sid: str) -> list[dict]:
        """The account's phone numbers, oldest first."""
        return self.accounts.phone_numbers(account_sid)

    def owned_phone_number(self, account_sid: str, sid: str) -> dict:
        """One of the account's phone numbers (NotFound otherwise)."""
        return self.accounts.owned_phone_number(account_sid, sid)

    def update_phone_number(self, account_sid: str, sid: str, changes: dict) -> dict:
        """Change a number's friendly name or settings."""
        return self.accounts.update_phone_number(account_sid, sid, changes)

    def release_phone_number(self, account_sid: str, sid: str) -> None:
        """Release a number from the account and its Messaging Service's sender pool (its
        verifications are left as they are)."""
        with self.accounts.transaction():
            self.accounts.release_phone_number(account_sid, sid)
            self.services.forget_number(sid)

    # -- seeding -----------------------------------------------------------------------

    def seed_account(self, data: dict, parent_sid: str | None) -> None:
        """Create a seed file's account and what it owns, skipping what already exists."""
        directory = self.accounts
        if directory.account(data["sid"]) is None:
            directory.create_account(
                sid=data["sid"],
                auth_token=data.get("auth_token"),
                parent_sid=parent_sid,
                friendly_name=data.get("friendly_name"),
            )
        for key in data["api_keys"]:
            if not directory.api_key(key["sid"]):
                directory.create_api_key(
                    data["sid"], key["sid"], key["secret"], key.get("friendly_name")
                )
        for number in data["phone_numbers"]:
            if directory.phone_number(number["sid"]) is None and not directory.is_owned(
                number["phone_number"]
            ):
                directory.add_phone_number(
                    data["sid"],
                    number["phone_number"],
                    sid=number["sid"],
                    friendly_name=number.get("friendly_name"),
                )
        for profile in data["customer_profiles"]:
            if directory.customer_profile(profile["sid"]) is None:
                directory.create_customer_profile(
                    data["sid"],
                    profile["status"],
                    profile["profile_type"],
                    sid=profile["sid"],
                    friendly_name=profile.get("friendly_name"),
                    email=profile.get("email"),
                )
