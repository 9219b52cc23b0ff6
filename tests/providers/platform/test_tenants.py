"""An API key is the platform's tenant: the request journal names it, and a reset clears it."""

from .conftest import API_KEY, SETUP, TOLL_FREE, bearer, verification_url


def test_the_journal_shows_the_bearer_key_as_a_fingerprint_and_redacts_the_header(api, submitted):
    submitted()
    api.fetch(key="not-a-key")
    entries = api.control("GET", "/requests", params={"provider": "platform"}).json()["requests"]
    assert [(e["method"], e["status"], e["tenant"]) for e in entries] == [
        ("POST", 201, "…" + API_KEY[-4:]),
        ("GET", 401, "…ey"),
    ]
    assert entries[0]["headers"]["Authorization"] == "[redacted]"
    assert API_KEY not in str(entries) and "not-a-key" not in str(entries)
    assert entries[0]["json"]["business_name"] == "Owl, Inc."


def test_the_whole_bearer_key_selects_its_journal_entries(api, submitted):
    submitted()
    api.fetch(key="not-a-key")
    found = api.control("GET", "/requests", params={"tenant": "not-a-key"}).json()["requests"]
    assert [(e["method"], e["status"]) for e in found] == [("GET", 401)]
    fingerprint = api.control("GET", "/requests", params={"tenant": "…ey"}).json()["requests"]
    assert fingerprint == []


def test_resetting_a_key_clears_only_what_it_owns(api, receiver):
    own = api.new_setup(api_key="tenant-a", webhook_url=receiver.url + "/a")
    number = api.new_number(own["id"], "+18774440103")
    sid = api.submit(setup=own["id"], number=number["id"], key="tenant-a").json()
    kept = api.submit().json()["verification_sid"]
    response = api.control("POST", "/reset", json={"api_key": "tenant-a"})
    assert response.status_code == 200
    assert response.json()["cleared"] == {"pinnacle": [], "platform": ["tenant-a", own["id"]]}
    assert api.control("GET", "/requests", params={"tenant": "tenant-a"}).json()["requests"] == []
    assert api.fetch(setup=own["id"], number=number["id"], key="tenant-a").status_code == 401
    assert api.control("GET", f"/records/{sid['verification_sid']}").status_code == 404
    assert api.control("GET", "/webhooks", params={"account": own["id"]}).json() == {
        "deliveries": []
    }
    assert api.fetch().json()["verification_sid"] == kept
    assert [t["record_id"] for t in api.advance(hours=1)["transitions"]] == [kept, kept]


def test_resetting_the_seed_key_restores_the_seeded_setup(api, submitted):
    submitted()
    api.control("POST", "/reset", json={"api_key": API_KEY})
    assert api.fetch().status_code == 404
    url = verification_url(api.base, SETUP, TOLL_FREE)
    assert api.http.get(url, headers=bearer(), timeout=30).json() == {
        "detail": "Toll-free verification not found"
    }


def test_a_key_without_setups_clears_nothing(api):
    response = api.control("POST", "/reset", json={"api_key": "nobody"})
    assert response.json()["cleared"]["platform"] == []
    assert api.submit().status_code == 201
