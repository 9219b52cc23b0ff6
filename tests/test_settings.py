"""Settings from code and from MOCKSERVER_* variables."""

import pytest

from mockserver.settings import DEFAULT_SEED_FILE, Settings


def test_defaults_listen_locally_with_a_file_store():
    settings = Settings()
    assert (settings.host, settings.port, settings.store) == (
        "127.0.0.1",
        8080,
        "mockserver-store.json",
    )
    assert settings.seed_file == DEFAULT_SEED_FILE
    assert settings.strict_auth is False


def test_every_field_reads_its_environment_variable():
    settings = Settings.from_env(
        {
            "MOCKSERVER_HOST": "0.0.0.0",
            "MOCKSERVER_PORT": "9000",
            "MOCKSERVER_STORE": ":memory:",
            "MOCKSERVER_SEED_FILE": "",
            "MOCKSERVER_STRICT_AUTH": "yes",
            "MOCKSERVER_RANDOM_SEED": "42",
            "MOCKSERVER_PUBLIC_URL": "https://sandbox.example.com",
        }
    )
    assert settings == Settings(
        host="0.0.0.0",
        port=9000,
        store=":memory:",
        seed_file=None,
        strict_auth=True,
        random_seed=42,
        public_url="https://sandbox.example.com",
    )


def test_explicit_values_beat_the_environment():
    settings = Settings.from_env({"MOCKSERVER_PORT": "9000"}, port=7000, host=None)
    assert (settings.port, settings.host) == (7000, "127.0.0.1")


@pytest.mark.parametrize(("name", "value"), [("PORT", "eighty"), ("STRICT_AUTH", "maybe")])
def test_bad_environment_values_name_the_variable(name, value):
    with pytest.raises(ValueError, match=f"MOCKSERVER_{name}"):
        Settings.from_env({f"MOCKSERVER_{name}": value})
