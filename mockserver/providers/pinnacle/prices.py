"""What the sandbox charges for Pinnacle messages: its own price list, in USD."""

SMS_PRICE, MMS_PRICE = 0.0079, 0.02


def sms_cost(segments: int) -> float:
    """The price of an SMS of ``segments`` segments."""
    return round(segments * SMS_PRICE, 4)


def mms_cost(messages: int) -> float:
    """The price of ``messages`` MMS."""
    return round(messages * MMS_PRICE, 4)
