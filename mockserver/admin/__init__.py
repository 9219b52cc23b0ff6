"""The control API under ``/_mock``: JSON in and out, never mixed with provider paths."""

from .routes import bp

__all__ = ["bp"]
