"""Wall time of a user's suite of 50 tests built on the pytest plugin's fixtures.

Writes 50 tests into a temporary folder, cycling through eight kinds over both providers.
Twilio, each with its own ``twilio_client`` account: approve after a clock advance, a forced
rejection, a bound scenario, a request-journal check, a signed webhook caught by
``webhook_receiver``. Pinnacle, each with its own ``pinnacle_client`` key: brand upsert and
get, campaign upsert and validate, number search and buy. It runs them with
``python -m pytest`` in a subprocess: once in one process and once with ``-n 2``. The time
includes pytest's start-up and the session's server start. Target: under 10 s.

    python bench/fixture_suite.py [--tests 50] [--rounds 3]
"""

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_SECONDS = 10.0
HEADER = """
import pytest

PREFIX = "com.twilio.messaging.compliance.toll-free-verification."


def submit(client, account):
    return client.messaging.v1.tollfree_verifications.create(**account.submission()).sid


def status(client, sid):
    return client.messaging.v1.tollfree_verifications(sid).fetch().status
"""
TESTS = [
    """
def test_approved_{n}(mockserver, twilio_client, twilio_account):
    sid = submit(twilio_client, twilio_account)
    mockserver.clock.advance(minutes=16)
    assert status(twilio_client, sid) == "TWILIO_APPROVED"
""",
    """
def test_rejected_{n}(mockserver, twilio_client, twilio_account):
    sid = submit(twilio_client, twilio_account)
    mockserver.force(sid, "TWILIO_REJECTED", codes=[30473])
    assert status(twilio_client, sid) == "TWILIO_REJECTED"
""",
    """
def test_bound_{n}(mockserver, twilio_client, twilio_account):
    mockserver.bind("stuck_in_review", phone_number=twilio_account.phone_number)
    sid = submit(twilio_client, twilio_account)
    mockserver.clock.advance(days=1)
    assert status(twilio_client, sid) == "IN_REVIEW"
""",
    """
def test_journal_{n}(mockserver, twilio_client, twilio_account):
    submit(twilio_client, twilio_account)
    [sent] = mockserver.find_requests(method="POST", tenant=twilio_account.sid)
    assert sent["form"]["BusinessName"] == "Owl, Inc."
""",
    """
def test_webhook_{n}(mockserver, twilio_client, twilio_account, webhook_receiver):
    sink = twilio_client.events.v1.sinks.create(
        description="d", sink_type="webhook",
        sink_configuration={{"destination": webhook_receiver.url + "/events", "method": "POST"}},
    )
    twilio_client.events.v1.subscriptions.create(
        description="d", sink_sid=sink.sid, types=[{{"type": PREFIX + "request-approved"}}]
    )
    sid = submit(twilio_client, twilio_account)
    mockserver.force(sid, "TWILIO_APPROVED")
    webhook_receiver.wait_for(1)
    assert webhook_receiver.valid_twilio_signatures(twilio_account.auth_token)
""",
    """
def test_pinnacle_brand_{n}(mockserver, pinnacle_client):
    brand = pinnacle_client.brands.upsert(name="Owl {n}", website="https://owl.example")
    assert pinnacle_client.brands.get(brand.id).name == "Owl {n}"
""",
    """
def test_pinnacle_campaign_{n}(mockserver, pinnacle_client):
    brand = pinnacle_client.brands.upsert(name="Owl {n}")
    campaign = pinnacle_client.campaigns.toll_free.upsert(brand=brand.id, name="Alerts")
    check = pinnacle_client.campaigns.toll_free.validate(campaign_id=campaign.campaign_id)
    assert not check.is_valid and "brand" in {{error.field for error in check.errors}}
""",
    """
def test_pinnacle_number_{n}(mockserver, pinnacle_client, pinnacle_api_key):
    [offer] = pinnacle_client.phone_numbers.search(type=["TOLL_FREE"], options={{"limit": 1}})
    [bought] = pinnacle_client.phone_numbers.buy(numbers=[offer.number])
    assert bought.number == offer.number
    assert mockserver.find_requests(tenant=pinnacle_api_key)[-1]["path"] == "/phone-numbers/buy"
""",
]
KINDS = len(TESTS)


def write_suite(folder: Path, count: int) -> None:
    """``count`` tests cycling through the kinds, in one file per kind."""
    for kind, template in enumerate(TESTS):
        numbers = range(kind, count, KINDS)
        body = HEADER + "".join(template.format(n=n) for n in numbers)
        (folder / f"test_kind_{kind}.py").write_text(body)


def run(folder: Path, *extra: str) -> tuple[float, str]:
    """Seconds ``python -m pytest`` took over the suite, and its last line."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *extra],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
    )
    elapsed = time.perf_counter() - started
    last = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else result.stderr
    if result.returncode != 0:
        raise SystemExit(f"the suite failed:\n{result.stdout}\n{result.stderr}")
    return elapsed, last


def main() -> None:
    """Run the suite ``--rounds`` times each way and print the median wall times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tests", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        write_suite(folder, args.tests)
        for label, extra in (("1 process", ()), ("-n 2", ("-n", "2"))):
            times = []
            for _ in range(args.rounds):
                elapsed, last = run(folder, *extra)
                times.append(elapsed)
            median = statistics.median(times)
            verdict = "OK" if median < TARGET_SECONDS else "TOO SLOW"
            print(
                f"{args.tests} fixture tests, {label}: median {median:.2f} s "
                f"(min {min(times):.2f}, max {max(times):.2f}; target < {TARGET_SECONDS:.0f} s) "
                f"{verdict}  [{last}]"
            )


if __name__ == "__main__":
    main()
