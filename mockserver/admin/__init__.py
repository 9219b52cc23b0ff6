"""The control API under ``/_mock``: JSON in and out, never mixed with provider paths."""

from . import delivery_log, kinds, request_log, review_control  # noqa: F401  (register routes on bp)
from .routes import bp

__all__ = ["bp"]
