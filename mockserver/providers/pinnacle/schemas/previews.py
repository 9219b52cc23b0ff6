"""SMS and MMS validate bodies in; ``SmsValidationResult``/``MmsValidationResult`` out."""

from marshmallow import ValidationError, fields, validate, validates_schema

from ..models import MAX_TEXT
from . import CamelSchema
from .answer_fields import always, answer, nested, strings, written


class SmsValidateSchema(CamelSchema):
    """``POST /messages/validate/sms``."""

    text = fields.String(required=True, validate=validate.Length(min=1, max=MAX_TEXT))


class MmsValidateSchema(CamelSchema):
    """``POST /messages/validate/mms``: files are judged, not refused, unless not strings."""

    media_urls = fields.List(
        fields.String(), data_key="mediaUrls", required=True, validate=validate.Length(max=10)
    )
    text = fields.String(allow_none=True, load_default=None, validate=validate.Length(max=MAX_TEXT))

    @validates_schema
    def _something(self, data: dict, **kwargs) -> None:
        if not data.get("media_urls") and not data.get("text"):
            raise ValidationError("At least one file or some text is required.", "mediaUrls")


# -- answers: each shape is the answer's schema (``message_answers``) and what is written -

GSM7 = {
    "total_bytes": always(fields.Integer, data_key="totalBytes"),
    "unsupported": strings(),
    "value": strings(),
}
UTF16 = {"total_bytes": always(fields.Integer, data_key="totalBytes"), "value": strings()}
ENCODED = {
    "gsm7": nested(
        answer(
            "Gsm7SegmentsAnswer",
            GSM7,
            "The text as GSM-7 segments, and the characters GSM-7 cannot carry.",
        )
    ),
    "utf16": nested(answer("Utf16SegmentsAnswer", UTF16, "The text as UTF-16 segments.")),
}
PRICES = {"gsm7": always(fields.Float), "utf16": always(fields.Float)}
SMS_VALIDATION = {
    "segments": nested(answer("SmsEncodingsAnswer", ENCODED, "The text in both encodings.")),
    "total": nested(
        answer("SmsPricesAnswer", PRICES, "What the text would cost in each encoding.")
    ),
    "unit": always(fields.Float),
    "is_over_segment_limit": always(fields.Boolean, data_key="isOverSegmentLimit"),
}
MMS_SEGMENT = {"files": strings(), "size": always(fields.Integer), "text": always()}
MMS_SEGMENTS = {
    "count": always(fields.Integer),
    "unsupported_files": strings(data_key="unsupportedFiles"),
    "value": always(
        fields.List,
        cls_or_instance=fields.Nested(
            answer(
                "MmsSegmentAnswer",
                MMS_SEGMENT,
                "One MMS segment: its supported files and the text.",
            )
        ),
    ),
}
MMS_VALIDATION = {
    "segments": nested(
        answer(
            "MmsSegmentsAnswer",
            MMS_SEGMENTS,
            "How many segments, the files no MMS could carry, and the segments.",
        )
    ),
    "total": always(fields.Float),
    "unit": always(fields.Float),
}


def sms_validation(preview) -> dict:
    """``SmsValidationResult``: both encodings, their prices and the segment limit."""
    gsm7 = {
        "total_bytes": preview.gsm7_bytes,
        "unsupported": list(preview.unsupported),
        "value": list(preview.gsm7),
    }
    utf16 = {"total_bytes": preview.utf16_bytes, "value": list(preview.utf16)}
    encoded = {"gsm7": written(GSM7, gsm7), "utf16": written(UTF16, utf16)}
    prices = {"gsm7": preview.gsm7_total, "utf16": preview.utf16_total}
    values = {
        "segments": written(ENCODED, encoded),
        "total": written(PRICES, prices),
        "unit": preview.unit,
        "is_over_segment_limit": preview.over_limit,
    }
    return written(SMS_VALIDATION, values)


def mms_validation(preview) -> dict:
    """``MmsValidationResult``: one segment of the supported files and the text."""
    segment = {"files": list(preview.files), "size": preview.size, "text": preview.text}
    segments = {
        "count": preview.count,
        "unsupported_files": list(preview.unsupported),
        "value": [written(MMS_SEGMENT, segment)] if preview.count else [],
    }
    values = {"segments": written(MMS_SEGMENTS, segments), "total": preview.total}
    return written(MMS_VALIDATION, {**values, "unit": preview.unit})
