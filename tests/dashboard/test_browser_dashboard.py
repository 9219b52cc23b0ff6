"""The dashboard in headless Chromium: what a person giving a demo does with it."""

import re
import time

import pytest
import requests

from mockserver.app import create_app
from mockserver.clock import ManualClock
from mockserver.server import serve_in_thread
from mockserver.testing import twilio_http_client
from tests.conftest import CONTROL_TOKEN, ISV_SID, ISV_TOKEN
from tests.providers.twilio.conftest import TOLL_FREE_PN

REJECTED = "com.twilio.messaging.compliance.toll-free-verification.request-rejected"
HOSTILE = "<script>alert(1)</script>"
expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture
def sdk(live_url):
    from twilio.rest import Client

    return Client(ISV_SID, ISV_TOKEN, http_client=twilio_http_client(live_url))


@pytest.fixture
def verification(sdk) -> str:
    """A verification created through the official SDK."""
    created = sdk.messaging.v1.tollfree_verifications.create(
        business_name="Owl, Inc.",
        business_website="https://owl.example",
        notification_email="ops@owl.example",
        use_case_categories=["TWO_FACTOR_AUTHENTICATION"],
        use_case_summary="One-time passcodes",
        production_message_sample="Your Owl code is 123456",
        opt_in_image_urls=["https://owl.example/opt-in.png"],
        opt_in_type="VERBAL",
        message_volume="1,000",
        tollfree_phone_number_sid=TOLL_FREE_PN,
        business_street_address="1 Main St",
        business_city="Springfield",
        business_state_province_region="IL",
        business_postal_code="62701",
        business_country="US",
        business_contact_first_name="Ada",
        business_contact_last_name="Owl",
        business_contact_email="ada@owl.example",
        business_contact_phone="+14155550123",
    )
    return created.sid


def open_live(page, url: str, runtime) -> None:
    """Open a dashboard page, mark it (a reload would drop ``window.notReloaded``) and wait
    until its event stream is open."""
    page.goto(url)
    page.evaluate("window.notReloaded = true")
    deadline = time.monotonic() + 5
    while not runtime.live.watching and time.monotonic() < deadline:
        time.sleep(0.02)


def test_a_record_made_through_the_sdk_is_found_and_approved_by_buttons(
    page, live_url, verification
):
    page.goto(f"{live_url}/_mock/ui/records")
    page.get_by_role("link", name=verification).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(verification)
    page.get_by_role("button", name="Start review").click()
    page.get_by_role("button", name="Approve").click()
    expect(page.locator("main p").first).to_contain_text("TWILIO_APPROVED")
    expect(page.get_by_role("button", name="Approve")).to_have_count(0)


def test_a_change_made_elsewhere_shows_within_two_seconds_without_a_reload(
    page, live_url, sandbox, runtime, verification
):
    open_live(page, f"{live_url}/_mock/ui/records/{verification}", runtime)
    sandbox.force(verification, action="review")
    expect(page.get_by_role("button", name="Approve")).to_be_visible(timeout=2000)
    assert page.evaluate("window.notReloaded") is True


def test_a_record_made_through_the_api_shows_on_the_open_records_page_but_a_read_refreshes_none(
    page, live_url, runtime, sdk, request
):
    """A create publishes no status change: the page refreshes on the write's request event,
    and not on a read's (a GET, or Pinnacle's POST list)."""
    open_live(page, f"{live_url}/_mock/ui/records", runtime)
    page.evaluate("document.getElementById('live').dataset.before = 'yes'")
    sdk.messaging.v1.tollfree_verifications.list(limit=1)  # a read: no refresh
    requests.post(  # nor Pinnacle's reads, which are POSTs
        f"{live_url}/brands/list",
        json={"pageIndex": 0, "pageSize": 5},
        headers={"PINNACLE-API-KEY": "sandbox_pinnacle_key"},
        timeout=5,
    )
    page.wait_for_timeout(700)
    assert page.evaluate("document.getElementById('live').dataset.before") == "yes"
    created = request.getfixturevalue("verification")  # made now, with the page open
    expect(page.get_by_role("link", name=created)).to_be_visible(timeout=2000)
    assert page.evaluate("window.notReloaded") is True


def test_a_request_shows_live_on_the_requests_page_with_the_answer_it_got(
    page, live_url, runtime, sdk, verification
):
    open_live(page, f"{live_url}/_mock/ui/requests", runtime)
    sdk.messaging.v1.tollfree_verifications(verification).fetch()
    fetched = page.locator("summary", has_text=f"GET /v1/Tollfree/Verifications/{verification}")
    expect(fetched).to_be_visible(timeout=2000)
    assert page.evaluate("window.notReloaded") is True
    fetched.click()
    answer = page.locator("details[open] pre").nth(1)
    expect(answer).to_contain_text("200 · application/json")
    expect(answer).to_contain_text(f'"sid": "{verification}"')


def test_the_api_reference_opens_an_operation_and_follows_it_to_its_schema(page, live_url):
    page.goto(f"{live_url}/_mock/docs")
    advance = page.locator("summary", has_text="POST /_mock/clock/advance")
    advance.click()
    opened = page.locator("details[open]", has=advance)
    expect(opened).to_contain_text("AdvanceAnswer")
    opened.get_by_role("link", name="Advance", exact=True).click()
    expect(page.locator("#schema-Advance")).to_be_in_viewport()
    expect(page.locator("#schema-Advance")).to_contain_text("minutes")


def test_a_rejection_with_a_chosen_code_shows_its_webhook_in_the_timeline(
    page, live_url, sdk, receiver, sandbox, verification
):
    sink = sdk.events.v1.sinks.create(
        description="demo",
        sink_type="webhook",
        sink_configuration={"destination": receiver.url + "/events", "method": "POST"},
    )
    sdk.events.v1.subscriptions.create(
        description="demo", sink_sid=sink.sid, types=[{"type": REJECTED}]
    )
    sandbox.force(verification, action="review")
    page.goto(f"{live_url}/_mock/ui/records/{verification}")
    page.get_by_label("Rejection code").select_option("30446")
    page.get_by_role("button", name="Reject").click()
    timeline = page.locator("ol.timeline")
    expect(timeline).to_contain_text(f"webhook {REJECTED}")
    expect(timeline).to_contain_text("200")
    assert receiver.wait_for(1)[0]["path"].startswith("/events?bodySHA256=")


def test_the_overview_advances_the_clock(page, live_url):
    page.goto(f"{live_url}/_mock/ui/")
    expect(page.get_by_test_id("now")).to_have_text("2025-01-01T00:00:00Z")
    page.get_by_role("button", name="Advance 1 d").click()
    expect(page.get_by_test_id("now")).to_have_text("2025-01-02T00:00:00Z")


def test_stored_script_is_shown_as_text_and_never_runs(page, live_url, client, isv_auth):
    from tests.providers.twilio.conftest import PATH, submission

    form = submission(TollfreePhoneNumberSid=TOLL_FREE_PN, BusinessName=HOSTILE)
    sid = client.post(PATH, data=form, headers=isv_auth).get_json()["sid"]
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{live_url}/_mock/ui/records/{sid}")
    expect(page.get_by_text(HOSTILE).first).to_be_visible()
    page.goto(f"{live_url}/_mock/ui/records")
    expect(page.get_by_text(HOSTILE).first).to_be_visible()
    assert dialogs == []


def test_the_tenant_view_hides_every_other_tenant(page, live_url, client, verification):
    client.post(
        "/brands",
        json={"name": "Another Customer", "email": "a@b.co"},
        headers={"PINNACLE-API-KEY": "sandbox_pinnacle_key"},
    )
    page.goto(f"{live_url}/_mock/ui/records?tenant={ISV_SID}")
    expect(page.get_by_role("link", name=verification)).to_be_visible()
    expect(page.get_by_text("Another Customer")).to_have_count(0)
    page.get_by_role("link", name="Messages").click()
    assert f"tenant={ISV_SID}" in page.url


def test_with_a_token_the_dashboard_asks_for_it_once(page, token_settings):
    app = create_app(token_settings, clock=ManualClock())
    try:
        with serve_in_thread(app) as url:
            page.goto(f"{url}/_mock/ui/records")
            page.get_by_label(re.compile("Control token")).fill(CONTROL_TOKEN)
            page.keyboard.press("Enter")
            expect(page.get_by_role("heading", level=1)).to_have_text("Records")
            page.goto(f"{url}/_mock/ui/")
            expect(page.get_by_role("heading", level=1)).to_have_text("Overview")
    finally:
        app.extensions["mockserver"].close()


def test_the_readme_screenshots_script_takes_every_picture(tmp_path):
    """docs/screenshots.py photographs the demo story in both schemes."""
    import subprocess
    import sys
    from pathlib import Path

    from tests.dashboard.conftest import skip_reason

    if skip_reason():
        pytest.skip(skip_reason())
    script = Path(__file__).resolve().parents[2] / "docs" / "screenshots.py"
    subprocess.run([sys.executable, str(script), "--out", str(tmp_path)], check=True, timeout=120)
    assert sorted(p.name for p in tmp_path.glob("*.png")) == sorted(
        f"{page}-{scheme}.png"
        for page in ("overview", "record", "webhooks")
        for scheme in ("light", "dark")
    )
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in tmp_path.glob("*.png"))


def test_a_live_refresh_keeps_what_a_person_is_typing(page, live_url, sandbox, runtime):
    page.goto(f"{live_url}/_mock/ui/")
    deadline = time.monotonic() + 5
    while not runtime.live.watching and time.monotonic() < deadline:
        time.sleep(0.02)  # until the page's event stream is open
    field = page.get_by_label("Seconds")
    field.fill("1234")
    sandbox.clock.advance(seconds=1)  # an event that would refresh the page
    page.wait_for_timeout(700)
    expect(field).to_have_value("1234")
    expect(field).to_be_focused()


def test_a_record_can_be_approved_with_the_keyboard_alone(page, live_url, sandbox, verification):
    """Tab reaches the buttons in order and Enter presses one."""
    sandbox.force(verification, action="review")
    page.goto(f"{live_url}/_mock/ui/records/{verification}")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Approve":
            break
    page.keyboard.press("Enter")
    expect(page.locator("main p").first).to_contain_text("TWILIO_APPROVED")
