"""``X-Twilio-Signature``: how Twilio signs every request it makes (status callbacks, incoming
message webhooks, Event Streams deliveries), as twilio-python's ``RequestValidator`` checks it
(``docs/reference/twilio-messaging.md`` §6)."""

import base64
import hashlib
import hmac
from collections.abc import Mapping
from urllib.parse import urlsplit, urlunsplit


def twilio_signature(url: str, params: Mapping[str, str], auth_token: str) -> str:
    """Base64(HMAC-SHA1(auth token, URL + each form parameter's name and value in name
    order)). The URL is signed as the receiving application sees it: without
    ``user:password@`` (sent as an Authorization header) and without a ``#fragment`` (never
    sent; Twilio's connection overrides live there)."""
    parts = urlsplit(url)
    seen = urlunsplit((parts.scheme, parts.netloc.rpartition("@")[2], parts.path, parts.query, ""))
    payload = seen + "".join(f"{name}{params[name]}" for name in sorted(params))
    mac = hmac.new(auth_token.encode(), payload.encode(), hashlib.sha1).digest()
    return base64.b64encode(mac).decode()
