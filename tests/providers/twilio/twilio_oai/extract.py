"""Write ``operations.json``: the operations of twilio-oai the sandbox emulates, each with its
request's parameter names and its answers' schemas (references resolved, descriptions and
examples dropped), so ``test_openapi_agreement.py`` needs no copy of the whole specs.

    python tests/providers/twilio/twilio_oai/extract.py PATH/TO/twilio-oai

Source, licence and version: ``docs/reference/twilio-oai.md``.
"""

import json
import subprocess
import sys
from pathlib import Path

SPECS = ("twilio_api_v2010", "twilio_events_v1", "twilio_messaging_v1")
# The emulated paths: the 2010 API's numbers and Messages, Events v1, and Messaging v1's
# services, their phone numbers and toll-free verifications.
EMULATED = (
    "/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json",
    "/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/{Sid}.json",
    "/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/Local.json",
    "/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers/TollFree.json",
    "/2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers/{CountryCode}/Local.json",
    "/2010-04-01/Accounts/{AccountSid}/AvailablePhoneNumbers/{CountryCode}/TollFree.json",
    "/2010-04-01/Accounts/{AccountSid}/Messages.json",
    "/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json",
    "/2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media.json",
    "/2010-04-01/Accounts/{AccountSid}/Messages/{MessageSid}/Media/{Sid}.json",
    "/v1/Services",
    "/v1/Services/{Sid}",
    "/v1/Services/{ServiceSid}/PhoneNumbers",
    "/v1/Services/{ServiceSid}/PhoneNumbers/{Sid}",
    "/v1/Tollfree/Verifications",
    "/v1/Tollfree/Verifications/{Sid}",
)
EVENTS_PREFIXES = ("/v1/Sinks", "/v1/Subscriptions", "/v1/Types", "/v1/Schemas")
KEPT = ("type", "nullable", "properties", "items", "enum", "format", "required")


def _resolve(schema, components: dict, seen: tuple = ()):
    """The schema with every ``$ref`` inlined and only the structural keywords kept."""
    if isinstance(schema, list):
        return [_resolve(each, components, seen) for each in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name in seen:
            return {"type": "object"}
        return _resolve(components[name], components, (*seen, name))
    kept = {}
    for key in KEPT:
        if key not in schema:
            continue
        value = schema[key]
        if key == "properties":
            value = {name: _resolve(each, components, seen) for name, each in value.items()}
        elif key == "items":
            value = _resolve(value, components, seen)
        kept[key] = value
    return kept


def _operation(operation: dict, components: dict) -> dict:
    body = operation.get("requestBody", {}).get("content", {})
    form = body.get("application/x-www-form-urlencoded", {}).get("schema", {})
    answers = {}
    for status, answer in operation.get("responses", {}).items():
        content = answer.get("content", {}).get("application/json")
        answers[status] = _resolve(content["schema"], components) if content else None
    return {
        "query": [p["name"] for p in operation.get("parameters", []) if p["in"] == "query"],
        "form": sorted(_resolve(form, components).get("properties", {})),
        "form_required": sorted(form.get("required", [])),
        "responses": answers,
    }


def extract(checkout: Path) -> dict:
    """The emulated operations of the twilio-oai checkout at ``checkout``."""
    commit = subprocess.run(
        ["git", "-C", str(checkout), "rev-parse", "HEAD"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    found: dict[str, dict] = {}
    for spec in SPECS:
        document = json.loads((checkout / "spec" / "json" / f"{spec}.json").read_text())
        components = document["components"]["schemas"]
        for path, item in document["paths"].items():
            wanted = path in EMULATED or (
                spec == "twilio_events_v1" and path.startswith(EVENTS_PREFIXES)
            )
            if not wanted:
                continue
            for method in ("get", "post", "delete"):
                if method in item:
                    key = f"{method.upper()} {path}"
                    found[key] = {"spec": spec, **_operation(item[method], components)}
    return {"source": "https://github.com/twilio/twilio-oai", "commit": commit,
            "operations": dict(sorted(found.items()))}  # fmt: skip


if __name__ == "__main__":
    written = extract(Path(sys.argv[1]))
    target = Path(__file__).with_name("operations.json")
    target.write_text(json.dumps(written, indent=1, sort_keys=False) + "\n")
    print(f"{len(written['operations'])} operations from {written['commit']} to {target}")
