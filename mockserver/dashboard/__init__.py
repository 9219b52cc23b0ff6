"""The dashboard at ``/_mock/ui/``: the sandbox's records, webhooks, requests and clock for
people, server-rendered, live over ``/_mock/stream`` (htmx and its SSE extension, vendored
in ``static/``: no CDN, no build step)."""

from flask import Blueprint, Flask, redirect

bp = Blueprint(
    "dashboard",
    __name__,
    url_prefix="/_mock/ui",
    template_folder="templates",
    static_folder="static",
)

from . import actions, login, reference, views  # noqa: E402, F401  (register routes on bp)


def register(app: Flask) -> None:
    """Serve the dashboard, and send a browser at ``/`` (no provider's path) to it."""
    app.register_blueprint(bp)
    app.add_url_rule("/", "dashboard_home", lambda: redirect("/_mock/ui/", code=302))
    app.add_url_rule(reference.PATH, "api_reference", reference.api_reference)
