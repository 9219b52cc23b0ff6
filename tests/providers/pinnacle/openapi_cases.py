"""The Pinnacle requests whose real answers ``tests/admin/test_openapi_pinnacle.py`` checks
against the OpenAPI document: the records they name, and a success and each declared error
of every route."""

from mockserver.providers.pinnacle.schemas.examples import HANDSET as TO
from mockserver.providers.pinnacle.schemas.examples import SEED_BRAND, SEED_NUMBER

from .helpers import KEY, WIRE_BRAND, WIRE_CAMPAIGN, sending_number


def wire_campaign(client) -> str:
    """A complete campaign of the seed's brand, not submitted."""
    body = {**WIRE_CAMPAIGN, "brand": SEED_BRAND}
    return client.post("/campaigns/toll-free", json=body, headers=KEY).get_json()["campaignId"]


def make_world(client) -> dict[str, str]:
    """A number that may send, with a message and a schedule it sent; its verified campaign;
    a new brand, a draft campaign and a toll-free number bought but not attached."""
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
    ]
