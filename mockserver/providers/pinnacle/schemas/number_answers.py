"""What Pinnacle's phone-number routes answer, for the OpenAPI document: each schema is the
shape its renderer writes (``phone_numbers.search_result``, ``purchased``, ``owned``,
``attachment_result``, ``number_status``; ``phone_details.basic``/``advanced``), one dict of
fields for both, so a member cannot be added on one side only.
"""

from . import phone_details as details
from . import phone_numbers as numbers
from .answer_fields import answer
from .answers import page_answer

FoundNumberAnswer = answer(
    "FoundNumberAnswer",
    numbers.FOUND,
    "``PhoneNumberDetails``: one search result (``phone_type`` snake_case on the wire).",
)
PurchasedNumberAnswer = answer("PurchasedNumberAnswer", numbers.PURCHASED, "``PurchasedNumber``.")
OwnedNumberAnswer = answer("OwnedNumberAnswer", numbers.OWNED, "``OwnedPhoneNumber``.")
AttachmentAnswer = answer(
    "AttachmentAnswer",
    numbers.ATTACHMENT,
    "``AttachedPhoneNumberResult`` / ``DetachedPhoneNumberResult``.",
)
NumberStatusAnswer = answer(
    "NumberStatusAnswer",
    numbers.NUMBER_STATUS,
    "``PhoneNumberStatus``: whether the number may send, and why not.",
)


OwnedPageAnswer = page_answer("OwnedPageAnswer", OwnedNumberAnswer, "``POST /phone-numbers/list``.")


BasicInfoAnswer = answer("BasicInfoAnswer", details.BASIC, "``BasicPhoneInformation``.")
AdvancedInfoAnswer = answer("AdvancedInfoAnswer", details.ADVANCED, "``AdvancedPhoneInformation``.")
NUMBER_DETAILS = (BasicInfoAnswer, AdvancedInfoAnswer)
