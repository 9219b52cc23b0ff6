"""The Flask application factory.

    app = create_app(Settings(store=":memory:"), clock=ManualClock("2025-01-01T00:00:00Z"))

Provider blueprints sit at the server root, at the providers' real paths; the control API
sits under ``/_mock``. Routing errors (unknown path, wrong method) never reach a blueprint,
so an app-level handler renders them in the shape of the provider that owns the path.
"""

from flask import Flask, current_app, jsonify, request

from mockserver.admin import bp as admin_bp
from mockserver.admin.http import check_control_token, render_control_error
from mockserver.admin.request_log import journal_request, keep_for_journal
from mockserver.clock import Clock
from mockserver.dashboard import register as register_dashboard
from mockserver.dashboard.login import PREFIX as DASHBOARD_PREFIX
from mockserver.dashboard.login import REFERENCE_PATH
from mockserver.dashboard.login import guard as dashboard_guard
from mockserver.ids import IdFactory
from mockserver.runtime import Runtime, provider_for_path
from mockserver.settings import Settings

CONTROL_PREFIX = "/_mock"
HEALTH_PATH = CONTROL_PREFIX + "/health"
_CONTROL_SLASH = CONTROL_PREFIX + "/"
# Views, hooks and handlers are a few dozen; past this many (per-request closures of
# ``after_this_request``, say), a function is asked about every time.
_MAX_SYNCED = 1_024


class SandboxFlask(Flask):
    """Flask, remembering which functions are plain ``def`` (Flask asks ``inspect`` again for
    every hook, view and handler of every request: 4 % of a fetch)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._synced: dict = {}

    def ensure_sync(self, func):
        """``Flask.ensure_sync``, looked up once per function."""
        try:
            return self._synced[func]
        except KeyError:
            synced = super().ensure_sync(func)
            if len(self._synced) < _MAX_SYNCED:
                self._synced[func] = synced
            return synced
        except TypeError:  # an unhashable callable
            return super().ensure_sync(func)


def create_app(
    settings: Settings | None = None,
    *,
    clock: Clock | None = None,
    ids: IdFactory | None = None,
    runtime: Runtime | None = None,
) -> Flask:
    """Build the sandbox app; settings default to the ``MOCKSERVER_*`` environment."""
    if runtime is None:
        runtime = Runtime(settings or Settings.from_env(), clock=clock, ids=ids)
    app = SandboxFlask("mockserver")
    app.response_class.default_mimetype = "application/json"
    app.json.sort_keys = False
    app.config["MAX_CONTENT_LENGTH"] = runtime.settings.max_body_bytes
    app.url_map.strict_slashes = False
    app.url_map.merge_slashes = False  # a merge would answer with an HTML redirect
    app.extensions["mockserver"] = runtime
    for provider in runtime.providers:
        for blueprint in provider.blueprints():
            app.register_blueprint(blueprint)
    app.register_blueprint(admin_bp)
    register_dashboard(app)
    app.register_error_handler(Exception, _render_unrouted)
    # One hook each way: Flask pays a coroutine check and the request proxy for every hook.
    app.before_request(_before_request)
    app.after_request(_journal)
    return app


def is_control(path: str) -> bool:
    """Whether ``path`` belongs to the control API."""
    return path == CONTROL_PREFIX or path.startswith(_CONTROL_SLASH)


def _before_request():
    """Guard the control API, or keep what the journal needs of an emulated API request."""
    current = request._get_current_object()
    if is_control(current.path):
        return _guard_control(current)
    keep_for_journal(current_app.extensions["mockserver"], current)
    return None


def _guard_control(current):
    """With a control token set, every ``/_mock`` route but the health check needs it."""
    token = current_app.extensions["mockserver"].settings.control_token
    if not token or _is_health_check(current):
        return None
    if current.path.startswith(DASHBOARD_PREFIX) or current.path == REFERENCE_PATH:
        return dashboard_guard(token)  # a person: the token prompt, not a JSON 401
    return check_control_token(token)


def _is_health_check(current) -> bool:
    return current.method in ("GET", "HEAD") and current.path.rstrip("/") == HEALTH_PATH


def _journal(response):
    current = request._get_current_object()
    if not is_control(current.path):
        runtime = current_app.extensions["mockserver"]
        journal_request(runtime, provider_for_path(runtime, current.path), current, response)
    return response


def _render_unrouted(exc: BaseException):
    response = _render_in_owners_shape(exc)
    valid = getattr(exc, "valid_methods", None)
    if response.status_code == 405 and valid and "Allow" not in response.headers:
        response.headers["Allow"] = ", ".join(valid)  # RFC 9110 15.5.6: a 405 must say
    return response


def _render_in_owners_shape(exc: BaseException):
    runtime = current_app.extensions["mockserver"]
    path = request.path
    if is_control(path):
        return render_control_error(exc)
    provider = provider_for_path(runtime, path)
    if provider is not None:
        return provider.render_error(exc)
    code = getattr(exc, "code", None)
    if code in (404, 405):
        response = jsonify(
            error="not_found" if code == 404 else "method_not_allowed",
            message=f"mockserver emulates no {request.method} {path}",
        )
        response.status_code = code
        return response
    return render_control_error(exc)
