"""The platform verification is declared once: the response, the new record, the submit
body and the control API's road (``PlatformBackend``'s methods) derive from it."""

import pytest

from mockserver.clock import ManualClock
from mockserver.errors import Unauthorized
from mockserver.ids import IdFactory
from mockserver.providers.platform import PlatformProvider
from mockserver.providers.platform.backend import PlatformBackend
from mockserver.providers.platform.models import VERIFICATION
from mockserver.providers.platform.schemas import TollfreeVerificationRequest
from mockserver.store import Store

from .conftest import submission

# The vendor's TollfreeVerificationResponse, in its order (docs/reference/platform-setups.md).
RESPONSE = [
    "phone_number_id",
    "verification_sid",
    "status",
    "business_name",
    "business_website",
    "use_case_categories",
    "use_case_summary",
    "production_message_sample",
    "opt_in_image_urls",
    "opt_in_type",
    "message_volume",
    "business_street_address",
    "business_street_address2",
    "business_city",
    "business_state_province_region",
    "business_postal_code",
    "business_country",
    "business_contact_first_name",
    "business_contact_last_name",
    "business_contact_email",
    "business_contact_phone",
    "additional_information",
    "rejection_reasons",
    "edit_allowed",
    "created_at",
    "updated_at",
]


@pytest.fixture
def platform():
    """A backend on its own, with one setup holding one toll-free number."""
    store = Store(":memory:")
    backend = PlatformBackend(store, ManualClock("2025-01-01T00:00:00Z"), IdFactory(1))
    setup = backend.create_setup("key", name="s")
    number = backend.add_phone_number(setup["id"], "+18005550100")
    yield backend, store, setup["id"], number["id"]
    store.close()


def test_the_response_shows_the_declared_fields_in_the_vendors_order(submitted):
    assert [f.output_name for f in VERIFICATION.shown()] == RESPONSE
    assert list(submitted()) == RESPONSE


def test_a_new_record_holds_every_stored_field(platform):
    backend, store, setup, number = platform
    record = backend.submit_verification("key", setup, number, submission())
    stored = store.get("platform_verifications", record["verification_sid"])
    assert list(stored) == [f.name for f in VERIFICATION.stored()]
    assert stored["setup_id"] == setup


def test_the_submit_body_is_the_declarations_editable_fields():
    body = TollfreeVerificationRequest.model_fields
    assert list(body) == list(VERIFICATION.editable())
    assert [name for name, f in body.items() if f.is_required()] == list(VERIFICATION.required())


def test_the_kind_is_registered_with_its_lifecycle_and_verdict_fields():
    [kind] = PlatformProvider.record_kinds
    assert kind is VERIFICATION
    assert kind.statuses() == ("pending-review", "in-review", "twilio-approved", "twilio-rejected")
    assert kind.verdict_fields == ("codes", "edit_allowed")


def test_setups_and_numbers_go_through_the_backend(platform):
    backend, _, setup, number = platform
    assert backend.authenticate("key") == "key"
    with pytest.raises(Unauthorized):
        backend.authenticate("nobody's")
    assert [s["id"] for s in backend.list_setups("key")] == [setup]
    assert backend.list_setups("other") == []
    assert backend.setup(setup)["name"] == "s"
    assert [n["id"] for n in backend.setup_phone_numbers(setup)] == [number]
