"""Pinnacle in ``GET /_mock/openapi.json``: its API key scheme and error body, every route's
real answers (a success and each error it declares) validate against the document, and the
document's answers name the members the rcs SDK reads."""

import typing

import pydantic
import pytest
from rcs import types
from rcs.campaigns.toll_free.types.toll_free_autofill_response import TollFreeAutofillResponse

from tests.admin.test_openapi import answer_schema, assert_guarded, operations, success_urls
from tests.providers.pinnacle.helpers import KEY, sdk_names
from tests.providers.pinnacle.openapi_cases import cases, make_world

ADDED = {401, 413}  # on every route (413: with a body): test_every_..._refuses_a_missing_key


def pinnacle_operations(document: dict) -> dict[tuple[str, str], dict]:
    """Every emulated Pinnacle operation by (path, method) (not its control routes)."""
    return {
        (path, method): operation
        for path, method, operation in operations(document)
        if operation["tags"] == ["pinnacle"] and not path.startswith("/_mock")
    }


def test_pinnacle_is_described_with_its_api_key_header_and_error_body(document):
    scheme = document["components"]["securitySchemes"]["pinnacleApiKey"]
    assert (scheme["type"], scheme["in"], scheme["name"]) == (
        "apiKey",
        "header",
        "PINNACLE-API-KEY",
    )
    error = document["components"]["schemas"]["PinnacleError"]
    assert error["required"] == ["error"]
    assert set(error["properties"]) == {"error", "description", "errors"}
    described = pinnacle_operations(document)
    assert len(described) == 44
    for (path, method), operation in described.items():
        assert operation["security"] == [{"pinnacleApiKey": []}], (method, path)
        assert operation["summary"], (method, path)
        for status, answer in operation["responses"].items():
            if int(status) >= 400:
                schema = answer["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/PinnacleError"}, (path, status)


def test_each_body_is_the_schema_that_validates_it_and_the_brand_query_is_described(document):
    """And a body is required where its schema requires a member."""
    paths = document["paths"]
    upsert = paths["/brands"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    assert upsert == {"$ref": "#/components/schemas/PinnacleBrandUpsert"}
    sms = paths["/messages/send/sms"]["post"]["requestBody"]["content"]["application/json"]
    assert set(document["components"]["schemas"]["PinnacleSms"]["properties"]) == {
        "from",
        "to",
        "text",
        "options",
    }
    assert sms["schema"] == {"$ref": "#/components/schemas/PinnacleSms"}
    # A body with required members must be sent; a list's filters may all be left out.
    assert paths["/messages/send/sms"]["post"]["requestBody"]["required"] is True
    assert paths["/brands/list"]["post"]["requestBody"]["required"] is False
    (hide,) = paths["/brands/{brand_id}"]["get"]["parameters"]
    assert (hide["name"], hide["in"], hide["schema"]["type"]) == ("hideEIN", "query", "boolean")
    assert "any letter case" in hide["description"]


@pytest.fixture
def world(client) -> dict[str, str]:
    """The records the cases name (``openapi_cases.make_world``)."""
    return make_world(client)


def test_every_pinnacle_answer_matches_the_document(client, document, world):
    """A success and each error every route declares (beyond 401 and 413), from the real
    sandbox: the body validates against the document's schema for that status."""
    found, covered = [], set()
    for method, url, body, status, described in cases(world):
        path = described or url
        answer = client.open(url, method=method.upper(), json=body, headers=KEY)
        if answer.status_code != status:
            found.append(f"{method} {url}: {answer.status_code}, not {status}: {answer.data[:300]}")
            continue
        errors = sorted(
            answer_schema(document, path, method, status).iter_errors(answer.get_json())
        )
        found += [f"{method} {url} {status}: {error.message}" for error in errors[:3]]
        covered.add((path, method, status))
    assert found == []
    declared = {
        (path, method, int(status))
        for (path, method), operation in pinnacle_operations(document).items()
        for status in operation["responses"]
        if int(status) not in ADDED
    }
    assert declared - covered == set()


def test_every_pinnacle_operation_refuses_a_missing_key_and_a_body_too_large(
    client, document, world, runtime
):
    """At each operation's success URL: no key, a described 401; a body past the limit (an
    operation with a body), a described 413."""
    found = [
        (status, method, described or url, url)
        for method, url, _, status, described in cases(world)
    ]
    described = pinnacle_operations(document)
    urls = success_urls(described, found)
    never = {
        op
        for op, operation in described.items()
        if not any(status.startswith("2") for status in operation["responses"])
    }
    assert set(urls) == set(described) - never  # all but RCS, 10DLC and reactions
    big = runtime.settings.max_body_bytes + 1
    assert_guarded(client, document, described, urls, KEY, big)


def _wire_names(schema: dict, document: dict) -> dict[str, dict]:
    """A document schema's properties (through a ``$ref`` or a nullable ``anyOf``)."""
    return _resolve(schema, document).get("properties", {})


def _resolve(schema: dict, document: dict) -> dict:
    if "$ref" in schema:
        return document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    for choice in schema.get("anyOf", []):
        if choice.get("type") != "null":
            return _resolve(choice, document)
    if schema.get("type") in ("array", ["array", "null"]):
        return _resolve(schema["items"], document)
    return schema


def _model_of(annotation) -> type[pydantic.BaseModel] | None:
    """The one rcs model an annotation reads (a list's items, an optional's), else None."""
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return annotation
    found = {m for arg in typing.get_args(annotation) if (m := _model_of(arg)) is not None}
    return found.pop() if len(found) == 1 else None


_JSON = {str: {"string"}, bool: {"boolean"}, int: {"integer"}, float: {"number", "integer"}}


def _sdk_types(annotation) -> set[str] | None:
    """The JSON types an rcs annotation reads (None: anything, as ``typing.Any``)."""
    if annotation in _JSON:
        return _JSON[annotation]
    origin = typing.get_origin(annotation)
    if origin in (list, dict):
        return {"array"} if origin is list else {"object"}
    if origin is typing.Literal:
        return {"string"}
    if origin is typing.Union:
        each = [_sdk_types(arg) for arg in typing.get_args(annotation) if arg is not type(None)]
        return None if None in each else set().union(*each)
    return {"object"} if _model_of(annotation) is not None else None


def _our_types(schema: dict) -> set[str]:
    """The JSON types a document schema allows, null aside."""
    if "$ref" in schema:
        return {"object"}
    found = set().union(*(_our_types(choice) for choice in schema.get("anyOf", [])))
    kind = schema.get("type", [])
    return (found | set(kind if isinstance(kind, list) else [kind])) - {"null"}


def _nullable(schema: dict) -> bool:
    kinds = schema.get("type") if isinstance(schema.get("type"), list) else []
    return "null" in kinds or any(c.get("type") == "null" for c in schema.get("anyOf", []))


def disagreements(schema: dict, model: type[pydantic.BaseModel], document: dict, at: str) -> list:
    """Where a document schema's members differ from an rcs model's, nested ones too: their
    names, their JSON types, and a member the model needs that the schema lets the sandbox
    leave out or null."""
    ours = _wire_names(schema, document)
    required = set(_resolve(schema, document).get("required", []))
    theirs = dict(zip(sdk_names(model), model.model_fields.values(), strict=True))
    found = []
    if set(ours) != set(theirs):
        found.append(
            f"{at}: ours {sorted(set(ours) - set(theirs))}, "
            f"{model.__name__}'s {sorted(set(theirs) - set(ours))}"
        )
    for name in set(ours) & set(theirs):
        needed = theirs[name].is_required()
        if needed and name not in required:
            found.append(f"{at}.{name}: {model.__name__} needs it, the document may leave it out")
        if (
            needed
            and _nullable(ours[name])
            and type(None) not in typing.get_args(theirs[name].annotation)
        ):
            found.append(f"{at}.{name}: {model.__name__} reads no null, the document allows it")
        reads = _sdk_types(theirs[name].annotation)
        if reads is not None and not _our_types(ours[name]) <= reads:
            found.append(f"{at}.{name}: {model.__name__} reads {sorted(reads)}, not all we allow")
        nested = _model_of(theirs[name].annotation)
        if nested is not None and _wire_names(ours[name], document):
            found += disagreements(ours[name], nested, document, f"{at}.{name}")
    return found


SDK_ANSWERS = [
    ("/brands", "post", types.ExtendedBrand),
    ("/brands/{brand_id}", "get", types.ExtendedBrandWithVetting),
    ("/brands/{brand_id}/submit", "post", types.SubmissionResults),
    ("/brands/{brand_id}/vet", "post", types.VettingResults),
    ("/brands/autofill", "post", types.OptionalBrandInfo),
    ("/brands/validate", "post", types.ValidationResults),
    ("/brands/list", "post", types.ListBrandsResponse),
    ("/status/brand/{brand_id}", "get", types.BrandStatus),
    ("/campaigns/toll-free", "post", types.TollFreeCampaignWithExtendedBrandAndStatus),
    ("/campaigns/toll-free/{campaign_id}", "get", types.TollFreeCampaignWithExtendedBrandAndStatus),
    ("/campaigns/toll-free/submit/{campaign_id}", "post", types.CampaignSubmissionResult),
    ("/campaigns/toll-free/validate", "post", types.CampaignValidationResult),
    ("/campaigns/toll-free/autofill", "post", TollFreeAutofillResponse),
    ("/campaigns/toll-free/list", "post", types.ListTollFreeCampaignsResponse),
    ("/status/toll-free-campaign/{campaign_id}", "get", types.TollFreeCampaignStatus),
    ("/messages/{message_id}", "get", types.Message),
    ("/messages/list", "post", types.ListMessagesResponse),
    ("/messages/validate/sms", "post", types.SmsValidationResult),
    ("/messages/validate/mms", "post", types.MmsValidationResult),
    ("/messages/schedules/list", "post", types.ListScheduledMessagesResponse),
    ("/messages/schedule/{schedule_id}", "delete", types.ScheduleCancelResult),
    ("/messages/blasts/list", "post", types.ListBlastsResponse),
    ("/campaigns/{kind}/list", "post", types.ListDlcCampaignsResponse),
    ("/phone-numbers/search", "post", types.PhoneNumberDetails),
    ("/phone-numbers/buy", "post", types.PurchasedNumber),
    ("/phone-numbers/list", "post", types.ListPhoneNumbersResponse),
    ("/phone-numbers/attach-campaign", "post", types.AttachedPhoneNumberResult),
    ("/phone-numbers/detach-campaign", "delete", types.DetachedPhoneNumberResult),
    ("/status/phone-number/{phone_number}", "get", types.PhoneNumberStatus),
]
# Answers that are one of several shapes, in the order the document lists them.
SDK_CHOICES = [
    ("/messages/send/sms", "post", (types.SentSmsDetails, types.ScheduledMessage)),
    ("/messages/send/mms", "post", (types.SentMmsDetails, types.ScheduledMessage)),
    (
        "/phone-numbers/details",
        "post",
        (types.BasicPhoneInformation, types.AdvancedPhoneInformation),
    ),
]


def test_the_documents_answers_name_what_the_rcs_sdk_reads(document):
    """Each answer's members (and its nested objects') are the rcs model's wire names, of
    types it reads; what the model needs is always there and never null."""
    found = []
    for path, method, model in SDK_ANSWERS:
        schema = document["paths"][path][method]["responses"]["200"]["content"]
        found += disagreements(schema["application/json"]["schema"], model, document, path)
    for path, method, models in SDK_CHOICES:
        schema = document["paths"][path][method]["responses"]["200"]["content"]
        choices = _resolve(schema["application/json"]["schema"], document)["oneOf"]
        assert len(choices) == len(models), path
        for choice, model in zip(choices, models, strict=True):
            found += disagreements(choice, model, document, f"{path} {model.__name__}")
    assert found == []


def test_a_message_content_is_an_sms_or_an_mms_content(document):
    content = document["components"]["schemas"]["PinnacleMessageContentAnswer"]
    assert set(content["properties"]) == set(sdk_names(types.SmsContent)) | set(
        sdk_names(types.MmsContent)
    )


def test_an_answer_of_several_shapes_names_each_as_a_component(document):
    """A send's and a number lookup's ``oneOf`` refer to named components, not inlined shapes."""
    names = {
        ("/messages/send/sms", "post"): ["PinnacleSentSmsAnswer", "PinnacleScheduledSendAnswer"],
        ("/messages/send/mms", "post"): ["PinnacleSentMmsAnswer", "PinnacleScheduledSendAnswer"],
        ("/phone-numbers/details", "post"): [
            "PinnacleBasicInfoAnswer",
            "PinnacleAdvancedInfoAnswer",
        ],
    }
    for (path, method), expected in names.items():
        answer = document["paths"][path][method]["responses"]["200"]["content"]
        choices = answer["application/json"]["schema"]["oneOf"]
        assert choices == [{"$ref": f"#/components/schemas/{name}"} for name in expected]
        assert all(name in document["components"]["schemas"] for name in expected)


def _literals(annotation) -> set[str]:
    """The strings an rcs ``Literal`` or Fern enum names (its ``typing.Any`` fallback aside)."""
    if typing.get_origin(annotation) is typing.Literal:
        return set(typing.get_args(annotation))
    return set().union(*(_literals(arg) for arg in typing.get_args(annotation)))


def test_a_number_update_and_a_vetting_name_the_rcs_sdks_choices(document):
    """The campaign status's ``updates.status`` and a vetting's provider, class and status."""
    schemas = document["components"]["schemas"]
    update = schemas["PinnacleNumberUpdateAnswer"]["properties"]["status"]
    assert set(update["enum"]) == _literals(types.TollFreeStatusEnum)
    assert update["description"] != "none until attached to a campaign"
    vetting = schemas["PinnacleVettingHistoryAnswer"]["properties"]
    model = types.VettingHistory
    theirs = dict(zip(sdk_names(model), model.model_fields.values(), strict=True))
    for name in ("provider", "vettingClass", "vettingStatus"):
        assert set(vetting[name]["enum"]) == _literals(theirs[name].annotation), name
