"""The dashboard under a control token: it asks for the token once and keeps it in an
HttpOnly, SameSite=Strict cookie, which the control API accepts like the bearer header (so
the pages' own requests and their event stream need no header)."""

from urllib.parse import urlencode

from flask import Response, redirect, render_template, request

from mockserver.admin.http import TOKEN_COOKIE, has_control_token, token_matches
from mockserver.runtime import current_runtime

from . import bp

PREFIX = "/_mock/ui"
REFERENCE_PATH = "/_mock/docs"  # a page for people too: it asks for the token the same way
OPEN_PATHS = (f"{PREFIX}/login", f"{PREFIX}/static/")


def guard(token: str) -> Response | None:
    """For a dashboard page without the token: the way to the login form (None: go on)."""
    path = request.path
    if path.startswith(OPEN_PATHS) or has_control_token(token):
        return None
    return redirect(f"{PREFIX}/login?{urlencode({'next': _local(request.full_path)})}", code=303)


@bp.get("/login")
def login_form():
    """The token prompt."""
    return _form(status=200)


@bp.post("/login")
def login():
    """Keep a right token in the cookie and go on; a wrong one gets the form again."""
    expected = current_runtime().settings.control_token
    given = request.form.get("token", "")
    if expected and not token_matches(given, expected):
        return _form(status=401, error="That is not the sandbox's control token.")
    response = redirect(_local(request.args.get("next")), code=303)
    if expected:
        response.set_cookie(TOKEN_COOKIE, expected, httponly=True, samesite="Strict", path="/_mock")
    return response


def _form(status: int, error: str | None = None) -> Response:
    body = render_template(
        "dashboard/login.html", error=error, next=_local(request.args.get("next"))
    )
    return Response(body, status=status, mimetype="text/html")


def _local(target: str | None) -> str:
    """A dashboard path (or the API reference) to go back to (anything else: the overview),
    so the form never sends a person to another site."""
    if (
        target
        and (target.startswith(f"{PREFIX}/") or target.split("?", 1)[0] == REFERENCE_PATH)
        and target.isprintable()  # no line break can reach a Location header
        and "\\" not in target
    ):
        return target.rstrip("?")
    return f"{PREFIX}/"
