"""Seedable identifiers."""

import re

from mockserver.ids import IdFactory


def test_sids_are_a_prefix_and_32_hex_digits():
    assert re.fullmatch(r"HH[0-9a-f]{32}", IdFactory().sid("HH"))


def test_the_same_seed_gives_the_same_ids():
    first, second = IdFactory(7), IdFactory(7)
    assert [first.sid("HH") for _ in range(3)] == [second.sid("HH") for _ in range(3)]
    assert first.uuid4() == second.uuid4()


def test_reseeding_restarts_the_sequence():
    ids = IdFactory(7)
    start = ids.sid("PN")
    ids.sid("PN")
    ids.reseed(7)
    assert ids.sid("PN") == start


def test_uuid4_is_a_valid_version_4_uuid():
    assert re.fullmatch(
        r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", IdFactory(1).uuid4()
    )
