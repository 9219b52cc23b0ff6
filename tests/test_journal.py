"""The request journal: a bounded, filterable, thread-safe ring buffer with redaction."""

import base64

import pytest

from mockserver.journal import (
    MAX_HEADER_CHARS,
    RequestJournal,
    cap_headers,
    clip,
    fingerprint,
    shown_body,
)
from mockserver.redaction import REDACTED, redact, redact_query, redact_query_string
from tests.journal_entries import record


def entry(**overrides) -> dict:
    """A journal entry with the fields the filters read."""
    values = {"method": "GET", "path": "/v1/Sinks", "provider": "twilio", "tenant": "AC1"}
    values["status"] = 200
    values.update(overrides)
    return values


def test_entries_are_numbered_and_kept_oldest_first():
    journal = RequestJournal()
    record(journal, entry(path="/a"))
    record(journal, entry(path="/b"))
    assert [(e["id"], e["path"]) for e in journal.entries()] == [(1, "/a"), (2, "/b")]


def test_past_its_capacity_the_oldest_entries_are_dropped_and_counted():
    journal = RequestJournal(capacity=3)
    for number in range(5):
        record(journal, entry(path=f"/{number}"))
    assert [e["path"] for e in journal.entries()] == ["/2", "/3", "/4"]
    assert journal.dropped == 2


def test_filters_combine_and_limit_keeps_the_newest():
    journal = RequestJournal()
    record(journal, entry(method="POST", path="/v1/Tollfree/Verifications", status=201))
    record(journal, entry(method="POST", path="/v1/Sinks", status=201))
    record(journal, entry(method="GET", path="/v1/Tollfree/Verifications", tenant="AC2"))
    record(journal, entry(method="POST", path="/v1/Tollfree/Verifications/HH1", status=400))
    assert len(journal.entries(method="post", path_prefix="/v1/Tollfree")) == 2
    assert [e["id"] for e in journal.entries(tenant="AC2")] == [3]
    assert [e["id"] for e in journal.entries(status=400)] == [4]
    assert [e["id"] for e in journal.entries(method="POST", limit=2)] == [2, 4]
    assert journal.entries(provider="pinnacle") == []


def test_forget_drops_only_the_given_tenants_of_one_provider():
    journal = RequestJournal()
    record(journal, entry(tenant="AC1"))
    record(journal, entry(tenant="AC2"))
    record(journal, entry(tenant="AC1", provider="other"))
    assert journal.forget("twilio", ["AC1"]) == 1
    assert [(e["provider"], e["tenant"]) for e in journal.entries()] == [
        ("twilio", "AC2"),
        ("other", "AC1"),
    ]


def test_clear_empties_the_journal_and_resets_the_drop_count():
    journal = RequestJournal(capacity=1)
    record(journal, entry())
    record(journal, entry())
    assert journal.clear() == 1
    assert journal.entries() == [] and journal.dropped == 0


def test_redact_hides_credentials_by_name_marker_and_provider_declaration():
    headers = [
        ("Authorization", "Basic QUM6dG9rZW4="),
        ("Cookie", "session=1"),
        ("PINNACLE-API-KEY", "pk_live"),
        ("X-Client-Secret", "s"),
        ("X-Custom-Credential", "c"),
        ("X-Access-Token", "t"),
        ("Content-Type", "application/json"),
    ]
    shown = redact(headers, also=["x-custom-credential"])
    assert shown == {
        "Authorization": REDACTED,
        "Cookie": REDACTED,
        "PINNACLE-API-KEY": REDACTED,
        "X-Client-Secret": REDACTED,
        "X-Custom-Credential": REDACTED,
        "X-Access-Token": REDACTED,
        "Content-Type": "application/json",
    }


def test_redact_query_hides_parameters_named_like_secrets_and_keeps_lists_as_lists():
    query = {
        "api_key": "pk_live",
        "apiKey": "pk_2",
        "token": ["t1", "t2"],
        "client_secret": "s",
        "PageSize": "20",
    }
    assert redact_query(query) == {
        "api_key": REDACTED,
        "apiKey": REDACTED,
        "token": [REDACTED, REDACTED],
        "client_secret": REDACTED,
        "PageSize": "20",
    }


def test_redact_query_string_replaces_secret_values_and_keeps_the_rest_as_sent():
    raw = "Page=2&api_key=pk%2Blive&access%5Ftoken=t&flag&to=%2B1415"
    assert redact_query_string(raw) == (
        f"Page=2&api_key={REDACTED}&access%5Ftoken={REDACTED}&flag&to=%2B1415"
    )
    assert redact_query_string("") == ""


def test_headers_past_16_kib_are_cut_with_a_marker_and_the_rest_left_out():
    headers = {"A": "a" * 10_000, "B": "b" * 10_000, "C": "c" * 10_000, "D": "d"}
    kept, truncated = cap_headers(headers)
    assert truncated is True
    assert kept["A"] == "a" * 10_000
    assert kept["B"].startswith("b" * 6000) and kept["B"].endswith(" chars]")
    assert kept["B"].endswith(f"…[cut {10_000 - kept['B'].index('…')} chars]")
    assert "C" not in kept and "D" not in kept
    assert MAX_HEADER_CHARS - 8 < sum(len(n) + len(v) for n, v in kept.items()) <= MAX_HEADER_CHARS


def test_headers_that_fit_are_kept_whole_and_unmarked():
    headers = {"Content-Type": "application/json", "X-Trace": "t" * 100}
    assert cap_headers(headers) == (headers, False)


def test_at_most_100_headers_are_kept():
    kept, truncated = cap_headers({f"X-{number}": "" for number in range(150)})
    assert (len(kept), truncated) == (100, True)


def test_clip_keeps_short_text_and_cuts_long_text_to_the_limit_with_a_marker():
    assert clip("short", 10) == "short"
    cut = clip("x" * 5000, 2048)
    assert len(cut) == 2048 and cut.endswith(f"[cut {5000 - cut.index('…')} chars]")


def test_a_fingerprint_shows_4_last_characters_2_for_short_keys_none_for_tiny_ones():
    assert fingerprint("sandbox_platform_api_key") == "…_key"
    assert fingerprint("not-a-key") == "…ey"
    assert fingerprint("abc") == "…"


def test_a_secret_tenant_is_kept_as_a_fingerprint_and_selected_by_its_whole_name():
    journal = RequestJournal()
    record(journal, entry(provider="pinnacle", tenant="pk_live_0123456789"), secret_tenant=True)
    record(journal, entry(provider="pinnacle", tenant="pk_live_other_6789"), secret_tenant=True)
    [found] = journal.entries(tenant="pk_live_0123456789")
    assert found["tenant"] == "…6789" and "pk_live" not in str(found)
    assert journal.entries(tenant="…6789") == []
    assert journal.forget("pinnacle", ["pk_live_other_6789"]) == 1
    assert [e["id"] for e in journal.entries()] == [found["id"]]


def test_a_tenant_with_a_lone_surrogate_is_matched_without_crashing():
    journal = RequestJournal()
    record(journal, entry(tenant="key\ud800"), secret_tenant=True)
    assert len(journal.entries(tenant="key\ud800")) == 1
    assert journal.forget("twilio", ["\udfff"]) == 0


def test_a_body_cut_inside_a_character_is_still_text_without_that_character():
    cut = "é".encode() * 10 + "€".encode()[:2]
    assert shown_body(cut, truncated=True) == ("é" * 10, False)
    assert shown_body(cut) == (base64.b64encode(cut).decode(), True)


@pytest.mark.parametrize(
    ("raw", "as_base64"),
    [(b"", False), (b"a\tb\r\n", False), (b"\x1b[31m", True), (b"\xc0\x80", True), (b"\xff", True)],
)
def test_a_body_is_text_only_when_utf_8_without_control_characters(raw, as_base64):
    assert shown_body(raw)[1] is as_base64
