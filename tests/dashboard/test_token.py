"""The dashboard under a control token: one prompt, then an HttpOnly, SameSite=Strict cookie
that its pages and its event stream carry instead of the bearer header."""

from tests.conftest import CONTROL_TOKEN


def test_a_page_without_the_token_sends_the_person_to_the_prompt(token_client):
    answer = token_client.get("/_mock/ui/records?q=x")
    assert answer.status_code == 303
    assert answer.headers["Location"] == "/_mock/ui/login?next=%2F_mock%2Fui%2Frecords%3Fq%3Dx"
    prompt = token_client.get(answer.headers["Location"])
    assert prompt.status_code == 200 and 'type="password"' in prompt.get_data(as_text=True)


def test_the_right_token_is_kept_in_a_strict_http_only_cookie(token_client):
    answer = token_client.post(
        "/_mock/ui/login?next=/_mock/ui/records", data={"token": CONTROL_TOKEN}
    )
    assert answer.status_code == 303 and answer.headers["Location"] == "/_mock/ui/records"
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/_mock" in cookie
    assert token_client.get("/_mock/ui/records").status_code == 200
    assert token_client.get("/_mock/records").status_code == 200  # the control API too
    stream = token_client.get("/_mock/stream?timeout=0.1")
    assert stream.status_code == 200


def test_a_wrong_token_gets_the_prompt_again_with_a_401(token_client):
    answer = token_client.post("/_mock/ui/login", data={"token": "guess"})
    assert answer.status_code == 401
    assert "not the sandbox" in answer.get_data(as_text=True)
    assert "Set-Cookie" not in answer.headers
    assert token_client.get("/_mock/ui/").status_code == 303


def test_the_prompt_never_sends_a_person_to_another_site(token_client):
    for target in ("https://evil.example/", "//evil.example/x", "/v1/Tollfree/Verifications"):
        answer = token_client.post(
            "/_mock/ui/login", query_string={"next": target}, data={"token": CONTROL_TOKEN}
        )
        assert answer.headers["Location"] == "/_mock/ui/"


def test_the_control_api_still_answers_json_401_without_the_token(token_client):
    answer = token_client.get("/_mock/records")
    assert answer.status_code == 401 and answer.get_json()["error"] == "unauthorized"
    with token_client.get("/_mock/ui/static/dashboard.css") as styles:
        assert styles.status_code == 200  # the prompt's own styles need no token


def test_the_cookie_never_authorises_a_write_of_the_json_control_api(token_client):
    """A page of another port is 'same-site': the cookie alone must not move the clock."""
    token_client.post("/_mock/ui/login", data={"token": CONTROL_TOKEN})
    forged = token_client.post(
        "/_mock/clock/advance", data='{"days": 3650}', content_type="text/plain"
    )
    assert forged.status_code == 401
    assert token_client.get("/_mock/clock").status_code == 200  # reads are fine


def test_a_dashboard_button_pressed_on_another_site_is_refused(token_client):
    token_client.post("/_mock/ui/login", data={"token": CONTROL_TOKEN})
    for headers in ({"Sec-Fetch-Site": "cross-site"}, {"Origin": "http://127.0.0.1:3000"}):
        answer = token_client.post(
            "/_mock/ui/clock/advance", data={"seconds": "60"}, headers=headers
        )
        assert answer.status_code == 403
    same = token_client.post(
        "/_mock/ui/clock/advance",
        data={"seconds": "60"},
        headers={"Sec-Fetch-Site": "same-origin", "Origin": "http://localhost"},
    )
    assert same.status_code == 303


def test_a_line_break_in_the_page_to_go_back_to_is_refused(token_client):
    answer = token_client.post(
        "/_mock/ui/login",
        query_string={"next": "/_mock/ui/records/\n"},
        data={"token": CONTROL_TOKEN},
    )
    assert answer.status_code == 303 and answer.headers["Location"] == "/_mock/ui/"
