"""Every request body the OpenAPI document describes carries an example, and each example is
a request the sandbox takes: it matches the document's schema, and sent to a fresh sandbox
(path parameters filled from the seed, or from records made first) it gets the operation's
success status."""

import re

from jsonschema import Draft202012Validator

from mockserver.admin.openapi_document import served_document
from tests.admin.test_openapi import operations
from tests.conftest import ISV_SID, ISV_TOKEN, basic
from tests.providers.pinnacle.helpers import KEY, sending_number
from tests.providers.platform.conftest import SETUP, TOLL_FREE, bearer
from tests.providers.twilio.conftest import HANDSET, LOCAL_NUMBER, LOCAL_PN, PREFIX

SEED_IDS = {"account_sid": ISV_SID, "setup_id": SETUP, "phone_number_id": TOLL_FREE}
TWILIO = basic(ISV_SID, ISV_TOKEN)
# Each security scheme of the document, with the seed's credentials.
CREDENTIALS = {"twilioBasic": TWILIO, "platformBearer": bearer(), "pinnacleApiKey": KEY}


def _twilio(client, method: str, url: str, form: dict | None = None) -> dict:
    answer = client.open(url, method=method, data=form or {}, headers=TWILIO)
    assert answer.status_code < 300, answer.get_json()
    return answer.get_json()


def _verification(client, *, rejected: bool) -> str:
    form = _example(client, "/v1/Tollfree/Verifications")
    sid = _twilio(client, "POST", "/v1/Tollfree/Verifications", form)["sid"]
    if rejected:
        body = {"status": "TWILIO_REJECTED", "codes": [30445], "edit_allowed": True}
        assert client.post(f"/_mock/records/{sid}/transition", json=body).status_code == 200
    return sid


def _message(client) -> str:
    form = {"From": LOCAL_NUMBER, "To": HANDSET, "Body": "hello"}
    sid = _twilio(client, "POST", f"/2010-04-01/Accounts/{ISV_SID}/Messages.json", form)["sid"]
    assert client.post("/_mock/clock/advance", json={"minutes": 5}).status_code == 200
    return sid


def _service(client) -> str:
    return _twilio(client, "POST", "/v1/Services", {"FriendlyName": "examples"})["sid"]


def _sink(client) -> str:
    return _twilio(client, "POST", "/v1/Sinks", _example(client, "/v1/Sinks"))["sid"]


def _subscription(client) -> dict:
    """A subscription to TYPE (its sink made first), and the type, as path parameters."""
    form = {"Description": "examples", "SinkSid": _sink(client), "Types": f'{{"type": "{TYPE}"}}'}
    sid = _twilio(client, "POST", "/v1/Subscriptions", form)["sid"]
    return {"sid": sid, "event_type": TYPE}


def _pinnacle_campaign(client) -> dict:
    """A verified campaign of the seed's brand, the seed's number attached and approved."""
    sending_number(client)
    listed = client.post("/campaigns/toll-free/list", json={"status": "VERIFIED"}, headers=KEY)
    return {"body": {"campaignId": listed.get_json()["data"][0]["campaignId"]}}


def _able_to_send(client) -> dict:
    _pinnacle_campaign(client)
    return {}


SUBSCRIPTION = "/v1/Subscriptions/{sid}"
TYPE = PREFIX + "pending-review"
# The records an example names, made first: (method, path) → its path parameters, and under
# "body" what replaces the example's placeholder for a record the seed lacks.
PREPARE = {
    ("post", "/campaigns/toll-free/validate"): _pinnacle_campaign,
    ("post", "/phone-numbers/attach-campaign"): _pinnacle_campaign,
    ("post", "/messages/send/sms"): _able_to_send,
    ("post", "/messages/send/mms"): _able_to_send,
    ("post", "/v1/Sinks/{sid}"): lambda c: {"sid": _sink(c)},
    ("post", "/v1/Sinks/{sid}/Validate"): lambda c: {"sid": _sink(c)},
    ("post", "/v1/Subscriptions"): lambda c: {"body": {"SinkSid": _sink(c)}},
    ("post", SUBSCRIPTION): _subscription,
    ("post", SUBSCRIPTION + "/SubscribedEvents"): _subscription,
    ("post", SUBSCRIPTION + "/SubscribedEvents/{event_type}"): _subscription,
    ("post", "/_mock/records/{record_id}/transition"): lambda c: {
        "record_id": _verification(c, rejected=False)
    },
    ("post", "/v1/Tollfree/Verifications/{sid}"): lambda c: {
        "sid": _verification(c, rejected=True)
    },
    ("post", "/2010-04-01/Accounts/{account_sid}/Messages/{sid}.json"): lambda c: {
        "sid": _message(c)
    },
    ("post", "/2010-04-01/Accounts/{account_sid}/IncomingPhoneNumbers/{sid}.json"): lambda c: {
        "sid": LOCAL_PN
    },
    ("post", "/v1/Services/{sid}"): lambda c: {"sid": _service(c)},
    ("post", "/v1/Services/{service_sid}/PhoneNumbers"): lambda c: {"service_sid": _service(c)},
}


def _headers(operation: dict) -> dict:
    """The credentials of the operation's security scheme (none for the control API's)."""
    schemes = [name for each in operation["security"] for name in each]
    return next((CREDENTIALS[name] for name in schemes if name in CREDENTIALS), {})


def _example(client, path: str, method: str = "post") -> dict:
    with client.application.app_context():
        document = served_document()  # built once per app
    content = document["paths"][path][method]["requestBody"]["content"]
    return next(iter(content.values()))["example"]


def with_bodies(document: dict):
    """(path, method, media type, its content) of every operation with a request body."""
    for path, method, operation in operations(document):
        if "requestBody" in operation:
            (media, content), *_ = operation["requestBody"]["content"].items()
            yield path, method, media, content


def test_every_request_body_has_an_example_that_matches_its_schema(document):
    missing = []
    for path, method, _, content in with_bodies(document):
        if "example" not in content:
            missing.append(f"{method} {path}")
            continue
        schema = {**content["schema"], "components": document["components"]}
        Draft202012Validator(schema).validate(content["example"])
    assert missing == []


def _filled(path: str, document: dict, method: str, client) -> tuple[str, dict]:
    """The URL of the operation's example, and what replaces placeholders in its body."""
    values = dict(SEED_IDS)
    prepare = PREPARE.get((method, path))
    if prepare is not None:
        values.update(prepare(client))
    item = document["paths"][path]
    for parameter in item.get("parameters", []):
        if "enum" in parameter["schema"]:
            values.setdefault(parameter["name"], parameter["schema"]["enum"][0])
    return re.sub(r"\{(\w+)\}", lambda m: values[m[1]], path), values.get("body", {})


def test_every_example_is_taken_by_a_fresh_sandbox(app, document):
    """Each sent on its own fresh state (a reset between), with its provider's credentials;
    only the one body of a Pinnacle route that never succeeds (a reaction) is not sent."""
    never = []
    for path, method, media, content in with_bodies(document):
        operation = document["paths"][path][method]
        success = [status for status in operation["responses"] if status.startswith("2")]
        if not success:
            never.append((method, path))
            continue
        client = app.test_client()
        assert client.post("/_mock/reset", json={}).status_code == 200
        url, replaced = _filled(path, document, method, client)
        example = {**content["example"], **replaced}
        sent = {"json": example} if media == "application/json" else {"data": example}
        answer = client.open(url, method=method.upper(), headers=_headers(operation), **sent)
        assert str(answer.status_code) in success, (method, path, answer.get_data(as_text=True))
    assert never == [("post", "/messages/react")]
