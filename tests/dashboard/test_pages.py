"""The dashboard's pages and buttons, over Flask's test client (the browser tests drive the
same pages in Chromium: test_browser_dashboard.py)."""

import pytest

from tests.conftest import ISV_SID
from tests.providers.twilio.conftest import PATH, TOLL_FREE_PN, submission

PINNACLE = {"PINNACLE-API-KEY": "sandbox_pinnacle_key"}
HOSTILE = "<script>alert(1)</script>"


@pytest.fixture
def verification(client, isv_auth) -> str:
    form = submission(TollfreePhoneNumberSid=TOLL_FREE_PN, BusinessName=HOSTILE)
    answer = client.post(PATH, data=form, headers=isv_auth)
    assert answer.status_code == 201, answer.get_json()
    return answer.get_json()["sid"]


def html(response) -> str:
    assert response.status_code == 200, response.data[:300]
    assert response.mimetype == "text/html"
    return response.get_data(as_text=True)


def test_the_root_sends_a_browser_to_the_dashboard(client):
    answer = client.get("/")
    assert answer.status_code == 302 and answer.headers["Location"] == "/_mock/ui/"


def test_the_overview_shows_the_clock_counts_and_advance_buttons(client, verification):
    page = html(client.get("/_mock/ui/"))
    assert "2025-01-01T00:00:00Z" in page
    assert "PENDING_REVIEW" in page and ">Advance 1 d</button>" in page


def test_a_tenant_views_overview_counts_only_its_own_records_and_nothing_sandbox_wide(
    client, verification
):
    everyone = html(client.get("/_mock/ui/"))
    assert "1 record with a scenario running" in everyone and "live streams open" in everyone
    mine = html(client.get(f"/_mock/ui/?tenant={ISV_SID}"))
    assert "1 record with a scenario running" in mine and "live stream" not in mine
    other = html(client.get("/_mock/ui/?tenant=sandbox_pinnacle_key"))
    assert "0 records with a scenario running" in other and "PENDING_REVIEW" not in other


def test_an_advance_button_moves_the_clock_and_comes_back(client):
    answer = client.post("/_mock/ui/clock/advance", data={"seconds": "86400"})
    assert answer.status_code == 303 and answer.headers["Location"] == "/_mock/ui/"
    assert "2025-01-02T00:00:00Z" in html(client.get("/_mock/ui/"))


@pytest.mark.parametrize("seconds", ["", "soon", "-5", "1e99", "nan"])
def test_a_bad_advance_comes_back_with_the_reason(client, seconds):
    answer = client.post("/_mock/ui/clock/advance", data={"seconds": seconds})
    assert answer.status_code == 303 and "error=" in answer.headers["Location"]
    page = html(client.get(answer.headers["Location"]))
    assert 'role="alert"' in page and "advance by a number of seconds" in page


def test_records_are_listed_and_stored_text_is_escaped(client, verification):
    page = html(client.get("/_mock/ui/records"))
    assert verification in page
    assert HOSTILE not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_record_page_shows_fields_plan_and_the_actions_its_status_allows(client, verification):
    page = html(client.get(f"/_mock/ui/records/{verification}"))
    assert "&lt;script&gt;" in page and HOSTILE not in page
    assert ">Start review</button>" in page and ">Approve</button>" not in page
    assert "happy_path" in page
    client.post(f"/_mock/ui/records/{verification}/transition", data={"action": "review"})
    page = html(client.get(f"/_mock/ui/records/{verification}"))
    assert ">Approve</button>" in page and ">Reject</button>" in page
    assert "30445 Could not verify Business" in page  # the rejection code picker
    assert "PENDING_REVIEW → " in page  # the timeline


def test_approve_and_reject_go_through_the_control_api_s_path(client, verification, runtime):
    client.post(f"/_mock/ui/records/{verification}/transition", data={"action": "review"})
    answer = client.post(
        f"/_mock/ui/records/{verification}/transition",
        data={"action": "reject", "codes": "30446", "edit_allowed": "true"},
    )
    assert answer.status_code == 303
    record = client.get(f"/_mock/records/{verification}").get_json()
    assert record["status"] == "TWILIO_REJECTED"
    assert [c["action"] for c in record["history"]] == ["review", "reject"]


def test_an_impossible_move_comes_back_with_the_control_api_s_message(client, verification):
    answer = client.post(f"/_mock/ui/records/{verification}/transition", data={"action": "approve"})
    page = html(client.get(answer.headers["Location"]))
    assert "cannot approve a record in status PENDING_REVIEW" in page


def test_an_unknown_record_is_a_404_page_without_a_traceback(client):
    answer = client.get("/_mock/ui/records/HH0000")
    assert answer.status_code == 404 and answer.mimetype == "text/html"
    text = answer.get_data(as_text=True)
    assert "record HH0000 not found" in text and "Traceback" not in text


def test_the_tenant_view_shows_one_tenant_and_keeps_it_in_its_links(client, verification):
    client.post("/brands", json={"name": "Other Brand", "email": "a@b.co"}, headers=PINNACLE)
    everyone = html(client.get("/_mock/ui/records"))
    assert "Other Brand" in everyone
    mine = html(client.get(f"/_mock/ui/records?tenant={ISV_SID}"))
    assert verification in mine and "Other Brand" not in mine
    assert f"/_mock/ui/messages?tenant={ISV_SID}" in mine
    assert f"Tenant {ISV_SID}" in mine
    keyed = html(client.get("/_mock/ui/records?tenant=sandbox_pinnacle_key"))
    assert "Other Brand" in keyed and "Tenant …_key" in keyed
    assert verification not in keyed


def test_webhooks_requests_and_messages_pages_render(client, isv_auth):
    client.post(
        f"/2010-04-01/Accounts/{ISV_SID}/Messages.json",
        data={"From": "+14155550100", "To": "+12025550100", "Body": HOSTILE},
        headers=isv_auth,
    )
    assert "outbound-api" in html(client.get("/_mock/ui/messages"))
    requests_page = html(client.get("/_mock/ui/requests"))
    assert "POST /2010-04-01/Accounts/" in requests_page and HOSTILE not in requests_page
    assert "No webhook yet" in html(client.get("/_mock/ui/webhooks"))


def test_the_requests_page_shows_each_request_with_the_answer_it_was_given(client, isv_auth):
    sent = client.post(
        f"/2010-04-01/Accounts/{ISV_SID}/Messages.json",
        data={"From": "+14155550100", "To": "+12025550100", "Body": "Hi there"},
        headers=isv_auth,
    ).get_json()
    client.get(f"/2010-04-01/Accounts/{ISV_SID}/Messages/SM0.json", headers=isv_auth)
    page = html(client.get("/_mock/ui/requests"))
    assert page.index("SM0.json") < page.index("Messages.json")  # newest first
    assert "Authorization: [redacted]" in page and "Body=Hi there" in page
    assert f"&#34;sid&#34;: &#34;{sent['sid']}&#34;" in page  # the 201's body, indented
    assert "&#34;code&#34;: 20404" in page  # the 404's


def test_the_requests_page_shows_the_newest_matching_requests_and_says_how_many_matched(
    client, monkeypatch
):
    monkeypatch.setattr("mockserver.dashboard.pages.SHOWN_REQUESTS", 2)
    for number in range(4):
        client.get(f"/anywhere/{number}")
    client.get("/elsewhere")
    page = html(client.get("/_mock/ui/requests?q=anywhere"))
    assert "/anywhere/3" in page and "/anywhere/2" in page and "/anywhere/1" not in page
    assert "The newest 2 of 4" in page and "/elsewhere" not in page
    assert "The newest" not in html(client.get("/_mock/ui/requests?q=elsewhere"))


def test_the_requests_page_survives_a_body_nested_past_the_parsers_depth(client):
    client.post("/anywhere", data="[" * 5000, content_type="application/json")
    assert "POST /anywhere" in html(client.get("/_mock/ui/requests"))


def test_the_requests_page_shows_as_sent_a_body_too_deep_to_indent(client):
    """Parsed (the C parser goes deep), but too deep for the indenting writer."""
    deep = "[" * 990 + "]" * 990
    client.post("/deep", data=deep, content_type="application/json")
    assert deep in html(client.get("/_mock/ui/requests"))


def test_the_requests_page_shows_a_body_by_its_media_type_and_cuts_a_long_one(client):
    client.post("/plain", data="rate=5%25&cost=1+1", content_type="text/plain")
    client.post("/big", json={"filler": "f" * 20_000})
    page = html(client.get("/_mock/ui/requests"))
    assert "rate=5%25&amp;cost=1+1" in page  # text shown as sent, not read as a form
    assert "more characters: GET /_mock/requests has them" in page
    assert "f" * 8_000 in page and "f" * 8_200 not in page


def test_each_page_listens_only_to_the_events_that_change_it(client):
    """A request refreshes the Requests page; a write also the pages of records."""
    listens = {
        path: html(client.get(f"/_mock/ui/{path}"))
        for path in ("", "records", "messages", "webhooks", "requests")
    }
    assert 'stream?kind=request"' in listens["requests"] and "sse:request[" in listens["requests"]
    assert "sse:transition" not in listens["requests"]
    assert "sse:request" not in listens["webhooks"] and "kind=request" not in listens["webhooks"]
    for path in ("", "records", "messages"):  # a record is made or edited by a write
        assert (
            "sse:request[mockserverMayRefresh() &amp;&amp; mockserverWrote(event)]"
            in (listens[path])
        )
    assert "sse:delivery[" in listens["webhooks"] and "sse:clock[" in listens[""]


def test_the_messages_filters_offer_the_providers_that_have_messages_and_no_kind(client):
    page = html(client.get("/_mock/ui/messages"))
    assert "<option>pinnacle</option>" in page and "<option>twilio</option>" in page
    assert "<option>platform</option>" not in page and 'name="kind"' not in page
    assert 'name="kind"' in html(client.get("/_mock/ui/records"))


def test_a_redeliver_of_an_unknown_delivery_comes_back_with_the_reason(client):
    answer = client.post("/_mock/ui/webhooks/WH0/redeliver")
    assert "webhook delivery WH0 not found" in html(client.get(answer.headers["Location"]))


def test_a_secret_key_is_shown_by_its_fingerprint_on_a_record_page(client):
    brand = client.post(
        "/brands", json={"name": "Keyed", "email": "a@b.co"}, headers=PINNACLE
    ).get_json()["id"]
    page = html(client.get(f"/_mock/ui/records/{brand}"))
    assert "sandbox_pinnacle_key" not in page and "…_key" in page


def test_a_record_of_another_tenant_is_not_found_in_a_tenant_view(client, verification):
    answer = client.get(f"/_mock/ui/records/{verification}?tenant=sandbox_pinnacle_key")
    assert answer.status_code == 404
    moved = client.post(
        f"/_mock/ui/records/{verification}/transition?tenant=sandbox_pinnacle_key",
        data={"action": "review"},
    )
    assert "not+found" in moved.headers["Location"]
    assert client.get(f"/_mock/records/{verification}").get_json()["status"] == "PENDING_REVIEW"


@pytest.mark.parametrize("action", ["bogus", "", "x" * 500])
def test_an_unknown_action_comes_back_with_the_reason(client, verification, action):
    answer = client.post(f"/_mock/ui/records/{verification}/transition", data={"action": action})
    assert answer.status_code == 303
    assert "no action" in html(client.get(answer.headers["Location"]))


def test_binding_a_scenario_binds_the_record_s_number(client, verification, runtime):
    client.post(f"/_mock/ui/records/{verification}/scenario", data={"scenario": "fast"})
    assert {"phone_number": TOLL_FREE_PN, "scenario": "fast"} in runtime.engine.bindings()


def test_a_page_listening_to_a_kind_the_stream_does_not_have_fails_loudly(app):
    """A misspelt kind would leave the page's stream refused and the page silently still."""
    from mockserver.dashboard.views import page

    with app.test_request_context("/_mock/ui/"), pytest.raises(ValueError, match="transitions"):
        page("overview.html", ("transitions",))
