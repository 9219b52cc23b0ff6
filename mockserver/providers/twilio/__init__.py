"""Twilio: Toll-Free Verification (messaging v1) plus the 2010 phone-number routes."""

from mockserver.providers import ProviderSpec
from mockserver.webhooks import require_sendable

from .backend import TwilioBackend
from .control import bp as control_bp
from .errors import render
from .routes import bp
from .seed import TwilioSeedSchema, load_seed
from .tenants import tenant_of


def _make_backend(runtime) -> TwilioBackend:
    require_sendable("MOCKSERVER_WEBHOOK_URL", runtime.settings.webhook_url)
    return TwilioBackend(
        runtime.store,
        runtime.clock,
        runtime.ids,
        strict_auth=runtime.settings.strict_auth,
        hooks=runtime.engine,
        webhook_urls=runtime.settings.webhook_url,
    )


SPEC = ProviderSpec(
    name="twilio",
    blueprint=bp,
    path_prefixes=("/v1/", "/v2/", "/v3/", "/2010-04-01/"),
    render_error=render,
    make_backend=_make_backend,
    control_blueprint=control_bp,
    seed_section="twilio",
    seed_schema=TwilioSeedSchema,
    load_seed=load_seed,
    tenant_of=tenant_of,
    secret_headers=("X-Twilio-Signature",),
    tenant_field="account_sid",
    reset_tenant=TwilioBackend.reset_account,
)
