"""What the benchmarks share: the seed account, one valid submission in both shapes, a
supply of toll-free numbers, a free port and a scenario that holds every record still."""

import re
import socket
from pathlib import Path

from mockserver.nanp import TOLL_FREE_PREFIXES
from mockserver.providers.twilio.schemas.document import VERIFICATION_EXAMPLE

ACCOUNT, TOKEN = "AC00000000000000000000000000000001", "sandbox_auth_token"
# A scenario whose first step waits for a forced move: a benchmark's records never move on
# their own, so no scheduled transition runs while something else is measured.
HELD_SCENARIO = "held"
_HELD_STEPS = "description: Waits for a forced move.\nsteps:\n  - {after: manual, do: review}\n"
# The API reference's example submission (variant 2.2: the seed's approved secondary
# profile) without its number, which each create adds, or its reference id.
FORM = {
    key: value
    for key, value in VERIFICATION_EXAMPLE.items()
    if key not in ("TollfreePhoneNumberSid", "ExternalReferenceId")
}
# The same submission as backend values (snake_case), for filling a store without HTTP.
VALUES = {re.sub(r"(?<!^)(?=[A-Z])", "_", key).lower(): value for key, value in FORM.items()}


def toll_free_numbers():
    """An endless supply of distinct toll-free numbers."""
    serial = 0
    while True:
        for prefix in TOLL_FREE_PREFIXES:
            yield f"+1{prefix}{2000000 + serial:07d}"
        serial += 1


def free_port() -> int:
    """A TCP port nothing listens on now (for a server started next)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def percentile(samples: list[float], fraction: float) -> float:
    """The sample at ``fraction`` of the way through the sorted samples (nearest rank)."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def write_held_scenario(folder: Path) -> None:
    """Put ``HELD_SCENARIO``'s file into ``folder`` (then a scenarios directory)."""
    (folder / f"{HELD_SCENARIO}.yaml").write_text(_HELD_STEPS)
