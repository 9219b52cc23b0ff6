"""What the sandbox does not emulate (RCS, blasts, simulated users, reactions, 10DLC and RCS
campaigns) answers the error class each rcs method declares, saying why: never the
sandbox's own "No route"."""

import pytest
from rcs.errors import ForbiddenError, NotFoundError
from rcs.types import RichText, RichTextMessage, SimulateUserMessage

TO = "+14155550123"


@pytest.mark.parametrize(("kind", "name"), [("dlc", "10DLC"), ("rcs", "RCS")])
def test_a_10dlc_or_rcs_campaign_status_is_not_found(pinnacle, kind, name):
    with pytest.raises(NotFoundError) as missing:
        getattr(pinnacle.status.get, kind)(f"{kind}_1234567890")
    assert missing.value.body == {
        "error": f"{name} campaign {kind}_1234567890 not found: the sandbox emulates toll-free "
        "campaigns only (POST /campaigns/toll-free)."
    }


@pytest.mark.parametrize("kind", ["dlc", "rcs"])
def test_a_toll_free_id_on_another_kinds_route_points_at_its_own(pinnacle, verified_campaign, kind):
    campaign_id = verified_campaign.campaign_id
    with pytest.raises(NotFoundError) as missing:
        getattr(pinnacle.status.get, kind)(campaign_id)
    assert missing.value.body["error"].endswith(
        f"{campaign_id} is a toll-free campaign id: GET /status/toll-free-campaign/{campaign_id}."
    )
    with pytest.raises(NotFoundError) as missing:
        getattr(pinnacle.campaigns, kind).get(campaign_id)
    assert f"GET /campaigns/toll-free/{campaign_id}" in missing.value.body["error"]


@pytest.mark.parametrize("campaign_id", ["dlc_1234567890", "rcs_1234567890", "nonsense"])
def test_a_toll_free_status_of_another_kinds_id_is_not_found(pinnacle, campaign_id):
    with pytest.raises(NotFoundError):
        pinnacle.status.get.toll_free(campaign_id)


@pytest.mark.parametrize("kind", ["dlc", "rcs"])
def test_10dlc_and_rcs_campaigns_cannot_be_created_validated_or_autofilled(pinnacle, kind):
    campaigns = getattr(pinnacle.campaigns, kind)
    for call in (
        lambda: campaigns.upsert(brand="b_1234567890"),
        lambda: campaigns.autofill(additional_info="Alerts"),
        lambda: campaigns.validate(campaign_id=f"{kind}_1234567890"),
    ):
        with pytest.raises(ForbiddenError) as refused:
            call()
        assert "campaigns are not enabled for this sandbox account" in refused.value.body.error


@pytest.mark.parametrize("kind", ["dlc", "rcs"])
def test_10dlc_and_rcs_campaigns_are_never_found_nor_listed(pinnacle, kind):
    campaigns = getattr(pinnacle.campaigns, kind)
    for call in (campaigns.get, campaigns.submit):
        with pytest.raises(NotFoundError):
            call(f"{kind}_1234567890")
    listed = campaigns.list(status="VERIFIED", page_size=5)
    assert (listed.data, listed.has_more, listed.count) == ([], False, 0)


def test_10dlc_and_rcs_campaign_lists_still_check_their_filters(http):
    response = http.post("/campaigns/dlc/list", json={"pageSize": 0})
    assert response.status_code == 400
    assert list(response.json()["errors"]["properties"]) == ["pageSize"]


def test_rcs_messages_are_forbidden(pinnacle, active_number):
    calls = (
        lambda: pinnacle.messages.rcs.send(
            request=RichTextMessage(from_="agent_acme", to=TO, text="hi")
        ),
        lambda: pinnacle.messages.rcs.send_typing(agent_id="agent_acme", to=TO),
        lambda: pinnacle.messages.rcs.validate(request=RichText(text="hi")),
    )
    for call in calls:
        with pytest.raises(ForbiddenError) as refused:
            call()
        assert refused.value.body.error.startswith("RCS is not enabled for this sandbox account")


@pytest.mark.parametrize(
    ("kind", "message"),
    [("sms", {"text": "hi"}), ("mms", {"media_urls": ["https://a.example/a.png"]})],
)
def test_blasts_are_forbidden(pinnacle, active_number, kind, message):
    with pytest.raises(ForbiddenError) as refused:
        getattr(pinnacle.messages.blast, kind)(
            audience_id="aud_abc123", senders=[active_number], message=message
        )
    assert "the sandbox emulates no audiences" in refused.value.body.error


def test_simulating_a_user_is_forbidden(pinnacle, active_number):
    with pytest.raises(ForbiddenError) as refused:
        pinnacle.messages.simulate.user(
            request=SimulateUserMessage(from_=TO, to=active_number, message={"text": "hi"})
        )
    assert "receives no inbound messages" in refused.value.body.error


def test_reacting_to_a_known_message_is_forbidden_and_to_an_unknown_one_not_found(
    pinnacle, other, active_number
):
    sent = pinnacle.messages.sms.send(from_=active_number, to=TO, text="hi").message_id
    with pytest.raises(ForbiddenError) as refused:
        pinnacle.messages.react(message_id=sent, reaction="👍")
    assert "Reactions are not enabled" in refused.value.body.error
    with pytest.raises(NotFoundError):
        other.messages.react(message_id=sent, reaction="👍")


@pytest.mark.parametrize(
    "path",
    ["/messages/blast/fax", "/campaigns/fax", "/campaigns/fax/autofill", "/campaigns/fax/list"],
)
def test_a_kind_outside_the_enum_is_the_routers_404_which_the_document_declares(client, http, path):
    """The document declares the 404 of every path parameter the router narrows (an enum):
    Schemathesis sends out-of-enum ``{kind}`` values."""
    answer = http.post(path, json={})
    assert (answer.status_code, answer.json()) == (404, {"error": f"No route POST {path}."})
    document = client.get("/_mock/openapi.json").get_json()
    template = path.replace("fax", "{kind}")
    assert "404" in document["paths"][template]["post"]["responses"], template
