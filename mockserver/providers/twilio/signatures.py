"""``X-Twilio-Signature``: how Twilio signs every request it makes (status callbacks, incoming
message webhooks, Event Streams deliveries), as twilio-python's ``RequestValidator`` checks it
(``docs/reference/twilio-messaging.md`` §6)."""

import base64
import hmac
from collections.abc import Mapping
from functools import lru_cache
from urllib.parse import urlsplit, urlunsplit


def twilio_signature(url: str, params: Mapping[str, str], auth_token: str) -> str:
    """Base64(HMAC-SHA1(auth token, URL + each form parameter's name and value in name
    order)). The URL is signed as the receiving application sees it: without
    ``user:password@`` (sent as an Authorization header) and without a ``#fragment`` (never
    sent; Twilio's connection overrides live there)."""
    payload = _as_received(url) + "".join(f"{name}{params[name]}" for name in sorted(params))
    mac = hmac.digest(auth_token.encode(), payload.encode(), "sha1")
    return base64.b64encode(mac).decode()


@lru_cache(maxsize=1024)  # a sink's or a callback's few URLs, signed at every delivery
def _as_received(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc.rpartition("@")[2], parts.path, parts.query, ""))
