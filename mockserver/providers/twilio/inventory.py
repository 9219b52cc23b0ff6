"""A deterministic inventory of phone numbers the sandbox offers for sale.

Every number uses the 555-0100…0199 block reserved for fiction, so nothing real is ever
handed out: toll-free ``+1 8XX 555 01NN`` and local ``+1 <area> 555 01NN``.
"""

import re
from collections.abc import Callable, Iterator

from .models import TOLL_FREE_PREFIXES

LOCAL_AREA_CODES = {
    "US": {
        "415": ("San Francisco", "CA"),
        "212": ("New York", "NY"),
        "312": ("Chicago", "IL"),
        "206": ("Seattle", "WA"),
        "512": ("Austin", "TX"),
        "617": ("Boston", "MA"),
        "303": ("Denver", "CO"),
        "404": ("Atlanta", "GA"),
        "305": ("Miami", "FL"),
    },
    "CA": {
        "604": ("Vancouver", "BC"),
        "416": ("Toronto", "ON"),
        "514": ("Montreal", "QC"),
        "403": ("Calgary", "AB"),
        "613": ("Ottawa", "ON"),
    },
}
COUNTRIES = tuple(LOCAL_AREA_CODES)
_KEYPAD = {
    letter: digit
    for digit, letters in {
        "2": "ABC",
        "3": "DEF",
        "4": "GHI",
        "5": "JKL",
        "6": "MNO",
        "7": "PQRS",
        "8": "TUV",
        "9": "WXYZ",
    }.items()
    for letter in letters
}


def contains_pattern(pattern: str) -> re.Pattern | None:
    """Twilio's ``Contains``: digits, letters (keypad) and ``*`` for any digit."""
    digits = "".join(_KEYPAD.get(ch.upper(), ch) for ch in pattern if ch not in "+ -")
    if not digits or not re.fullmatch(r"[0-9*]+", digits):
        return None
    return re.compile(digits.replace("*", r"\d"))


def is_geographic(area_code: str) -> bool:
    """A NANP area code that could be local: ``[2-8]XX`` but not ``N11`` (9XX is reserved)."""
    return re.fullmatch(r"[2-8]\d\d", area_code) is not None and not area_code.endswith("11")


def area_code_of(phone_number: str) -> str:
    """The NANP area code of an E.164 number (``+1415…`` → ``415``)."""
    return phone_number[2:5]


def locality(country: str, area_code: str) -> tuple[str | None, str | None]:
    """City and region for a local area code, or (None, None)."""
    return LOCAL_AREA_CODES.get(country, {}).get(area_code, (None, None))


def available_numbers(
    *,
    toll_free: bool,
    country: str,
    is_owned: Callable[[str], bool],
    area_code: str | None = None,
    contains: re.Pattern | None = None,
) -> Iterator[str]:
    """Numbers nobody owns, in a fixed order, filtered like Twilio's search."""
    if toll_free:
        areas = TOLL_FREE_PREFIXES
    else:
        areas = tuple(LOCAL_AREA_CODES.get(country, {}))
        if area_code and area_code not in TOLL_FREE_PREFIXES and is_geographic(area_code):
            areas = (area_code,)
    if area_code:
        areas = tuple(area for area in areas if area == area_code)
    for area in areas:
        for line in range(100, 200):
            number = f"+1{area}555{line:04d}"
            if contains is not None and not contains.search(number[1:]):
                continue
            if not is_owned(number):
                yield number
