"""The sandbox's own Pinnacle price list."""

from mockserver.providers.pinnacle import prices


def test_prices_scale_with_segments_and_are_rounded():
    assert prices.sms_cost(1) == prices.SMS_PRICE
    assert prices.sms_cost(3) == round(3 * prices.SMS_PRICE, 4)
    assert prices.mms_cost(2) == round(2 * prices.MMS_PRICE, 4)
