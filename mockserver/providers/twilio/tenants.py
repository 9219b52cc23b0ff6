"""Twilio tenants are accounts: which one a request acts for.

Plugged into the core through ``TwilioProvider.tenant_of``; ``TwilioBackend.reset_tenant``
resets one.
"""

from .accounts import ACCOUNT_SID, KEY_SID
from .backend import TwilioBackend


def tenant_of(backend: TwilioBackend, request) -> str | None:
    """The account SID a request's Basic credentials name (an API key's account for ``SK…``).

    The credentials need not be valid: the journal also wants the requests that failed.
    """
    try:
        credentials = request.authorization
    except ValueError:  # undecodable header bytes
        return None
    if credentials is None or credentials.type != "basic":
        return None
    username = credentials.username or ""
    if ACCOUNT_SID.match(username):
        return username
    if KEY_SID.match(username):
        return backend.account_of_key(username)
    return None
