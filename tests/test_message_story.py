"""The message story: scenario files that tell a message's way, selection by story, and the
engine running a message plan on the virtual clock."""

from datetime import timedelta
from pathlib import Path

import pytest

from mockserver.lifecycle import (
    MESSAGE_ACTIONS,
    NO_VERDICT,
    Action,
    Change,
    Verdict,
)
from mockserver.runtime import Runtime
from mockserver.scenarios import (
    MESSAGE,
    REVIEW,
    ScenarioBook,
    ScenarioError,
    bundled_directory,
    load_scenario,
)
from mockserver.settings import Settings
from tests.conftest import MESSAGE_FLOW

MESSAGE_HEAD = "story: message\ndescription: x\nsteps:\n"
WAY = "  - {after: 0s, do: queue}\n  - {after: 1s, do: send}\n  - {after: 1s, do: hand_off}\n"


def write(tmp_path: Path, text: str, name: str = "mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


# -- files ----------------------------------------------------------------------------------


def test_a_message_scenario_loads_with_its_story_and_error_code(tmp_path):
    path = write(
        tmp_path, MESSAGE_HEAD + WAY + "  - {after: 2s, do: undeliver, error_code: 30003}\n"
    )
    scenario = load_scenario(path)
    assert scenario.story == MESSAGE
    assert [step.action for step in scenario.steps] == [
        Action.QUEUE,
        Action.SEND,
        Action.HAND_OFF,
        Action.UNDELIVER,
    ]
    assert scenario.steps[-1].verdict == Verdict(codes=(30003,))
    assert scenario.steps[-1].describe() == {"do": "undeliver", "after": "2s", "error_code": 30003}
    assert scenario.on_resubmit == ()  # a message is never resubmitted
    assert scenario.describe()["story"] == "message"


def test_a_scenario_without_a_story_tells_the_review_story(tmp_path):
    scenario = load_scenario(
        write(tmp_path, "description: x\nsteps:\n  - {after: 1s, do: review}\n")
    )
    assert scenario.story == REVIEW
    assert scenario.describe()["story"] == "review"


def test_a_message_may_fail_while_sending(tmp_path):
    path = write(
        tmp_path,
        MESSAGE_HEAD
        + "  - {after: 0s, do: queue}\n  - {after: 1s, do: send}\n"
        + "  - {after: 1s, do: fail, error_code: 30008}\n",
    )
    assert load_scenario(path).steps[-1].verdict.codes == (30008,)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (
            MESSAGE_HEAD + "  - {after: 1s, do: send}\n",
            ":4: steps.0.do: cannot send a message that is created",
        ),
        (
            MESSAGE_HEAD + WAY + "  - {after: 1s, do: fail}\n",
            ":7: steps.3.do: cannot fail a message that is sent",
        ),
        (
            MESSAGE_HEAD + WAY + "  - {after: 1s, do: deliver}\n  - {after: 1s, do: deliver}\n",
            ":8: steps.4.do: cannot deliver a message that is delivered",
        ),
        (
            MESSAGE_HEAD + "  - {after: 1s, do: queue}\n  - {after: 1s, do: review}\n",
            ":5: steps.1.do: review is not a step of a message story (one of: queue, send,",
        ),
        (
            "description: x\nsteps:\n  - {after: 1s, do: queue}\n",
            ":3: steps.0.do: queue is not a step of a review story (one of: review, approve,",
        ),
        (
            MESSAGE_HEAD + WAY + "  - {after: 1s, do: deliver, error_code: 30003}\n",
            ":7: steps.3.do: only an undeliver or fail step takes error_code",
        ),
        (
            "description: x\nsteps:\n  - {after: 1s, do: review}\n"
            "  - {after: 1s, do: reject, codes: [30473], error_code: 30003}\n",
            ":4: steps.1.do: only an undeliver or fail step takes error_code",
        ),
        (
            MESSAGE_HEAD + WAY + "  - {after: 1s, do: undeliver, codes: [30473]}\n",
            ":7: steps.3.do: only a reject step takes codes and edit_allowed",
        ),
        (
            MESSAGE_HEAD + WAY + "on_resubmit:\n  - {after: 1s, do: queue}\n",
            ":8: on_resubmit: a message story has no resubmission",
        ),
        (
            MESSAGE_HEAD + WAY + "on_late_resubmit:\n  - {after: 1s, do: queue}\n",
            ":8: on_late_resubmit: a message story has no resubmission",
        ),
        (
            MESSAGE_HEAD + WAY + "  - {after: 1s, do: undeliver, error_code: 3000}\n",
            ":7: steps.3.error_code: an error code has five digits",
        ),
        (
            MESSAGE_HEAD + WAY + "  - {after: 1s, do: undeliver, error_code: '30003'}\n",
            ":7: steps.3.error_code: Not a valid integer.",
        ),
        (
            MESSAGE_HEAD + "  - {after: 1s, do: cancel}\n",
            ":4: steps.0.do: Must be one of",
        ),
        ("story: email\ndescription: x\nsteps:\n  - {after: 1s, do: review}\n", ":1: story:"),
    ],
)
def test_a_bad_message_file_is_refused_naming_file_line_field_and_reason(tmp_path, text, where):
    path = write(tmp_path, text)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert caught.value.message.startswith(str(path))
    assert where in caught.value.message


def test_the_bundled_message_scenarios_tell_their_outcomes():
    book = ScenarioBook.from_directories([bundled_directory()], "happy_path")
    default = book.get("twilio_message")
    assert default.story == MESSAGE
    assert [(step.action, step.delay) for step in default.steps] == [
        (Action.QUEUE, 0),
        (Action.SEND, 1),
        (Action.HAND_OFF, 1),
        (Action.DELIVER, 2),
    ]
    outcomes = {
        "twilio_message_unreachable": ("+15005550021", Action.UNDELIVER, 30003),
        "twilio_message_unknown_handset": ("+15005550022", Action.UNDELIVER, 30005),
        "twilio_message_landline": ("+15005550023", Action.UNDELIVER, 30006),
        "twilio_message_filtered": ("+15005550024", Action.UNDELIVER, 30007),
        "twilio_message_failed": ("+15005550025", Action.FAIL, 30008),
    }
    for name, (to, action, code) in outcomes.items():
        scenario = book.get(name)
        *before, last = scenario.steps
        assert scenario.story == MESSAGE and scenario.match == {"to": to}
        assert before == list(default.steps[: len(before)])  # the default's timing
        assert (last.action, last.verdict) == (action, Verdict(codes=(code,)))


# -- selection ------------------------------------------------------------------------------


@pytest.fixture
def book():
    return ScenarioBook.from_directories([bundled_directory()], "happy_path")


def test_the_review_default_does_not_run_a_message(book):
    with pytest.raises(ScenarioError, match="no message scenario to run"):
        book.select({"to": "+15551230000"}, story=MESSAGE)
    assert book.select({"to": "+15551230000"}).name == "happy_path"


def test_a_message_runs_its_kind_default(book):
    assert book.select({}, None, "twilio_message", MESSAGE).name == "twilio_message"
    assert book.default_for("twilio_message", MESSAGE) == "twilio_message"


def test_a_message_matches_its_recipient(book):
    chosen = book.select({"to": "+15005550021", "body": "hi"}, None, "twilio_message", MESSAGE)
    assert chosen.name == "twilio_message_unreachable"


def test_a_review_record_never_matches_a_message_scenario(book):
    assert book.select({"to": "+15005550021"}, None, None).name == "happy_path"
    marked = {"business_name": "Owl [scenario:twilio_message_failed]"}
    assert book.select(marked).name == "happy_path"


@pytest.mark.parametrize(
    ("bound", "story", "kind", "expected"),
    [
        ("happy_path", MESSAGE, "twilio_message", "twilio_message"),
        ("twilio_message_failed", REVIEW, None, "happy_path"),
        ("twilio_message_failed", MESSAGE, "twilio_message", "twilio_message_failed"),
    ],
)
def test_a_binding_to_a_scenario_of_the_other_story_is_ignored(book, bound, story, kind, expected):
    assert book.select({}, bound, kind, story).name == expected


def test_a_marker_in_a_message_selects_a_message_scenario_and_reject_markers_do_not(book):
    marked = {"body": "hi [scenario:twilio_message_landline]"}
    assert book.select(marked, None, "twilio_message", MESSAGE).name == "twilio_message_landline"
    rejected = {"body": "hi [reject:30473]"}
    assert book.select(rejected, None, "twilio_message", MESSAGE).name == "twilio_message"


def test_an_explicit_default_applies_only_to_its_own_story():
    review = ScenarioBook.from_directories([bundled_directory()], "realistic", explicit=True)
    assert review.default_for("twilio_message", MESSAGE) == "twilio_message"
    assert review.default_for("pinnacle_campaign") == "realistic"
    message = ScenarioBook.from_directories(
        [bundled_directory()], "twilio_message_failed", explicit=True
    )
    assert message.default_for("twilio_message", MESSAGE) == "twilio_message_failed"
    assert message.default_for("pinnacle_campaign") == "pinnacle_campaign"
    with pytest.raises(ScenarioError, match="no review scenario to run: no kind default"):
        message.default_for(None)


def test_a_kind_default_of_the_other_story_is_not_run(book):
    assert book.default_for("twilio_message") == "happy_path"
    with pytest.raises(ScenarioError, match="the kind's default 'happy_path' tells a review"):
        book.default_for("happy_path", MESSAGE)


def test_a_message_default_for_every_kind_is_refused_at_start(clock):
    """``--scenario twilio_message`` leaves the review kinds nothing to run: the sandbox
    refuses to start rather than fail every verification create."""
    with pytest.raises(ScenarioError, match="no review scenario to run"):
        Runtime(Settings(store=":memory:", scenario="twilio_message"), clock=clock)


def test_the_control_api_lists_each_scenario_s_story(client):
    listed = {s["name"]: s for s in client.get("/_mock/scenarios").get_json()["scenarios"]}
    assert listed["happy_path"]["story"] == "review"
    assert listed["twilio_message_unreachable"]["story"] == "message"
    assert listed["twilio_message_unreachable"]["on_resubmit"] == []
    assert listed["twilio_message_unreachable"]["steps"][-1] == {
        "do": "undeliver",
        "after": "2s",
        "error_code": 30003,
    }


# -- the engine -----------------------------------------------------------------------------


class FakeMessages:
    """A provider's backend as the engine sees it: messages that follow ``MESSAGE_FLOW``."""

    def __init__(self):
        self.status: dict[str, str] = {}
        self.applied: list[tuple[str, Action, str, Verdict]] = []

    def lifecycle_of(self, record_id):
        return MESSAGE_FLOW

    def owns(self, record_id):
        return record_id in self.status

    def status_of(self, record_id):
        return self.status[record_id]

    def apply_action(self, record_id, action, *, at, verdict=NO_VERDICT):
        before = self.status[record_id]
        self.status[record_id] = MESSAGE_FLOW.target(before, action)
        self.applied.append((record_id, action, at.strftime("%H:%M:%S"), verdict))
        return Change(record_id, action, before, self.status[record_id])


@pytest.fixture
def messages(runtime):
    fake = FakeMessages()
    runtime.engine.register("fake", fake)
    return fake


def send(runtime, messages, record_id: str, to: str, status: str = "queued") -> str:
    """Create a message the way a backend does: its record, then its plan."""
    messages.status[record_id] = status
    with runtime.store.transaction():
        return runtime.engine.submitted(
            "fake",
            record_id,
            inputs={"to": to, "body": "hi"},
            phone_keys=["+15005550006"],
            at=runtime.clock.now(),
            kind_default="twilio_message",
            story=MESSAGE,
        )


def test_the_engine_runs_a_message_plan_at_its_due_times(runtime, messages):
    assert send(runtime, messages, "SM1", "+15551230000") == "twilio_message"
    runtime.advance(0)
    assert [(a, t) for _, a, t, _ in messages.applied] == [(Action.QUEUE, "00:00:00")]
    assert messages.status["SM1"] == "queued"  # no Messaging Service: queue changes nothing
    runtime.advance(1)
    runtime.advance(1)
    assert messages.status["SM1"] == "sent"
    runtime.advance(1)
    assert messages.status["SM1"] == "sent"  # delivery comes 2 s after the hand-off
    runtime.advance(1)
    assert [(a, t) for _, a, t, _ in messages.applied] == [
        (Action.QUEUE, "00:00:00"),
        (Action.SEND, "00:00:01"),
        (Action.HAND_OFF, "00:00:02"),
        (Action.DELIVER, "00:00:04"),
    ]
    assert messages.status["SM1"] == "delivered"
    assert runtime.engine.pending_count() == 0


def test_an_undeliver_step_passes_its_error_code_to_the_backend(runtime, messages):
    assert send(runtime, messages, "SM2", "+15005550021", "accepted") == (
        "twilio_message_unreachable"
    )
    summary = runtime.advance(10)
    assert [t["action"] for t in summary["transitions"]] == [
        "queue",
        "send",
        "hand_off",
        "undeliver",
    ]
    *_, (_, action, at, verdict) = messages.applied
    assert (action, at, verdict) == (Action.UNDELIVER, "00:00:04", Verdict(codes=(30003,)))
    assert messages.status["SM2"] == "undelivered"


def test_a_fail_step_passes_its_error_code_to_the_backend(runtime, messages):
    send(runtime, messages, "SM3", "+15005550025")
    runtime.advance(10)
    assert messages.applied[-1][1:] == (Action.FAIL, "00:00:02", Verdict(codes=(30008,)))
    assert messages.status["SM3"] == "failed"


def test_a_forced_move_keeps_codes_only_for_coded_actions(runtime, messages):
    messages.status["SM4"] = "sent"
    messages.status["SM5"] = "sent"
    now = runtime.clock.now()
    runtime.engine.force("SM4", at=now, action="undeliver", codes=(30003,))
    runtime.engine.force("SM5", at=now, action="deliver", codes=(30003,), edit_allowed=True)
    assert [entry[3] for entry in messages.applied] == [Verdict(codes=(30003,)), NO_VERDICT]


def test_a_forced_status_walks_the_message_flow(runtime, messages):
    messages.status["SM6"] = "queued"
    runtime.engine.force("SM6", at=runtime.clock.now() + timedelta(seconds=5), status="delivered")
    assert [entry[1] for entry in messages.applied] == [
        Action.SEND,
        Action.HAND_OFF,
        Action.DELIVER,
    ]


def test_every_message_action_is_in_the_vocabulary():
    assert {action.value for action in MESSAGE_ACTIONS} == {
        "queue",
        "send",
        "hand_off",
        "deliver",
        "undeliver",
        "fail",
        "cancel",
    }


def test_the_cli_lists_and_validates_message_scenarios(capsys):
    from mockserver.cli import main

    assert main(["scenarios", "list"]) == 0
    listed = capsys.readouterr().out
    assert "twilio_message_unreachable: Unreachable destination handset" in listed
    assert "    story: message\n    steps: queue after 0s, send after 1s" in listed
    assert "happy_path: The default." in listed
    path = bundled_directory() / "twilio_message_failed.yaml"
    assert main(["scenarios", "validate", str(path)]) == 0
    assert (
        capsys.readouterr().out == f"{path}: ok (twilio_message_failed: 3 steps, message story)\n"
    )
