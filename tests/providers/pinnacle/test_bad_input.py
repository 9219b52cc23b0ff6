"""Hostile input on every Pinnacle route gets Pinnacle's own 4xx body, never a 500 or HTML."""

import json

import pytest

from mockserver.providers.pinnacle.schemas import LONE_SURROGATE
from tests.bad_input import (
    Route,
    hostile_requests,
    http_problems,
    over_http,
    problems,
    provider_routes,
    send,
)

from .helpers import SANDBOX_KEY

PAGE = ("pageIndex", "pageSize")
BRAND = {"name": "Acme", "contact": {"email": "jane@acme.example"}}
BRAND_STRINGS = ("name", "contact.email", "sector", "entityType", "website")
CAMPAIGN = {"brand": "{brand}", "name": "Alerts"}
SENDER = "+18005550100"
SMS = {"from": SENDER, "to": "+14155550123", "text": "hello"}
MMS = {**SMS, "mediaUrls": ["https://example.com/a.png"]}
SCHEDULE = ("options.schedule.sendAt", "options.schedule.timezone", "options.schedule.endDate")
BRAND_ID = {"brand_id": "{brand}"}
CAMPAIGN_ID = {"campaign_id": "{campaign}"}
DLC = {"kind": "dlc"}

ROUTES = {
    "pinnacle.upsert_brand": Route(
        body="json", base=BRAND, strings=(*BRAND_STRINGS, "id"), json_fields=("contact",)
    ),
    "pinnacle.get_brand": Route(path=BRAND_ID, query=("hideEIN",)),
    "pinnacle.submit_brand": Route(path=BRAND_ID),
    "pinnacle.vet_brand": Route(path=BRAND_ID),
    "pinnacle.autofill_brand": Route(
        body="json",
        base={"name": "Acme"},
        strings=("name", "website", "additional_info"),
        json_fields=("options",),
    ),
    "pinnacle.validate_brand": Route(
        body="json", base=BRAND, strings=BRAND_STRINGS, json_fields=("contact",)
    ),
    "pinnacle.list_brands": Route(
        body="json", strings=("name", "status"), numbers=PAGE, json_fields=("isArchived",)
    ),
    "pinnacle.brand_status": Route(path=BRAND_ID),
    "pinnacle.upsert_campaign": Route(
        body="json",
        base=CAMPAIGN,
        strings=("name", "brand", "campaignId", "keywords.HELP.message", "optIn.url"),
        json_fields=("keywords", "links", "optIn", "useCase"),
    ),
    "pinnacle.get_campaign": Route(path=CAMPAIGN_ID),
    "pinnacle.submit_campaign": Route(path=CAMPAIGN_ID),
    "pinnacle.campaign_status": Route(path=CAMPAIGN_ID),
    "pinnacle.validate_campaign": Route(
        body="json",
        base={"campaignId": "{campaign}"},
        strings=("campaignId", "additionalInfo"),
    ),
    "pinnacle.autofill_campaign": Route(
        body="json",
        base={"campaignId": "{campaign}"},
        strings=("campaignId", "additionalInfo"),
    ),
    "pinnacle.list_campaigns": Route(
        body="json", strings=("name", "status", "brandId"), numbers=PAGE
    ),
    "pinnacle.search_numbers": Route(
        body="json",
        base={"type": ["TOLL_FREE"]},
        strings=("type", "location.city", "number.contains", "location.countryCode"),
        numbers=("options.limit",),
        json_fields=("location", "number"),
    ),
    "pinnacle.buy_numbers": Route(
        body="json", base={"numbers": ["+18335550199"]}, strings=("numbers",)
    ),
    "pinnacle.list_numbers": Route(body="json", numbers=PAGE),
    "pinnacle.attach_campaign": Route(
        body="json",
        base={"phones": [SENDER], "campaignType": "TOLL_FREE", "campaignId": "{campaign}"},
        strings=("phones", "campaignType", "campaignId"),
    ),
    "pinnacle.detach_campaign": Route(
        body="json", base={"phones": [SENDER]}, strings=("phones",), json_fields=("phones",)
    ),
    "pinnacle.send_sms": Route(
        body="json",
        base=SMS,
        strings=("text", "from", "to", *SCHEDULE),
        json_fields=("options",),
    ),
    "pinnacle.send_mms": Route(
        body="json",
        base=MMS,
        strings=("text", "from", "mediaUrls", *SCHEDULE),
        json_fields=("options", "mediaUrls"),
    ),
    "pinnacle.number_status": Route(path={"phone_number": "{number}"}),
    "pinnacle.number_details": Route(
        body="json",
        base={"phone": "+14155550123", "level": "advanced"},
        strings=("phone", "level", "options.enhanced_contact_info.context"),
        json_fields=("options",),
    ),
    "pinnacle.get_message": Route(path={"message_id": "msg_0000000001"}),
    "pinnacle.list_messages": Route(
        body="json",
        strings=("direction", "status", "type", "method", "from", "to", "content", "dateFrom"),
        numbers=PAGE,
    ),
    "pinnacle.validate_sms": Route(body="json", base={"text": "hello"}, strings=("text",)),
    "pinnacle.validate_mms": Route(
        body="json",
        base={"mediaUrls": ["https://a.example/b.png"], "text": "hi"},
        strings=("mediaUrls", "text"),
        json_fields=("mediaUrls",),
    ),
    "pinnacle.list_schedules": Route(
        body="json", strings=("status", "scheduleType", "content"), numbers=PAGE
    ),
    "pinnacle.cancel_schedule": Route(path={"schedule_id": "msg_sched_0000000001"}),
    "pinnacle.list_blasts": Route(
        body="json", strings=("audienceId", "sender", "content"), numbers=PAGE
    ),
    "pinnacle.react": Route(
        body="json",
        base={"messageId": "msg_0000000001", "reaction": "+1"},
        strings=("messageId", "reaction"),
        json_fields=("options",),
    ),
    "pinnacle.send_rcs": Route(body="json", base={"to": "+14155550123"}, strings=("to",)),
    "pinnacle.send_typing": Route(body="json", base={"agentId": "agent_x"}, strings=("agentId",)),
    "pinnacle.validate_rcs": Route(body="json", base={"text": "hi"}, strings=("text",)),
    "pinnacle.simulate_user": Route(body="json", base={"to": SENDER}, strings=("to",)),
    "pinnacle.blast": Route(path={"kind": "sms"}, body="json", json_fields=("message",)),
    "pinnacle.upsert_other_campaign": Route(path=DLC, body="json", strings=("name",)),
    "pinnacle.autofill_other_campaign": Route(path=DLC, body="json", strings=("campaignId",)),
    "pinnacle.validate_other_campaign": Route(path=DLC, body="json", strings=("campaignId",)),
    "pinnacle.get_other_campaign": Route(path={**DLC, "campaign_id": "dlc_0000000001"}),
    "pinnacle.submit_other_campaign": Route(path={**DLC, "campaign_id": "{campaign}"}),
    "pinnacle.list_other_campaigns": Route(
        path={"kind": "rcs"}, body="json", strings=("name", "status", "brandId"), numbers=PAGE
    ),
    "pinnacle.other_campaign_status": Route(
        path={"kind": "rcs-campaign", "campaign_id": "rcs_0000000001"}
    ),
}


def is_pinnacle_error(body: dict) -> bool:
    """Pinnacle's ``{"error": "…"}`` body (with Zod-style details on some 400s)."""
    return isinstance(body.get("error"), str) and body["error"] != ""


def test_the_table_covers_every_pinnacle_route(app, runtime):
    """A new route fails here until the table says what it takes."""
    assert set(provider_routes(app, runtime, "pinnacle")) == set(ROUTES)


@pytest.mark.parametrize("endpoint", sorted(ROUTES))
def test_hostile_input_on_every_pinnacle_route_gets_a_pinnacle_4xx(
    app, client, runtime, pinnacle_records, endpoint
):
    method, _rule = provider_routes(app, runtime, "pinnacle")[endpoint]
    found = []
    for hostile in hostile_requests(app, endpoint, ROUTES[endpoint], pinnacle_records):
        response = send(client, method, hostile, {"PINNACLE-API-KEY": SANDBOX_KEY})
        found += problems(response, hostile, is_pinnacle_error)
    assert found == []


@pytest.mark.parametrize(
    ("path", "extra"),
    [
        ("/messages/send/sms", {}),
        ("/messages/send/mms", {"mediaUrls": ["https://a.example/b.png"]}),
    ],
)
def test_a_lone_surrogate_in_a_message_text_is_a_400_naming_text(http, active_number, path, extra):
    """The sender may send, so the text would reach segment counting."""
    body = json.dumps({"from": active_number, "to": "+14155550123", "text": "__", **extra})
    response = http.post(
        path,
        data=body.replace('"__"', '"hi \\ud800"'),
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code == 400
    assert response.json()["errors"]["properties"] == {"text": {"errors": [LONE_SURROGATE]}}


def test_oversize_headers_over_real_http_get_pinnacle_json(live_url):
    """The server refuses one 100 KB header line (431) in Pinnacle's shape; 300 KB in six
    lines reach the app."""
    found, statuses = [], []
    auth = {"PINNACLE-API-KEY": SANDBOX_KEY}
    for hostile, response in over_http(live_url, "POST", "/brands/list", auth):
        found += http_problems(hostile, response, is_pinnacle_error)
        statuses.append(response.status_code)
    assert found == []
    assert statuses == [431, 200, 431]


@pytest.mark.parametrize(
    ("schedule", "field"),
    [
        ({"sendAt": "0001-01-01T00:00:00+05:00"}, "sendAt"),
        ({"sendAt": "9999-12-31T23:59:59-05:00"}, "sendAt"),
        ({"sendAt": "9999-12-31T23:00:00", "timezone": "America/New_York"}, "sendAt"),
        ({"sendAt": "2030-01-01T00:00:00", "endDate": "9999-12-31T23:59:59-01:00"}, "endDate"),
    ],
)
def test_a_schedule_date_that_leaves_datetimes_range_in_utc_is_a_400_naming_it(
    client, schedule, field
):
    body = {"from": SENDER, "to": "+14155550123", "text": "hi", "options": {"schedule": schedule}}
    response = client.post(
        "/messages/send/sms", json=body, headers={"PINNACLE-API-KEY": SANDBOX_KEY}
    )
    assert response.status_code == 400
    assert response.get_json()["errors"]["properties"] == {
        f"options.schedule.{field}": {"errors": ["Date-time out of range."]}
    }
