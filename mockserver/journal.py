"""The request journal: what clients sent to the emulated APIs, so tests can verify it.

    journal = RequestJournal(capacity=1000)
    journal.add(JournaledRequest(at=…, method="POST", path="/v1/Tollfree/Verifications", …))
    journal.entries(method="POST", path_prefix="/v1/Tollfree", tenant="AC…")

It lives in memory on purpose: it is a verification aid that every reset clears, and
writing it to the store would cost every request a store commit (and a file write on a JSON
store). A ring buffer bounds it: past ``capacity`` entries the oldest are dropped and
counted in ``dropped``.

The request path only keeps raw pieces (``mockserver.admin.request_log.JournaledRequest``,
a ``Kept``: the time, method, path, the query string's bytes, the environ's header items,
the body's bytes, the status, the tenant as named, the response's bytes and
``Content-Type``); redacting headers, query parameters and bodies
(``mockserver.redaction``), cutting them, fingerprinting a secret tenant and formatting the
time wait until the journal is read (``entries``, ``GET /_mock/requests``), and give the
entries recording them whole gave (``tests/test_journal_lazy.py`` compares the two). A
piece past its bound is redacted and cut on the way in instead, so only the bounded result
is kept.

Every field of an entry is bounded, so one client cannot grow the process without limit.
Worst cases in CPython's sizes, where text holding a character beyond the BMP takes 4 bytes
a character (76 bytes per string object), each header takes two strings:

====================  =============================================  ==================
field                 bound                                          worst case (bytes)
====================  =============================================  ==================
``body``              first 64 KiB of the raw bytes (decoded only    65,569
                      when listed)
``headers``           100 environ items of 16 KiB of keys + values   85,436
                      kept as sent (``HTTP_`` prefixes counted), or
                      else 100 headers, 16 KiB of names + values
                      redacted and cut (4 * 16,384 + 200 * 76 + the
                      dict's 4,700)
``path``              2,048 characters                               8,268
``query_string``      2,048 bytes as sent, or else 2,048 characters  8,268
                      redacted and cut (parsed only when listed)
the response's body   first 64 KiB of the bytes the client received  65,569
                      (a reference to the response's own bytes when
                      they fit: none for HEAD or a streamed answer)
the response's type   its ``Content-Type``, first 128 characters,    612
                      and the three slots holding it all
everything else       ``method`` 32 and ``mimetype`` 128 chars (a    2,667
                      mimetype only once headers are cut: it is read
                      from them), the tenant (64 chars as named, or
                      else its fingerprint and digest), ``id``,
                      ``at``, ``status``, flags, the entry's object
**one entry**                                                        **236,389**
====================  =============================================  ==================

So the default journal of 1,000 entries stays under 1,000 * 236,389 bytes (about 225 MiB)
however hostile its requests (the capacity * (body caps + header cap + fixed fields) of the
table); an ordinary request's entry takes about a KiB of its own (most of what it holds are
strings it shares with the request and the response: its header values, its bodies).

Listed (``GET /_mock/requests``), an entry is compact JSON in UTF-8, where one character
takes at most 6 bytes (a control character's ``\\u0001``, a lone surrogate's escape) and a
character above 0x7F its 2 to 4 UTF-8 bytes. A body is shown as text when it is UTF-8 text
and as base64 otherwise (``shown_body``), and ``json`` is written anew from the parsed body;
so is the response's; the values of secret-named members and parameters of a JSON or form
body, the request's or the response's, are redacted (``mockserver.redaction``) before it is
listed or parsed:

====================  =============================================  ==================
field                 listed as                                      worst case (bytes)
====================  =============================================  ==================
``body`` and its      text (2 bytes a byte at most: ``\\"``) or      314,600
``json`` or ``form``  base64 (4 for 3); a JSON body of ``1E15,``
                      takes 5 bytes as ``body`` and 19 as ``json``
                      (``1000000000000000.0,``): 4.8 a byte, the most
``headers``           6 a character, 6 more a header                 98,906
``path``              6 a character                                  12,290
``query_string``      6 a character each                             24,580
and ``query``
``response``: its     as the request's body (a secret's              314,600
``body`` and ``json`` ``"[redacted]"`` grows a member of 11 bytes,
                      ``"tokenA":1,``, to 26 listed as text and 22
                      as ``json``: 4.4 a byte, under 4.8; so for a
                      request's redacted body)
``response``'s other  its mimetype (6 a character), keys and flags   860
fields
everything else       ``method``, ``tenant``, the keys, ``id``,      860
                      ``at``, ``status``, ``provider``, flags
**one entry**                                                        **766,696**
====================  =============================================  ==================

So a listing answers the newest matching entries that fit in ``LISTING_BYTES`` (32 MiB) and
counts the older ones in ``omitted``: at least 43 worst-case entries, and all 1,000 when
each takes under 32 KiB listed (an ordinary one takes a few KiB). Entries are redacted,
parsed and rendered one at a time, so listing holds those bytes and one entry's parse.

A value cut to fit ends with ``…[cut N chars]`` (N: the characters left out); an entry whose
headers were cut or left out says ``headers_truncated``. A tenant whose name is a credential
(``secret_tenant``: a Pinnacle API key, a platform bearer key) is shown only as its
``fingerprint``. The ``tenant`` filter and ``forget`` compare the whole name (kept as named up
to 64 characters, past that only as its SHA-256 digest, ``tenant_digest``), so the whole key
still selects its entries and a fingerprint selects none. Like the raw headers, which carry
the same key, a name kept as named stays in this process's memory and out of every view.
"""

import base64
import codecs
import hashlib
import re
import threading
from collections import deque
from collections.abc import Iterable, Mapping
from typing import Protocol

DEFAULT_CAPACITY = 1000
MAX_BODY_BYTES = 64 * 1024
MAX_HEADER_CHARS = 16 * 1024
MAX_HEADERS = 100  # the most http.server accepts; a WSGI test client sends any number
MAX_URL_CHARS = 2048
MAX_METHOD_CHARS = 32
MAX_MIMETYPE_CHARS = 128
MAX_TENANT_CHARS = 64
ENTRY_BYTES = 236_389  # the worst case above, for one entry
RESPONSE_BYTES = 66_181  # the response's share of it
LISTED_ENTRY_BYTES = 766_696  # the worst case above, for one entry as listed
LISTING_BYTES = 32 * 1024 * 1024
# JSON spells these \u0000-style (6 bytes each); a body holding one is shown as base64.
_BINARY = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def cut_marker(count: int) -> str:
    """What ends a value cut to fit: ``…[cut 120 chars]``."""
    return f"…[cut {count} chars]"


def clip(text: str, limit: int) -> str:
    """``text`` if it fits in ``limit`` characters, else its start and a ``cut_marker``,
    ``limit`` characters in all."""
    if len(text) <= limit:
        return text
    keep = max(limit - len(cut_marker(len(text))), 0)
    return text[:keep] + cut_marker(len(text) - keep)


def cap_headers(headers: Mapping[str, str]) -> tuple[dict[str, str], bool]:
    """At most ``MAX_HEADERS`` headers whose names and values add up to at most
    ``MAX_HEADER_CHARS``, and whether any was cut or left out.

    Headers are kept in order while they fit; the first that does not is cut (its value
    ends with a ``cut_marker``) or, when not even its name fits, left out, and so on.
    """
    kept: dict[str, str] = {}
    room, truncated = MAX_HEADER_CHARS, False
    for name, value in headers.items():
        if len(kept) == MAX_HEADERS:
            return kept, True
        if len(name) + len(value) <= room:
            kept[name] = value
            room -= len(name) + len(value)
            continue
        truncated = True
        # The marker's count has at most as many digits as the whole value's length.
        keep = room - len(name) - len(cut_marker(len(value)))
        if keep >= 0:
            kept[name] = value[:keep] + cut_marker(len(value) - keep)
            room -= len(name) + len(kept[name])
    return kept, truncated


def shown_body(raw: bytes, *, truncated: bool = False) -> tuple[str, bool]:
    """How the listing shows a body: ``(text, False)`` when it is UTF-8 text, else
    ``(base64 of the bytes, True)``.

    Text holds no control characters but tab, line feed and carriage return; a body cut at
    ``MAX_BODY_BYTES`` inside a character is text without that partial character.
    """
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(raw, final=not truncated)
    except UnicodeDecodeError:
        text = None
    if text is None or _BINARY.search(text):
        return base64.b64encode(raw).decode("ascii"), True
    return text, False


def fingerprint(secret: str) -> str:
    """How the journal shows a secret tenant: ``…`` and its last 4 characters; keys shorter
    than 12 characters show their last 2, keys shorter than 6 nothing at all."""
    shown = 4 if len(secret) >= 12 else 2 if len(secret) >= 6 else 0
    return "…" + secret[len(secret) - shown :]


def tenant_digest(tenant: str) -> bytes:
    """What the journal matches tenants by: the SHA-256 of the whole name (never listed)."""
    return hashlib.sha256(tenant.encode("utf-8", "surrogatepass")).digest()


class Kept(Protocol):
    """A request as the journal keeps it: what the filters read, and its entry as shown.

    ``mockserver.admin.request_log.JournaledRequest`` keeps a request's raw pieces and shows
    them only when asked (the tests also keep entries given whole: ``tests/journal_entries``).
    """

    id: int
    method: str
    path: str
    provider: str | None
    status: int

    def is_tenant(self, name: str, digest: bytes) -> bool:
        """Whether it acted for tenant ``name`` (whose ``tenant_digest`` is ``digest``)."""
        ...

    def entry(self) -> dict:
        """The entry: headers and query redacted and cut, the tenant fingerprinted when
        secret (with its ``tenant_digest``), the time formatted."""
        ...


class RequestJournal:
    """A thread-safe ring buffer of request entries, oldest first."""

    def __init__(self, capacity: int = DEFAULT_CAPACITY):
        self.capacity = capacity
        self._entries: deque[Kept] = deque(maxlen=capacity)
        self._lock = threading.Lock()
        self._sequence = 0
        self.dropped = 0

    def add(self, kept: Kept) -> None:
        """Append a request as kept (numbered ``id`` 1, 2, …); the oldest goes once the
        buffer is full. The request path's way in: nothing is parsed or redacted here."""
        with self._lock:
            self._sequence += 1
            kept.id = self._sequence
            if len(self._entries) == self.capacity:
                self.dropped += 1
            self._entries.append(kept)

    def select(
        self,
        *,
        method: str | None = None,
        path_prefix: str | None = None,
        provider: str | None = None,
        tenant: str | None = None,
        status: int | None = None,
        limit: int | None = None,
    ) -> list[Kept]:
        """The kept requests matching every given filter, oldest first, unparsed (each one's
        ``entry()`` shows it); ``limit`` keeps the newest.

        ``tenant`` is the tenant's whole name (an account SID, the whole API key).
        """
        digest = None if tenant is None else tenant_digest(tenant)
        method = None if method is None else method.upper()
        with self._lock:
            found = [
                kept
                for kept in self._entries
                if (method is None or kept.method == method)
                and (path_prefix is None or kept.path.startswith(path_prefix))
                and (provider is None or kept.provider == provider)
                and (tenant is None or kept.is_tenant(tenant, digest))
                and (status is None or kept.status == status)
            ]
        return found[-limit:] if limit else found

    def entries(self, **filters) -> list[dict]:
        """Entries matching every given filter (``select``'s), oldest first; ``limit`` keeps
        the newest."""
        return [kept.entry() for kept in self.select(**filters)]

    def clear(self) -> int:
        """Forget every entry; return how many there were."""
        with self._lock:
            count = len(self._entries)
            self._entries.clear()
            self.dropped = 0
            return count

    def forget(self, provider: str, tenants: Iterable[str]) -> int:
        """Forget the entries of some tenants (whole names) of one provider; return how many
        went."""
        digests = {tenant_digest(tenant): tenant for tenant in tenants}
        with self._lock:
            kept = [
                entry
                for entry in self._entries
                if not (
                    entry.provider == provider
                    and any(entry.is_tenant(name, digest) for digest, name in digests.items())
                )
            ]
            count = len(self._entries) - len(kept)
            self._entries = deque(kept, maxlen=self.capacity)
            return count
