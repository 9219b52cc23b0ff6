"""Wire formats of Messaging Services v1 (``messaging.twilio.com/v1/Services``): services and
their phone numbers (``docs/reference/twilio-messaging.md`` §8)."""

from marshmallow import fields, validate

from ..service_models import MAX_VALIDITY_PERIOD, SERVICE, SERVICE_PHONE_NUMBER
from . import PascalCaseSchema, form_field, invalid, paging_fields

SERVICES_PATH = "/v1/Services"
# twilio-oai's ``links`` of a service, in its order, and the paths they name.
LINKS = {
    "phone_numbers": "PhoneNumbers",
    "short_codes": "ShortCodes",
    "alpha_senders": "AlphaSenders",
    "messages": "Messages",
    "us_app_to_person": "Compliance/Usa2p",
    "us_app_to_person_usecases": "Compliance/Usa2p/Usecases",
    "channel_senders": "ChannelSenders",
    "destination_alpha_senders": "DestinationAlphaSenders",
}


def _validity_period() -> fields.Integer:
    """``ValidityPeriod``: whole seconds from 1 to 36,000."""
    message = invalid("validityPeriod", f"It must be an integer from 1 to {MAX_VALIDITY_PERIOD}.")
    return fields.Integer(
        allow_none=True,
        validate=validate.Range(1, MAX_VALIDITY_PERIOD, error=message),
        error_messages={"invalid": message},
    )


def _form(declared, *, creating: bool) -> dict[str, fields.Field]:
    """Form fields for declared fields, in declaration order (the first bad one is reported)."""
    return {
        f.name: _validity_period() if f.type == "integer" else form_field(f, creating=creating)
        for f in declared
    }


CreateServiceSchema = PascalCaseSchema.from_dict(
    _form(SERVICE.create_fields(), creating=True), name="CreateServiceSchema"
)
UpdateServiceSchema = PascalCaseSchema.from_dict(
    _form(SERVICE.update_fields(), creating=False), name="UpdateServiceSchema"
)
ListServicesQuery = PascalCaseSchema.from_dict(paging_fields(), name="ListServicesQuery")
# The SID is checked by the backend: a malformed one is 21421, as an unknown one is.
AddPhoneNumberSchema = PascalCaseSchema.from_dict(
    {"phone_number_sid": fields.String(required=True)}, name="AddPhoneNumberSchema"
)
ListPhoneNumbersQuery = PascalCaseSchema.from_dict(paging_fields(), name="ListPhoneNumbersQuery")

_SERVICE_SHOWN = tuple((f.name, f.output_name) for f in SERVICE.shown())
_NUMBER_SHOWN = tuple((f.name, f.output_name) for f in SERVICE_PHONE_NUMBER.shown())


def _render(shown: tuple, record: dict, computed: dict) -> dict:
    """The shown fields in order; a stored one the record lacks is a KeyError (damage)."""
    values = {**record, **computed}
    return {output: values[name] for name, output in shown}


def service_url(origin: str, sid: str) -> str:
    """A service's absolute URL on the sandbox."""
    return f"{origin}{SERVICES_PATH}/{sid}"


def dump_service(service: dict, origin: str) -> dict:
    """A service as Messaging v1 renders it."""
    url = service_url(origin, service["sid"])
    links = {name: f"{url}/{path}" for name, path in LINKS.items()}
    return _render(_SERVICE_SHOWN, service, {"url": url, "links": links})


def dump_service_number(entry: dict, origin: str) -> dict:
    """A number of a sender pool as Messaging v1 renders it."""
    url = f"{service_url(origin, entry['service_sid'])}/PhoneNumbers/{entry['sid']}"
    return _render(_NUMBER_SHOWN, entry, {"url": url})
