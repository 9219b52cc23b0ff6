"""North American numbering facts every provider shares: toll-free area codes, the local
area codes the sandbox sells, and the fictional number block it hands out.

Every number the sandbox sells uses the 555-0100…0199 block reserved for fiction, so nothing
real is ever handed out: toll-free ``+1 8XX 555 01NN`` and local ``+1 <area> 555 01NN``.
"""

import re
from collections.abc import Callable, Iterable, Iterator

# A U.S. toll-free number starts with one of these area codes
# (docs/reference/twilio-tollfree-verification.md).
TOLL_FREE_PREFIXES = ("800", "833", "844", "855", "866", "877", "888")
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
E164 = re.compile(r"^\+[1-9][0-9]{1,14}\Z")


def is_toll_free(phone_number: str) -> bool:
    """Whether an E.164 number is a US/CA toll-free number."""
    return (
        len(phone_number) == 12
        and phone_number.startswith("+1")
        and phone_number[2:5] in TOLL_FREE_PREFIXES
        and phone_number[1:].isascii()
        and phone_number[1:].isdigit()
    )


def is_geographic(area_code: str) -> bool:
    """A NANP area code that could be local: ``[2-8]XX`` but not ``N11`` (9XX is reserved)."""
    return re.fullmatch(r"[2-8][0-9]{2}", area_code) is not None and not area_code.endswith("11")


def area_code_of(phone_number: str) -> str:
    """The NANP area code of an E.164 number (``+1415…`` → ``415``)."""
    return phone_number[2:5]


def locality(country: str, area_code: str) -> tuple[str | None, str | None]:
    """City and region for a local area code, or (None, None)."""
    return LOCAL_AREA_CODES.get(country, {}).get(area_code, (None, None))


def fictional_numbers(areas: Iterable[str], is_owned: Callable[[str], bool]) -> Iterator[str]:
    """Unowned numbers of the fictional block in these area codes, in a fixed order."""
    for area in areas:
        for line in range(100, 200):
            number = f"+1{area}555{line:04d}"
            if not is_owned(number):
                yield number
