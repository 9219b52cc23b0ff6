"""API keys are tenants: nothing of one key is visible to another; --strict-auth admits only
declared keys."""

import pytest
import requests
from rcs import Pinnacle
from rcs.errors import BadRequestError, NotFoundError, UnauthorizedError
from rcs.types import Error

from mockserver.app import create_app
from mockserver.server import serve_in_thread
from mockserver.settings import Settings

from .helpers import BRAND, campaign_fields, key_of

SEEDED_KEY = "seeded_pinnacle_key"
SEEDED_BRAND = "b_0000000042"
SEEDED_NUMBER = "+18885550142"


def test_another_key_gets_not_found_for_the_first_keys_records(
    other, verified_campaign, active_number
):
    brand_id = verified_campaign.brand.id
    for call in (
        lambda: other.brands.get(brand_id),
        lambda: other.status.get.brand(brand_id),
        lambda: other.brands.submit(brand_id),
        lambda: other.campaigns.toll_free.get(verified_campaign.campaign_id),
        lambda: other.campaigns.toll_free.submit(verified_campaign.campaign_id),
        lambda: other.status.get.toll_free(verified_campaign.campaign_id),
        lambda: other.status.get.phone_number(active_number),
    ):
        with pytest.raises(NotFoundError):
            call()


def test_lists_show_only_the_callers_own_records(pinnacle, other, verified_campaign, active_number):
    mine = other.brands.upsert(name="Other Co")
    assert [brand.id for brand in other.brands.list().data] == [mine.id]
    assert other.campaigns.toll_free.list().count == 0
    assert other.phone_numbers.list().data == []
    assert [brand.id for brand in pinnacle.brands.list().data] == [verified_campaign.brand.id]
    assert [number.number for number in pinnacle.phone_numbers.list().data] == [active_number]


def test_another_key_cannot_attach_the_first_keys_numbers(other, control, toll_free_number):
    brand = other.brands.upsert(**BRAND)
    other.brands.submit(brand.id)
    control.advance(minutes=20)
    campaign = other.campaigns.toll_free.upsert(**campaign_fields(brand.id))
    other.campaigns.toll_free.submit(campaign.campaign_id)
    control.advance(minutes=20)
    result = other.phone_numbers.campaign.attach(
        phones=[toll_free_number], campaign_type="TOLL_FREE", campaign_id=campaign.campaign_id
    )
    assert result.phone_numbers == []
    assert [(f.number, "owns this number" in f.error) for f in result.failed] == [
        (toll_free_number, True)
    ]


def test_another_key_cannot_detach_the_first_keys_numbers(pinnacle, other, active_number):
    result = other.phone_numbers.campaign.detach(phones=[active_number])
    assert [f.number for f in result.failed] == [active_number]
    assert pinnacle.status.get.phone_number(active_number).status == "ACTIVE"


def test_another_key_cannot_send_from_the_first_keys_number(other, active_number):
    with pytest.raises(NotFoundError):
        other.messages.sms.send(from_=active_number, to="+14155550123", text="spoof")


def test_another_key_cannot_use_the_first_keys_brand_for_a_campaign(other, verified_brand):
    with pytest.raises(BadRequestError) as raised:
        other.campaigns.toll_free.upsert(brand=verified_brand.id, name="borrowed")
    assert "brand" in raised.value.body["errors"]["properties"]


def test_a_number_bought_by_one_key_disappears_from_every_keys_search(pinnacle, other):
    first = pinnacle.phone_numbers.search(type=["TOLL_FREE"], options={"limit": 3})
    pinnacle.phone_numbers.buy(numbers=[first[0].number])
    for client in (pinnacle, other):
        again = client.phone_numbers.search(type=["TOLL_FREE"], options={"limit": 3})
        assert first[0].number not in [found.number for found in again]
        assert again[0].number == first[1].number


def test_a_number_bought_by_one_key_cannot_be_bought_by_another(pinnacle, other):
    number = pinnacle.phone_numbers.search(type=["TOLL_FREE"], options={"limit": 1})[0].number
    pinnacle.phone_numbers.buy(numbers=[number])
    with pytest.raises(BadRequestError):
        other.phone_numbers.buy(numbers=[number])
    assert other.phone_numbers.list().count == 0


# -- --strict-auth ---------------------------------------------------------------------------


@pytest.fixture
def strict_url(tmp_path, clock):
    """A live sandbox with --strict-auth and a seed file declaring one Pinnacle key."""
    seed = tmp_path / "seed.yaml"
    seed.write_text(
        "pinnacle:\n"
        "  api_keys:\n"
        f"    - key: {SEEDED_KEY}\n"
        "      brands:\n"
        f"        - {{id: {SEEDED_BRAND}, name: Seeded Co, status: VERIFIED}}\n"
        f'      phone_numbers: ["{SEEDED_NUMBER}"]\n'
    )
    app = create_app(Settings(store=":memory:", strict_auth=True, seed_file=str(seed)), clock=clock)
    try:
        with serve_in_thread(app) as url:
            yield url
    finally:
        app.extensions["mockserver"].close()


def test_strict_auth_refuses_an_undeclared_key(strict_url):
    with pytest.raises(UnauthorizedError) as raised:
        Pinnacle(api_key="never-declared", base_url=strict_url).brands.list()
    assert raised.value.body == Error(error="Invalid API key.")


def test_strict_auth_accepts_the_seeded_key_with_its_brand_and_number(strict_url):
    client = Pinnacle(api_key=SEEDED_KEY, base_url=strict_url)
    assert client.brands.get(SEEDED_BRAND).status == "VERIFIED"
    assert [n.number for n in client.phone_numbers.list().data] == [SEEDED_NUMBER]


def test_strict_auth_accepts_a_key_declared_through_the_control_api(strict_url):
    client = Pinnacle(api_key="declared-later", base_url=strict_url)
    with pytest.raises(UnauthorizedError):
        client.brands.list()
    response = requests.post(
        f"{strict_url}/_mock/pinnacle/api-keys", json={"api_key": "declared-later"}, timeout=10
    )
    assert response.status_code == 201
    assert client.brands.list().count == 0
    keys = requests.get(f"{strict_url}/_mock/pinnacle/api-keys", timeout=10).json()["api_keys"]
    assert {key["api_key"]: key["source"] for key in keys} == {
        SEEDED_KEY: "seed",
        "declared-later": "control API",
    }


def test_open_auth_creates_a_tenant_on_a_keys_first_use(pinnacle, control):
    def sources() -> dict:
        keys = control.get("/_mock/pinnacle/api-keys").json()["api_keys"]
        return {key["api_key"]: key["source"] for key in keys}

    assert key_of(pinnacle) not in sources()
    assert pinnacle.brands.list().count == 0
    assert sources()[key_of(pinnacle)] == "first use"


def test_validate_and_autofill_of_another_keys_campaign_are_bad_requests(other, verified_campaign):
    """Validate and autofill declare no 404, so a foreign campaign is a 400 as unknown ones."""
    for call in (
        lambda: other.campaigns.toll_free.validate(campaign_id=verified_campaign.campaign_id),
        lambda: other.campaigns.toll_free.autofill(campaign_id=verified_campaign.campaign_id),
    ):
        with pytest.raises(BadRequestError) as raised:
            call()
        assert verified_campaign.campaign_id in raised.value.body["error"]
