"""Our wire schemas match what the installed twilio SDK sends and reads, name for name."""

import inspect
import re

from twilio.rest.messaging.v1 import tollfree_verification as sdk

from mockserver.providers.twilio.models import VERIFICATION
from mockserver.providers.twilio.schemas.verifications import (
    CreateVerificationSchema,
    ListVerificationsQuery,
    UpdateVerificationSchema,
)

from .conftest import read_by_sdk
from .test_create import REQUIRED


def sent_by(function) -> set[str]:
    """The PascalCase parameters an SDK method puts on the wire."""
    return set(re.findall(r'"([A-Z][A-Za-z0-9]+)": ', inspect.getsource(function))) - {"Accept"}


def data_keys(schema) -> set[str]:
    return {field.data_key for field in schema.load_fields.values()}


def test_create_accepts_exactly_the_sdks_parameters():
    expected = sent_by(sdk.TollfreeVerificationList._create)
    assert data_keys(CreateVerificationSchema()) == expected


def test_create_requires_exactly_the_specs_ten_parameters():
    required = {
        field.data_key
        for field in CreateVerificationSchema().load_fields.values()
        if field.required
    }
    assert required == set(REQUIRED)


def test_update_accepts_exactly_the_sdks_parameters():
    expected = sent_by(sdk.TollfreeVerificationContext._update)
    assert data_keys(UpdateVerificationSchema()) == expected


def test_list_accepts_every_query_parameter_the_sdk_sends():
    assert data_keys(ListVerificationsQuery()) == sent_by(sdk.TollfreeVerificationList.page)


def test_records_show_every_field_the_sdk_reads_and_rejected_on():
    shown = [field.output_name for field in VERIFICATION.shown()]
    assert sorted(shown) == sorted([*read_by_sdk(), "rejected_on"])


def test_written_refuses_a_member_the_answer_does_not_name_or_lacks():
    """Renderers build their values, so a missing or an extra member is a bug, which no list
    takes for a damaged record."""
    import pytest

    from mockserver.listing import DAMAGE, ShapeError
    from mockserver.providers.twilio.schemas.document import Capabilities, written

    values = {"voice": True, "SMS": True, "MMS": False, "fax": False}
    assert written(Capabilities, values) == values
    for wrong in ({**values, "extra": 1}, {k: v for k, v in values.items() if k != "fax"}):
        with pytest.raises(ShapeError):
            written(Capabilities, wrong)
    assert not issubclass(ShapeError, DAMAGE)
