"""The URL a webhook request actually goes to, for signers that sign the URL.

requests rewrites a URL before sending it: an IDNA host is punycoded and every host
lower-cased, a path or query outside ASCII or holding a stray ``%`` or ``\\`` is
percent-encoded, an empty path becomes ``/``. A signature over the URL as configured would
then not match the URL the receiver sees, so signers sign ``sent_url`` and send it as is
(requests leaves a URL it prepared unchanged).
"""

from functools import lru_cache

from requests.models import PreparedRequest


@lru_cache(maxsize=1024)  # a sink's or a key's few URLs, once per delivery: 140 us each
def sent_url(destination: str) -> str:
    """``destination`` as requests sends it (its ``InvalidURL`` if it cannot)."""
    prepared = PreparedRequest()
    prepared.prepare_url(destination, None)
    return prepared.url
