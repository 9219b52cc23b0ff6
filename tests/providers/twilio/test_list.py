"""GET /v1/Tollfree/Verifications: filters, paging and meta."""

import itertools
from urllib.parse import parse_qsl, urlsplit

import pytest

from mockserver.providers.twilio.models import Status
from tests.conftest import ISV_SID, SUB_SID, SUB_TOKEN, basic

from .conftest import PATH, SUB_BU, SUB_PN, submission
from .test_create import error


@pytest.fixture
def numbers(client):
    """Extra toll-free numbers of the seed account, never the same twice."""
    serial = itertools.count(1000)

    def _numbers(count: int) -> list[str]:
        return [
            client.post(
                "/_mock/twilio/phone-numbers",
                json={"account_sid": ISV_SID, "phone_number": f"+1866555{next(serial):04d}"},
            ).get_json()["sid"]
            for _ in range(count)
        ]

    return _numbers


@pytest.fixture
def many(client, isv_auth, numbers, clock):
    """Create ``count`` verifications a minute apart; return their sids, oldest first."""

    def _many(count: int, **overrides) -> list[str]:
        sids = []
        for pn in numbers(count):
            response = client.post(
                PATH, data=submission(TollfreePhoneNumberSid=pn, **overrides), headers=isv_auth
            )
            sids.append(response.get_json()["sid"])
            clock.advance(60)
        return sids

    return _many


def listing(client, auth, query=""):
    response = client.get(f"{PATH}{query}", headers=auth)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_an_empty_list_is_200_with_twilio_meta(client, isv_auth):
    body = listing(client, isv_auth)
    assert body == {
        "meta": {
            "page": 0,
            "page_size": 50,
            "first_page_url": "http://localhost/v1/Tollfree/Verifications?PageSize=50&Page=0",
            "previous_page_url": None,
            "next_page_url": None,
            "key": "verifications",
            "url": "http://localhost/v1/Tollfree/Verifications?PageSize=50&Page=0",
        },
        "verifications": [],
    }


def test_list_is_newest_first(client, isv_auth, many):
    sids = many(3)
    assert [v["sid"] for v in listing(client, isv_auth)["verifications"]] == sids[::-1]


def test_pages_chain_through_next_page_url_carrying_every_filter(client, isv_auth, many):
    sids = many(5, ExternalReferenceId="batch7")
    url = f"{PATH}?ExternalReferenceId=batch7&Status=PENDING_REVIEW&PageSize=2"
    seen, pages = [], 0
    while url:
        body = listing(client, isv_auth, url.removeprefix("http://localhost").removeprefix(PATH))
        seen += [v["sid"] for v in body["verifications"]]
        url = body["meta"]["next_page_url"]
        pages += 1
        if url:
            params = dict(parse_qsl(urlsplit(url).query))
            assert urlsplit(url).netloc == "localhost"
            assert params["ExternalReferenceId"] == "batch7"
            assert params["Status"] == "PENDING_REVIEW"
            assert params["PageSize"] == "2"
            assert params["Page"] == str(pages)
            assert params["PageToken"].startswith("PT")
    assert pages == 3
    assert seen == sids[::-1]


def test_a_later_page_links_back(client, isv_auth, many):
    many(3)
    first = listing(client, isv_auth, "?PageSize=1")
    second_url = first["meta"]["next_page_url"].removeprefix("http://localhost" + PATH)
    second = listing(client, isv_auth, second_url)
    assert second["meta"]["page"] == 1
    assert second["meta"]["previous_page_url"] is not None
    back = listing(client, isv_auth, second["meta"]["previous_page_url"].split(PATH)[1])
    assert back["verifications"] == first["verifications"]


def test_status_filter(client, isv_auth, many, force):
    sids = many(3)
    force(sids[1], Status.IN_REVIEW)
    body = listing(client, isv_auth, "?Status=IN_REVIEW")
    assert [v["sid"] for v in body["verifications"]] == [sids[1]]


def test_phone_number_filter(client, isv_auth, many):
    sids = many(2)
    pn = client.get(f"{PATH}/{sids[0]}", headers=isv_auth).get_json()["tollfree_phone_number_sid"]
    body = listing(client, isv_auth, f"?TollfreePhoneNumberSid={pn}")
    assert [v["sid"] for v in body["verifications"]] == [sids[0]]


def test_external_reference_filter(client, isv_auth, many):
    many(2, ExternalReferenceId="one")
    other = many(1, ExternalReferenceId="two")
    body = listing(client, isv_auth, "?ExternalReferenceId=two")
    assert [v["sid"] for v in body["verifications"]] == other


def test_repeated_trust_product_filter_matches_any(client, isv_auth, many, force):
    sids = many(3)
    bundles = [force(sid, Status.IN_REVIEW)["trust_product_sid"] for sid in sids[:2]]
    body = listing(client, isv_auth, f"?TrustProductSid={bundles[0]}&TrustProductSid={bundles[1]}")
    assert sorted(v["sid"] for v in body["verifications"]) == sorted(sids[:2])
    assert body["meta"]["url"].count("TrustProductSid=") == 2


def test_subaccount_records_appear_only_with_include_sub_accounts(client, isv_auth, many):
    own = many(1)
    sub = client.post(
        PATH,
        data=submission(TollfreePhoneNumberSid=SUB_PN, CustomerProfileSid=SUB_BU),
        headers=basic(SUB_SID, SUB_TOKEN),
    ).get_json()["sid"]
    assert [v["sid"] for v in listing(client, isv_auth)["verifications"]] == own
    both = listing(client, isv_auth, "?IncludeSubAccounts=True")["verifications"]
    assert {v["sid"] for v in both} == {own[0], sub}
    assert (
        "IncludeSubAccounts=true"
        in listing(client, isv_auth, "?IncludeSubAccounts=true")["meta"]["url"]
    )
    assert (
        listing(client, basic(SUB_SID, SUB_TOKEN), "?IncludeSubAccounts=true")["verifications"][0][
            "sid"
        ]
        == sub
    )


def test_list_records_carry_resource_links(client, isv_auth, many, force):
    sid = many(1)[0]
    force(sid, Status.IN_REVIEW)
    record = listing(client, isv_auth)["verifications"][0]
    assert set(record["resource_links"]) == {
        "customer_profile",
        "trust_product",
        "channel_endpoint_assignment",
    }


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("?PageSize=0", "PageSize must be between 1 and 1000"),
        ("?PageSize=1001", "PageSize must be between 1 and 1000"),
        ("?PageSize=ten", "PageSize must be an integer"),
        ("?Page=-1", "Page must be between 0 and 10000000"),
        ("?PageToken=garbage", "Invalid PageToken"),
        (
            "?Status=APPROVED",
            "Status must be one of PENDING_REVIEW, IN_REVIEW, TWILIO_APPROVED, TWILIO_REJECTED",
        ),
        ("?IncludeSubAccounts=sometimes", "The includeSubAccounts parameter is invalid."),
    ],
)
def test_bad_list_parameters_are_400_20001(client, isv_auth, query, message):
    status, code, text = error(client.get(f"{PATH}{query}", headers=isv_auth))
    assert (status, code) == (400, 20001)
    assert text.startswith(message)


def test_page_size_up_to_1000_is_accepted(client, isv_auth):
    assert listing(client, isv_auth, "?PageSize=1000")["meta"]["page_size"] == 1000


def test_page_urls_repeat_the_filters_in_one_order(client, isv_auth):
    """Status, ExternalReferenceId, TollfreePhoneNumberSid, IncludeSubAccounts, then each
    TrustProductSid: the same URL whatever order the request named them in."""
    query = (
        "TrustProductSid=BUa&TrustProductSid=BUb&IncludeSubAccounts=false"
        "&TollfreePhoneNumberSid=PN1&ExternalReferenceId=ref1&Status=PENDING_REVIEW&PageSize=1"
    )
    meta = client.get(f"{PATH}?{query}", headers=isv_auth).get_json()["meta"]
    assert urlsplit(meta["url"]).query == (
        "Status=PENDING_REVIEW&ExternalReferenceId=ref1&TollfreePhoneNumberSid=PN1"
        "&IncludeSubAccounts=false&TrustProductSid=BUa&TrustProductSid=BUb&PageSize=1&Page=0"
    )
