"""Phone number details (``POST /phone-numbers/details``), derived from the digits alone.

The sandbox consults no carrier database, so every answer follows from the number:

- only North American numbers (``+1`` and ten digits) are described; any other E.164 number
  is unknown (404) and a ``+1`` number without ten digits is malformed (400);
- a number whose area code or exchange cannot exist (``0XX``, ``1XX``, ``N11``, a reserved
  ``9XX``) is ``isValid: false`` with type ``UNKNOWN`` (advanced: ``INVALID``, ``BLOCK``);
- type: a toll-free area code is ``TOLL_FREE``, 900 is ``PREMIUM``, a local number the
  sandbox sold (to any key) is ``LANDLINE``, any other ``MOBILE`` (what a recipient usually is);
- location: Canada for the Canadian area codes ``mockserver.nanp`` knows, else the United
  States; city, state and time zone only for the area codes it knows (none for toll-free);
- carrier: the sandbox's own name on ITU's test network (MCC 001, MNC 01); no contact is
  known for any number.
"""

import re
from dataclasses import dataclass

from mockserver.errors import NotFound
from mockserver.nanp import (
    LOCAL_AREA_CODES,
    TOLL_FREE_PREFIXES,
    area_code_of,
    is_geographic,
    locality,
)

from .errors import BadRequest

CARRIER, NORMALIZED_CARRIER = "Mockserver Sandbox", "sandbox"
TEST_MCC, TEST_MNC = "001", "01"  # ITU-T E.212's test network: no real carrier has it
PREMIUM_AREA = "900"
COUNTRIES = {"US": ("United States", "USA"), "CA": ("Canada", "CAN")}
TIME_ZONES = {
    "415": "America/Los_Angeles",
    "206": "America/Los_Angeles",
    "212": "America/New_York",
    "617": "America/New_York",
    "404": "America/New_York",
    "305": "America/New_York",
    "312": "America/Chicago",
    "512": "America/Chicago",
    "303": "America/Denver",
    "604": "America/Vancouver",
    "416": "America/Toronto",
    "514": "America/Toronto",
    "613": "America/Toronto",
    "403": "America/Edmonton",
}
# The basic type → the advanced one: (value, description, details, recommendation).
ADVANCED_TYPES = {
    "MOBILE": ("MOBILE", "Mobile", "A wireless number: it can receive SMS and MMS.", "ALLOW"),
    "LANDLINE": (
        "FIXED_LINE",
        "Fixed line",
        "A fixed-line number: it receives SMS only if its provider text-enables it.",
        "ALLOW",
    ),
    "TOLL_FREE": (
        "TOLL_FREE",
        "Toll-free",
        "A toll-free number: the called party pays; it sends SMS once verified.",
        "ALLOW",
    ),
    "PREMIUM": (
        "RESTRICTED_PREMIUM",
        "Premium rate",
        "A premium-rate number: the caller pays a surcharge; not a messaging destination.",
        "FLAG",
    ),
    "UNKNOWN": ("INVALID", "Invalid", "Not a dialable North American number.", "BLOCK"),
}


@dataclass(frozen=True)
class PhoneFacts:
    """What the sandbox can tell about a number."""

    number: str
    valid: bool
    kind: str
    country: str
    city: str | None
    state: str | None
    time_zone: str | None

    @property
    def national(self) -> str:
        """``(415) 555-0123``."""
        digits = self.number[2:]
        return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"


def describe(phone: str, *, sold: bool = False) -> PhoneFacts:
    """The facts of an E.164 number (NotFound outside +1, BadRequest if not 1 + 10 digits)."""
    if not phone.startswith("+1"):
        raise NotFound(
            f"No details for {phone}: the sandbox describes North American (+1) numbers only."
        )
    if re.fullmatch(r"\+1[0-9]{10}", phone) is None:
        raise BadRequest(
            f"{phone} is not a North American number: +1 then 10 digits.",
            {"phone": "Must be +1 followed by 10 digits."},
        )
    area, exchange = area_code_of(phone), phone[5:8]
    in_use = area in TOLL_FREE_PREFIXES or area == PREMIUM_AREA or is_geographic(area)
    valid = _possible(area) and _possible(exchange) and in_use
    country = "CA" if area in LOCAL_AREA_CODES["CA"] else "US"
    city, state = locality(country, area)
    return PhoneFacts(
        number=phone,
        valid=valid,
        kind=_kind(area, sold) if valid else "UNKNOWN",
        country=country,
        city=city,
        state=state,
        time_zone=TIME_ZONES.get(area),
    )


def _possible(code: str) -> bool:
    """An area code or exchange that can exist: ``[2-9]XX`` but not ``N11``."""
    return re.fullmatch(r"[2-9][0-9]{2}", code) is not None and not code.endswith("11")


def _kind(area: str, sold: bool) -> str:
    if area in TOLL_FREE_PREFIXES:
        return "TOLL_FREE"
    if area == PREMIUM_AREA:
        return "PREMIUM"
    return "LANDLINE" if sold else "MOBILE"
