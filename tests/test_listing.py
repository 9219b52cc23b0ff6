"""Lists render each record on its own: a damaged one is left out with one warning."""

import logging

from mockserver.listing import name_of, render_all


def render(record: dict) -> dict:
    """A renderer that needs ``sid`` and ``status``."""
    return {"sid": record["sid"], "status": record["status"]}


def test_a_record_that_cannot_be_rendered_is_left_out_with_a_warning_naming_it(caplog):
    records = [{"sid": "A", "status": "ok"}, {"sid": "B"}, {"sid": "C", "status": "ok"}]
    with caplog.at_level(logging.WARNING, logger="mockserver.listing"):
        shown = render_all(records, render, "sink", "sid")
    assert [item["sid"] for item in shown] == ["A", "C"]
    [warning] = caplog.records
    assert warning.getMessage() == "left damaged sink B out of a list: no 'status' field"


def test_a_record_without_an_id_is_named_by_its_field_names_never_their_values():
    assert name_of({"tenant": "pk_s", "status": "ok"}, "id") == "(no id; fields status, tenant)"
    assert name_of({"campaign_id": "tf_1"}, "campaign_id") == "tf_1"
    assert name_of(["not", "a", "dict"], "sid") == "(a list, not a document)"
