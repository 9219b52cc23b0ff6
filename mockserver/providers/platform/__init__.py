"""The platform "setups" API: toll-free verification per setup and phone number.

The vendor's rules and this project's choices: ``docs/reference/platform-setups.md``.

Import it as ``mockserver.providers.platform`` (never bare ``platform``, the stdlib module).
"""

from mockserver.provider_contract import BackendContext, Provider

from .backend import PlatformBackend
from .control import bp as control_bp
from .errors import ERROR_BODY, render
from .models import VERIFICATION
from .routes import PREFIX, bp
from .seed import load_seed
from .setup_schemas import PlatformSeedSchema
from .tenants import tenant_of


class PlatformProvider(Provider):
    """The platform API; tenants are API keys, each with its setups."""

    name = "platform"
    path_prefixes = (PREFIX,)
    record_kinds = (VERIFICATION,)
    listed_kinds = ("verification",)
    seed_section = "platform"
    tenant_field = "api_key"
    secret_tenants = True
    signs_each_attempt = True
    api_security = ("platformBearer", {"type": "http", "scheme": "bearer"})
    api_error = ERROR_BODY

    # The provider's own functions fill the contract's slots.
    render_error = staticmethod(render)
    seed_schema = PlatformSeedSchema
    load_seed = staticmethod(load_seed)
    tenant_of = staticmethod(tenant_of)
    sign_delivery = staticmethod(PlatformBackend.sign_delivery)

    def seed_credentials(self, section):
        """Each seeded setup's id and API key (a bearer token)."""
        return [
            f"setup {setup.get('id')}: Authorization: Bearer {setup.get('api_key')}"
            for setup in section.get("setups") or []
            if isinstance(setup, dict)
        ]

    def blueprints(self):
        """The emulated API and ``/_mock/platform/…``."""
        return [bp, control_bp]

    def make_backend(self, context: BackendContext) -> PlatformBackend:
        """The platform backend."""
        return PlatformBackend(context.store, context.clock, context.ids, hooks=context.hooks)
