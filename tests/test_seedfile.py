"""The seed file: validated at start, loaded at start and on reset, idempotent."""

import pytest

from mockserver.app import create_app
from mockserver.seedfile import SeedFileError
from mockserver.settings import Settings


def app_with_seed(tmp_path, text: str, **settings):
    seed = tmp_path / "seed.yaml"
    seed.write_text(text)
    return create_app(Settings(store=":memory:", seed_file=str(seed), **settings))


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("twilio: [1, 2", "not valid YAML"),
        ("- a list", "must be a mapping"),
        ("carrier: {}", "unknown sections carrier"),
        ("pinnacle:\n  api_keys:\n    - brands: []\n", "pinnacle.api_keys.0.key"),
        ("twilio:\n  accounts:\n    - sid: AC123\n", "twilio.accounts.0.sid"),
        (
            "twilio:\n  accounts:\n    - sid: AC00000000000000000000000000000009\n"
            "      phone_numbers: [{sid: PN1, phone_number: '+1'}]\n",
            "twilio.accounts.0.phone_numbers.0",
        ),
        (
            "twilio:\n  accounts:\n    - sid: AC00000000000000000000000000000009\n"
            "      colour: red\n",
            "twilio.accounts.0.colour: Unknown field.",
        ),
    ],
)
def test_bad_seed_files_name_the_file_and_the_field(tmp_path, text, reason):
    with pytest.raises(SeedFileError) as caught:
        app_with_seed(tmp_path, text)
    assert str(tmp_path / "seed.yaml") in caught.value.message
    assert reason in caught.value.message


def test_a_missing_seed_file_is_refused(tmp_path):
    with pytest.raises(SeedFileError, match="cannot read seed file"):
        create_app(Settings(store=":memory:", seed_file=str(tmp_path / "none.yaml")))


def test_no_seed_file_starts_empty():
    app = create_app(Settings(store=":memory:", seed_file=None))
    assert app.extensions["mockserver"].store.count("twilio_accounts") == 0


def test_reloading_the_seed_onto_a_persisted_store_adds_nothing_twice(tmp_path):
    store = str(tmp_path / "state.json")
    first = create_app(Settings(store=store))
    counts = {
        table: first.extensions["mockserver"].store.count(table)
        for table in (
            "twilio_accounts",
            "twilio_phone_numbers",
            "twilio_customer_profiles",
            "twilio_api_keys",
        )
    }
    first.extensions["mockserver"].close()
    second = create_app(Settings(store=store))
    for table, count in counts.items():
        assert second.extensions["mockserver"].store.count(table) == count
    assert counts["twilio_accounts"] == 2
    second.extensions["mockserver"].close()


def test_the_seed_fills_a_new_store_only_so_deletions_survive_a_restart(tmp_path):
    """A restart keeps what the run did; only a reset reloads the seed file."""
    from mockserver.runtime import Runtime
    from mockserver.settings import Settings

    settings = Settings(store=str(tmp_path / "store.json"))
    first = Runtime(settings)
    assert first.backend("pinnacle").numbers.lookup("+18005550100") is not None
    first.backend("pinnacle").numbers.remove("+18005550100")
    first.close()
    second = Runtime(settings)
    try:
        assert second.backend("pinnacle").numbers.lookup("+18005550100") is None
        second.reset()
        assert second.backend("pinnacle").numbers.lookup("+18005550100") is not None
    finally:
        second.close()
