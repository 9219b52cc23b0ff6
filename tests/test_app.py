"""How the app mounts providers: real paths at the root, control API under /_mock."""

import pytest

from mockserver.admin.http import RENAMED
from mockserver.providers import all_providers
from mockserver.runtime import provider_for_path


def test_provider_path_prefixes_never_overlap():
    prefixes = [prefix for provider in all_providers() for prefix in provider.path_prefixes]
    assert len(prefixes) == len(set(prefixes))
    assert not any(prefix.startswith("/_mock") for prefix in prefixes)


def test_every_rule_sits_under_its_providers_prefixes(app):
    """A provider's API sits under its prefixes, its control routes under /_mock/<name>/
    (or are a documented old alias); the core's under /_mock/."""
    apis, controls = {}, {}
    for provider in all_providers():
        api, *control = provider.blueprints()
        apis[api.name] = provider
        controls.update({blueprint.name: provider for blueprint in control})
    for rule in app.url_map.iter_rules():
        owner = rule.endpoint.split(".")[0]
        if owner in apis:
            assert rule.rule.startswith(apis[owner].path_prefixes), rule.rule
        elif owner in controls:
            prefix = f"/_mock/{controls[owner].name}/"
            assert rule.rule.startswith(prefix) or rule.endpoint in RENAMED, rule.rule
        elif owner == "mock_admin":
            assert rule.rule.startswith("/_mock/"), rule.rule
        elif owner == "dashboard":
            assert rule.rule.startswith("/_mock/ui/"), rule.rule
        elif owner == "dashboard_home":
            assert rule.rule == "/", rule.rule
        elif owner == "api_reference":
            assert rule.rule == "/_mock/docs", rule.rule
        else:
            assert owner == "static", rule.rule


@pytest.mark.parametrize("order", [list, lambda providers: list(reversed(providers))])
def test_a_prefix_owns_exactly_the_paths_under_it(order):
    """The longest prefix wins however the providers are listed (``/v1/`` is Twilio's,
    ``/v1/setups`` the platform's), and a path shorter than every prefix is no one's."""
    from mockserver.runtime import Runtime
    from mockserver.settings import Settings

    runtime = Runtime(Settings(store=":memory:"), providers=order(all_providers()))
    assert provider_for_path(runtime, "/v1/setups/s/phone-numbers").name == "platform"
    assert provider_for_path(runtime, "/v1/Tollfree").name == "twilio"
    assert provider_for_path(runtime, "/brands").name == "pinnacle"
    assert provider_for_path(runtime, "/v1") is None
    assert provider_for_path(runtime, "/elsewhere") is None


def test_responses_keep_the_providers_key_order(client, isv_auth):
    response = client.get("/v1/Tollfree/Verifications", headers=isv_auth)
    assert list(response.get_json()) == ["meta", "verifications"]


def test_the_app_asks_once_per_function_whether_it_is_async_and_keeps_a_bounded_few(monkeypatch):
    """``SandboxFlask.ensure_sync`` answers as Flask's, from a table of at most 1,024."""
    import flask

    from mockserver import app as app_module

    application = app_module.SandboxFlask("t")
    asked = []
    real = flask.Flask.ensure_sync
    monkeypatch.setattr(
        flask.Flask, "ensure_sync", lambda self, f: asked.append(f) or real(self, f)
    )

    def view():
        return "ok"

    assert application.ensure_sync(view) is view and application.ensure_sync(view) is view
    assert asked == [view]
    for n in range(app_module._MAX_SYNCED + 10):  # per-request closures: not all kept
        application.ensure_sync(lambda n=n: n)
    assert len(application._synced) == app_module._MAX_SYNCED


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/v1/Tollfree/Verifications", {"GET", "POST"}),  # Twilio's error shape
        ("/brands/list", {"GET", "POST"}),  # Pinnacle's (GET /brands/{brand_id} matches too)
        ("/_mock/clock", {"GET"}),  # the control API's
        ("/", {"GET"}),  # no one's: the dashboard's redirect
    ],
)
def test_every_405_names_the_methods_the_path_allows(client, path, allowed):
    """RFC 9110 15.5.6, set once for every owner's error shape."""
    answer = client.open(path, method="PUT")
    assert answer.status_code == 405
    assert allowed <= set(answer.headers["Allow"].split(", ")) <= allowed | {"HEAD", "OPTIONS"}
