"""Buying and searching phone numbers, with the 2010 API's error codes."""

from mockserver.errors import Conflict
from mockserver.nanp import COUNTRIES, TOLL_FREE_PREFIXES, is_toll_free

from .accounts import E164, AccountDirectory
from .errors import InvalidParameter, PhoneNumberError
from .inventory import available_numbers, contains_pattern

TOLL_FREE, LOCAL = "toll_free", "local"


def buy_number(
    directory: AccountDirectory,
    account_sid: str,
    *,
    phone_number: str | None,
    area_code: str | None,
    kind: str | None,
    friendly_name: str | None,
    config: dict,
) -> dict:
    """Provision a number for the account: a given one, or the first free one in an area code."""
    with directory.transaction():  # pick and take the free number in one step
        if phone_number:
            if not E164.match(phone_number):
                raise PhoneNumberError(21421, "PhoneNumber is invalid")
            if kind is not None and (kind == TOLL_FREE) != is_toll_free(phone_number):
                raise PhoneNumberError(21422, "PhoneNumber is not available")
        elif area_code:
            # Only the generic list buys by area code; its prefix says which kind it is.
            toll_free = area_code in TOLL_FREE_PREFIXES
            free = available_numbers(
                toll_free=toll_free, country="US", area_code=area_code, is_owned=directory.is_owned
            )
            phone_number = next(free, None)
            if phone_number is None:
                raise PhoneNumberError(21452, "No phone numbers found in area code")
        else:
            raise InvalidParameter("Either PhoneNumber or AreaCode is required")
        try:
            return directory.add_phone_number(
                account_sid, phone_number, friendly_name=friendly_name, config=config
            )
        except Conflict:
            raise PhoneNumberError(21422, "PhoneNumber is not available") from None


def search_numbers(
    directory: AccountDirectory,
    *,
    country: str,
    kind: str,
    area_code: str | None,
    contains: str | None,
    limit: int,
) -> list[str] | None:
    """Up to ``limit`` free numbers, or None when the country is not offered."""
    if country not in COUNTRIES:
        return None
    pattern = None
    if contains:
        pattern = contains_pattern(contains)
        if pattern is None:
            raise InvalidParameter("Contains may hold only digits, letters and *")
    numbers = available_numbers(
        toll_free=kind == TOLL_FREE,
        country=country,
        area_code=area_code,
        contains=pattern,
        is_owned=directory.is_owned,
    )
    return [number for _, number in zip(range(limit), numbers, strict=False)]
