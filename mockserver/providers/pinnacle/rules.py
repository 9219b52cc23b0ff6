"""What a brand and a toll-free campaign need before review, as ``{field, description,
example}`` problems.

A brand's problems all block its submission. A campaign's come in two kinds, as Pinnacle
documents them: a campaign needs every field and an approved brand to be submitted ("all
fields are required … and will be validated when submitted"), while what ``validate``
surfaces about formatting and wording (URL formats, a HELP message without a contact
method, an opt-in message without the brand name, no STOP in the sample, URL shorteners)
"is guidance only; it never blocks campaign submission". ``campaign_problems`` lists both
(``validate``); ``campaign_blockers`` only what stops ``submit``. The split is written down in
``docs/reference/pinnacle-campaign-rules.md``.

Field names are the API's (``useCase.value``), since clients show them to users as is.
"""

import re

from mockserver.nanp import E164
from mockserver.scenarios import without_markers

from .models import APPROVED_BRAND

_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*\Z", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+\Z")
_EIN = re.compile(r"^[0-9]{2}-[0-9]{7}\Z")
_CONTACT_METHOD = re.compile(r"https?://|www\.|\S+@\S+\.\S+|\+?\d[\d\s().-]{6,}\d", re.IGNORECASE)
_SHORTENERS = ("bit.ly", "tinyurl.com", "goo.gl", "t.co/", "ow.ly", "is.gd", "buff.ly", "rb.gy")


def _missing(value) -> bool:
    """Absent, empty, or only white space: a required field not given."""
    return not value or (isinstance(value, str) and not value.strip())


def problem(field: str, description: str, example: str | None = None) -> dict:
    """One validation finding."""
    found = {"field": field, "description": description}
    if example is not None:
        found["example"] = example
    return found


def brand_problems(brand: dict) -> list[dict]:
    """Why a brand cannot be submitted yet (``description`` and ``dba`` are optional)."""
    found = []
    for field, wire, example in (
        ("name", "name", "Acme Inc."),
        ("address", "address", "500 Folsom Street, San Francisco, CA 94105"),
        ("email", "email", "founders@acme.example"),
        ("website", "website", "https://www.acme.example"),
        ("ein", "ein", "12-3456789"),
        ("sector", "sector", "TECHNOLOGY"),
        ("type", "type", "PRIVATE_PROFIT"),
        ("entity_type", "entityType", "LLC"),
    ):
        if _missing(brand.get(field)):
            found.append(problem(wire, f"{wire} is required.", example))
    if brand.get("email") and not _EMAIL.match(brand["email"]):
        found.append(problem("email", "Must be a valid email address.", "founders@acme.example"))
    if brand.get("website") and not _URL.match(brand["website"]):
        found.append(problem("website", "Must be a valid http(s) URL.", "https://acme.example"))
    if brand.get("ein") and not _EIN.match(brand["ein"]):
        found.append(problem("ein", "Must be formatted as XX-XXXXXXX.", "12-3456789"))
    contact = brand.get("contact") or {}
    for field, example in (
        ("name", "Jane Doe"),
        ("email", "jane@acme.example"),
        ("phone", "+14155550123"),
        ("title", "Head of Support"),
    ):
        if _missing(contact.get(field)):
            found.append(problem(f"contact.{field}", f"contact.{field} is required.", example))
    if contact.get("email") and not _EMAIL.match(contact["email"]):
        found.append(problem("contact.email", "Must be a valid email address.", "jane@acme.ex"))
    if contact.get("phone") and not E164.match(contact["phone"]):
        found.append(problem("contact.phone", "Must be in E.164 format.", "+14155550123"))
    return found


Finding = tuple[bool, dict]  # (blocks submission, problem)


def campaign_problems(campaign: dict, brand: dict | None) -> list[dict]:
    """Everything ``validate`` reports, in the order a form shows the fields."""
    return [found for _blocks, found in _campaign_findings(campaign, brand)]


def campaign_blockers(campaign: dict, brand: dict | None) -> list[dict]:
    """What stops ``submit``: a missing field or brand, or a brand not yet approved."""
    return [found for blocks, found in _campaign_findings(campaign, brand) if blocks]


def _required(field: str, description: str, example: str | None = None) -> Finding:
    return True, problem(field, description, example)


def _advice(field: str, description: str, example: str | None = None) -> Finding:
    return False, problem(field, description, example)


def _campaign_findings(campaign: dict, brand: dict | None) -> list[Finding]:
    found = []
    if brand is None:
        found.append(_required("brand", "A brand is required.", "b_1234567890"))
    elif brand["status"] not in APPROVED_BRAND:
        found.append(
            _required(
                "brand",
                f"The brand must be approved before the campaign is submitted (brand "
                f"{brand['id']} is {brand['status']}; submit it with POST /brands/{{id}}/submit).",
            )
        )
    if _missing(campaign.get("name")):
        found.append(_required("name", "A display name is required.", "Acme order alerts"))
    found += _keyword_findings(campaign.get("keywords") or {}, (brand or {}).get("name"))
    links = campaign.get("links") or {}
    for field, wire, example in (
        ("privacy_policy", "links.privacyPolicy", "https://acme.example/privacy"),
        ("terms_of_service", "links.termsOfService", "https://acme.example/terms"),
    ):
        if _missing(links.get(field)):
            found.append(_required(wire, f"{wire} is required.", example))
        elif not _URL.match(links[field]):
            found.append(_advice(wire, "Must be a valid http(s) URL.", example))
    if _missing(campaign.get("monthly_volume")):
        found.append(
            _required("monthlyVolume", "The expected monthly volume is required.", "1,000")
        )
    found += _opt_in_findings(campaign.get("opt_in") or {})
    if (campaign.get("options") or {}).get("age_gated") is None:
        found.append(_required("options.ageGated", "Say whether content is age-gated.", "false"))
    found += _content_findings(campaign.get("production_message_content"))
    use_case = campaign.get("use_case") or {}
    if _missing(use_case.get("summary")):
        found.append(_required("useCase.summary", "Describe the use case.", "Order updates"))
    if _missing(use_case.get("value")):
        found.append(_required("useCase.value", "Pick a use case.", "ORDER_NOTIFICATIONS"))
    return found


def _keyword_findings(keywords: dict, brand_name: str | None) -> list[Finding]:
    brand_name = without_markers(brand_name) if brand_name else brand_name
    found = []
    help_message = (keywords.get("help") or {}).get("message")
    if _missing(help_message):
        found.append(_required("keywords.HELP.message", "A HELP response is required."))
    elif not _CONTACT_METHOD.search(help_message):
        found.append(
            _advice(
                "keywords.HELP.message",
                "Must include at least one support contact method (phone, email, or website).",
                "Acme: for help visit https://acme.example/support. Reply STOP to cancel.",
            )
        )
    opt_in = keywords.get("opt_in") or {}
    message = opt_in.get("message")
    example = (
        f"{brand_name or 'Acme'}: you're subscribed to order alerts. Msg&data rates may apply. "
        "Reply HELP for help, STOP to cancel."
    )
    if _missing(message):
        found.append(_required("keywords.OPT_IN.message", "An opt-in confirmation is required."))
    else:
        missing = [
            label
            for label, present in (
                ("the brand name", not brand_name or brand_name.lower() in message.lower()),
                ("STOP instructions", "stop" in message.lower()),
                ("HELP instructions", "help" in message.lower()),
                ("a message and data rates disclosure", "rates" in message.lower()),
            )
            if not present
        ]
        if missing:
            found.append(
                _advice("keywords.OPT_IN.message", f"Must include {', '.join(missing)}.", example)
            )
    if _missing(opt_in.get("keywords")):
        found.append(_required("keywords.OPT_IN.keywords", "Give at least one keyword.", "START"))
    return found


def _opt_in_findings(opt_in: dict) -> list[Finding]:
    found = []
    if _missing(opt_in.get("method")):
        found.append(_required("optIn.method", "The opt-in method is required.", "DIGITAL"))
    if _missing(opt_in.get("url")):
        found.append(
            _required("optIn.url", "Link to the opt-in form or proof.", "https://acme.example/join")
        )
    elif not _URL.match(opt_in["url"]):
        found.append(_advice("optIn.url", "Must be a valid http(s) URL."))
    if _missing(opt_in.get("workflow_description")):
        found.append(
            _required(
                "optIn.workflowDescription",
                "Describe how end users opt in.",
                "Users tick an unchecked consent box on the checkout form.",
            )
        )
    return found


def _content_findings(content: str | None) -> list[Finding]:
    field = "productionMessageContent"
    if _missing(content):
        return [_required(field, "Sample production messages are required.")]
    found = []  # over 1,000 characters never gets here: the upsert refuses it
    if "stop" not in content.lower():
        found.append(
            _advice(field, "Include opt-out language (Reply STOP to opt out).", "… Reply STOP")
        )
    if any(shortener in content.lower() for shortener in _SHORTENERS):
        found.append(_advice(field, "Public URL shorteners are not allowed; use your own domain."))
    return found
