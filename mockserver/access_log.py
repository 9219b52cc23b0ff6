"""The access log of ``mockserver serve``: one line per request, written in batches."""

import threading
import time
from typing import TextIO

# Lines kept while the stream does not take them; past it, lines are dropped and counted.
MAX_PENDING_LINES = 10_000


class AccessLog:
    """One line per request on ``stream``, in the shape of the other log lines
    (``time INFO mockserver.access: client "request line" status bytes time-taken``).

    A request only formats its line and appends it to a list; a thread of the log's own
    writes what gathered every ``interval`` seconds in one write (and the rest at
    ``close``). A write per request would hand the GIL over once more per request, which is
    what costs at c=64 (docs/serving.md); ``logging`` would cost 2-3x the formatting."""

    def __init__(self, stream: TextIO, interval: float = 0.2):
        self.stream, self.interval = stream, interval
        self._clock = (-1, "")  # (second, its date and time): one tuple, read and set at once
        self._lines: list[str] = []
        self.dropped = 0  # lines not kept: the stream did not keep up, or failed
        self._unreported = 0
        self._dead = False  # the stream failed (stderr closed, a broken pipe): write no more
        self._lock = threading.Lock()
        self._closed = threading.Event()
        self._writer = threading.Thread(target=self._run, name="mockserver-access-log")
        self._writer.daemon = True

    def start(self) -> None:
        """Start the writing thread (once the server listens: nothing to stop otherwise)."""
        self._writer.start()

    def line(self, text: str) -> None:
        if self._dead:
            return
        now = time.time()
        second = int(now)
        clock = self._clock
        if clock[0] != second:  # the date and time, formatted once a second
            clock = self._clock = (
                second,
                time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(second)),
            )
        millis = int((now - second) * 1000)
        line = f"{clock[1]},{millis:03d} INFO mockserver.access: {text}\n"
        with self._lock:
            if len(self._lines) >= MAX_PENDING_LINES:  # the stream is stuck: keep no more
                self.dropped += 1
                self._unreported += 1
                return
            self._lines.append(line)

    def flush(self) -> None:
        """Write the lines gathered so far (and how many were dropped); once the stream
        failed, drop them: it is not tried again."""
        with self._lock:
            lines, self._lines = self._lines, []
            unreported, self._unreported = self._unreported, 0
        if self._dead:
            with self._lock:
                self.dropped += len(lines)
            return
        if unreported:
            lines.append(f"mockserver.access: {unreported} lines dropped, the log fell behind\n")
        if lines:
            try:
                self.stream.write("".join(lines))
                self.stream.flush()
            except (OSError, ValueError):  # stderr closed or broken: nothing to write to
                self._dead = True
                with self._lock:
                    self.dropped += len(lines)

    def close(self, timeout: float = 1.0) -> None:
        """Stop the writing thread, which writes what is left; a stream that blocks is not
        waited for past ``timeout`` seconds (stop must not hang on a stuck stderr)."""
        self._closed.set()
        if self._writer.is_alive():
            self._writer.join(timeout)

    def _run(self) -> None:
        while not self._closed.wait(self.interval) and not self._dead:
            self.flush()
        self.flush()


# Control characters (ESC, CR, NUL, DEL...) as \xNN, as werkzeug's log has them: raw, they
# would split a log line or drive the terminal that shows it.
_ESCAPES = {code: f"\\x{code:02x}" for code in (*range(0x20), 0x7F)}


def printable(raw: bytes) -> str:
    """Bytes of the request for the access log: any byte decodes (latin-1), control
    characters escaped."""
    return raw.decode("latin-1").translate(_ESCAPES)


def printable_text(text: str) -> str:
    """Text from a client for a terminal, control characters (escape sequences) escaped."""
    return text.translate(_ESCAPES)
