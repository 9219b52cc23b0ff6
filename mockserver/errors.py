"""Core errors, shared by every provider; this module imports no other ``mockserver`` module.

Each provider renders these in its own wire shape (see ``providers/<p>/errors.py``)::

    MockError                 base: something the client asked for cannot be done
     ├── Unauthorized         credentials are missing or wrong
     ├── NotFound             no such record for this tenant
     ├── Conflict             the request clashes with the current state
     ├── InvalidAction        a lifecycle move that the state machine forbids
     └── ValidationFailed     input is malformed; ``fields`` maps field name to reason
"""


class MockError(Exception):
    """Base class of every provider-neutral error."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Unauthorized(MockError):
    """Credentials are missing, malformed or do not match."""


class NotFound(MockError):
    """The record does not exist, or belongs to another tenant."""


class Conflict(MockError):
    """The request clashes with the current state of a record."""


class InvalidAction(MockError):
    """A status move that the lifecycle does not allow."""


class ValidationFailed(MockError):
    """Input failed validation; ``fields`` maps each bad field to its reason."""

    def __init__(self, message: str, fields: dict[str, str] | None = None):
        super().__init__(message)
        self.fields = dict(fields or {})


def one_line(exc: BaseException) -> str:
    """An exception as one readable line (``KeyError: 'sid'``) for a log or an error body."""
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
