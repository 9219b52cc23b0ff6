"""The request journal: a bounded, filterable, thread-safe ring buffer with redaction."""

from mockserver.journal import (
    REDACTED,
    RequestJournal,
    redact,
    redact_query,
    redact_query_string,
)


def entry(**overrides) -> dict:
    """A journal entry with the fields the filters read."""
    values = {"method": "GET", "path": "/v1/Sinks", "provider": "twilio", "tenant": "AC1"}
    values["status"] = 200
    values.update(overrides)
    return values


def test_entries_are_numbered_and_kept_oldest_first():
    journal = RequestJournal()
    journal.record(entry(path="/a"))
    journal.record(entry(path="/b"))
    assert [(e["id"], e["path"]) for e in journal.entries()] == [(1, "/a"), (2, "/b")]


def test_past_its_capacity_the_oldest_entries_are_dropped_and_counted():
    journal = RequestJournal(capacity=3)
    for number in range(5):
        journal.record(entry(path=f"/{number}"))
    assert [e["path"] for e in journal.entries()] == ["/2", "/3", "/4"]
    assert journal.dropped == 2


def test_filters_combine_and_limit_keeps_the_newest():
    journal = RequestJournal()
    journal.record(entry(method="POST", path="/v1/Tollfree/Verifications", status=201))
    journal.record(entry(method="POST", path="/v1/Sinks", status=201))
    journal.record(entry(method="GET", path="/v1/Tollfree/Verifications", tenant="AC2"))
    journal.record(entry(method="POST", path="/v1/Tollfree/Verifications/HH1", status=400))
    assert len(journal.entries(method="post", path_prefix="/v1/Tollfree")) == 2
    assert [e["id"] for e in journal.entries(tenant="AC2")] == [3]
    assert [e["id"] for e in journal.entries(status=400)] == [4]
    assert [e["id"] for e in journal.entries(method="POST", limit=2)] == [2, 4]
    assert journal.entries(provider="pinnacle") == []


def test_forget_drops_only_the_given_tenants_of_one_provider():
    journal = RequestJournal()
    journal.record(entry(tenant="AC1"))
    journal.record(entry(tenant="AC2"))
    journal.record(entry(tenant="AC1", provider="other"))
    assert journal.forget("twilio", ["AC1"]) == 1
    assert [(e["provider"], e["tenant"]) for e in journal.entries()] == [
        ("twilio", "AC2"),
        ("other", "AC1"),
    ]


def test_clear_empties_the_journal_and_resets_the_drop_count():
    journal = RequestJournal(capacity=1)
    journal.record(entry())
    journal.record(entry())
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
