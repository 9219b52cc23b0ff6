"""mockserver: a local sandbox for toll-free messaging compliance APIs."""

__version__ = "0.1.0"

__all__ = ["Settings", "__version__", "create_app"]


def __getattr__(name: str):
    # Lazy, so that pytest loading the plugin (mockserver.pytest_plugin) imports no Flask.
    if name == "create_app":
        from mockserver.app import create_app

        return create_app
    if name == "Settings":
        from mockserver.settings import Settings

        return Settings
    raise AttributeError(f"module 'mockserver' has no attribute {name!r}")
