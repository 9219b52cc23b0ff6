"""The ``pinnacle`` section of the seed file: API keys with their brands and numbers.

pinnacle:
  api_keys:
    - key: sandbox_pinnacle_key          # required; with --strict-auth only declared keys work
      brands:                            # optional; status INCOMPLETE (default), VERIFIED, VETTED
        - {id: b_0000000001, name: Sandbox Brand, status: VERIFIED, website: …}
      phone_numbers: ["+18005550100"]    # owned without a purchase
"""

from marshmallow import RAISE, Schema, fields, validate

from mockserver.nanp import E164

from .backend import PinnacleBackend
from .models import BRAND, BrandStatus
from .schemas import json_field


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class _Contact(_Strict):
    name = fields.String()
    email = fields.String()
    phone = fields.String()
    title = fields.String()


def _detail(name: str, **options) -> fields.Field:
    """A brand field as the seed file names it (snake_case, never null)."""
    return json_field(
        BRAND.field(name), nested=_Contact, data_key=name, allow_none=False, **options
    )


# A seeded brand names its id and status (no review runs: it starts INCOMPLETE, VERIFIED
# or VETTED) and needs a name; its other details are the API's, in snake_case.
_Brand = _Strict.from_dict(
    {
        "id": _detail("id", required=True),
        "status": fields.String(
            load_default=BrandStatus.INCOMPLETE.value,
            validate=validate.OneOf(
                [BrandStatus.INCOMPLETE.value, BrandStatus.VERIFIED.value, BrandStatus.VETTED.value]
            ),
        ),
        "name": _detail("name", required=True),
        **{f.name: _detail(f.name) for f in BRAND.create_fields() if f.name != "name"},
    },
    name="SeedBrand",
)


class _ApiKey(_Strict):
    key = fields.String(required=True, validate=validate.Length(min=1, max=512))
    brands = fields.List(fields.Nested(_Brand), load_default=list)
    phone_numbers = fields.List(fields.String(validate=validate.Regexp(E164)), load_default=list)


class PinnacleSeedSchema(_Strict):
    """The whole ``pinnacle`` section."""

    api_keys = fields.List(fields.Nested(_ApiKey), load_default=list)


def load_seed(backend: PinnacleBackend, section: dict) -> None:
    """Create every declared key and what it owns, skipping what already exists."""
    for entry in section.get("api_keys", []):
        backend.seed_api_key(entry["key"], entry["brands"], entry["phone_numbers"])
