"""Each hand-shaped Pinnacle answer is one dict of fields: the OpenAPI document's schema and
the keys its renderer writes, so neither can gain a member the other lacks."""

import pytest
from marshmallow import fields

from mockserver.listing import DAMAGE
from mockserver.providers.pinnacle import numbers
from mockserver.providers.pinnacle.schemas import (
    brands,
    campaigns,
    number_answers,
)
from mockserver.providers.pinnacle.schemas import message_records as records
from mockserver.providers.pinnacle.schemas import messages as sends
from mockserver.providers.pinnacle.schemas.answer_fields import ShapeError, always, written
from mockserver.sms_segments import count

SHAPE = {"phone_number": always(data_key="phoneNumber"), "note": fields.String()}


def test_written_puts_each_value_under_its_wire_name_in_the_shapes_order():
    values = {"note": "n", "phone_number": "+18005550100"}
    assert list(written(SHAPE, values).items()) == [("phoneNumber", "+18005550100"), ("note", "n")]


def test_written_leaves_out_only_a_member_the_shape_does_not_require():
    assert written(SHAPE, {"phone_number": "+1"}) == {"phoneNumber": "+1"}
    with pytest.raises(KeyError):
        written(SHAPE, {"note": "n"})


def test_written_takes_a_null_where_the_shape_has_none_for_a_damaged_record():
    """A ValueError, which a list takes for damage: the record is left out."""
    with pytest.raises(ValueError, match="phone_number"):
        written(SHAPE, {"phone_number": None})
    nullable = {"note": always(allow_none=True)}
    assert written(nullable, {"note": None}) == {"note": None}


def test_written_refuses_a_value_the_shape_does_not_name_as_a_bug_not_a_damaged_record():
    """A ShapeError is none of the errors a list takes for a damaged record and leaves out."""
    with pytest.raises(ShapeError, match="extra"):
        written(SHAPE, {"phone_number": "+1", "extra": 1})
    assert not issubclass(ShapeError, DAMAGE)


@pytest.mark.parametrize(
    ("record", "expected"),
    [
        ({"type": numbers.LOCAL}, numbers.PENDING),
        ({"type": numbers.TOLL_FREE, "status": None}, numbers.PENDING),
        ({"type": numbers.TOLL_FREE, "status": "VERIFIED"}, numbers.ACTIVE),
        ({"type": numbers.TOLL_FREE, "status": "REJECTED", "errors": ["no"]}, numbers.FAILURE),
        ({"type": numbers.TOLL_FREE, "status": "IN_REVIEW"}, numbers.PENDING),
    ],
)
def test_every_sending_status_a_number_can_have_is_one_the_document_offers(record, expected):
    status = number_answers.NumberStatusAnswer._declared_fields["status"]
    assert numbers.status_of_number(record)[0] == expected
    assert expected in status.validate.choices


def test_a_send_answers_the_status_and_encodings_the_code_writes():
    sms = {"id": "msg_1", "schedule": None, "type": "SMS", "segments": 1, "cost": 0.01}
    sms.update({"from": "+18005550100", "to": "+14155550123", "encoding": count("🚀")[1]})
    answer = sends.sent(sms)
    assert answer["status"] == sends.SENT_STATUS
    assert answer["segments"]["encoding"] == "utf16"
    assert list(answer) == ["messageId", "segments", "totalCost", "sender", "recipient", "status"]
    mms = sends.sent({**sms, "type": "MMS"})
    assert list(mms) == ["messageIds", "segments", "totalCost", "sender", "recipient", "status"]


def test_a_schedule_answers_only_the_options_it_was_given():
    message = {"id": "msg_sched_1", "schedule": {"send_at": "2030-01-01T09:00:00Z"}}
    assert sends.sent(message) == {
        "scheduleId": "msg_sched_1",
        "config": {"sendAt": "2030-01-01T09:00:00Z", "timezone": "UTC"},
    }


def test_a_validation_writes_each_problem_as_its_shape_names_it():
    problem = {"field": "name", "description": "Required.", "example": "Acme Inc."}
    assert campaigns.validation([problem]) == {"errors": [problem], "is_valid": False}
    assert brands.validation([]) == {"errors": [], "isValid": True}
    with pytest.raises(ShapeError):
        brands.validation([{**problem, "hint": "a member no answer names"}])


def test_a_message_content_lists_an_mmss_media_before_its_text_as_it_always_did():
    """The order the sandbox wrote before its shapes (rcs's ``MmsContent`` order too)."""
    mms = {"type": "MMS", "text": "See", "media_urls": ["https://example.com/a.png"]}
    assert list(records.content(mms)) == ["mediaUrls", "text"]
    assert records.content({"type": "SMS", "text": "Hi"}) == {"text": "Hi"}
