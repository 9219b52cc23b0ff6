"""Brands through the rcs SDK: upsert, validate, submit and review, vetting, list, autofill."""

import pytest
from rcs.errors import BadRequestError

from .helpers import BRAND

REJECT_30451 = "Address is invalid"


def submitted_brand(pinnacle, **overrides):
    """A complete brand, submitted (PENDING)."""
    brand = pinnacle.brands.upsert(**{**BRAND, **overrides})
    pinnacle.brands.submit(brand.id)
    return brand


def test_upsert_without_id_creates_an_incomplete_brand_with_every_field(pinnacle):
    brand = pinnacle.brands.upsert(**BRAND)
    assert brand.id.startswith("b_") and len(brand.id) == 12
    assert (brand.status, brand.is_archived) == ("INCOMPLETE", False)
    assert (brand.name, brand.entity_type, brand.contact.title) == (
        "Acme Rockets",
        "LLC",
        "Head of Support",
    )
    assert brand.created_at == brand.updated_at


def test_upsert_with_id_keeps_omitted_fields_and_an_explicit_null_clears(pinnacle, control):
    brand = pinnacle.brands.upsert(**BRAND)
    control.advance(seconds=5)
    updated = pinnacle.brands.upsert(id=brand.id, website="https://acme.example/new", dba=None)
    assert updated.id == brand.id
    assert updated.website == "https://acme.example/new"
    assert updated.dba is None
    assert (updated.name, updated.ein, updated.email) == (
        BRAND["name"],
        "12-3456789",
        BRAND["email"],
    )
    assert updated.updated_at > brand.updated_at and updated.created_at == brand.created_at
    assert pinnacle.brands.get(brand.id).dba is None


def test_validate_a_complete_brand_is_valid(pinnacle):
    result = pinnacle.brands.validate(**BRAND)
    assert (result.is_valid, result.errors) == (True, [])


def test_validate_names_every_missing_or_malformed_field(pinnacle):
    result = pinnacle.brands.validate(name="Acme", ein="123456789", email="not-an-email")
    fields = {error.field for error in result.errors}
    assert result.is_valid is False
    assert {"address", "website", "sector", "type", "entityType", "ein", "email"} <= fields
    assert {"contact.name", "contact.email", "contact.phone", "contact.title"} <= fields
    assert "name" not in fields and "dba" not in fields and "description" not in fields
    ein = next(error for error in result.errors if error.field == "ein")
    assert "XX-XXXXXXX" in ein.description and ein.example == "12-3456789"


def test_submitting_an_incomplete_brand_is_a_bad_request_naming_the_fields(pinnacle):
    brand = pinnacle.brands.upsert(name="Acme", website="acme")
    with pytest.raises(BadRequestError) as raised:
        pinnacle.brands.submit(brand.id)
    properties = raised.value.body["errors"]["properties"]
    assert {"address", "ein", "website", "contact.email"} <= set(properties)
    assert "website" in raised.value.body["error"]
    assert pinnacle.status.get.brand(brand.id).status == "INCOMPLETE"


def test_submitting_twice_is_a_bad_request(pinnacle):
    brand = submitted_brand(pinnacle)
    with pytest.raises(BadRequestError) as raised:
        pinnacle.brands.submit(brand.id)
    assert "under review" in raised.value.body["error"]


def test_a_submitted_brand_is_pending_then_verified_by_the_review(pinnacle, control):
    brand = submitted_brand(pinnacle)
    assert pinnacle.status.get.brand(brand.id).status == "PENDING"
    control.advance(seconds=30)
    assert pinnacle.status.get.brand(brand.id).status == "PENDING"
    control.advance(minutes=15)
    status = pinnacle.status.get.brand(brand.id)
    assert (status.id, status.status, status.errors) == (brand.id, "VERIFIED", [])


def test_a_pending_brand_cannot_be_updated(pinnacle):
    brand = submitted_brand(pinnacle)
    with pytest.raises(BadRequestError):
        pinnacle.brands.upsert(id=brand.id, name="Changed")
    assert pinnacle.brands.get(brand.id).name == BRAND["name"]


def test_a_brand_rejected_by_a_scenario_marker_is_failed_with_readable_errors(pinnacle, control):
    brand = submitted_brand(pinnacle, name="Acme [reject:30451]")
    control.advance(minutes=11)
    status = pinnacle.status.get.brand(brand.id)
    assert (status.status, status.errors) == ("FAILED", [REJECT_30451])
    full = pinnacle.brands.get(brand.id)
    assert full.status == "FAILED"
    assert [(f.id, f.display_name, f.description) for f in full.tcr_feedback] == [
        ("30451", REJECT_30451, REJECT_30451)
    ]


def test_a_brand_bound_to_rejected_final_is_failed(pinnacle, control):
    brand = pinnacle.brands.upsert(**BRAND)
    bound = control.post(
        "/_mock/scenarios/bind", {"record_id": brand.id, "scenario": "rejected_final"}
    )
    assert bound.status_code == 200, bound.text
    pinnacle.brands.submit(brand.id)
    control.advance(minutes=11)
    status = pinnacle.status.get.brand(brand.id)
    assert status.status == "FAILED"
    assert status.errors == ["Business associated with a known Spam campaign"]


def test_a_brand_forced_to_failed_with_codes_reports_their_reasons(pinnacle, control):
    brand = submitted_brand(pinnacle)
    forced = control.force(brand.id, "FAILED", codes=[30451, 30452])
    assert forced.status_code == 200, forced.text
    assert forced.json()["provider"] == "pinnacle"
    status = pinnacle.status.get.brand(brand.id)
    assert (status.status, status.errors) == ("FAILED", [REJECT_30451, "Email is invalid"])
    assert [f.id for f in pinnacle.brands.get(brand.id).tcr_feedback] == ["30451", "30452"]


def test_a_failed_brand_can_be_fixed_and_resubmitted(pinnacle, control):
    brand = submitted_brand(pinnacle)
    control.force(brand.id, "FAILED", codes=[30451])
    pinnacle.brands.upsert(id=brand.id, address="1 Market Street, San Francisco, CA 94105")
    assert pinnacle.brands.submit(brand.id).success
    status = pinnacle.status.get.brand(brand.id)
    assert (status.status, status.errors) == ("PENDING", [])
    assert pinnacle.brands.get(brand.id).tcr_feedback == []
    control.advance(minutes=20)
    assert pinnacle.status.get.brand(brand.id).status == "VERIFIED"


def test_editing_a_verified_brand_makes_it_unverified_and_resubmission_verifies_it_again(
    pinnacle, control, verified_brand
):
    changed = pinnacle.brands.upsert(id=verified_brand.id, description="Now with jetpacks.")
    assert changed.status == "UNVERIFIED"
    assert pinnacle.brands.submit(verified_brand.id).success
    assert pinnacle.status.get.brand(verified_brand.id).status == "PENDING"
    control.advance(minutes=20)
    assert pinnacle.status.get.brand(verified_brand.id).status == "VERIFIED"


def test_an_upsert_that_changes_nothing_keeps_a_verified_brand_verified(pinnacle, verified_brand):
    same = pinnacle.brands.upsert(id=verified_brand.id, name=BRAND["name"])
    assert same.status == "VERIFIED"


def test_submitting_a_verified_brand_is_a_bad_request(pinnacle, verified_brand):
    with pytest.raises(BadRequestError) as raised:
        pinnacle.brands.submit(verified_brand.id)
    assert "VERIFIED" in raised.value.body["error"]


def test_vetting_a_verified_brand_makes_it_vetted_with_history(pinnacle, verified_brand):
    assert pinnacle.brands.vet(verified_brand.id).success
    vetted = pinnacle.brands.get(verified_brand.id)
    assert vetted.status == "VETTED"
    assert len(vetted.vetting_history) == 1
    entry = vetted.vetting_history[0]
    assert (entry.provider, entry.vetting_class, entry.vetting_status) == (
        "AEGIS",
        "STANDARD",
        "ACTIVE",
    )
    assert entry.vetting_date == vetted.last_tcr_vetting_date != ""


def test_vetting_an_unverified_brand_is_a_bad_request(pinnacle):
    brand = pinnacle.brands.upsert(**BRAND)
    with pytest.raises(BadRequestError):
        pinnacle.brands.vet(brand.id)


def test_get_always_sends_the_vetting_fields_the_sdk_requires(pinnacle):
    brand = pinnacle.brands.get(pinnacle.brands.upsert(name="Fresh").id)
    assert (brand.last_tcr_vetting_date, brand.tcr_feedback, brand.vetting_history) == ("", [], [])


def test_get_with_hide_ein_masks_all_but_the_last_four_digits(pinnacle):
    brand = pinnacle.brands.upsert(**BRAND)
    assert pinnacle.brands.get(brand.id).ein == "12-3456789"
    masked = pinnacle.brands.get(brand.id, hide_ein=True).ein
    assert masked.endswith("6789") and "12-345" not in masked


def test_get_with_hide_ein_false_shows_the_ein_whole(pinnacle):
    brand = pinnacle.brands.upsert(**BRAND)
    assert pinnacle.brands.get(brand.id, hide_ein=False).ein == "12-3456789"


def test_hide_ein_takes_true_or_false_in_any_case_and_empty_as_false(pinnacle, http):
    """The query goes through the schema the OpenAPI document shows (``BrandQuerySchema``)."""
    brand = pinnacle.brands.upsert(**BRAND)
    for value, shown in [("false", True), ("FALSE", True), ("", True), ("True", False)]:
        answer = http.get(f"/brands/{brand.id}", params={"hideEIN": value})
        assert answer.status_code == 200, value
        assert (answer.json()["ein"] == "12-3456789") is shown, value
    assert http.get(f"/brands/{brand.id}?hideEIN").json()["ein"] == "12-3456789"


@pytest.mark.parametrize("value", ["maybe", "1", "0", "yes", "on", "t", " true"])
def test_any_other_hide_ein_is_a_400_naming_it_as_a_query_field(pinnacle, http, value):
    brand = pinnacle.brands.upsert(**BRAND)
    answer = http.get(f"/brands/{brand.id}", params={"hideEIN": value})
    assert answer.status_code == 400, value
    body = answer.json()
    assert set(body["errors"]["properties"]) == {"hideEIN"}
    assert body["error"].startswith("Invalid query.")
    assert body["description"] == "Invalid query"


def test_a_body_error_is_still_described_as_the_request_body(pinnacle, http):
    answer = http.post("/brands", json={"name": 5})
    assert answer.status_code == 400
    assert answer.json()["description"] == "Invalid request body"


def test_list_is_newest_first_with_paging(pinnacle, control):
    ids = []
    for index in range(5):
        ids.append(pinnacle.brands.upsert(name=f"Brand {index}").id)
        control.advance(seconds=1)
    first = pinnacle.brands.list(page_size=2)
    assert ([b.id for b in first.data], first.has_more, first.count) == (ids[:-3:-1], True, 5)
    last = pinnacle.brands.list(page_index=2, page_size=2)
    assert ([b.id for b in last.data], last.has_more, last.count) == ([ids[0]], False, 5)


def test_list_filters_by_status_and_partial_case_insensitive_name(pinnacle, verified_brand):
    draft = pinnacle.brands.upsert(name="Zeta Widgets")
    assert [b.id for b in pinnacle.brands.list(status="VERIFIED").data] == [verified_brand.id]
    assert [b.id for b in pinnacle.brands.list(status="INCOMPLETE").data] == [draft.id]
    assert [b.id for b in pinnacle.brands.list(name="WIDGET").data] == [draft.id]
    assert pinnacle.brands.list(is_archived=True).count == 0


@pytest.mark.parametrize("size", [0, 101])
def test_list_page_size_out_of_range_is_a_bad_request(pinnacle, size):
    with pytest.raises(BadRequestError) as raised:
        pinnacle.brands.list(page_size=size)
    assert "pageSize" in raised.value.body["errors"]["properties"]


def test_a_whole_page_size_written_with_a_fraction_is_read_as_javascript_reads_it(pinnacle, http):
    """``2.0`` is the number 2 to Zod's ``.int()`` (JavaScript has one number type); ``2.5``
    and ``true`` are not whole numbers."""
    for index in range(3):
        pinnacle.brands.upsert(name=f"Brand {index}")
    page = http.post("/brands/list", json={"pageSize": 2.0, "pageIndex": 0.0})
    assert page.status_code == 200 and len(page.json()["data"]) == 2
    for size in (2.5, True, "2"):
        refused = http.post("/brands/list", json={"pageSize": size})
        assert refused.status_code == 400, size
        assert set(refused.json()["errors"]["properties"]) == {"pageSize"}


def test_autofill_needs_a_name_or_a_website(pinnacle):
    with pytest.raises(BadRequestError) as raised:
        pinnacle.brands.autofill(additional_info="we sell rockets")
    assert raised.value.body["error"] == "Either 'name' or 'website' must be provided."


def test_autofill_from_a_website_suggests_details_without_storing_a_brand(pinnacle):
    found = pinnacle.brands.autofill(website="https://www.road-runner.example")
    assert found.name == "Road Runner"
    assert found.email == "founders@road-runner.example"
    check = pinnacle.brands.validate(**found.model_dump(exclude_none=True))
    assert [error.field for error in check.errors] == ["ein"]  # an EIN cannot be guessed
    assert pinnacle.brands.list().count == 0
