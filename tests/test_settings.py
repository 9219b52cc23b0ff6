"""Settings from code and from MOCKSERVER_* variables."""

import pytest

from mockserver.settings import DEFAULT_SEED_FILE, Settings


def test_defaults_listen_locally_and_keep_state_in_memory():
    settings = Settings()
    assert (settings.host, settings.port, settings.store) == ("127.0.0.1", 8080, ":memory:")
    assert Settings.from_env({}).store == ":memory:"
    assert settings.seed_file == DEFAULT_SEED_FILE
    assert settings.strict_auth is False


def test_an_empty_store_is_refused_rather_than_read_as_memory():
    """``-e MOCKSERVER_STORE=$UNSET`` meant a file: losing its state silently would be worse."""
    with pytest.raises(ValueError, match="MOCKSERVER_STORE is empty"):
        Settings.from_env({"MOCKSERVER_STORE": ""})
    with pytest.raises(ValueError, match="MOCKSERVER_STORE is empty"):
        Settings(store=" ")


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


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TICK_SECONDS", "nan"),
        ("TICK_SECONDS", "inf"),
        ("TICK_SECONDS", "0"),
        ("TICK_SECONDS", "-1"),
        ("WEBHOOK_TIMEOUT", "nan"),
        ("WEBHOOK_TIMEOUT", "inf"),
        ("WEBHOOK_TIMEOUT", "0"),
        ("PORT", "-1"),
        ("PORT", "65536"),
        ("MAX_BODY_BYTES", "0"),
        ("MAX_BODY_BYTES", "-5"),
    ],
)
def test_a_value_out_of_range_is_refused_in_one_line_naming_the_variable(name, value):
    """A tick of NaN, 0 or a negative once killed or busy-looped the scheduler; port -1
    gave a traceback."""
    with pytest.raises(ValueError, match=f"^MOCKSERVER_{name}: ") as refused:
        Settings.from_env({f"MOCKSERVER_{name}": value})
    assert "\n" not in str(refused.value)


def test_the_edge_values_in_range_are_accepted():
    settings = Settings(port=65535, tick_seconds=0.001, webhook_timeout=0.5, max_body_bytes=1)
    assert (settings.port, Settings(port=0).port) == (65535, 0)


@pytest.mark.parametrize("value", ["ALWAYS", "Always", " always "])
def test_fsync_is_read_in_any_case(value):
    assert Settings.from_env({"MOCKSERVER_FSYNC": value}).fsync == "always"


@pytest.mark.parametrize("value", ["", "  "])
def test_an_empty_control_token_variable_is_a_configuration_error(value):
    """``-e MOCKSERVER_CONTROL_TOKEN=$UNSET`` once opened the control API without a word."""
    with pytest.raises(ValueError, match=r"^MOCKSERVER_CONTROL_TOKEN is set but empty"):
        Settings.from_env({"MOCKSERVER_CONTROL_TOKEN": value})


def test_other_empty_optional_variables_still_mean_none():
    assert Settings.from_env({"MOCKSERVER_PUBLIC_URL": "", "MOCKSERVER_SEED_FILE": ""}) == Settings(
        public_url=None, seed_file=None
    )


def test_provider_options_read_their_own_variables():
    settings = Settings.from_env(
        {
            "MOCKSERVER_TWILIO_WEBHOOK_URL": "http://a.example/, http://b.example/",
            "MOCKSERVER_PINNACLE_SIGNING_SECRET": "s3",
        }
    )
    assert settings.options == {
        "twilio_webhook_url": ("http://a.example/", "http://b.example/"),
        "pinnacle_signing_secret": "s3",
    }


def test_an_old_variable_name_still_works_for_one_release_with_a_warning(caplog):
    settings = Settings.from_env({"MOCKSERVER_WEBHOOK_URL": "http://a.example/"})
    assert settings.options["twilio_webhook_url"] == ("http://a.example/",)
    assert "MOCKSERVER_WEBHOOK_URL is renamed MOCKSERVER_TWILIO_WEBHOOK_URL" in caplog.text


def test_an_override_beats_the_variable_for_a_provider_option_too():
    settings = Settings.from_env(
        {"MOCKSERVER_PINNACLE_SIGNING_SECRET": "env"}, pinnacle_signing_secret="flag"
    )
    assert settings.options["pinnacle_signing_secret"] == "flag"


def test_from_env_takes_several_options_at_once():
    settings = Settings.from_env({}, options={"pinnacle_signing_secret": "s"})
    assert settings.options == {"pinnacle_signing_secret": "s"}


def test_urls_given_as_one_string_are_read_as_their_variable_is():
    """A string for a tuple option splits on commas and spaces; an empty one means none."""
    from mockserver.providers.twilio import TwilioProvider

    def urls(value):
        settings = Settings(options={"twilio_webhook_url": value})
        return TwilioProvider().option(settings, "webhook_url")

    assert urls("http://a.example/") == ("http://a.example/",)
    assert urls("http://a.example/, http://b.example/") == (
        "http://a.example/",
        "http://b.example/",
    )
    assert urls("") == ()


def test_an_option_no_provider_declares_refuses_to_start():
    from mockserver.runtime import Runtime

    with pytest.raises(ValueError, match="unknown provider settings twilio_webhook"):
        Runtime(Settings(store=":memory:", options={"twilio_webhook": ("http://a.example/",)}))
