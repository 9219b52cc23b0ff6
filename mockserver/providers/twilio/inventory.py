"""Twilio's search over the sandbox's deterministic inventory (``mockserver.nanp``)."""

import re
from collections.abc import Callable, Iterator

from mockserver.nanp import (
    LOCAL_AREA_CODES,
    TOLL_FREE_PREFIXES,
    fictional_numbers,
    is_geographic,
)

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
    for number in fictional_numbers(areas, is_owned):
        if contains is None or contains.search(number[1:]):
            yield number
