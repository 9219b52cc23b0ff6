"""Who opted out of whom: a handset's STOP blocks a sender (a number, or a whole Messaging
Service when the number belongs to one) until it texts START (docs/reference §7)."""

from datetime import datetime

from mockserver.clock import format_iso
from mockserver.store_contract import RecordStore

OPT_OUTS = "twilio_opt_outs"


def _key(account_sid: str, scope: str, handset: str) -> str:
    # Per account: a released number given to another account carries no opt-out along.
    return f"{account_sid}|{scope}|{handset}"


class OptOuts:
    """Opt-outs by sender scope (``+1…`` number or ``MG…`` service) and handset."""

    def __init__(self, store: RecordStore):
        self._store = store
        store.index(OPT_OUTS, "account_sid")

    def opt_out(self, account_sid: str, scope: str, handset: str, at: datetime) -> None:
        """Record that ``handset`` wants nothing more from ``scope``."""
        self._store.put(
            OPT_OUTS,
            _key(account_sid, scope, handset),
            {
                "account_sid": account_sid,
                "scope": scope,
                "handset": handset,
                "date_created": format_iso(at),
            },
        )

    def opt_in(self, account_sid: str, scope: str, handset: str) -> None:
        """``handset`` accepts messages from the account's ``scope`` again."""
        self._store.delete(OPT_OUTS, _key(account_sid, scope, handset))

    def blocked(self, account_sid: str, scopes: list[str], handset: str) -> bool:
        """Whether ``handset`` opted out of any of the account's scopes."""
        return any(
            self._store.exists(OPT_OUTS, _key(account_sid, scope, handset)) for scope in scopes
        )

    def forget(self, account_sids: list[str]) -> None:
        """Drop these accounts' opt-outs."""
        for sid in account_sids:
            for entry in self._store.find(OPT_OUTS, "account_sid", sid):
                self._store.delete(OPT_OUTS, _key(sid, entry.get("scope"), entry.get("handset")))
