"""SMS segment counting, as carriers count GSM-7 and UTF-16 texts."""

import pytest

from mockserver import sms_segments as segments


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", (1, "gsm7")),
        ("a" * 160, (1, "gsm7")),
        ("a" * 161, (2, "gsm7")),
        ("a" * 459, (3, "gsm7")),
        ("a" * 460, (4, "gsm7")),
        ("{}" * 40, (1, "gsm7")),
        ("[" * 81, (2, "gsm7")),
        ("@£$¥èéùìòÇ" * 16, (1, "gsm7")),
        ("ç", (1, "utf16")),
        ("Ж" * 70, (1, "utf16")),
        ("Ж" * 71, (2, "utf16")),
        ("Ж" * 134, (2, "utf16")),
        ("Ж" * 135, (3, "utf16")),
        ("😀" * 35, (1, "utf16")),
    ],
    ids=lambda value: repr(value)[:20] if isinstance(value, str) else None,
)
def test_count_gives_segments_and_encoding(text, expected):
    assert segments.count(text) == expected


def test_one_non_gsm_character_switches_the_whole_text_to_utf16():
    assert segments.count("a" * 100) == (1, "gsm7")
    assert segments.count("a" * 100 + "\u2019") == (2, "utf16")


def test_a_lone_surrogate_counts_as_one_utf16_unit_instead_of_raising():
    assert segments.count("a\ud800" * 35) == (1, "utf16")
    assert segments.count("a\ud800" * 36) == (2, "utf16")
