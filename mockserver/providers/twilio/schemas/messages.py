"""Wire formats of the 2010 API's Messages: the send form, the list query and the record."""

from marshmallow import EXCLUDE, Schema, ValidationError, fields, validate

from mockserver.clock import format_rfc2822, parse_iso

from ..message_models import MESSAGE
from ..messages import date_sent_bound
from . import PascalCaseSchema, paging_fields
from .document import Media, written

API = "/2010-04-01"
_Str = fields.String


def messages_uri(account_sid: str, sid: str | None = None) -> str:
    """Path of an account's Messages, or of one message."""
    base = f"{API}/Accounts/{account_sid}/Messages"
    return f"{base}/{sid}.json" if sid else f"{base}.json"


# The create parameters the backend reads (twilio-oai's others are dropped unread: the schema
# excludes unknown keys). An empty value counts as absent, so the backend's checks say which
# code applies.
_SEND_TEXTS = ("to", "messaging_service_sid", "body", "status_callback", "validity_period",
               "schedule_type", "send_at", "content_sid")  # fmt: skip
SendMessageSchema = PascalCaseSchema.from_dict(
    {
        **{name: _Str(allow_none=True) for name in _SEND_TEXTS},
        "from_": _Str(data_key="From", allow_none=True),
        "media_url": fields.List(_Str(), allow_none=True),
    },
    name="SendMessageSchema",
)


class UpdateMessageSchema(Schema):
    """``POST …/Messages/{Sid}.json``: ``Body=""`` redacts, ``Status=canceled`` cancels (the
    route takes exactly one). Not a ``PascalCaseSchema``: that one reads an empty value as
    null, past every validator, and the empty ``Body`` is the value that matters here."""

    class Meta:
        unknown = EXCLUDE

    body = _Str(data_key="Body", validate=validate.Equal(""))
    status = _Str(data_key="Status", validate=validate.Equal("canceled"))


class DateBound(fields.String):
    """A 2010 date filter (``DateSent``, ``DateCreated<``…): a ``YYYY-MM-DD`` day or a time,
    kept as the text it was given (``date_sent_bound`` reads it)."""

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        try:
            date_sent_bound(text)
        except (ValueError, OverflowError):
            raise ValidationError(
                f"Invalid {self.data_key}: expected a date (YYYY-MM-DD) or a time "
                "(YYYY-MM-DDThh:mm:ssZ)"
            ) from None
        return text


def _dated_query(name: str, doc: str, **filters: fields.Field) -> type[PascalCaseSchema]:
    """A 2010 list query: its filters, then ``PageSize``, ``Page`` and ``PageToken``."""
    schema = PascalCaseSchema.from_dict({**filters, **paging_fields()}, name=name)
    schema.__doc__ = doc
    return schema


ListMessagesQuery = _dated_query(
    "ListMessagesQuery",
    "``GET …/Messages.json``: ``To``, ``From``, ``DateSent`` (``<``, ``>``) and paging.",
    to=_Str(),
    from_=_Str(data_key="From"),
    date_sent=DateBound(data_key="DateSent"),
    date_sent_before=DateBound(data_key="DateSent<"),
    date_sent_after=DateBound(data_key="DateSent>"),
)
ListMediaQuery = _dated_query(
    "ListMediaQuery",
    "``GET …/Media.json``: ``DateCreated`` (``<``, ``>``) and paging.",
    date_created=DateBound(data_key="DateCreated"),
    date_created_before=DateBound(data_key="DateCreated<"),
    date_created_after=DateBound(data_key="DateCreated>"),
)


_SHOWN = tuple((f.name, f.output_name) for f in MESSAGE.shown())
_DATES = ("date_created", "date_updated", "date_sent")
_AS_TEXT = tuple(f.name for f in MESSAGE.shown() if f.shown_as == "string")


def dump_message(record: dict) -> dict:
    """A Message as the 2010 API renders it: RFC 2822 dates, counts as strings."""
    uri = messages_uri(record["account_sid"], record["sid"])
    values = dict(record)
    for name in _DATES:
        values[name] = format_rfc2822(parse_iso(record[name])) if record.get(name) else None
    for name in _AS_TEXT:
        values[name] = str(record[name])
    values["uri"] = uri
    values["subresource_uris"] = {
        "media": uri.replace(".json", "/Media.json"),
        "feedback": uri.replace(".json", "/Feedback.json"),
    }
    return {output: values.get(name) for name, output in _SHOWN}


def dump_media(message: dict, medium: dict) -> dict:
    """One medium of a message as the 2010 API renders it."""
    uri = messages_uri(message["account_sid"], message["sid"]).replace(
        ".json", f"/Media/{medium['sid']}.json"
    )
    values = {
        "account_sid": message["account_sid"],
        "content_type": medium["content_type"],
        "date_created": format_rfc2822(parse_iso(medium["date_created"])),
        "date_updated": format_rfc2822(parse_iso(medium["date_updated"])),
        "parent_sid": message["sid"],
        "sid": medium["sid"],
        "uri": uri,
    }
    return written(Media, values)
