"""What the OpenAPI document says of Twilio: what its routes answer (each record as its
``RecordKind`` declares it, which the ``dump_*`` functions render from; the other answers'
fields, which their renderers write by these schemas' names; the pages that hold them,
``paging.meta_page`` and ``paging.page_2010``; the error body ``errors.render`` writes), its
security scheme, and the seed's records the request examples name.

``tests/providers/twilio/test_openapi_agreement.py`` checks them against twilio-oai's.
"""

from collections.abc import Mapping

from marshmallow import Schema, fields

from mockserver.listing import ShapeError
from mockserver.openapi import kind_schema
from mockserver.record_kinds import RecordKind

from ..models import pascal_case

# The default seed's account and numbers, which the request examples name.
SEED_ACCOUNT = "AC00000000000000000000000000000001"
SEED_TOLL_FREE_PN, SEED_LOCAL_NUMBER = "PN00000000000000000000000000000001", "+14155550100"

# A verification the seed account may submit (the document's example; tests start from it).
VERIFICATION_EXAMPLE = {
    "BusinessName": "Owl, Inc.",
    "BusinessWebsite": "http://www.company.com",
    "NotificationEmail": "support@company.com",
    "UseCaseCategories": ["TWO_FACTOR_AUTHENTICATION", "MARKETING"],
    "UseCaseSummary": "Sends one-time passcodes to customers of Owl, Inc.",
    "ProductionMessageSample": "Your Owl code is 123456",
    "OptInImageUrls": ["https://example.com/optin1.jpg", "https://example.com/optin2.jpg"],
    "OptInType": "VERBAL",
    "MessageVolume": "1,000",
    "TollfreePhoneNumberSid": SEED_TOLL_FREE_PN,
    "CustomerProfileSid": "BU00000000000000000000000000000002",
    "ExternalReferenceId": "abc123xyz567",
}

SECURITY = (
    "twilioBasic",
    {
        "type": "http",
        "scheme": "basic",
        "description": "An account's SID and auth token, or an API key's SID and secret "
        f"(the seed's: {SEED_ACCOUNT} / sandbox_auth_token).",
    },
)


def always(kind=fields.String, **options) -> fields.Field:
    """A field every answer of its schema writes, never null."""
    return kind(required=True, **options)


def maybe(kind=fields.String) -> fields.Field:
    """A field every answer of its schema writes, maybe null."""
    return kind(required=True, allow_none=True)


def answer(name: str, shape: dict[str, fields.Field]) -> type[Schema]:
    """The answer schema ``Twilio<name>`` of ``shape`` (no field but these)."""
    return Schema.from_dict(shape, name=f"Twilio{name}")


def links(name: str, *keys: str) -> fields.Nested:
    """A ``links`` object of these URLs."""
    return fields.Nested(answer(name, {key: always() for key in keys}), required=True)


def written(shape: Mapping[str, fields.Field] | type[Schema], values: Mapping) -> dict:
    """The ``values`` of ``shape``'s fields (a dict of them, or a schema), in its order: a
    renderer writes exactly what the document says (renderers build their values, so one
    missing or one more is a bug: ``ShapeError``)."""
    names = shape if isinstance(shape, Mapping) else shape._declared_fields
    if values.keys() != names.keys():
        raise ShapeError(f"not the answer's members: {sorted(set(values) ^ set(names))}")
    return {name: values[name] for name in names}


class PageMeta(Schema):
    """``meta`` of a v1 page (``paging.meta_page``)."""

    page = fields.Integer(required=True)
    page_size = fields.Integer(required=True)
    first_page_url = fields.String(required=True)
    previous_page_url = fields.String(required=True, allow_none=True)
    next_page_url = fields.String(required=True, allow_none=True)
    key = fields.String(required=True)
    url = fields.String(required=True)


def page_of(
    key: str, item: type[Schema] | RecordKind, *, v1: bool = True, name: str = ""
) -> type[Schema]:
    """A page holding ``item``s under ``key``: v1's ``meta`` block, or (``v1=False``) the 2010
    API's envelope of relative ``*_page_uri``; named ``Twilio<Key>Page`` unless ``name``
    says (two lists share a key: Events v1's ``types``)."""
    item = kind_schema(item) if isinstance(item, RecordKind) else item
    listed = {key: fields.List(fields.Nested(item), required=True)}
    if v1:
        shape = {"meta": fields.Nested(PageMeta, required=True), **listed}
    else:
        uri = fields.String
        shape = {
            "end": fields.Integer(required=True),
            "first_page_uri": uri(required=True),
            **listed,
            "next_page_uri": uri(required=True, allow_none=True),
            "page": fields.Integer(required=True),
            "page_size": fields.Integer(required=True),
            "previous_page_uri": uri(required=True, allow_none=True),
            "start": fields.Integer(required=True),
            "uri": uri(required=True),
        }
    return Schema.from_dict(shape, name=name or f"Twilio{pascal_case(key)}Page")


class Capabilities(Schema):
    """What an available number can do (``dump_available``'s capitalised keys, as Twilio's)."""

    voice = fields.Boolean(required=True)
    SMS = fields.Boolean(required=True)
    MMS = fields.Boolean(required=True)
    fax = fields.Boolean(required=True)


class AvailableNumber(Schema):
    """One search result (``phone_numbers.dump_available``)."""

    friendly_name = maybe()
    phone_number = maybe()
    lata = maybe()
    locality = maybe()
    rate_center = maybe()
    latitude = maybe(fields.Float)
    longitude = maybe(fields.Float)
    region = maybe()
    postal_code = maybe()
    iso_country = maybe()
    address_requirements = maybe()
    beta = maybe(fields.Boolean)
    capabilities = fields.Nested(Capabilities, required=True)


class AvailableNumbers(Schema):
    """``GET …/AvailablePhoneNumbers/{Country}/{Kind}.json``: one unpaged list."""

    uri = fields.String(required=True)
    available_phone_numbers = fields.List(fields.Nested(AvailableNumber), required=True)


class Media(Schema):
    """One medium of a message (``messages.dump_media``)."""

    account_sid = maybe()
    content_type = maybe()
    date_created = maybe()
    date_updated = maybe()
    parent_sid = maybe()
    sid = maybe()
    uri = maybe()
