"""Schemathesis over the served document (``st run`` against a live sandbox: the control API
and every provider's emulated routes, each authenticated by its own scheme with the seed's
credentials): for every operation, the request examples and generated requests (schema-valid
ones, edge cases, probes with other methods, stateful sequences) never get a 5xx, and every
answer keeps to the document: its status is declared, its type, headers and body are as
described (an error is its owner's error body: the control API's, Twilio's, Pinnacle's or
the platform's), a wrong method is a 405 with ``Allow``.

Not checked: that every request the document allows is accepted. The document carries each
field's type and range but not the rules across fields (``give exactly one of status and
action``) nor the directory's own checks (an ``AC`` + 32 hex SID): such requests get a
described 400.
"""

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from mockserver.providers.pinnacle.schemas.examples import SEED_KEY
from tests.conftest import ISV_SID, ISV_TOKEN, basic
from tests.providers.platform.conftest import API_KEY as PLATFORM_KEY
from tests.providers.platform.conftest import LOCAL, bearer, verification_url

CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "unsupported_method",
)
EXAMPLES = 15  # per operation and phase: about 7,500 requests over 147 operations, ~30 s


def schemathesis_command() -> str:
    """The ``st`` command of this environment; skips when schemathesis is missing."""
    found = Path(sys.executable).parent / "st"
    if found.exists():
        return str(found)
    return shutil.which("st") or pytest.skip(
        "schemathesis is not installed: pip install -e '.[test]'"
    )


# Each security scheme of the document with the seed's credentials (schemathesis.toml's
# ``[auth.openapi.<scheme>]``), so every provider's routes get past authentication; the
# 2010 API's ``{account_sid}`` is the seed account, or every generated one would be a 404.
CONFIG = f"""
[auth.openapi.platformBearer]
bearer = "{PLATFORM_KEY}"

[auth.openapi.twilioBasic]
username = "{ISV_SID}"
password = "{ISV_TOKEN}"

[auth.openapi.pinnacleApiKey]
api_key = "{SEED_KEY}"

[parameters]
"path.account_sid" = "{ISV_SID}"
"""


def test_the_configured_credentials_name_the_documents_security_schemes(client):
    """A scheme misnamed here would leave its provider's routes unauthenticated: every
    request a described 401, and the run would pass without reaching them."""
    schemes = client.get("/_mock/openapi.json").get_json()["components"]["securitySchemes"]
    configured = tomllib.loads(CONFIG)["auth"]["openapi"]
    assert set(configured) == set(schemes) - {"controlToken"}


def test_the_configured_credentials_authenticate(client):
    """Each provider's credentials here get a 200 from one of its routes."""
    auth = tomllib.loads(CONFIG)["auth"]["openapi"]
    user = auth["twilioBasic"]
    twilio = client.get("/v1/Services", headers=basic(user["username"], user["password"]))
    pinnacle = client.post(
        "/brands/list", json={}, headers={"PINNACLE-API-KEY": auth["pinnacleApiKey"]["api_key"]}
    )
    platform = client.get(
        verification_url("", number=LOCAL), headers=bearer(auth["platformBearer"]["bearer"])
    )
    assert (twilio.status_code, pinnacle.status_code) == (200, 200)
    assert platform.status_code == 404  # past authentication (401): no verification yet


def test_every_operation_keeps_to_the_document(live_url, tmp_path):
    (tmp_path / "schemathesis.toml").write_text(CONFIG)
    result = subprocess.run(
        [
            schemathesis_command(),
            "run",
            f"{live_url}/_mock/openapi.json",
            f"--max-examples={EXAMPLES}",
            "--exclude-path=/_mock/stream",  # stays open: tests/admin/test_stream.py
            "--request-timeout=10",
            "--generation-deterministic",
            f"--checks={','.join(CHECKS)}",
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,  # where schemathesis keeps its run's files
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "Unused OpenAPI auth" not in result.stdout  # every credential was applied
    counted = re.search(r"Selected: (\d+)/\d+\s+Tested: (\d+)", result.stdout)
    assert counted, "schemathesis's summary changed its words:\n" + result.stdout[-3000:]
    selected, tested = counted.groups()
    assert selected == tested  # every operation but the stream was reached
