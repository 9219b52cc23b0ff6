"""``GET /_mock/stream``: the sandbox's live events as Server-Sent Events.

One SSE event per status change (``transition``), webhook attempt (``delivery``), recorded
request (``request``), message (``message``) and clock move (``clock``), each with an ``id``
and its data as one JSON line; a comment line every ``heartbeat`` seconds keeps proxies from
closing an idle stream. ``kind`` (comma-separated) and ``tenant`` filter it; ``timeout``
(seconds) and ``limit`` (events) end it, for a script that collects what happens for a while.
A client too slow to keep up loses events, never the server's time: it gets
``event: overflow`` with how many it missed (``mockserver.live``).
"""

import math
import time
from collections.abc import Iterator

from flask import Response, request
from marshmallow import RAISE, Schema, ValidationError, fields, validate

from mockserver.live import KINDS, LEND_WORKER, STREAM_PATH, LiveFeed, Subscription, sse_text
from mockserver.openapi import EVENT_STREAM, documented
from mockserver.runtime import current_runtime

from .http import Busy, read_query
from .routes import bp

HEARTBEAT_SECONDS = 15.0
RETRY_MS = 2000  # how soon an EventSource reconnects after the stream ends
LINGER_SECONDS = 0.05


class StreamQuery(Schema):
    """``GET /_mock/stream`` filters."""

    class Meta:
        unknown = RAISE

    kind = fields.String()
    tenant = fields.String(validate=validate.Length(min=1, max=512))
    heartbeat = fields.Float(validate=validate.Range(min=0.05, max=300))
    timeout = fields.Float(validate=validate.Range(min=0.05, max=86_400))
    limit = fields.Integer(strict=False, validate=validate.Range(min=1, max=1_000_000))

    def load(self, data, **kwargs):
        """The query, with ``kind`` split into a set of known kinds."""
        loaded = super().load(data, **kwargs)
        if "kind" in loaded:
            kinds = {kind.strip() for kind in loaded["kind"].split(",") if kind.strip()}
            unknown = sorted(kinds - set(KINDS))
            if unknown or not kinds:
                raise ValidationError({"kind": [f"Must be among {', '.join(KINDS)}."]})
            loaded["kind"] = kinds
        return loaded


@bp.get(STREAM_PATH)
@documented(query=StreamQuery, answers={200: EVENT_STREAM}, errors=(400, 503))
def stream():
    """The live event stream (``text/event-stream``)."""
    query = read_query(StreamQuery())
    feed = current_runtime().live
    subscription = feed.subscribe(query.get("kind"), query.get("tenant"))
    if subscription is None:
        raise Busy(f"{feed.max_subscribers} streams are open already; close one and retry")
    lend = request.environ.get(LEND_WORKER)
    if lend is not None:
        lend()
    response = Response(
        _events(
            feed,
            subscription,
            query.get("heartbeat", HEARTBEAT_SECONDS),
            query.get("timeout"),
            query.get("limit"),
        ),
        mimetype="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
    # A HEAD answer never runs the generator, whose ``finally`` would unsubscribe.
    response.call_on_close(lambda: feed.unsubscribe(subscription))
    return response


def _events(
    feed: LiveFeed,
    subscription: Subscription,
    heartbeat: float,
    timeout: float | None,
    limit: int | None,
) -> Iterator[bytes]:
    """The stream's bytes until the client leaves (the server then closes this generator),
    the timeout or the limit is reached, or the sandbox stops."""
    ends = time.monotonic() + timeout if timeout is not None else math.inf
    left = limit if limit is not None else math.inf
    try:
        yield f"retry: {RETRY_MS}\n: stream open\n\n".encode()
        while left > 0 and (wait := ends - time.monotonic()) > 0:
            batch = subscription.take(timeout=min(heartbeat, wait))
            events = batch.events[: int(min(left, len(batch.events)))]
            left -= len(events)
            chunk = "".join(event.sse for event in events)
            if batch.dropped and left > 0:
                chunk += sse_text(None, "overflow", {"dropped": batch.dropped})
            if batch.closed:
                if chunk:
                    yield chunk.encode()
                return
            yield (chunk or ": heartbeat\n\n").encode()
            if chunk:
                # Gather what comes next for a moment: a busy sandbox then costs each
                # stream a few writes a second, not one per event.
                time.sleep(LINGER_SECONDS)
    finally:
        feed.unsubscribe(subscription)
