"""Our OpenAPI document agrees with twilio-oai on every Twilio operation the sandbox serves:
the same success status, the same answer properties with the same types, and no request
parameter twilio-oai does not know (twilio-oai's operations are vendored in
``twilio_oai/operations.json``; where from: docs/reference/twilio-oai.md)."""

import json
import re
from pathlib import Path

from tests.admin.test_openapi import resolve

OAI = json.loads((Path(__file__).parent / "twilio_oai" / "operations.json").read_text())
_PARAMETER = re.compile(r"\{[^}]+\}")
_AVAILABLE = "/2010-04-01/Accounts/{}/AvailablePhoneNumbers/{}/%s.json"
_OF_KIND = "/2010-04-01/Accounts/{}/IncomingPhoneNumbers/%s.json"
# Where we knowingly differ from twilio-oai's schemas, and why (docs/reference/twilio-oai.md).
UNPAGED = {
    # twilio-oai's schema is the generic 2010 page, but its own examples (and the SDK, which
    # takes the one list key) answer only ``uri`` and ``available_phone_numbers``.
    ("GET", _AVAILABLE % kind)
    for kind in ("TollFree", "Local")
}
# Properties we answer besides twilio-oai's, by path shape: its TollFree and Local number
# subresources leave out ``type``, which its main IncomingPhoneNumber has (the sandbox answers
# the one resource on every path); a verification's ``rejected_on`` is in Twilio's onboarding
# guide but not in twilio-oai (docs/reference/twilio-tollfree-verification.md).
EXTRA_PROPERTIES = {
    **{_OF_KIND % kind: {"type"} for kind in ("TollFree", "Local")},
    "/v1/Tollfree/Verifications": {"rejected_on"},
    "/v1/Tollfree/Verifications/{}": {"rejected_on"},
}
# Objects whose keys differ from twilio-oai's in letter case only: Twilio's API answers an
# available number's capabilities as ``SMS`` and ``MMS`` (twilio-node issues #553, #833,
# #1143; docs/reference/twilio-oai.md), which twilio-oai writes ``sms`` and ``mms``.
CASE_ONLY = (".available_phone_numbers.capabilities",)


def _shape(path: str) -> str:
    return _PARAMETER.sub("{}", path)


OAI_BY_SHAPE = {
    (key.split(" ", 1)[0], _shape(key.split(" ", 1)[1])): each
    for key, each in OAI["operations"].items()
}


def ours(document: dict):
    """(method, twilio-oai's path shape, our operation) of each Twilio operation; a path
    parameter with an ``enum`` (``{kind}``: TollFree or Local) gives one path per value."""
    for path, item in document["paths"].items():
        served_by = {op["tags"][0] for op in item.values() if isinstance(op, dict)}
        if path.startswith("/_mock") or served_by != {"twilio"}:
            continue
        expanded = [path]
        for parameter in item.get("parameters", []):
            if "enum" in parameter["schema"]:
                name = "{" + parameter["name"] + "}"
                values = parameter["schema"]["enum"]
                expanded = [each.replace(name, value) for each in expanded for value in values]
        for method, operation in item.items():
            if method == "parameters":
                continue
            for each in expanded:
                yield method.upper(), _shape(each), operation


def kind_of(schema: dict) -> str:
    """A property's JSON type, null aside (ours say ``["string", "null"]``, twilio-oai's
    ``"type": "string", "nullable": true``; a nested schema of ours, resolved, is an object)."""
    declared = schema.get("type", "object")
    if isinstance(declared, list):
        declared = next(each for each in declared if each != "null")
    return declared


def success(responses: dict) -> tuple[str, dict | None]:
    """The success status of an operation's answers, and its body's schema."""
    status = next(each for each in responses if each.startswith("2"))
    return status, responses[status]


def test_every_twilio_operation_we_serve_is_one_of_twilio_oais(document):
    """No route of ours at a path or method Twilio does not have."""
    served = {(method, shape) for method, shape, _ in ours(document)}
    assert len(served) >= 55
    assert served - set(OAI_BY_SHAPE) == set()


def test_success_statuses_agree(document):
    for method, shape, operation in ours(document):
        theirs, _ = success(OAI_BY_SHAPE[(method, shape)]["responses"])
        mine = [status for status in operation["responses"] if status.startswith("2")]
        assert mine == [theirs], (method, shape)


def test_answer_properties_and_their_types_agree(document):
    """Each success body has exactly twilio-oai's properties, each of twilio-oai's type,
    and a list's items (the page's records) agree the same way."""
    for method, shape, operation in ours(document):
        status, theirs = success(OAI_BY_SHAPE[(method, shape)]["responses"])
        answer = operation["responses"][status]
        if theirs is None:
            assert "content" not in answer, (method, shape)
            continue
        mine = resolve(answer["content"]["application/json"]["schema"], document)
        if (method, shape) in UNPAGED:
            page = {"uri", "available_phone_numbers"}
            theirs = {**theirs, "properties": {k: theirs["properties"][k] for k in page}}
        _agree(mine, theirs, document, f"{method} {shape}", EXTRA_PROPERTIES.get(shape))


def _agree(mine: dict, theirs: dict, document: dict, where: str, extra=None) -> None:
    """Same properties (but ``extra``, in a list's items), each of the same type; an object
    both describe property by property (``meta``, ``links``…), and a list's items, alike."""
    if where.endswith(CASE_ONLY):
        mine = {**mine, "properties": {k.lower(): v for k, v in mine["properties"].items()}}
    assert set(mine["properties"]) - set(extra or ()) == set(theirs["properties"]), where
    for name, declared in theirs["properties"].items():
        own = resolve(mine["properties"][name], document)
        assert kind_of(own) == kind_of(declared), f"{where}: {name}"
        if kind_of(declared) == "array" and "properties" in declared.get("items", {}):
            _agree(
                resolve(own["items"], document),
                declared["items"],
                document,
                f"{where}.{name}",
                extra,
            )
        elif "properties" in declared and "properties" in own:
            _agree(own, declared, document, f"{where}.{name}")


def test_we_take_no_parameter_twilio_does_not_know(document):
    """Every form field and query parameter we document is one of twilio-oai's."""
    for method, shape, operation in ours(document):
        theirs = OAI_BY_SHAPE[(method, shape)]
        query = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
        assert query <= set(theirs["query"]), (method, shape, query - set(theirs["query"]))
        body = operation.get("requestBody", {}).get("content", {})
        form = body.get("application/x-www-form-urlencoded", {}).get("schema")
        if form is not None:
            fields = set(resolve(form, document).get("properties", {}))
            assert fields <= set(theirs["form"]), (method, shape, fields - set(theirs["form"]))


# Parameters twilio-oai requires that our forms leave optional: a send without ``To`` gets
# Twilio's own 21604 from the send's checks, in Twilio's order, not the form's generic 20001.
OPTIONAL_HERE = {("POST", "/2010-04-01/Accounts/{}/Messages.json"): {"To"}}


def test_we_require_the_form_parameters_twilio_requires(document):
    for method, shape, operation in ours(document):
        content = operation.get("requestBody", {}).get("content", {})
        form = content.get("application/x-www-form-urlencoded", {}).get("schema")
        required = set(resolve(form, document).get("required", [])) if form else set()
        theirs = set(OAI_BY_SHAPE[(method, shape)]["form_required"])
        assert required == theirs - OPTIONAL_HERE.get((method, shape), set()), (method, shape)


def test_the_vendored_operations_name_their_source():
    assert OAI["source"] == "https://github.com/twilio/twilio-oai"
    assert re.fullmatch(r"[0-9a-f]{40}", OAI["commit"])
