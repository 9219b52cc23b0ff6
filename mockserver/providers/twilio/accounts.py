"""Twilio accounts, API keys, phone numbers and TrustHub customer profiles.

The verification API only ever sees an account through its credentials, so this directory
is what turns ``AC…:token`` or ``SK…:secret`` into an account SID, and what the TFV rules
consult for phone numbers (``PN…``) and customer profiles (``BU…``).
"""

import hmac
import re

from mockserver.clock import Clock, format_iso
from mockserver.errors import Conflict, NotFound, Unauthorized, ValidationFailed
from mockserver.ids import IdFactory
from mockserver.nanp import E164, is_toll_free
from mockserver.record_kinds import OneOf
from mockserver.store_contract import RecordStore

from .records import ACCOUNT, API_KEY, CUSTOMER_PROFILE, PHONE_NUMBER, ProfileStatus, ProfileType

ACCOUNTS = "twilio_accounts"
API_KEYS = "twilio_api_keys"
PHONE_NUMBERS = "twilio_phone_numbers"
PROFILES = "twilio_customer_profiles"

ACCOUNT_SID = re.compile(r"^AC[0-9a-fA-F]{32}\Z")
KEY_SID = re.compile(r"^SK[0-9a-fA-F]{32}\Z")
PHONE_NUMBER_SID = re.compile(r"^PN[0-9a-fA-F]{32}\Z")
PROFILE_SID = re.compile(r"^BU[0-9a-fA-F]{32}\Z")


# Twilio's onboarding guide (docs/reference/twilio-tollfree-verification.md):
# "Valid provided profile types: ISV Starter Profile and SCP."
TFV_PROFILE_TYPES = (ProfileType.SECONDARY, ProfileType.ISV_STARTER)


def national_format(phone_number: str) -> str:
    """Twilio's default friendly name: ``(800) 555-0100`` for NANP, the number otherwise."""
    digits = phone_number[2:]
    if phone_number.startswith("+1") and len(digits) == 10:
        return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    return phone_number


class AccountDirectory:
    """Accounts and what they own, with Twilio's authentication rules."""

    def __init__(self, store: RecordStore, clock: Clock, ids: IdFactory, *, strict_auth: bool):
        self._store, self._clock, self._ids = store, clock, ids
        self.strict_auth = strict_auth
        store.index(ACCOUNTS, "parent_sid")
        store.index(PHONE_NUMBERS, "account_sid")
        store.index(PHONE_NUMBERS, "phone_number")
        store.index(PROFILES, "account_sid")

    def transaction(self):
        """Make several directory operations one atomic step."""
        return self._store.transaction()

    # -- accounts and credentials ------------------------------------------------------

    def authenticate(self, username: str, password: str) -> str:
        """Return the account SID these Basic-auth credentials act for."""
        if not password:
            raise Unauthorized("Authenticate")
        with self._store.transaction():
            if ACCOUNT_SID.match(username):
                return self._authenticate_account(username, password)
            if KEY_SID.match(username):
                key = self._store.get(API_KEYS, username, shared=True)
                if key and _same(key["secret"], password):
                    return key["account_sid"]
        raise Unauthorized("Authenticate")

    def create_account(
        self,
        sid: str | None = None,
        auth_token: str | None = None,
        parent_sid: str | None = None,
        friendly_name: str | None = None,
        declared: bool = True,
    ) -> dict:
        """Create an account (a subaccount when ``parent_sid`` is given)."""
        with self._store.transaction():
            sid = sid or self._fresh_sid(ACCOUNTS, "AC")
            if not ACCOUNT_SID.match(sid):
                raise ValidationFailed("invalid account sid", {"sid": "must be AC + 32 hex"})
            if self._store.exists(ACCOUNTS, sid):
                raise Conflict(f"account {sid} already exists")
            if parent_sid is not None:
                parent = self._store.get(ACCOUNTS, parent_sid)
                if parent is None:
                    raise NotFound(f"parent account {parent_sid} does not exist")
                if parent["parent_sid"] is not None:
                    raise ValidationFailed(
                        "a subaccount cannot have subaccounts", {"parent_sid": "is a subaccount"}
                    )
            now = format_iso(self._clock.now())
            account = ACCOUNT.new_record(
                {},
                sid=sid,
                auth_token=auth_token,
                parent_sid=parent_sid,
                friendly_name=friendly_name or sid,
                declared=declared,
                date_created=now,
                date_updated=now,
            )
            self._store.put(ACCOUNTS, sid, account)
            return account

    def account(self, sid: str) -> dict | None:
        """Return an account (read-only: ``mockserver.shared_docs``) or None."""
        return self._store.get(ACCOUNTS, sid, shared=True)

    def require_account(self, sid: str) -> dict:
        """Return an account for the control API, creating it unless auth is strict."""
        with self._store.transaction():
            account = self._store.get(ACCOUNTS, sid)
            if account is not None:
                return account
            if self.strict_auth:
                raise NotFound(
                    f"account {sid} is not declared (create it with POST /_mock/twilio/accounts)"
                )
            return self.create_account(sid=sid)

    def family(self, account_sid: str) -> list[str]:
        """The account and its subaccounts' SIDs."""
        children = self._store.find(ACCOUNTS, "parent_sid", account_sid)
        return [account_sid] + [child["sid"] for child in children]

    def create_api_key(
        self,
        account_sid: str,
        sid: str | None = None,
        secret: str | None = None,
        friendly_name: str | None = None,
    ) -> dict:
        """Create an API key (``SK…``) that authenticates as ``account_sid``."""
        with self._store.transaction():
            self.require_account(account_sid)
            sid = sid or self._fresh_sid(API_KEYS, "SK")
            if not KEY_SID.match(sid):
                raise ValidationFailed("invalid key sid", {"sid": "must be SK + 32 hex"})
            if self._store.exists(API_KEYS, sid):
                raise Conflict(f"API key {sid} already exists")
            key = API_KEY.new_record(
                {},
                sid=sid,
                secret=secret or self._ids.hex(32),
                account_sid=account_sid,
                friendly_name=friendly_name or sid,
                date_created=format_iso(self._clock.now()),
            )
            self._store.put(API_KEYS, sid, key)
            return key

    def api_key(self, sid: str) -> dict | None:
        """Return an API key or None."""
        return self._store.get(API_KEYS, sid)

    def remove_accounts(self, account_sids: list[str]) -> None:
        """Delete accounts with their API keys, phone numbers and customer profiles."""
        owned = set(account_sids)
        with self._store.transaction():
            for key in self._store.scan(API_KEYS, lambda key: key["account_sid"] in owned):
                self._store.delete(API_KEYS, key["sid"])
            for sid in account_sids:
                for table in (PHONE_NUMBERS, PROFILES):
                    for doc in self._store.find(table, "account_sid", sid):
                        self._store.delete(table, doc["sid"])
                self._store.delete(ACCOUNTS, sid)

    # -- phone numbers -----------------------------------------------------------------

    def add_phone_number(
        self,
        account_sid: str,
        phone_number: str,
        sid: str | None = None,
        friendly_name: str | None = None,
        config: dict | None = None,
    ) -> dict:
        """Give an account a phone number; raise Conflict if anyone owns it already."""
        if not E164.match(phone_number or ""):
            raise ValidationFailed(
                "phone_number must be in E.164 format", {"phone_number": "not E.164"}
            )
        with self._store.transaction():
            self.require_account(account_sid)
            if self._store.find(PHONE_NUMBERS, "phone_number", phone_number):
                raise Conflict(f"phone number {phone_number} is already owned")
            sid = sid or self._fresh_sid(PHONE_NUMBERS, "PN")
            if not PHONE_NUMBER_SID.match(sid):
                raise ValidationFailed("invalid phone number sid", {"sid": "must be PN + 32 hex"})
            if self._store.exists(PHONE_NUMBERS, sid):
                raise Conflict(f"phone number {sid} already exists")
            now = format_iso(self._clock.now())
            record = PHONE_NUMBER.new_record(
                {},
                sid=sid,
                account_sid=account_sid,
                phone_number=phone_number,
                friendly_name=friendly_name or national_format(phone_number),
                toll_free=is_toll_free(phone_number),
                config=dict(config or {}),
                date_created=now,
                date_updated=now,
            )
            self._store.put(PHONE_NUMBERS, sid, record)
            return record

    def phone_number(self, sid: str) -> dict | None:
        """Return a phone number by SID (read-only), whoever owns it."""
        return self._store.get(PHONE_NUMBERS, sid, shared=True)

    def number_by_e164(self, phone_number: str) -> dict | None:
        """The number record of an E.164 number (read-only), whoever owns it, or None."""
        found = self._store.select(
            PHONE_NUMBERS, "phone_number", [phone_number], limit=1, shared=True
        )
        return found[0] if found else None

    def owned_phone_number(self, account_sid: str, sid: str) -> dict:
        """Return one of the account's phone numbers or raise NotFound."""
        record = self._store.get(PHONE_NUMBERS, sid)
        if record is None or record["account_sid"] != account_sid:
            raise NotFound(f"phone number {sid} not found")
        return record

    def phone_numbers(self, account_sid: str) -> list[dict]:
        """The account's phone numbers, oldest first."""
        return self._store.find(PHONE_NUMBERS, "account_sid", account_sid)

    def is_owned(self, phone_number: str) -> bool:
        """Whether any account owns this E.164 number."""
        return bool(self._store.find(PHONE_NUMBERS, "phone_number", phone_number))

    def update_phone_number(self, account_sid: str, sid: str, changes: dict) -> dict:
        """Change a number's friendly name or configuration."""
        with self._store.transaction():
            record = self.owned_phone_number(account_sid, sid)
            if changes.get("friendly_name") is not None:
                record["friendly_name"] = changes["friendly_name"]
            record["config"].update(changes.get("config") or {})
            record["date_updated"] = format_iso(self._clock.now())
            self._store.put(PHONE_NUMBERS, sid, record)
            return record

    def release_phone_number(self, account_sid: str, sid: str) -> None:
        """Release a number from the account."""
        with self._store.transaction():
            self.owned_phone_number(account_sid, sid)
            self._store.delete(PHONE_NUMBERS, sid)

    # -- customer profiles -------------------------------------------------------------

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
        given = {"status": status, "profile_type": profile_type}
        fields = {
            declared.name: f"must be one of {', '.join(check.choices)}"
            for declared in CUSTOMER_PROFILE.create_fields()
            for check in declared.checks
            if isinstance(check, OneOf) and given.get(declared.name) not in check.choices
        }
        if fields:
            raise ValidationFailed("invalid customer profile", fields)
        with self._store.transaction():
            self.require_account(account_sid)
            sid = sid or self._fresh_sid(PROFILES, "BU")
            if not PROFILE_SID.match(sid):
                raise ValidationFailed("invalid profile sid", {"sid": "must be BU + 32 hex"})
            if self._store.exists(PROFILES, sid):
                raise Conflict(f"customer profile {sid} already exists")
            now = format_iso(self._clock.now())
            profile = CUSTOMER_PROFILE.new_record(
                {},
                sid=sid,
                account_sid=account_sid,
                status=status,
                profile_type=profile_type,
                friendly_name=friendly_name or f"{profile_type} profile",
                email=email,
                date_created=now,
                date_updated=now,
            )
            self._store.put(PROFILES, sid, profile)
            return profile

    def customer_profile(self, sid: str) -> dict | None:
        """Return a customer profile by SID (read-only), whoever owns it."""
        return self._store.get(PROFILES, sid, shared=True)

    def has_approved_primary_profile(self, account_sid: str) -> bool:
        """Whether the account, or its parent for a subaccount, has an approved primary profile."""
        account = self.account(account_sid) or {}
        owners = [account_sid] + ([account["parent_sid"]] if account.get("parent_sid") else [])
        return any(
            self._store.any(PROFILES, "account_sid", owner, _approved_primary) for owner in owners
        )

    # -- internals ---------------------------------------------------------------------

    def _authenticate_account(self, sid: str, token: str) -> str:
        account = self.account(sid)
        if account is None:
            if self.strict_auth:
                raise Unauthorized("Authenticate")
            self.create_account(sid=sid, auth_token=token, declared=False)
            return sid
        if account["auth_token"] is None:
            if self.strict_auth and not account["declared"]:
                raise Unauthorized("Authenticate")
            account = account.copy()
            account["auth_token"] = token  # first use claims a token-less declared account
            self._store.put(ACCOUNTS, sid, account)
            return sid
        if self.strict_auth and not account["declared"]:
            raise Unauthorized("Authenticate")
        if not _same(account["auth_token"], token):
            raise Unauthorized("Authenticate")
        return sid

    def _fresh_sid(self, table: str, prefix: str) -> str:
        # A fixed random seed replays the same SIDs after a restart on a persisted store.
        while True:
            sid = self._ids.sid(prefix)
            if not self._store.exists(table, sid):
                return sid


def _same(expected: str, given: str) -> bool:
    # compare_digest refuses non-ASCII str; compare the UTF-8 bytes instead (surrogatepass:
    # a stored token or secret with a lone surrogate must fail to match, not to encode).
    return hmac.compare_digest(
        expected.encode("utf-8", "surrogatepass"), given.encode("utf-8", "surrogatepass")
    )


def _approved_primary(profile: dict) -> bool:
    return (
        profile["profile_type"] == ProfileType.PRIMARY
        and profile["status"] == ProfileStatus.TWILIO_APPROVED
    )
