"""A small HTTP client of the control API (``/_mock``), for tests and scripts.

    sandbox = Sandbox("http://127.0.0.1:8080")   # token="…" for a server with --control-token
    sandbox.clock.advance(minutes=16)
    sandbox.force("HH…", "TWILIO_REJECTED", codes=[30473])
    assert sandbox.find_requests(method="POST", path_prefix="/v1/Tollfree")

It speaks HTTP only, so it drives an in-process server (``mockserver.testing``) and a
``mockserver serve`` process alike. Errors raise ``ControlError`` with the server's message.
"""

from datetime import datetime

import requests

from mockserver.clock import parse_iso
from mockserver.validation import describe_errors


class ControlError(Exception):
    """The control API answered with an error (``status``, ``body``).

    Its message names the fields the server refused, e.g.
    ``GET /_mock/requests -> 400: invalid query string (bogus: Unknown field.)``.
    """

    def __init__(self, method: str, path: str, status: int, body):
        self.status, self.body = status, body
        message = body.get("message") if isinstance(body, dict) else body
        problems = body.get("fields") if isinstance(body, dict) else None
        if problems:
            message = f"{message} ({describe_errors(problems)})"
        super().__init__(f"{method} {path} -> {status}: {message}")


class SandboxClock:
    """The sandbox's virtual clock."""

    def __init__(self, sandbox: "Sandbox"):
        self._sandbox = sandbox

    def now(self) -> datetime:
        """The sandbox's current time."""
        return parse_iso(self._sandbox.call("GET", "/_mock/clock")["now"])

    def advance(
        self, seconds: float = 0, *, minutes: float = 0, hours: float = 0, days: float = 0
    ) -> dict:
        """Move time forward; return once every transition and webhook due has happened.

        ``advance()`` (zero) just runs what is already due, such as a fresh record's first
        webhook. Returns the server's summary (``now``, ``transitions``, ``deliveries``).
        """
        amount = {"seconds": seconds, "minutes": minutes, "hours": hours, "days": days}
        return self._sandbox.call("POST", "/_mock/clock/advance", json=amount)


class Sandbox:
    """One running sandbox, seen through its control API."""

    def __init__(
        self, url: str, session: requests.Session | None = None, *, token: str | None = None
    ):
        """``token``: the server's ``--control-token``, sent as a Bearer credential."""
        self.url = url.rstrip("/")
        self.clock = SandboxClock(self)
        self._session = session or requests.Session()
        self._session.trust_env = False  # a local sandbox never goes through a proxy
        if token:
            self._session.headers["Authorization"] = f"Bearer {token}"

    def call(self, method: str, path: str, **kwargs):
        """Call a control endpoint and return its JSON (``ControlError`` on 4xx/5xx)."""
        response = self._session.request(method, self.url + path, timeout=60, **kwargs)
        try:
            body = response.json()
        except ValueError:
            body = response.text
        if response.status_code >= 400:
            raise ControlError(method, path, response.status_code, body)
        return body

    def close(self) -> None:
        """Release the HTTP connections."""
        self._session.close()

    def health(self) -> dict:
        """``GET /_mock/health``."""
        return self.call("GET", "/_mock/health")

    def reset(self, random_seed: int | None = None) -> None:
        """Wipe all state and reload the seed file (the clock keeps its time)."""
        body = {} if random_seed is None else {"random_seed": random_seed}
        self.call("POST", "/_mock/reset", json=body)

    def reset_tenant(self, *, account_sid: str | None = None, api_key: str | None = None) -> dict:
        """Reset one tenant only: ``reset_tenant(account_sid="AC…")`` or ``(api_key=…)``.

        Exactly one must be given (ValueError otherwise): a full reset is ``reset()``.
        """
        given = {"account_sid": account_sid, "api_key": api_key}
        tenant = {name: value for name, value in given.items() if value is not None}
        if len(tenant) != 1:
            raise ValueError("reset_tenant needs exactly one of account_sid and api_key")
        return self.call("POST", "/_mock/reset", json=tenant)

    def force(
        self,
        record_id: str,
        status: str | None = None,
        *,
        action: str | None = None,
        codes: list[int] | tuple[int, ...] = (),
        edit_allowed: bool | None = None,
    ) -> dict:
        """Move a record to ``status`` (or through one ``action``) now; its webhooks fire."""
        body: dict = {"codes": list(codes)}
        body.update({k: v for k, v in (("status", status), ("action", action)) if v is not None})
        if edit_allowed is not None:
            body["edit_allowed"] = edit_allowed
        return self.call("POST", f"/_mock/records/{record_id}/transition", json=body)

    def record(self, record_id: str) -> dict:
        """A record's provider, status and scenario plan."""
        return self.call("GET", f"/_mock/records/{record_id}")

    def bind(
        self,
        scenario: str | None,
        *,
        phone_number: str | None = None,
        phone_number_sid: str | None = None,
        record_id: str | None = None,
    ) -> dict:
        """Make submissions for a phone number (E.164 or SID) or a record (a Pinnacle brand or
        campaign id) run ``scenario`` (None unbinds)."""
        keys = {
            "phone_number": phone_number,
            "phone_number_sid": phone_number_sid,
            "record_id": record_id,
        }
        body = {key: value for key, value in keys.items() if value is not None}
        return self.call("POST", "/_mock/scenarios/bind", json={**body, "scenario": scenario})

    @property
    def requests(self) -> list[dict]:
        """Every journaled request to the emulated APIs, oldest first."""
        return self.find_requests()

    def find_requests(self, **filters) -> list[dict]:
        """Journaled requests matching ``method``, ``path_prefix``, ``provider``, ``tenant``,
        ``status`` and ``limit``."""
        return self.call("GET", "/_mock/requests", params=filters)["requests"]

    def clear_requests(self) -> int:
        """Empty the request journal."""
        return self.call("DELETE", "/_mock/requests")["deleted"]

    @property
    def webhooks(self) -> list[dict]:
        """Every webhook delivery with its attempts, oldest first."""
        return self.find_webhooks()

    def find_webhooks(self, **filters) -> list[dict]:
        """Deliveries matching ``provider``, ``record_id``, ``state``, ``account``,
        ``event_type`` or ``destination``."""
        return self.call("GET", "/_mock/webhooks", params=filters)["deliveries"]

    @property
    def messages(self) -> list[dict]:
        """Every message of both providers (Twilio's, then Pinnacle's, each oldest first),
        each with its ``provider``."""
        return self.find_messages()

    def find_messages(self, provider: str | None = None, **filters: str) -> list[dict]:
        """Messages of ``provider`` (``twilio``, ``pinnacle`` or both) matching the filters:
        ``from_`` (the sender; ``from`` is a Python keyword) and ``to`` for both;
        ``account_sid``, ``status``, ``direction`` for Twilio; ``api_key``, ``type`` (SMS,
        MMS) for Pinnacle. A filter only one provider knows selects that provider."""
        if "from_" in filters:
            filters["from"] = filters.pop("from_")
        if provider is not None and provider not in _MESSAGE_FILTERS:
            raise ValueError(f"provider must be one of {', '.join(_MESSAGE_FILTERS)}")
        chosen = {name for name, own in _MESSAGE_FILTERS.items() if set(own) & set(filters)}
        chosen |= {provider} if provider else set()
        if len(chosen) > 1:
            raise ValueError(f"filters {', '.join(sorted(filters))} name different providers")
        found = []
        for name in _MESSAGE_FILTERS:
            if not chosen or name in chosen:
                path = f"/_mock/{name}/messages"
                found += [
                    {**message, "provider": name}
                    for message in self.call("GET", path, params=filters)["messages"]
                ]
        return found


# The filters each provider's ``/_mock/<provider>/messages`` takes besides ``from`` and ``to``.
_MESSAGE_FILTERS = {
    "twilio": ("account_sid", "status", "direction"),
    "pinnacle": ("api_key", "type"),
}
