"""Onboard a customer's toll-free number: subscribe to review outcomes, then submit it.

Against Twilio:    TWILIO_ACCOUNT_SID=AC… TWILIO_AUTH_TOKEN=… python twilio_onboarding.py \\
                       PN… BU… https://your.app/twilio/events
Against mockserver: add MOCKSERVER_URL=http://127.0.0.1:8080 (the only difference).
"""

import os
import sys

from twilio.rest import Client

PREFIX = "com.twilio.messaging.compliance.toll-free-verification."
OUTCOMES = [PREFIX + "request-approved", PREFIX + "request-rejected"]


def make_client(account_sid: str, auth_token: str, sandbox_url: str | None = None) -> Client:
    """A Twilio client; with ``sandbox_url`` every request goes to mockserver instead."""
    if sandbox_url is None:
        return Client(account_sid, auth_token)
    from mockserver.testing import twilio_http_client

    return Client(account_sid, auth_token, http_client=twilio_http_client(sandbox_url))


def subscribe_to_outcomes(client: Client, webhook_url: str) -> str:
    """Send approvals and rejections to ``webhook_url`` (an Event Streams webhook sink)."""
    sink = client.events.v1.sinks.create(
        description="Toll-free verification outcomes",
        sink_type="webhook",
        sink_configuration={"destination": webhook_url, "method": "POST", "batch_events": False},
    )
    client.events.v1.subscriptions.create(
        description="Toll-free verification outcomes",
        sink_sid=sink.sid,
        types=[{"type": event_type} for event_type in OUTCOMES],
    )
    return sink.sid


def submit_number(
    client: Client, phone_number_sid: str, customer_profile_sid: str, business_name: str
) -> str:
    """Submit the number for toll-free verification; return the verification SID (HH…)."""
    verification = client.messaging.v1.tollfree_verifications.create(
        business_name=business_name,
        business_website="https://www.owl.example",
        notification_email="compliance@owl.example",
        use_case_categories=["TWO_FACTOR_AUTHENTICATION"],
        use_case_summary="One-time passcodes for Owl customers signing in",
        production_message_sample="Your Owl sign-in code is 123456",
        opt_in_image_urls=["https://www.owl.example/opt-in.png"],
        opt_in_type="WEB_FORM",
        message_volume="1,000",
        tollfree_phone_number_sid=phone_number_sid,
        customer_profile_sid=customer_profile_sid,
    )
    return verification.sid


def onboard(
    client: Client, phone_number_sid: str, customer_profile_sid: str, webhook_url: str
) -> str:
    """Subscribe first (so no outcome is missed), then submit; return the verification SID."""
    subscribe_to_outcomes(client, webhook_url)
    return submit_number(client, phone_number_sid, customer_profile_sid, "Owl, Inc.")


def main(argv: list[str]) -> int:
    """``python twilio_onboarding.py PN… BU… WEBHOOK_URL``."""
    phone_number_sid, customer_profile_sid, webhook_url = argv
    client = make_client(
        os.environ["TWILIO_ACCOUNT_SID"],
        os.environ["TWILIO_AUTH_TOKEN"],
        os.environ.get("MOCKSERVER_URL"),
    )
    print(onboard(client, phone_number_sid, customer_profile_sid, webhook_url))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
