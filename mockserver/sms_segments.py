"""SMS segment counting, as carriers do it: GSM-7 when every character fits, else UTF-16.

GSM-7 fits 160 septets in one segment and 153 per segment of a longer message (the
extension table's characters take two septets); UTF-16 fits 70 code units, or 67 each. A
segment boundary never splits a two-septet character or a surrogate pair. Twilio's own
segment calculator counts the same way (``docs/reference/twilio-messaging.md``, §1).
"""

import math
from collections.abc import Callable

_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = set("^{}\\[~]|€\f")
_GSM = _GSM_BASIC | _GSM_EXTENDED


GSM7, UTF16 = ENCODINGS = ("gsm7", "utf16")  # what ``count`` calls each


def count(text: str) -> tuple[int, str]:
    """Segments and encoding (``GSM7`` or ``UTF16``) of a message text."""
    if not unsupported_gsm7(text):
        return len(split_gsm7(text)), GSM7
    return len(split_utf16(text)), UTF16


def unsupported_gsm7(text: str) -> list[str]:
    """The characters of ``text`` GSM-7 cannot carry, each once, in order of appearance."""
    return list(dict.fromkeys(ch for ch in text if ch not in _GSM))


def split_gsm7(text: str) -> list[str]:
    """The GSM-7 segments of a text of GSM-7 characters only."""
    return _split(text, _septets, 160, 153)


def split_utf16(text: str) -> list[str]:
    """The UTF-16 segments of any text."""
    return _split(text, _utf16_units, 70, 67)


def gsm7_bytes(text: str) -> int:
    """Bytes of a GSM-7 text packed as carriers send it (eight septets in seven bytes)."""
    return math.ceil(sum(map(_septets, text)) * 7 / 8)


def utf16_bytes(text: str) -> int:
    """Bytes of a text in UTF-16."""
    return 2 * sum(map(_utf16_units, text))


def _septets(ch: str) -> int:
    return 2 if ch in _GSM_EXTENDED else 1


def _utf16_units(ch: str) -> int:
    # A lone surrogate is one unit (it cannot be encoded, so it is not measured by encoding).
    return 2 if ord(ch) > 0xFFFF else 1


def _split(text: str, units: Callable[[str], int], single: int, multi: int) -> list[str]:
    if sum(map(units, text)) <= single:
        return [text]
    segments, current, used = [], [], 0
    for ch in text:
        if used + units(ch) > multi:
            segments.append("".join(current))
            current, used = [], 0
        current.append(ch)
        used += units(ch)
    return [*segments, "".join(current)]
