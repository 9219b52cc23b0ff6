"""The platform "setups" API: toll-free verification per setup and phone number.

The vendor's rules and this project's choices: ``docs/reference/platform-setups.md``.

Import it as ``mockserver.providers.platform`` (never bare ``platform``, the stdlib module).
"""

from mockserver.providers import ProviderSpec

from .backend import PlatformBackend
from .control import bp as control_bp
from .errors import render
from .routes import PREFIX, bp
from .seed import load_seed
from .setup_schemas import PlatformSeedSchema
from .tenants import tenant_of


def _make_backend(runtime) -> PlatformBackend:
    return PlatformBackend(runtime.store, runtime.clock, runtime.ids, hooks=runtime.engine)


SPEC = ProviderSpec(
    name="platform",
    blueprint=bp,
    path_prefixes=(PREFIX,),
    render_error=render,
    make_backend=_make_backend,
    control_blueprint=control_bp,
    seed_section="platform",
    seed_schema=PlatformSeedSchema,
    load_seed=load_seed,
    tenant_of=tenant_of,
    secret_tenants=True,
    tenant_field="api_key",
    reset_tenant=PlatformBackend.reset_api_key,
    sign_delivery=PlatformBackend.sign_delivery,
)
