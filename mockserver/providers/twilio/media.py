"""A message's media: one ``ME…`` entry per ``MediaUrl``, kept inside the message record.

The sandbox fetches nothing, so an entry's ``content_type`` comes from the URL's extension
(a sandbox choice, ``docs/reference/twilio-messaging.md`` §1); an unknown one is
``application/octet-stream``.
"""

import mimetypes
from collections.abc import Callable
from urllib.parse import urlsplit

_TYPES = mimetypes.MimeTypes()


def content_type(url: str) -> str:
    """The media type a URL's extension names."""
    guessed, _ = _TYPES.guess_type(urlsplit(url).path, strict=False)
    return guessed or "application/octet-stream"


def new_media(urls: list[str], fresh_sid: Callable[[], str], now: str) -> list[dict]:
    """The entries of a new message's media, in the order the URLs came."""
    return [
        {
            "sid": fresh_sid(),
            "url": url,
            "content_type": content_type(url),
            "date_created": now,
            "date_updated": now,
        }
        for url in urls
    ]


def find(message: dict, media_sid: str) -> dict | None:
    """One entry of a message's media, or None."""
    return next((m for m in message.get("media") or () if m.get("sid") == media_sid), None)
