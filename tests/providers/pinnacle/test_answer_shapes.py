"""Each hand-shaped Pinnacle answer is one dict of fields: the OpenAPI document's schema and
the keys its renderer writes, so neither can gain a member the other lacks."""

import pytest
from marshmallow import fields

from mockserver.providers.pinnacle import numbers
from mockserver.providers.pinnacle.schemas import number_answers
from mockserver.providers.pinnacle.schemas import phone_numbers as rendered
from mockserver.providers.pinnacle.schemas.answer_fields import always, written

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
    ],
    ids=lambda value: getattr(value, "__name__", ""),
)
def test_a_number_answers_schema_is_the_shape_its_renderer_writes(schema, shape):
    assert list(schema._declared_fields) == list(shape)


def test_a_numbers_sending_status_choices_are_the_ones_the_status_is_computed_from():
    status = number_answers.NumberStatusAnswer._declared_fields["status"]
    assert tuple(status.validate.choices) == numbers.SENDING_STATUSES
    record = {"type": numbers.TOLL_FREE, "status": None}
    assert numbers.status_of_number(record)[0] in numbers.SENDING_STATUSES
