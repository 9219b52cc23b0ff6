"""The control API under ``/_mock``: JSON in and out, never mixed with provider paths."""

from . import (  # noqa: F401  (register routes on bp)
    delivery_log,
    kinds,
    openapi_document,
    records,
    request_log,
    review_control,
    stream,
)
from .routes import bp

__all__ = ["bp"]
