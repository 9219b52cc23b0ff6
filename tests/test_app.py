"""How the app mounts providers: real paths at the root, control API under /_mock."""

from mockserver.app import provider_for_path
from mockserver.providers import all_providers


def test_provider_path_prefixes_never_overlap():
    prefixes = [prefix for spec in all_providers() for prefix in spec.path_prefixes]
    assert len(prefixes) == len(set(prefixes))
    assert not any(prefix.startswith("/_mock") for prefix in prefixes)


def test_every_rule_sits_under_its_providers_prefixes(app):
    specs = {spec.blueprint.name: spec for spec in all_providers()}
    controls = {spec.control_blueprint.name for spec in all_providers() if spec.control_blueprint}
    for rule in app.url_map.iter_rules():
        owner = rule.endpoint.split(".")[0]
        if owner in specs:
            assert rule.rule.startswith(specs[owner].path_prefixes), rule.rule
        elif owner in controls or owner == "mock_admin":
            assert rule.rule.startswith("/_mock/"), rule.rule
        else:
            assert owner == "static", rule.rule


def test_the_longest_prefix_owns_a_path(runtime):
    assert provider_for_path(runtime, "/v1/Tollfree/Verifications").name == "twilio"
    assert provider_for_path(runtime, "/v1/setups/x/phone-numbers/y").name == "platform"
    assert provider_for_path(runtime, "/elsewhere") is None


def test_responses_keep_the_providers_key_order(client, isv_auth):
    response = client.get("/v1/Tollfree/Verifications", headers=isv_auth)
    assert list(response.get_json()) == ["meta", "verifications"]
