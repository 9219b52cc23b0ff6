"""Dry runs of an SMS or an MMS (``POST /messages/validate/sms|mms``): segments, encodings
and price, with nothing sent, recorded or charged.

An SMS is shown in both encodings. The GSM-7 view is the text without the characters GSM-7
cannot carry (they are listed: remove them to send the text as GSM-7); the segment limit
applies to the encoding the text would really be sent in (``sms_segments.count``).

The sandbox fetches no media. It judges a file by its URL alone: an ``http``/``https`` URL
with a host is supported unless its file name ends in an extension outside ``MMS_EXTENSIONS``
(a URL without an extension is given the benefit of the doubt, as only its content type could
tell). A file's size is unknown without fetching it, so an MMS segment's ``size`` is the
bytes of its text (UTF-8) only. All supported files and the text make one MMS segment.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from mockserver import sms_segments

from . import prices

SMS_SEGMENT_LIMIT = 10  # the SDK: "For SMS, this is limit is 10"
# The sandbox's own list: common MMS image, audio, video, contact, calendar and document types.
MMS_EXTENSIONS = frozenset(
    {
        *("jpg", "jpeg", "png", "gif", "bmp", "webp"),  # images
        *("mp3", "m4a", "aac", "amr", "wav", "ogg"),  # audio
        *("mp4", "3gp", "3g2", "mov", "mpeg", "mpg", "webm"),  # video
        *("vcf", "vcard", "ics", "pdf", "txt", "csv", "rtf"),  # contacts, calendars, documents
    }
)


@dataclass(frozen=True)
class SmsPreview:
    """An SMS text in GSM-7 and in UTF-16, and what each would cost."""

    gsm7: list[str]
    gsm7_bytes: int
    unsupported: list[str]
    utf16: list[str]
    utf16_bytes: int
    unit: float
    over_limit: bool

    @property
    def gsm7_total(self) -> float:
        """The GSM-7 segments' price."""
        return prices.sms_cost(len(self.gsm7))

    @property
    def utf16_total(self) -> float:
        """The UTF-16 segments' price."""
        return prices.sms_cost(len(self.utf16))


@dataclass(frozen=True)
class MmsPreview:
    """An MMS as one segment of its supported files and text, and what it would cost."""

    files: list[str]
    unsupported: list[str]
    text: str
    size: int
    count: int
    unit: float

    @property
    def total(self) -> float:
        """The segments' price."""
        return prices.mms_cost(self.count)


def sms(text: str) -> SmsPreview:
    """The SMS dry run of ``text``."""
    unsupported = sms_segments.unsupported_gsm7(text)
    carried = "".join(ch for ch in text if ch not in unsupported)
    return SmsPreview(
        gsm7=sms_segments.split_gsm7(carried) if carried else [],
        gsm7_bytes=sms_segments.gsm7_bytes(carried),
        unsupported=unsupported,
        utf16=sms_segments.split_utf16(text),
        utf16_bytes=sms_segments.utf16_bytes(text),
        unit=prices.SMS_PRICE,
        over_limit=sms_segments.count(text)[0] > SMS_SEGMENT_LIMIT,
    )


def mms(media_urls: list[str], text: str) -> MmsPreview:
    """The MMS dry run of these files and ``text``."""
    files = [url for url in media_urls if is_supported_media(url)]
    unsupported = [url for url in media_urls if not is_supported_media(url)]
    return MmsPreview(
        files=files,
        unsupported=unsupported,
        text=text,
        size=len(text.encode()),
        count=1 if files or text else 0,
        unit=prices.MMS_PRICE,
    )


def is_supported_media(url: str) -> bool:
    """Whether the sandbox takes ``url`` for a file MMS can carry (judged by the URL only)."""
    try:
        parts = urlsplit(url)
    except ValueError:  # a malformed host such as an unclosed IPv6 bracket
        return False
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return False
    name = parts.path.rsplit("/", 1)[-1]
    return "." not in name or name.rsplit(".", 1)[1].lower() in MMS_EXTENSIONS
