"""Bad input gets FastAPI-style 422s (or 400/413), never HTML and never a 500."""

import pytest

from mockserver.providers.platform.models import VERIFICATION

from .conftest import SETUP, TOLL_FREE, bearer, submission, verification_url

LIMITS = [
    ("business_name", 256),
    ("use_case_summary", 4096),
    ("production_message_sample", 2048),
    ("business_street_address", 256),
    ("business_street_address2", 256),
    ("business_city", 128),
    ("business_state_province_region", 128),
    ("business_postal_code", 32),
    ("business_contact_first_name", 128),
    ("business_contact_last_name", 128),
    ("additional_information", 4096),
]
OPTIONAL = ("business_street_address2", "additional_information")
REQUIRED = [f.name for f in VERIFICATION.create_fields() if f.name not in OPTIONAL]
assert len(REQUIRED) == 17


def post_raw(api, data, content_type="application/json", url=None):
    headers = {**bearer(), "Content-Type": content_type} if content_type else bearer()
    return api.http.post(url or verification_url(api.base), data=data, headers=headers, timeout=30)


def errors_of(response) -> list[dict]:
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert isinstance(detail, list)
    return detail


def only_error(response) -> dict:
    detail = errors_of(response)
    assert len(detail) == 1, detail
    return detail[0]


@pytest.mark.parametrize("field", REQUIRED)
def test_every_required_field_is_reported_missing(api, field):
    """The vendor's page marks all but two of its 19 fields required."""
    error = only_error(api.submit(**{field: None}))
    assert error["type"] == "missing"
    assert error["loc"] == ["body", field]
    assert error["msg"] == "Field required"
    assert field not in error["input"]


def test_every_missing_field_is_listed_at_once(api):
    response = post_raw(api, "{}")
    assert [error["loc"][1] for error in errors_of(response)] == REQUIRED


@pytest.mark.parametrize(("field", "limit"), LIMITS)
def test_max_lengths_are_the_seeds(api, field, limit):
    assert api.submit(**{field: "x" * limit}).status_code == 201


@pytest.mark.parametrize(("field", "limit"), LIMITS)
def test_one_character_over_the_limit_is_string_too_long(api, field, limit):
    error = only_error(api.submit(**{field: "x" * (limit + 1)}))
    assert error == {
        "type": "string_too_long",
        "loc": ["body", field],
        "msg": f"String should have at most {limit} characters",
        "input": "x" * (limit + 1),
        "ctx": {"max_length": limit},
    }


@pytest.mark.parametrize("field", ["use_case_categories", "opt_in_image_urls"])
def test_lists_need_one_to_ten_items(api, field):
    value = "2FA" if field == "use_case_categories" else "https://owl.example/a.png"
    short = only_error(api.submit(**{field: []}))
    assert (short["type"], short["loc"]) == ("too_short", ["body", field])
    assert short["msg"] == "List should have at least 1 item after validation, not 0"
    long = only_error(api.submit(**{field: [value] * 11}))
    assert (long["type"], long["loc"]) == ("too_long", ["body", field])
    assert long["msg"] == "List should have at most 10 items after validation, not 11"
    assert api.submit(**{field: [value] * 10}).status_code == 201


def test_use_case_categories_come_from_the_seeds_list(api):
    error = only_error(api.submit(use_case_categories=["2FA", "TWO_FACTOR_AUTHENTICATION"]))
    assert error["type"] == "literal_error"
    assert error["loc"] == ["body", "use_case_categories", 1]
    assert error["msg"].startswith("Input should be '2FA', 'App Notifications',")
    assert error["msg"].endswith("'Webinar Reminders' or 'Workshop Alerts'")
    assert error["input"] == "TWO_FACTOR_AUTHENTICATION"


def test_categories_match_exactly(api):
    error = only_error(api.submit(use_case_categories=["2fa"]))
    assert error["type"] == "literal_error"


def test_every_seed_category_is_accepted(api):
    from mockserver.providers.platform.models import USE_CASE_CATEGORIES

    assert len(USE_CASE_CATEGORIES) == 43
    for start in range(0, 43, 10):
        number = api.new_number(SETUP, f"+1833555{start:04d}")["id"]
        chunk = list(USE_CASE_CATEGORIES[start : start + 10])
        response = api.submit(number=number, use_case_categories=chunk)
        assert response.json()["use_case_categories"] == chunk


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        (
            "opt_in_type",
            "IMPORT",
            "'VERBAL', 'WEB_FORM', 'PAPER_FORM', 'VIA_TEXT' or 'MOBILE_QR_CODE'",
        ),
        (
            "message_volume",
            "10,000,000+",
            "'10', '100', '1,000', '10,000', '100,000', '250,000', "
            "'500,000', '750,000', '1,000,000' or '5,000,000+'",
        ),
    ],
)
def test_enumerations_are_the_seeds(api, field, value, expected):
    error = only_error(api.submit(**{field: value}))
    assert error == {
        "type": "literal_error",
        "loc": ["body", field],
        "msg": f"Input should be {expected}",
        "input": value,
        "ctx": {"expected": expected},
    }


@pytest.mark.parametrize("volume", ["10", "5,000,000+"])
def test_the_seeds_volume_buckets_are_accepted(api, volume):
    assert api.submit(message_volume=volume).json()["message_volume"] == volume


def test_urls_are_checked_and_echoed_unchanged(api):
    error = only_error(api.submit(business_website="owl.example"))
    assert error["type"] == "url_parsing"
    assert error["loc"] == ["body", "business_website"]
    assert error["msg"] == "Input should be a valid URL, relative URL without a base"
    scheme = only_error(api.submit(opt_in_image_urls=["https://a.example/x", "ftp://a.example"]))
    assert (scheme["type"], scheme["loc"]) == ("url_scheme", ["body", "opt_in_image_urls", 1])
    assert scheme["msg"] == "URL scheme should be 'http' or 'https'"
    record = api.submit(business_website="HTTPS://Owl.example").json()
    assert record["business_website"] == "HTTPS://Owl.example"


def test_country_is_iso_3166_alpha_2(api):
    error = only_error(api.submit(business_country="USA"))
    assert error == {
        "type": "country_alpha2",
        "loc": ["body", "business_country"],
        "msg": "Invalid country alpha2 code",
        "input": "USA",
    }
    assert api.submit(business_country="CA").json()["business_country"] == "CA"


def test_email_is_checked(api):
    error = only_error(api.submit(business_contact_email="ada.owl.example"))
    assert error["type"] == "value_error"
    assert error["loc"] == ["body", "business_contact_email"]
    assert error["msg"] == (
        "value is not a valid email address: An email address must have an @-sign."
    )


@pytest.mark.parametrize("phone", ["4155551234", "+0155551234", "+1415555123456789", "+1 415"])
def test_contact_phone_must_be_e164(api, phone):
    error = only_error(api.submit(business_contact_phone=phone))
    assert error["type"] == "string_pattern_mismatch"
    assert error["loc"] == ["body", "business_contact_phone"]
    assert error["msg"] == "String should match pattern '^\\+[1-9]\\d{1,14}$'"


@pytest.mark.parametrize(
    ("field", "value", "kind", "msg"),
    [
        ("business_name", 12, "string_type", "Input should be a valid string"),
        ("business_name", 10**300, "string_type", "Input should be a valid string"),
        ("business_name", None, "missing", "Field required"),
        ("business_name", ["Owl"], "string_type", "Input should be a valid string"),
        ("use_case_categories", "2FA", "list_type", "Input should be a valid list"),
        ("opt_in_image_urls", {"a": 1}, "list_type", "Input should be a valid list"),
        ("additional_information", True, "string_type", "Input should be a valid string"),
    ],
)
def test_wrong_types_are_422(api, field, value, kind, msg):
    body = submission()
    body[field] = value
    if value is None:
        del body[field]
    response = api.http.post(verification_url(api.base), json=body, headers=bearer(), timeout=30)
    error = only_error(response)
    assert (error["type"], error["loc"], error["msg"]) == (kind, ["body", field], msg)


def test_explicit_null_optional_fields_are_accepted(api):
    body = {**submission(), "business_street_address2": None, "additional_information": None}
    response = api.http.post(verification_url(api.base), json=body, headers=bearer(), timeout=30)
    assert response.status_code == 201
    assert response.json()["additional_information"] is None


def test_unknown_fields_are_ignored(api):
    record = api.submit(notification_email="x@owl.example", setup_id="nope").json()
    assert "notification_email" not in record and "setup_id" not in record


def test_path_parameters_must_be_uuids_and_are_reported_with_the_body(api):
    url = verification_url(api.base, setup="not-a-uuid", number="1234")
    response = api.http.post(url, json={}, headers=bearer(), timeout=30)
    detail = errors_of(response)
    first = detail[0]
    assert (first["type"], first["loc"], first["input"]) == (
        "uuid_parsing",
        ["path", "setup_id"],
        "not-a-uuid",
    )
    assert first["msg"] == f"Input should be a valid UUID, {first['ctx']['error']}"
    assert "invalid character" in first["msg"]
    assert detail[1]["loc"] == ["path", "phone_number_id"]
    assert detail[1]["type"] == "uuid_parsing"
    assert {error["loc"][0] for error in detail[2:]} == {"body"}


@pytest.mark.parametrize("method", ["get", "delete"])
def test_get_and_delete_check_the_uuids_too(api, method):
    url = (
        verification_url(api.base, number="x")
        if method == "get"
        else (f"{api.base}/v1/setups/{SETUP}/phone-numbers/x")
    )
    response = getattr(api.http, method)(url, headers=bearer(), timeout=30)
    assert only_error(response)["loc"] == ["path", "phone_number_id"]


def test_malformed_json_is_json_invalid_at_its_position(api):
    error = only_error(post_raw(api, '{"business_name": }'))
    assert error == {
        "type": "json_invalid",
        "loc": ["body", 18],
        "msg": "JSON decode error",
        "input": {},
        "ctx": {"error": "Expecting value"},
    }


def test_malformed_json_is_reported_alone_before_path_errors(api):
    """FastAPI reads the body before it validates path parameters: no uuid_parsing beside it."""
    url = verification_url(api.base, setup="not-a-uuid", number="x")
    error = only_error(post_raw(api, "{", url=url))
    assert (error["type"], error["loc"]) == ("json_invalid", ["body", 1])


@pytest.mark.parametrize(
    "headers", [{}, {"Authorization": "Bearer wrong-key"}], ids=["no key", "unknown key"]
)
def test_malformed_json_comes_before_authentication(api, headers):
    """FastAPI reads the body before it resolves the HTTPBearer dependency."""
    response = api.http.post(
        verification_url(api.base),
        data='{"business_name": }',
        headers={**headers, "Content-Type": "application/json"},
        timeout=30,
    )
    assert only_error(response)["type"] == "json_invalid"
    assert "WWW-Authenticate" not in response.headers


def test_an_unparsable_body_comes_before_authentication(api):
    response = api.http.post(
        verification_url(api.base),
        data=b"\xff\xfe\xfa",
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "There was an error parsing the body"}


def test_a_missing_or_invalid_body_comes_after_authentication(api):
    """Only reading the body precedes the 401; validating its fields follows it."""
    for data in (b"", b"{}"):
        response = api.http.post(
            verification_url(api.base),
            data=data,
            headers={"Content-Type": "application/json"},
            timeout=30,
        )
        assert response.status_code == 401
        assert response.json() == {"detail": "Not authenticated"}


def test_no_body_is_a_missing_body(api):
    assert only_error(post_raw(api, b"")) == {
        "type": "missing",
        "loc": ["body"],
        "msg": "Field required",
        "input": None,
    }


@pytest.mark.parametrize("payload", ["[]", '"text"', "42", "null", "[1, 2]"])
def test_a_body_that_is_not_an_object_is_422(api, payload):
    error = only_error(post_raw(api, payload))
    assert error["loc"] == ["body"]
    assert error["type"] in ("model_attributes_type", "missing")


@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"]
)
def test_a_non_json_content_type_is_422(api, content_type):
    import json

    error = only_error(post_raw(api, json.dumps(submission()), content_type))
    assert error["type"] == "model_attributes_type"
    assert error["msg"] == "Input should be a valid dictionary or object to extract fields from"


def test_json_without_a_content_type_is_read_as_json(api):
    import json

    assert post_raw(api, json.dumps(submission()), content_type=None).status_code == 201


def test_a_vendor_json_content_type_is_json(api):
    import json

    response = post_raw(api, json.dumps(submission()), "application/vnd.owl+json; charset=utf-8")
    assert response.status_code == 201


@pytest.mark.parametrize(
    "payload",
    [b"\xff\xfe\xfa", b'{"business_name": NaN}', b"[" * 100000, b"1" * 5000],
    ids=["undecodable", "NaN", "deep nesting", "huge integer"],
)
def test_bodies_that_cannot_be_parsed_are_400(api, payload):
    response = post_raw(api, payload)
    assert response.status_code == 400
    assert response.json() == {"detail": "There was an error parsing the body"}


def test_a_body_over_the_limit_is_413(api):
    response = post_raw(api, b'{"business_name": "' + b"x" * (1 << 20) + b'"}')
    assert response.status_code == 413
    assert response.json() == {"detail": "Request Entity Too Large"}


def test_non_ascii_text_is_stored_as_sent(api):
    record = api.submit(business_name="Ôwl — 株式会社 🦉", business_city="Zürich").json()
    assert record["business_name"] == "Ôwl — 株式会社 🦉"
    assert api.fetch().json()["business_city"] == "Zürich"


def test_a_rejected_submission_stores_nothing(api):
    api.submit(business_country="ZZ")
    assert api.fetch().status_code == 404
    assert api.control("GET", "/webhooks").json()["deliveries"] == []
    assert api.submit(number=TOLL_FREE).status_code == 201
