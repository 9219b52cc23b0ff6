"""Wire formats of ``/v1/Tollfree/Verifications``: create, update, list query and the record."""

from collections.abc import Callable
from functools import partial
from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from ..models import VERIFICATION, Status, missing_business_fields, pascal_case
from . import FormBoolean, PascalCaseSchema, form_field, paging_fields
from .paging import filter_params, meta_page

LIST_PATH = "/v1/Tollfree/Verifications"
_Str = fields.String
_List = fields.List


def _create_fields() -> dict[str, fields.Field]:
    """Create's parameters, from the declaration: the spec's ten required."""
    return {f.name: form_field(f, creating=True) for f in VERIFICATION.create_fields()}


class CreateVerificationSchema(
    PascalCaseSchema.from_dict(_create_fields(), name="CreateVerificationBase")
):
    """``POST /v1/Tollfree/Verifications``: every create parameter of the spec."""

    @validates_schema
    def business_profile_fields(self, data: dict, **kwargs) -> None:
        """Without ``CustomerProfileSid`` the business address and contact are mandatory."""
        missing = missing_business_fields(data)
        if missing:
            raise ValidationError(
                "Missing mandatory fields for submitting a verification: "
                + ", ".join(pascal_case(name) for name in missing)
            )


UpdateVerificationSchema = PascalCaseSchema.from_dict(
    {f.name: form_field(f, creating=False) for f in VERIFICATION.update_fields()},
    name="UpdateVerificationSchema",
)

ListVerificationsQuery = PascalCaseSchema.from_dict(
    {  # in the order a page URL repeats them
        "status": _Str(
            validate=validate.OneOf(
                [status.value for status in Status],
                error="Status must be one of " + ", ".join(status.value for status in Status),
            )
        ),
        "external_reference_id": _Str(),
        "tollfree_phone_number_sid": _Str(),
        "include_sub_accounts": FormBoolean("includeSubAccounts"),
        "trust_product_sid": _List(_Str()),
        **paging_fields(),
    },
    name="ListVerificationsQuery",
)


_LIST_QUERY = ListVerificationsQuery()  # its fields name the filters a page URL repeats
TRUSTHUB = "https://trusthub.twilio.com/v1"


def resource_links(record: dict) -> dict:
    """TrustHub links for the profile and bundle the record references."""
    links = {}
    if record["customer_profile_sid"]:
        links["customer_profile"] = f"{TRUSTHUB}/CustomerProfiles/{record['customer_profile_sid']}"
    if record["trust_product_sid"]:
        links["trust_product"] = f"{TRUSTHUB}/TrustProducts/{record['trust_product_sid']}"
        if record["regulated_item_sid"]:
            links["channel_endpoint_assignment"] = (
                f"{TRUSTHUB}/TrustProducts/{record['trust_product_sid']}"
                f"/ChannelEndpointAssignments/{record['regulated_item_sid']}"
            )
    return links


_SHOWN = tuple((f.name, f.output_name) for f in VERIFICATION.shown())
_NAMES = tuple(name for name, _ in _SHOWN)
_OUTPUTS = tuple(output for _, output in _SHOWN)
_LINKS_OUT = dict(_SHOWN)["resource_links"]
_URL_OUT = dict(_SHOWN)["url"]


def dump_verification(record: dict, origin: str, *, with_links: bool = True) -> dict:
    """The verification as Twilio renders it; create/update answers carry no links yet."""
    # Every field in order, in one C-level pass, then the computed ones set in their places.
    body = dict(zip(_OUTPUTS, map(record.get, _NAMES), strict=True))
    body[_LINKS_OUT] = resource_links(record) if with_links else {}
    body[_URL_OUT] = f"{origin}{LIST_PATH}/{record['sid']}"
    return body


def list_page(
    query: dict,
    records: list[dict],
    origin: str,
    *,
    position: tuple[int, int, int] | None = None,
    render: Callable[[dict], Any] | None = None,
) -> dict:
    """One page of verifications, with ``meta`` exactly as Twilio's (``key: verifications``);
    ``records`` from the page's offset on when ``position`` is given (see ``meta_page``);
    only the page is rendered, each by ``render`` (by default ``dump_verification`` with
    ``origin``; a route passes a ``json_body.Writer``'s ``bound(dump_verification, origin)``
    to keep its JSON), and a damaged record of it is left out."""
    if render is None:
        render = partial(dump_verification, origin=origin)
    return meta_page(
        url=f"{origin}{LIST_PATH}",
        key="verifications",
        items=records,
        query=query,
        filters=filter_params(query, _LIST_QUERY),
        render=render,
        kind="verification",
        position=position,
    )
