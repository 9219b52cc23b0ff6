"""SMS segment counting, as carriers do it: GSM-7 when every character fits, else UTF-16.

GSM-7 fits 160 septets in one segment and 153 per segment of a longer message (the
extension table's characters take two septets); UTF-16 fits 70 code units, or 67 each.
"""

import math

_GSM_BASIC = set(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
_GSM_EXTENDED = set("^{}\\[~]|€\f")
SMS_PRICE, MMS_PRICE = 0.0079, 0.02


def count(text: str) -> tuple[int, str]:
    """Segments and encoding (``gsm7`` or ``utf16``) of a message text."""
    if all(ch in _GSM_BASIC or ch in _GSM_EXTENDED for ch in text):
        units = sum(2 if ch in _GSM_EXTENDED else 1 for ch in text)
        single, multi, encoding = 160, 153, "gsm7"
    else:
        # surrogatepass: a lone surrogate is one UTF-16 unit, not an encoding error.
        units = len(text.encode("utf-16-le", "surrogatepass")) // 2
        single, multi, encoding = 70, 67, "utf16"
    if units <= single:
        return 1, encoding
    return math.ceil(units / multi), encoding


def sms_cost(segments: int) -> float:
    """What the sandbox charges for an SMS (its own price list, in USD)."""
    return round(segments * SMS_PRICE, 4)


def mms_cost(messages: int) -> float:
    """What the sandbox charges for an MMS (its own price list, in USD)."""
    return round(messages * MMS_PRICE, 4)
