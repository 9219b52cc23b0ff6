"""The injectable clocks and time formats."""

from datetime import UTC, datetime

import pytest

from mockserver.clock import (
    LATEST,
    ClockLimitError,
    ManualClock,
    SystemClock,
    format_iso,
    format_rfc2822,
    parse_iso,
)


def test_manual_clock_stands_still_until_advanced():
    clock = ManualClock("2025-01-01T00:00:00Z")
    assert clock.now() == clock.now() == datetime(2025, 1, 1, tzinfo=UTC)
    clock.advance(90.5)
    assert format_iso(clock.now()) == "2025-01-01T00:01:30Z"


def test_system_clock_runs_ahead_by_its_offset():
    clock = SystemClock()
    clock.advance(86400)
    assert clock.offset == 86400
    assert (clock.now() - datetime.now(UTC)).total_seconds() == pytest.approx(86400, abs=5)


@pytest.mark.parametrize("clock", [SystemClock(), ManualClock()])
def test_clocks_only_move_forward(clock):
    with pytest.raises(ValueError, match="forward"):
        clock.advance(-1)


def test_formats_match_twilio():
    moment = datetime(2010, 8, 16, 3, 45, 1, 999, tzinfo=UTC)
    assert format_iso(moment) == "2010-08-16T03:45:01Z"
    assert format_rfc2822(moment) == "Mon, 16 Aug 2010 03:45:01 +0000"
    assert parse_iso("2010-08-16T03:45:01Z") == moment.replace(microsecond=0)


def test_a_system_clock_offset_survives_a_restart_of_the_runtime(tmp_path):
    from mockserver.runtime import Runtime
    from mockserver.settings import Settings

    settings = Settings(store=str(tmp_path / "s.json"))
    first = Runtime(settings, clock=SystemClock())
    first.advance(86400)
    first.close()
    second = Runtime(settings, clock=SystemClock())
    assert second.clock.offset >= 86400
    assert (second.clock.now() - datetime.now(UTC)).total_seconds() >= 86400 - 5
    second.close()


def test_a_restored_clock_never_runs_backwards():
    clock = ManualClock("2025-06-01T00:00:00Z")
    clock.restore({"now": "2025-01-01T00:00:00.000Z"})
    assert format_iso(clock.now()) == "2025-06-01T00:00:00Z"


@pytest.mark.parametrize("make", [SystemClock, ManualClock])
def test_an_advance_past_the_latest_time_is_a_value_error_and_changes_nothing(make):
    clock = make()
    clock.advance((LATEST - clock.now()).total_seconds() - 86400)
    before = clock.now()
    for seconds in (2 * 86400, 1e300):
        with pytest.raises(ClockLimitError):
            clock.advance(seconds)
    assert abs((clock.now() - before).total_seconds()) < 5
    assert issubclass(ClockLimitError, ValueError)


@pytest.mark.parametrize("make", [SystemClock, ManualClock])
@pytest.mark.parametrize("seconds", [float("inf"), float("nan")])
def test_infinite_or_nan_advances_are_value_errors(make, seconds):
    with pytest.raises(ValueError, match="finite"):
        make().advance(seconds)


def test_a_damaged_saved_state_cannot_take_a_clock_past_the_latest_time():
    system = SystemClock()
    system.restore({"offset": 1e300})
    system.restore({"offset": float("nan")})
    assert abs((system.now() - LATEST).total_seconds()) < 5  # real time runs on meanwhile
    manual = ManualClock()
    manual.restore({"now": "9999-12-31T23:59:59Z"})
    assert manual.now() == LATEST
