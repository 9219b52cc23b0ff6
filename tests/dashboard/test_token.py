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
