"""Each hand-shaped Pinnacle answer is one dict of fields: the OpenAPI document's schema and
the keys its renderer writes, so neither can gain a member the other lacks."""

import pytest
from marshmallow import fields

from mockserver.providers.pinnacle import numbers
from mockserver.providers.pinnacle.schemas import (
    answers,
    brands,
    campaigns,
    message_answers,
    number_answers,
    previews,
)
from mockserver.providers.pinnacle.schemas import message_records as records
from mockserver.providers.pinnacle.schemas import messages as sends
from mockserver.providers.pinnacle.schemas import phone_details as details
from mockserver.providers.pinnacle.schemas import phone_numbers as rendered
from mockserver.providers.pinnacle.schemas.answer_fields import always, written
from mockserver.sms_segments import count

SHAPE = {"phone_number": always(data_key="phoneNumber"), "note": fields.String()}


def test_written_puts_each_value_under_its_wire_name_in_the_shapes_order():
    values = {"note": "n", "phone_number": "+18005550100"}
    assert list(written(SHAPE, values).items()) == [("phoneNumber", "+18005550100"), ("note", "n")]


def test_written_leaves_out_only_a_member_the_shape_does_not_require():
    assert written(SHAPE, {"phone_number": "+1"}) == {"phoneNumber": "+1"}
    with pytest.raises(KeyError):
        written(SHAPE, {"note": "n"})


def test_written_refuses_a_value_the_shape_does_not_name():
    with pytest.raises(KeyError, match="extra"):
        written(SHAPE, {"phone_number": "+1", "extra": 1})


@pytest.mark.parametrize(
    ("schema", "shape"),
    [
        (number_answers.FoundNumberAnswer, rendered.FOUND),
        (number_answers.PurchasedNumberAnswer, rendered.PURCHASED),
        (number_answers.OwnedNumberAnswer, rendered.OWNED),
        (number_answers.AttachmentAnswer, rendered.ATTACHMENT),
        (number_answers.NumberStatusAnswer, rendered.NUMBER_STATUS),
        (number_answers.BasicInfoAnswer, details.BASIC),
        (number_answers.AdvancedInfoAnswer, details.ADVANCED),
        (message_answers.MessageContentAnswer, records.CONTENT),
        (message_answers.MessageSummaryAnswer, records.SUMMARY),
        (message_answers.ScheduledSummaryAnswer, records.SCHEDULED),
        (message_answers.SentSmsAnswer, sends.SENT_SMS),
        (message_answers.SentMmsAnswer, sends.SENT_MMS),
        (message_answers.ScheduledSendAnswer, sends.SCHEDULED_SEND),
        (message_answers.SmsValidationAnswer, previews.SMS_VALIDATION),
        (message_answers.MmsValidationAnswer, previews.MMS_VALIDATION),
        (answers.VettingFeedbackAnswer, brands.FEEDBACK),
        (answers.VettingHistoryAnswer, brands.VETTING),
        (answers.BrandValidationAnswer, brands.VALIDATION),
        (answers.CampaignSummaryAnswer, campaigns.SUMMARY),
        (answers.CampaignValidationAnswer, campaigns.VALIDATION),
        (answers.CampaignStatusAnswer, campaigns.CAMPAIGN_STATUS),
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_an_answers_schema_is_the_shape_its_renderer_writes(schema, shape):
    assert list(schema._declared_fields) == list(shape)


def test_a_numbers_sending_status_choices_are_the_ones_the_status_is_computed_from():
    status = number_answers.NumberStatusAnswer._declared_fields["status"]
    assert tuple(status.validate.choices) == numbers.SENDING_STATUSES
    record = {"type": numbers.TOLL_FREE, "status": None}
    assert numbers.status_of_number(record)[0] in numbers.SENDING_STATUSES


def test_a_send_answers_the_status_and_encodings_the_code_writes():
    sms = {"id": "msg_1", "schedule": None, "type": "SMS", "segments": 1, "cost": 0.01}
    sms.update({"from": "+18005550100", "to": "+14155550123", "encoding": count("🚀")[1]})
    answer = sends.sent(sms)
    assert answer["status"] == sends.SENT_STATUS
    assert answer["segments"]["encoding"] in sends.ENCODINGS
    assert count("plain")[1] in sends.ENCODINGS
    mms = sends.sent({**sms, "type": "MMS"})
    assert list(mms) == ["totalCost", "sender", "recipient", "status", "messageIds", "segments"]


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
    with pytest.raises(KeyError):
        brands.validation([{**problem, "hint": "a member no answer names"}])
