"""The ``platform`` section of the seed file: setups with their keys, webhooks and numbers.

platform:
  setups:
    - id: 00000000-0000-4000-8000-000000000001   # required, a UUID
      api_key: sandbox_platform_api_key           # required
      webhook_url: https://…                      # optional
      webhook_secret: whsec_…                     # optional: generated when absent
      phone_numbers: [{id: <uuid>, phone_number: "+18005550100"}]

Setup ids, phone-number ids and E.164 numbers are each declared once in the file (one setup
holds a number: the vendor's one active verification per toll-free number).
"""

from .backend import PlatformBackend


def load_seed(backend: PlatformBackend, section: dict) -> None:
    """Create every declared setup and number, skipping what already exists.

    A seeded number that was deleted and then given to another setup stays with that setup
    when a (tenant) reset reloads the seed: a number has one holder, and resetting one
    tenant must not fail because of another's numbers.
    """
    for setup in section.get("setups", []):
        backend.seed_setup(setup)
