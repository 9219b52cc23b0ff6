"""Listing verifications reads only the page: the same records in the same order, page for
page, as sorting the whole account newest first (the way lists were built before)."""

import random

import pytest

from mockserver.providers.twilio.backend import VERIFICATIONS, VerificationFilters
from tests.conftest import ISV_SID

from .conftest import SUB_BU

SUB_SID = "AC00000000000000000000000000000002"


def whole_list(runtime, account_sid: str, filters: VerificationFilters) -> list[dict]:
    """The reference: every candidate copied, filtered, then stably sorted newest first."""
    backend = runtime.backend("twilio")
    owners = backend.account_family(account_sid) if filters.include_sub_accounts else [account_sid]
    store = runtime.store
    if filters.tollfree_phone_number_sid:
        sid = filters.tollfree_phone_number_sid
        candidates = [
            r
            for r in store.find(VERIFICATIONS, "tollfree_phone_number_sid", sid)
            if r.get("account_sid") in owners
        ]
    else:
        candidates = [r for o in owners for r in store.find(VERIFICATIONS, "account_sid", o)]
    matching = [r for r in reversed(candidates) if filters.matches(r)]
    matching.sort(key=lambda r: str(r.get("date_created") or ""), reverse=True)
    return matching


@pytest.fixture
def filled(runtime, clock):
    """Verifications in an account and its subaccount, many created in the same second,
    some reviewed (a trust product), some approved or rejected."""
    backend = runtime.backend("twilio")
    chance = random.Random(12)
    numbers = []
    for index in range(60):
        owner = ISV_SID if index % 3 else SUB_SID
        number = backend.add_phone_number(owner, f"+1888777{index:04d}")
        values = {
            "business_name": "Owl",
            "business_website": "https://owl.example",
            "notification_email": "a@owl.example",
            "use_case_categories": ["MARKETING"],
            "use_case_summary": "s",
            "production_message_sample": "m",
            "opt_in_image_urls": ["https://owl.example/1.png"],
            "opt_in_type": "VERBAL",
            "message_volume": "10",
            "customer_profile_sid": SUB_BU
            if owner == SUB_SID
            else "BU00000000000000000000000000000002",
            "tollfree_phone_number_sid": number["sid"],
            "external_reference_id": chance.choice(["A", "B", None]),
        }
        record = backend.create_verification(owner, values)
        numbers.append(number["sid"])
        if chance.random() < 0.5:
            target = chance.choice(["IN_REVIEW", "TWILIO_APPROVED", "TWILIO_REJECTED"])
            runtime.engine.force(record["sid"], status=target, at=clock.now())
        if chance.random() < 0.4:
            clock.advance(1)
    return numbers


def test_every_page_matches_the_whole_sorted_list(runtime, filled):
    backend = runtime.backend("twilio")
    trust = [r["trust_product_sid"] for r in runtime.store.scan(VERIFICATIONS)][:3]
    cases = [
        VerificationFilters(),
        VerificationFilters(include_sub_accounts=True),
        VerificationFilters(status="IN_REVIEW", include_sub_accounts=True),
        VerificationFilters(external_reference_id="A"),
        VerificationFilters(tollfree_phone_number_sid=filled[1]),
        VerificationFilters(tollfree_phone_number_sid=filled[0], include_sub_accounts=True),
        VerificationFilters(trust_product_sids=tuple(s for s in trust if s)),
    ]
    everything = whole_list(runtime, ISV_SID, VerificationFilters(include_sub_accounts=True))
    assert len(everything) == 60
    assert len({r["date_created"] for r in everything}) < 30  # many share a second
    for account in (ISV_SID, SUB_SID):
        for filters in cases:
            expected = whole_list(runtime, account, filters)
            assert expected or filters.tollfree_phone_number_sid, (account, filters)
            for size in (1, 7, 50):
                for offset in range(0, len(expected) + size, size):
                    page = backend.list_verifications(
                        account, filters, offset=offset, limit=size + 1
                    )
                    assert page == expected[offset : offset + size + 1], (account, filters)
