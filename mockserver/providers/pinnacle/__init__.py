"""Pinnacle: toll-free campaigns, brands, phone numbers and SMS/MMS, as the rcs SDK sees them."""

from mockserver.providers import ProviderSpec
from mockserver.webhooks import header_problem, require_sendable

from .backend import PinnacleBackend
from .control import bp as control_bp
from .errors import render
from .routes import bp
from .seed import PinnacleSeedSchema, load_seed
from .tenants import API_KEY_HEADER, tenant_of


def _make_backend(runtime) -> PinnacleBackend:
    settings = runtime.settings
    require_sendable("MOCKSERVER_PINNACLE_WEBHOOK_URL", settings.pinnacle_webhook_url)
    problem = header_problem(settings.pinnacle_signing_secret)
    if problem is not None:
        raise ValueError(f"MOCKSERVER_PINNACLE_SIGNING_SECRET {problem}")
    return PinnacleBackend(
        runtime.store,
        runtime.clock,
        runtime.ids,
        strict_auth=settings.strict_auth,
        hooks=runtime.engine,
        webhook_urls=settings.pinnacle_webhook_url,
        signing_secret=settings.pinnacle_signing_secret,
    )


SPEC = ProviderSpec(
    name="pinnacle",
    blueprint=bp,
    path_prefixes=("/brands", "/campaigns/", "/status/", "/phone-numbers/", "/messages/"),
    render_error=render,
    make_backend=_make_backend,
    control_blueprint=control_bp,
    seed_section="pinnacle",
    seed_schema=PinnacleSeedSchema,
    load_seed=load_seed,
    tenant_of=tenant_of,
    secret_tenants=True,
    secret_headers=(API_KEY_HEADER,),
    tenant_field="api_key",
    reset_tenant=PinnacleBackend.reset_tenant,
)
