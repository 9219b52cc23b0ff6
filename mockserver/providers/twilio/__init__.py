"""Twilio: Toll-Free Verification (messaging v1), Event Streams, and the 2010 API's phone
numbers and Messages."""

from mockserver.provider_contract import BackendContext, Option, Provider
from mockserver.webhooks import require_sendable

from .backend import TwilioBackend
from .control import bp as control_bp
from .errors import ERROR_BODY, render
from .message_models import MESSAGE
from .models import VERIFICATION
from .records import ACCOUNT, API_KEY, CUSTOMER_PROFILE, PHONE_NUMBER, SINK, SUBSCRIPTION
from .routes import bp
from .schemas.document import SECURITY
from .seed import TwilioSeedSchema, load_seed
from .service_models import SERVICE, SERVICE_PHONE_NUMBER
from .tenants import tenant_of


class TwilioProvider(Provider):
    """Twilio, at its real paths; tenants are accounts (and their subaccounts)."""

    name = "twilio"
    path_prefixes = ("/v1/", "/v2/", "/v3/", "/2010-04-01/")
    record_kinds = (
        VERIFICATION,
        MESSAGE,
        PHONE_NUMBER,
        SINK,
        SUBSCRIPTION,
        SERVICE,
        SERVICE_PHONE_NUMBER,
        ACCOUNT,
        API_KEY,
        CUSTOMER_PROFILE,
    )
    listed_kinds = ("verification", "message")
    options = (
        Option(
            "twilio",
            "webhook_url",
            tuple,
            (),
            "receives every Twilio event of every account, besides Event Streams sinks; repeatable",
            aliases=("--webhook-url",),
            env_aliases=("MOCKSERVER_WEBHOOK_URL",),
        ),
    )
    seed_section = "twilio"
    tenant_field = "account_sid"
    secret_headers = ("X-Twilio-Signature",)
    api_security = SECURITY
    api_error = ERROR_BODY

    # The provider's own functions fill the contract's slots.
    render_error = staticmethod(render)
    seed_schema = TwilioSeedSchema
    load_seed = staticmethod(load_seed)
    tenant_of = staticmethod(tenant_of)

    def blueprints(self):
        """The emulated API and ``/_mock/twilio/…``."""
        return [bp, control_bp]

    def make_backend(self, context: BackendContext) -> TwilioBackend:
        """The Twilio backend; refuses a webhook URL that cannot be sent to."""
        urls = context.option(self, "webhook_url")
        require_sendable(self.options[0].named, urls)
        backend = TwilioBackend(
            context.store,
            context.clock,
            context.ids,
            strict_auth=context.settings.strict_auth,
            hooks=context.hooks,
            webhook_urls=urls,
            webhook_timeout=context.settings.webhook_timeout,
        )
        backend.announce = context.announce
        return backend

    def seed_credentials(self, section):
        """Each seeded account's SID and auth token, and its API keys."""
        lines = []
        for account in _accounts(section.get("accounts") or []):
            lines.append(f"account {account.get('sid')} / {account.get('auth_token')}")
            lines += [
                f"  API key {key.get('sid')} / {key.get('secret')}"
                for key in account.get("api_keys") or []
            ]
        return lines

    def banner(self, base_url):
        """How to point the twilio SDK at the sandbox."""
        client = f"mockserver.testing.twilio_http_client({base_url!r})"
        return [
            "Point the twilio SDK at it by rewriting the host of every request:",
            f"  Client(sid, token, http_client={client})",
            "  (see docs/twilio.md: 'Pointing the twilio SDK at the sandbox')",
        ]


def _accounts(accounts: list) -> list[dict]:
    """Seeded accounts and their subaccounts, parents first."""
    found = []
    for account in accounts:
        if isinstance(account, dict):
            found += [account, *_accounts(account.get("subaccounts") or [])]
    return found
