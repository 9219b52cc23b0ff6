"""Pinnacle in ``GET /_mock/openapi.json``: its API key scheme and error body, every route's
real answers (a success and each error it declares) validate against the document, and the
document's answers name the members the rcs SDK reads."""

import typing

import pydantic
import pytest
from rcs import types
from rcs.campaigns.toll_free.types.toll_free_autofill_response import TollFreeAutofillResponse

from tests.admin.test_openapi import answer_schema, operations
from tests.providers.pinnacle.conftest import (
    KEY,
    WIRE_BRAND,
    WIRE_CAMPAIGN,
    sdk_names,
    sending_number,
)

SEED_BRAND, SEED_NUMBER, TO = "b_0000000001", "+18005550100", "+14155550123"
ADDED = {401, 413}  # the builder adds these to every route (413: to every route with a body)


@pytest.fixture
def document(client) -> dict:
    answer = client.get("/_mock/openapi.json")
    assert answer.status_code == 200
    return answer.get_json()


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


def wire_campaign(client) -> str:
    """A complete campaign of the seed's brand, not submitted."""
    body = {**WIRE_CAMPAIGN, "brand": SEED_BRAND}
    return client.post("/campaigns/toll-free", json=body, headers=KEY).get_json()["campaignId"]


@pytest.fixture
def world(client) -> dict[str, str]:
    """A number that may send and a message and schedule it sent; a verified campaign; a new
    brand, a draft campaign and a toll-free number bought but not attached."""
    sender = sending_number(client)
    sent = client.post(
        "/messages/send/sms", json={"from": sender, "to": TO, "text": "hi"}, headers=KEY
    )
    later = {"schedule": {"sendAt": "2030-01-01T09:00:00Z"}}
    scheduled = client.post(
        "/messages/send/sms",
        json={"from": sender, "to": TO, "text": "later", "options": later},
        headers=KEY,
    )
    found = client.post(
        "/phone-numbers/search", json={"type": ["TOLL_FREE"], "options": {"limit": 1}}, headers=KEY
    ).get_json()
    client.post("/phone-numbers/buy", json={"numbers": [found[0]["number"]]}, headers=KEY)
    verified = client.post("/campaigns/toll-free/list", json={"status": "VERIFIED"}, headers=KEY)
    return {
        "sender": sender,
        "message": sent.get_json()["messageId"],
        "schedule": scheduled.get_json()["scheduleId"],
        "spare": found[0]["number"],
        "campaign": verified.get_json()["data"][0]["campaignId"],
        "draft": wire_campaign(client),
        "brand": client.post("/brands", json=WIRE_BRAND, headers=KEY).get_json()["id"],
    }


def cases(w: dict[str, str]) -> list[tuple[str, str, object, int, str]]:
    """(method, URL, JSON body, status, the document's path), in the order they run."""
    brand, campaign, draft = w["brand"], w["campaign"], w["draft"]
    sms = {"from": w["sender"], "to": TO, "text": "hi"}
    mms = {**sms, "mediaUrls": ["https://acme.example/a.png"]}
    later = {"schedule": {"sendAt": "2030-01-01T09:00:00Z"}}
    mms_later = {**later, "multiple_messages": True, "validate": False}
    attach = {"phones": [w["spare"]], "campaignType": "TOLL_FREE", "campaignId": campaign}
    bad_page = {"pageSize": 0}
    return [
        # brands
        ("post", "/brands", WIRE_BRAND, 200, "/brands"),
        ("post", "/brands", {"sector": "SPACE"}, 400, "/brands"),
        ("get", f"/brands/{SEED_BRAND}", None, 200, "/brands/{brand_id}"),
        ("get", f"/brands/{SEED_BRAND}?hideEIN=true", None, 200, "/brands/{brand_id}"),
        ("get", f"/brands/{SEED_BRAND}?hideEIN=maybe", None, 400, "/brands/{brand_id}"),
        ("get", "/brands/b_9999999999", None, 404, "/brands/{brand_id}"),
        ("post", f"/brands/{brand}/submit", None, 200, "/brands/{brand_id}/submit"),
        ("post", f"/brands/{brand}/submit", None, 400, "/brands/{brand_id}/submit"),
        ("post", "/brands/b_9999999999/submit", None, 404, "/brands/{brand_id}/submit"),
        ("post", f"/brands/{SEED_BRAND}/vet", None, 200, "/brands/{brand_id}/vet"),
        ("post", f"/brands/{brand}/vet", None, 400, "/brands/{brand_id}/vet"),
        ("post", "/brands/b_9999999999/vet", None, 404, "/brands/{brand_id}/vet"),
        ("get", f"/brands/{SEED_BRAND}", None, 200, "/brands/{brand_id}"),  # vetted now
        ("post", "/brands/autofill", {"name": "Acme Rockets"}, 200, "/brands/autofill"),
        ("post", "/brands/autofill", {}, 400, "/brands/autofill"),
        ("post", "/brands/validate", WIRE_BRAND, 200, "/brands/validate"),
        ("post", "/brands/validate", {"name": "x"}, 200, "/brands/validate"),
        ("post", "/brands/validate", {"name": 5}, 400, "/brands/validate"),
        ("post", "/brands/list", {}, 200, "/brands/list"),
        ("post", "/brands/list", bad_page, 400, "/brands/list"),
        ("get", f"/status/brand/{SEED_BRAND}", None, 200, "/status/brand/{brand_id}"),
        ("get", "/status/brand/b_9999999999", None, 404, "/status/brand/{brand_id}"),
        # toll-free campaigns
        ("post", "/campaigns/toll-free", {"brand": SEED_BRAND}, 200, "/campaigns/toll-free"),
        ("post", "/campaigns/toll-free", {"name": "no brand"}, 400, "/campaigns/toll-free"),
        ("post", "/campaigns/toll-free", {"campaignId": "tf_9"}, 404, "/campaigns/toll-free"),
        (
            "get",
            f"/campaigns/toll-free/{campaign}",
            None,
            200,
            "/campaigns/toll-free/{campaign_id}",
        ),
        ("get", "/campaigns/toll-free/tf_9", None, 404, "/campaigns/toll-free/{campaign_id}"),
        ("post", "/campaigns/toll-free/validate", {"campaignId": draft}, 200, None),
        ("post", "/campaigns/toll-free/validate", {"campaignId": "tf_9"}, 400, None),
        ("post", "/campaigns/toll-free/autofill", {"campaignId": draft}, 200, None),
        ("post", "/campaigns/toll-free/autofill", {}, 200, None),
        ("post", "/campaigns/toll-free/autofill", {"campaignId": "tf_9"}, 400, None),
        ("post", "/campaigns/toll-free/list", {}, 200, None),
        ("post", "/campaigns/toll-free/list", bad_page, 400, None),
        (
            "post",
            f"/campaigns/toll-free/submit/{draft}",
            None,
            200,
            "/campaigns/toll-free/submit/{campaign_id}",
        ),
        (
            "post",
            f"/campaigns/toll-free/submit/{draft}",
            None,
            400,
            "/campaigns/toll-free/submit/{campaign_id}",
        ),
        (
            "post",
            "/campaigns/toll-free/submit/tf_9",
            None,
            404,
            "/campaigns/toll-free/submit/{campaign_id}",
        ),
        (
            "get",
            f"/status/toll-free-campaign/{campaign}",
            None,
            200,
            "/status/toll-free-campaign/{campaign_id}",
        ),
        (
            "get",
            f"/status/toll-free-campaign/{draft}",
            None,
            200,
            "/status/toll-free-campaign/{campaign_id}",
        ),
        (
            "get",
            "/status/toll-free-campaign/tf_9",
            None,
            404,
            "/status/toll-free-campaign/{campaign_id}",
        ),
        # phone numbers
        ("post", "/phone-numbers/search", {"type": ["LOCAL"]}, 200, None),
        ("post", "/phone-numbers/search", {"type": []}, 400, None),
        ("post", "/phone-numbers/buy", {"numbers": ["+18335550199"]}, 200, None),
        ("post", "/phone-numbers/buy", {"numbers": [SEED_NUMBER]}, 400, None),
        ("post", "/phone-numbers/list", {}, 200, None),
        ("post", "/phone-numbers/list", bad_page, 400, None),
        ("post", "/phone-numbers/details", {"phone": TO, "level": "basic"}, 200, None),
        ("post", "/phone-numbers/details", {"phone": TO, "level": "advanced"}, 200, None),
        ("post", "/phone-numbers/details", {"phone": TO, "level": "full"}, 400, None),
        ("post", "/phone-numbers/details", {"phone": "+442079460000", "level": "basic"}, 404, None),
        ("post", "/phone-numbers/attach-campaign", attach, 200, None),
        ("post", "/phone-numbers/attach-campaign", {**attach, "campaignType": "10DLC"}, 400, None),
        ("post", "/phone-numbers/attach-campaign", {**attach, "campaignId": "tf_9"}, 404, None),
        ("delete", "/phone-numbers/detach-campaign", {"phones": [w["spare"], TO]}, 200, None),
        ("delete", "/phone-numbers/detach-campaign", {"phones": []}, 400, None),
        (
            "get",
            f"/status/phone-number/{SEED_NUMBER}",
            None,
            200,
            "/status/phone-number/{phone_number}",
        ),
        ("get", f"/status/phone-number/{TO}", None, 404, "/status/phone-number/{phone_number}"),
        # messages
        ("post", "/messages/send/sms", sms, 200, None),
        ("post", "/messages/send/sms", {**sms, "options": later}, 200, None),
        ("post", "/messages/send/sms", {**sms, "text": ""}, 400, None),
        ("post", "/messages/send/sms", {**sms, "from": w["spare"]}, 403, None),
        ("post", "/messages/send/sms", {**sms, "from": "+18005550199"}, 404, None),
        ("post", "/messages/send/mms", mms, 200, None),
        ("post", "/messages/send/mms", {**mms, "options": mms_later}, 200, None),
        ("post", "/messages/send/mms", {**mms, "mediaUrls": []}, 400, None),
        ("post", "/messages/send/mms", {**mms, "from": w["spare"]}, 403, None),
        ("post", "/messages/send/mms", {**mms, "from": "+18005550199"}, 404, None),
        ("get", f"/messages/{w['message']}", None, 200, "/messages/{message_id}"),
        ("get", "/messages/msg_9", None, 404, "/messages/{message_id}"),
        ("post", "/messages/list", {}, 200, None),
        ("post", "/messages/list", {"type": "FAX"}, 400, None),
        ("post", "/messages/validate/sms", {"text": "Hi ☃"}, 200, None),
        ("post", "/messages/validate/sms", {}, 400, None),
        (
            "post",
            "/messages/validate/mms",
            {"mediaUrls": ["https://a.example/b.png", "x.exe"]},
            200,
            None,
        ),
        ("post", "/messages/validate/mms", {"mediaUrls": []}, 400, None),
        ("post", "/messages/schedules/list", {}, 200, None),
        ("post", "/messages/schedules/list", {"status": "SCHEDULED"}, 400, None),
        (
            "delete",
            f"/messages/schedule/{w['schedule']}",
            None,
            200,
            "/messages/schedule/{schedule_id}",
        ),
        (
            "delete",
            f"/messages/schedule/{w['schedule']}",
            None,
            400,
            "/messages/schedule/{schedule_id}",
        ),
        ("delete", "/messages/schedule/msg_sched_9", None, 404, "/messages/schedule/{schedule_id}"),
        ("post", "/messages/schedules/list", {}, 200, None),  # a cancelled one too
        ("post", "/messages/blasts/list", {}, 200, None),
        ("post", "/messages/blasts/list", bad_page, 400, None),
        ("post", "/messages/react", {"messageId": w["message"], "reaction": "+1"}, 403, None),
        ("post", "/messages/react", {"reaction": "+1"}, 400, None),
        ("post", "/messages/react", {"messageId": "msg_9"}, 404, None),
        # what the sandbox does not emulate
        ("post", "/messages/send/rcs", {}, 403, None),
        ("post", "/messages/send/typing", {}, 403, None),
        ("post", "/messages/validate/rcs", {}, 403, None),
        ("post", "/messages/blast/sms", {}, 403, "/messages/blast/{kind}"),
        ("post", "/messages/blast/fax", {}, 404, "/messages/blast/{kind}"),
        ("post", "/messages/simulate/user", {}, 403, None),
        ("post", "/campaigns/dlc", {}, 403, "/campaigns/{kind}"),
        ("post", "/campaigns/sms", {}, 404, "/campaigns/{kind}"),
        ("post", "/campaigns/rcs/autofill", {}, 403, "/campaigns/{kind}/autofill"),
        ("post", "/campaigns/sms/autofill", {}, 404, "/campaigns/{kind}/autofill"),
        ("post", "/campaigns/dlc/validate", {}, 403, "/campaigns/{kind}/validate"),
        ("post", "/campaigns/sms/validate", {}, 404, "/campaigns/{kind}/validate"),
        ("get", "/campaigns/dlc/dlc_1", None, 404, "/campaigns/{kind}/{campaign_id}"),
        (
            "post",
            "/campaigns/rcs/submit/rcs_1",
            None,
            404,
            "/campaigns/{kind}/submit/{campaign_id}",
        ),
        ("post", "/campaigns/dlc/list", {}, 200, "/campaigns/{kind}/list"),
        ("post", "/campaigns/rcs/list", bad_page, 400, "/campaigns/{kind}/list"),
        ("post", "/campaigns/sms/list", {}, 404, "/campaigns/{kind}/list"),
        ("get", "/status/dlc-campaign/dlc_1", None, 404, "/status/{kind}/{campaign_id}"),
        # the statuses the builder adds
        ("post", "/brands/list", {}, 401, "/brands/list"),
        ("post", "/brands/list", {"name": "x" * 2_000_000}, 413, "/brands/list"),
    ]


def test_every_pinnacle_answer_matches_the_document(client, document, world):
    """A success and each error every route declares (beyond 401 and 413), from the real
    sandbox: the body validates against the document's schema for that status."""
    found, covered = [], set()
    for method, url, body, status, described in cases(world):
        path = described or url
        headers = {} if status == 401 else KEY
        answer = client.open(url, method=method.upper(), json=body, headers=headers)
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


def _nullable(schema: dict) -> bool:
    kinds = schema.get("type") if isinstance(schema.get("type"), list) else []
    return "null" in kinds or any(c.get("type") == "null" for c in schema.get("anyOf", []))


def disagreements(schema: dict, model: type[pydantic.BaseModel], document: dict, at: str) -> list:
    """Where a document schema's members differ from an rcs model's, nested ones too: their
    names, and a member the model needs that the schema lets the sandbox leave out or null."""
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
    """Each answer's members (and its nested objects') are the rcs model's wire names, and
    what the model needs is always there and never null."""
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
