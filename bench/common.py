"""What the benchmarks share: the seed account, one valid submission in both shapes, a
supply of toll-free numbers, a free port and a scenario that holds every record still."""

import re
import socket
from pathlib import Path

from mockserver.nanp import TOLL_FREE_PREFIXES

ACCOUNT, TOKEN = "AC00000000000000000000000000000001", "sandbox_auth_token"
# A scenario whose first step waits for a forced move: a benchmark's records never move on
# their own, so no scheduled transition runs while something else is measured.
HELD_SCENARIO = "held"
_HELD_STEPS = "description: Waits for a forced move.\nsteps:\n  - {after: manual, do: review}\n"
# A variant 2.2 submission (the seed's approved secondary profile); add the number's SID.
FORM = {
    "BusinessName": "Owl, Inc.",
    "BusinessWebsite": "http://www.company.com",
    "NotificationEmail": "support@company.com",
    "UseCaseCategories": ["TWO_FACTOR_AUTHENTICATION", "MARKETING"],
    "UseCaseSummary": "One-time passcodes for Owl customers",
    "ProductionMessageSample": "Your Owl code is 123456",
    "OptInImageUrls": ["https://example.com/1.jpg", "https://example.com/2.jpg"],
    "OptInType": "VERBAL",
    "MessageVolume": "1,000",
    "CustomerProfileSid": "BU00000000000000000000000000000002",
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
