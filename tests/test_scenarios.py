"""Scenario files: parsing, validation with file and line, and selection."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from mockserver.lifecycle import Action
from mockserver.scenarios import (
    ScenarioBook,
    ScenarioError,
    bundled_directory,
    load_scenario,
    parse_duration,
)


def write(tmp_path: Path, text: str, name: str = "mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("30s", 30), ("2m", 120), ("2h", 7200), ("3d", 259200), ("250ms", 0.25), ("1.5h", 5400)],
)
def test_durations(text, seconds):
    assert parse_duration(text) == seconds


def test_manual_has_no_duration():
    assert parse_duration("manual") is None


def test_a_scenario_file_loads_with_defaults(tmp_path):
    scenario = load_scenario(
        write(
            tmp_path,
            """
description: Quick.
steps:
  - {after: 1s, do: review}
  - {after: 2m, do: reject, codes: [30473, 30476], edit_allowed: false, reason: Bad site}
""",
        )
    )
    assert scenario.name == "mine"
    assert scenario.steps[1].action == Action.REJECT
    assert scenario.steps[1].codes == (30473, 30476)
    assert scenario.steps[1].edit_allowed is False
    assert scenario.on_resubmit == scenario.steps  # default: the same story again


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (
            "description: x\nsteps:\n  - {after: 30s, do: review}\n"
            "  - {after: soon, do: approve}\n",
            ":4: steps.1.after: 'soon' is not a duration",
        ),
        ("description: x\nsteps:\n  - {after: 30s, do: dance}\n", ":3: steps.0.do: Must be one of"),
        (
            "description: x\nsteps:\n  - {after: 30s, do: review}\n"
            "  - {after: 1m, do: reject, codes: [99999]}\n",
            ":4: steps.1.codes: unknown rejection",
        ),
        (
            "description: x\nsteps:\n  - {after: 30s, do: approve}\n",
            ":3: steps.0.do: cannot approve a submission that is submitted",
        ),
        (
            "description: x\nsteps:\n  - {after: 30s, do: review}\non_resubmit:\n"
            "  - {after: 1m, do: review}\n  - {after: 1m, do: review}\n",
            ":6: on_resubmit.1.do: cannot review a submission that is in review",
        ),
        ("steps:\n  - {after: 30s, do: review}\n", ":1: description: Missing data"),
        (
            "description: x\ncolour: red\nsteps:\n  - {after: 30s, do: review}\n",
            ":2: colour: Unknown field.",
        ),
        ("description: x\nsteps: [\n", "not valid YAML"),
    ],
)
def test_a_bad_file_is_refused_naming_file_line_field_and_reason(tmp_path, text, where):
    path = write(tmp_path, text)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert caught.value.message.startswith(str(path))
    assert where in caught.value.message


def test_every_bundled_scenario_loads_and_tells_a_full_story():
    book = ScenarioBook.from_directories([bundled_directory()], "happy_path")
    assert set(book.names()) >= {
        "happy_path",
        "realistic",
        "reject_then_approve",
        "rejected_final",
        "reject_then_expire",
        "stuck_in_review",
    }
    first = {"review": Action.REVIEW, "message": Action.QUEUE}
    for scenario in book.all():
        assert scenario.description
        assert scenario.steps[0].action == first[scenario.story]


def test_a_later_directory_overrides_a_bundled_scenario(tmp_path):
    write(tmp_path, "description: Mine.\nsteps:\n  - {after: 1s, do: review}\n", "happy_path.yaml")
    book = ScenarioBook.from_directories([bundled_directory(), tmp_path], "happy_path")
    assert book.get("happy_path").description == "Mine."


def test_an_unknown_default_scenario_is_refused():
    with pytest.raises(ScenarioError, match="default scenario 'nope' is not loaded"):
        ScenarioBook.from_directories([bundled_directory()], "nope")


@pytest.fixture
def book():
    return ScenarioBook.from_directories([bundled_directory()], "happy_path")


@pytest.mark.parametrize(
    ("inputs", "bound", "expected"),
    [
        ({"business_name": "Owl"}, None, "happy_path"),
        ({"business_name": "Owl"}, "rejected_final", "rejected_final"),
        ({"business_name": "Owl [scenario:stuck_in_review]"}, None, "stuck_in_review"),
        ({"business_name": "Owl [scenario:stuck_in_review]"}, "realistic", "realistic"),
        ({"business_name": "sandbox reject then expire "}, None, "reject_then_expire"),
        (
            {"business_name": "x", "external_reference_id": "[scenario:realistic]"},
            None,
            "realistic",
        ),
        ({"business_name": "Owl [scenario:nope]"}, None, "happy_path"),
    ],
)
def test_selection_order_is_binding_then_magic_input_then_default(book, inputs, bound, expected):
    assert book.select(inputs, bound).name == expected


def test_a_reject_marker_overrides_the_rejection_codes(book):
    scenario = book.select({"business_name": "Owl [reject:30441,30473]"})
    assert scenario.name == "reject_then_approve"
    assert scenario.override_codes == (30441, 30473)
    reject = next(step for step in scenario.steps if step.action == Action.REJECT)
    assert reject.codes == (30441, 30473)


def test_a_reject_marker_with_unknown_codes_is_ignored(book):
    assert book.select({"business_name": "Owl [reject:12345]"}).name == "happy_path"


def test_a_kind_default_applies_unless_the_user_chose_the_default():
    """``--scenario X`` (explicit) beats a provider's kind default; without it the kind
    default runs; a magic input beats both."""
    from mockserver.scenarios import ScenarioBook, bundled_directory

    implicit = ScenarioBook.from_directories([bundled_directory()], "happy_path")
    chosen = ScenarioBook.from_directories([bundled_directory()], "realistic", explicit=True)
    assert implicit.select({}, None, "pinnacle_campaign").name == "pinnacle_campaign"
    assert implicit.select({}, None, None).name == "happy_path"
    assert chosen.select({}, None, "pinnacle_campaign").name == "realistic"
    marked = {"name": "x [scenario:fast]"}
    assert implicit.select(marked, None, "pinnacle_campaign").name == "fast"


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        ("2025-01-01T10:00:00Z", 2, "2025-01-03T10:00:00Z"),  # Wednesday -> Friday
        ("2025-01-03T15:00:00Z", 1, "2025-01-06T15:00:00Z"),  # Friday -> Monday
        ("2025-01-02T09:00:00Z", 3, "2025-01-07T09:00:00Z"),  # Thursday -> Tuesday
        ("2025-01-04T12:00:00Z", 1, "2025-01-07T00:00:00Z"),  # Saturday: from Monday 00:00
        ("2025-01-05T23:00:00Z", 2, "2025-01-08T00:00:00Z"),  # Sunday: from Monday 00:00
    ],
)
def test_business_days_skip_saturdays_and_sundays(start, days, due):
    from mockserver.clock import format_iso, parse_iso
    from mockserver.durations import add_business_days

    moment = add_business_days(parse_iso(start).timestamp(), days)
    assert format_iso(datetime.fromtimestamp(moment, UTC)) == due


def test_a_business_day_step_is_due_by_the_calendar(tmp_path):
    """``after: 2bd`` loads, lists as ``2bd`` and falls due by weekdays; ``1.5bd`` is refused."""
    from mockserver.scenarios import ScenarioError, load_scenario

    good = tmp_path / "slow.yaml"
    good.write_text(
        "description: d\nsteps:\n  - {after: 1h, do: review}\n  - {after: 2bd, do: approve}\n"
    )
    step = load_scenario(good).steps[1]
    assert step.describe() == {"do": "approve", "after": "2bd"}
    friday = datetime(2025, 1, 3, 12, tzinfo=UTC).timestamp()
    assert step.due_from(friday) == datetime(2025, 1, 7, 12, tzinfo=UTC).timestamp()
    bad = tmp_path / "bad.yaml"
    bad.write_text("description: d\nsteps:\n  - {after: 1.5bd, do: review}\n")
    with pytest.raises(ScenarioError, match="2bd"):
        load_scenario(bad)


@pytest.mark.parametrize("after", ["0bd", "1.5bd", "26001bd", "36501d", "9999999bd"])
def test_a_business_day_or_any_delay_must_be_reachable(tmp_path, after):
    """``0bd`` is not a manual step in disguise, and nothing past a century loads."""
    from mockserver.scenarios import ScenarioError, load_scenario

    path = tmp_path / "far.yaml"
    path.write_text(f"description: d\nsteps:\n  - {{after: {after}, do: review}}\n")
    with pytest.raises(ScenarioError, match="after"):
        load_scenario(path)


def test_a_century_of_business_days_is_computed_at_once():
    """Whole weeks are added in one step: 26,000 business days are 5,200 weeks."""
    from mockserver.durations import add_business_days

    monday = datetime(2025, 1, 6, tzinfo=UTC).timestamp()
    assert add_business_days(monday, 26_000) == monday + 5_200 * 7 * 86400
