"""Identifiers come from one seedable generator, so a seed plus a frozen clock replays a run.

ids = IdFactory(seed=7)
ids.sid("HH")   # 'HH' + 32 lowercase hex digits, the same for every run with seed 7
"""

import random
import threading

_UNSET = ~(0xC000 << 48 | 0xF000 << 64)  # the variant and version bits
_VERSION_4 = 0x8000 << 48 | 4 << 76  # RFC 4122 variant, version 4


class IdFactory:
    """Generate provider identifiers from a ``random.Random`` that can be reseeded."""

    def __init__(self, seed: int | None = None):
        self._lock = threading.Lock()
        self._random = random.Random(seed)

    def reseed(self, seed: int | str | None) -> None:
        """Restart the sequence from ``seed`` (None: unpredictable)."""
        with self._lock:
            self._random.seed(seed)

    def hex(self, digits: int = 32) -> str:
        """Return ``digits`` lowercase hex characters."""
        with self._lock:
            return f"{self._random.getrandbits(digits * 4):0{digits}x}"

    def digits(self, count: int = 10) -> str:
        """Return ``count`` decimal digits (Pinnacle-style ids: ``tf_`` + 10 digits)."""
        with self._lock:
            return f"{self._random.randrange(10**count):0{count}d}"

    def sid(self, prefix: str) -> str:
        """Return a Twilio-style SID: a two-letter prefix and 32 hex digits."""
        return prefix + self.hex(32)

    def uuid4(self) -> str:
        """Return a version-4 UUID built from the seeded generator."""
        with self._lock:
            bits = self._random.getrandbits(128)
        # What str(uuid.UUID(int=bits, version=4)) gives, without building the object (an
        # idempotency token is drawn at every status callback).
        text = f"{bits & _UNSET | _VERSION_4:032x}"
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"
