"""The journal keeps a request's raw pieces and shows them as it always did.

The request path keeps the query string's bytes, the environ's header items, the body bytes
and the tenant as sent; redaction, cutting, parsing and formatting wait for a read. Each case
here journals the same request both ways, through ``JournaledRequest`` and through the whole
entry the journal recorded before (``eagerly``: that code, kept here as the reference), and
expects the same entries, filters and forgetting.
"""

import base64
import io
import json
from datetime import UTC, datetime

import pytest
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Request

import mockserver.admin.request_log as request_log
from mockserver.admin.request_log import JournaledRequest
from mockserver.clock import format_iso_ms
from mockserver.journal import (
    ENTRY_BYTES,
    MAX_BODY_BYTES,
    MAX_METHOD_CHARS,
    MAX_MIMETYPE_CHARS,
    MAX_URL_CHARS,
    RequestJournal,
    cap_headers,
    clip,
)
from mockserver.redaction import redact, redact_query_string
from tests.conftest import ISV_SID, ISV_TOKEN, basic
from tests.journal_entries import record
from tests.sizes import HOSTILE_ANSWER, HOSTILE_REQUEST, deep_size

AT = datetime(2025, 1, 1, 12, 30, 45, 678_901, tzinfo=UTC)
PINNACLE_KEY = "pk_live_0123456789abcdef"
LONG_KEY = "pk_" + "k" * 200 + "WXYZ"  # past MAX_TENANT_CHARS: kept as fingerprint + digest


RESPONSE = (b'{"sid": "HH1", "status": "PENDING_REVIEW"}', "application/json")


def eagerly(
    request: Request, *, provider, tenant, secret_headers=(), status=200, response=RESPONSE
) -> dict:
    """The entry ``journal_request`` recorded before it kept raw pieces (and the response
    it gave, as it keeps that now)."""
    response_body, response_type = response
    raw = request.get_data(cache=True)
    query_string = redact_query_string(request.query_string.decode("utf-8", "replace"))
    headers, headers_truncated = cap_headers(redact(request.headers.items(), secret_headers))
    return {
        "at": format_iso_ms(AT),
        "method": clip(request.method, MAX_METHOD_CHARS),
        "path": clip(request.path, MAX_URL_CHARS),
        "query_string": clip(query_string, MAX_URL_CHARS),
        "query_truncated": len(query_string) > MAX_URL_CHARS,
        "headers": headers,
        "headers_truncated": headers_truncated,
        "body": raw[:MAX_BODY_BYTES],
        "body_truncated": len(raw) > MAX_BODY_BYTES,
        "mimetype": clip(request.mimetype, MAX_MIMETYPE_CHARS),
        "status": status,
        "provider": provider,
        "tenant": tenant,
        "response": {
            "body": response_body[:MAX_BODY_BYTES],
            "body_truncated": len(response_body) > MAX_BODY_BYTES,
            "mimetype": response_type.partition(";")[0].strip().lower()[:MAX_MIMETYPE_CHARS],
        },
    }


def lazily(
    request: Request,
    *,
    provider,
    tenant,
    secret_headers=(),
    status=200,
    secret=False,
    response=RESPONSE,
):
    """The request as ``journal_request`` keeps it now."""
    return JournaledRequest(
        at=AT,
        method=request.method,
        path=request.path,
        query_string=request.query_string,
        environ=request.environ,
        body=request.get_data(cache=True),
        status=status,
        provider=provider,
        secret_headers=secret_headers,
        tenant=tenant,
        secret_tenant=secret,
        response_body=response[0],
        response_type=response[1],
    )


def both_ways(requests: list[dict]) -> tuple[RequestJournal, RequestJournal]:
    """Journals of the same requests: raw pieces first, whole entries second."""
    raw, whole = RequestJournal(), RequestJournal()
    for spec in requests:
        spec = dict(spec)
        journaled = {key: spec.pop(key) for key in ("provider", "tenant", "secret_headers")}
        journaled["status"] = spec.pop("status", 200)
        journaled["response"] = spec.pop("response", RESPONSE)
        secret = spec.pop("secret", False)
        request = Request(EnvironBuilder(**spec).get_environ())
        raw.add(lazily(request, **journaled, secret=secret))
        record(whole, eagerly(request, **journaled), secret_tenant=secret)
    return raw, whole


def twilio(**spec) -> dict:
    spec.setdefault("headers", {})
    spec["headers"] = {**basic(ISV_SID, ISV_TOKEN), **spec["headers"]}
    journaled = {"provider": "twilio", "tenant": ISV_SID, "secret_headers": ("X-Twilio-Signature",)}
    return journaled | {"path": "/v1/Tollfree/Verifications"} | spec


def pinnacle(key: str = PINNACLE_KEY, **spec) -> dict:
    spec["headers"] = {"PINNACLE-API-KEY": key, **spec.get("headers", {})}
    journaled = {"provider": "pinnacle", "tenant": key, "secret_headers": ("PINNACLE-API-KEY",)}
    return journaled | {"secret": True, "path": "/brands", "method": "POST"} | spec


CASES = {
    "redacted headers": twilio(
        headers={
            "Cookie": "a=1",  # shorter than "[redacted]"
            "Proxy-Authorization": "Basic eA==",
            "X-Access-Token": "at_3",
            "X_Client_Secret": "s",
            "X-Twilio-Signature": "sig",
            "User-Agent": "twilio-python/9.4.1",
            "X-Latin": "ÿ café",
        }
    ),
    "secret query parameters": twilio(
        query_string="PageSize=20&api_key=pk%2Blive&access%5Ftoken=t&token=a&token=b&flag&x=%ff"
    ),
    "a query whose redaction grows past the cut": twilio(query_string="&".join(["token=t"] * 256)),
    "a query past the cut": twilio(query_string="Filler=" + "q" * 5000 + "&api_key=k"),
    "a form body": twilio(
        method="POST", data={"BusinessName": "Owl", "UseCaseCategories": ["A", "B"]}
    ),
    "a text body": twilio(method="POST", data="grüße 🚀\t\r\n".encode(), content_type="text/plain"),
    "a binary body": twilio(
        method="POST", data=b"\x00\xff" * 10, content_type="application/octet-stream"
    ),
    "a json body": pinnacle(json={"name": "Owl", "n": [1, 2.5]}),
    "a +json body": pinnacle(data=b'{"a": 1}', content_type="application/vnd.x+json; v=1"),
    "a body past the cut": pinnacle(data=("é" * MAX_BODY_BYTES).encode(), content_type="text/x"),
    "a chunked body": twilio(
        method="POST",
        input_stream=io.BytesIO(b"a=1"),
        headers={"Transfer-Encoding": "chunked"},
        content_type="application/x-www-form-urlencoded",
    ),
    "headers past 16 KiB": twilio(headers={"X-Big": "b" * 20_000, "Authorization": "k" * 9}),
    "more than 100 headers": twilio(headers={f"X-{number}": "v" for number in range(150)}),
    "headers that fit only once redacted": twilio(
        headers={"Authorization": "Bearer " + "k" * 20_000, "X-Small": "s"}
    ),
    "a long path, method and content type": twilio(
        path="/v1/" + "p" * 3000,
        method="P" * 100,
        data=b"x",
        content_type="application/" + "t" * 200 + "; charset=utf-8",
    ),
    "a long mimetype within the header bound": twilio(
        method="POST", data=b"x", content_type="Application/" + "T" * 500
    ),
    "an unknown path": {"provider": None, "tenant": None, "secret_headers": (), "status": 404}
    | {"path": "/nowhere", "method": "DELETE"},
    "a pinnacle key as tenant": pinnacle(),
    "a short pinnacle key": pinnacle("abc"),
    "a pinnacle key past the tenant bound": pinnacle(LONG_KEY),
    "a tenant with a lone surrogate": pinnacle("key\ud800"),
    "a long twilio tenant": twilio(tenant="AC" + "9" * 100),
    "an empty response": twilio(method="DELETE", status=204, response=(b"", "application/json")),
    "a response past the cut": twilio(
        response=(b"[" + b"1," * MAX_BODY_BYTES + b"1]", "APPLICATION/JSON")
    ),
    "a response with parameters": twilio(response=(b"ok", "text/plain; charset=utf-8")),
}


@pytest.mark.parametrize("spec", CASES.values(), ids=CASES.keys())
def test_a_request_kept_raw_reads_back_as_the_entry_recorded_whole(spec):
    raw, whole = both_ways([spec])
    assert raw.entries() == whole.entries()


def test_every_case_in_one_journal_filters_and_lists_alike():
    raw, whole = both_ways(list(CASES.values()))
    for filters in (
        {},
        {"method": "post"},
        {"path_prefix": "/v1/"},
        {"provider": "pinnacle"},
        {"status": 404},
        {"tenant": PINNACLE_KEY},
        {"tenant": LONG_KEY},
        {"tenant": "key\ud800"},
        {"tenant": ISV_SID, "limit": 3},
        {"tenant": "…cdef"},  # a fingerprint selects nothing
        {"tenant": LONG_KEY[:64]},  # nor does the start of a long key
    ):
        assert raw.entries(**filters) == whole.entries(**filters), filters


@pytest.mark.parametrize(
    "tenants", [[PINNACLE_KEY], [LONG_KEY], ["abc", "key\ud800"], ["…cdef", LONG_KEY[:64]]]
)
def test_forgetting_tenants_drops_the_same_entries(tenants):
    raw, whole = both_ways(list(CASES.values()))
    assert raw.forget("pinnacle", tenants) == whole.forget("pinnacle", tenants)
    assert raw.forget("twilio", [ISV_SID]) == whole.forget("twilio", [ISV_SID])
    assert raw.entries() == whole.entries()


def test_a_secret_tenant_is_only_ever_shown_as_its_fingerprint():
    raw, _ = both_ways([pinnacle(), pinnacle(LONG_KEY)])
    entries = raw.entries()
    assert [entry["tenant"] for entry in entries] == ["…cdef", "…WXYZ"]
    assert PINNACLE_KEY not in str(entries) and LONG_KEY[:20] not in str(entries)
    assert [entry["id"] for entry in raw.entries(tenant=LONG_KEY)] == [2]


def test_recording_an_ordinary_request_neither_redacts_nor_parses_nor_formats(
    client, isv_auth, monkeypatch
):
    """The request path leaves that to whoever reads the journal."""
    calls = []
    for name in ("redact", "redact_query_string", "cap_headers", "format_iso_ms", "fingerprint"):
        real = getattr(request_log, name)
        monkeypatch.setattr(request_log, name, _counted(real, name, calls))
    monkeypatch.setattr(request_log, "tenant_digest", _counted(_refuse, "digest", calls))
    client.post("/v1/Tollfree/Verifications?api_key=k", data={"A": "1"}, headers=isv_auth)
    client.post("/brands/list", json={}, headers={"PINNACLE-API-KEY": PINNACLE_KEY})
    assert calls == []
    monkeypatch.setattr(request_log, "tenant_digest", _counted(_sha, "digest", calls))
    listed = client.get("/_mock/requests").get_json()["requests"]
    assert [entry["query_string"] for entry in listed] == ["api_key=[redacted]", ""]
    assert [entry["tenant"] for entry in listed] == [ISV_SID, "…cdef"]
    assert {"redact", "redact_query_string", "format_iso_ms", "fingerprint"} <= set(calls)


def _counted(function, name, calls):
    def counting(*args, **kwargs):
        calls.append(name)
        return function(*args, **kwargs)

    return counting


def _refuse(tenant):
    raise AssertionError("a tenant digest on the request path")


_sha = request_log.tenant_digest


def test_the_listing_of_a_pinnacle_key_never_holds_the_key(client):
    for key in (PINNACLE_KEY, LONG_KEY):
        client.post("/brands/list", json={}, headers={"PINNACLE-API-KEY": key})
    listing = client.get("/_mock/requests").data
    assert PINNACLE_KEY.encode() not in listing and LONG_KEY[:20].encode() not in listing
    assert [e["tenant"] for e in json.loads(listing)["requests"]] == ["…cdef", "…WXYZ"]


def test_a_chunked_body_through_a_live_server_is_journaled(live_url):
    import http.client

    host, port = live_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    try:
        body = iter([b"BusinessName=", b"Owl"])
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        headers.update(basic(ISV_SID, ISV_TOKEN))
        connection.request("POST", "/v1/Tollfree/Verifications", body, headers, encode_chunked=True)
        connection.getresponse().read()
        connection.request("GET", "/_mock/requests")
        [entry] = json.loads(connection.getresponse().read())["requests"]
    finally:
        connection.close()
    assert (entry["body"], entry["form"]) == ("BusinessName=Owl", {"BusinessName": "Owl"})


def test_a_request_without_a_body_is_journaled_with_an_empty_one(client, isv_auth):
    client.get("/v1/Tollfree/Verifications", headers=isv_auth)
    [entry] = client.get("/_mock/requests").get_json()["requests"]
    assert (entry["body"], entry["body_base64"], entry["form"], entry["json"]) == (
        "",
        False,
        None,
        None,
    )


def test_an_ordinary_request_kept_raw_takes_a_few_hundred_bytes_of_its_own():
    """Its strings are the request's own (the environ's, the body's), not copies."""
    environ = EnvironBuilder(
        "/v1/Tollfree/Verifications", method="POST", data={"A": "1"}, headers=basic("AC1", "t")
    ).get_environ()
    request = Request(environ)
    kept = lazily(request, provider="twilio", tenant=ISV_SID)
    shared = {id(item) for pair in request.environ.items() for item in pair}
    shared.add(id(request.get_data()))
    assert deep_size(kept, shared) < 1_200


def test_a_hostile_request_kept_raw_stays_under_the_documented_worst_case():
    """Every field at its bound, in characters that take 4 bytes each."""
    request = Request(EnvironBuilder(**HOSTILE_REQUEST).get_environ())
    kept = lazily(
        request, provider="platform", tenant="k" * 100_000, secret=True, response=HOSTILE_ANSWER
    )
    assert 0.8 * ENTRY_BYTES < deep_size(kept) <= ENTRY_BYTES


def test_headers_at_their_bound_kept_raw_stay_under_the_documented_worst_case():
    """100 header items of 16,384 characters in all, each taking 4 bytes, kept as sent."""
    astral = "\U0001f680"
    environ = {f"HTTP_X_{number:03d}": astral * 154 for number in range(99)}
    room = 16_384 - sum(len(key) + len(value) for key, value in environ.items())
    environ["HTTP_X_END"] = astral * (room - len("HTTP_X_END"))
    kept = JournaledRequest(
        at=AT,
        method="GET",
        path="/" + astral * 2047,
        query_string=b"q" * MAX_URL_CHARS,
        environ=environ,
        body=b"b" * MAX_BODY_BYTES,
        status=200,
        provider="pinnacle",
        tenant=astral * 64,
        secret_tenant=True,
        response_body=HOSTILE_ANSWER[0],
        response_type=HOSTILE_ANSWER[1],
    )
    assert kept.entry()["headers_truncated"] is False  # kept raw, not cut on the way in
    assert sum(len(key) + len(value) for key, value in environ.items()) == 16_384
    assert 0.85 * ENTRY_BYTES < deep_size(kept) <= ENTRY_BYTES


def test_base64_bodies_decode_back(client):
    raw = bytes(range(256))
    client.post("/anywhere", data=raw, content_type="application/octet-stream")
    [entry] = client.get("/_mock/requests").get_json()["requests"]
    assert entry["body_base64"] and base64.b64decode(entry["body"]) == raw
