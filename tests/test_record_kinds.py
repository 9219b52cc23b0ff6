"""Record kinds: one declaration gives create/update fields, defaults and the response shape."""

from dataclasses import replace

import pytest

from mockserver.lifecycle import verification_loop
from mockserver.record_kinds import Field, MaxLength, RecordKind

LOOP = verification_loop("PENDING", "IN_REVIEW", "APPROVED", "REJECTED")


def kind(*extra: Field) -> RecordKind:
    return RecordKind(
        provider="acme",
        name="thing",
        title="Thing",
        id_field="id",
        tenant_field="owner",
        lifecycle=LOOP,
        fields=(
            Field("id"),
            Field("owner"),
            Field("status"),
            Field("name", required=True, editable=True, checks=(MaxLength(10),)),
            Field("tags", type="list", item="string", editable=True, default=[]),
            Field("ref", create_only=True),
            Field("reason", update_only=True, hidden=True),
            Field("url", computed=True),
            Field("label", output="displayName", editable=True),
            *extra,
        ),
    )


def test_create_and_update_fields_follow_the_flags_in_declaration_order():
    thing = kind()
    assert [f.name for f in thing.create_fields()] == ["name", "tags", "ref", "label"]
    assert [f.name for f in thing.update_fields()] == ["name", "tags", "reason", "label"]
    assert thing.editable() == ("name", "tags", "label")
    assert thing.required() == ("name",)


def test_a_new_record_holds_every_stored_field_with_its_default():
    thing = kind()
    record = thing.new_record({"name": "x", "ref": "r", "reason": "ignored"}, id="1", owner="o")
    assert record == {
        "id": "1",
        "owner": "o",
        "status": None,
        "name": "x",
        "tags": [],
        "ref": "r",
        "reason": None,
        "label": None,
    }


def test_a_default_list_is_fresh_for_every_record():
    thing = kind()
    first = thing.new_record({})
    first["tags"].append("mutated")
    assert thing.new_record({})["tags"] == []


def test_system_values_must_be_declared():
    with pytest.raises(ValueError, match="undeclared fields nope"):
        kind().new_record({}, nope=1)


def test_responses_show_computed_fields_and_use_output_names_but_hide_hidden_ones():
    assert [f.output_name for f in kind().shown()] == [
        "id",
        "owner",
        "status",
        "name",
        "tags",
        "ref",
        "url",
        "displayName",
    ]


def test_statuses_come_from_the_lifecycle_then_the_extra_ones():
    thing = RecordKind(
        provider="acme",
        name="t",
        title="T",
        id_field="id",
        tenant_field="id",
        fields=(Field("id"), Field("status")),
        lifecycle=LOOP,
        extra_statuses=("DELETED", "PENDING"),
    )
    assert thing.statuses() == ("PENDING", "IN_REVIEW", "APPROVED", "REJECTED", "DELETED")


def test_a_field_declared_twice_or_a_missing_id_field_is_refused():
    with pytest.raises(ValueError, match="declared twice"):
        kind(Field("name"))
    with pytest.raises(ValueError, match="missing is not a declared field"):
        RecordKind("acme", "t", "T", id_field="missing", tenant_field="id", fields=(Field("id"),))


def test_a_computed_field_cannot_be_set_by_a_client_and_types_are_checked():
    with pytest.raises(ValueError, match="computed"):
        Field("url", computed=True, editable=True)
    with pytest.raises(ValueError, match="unknown type"):
        Field("x", type="str")


def test_describe_lists_fields_and_statuses_for_the_control_api():
    described = kind().describe()
    assert described["statuses"][0] == "PENDING"
    assert described["fields"][3] == {
        "name": "name",
        "type": "string",
        "output": "name",
        "required": True,
        "create": True,
        "update": True,
    }


def test_an_absent_default_leaves_the_field_out_until_the_client_gives_it():
    from mockserver.record_kinds import ABSENT

    thing = kind(Field("nickname", editable=True, default=ABSENT))
    assert "nickname" not in thing.new_record({})
    assert thing.new_record({"nickname": None})["nickname"] is None


def test_a_field_within_a_sub_document_is_settable_but_not_stored_at_the_top():
    thing = kind(
        Field("config", type="object", hidden=True, default={}),
        Field("sms_url", editable=True, within="config"),
    )
    assert "sms_url" in [f.name for f in thing.create_fields()]
    assert "sms_url" not in [f.name for f in thing.stored()]
    assert "sms_url" not in thing.new_record({"sms_url": "http://x.example/"})
    described = next(f for f in thing.describe()["fields"] if f["name"] == "sms_url")
    assert described["within"] == "config" and described["update"] is True


def test_a_field_shown_as_another_type_says_so_in_the_kinds_listing():
    thing = kind(Field("count", type="integer", shown_as="string"), Field("nickname"))
    described = {f["name"]: f for f in thing.describe()["fields"]}
    assert described["count"]["shown_as"] == "string" and described["count"]["type"] == "integer"
    assert "shown_as" not in described["nickname"]


@pytest.mark.parametrize(
    ("field_type", "shown_as"), [("integer", "text"), ("integer", "list"), ("list", "string")]
)
def test_a_field_shown_as_a_type_answers_cannot_show_is_refused(field_type, shown_as):
    """Only a scalar field is shown as another scalar (the answer schema could not say)."""
    with pytest.raises(ValueError, match=f"cannot be shown as '{shown_as}'"):
        Field("count", type=field_type, shown_as=shown_as)


def test_a_field_absent_until_set_is_not_a_required_member_of_its_answer():
    """``kind_schema`` requires every shown field but one a new record leaves out."""
    from mockserver.document_fields import ABSENT
    from mockserver.openapi import kind_schema

    # A name of its own: kind_schema keeps one schema per kind name.
    thing = replace(kind(Field("nickname", default=ABSENT), Field("color")), name="absent_test")
    declared = kind_schema(thing)._declared_fields
    assert (declared["nickname"].required, declared["color"].required) == (False, True)
