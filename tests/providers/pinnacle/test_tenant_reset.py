"""Pinnacle plugs into the core's tenant hooks: per-key reset and the request journal."""

from mockserver.journal import fingerprint

from .helpers import BRAND


def test_resetting_a_key_deletes_everything_it_owns_and_nothing_else(
    pinnacle, sdk_for, control, verified_campaign, toll_free_number
):
    other = sdk_for("bystander")
    kept = other.brands.upsert(**BRAND)
    pinnacle.phone_numbers.campaign.attach(
        phones=[toll_free_number],
        campaign_type="TOLL_FREE",
        campaign_id=verified_campaign.campaign_id,
    )
    key = pinnacle._client_wrapper.api_key
    answer = control.post("/_mock/reset", {"api_key": key})
    assert answer.status_code == 200, answer.text
    # The platform's tenants are API keys too; this key owns no setup there.
    assert answer.json()["cleared"] == {"pinnacle": [key], "platform": []}
    assert pinnacle.brands.list().count == 0
    assert pinnacle.campaigns.toll_free.list().count == 0
    assert pinnacle.phone_numbers.list().count == 0
    assert control.get(f"/_mock/records/{toll_free_number}").status_code == 404
    assert control.get(f"/_mock/records/{verified_campaign.campaign_id}").status_code == 404
    offered = pinnacle.phone_numbers.search(type=["TOLL_FREE"], options={"limit": 1})
    assert offered[0].number == toll_free_number  # back in the inventory
    assert other.brands.get(kept.id).name == BRAND["name"]


def test_a_seeded_key_comes_back_as_the_seed_declares_it(sdk_for, control):
    seeded = sdk_for("sandbox_pinnacle_key")
    seeded.brands.upsert(id="b_0000000001", name="Renamed")
    control.post("/_mock/reset", {"api_key": "sandbox_pinnacle_key"})
    brand = seeded.brands.get("b_0000000001")
    assert (brand.name, brand.status) == ("Sandbox Brand", "VERIFIED")


def test_the_journal_finds_the_key_whole_shows_its_fingerprint_and_redacts_the_header(
    pinnacle, control
):
    pinnacle.brands.upsert(name="Journal Inc")
    key = pinnacle._client_wrapper.api_key
    [entry] = control.get("/_mock/requests", tenant=key).json()["requests"]
    assert (entry["method"], entry["path"], entry["provider"]) == ("POST", "/brands", "pinnacle")
    assert entry["tenant"] == fingerprint(key) and key not in str(entry)
    assert entry["json"] == {"name": "Journal Inc"}
    header = next(v for k, v in entry["headers"].items() if k.lower() == "pinnacle-api-key")
    assert header == "[redacted]"
    assert key not in str(entry["headers"])
