"""SMS and MMS validate bodies in; ``SmsValidationResult``/``MmsValidationResult`` out."""

from marshmallow import ValidationError, fields, validate, validates_schema

from ..models import MAX_TEXT
from . import CamelSchema


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


def sms_validation(preview) -> dict:
    """``SmsValidationResult``: both encodings, their prices and the segment limit."""
    return {
        "segments": {
            "gsm7": {
                "totalBytes": preview.gsm7_bytes,
                "unsupported": list(preview.unsupported),
                "value": list(preview.gsm7),
            },
            "utf16": {"totalBytes": preview.utf16_bytes, "value": list(preview.utf16)},
        },
        "total": {"gsm7": preview.gsm7_total, "utf16": preview.utf16_total},
        "unit": preview.unit,
        "isOverSegmentLimit": preview.over_limit,
    }


def mms_validation(preview) -> dict:
    """``MmsValidationResult``: one segment of the supported files and the text."""
    value = (
        [{"files": list(preview.files), "size": preview.size, "text": preview.text}]
        if preview.count
        else []
    )
    return {
        "segments": {
            "count": preview.count,
            "unsupportedFiles": list(preview.unsupported),
            "value": value,
        },
        "total": preview.total,
        "unit": preview.unit,
    }
