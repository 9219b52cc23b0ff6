"""Our wire schemas match what the installed twilio SDK sends and reads, name for name."""

import inspect
import re

from twilio.rest.messaging.v1 import tollfree_verification as sdk

from mockserver.providers.twilio.schemas.verifications import (
    RESPONSE_FIELDS,
    CreateVerificationSchema,
    ListVerificationsQuery,
    UpdateVerificationSchema,
)

from .test_create import REQUIRED


def sent_by(function) -> set[str]:
    """The PascalCase parameters an SDK method puts on the wire."""
    return set(re.findall(r'"([A-Z][A-Za-z0-9]+)": ', inspect.getsource(function))) - {"Accept"}


def data_keys(schema) -> set[str]:
    return {field.data_key for field in schema.load_fields.values()}


def test_create_accepts_exactly_the_sdks_37_parameters():
    expected = sent_by(sdk.TollfreeVerificationList._create)
    assert len(expected) == 37
    assert data_keys(CreateVerificationSchema()) == expected


def test_create_requires_exactly_the_specs_ten_parameters():
    required = {
        field.data_key
        for field in CreateVerificationSchema().load_fields.values()
        if field.required
    }
    assert required == set(REQUIRED)


def test_update_accepts_exactly_the_sdks_35_parameters():
    expected = sent_by(sdk.TollfreeVerificationContext._update)
    assert len(expected) == 35
    assert data_keys(UpdateVerificationSchema()) == expected


def test_list_accepts_every_query_parameter_the_sdk_sends():
    assert data_keys(ListVerificationsQuery()) == sent_by(sdk.TollfreeVerificationList.page)


def test_records_carry_every_field_the_sdk_reads():
    read = set(
        re.findall(
            r'payload\.get\(\s*"([a-z0-9_]+)"',
            inspect.getsource(sdk.TollfreeVerificationInstance.__init__),
        )
    )
    assert len(read) == 53
    assert set(RESPONSE_FIELDS) == read
