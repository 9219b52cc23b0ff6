"""mockserver: a local sandbox for toll-free messaging compliance APIs."""

__version__ = "0.1.0"

from mockserver.app import create_app
from mockserver.settings import Settings

__all__ = ["Settings", "__version__", "create_app"]
