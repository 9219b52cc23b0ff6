"""The control API under ``/_mock``: JSON in and out, never mixed with provider paths."""

from . import journal, lifecycle, webhooks  # noqa: F401  (registers their routes on bp)
from .routes import bp

__all__ = ["bp"]
