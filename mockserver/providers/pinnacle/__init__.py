"""Pinnacle: toll-free campaigns, brands, phone numbers and SMS/MMS, as the rcs SDK sees them."""

from mockserver.provider_contract import BackendContext, Option, Provider
from mockserver.webhooks import header_problem, require_sendable

from .backend import PinnacleBackend
from .control import bp as control_bp
from .errors import ERROR_BODY, render
from .models import BRAND, CAMPAIGN, MESSAGE, PHONE_NUMBER
from .routes import bp
from .seed import PinnacleSeedSchema, load_seed
from .tenants import API_KEY_HEADER, tenant_of

WEBHOOK_URL = Option(
    "pinnacle",
    "webhook_url",
    tuple,
    (),
    "receives Pinnacle CAMPAIGN.STATUS events of toll-free campaigns (the real API sends "
    "none); repeatable",
)
SIGNING_SECRET = Option(
    "pinnacle",
    "signing_secret",
    str,
    "pss_sandbox_signing_secret",
    "PINNACLE-SIGNING-SECRET header of Pinnacle webhooks",
    secret=True,
)


class PinnacleProvider(Provider):
    """Pinnacle, at its real paths; every API key is a tenant of its own."""

    name = "pinnacle"
    path_prefixes = ("/brands", "/campaigns/", "/status/", "/phone-numbers/", "/messages/")
    record_kinds = (BRAND, CAMPAIGN, PHONE_NUMBER, MESSAGE)
    listed_kinds = ("brand", "campaign", "phone_number", "message")
    options = (WEBHOOK_URL, SIGNING_SECRET)
    seed_section = "pinnacle"
    tenant_field = "api_key"
    secret_tenants = True
    secret_headers = (API_KEY_HEADER,)
    api_security = (
        "pinnacleApiKey",
        {
            "type": "apiKey",
            "in": "header",
            "name": API_KEY_HEADER,
            "description": "Any key is accepted and becomes a tenant of its own (unless serve "
            "runs with --strict-auth: then only declared keys, such as the seed's).",
        },
    )
    api_error = ERROR_BODY

    # The provider's own functions fill the contract's slots.
    render_error = staticmethod(render)
    seed_schema = PinnacleSeedSchema
    load_seed = staticmethod(load_seed)
    tenant_of = staticmethod(tenant_of)

    def blueprints(self):
        """The emulated API and ``/_mock/pinnacle/…``."""
        return [bp, control_bp]

    def seed_credentials(self, section):
        """Each seeded API key (sent as the ``PINNACLE-API-KEY`` header)."""
        return [
            f"{API_KEY_HEADER}: {entry.get('key')}"
            for entry in section.get("api_keys") or []
            if isinstance(entry, dict)
        ]

    def make_backend(self, context: BackendContext) -> PinnacleBackend:
        """The Pinnacle backend; refuses webhook URLs or a secret it cannot send."""
        urls = context.option(self, WEBHOOK_URL.name)
        secret = context.option(self, SIGNING_SECRET.name)
        require_sendable(WEBHOOK_URL.env, urls)
        problem = header_problem(secret)
        if problem is not None:
            raise ValueError(f"{SIGNING_SECRET.env} {problem}")
        backend = PinnacleBackend(
            context.store,
            context.clock,
            context.ids,
            strict_auth=context.settings.strict_auth,
            hooks=context.hooks,
            webhook_urls=urls,
            signing_secret=secret,
        )
        backend.announce = context.announce
        return backend
