"""Every public method of the rcs client under brands, campaigns, phone numbers, messages and
status, found by introspection (a method a new SDK adds fails here until it is listed): each
parses into its model or raises one of the error classes it declares, and none meets the
sandbox's own "No route"."""

import inspect
import re
import typing

import pydantic
import rcs.errors
from rcs.core.api_error import ApiError
from rcs.errors import ForbiddenError, NotFoundError
from rcs.types import RichText, RichTextMessage, SimulateUserMessage

from .helpers import BRAND, campaign_fields

SCOPE = ("brands", "campaigns", "phone_numbers", "messages", "status")
LOCAL_ONLY = {"messages.process"}  # checks a webhook's secret in process: no HTTP at all
TO = "+14155550123"
MEDIA = ["https://acme.example/receipt.png"]
DLC, RCS = "dlc_1234567890", "rcs_1234567890"

# Plausible arguments of every method, from the records ``sdk_records`` made (``r``) and the
# client (``c``), in the order they run: what detaches or cancels comes after what uses it.
CALLS: dict[str, typing.Callable[[dict, typing.Any], dict]] = {
    "brands.autofill": lambda r, c: {"name": "Acme Rockets"},
    "brands.validate": lambda r, c: BRAND,
    "brands.upsert": lambda r, c: BRAND,
    "brands.get": lambda r, c: {"id": r["brand"]},
    "brands.list": lambda r, c: {"name": "Acme"},
    "brands.submit": lambda r, c: {"brand_id": r["draft_brand"]},
    "brands.vet": lambda r, c: {"brand_id": r["brand"]},
    "campaigns.toll_free.autofill": lambda r, c: {"campaign_id": r["draft_campaign"]},
    "campaigns.toll_free.validate": lambda r, c: {"campaign_id": r["draft_campaign"]},
    "campaigns.toll_free.upsert": lambda r, c: campaign_fields(r["brand"]),
    "campaigns.toll_free.get": lambda r, c: {"campaign_id": r["campaign"]},
    "campaigns.toll_free.list": lambda r, c: {"status": "VERIFIED"},
    "campaigns.toll_free.submit": lambda r, c: {"campaign_id": r["draft_campaign"]},
    "campaigns.dlc.autofill": lambda r, c: {"additional_info": "Order alerts"},
    "campaigns.dlc.validate": lambda r, c: {"campaign_id": DLC},
    "campaigns.dlc.upsert": lambda r, c: {"brand": r["brand"], "name": "Order alerts"},
    "campaigns.dlc.get": lambda r, c: {"campaign_id": DLC},
    "campaigns.dlc.list": lambda r, c: {"brand_id": r["brand"]},
    "campaigns.dlc.submit": lambda r, c: {"campaign_id": DLC},
    "campaigns.rcs.autofill": lambda r, c: {"additional_info": "Order alerts"},
    "campaigns.rcs.validate": lambda r, c: {"campaign_id": RCS},
    "campaigns.rcs.upsert": lambda r, c: {"brand": r["brand"]},
    "campaigns.rcs.get": lambda r, c: {"campaign_id": RCS},
    "campaigns.rcs.list": lambda r, c: {"brand_id": r["brand"]},
    "campaigns.rcs.submit": lambda r, c: {"campaign_id": RCS},
    "phone_numbers.search": lambda r, c: {"type": ["LOCAL"], "options": {"limit": 2}},
    "phone_numbers.buy": lambda r, c: {
        "numbers": [c.phone_numbers.search(type=["TOLL_FREE"], options={"limit": 1})[0].number]
    },
    "phone_numbers.get": lambda r, c: {"phone": TO, "level": "advanced"},
    "phone_numbers.list": lambda r, c: {"page_size": 5},
    "phone_numbers.campaign.attach": lambda r, c: {
        "phones": [r["spare"]],
        "campaign_type": "TOLL_FREE",
        "campaign_id": r["campaign"],
    },
    "phone_numbers.campaign.detach": lambda r, c: {"phones": [r["spare"]]},
    "messages.sms.validate": lambda r, c: {"text": "Your order shipped"},
    "messages.sms.send": lambda r, c: {"from_": r["number"], "to": TO, "text": "Shipped"},
    "messages.mms.validate": lambda r, c: {"media_urls": MEDIA, "text": "Receipt"},
    "messages.mms.send": lambda r, c: {
        "from_": r["number"],
        "to": TO,
        "text": "Receipt",
        "media_urls": MEDIA,
    },
    "messages.get": lambda r, c: {"id": r["message"]},
    "messages.list": lambda r, c: {"type": "SMS", "content": "hi"},
    "messages.react": lambda r, c: {"message_id": r["message"], "reaction": "👍"},
    "messages.rcs.send": lambda r, c: {
        "request": RichTextMessage(from_="agent_acme", to=TO, text="hi")
    },
    "messages.rcs.send_typing": lambda r, c: {"agent_id": "agent_acme", "to": TO},
    "messages.rcs.validate": lambda r, c: {"request": RichText(text="hi")},
    "messages.blast.sms": lambda r, c: {
        "audience_id": "aud_abc123",
        "senders": [r["number"]],
        "message": {"text": "hi"},
    },
    "messages.blast.mms": lambda r, c: {
        "audience_id": "aud_abc123",
        "senders": [r["number"]],
        "message": {"media_urls": MEDIA, "text": "hi"},
    },
    "messages.blast.rcs": lambda r, c: {
        "audience_id": "aud_abc123",
        "senders": ["agent_acme"],
        "message": RichText(text="hi"),
    },
    "messages.blasts.list": lambda r, c: {"sender": r["number"]},
    "messages.simulate.user": lambda r, c: {
        "request": SimulateUserMessage(from_=TO, to=r["number"], message={"text": "hi"})
    },
    "messages.schedules.list": lambda r, c: {"status": "ACTIVE"},
    "messages.schedule.cancel": lambda r, c: {"id": r["schedule"]},
    "status.get.brand": lambda r, c: {"brand_id": r["brand"]},
    "status.get.toll_free": lambda r, c: {"campaign_id": r["campaign"]},
    "status.get.phone_number": lambda r, c: {"phone_number": r["number"]},
    "status.get.dlc": lambda r, c: {"campaign_id": DLC},
    "status.get.rcs": lambda r, c: {"campaign_id": RCS},
}
# What the sandbox does not emulate, and the declared error that says so; all else works.
UNSUPPORTED = {
    **{
        f"campaigns.{kind}.{name}": ForbiddenError
        for kind in ("dlc", "rcs")
        for name in ("autofill", "validate", "upsert")
    },
    **{
        f"campaigns.{kind}.{name}": NotFoundError
        for kind in ("dlc", "rcs")
        for name in ("get", "submit")
    },
    "status.get.dlc": NotFoundError,
    "status.get.rcs": NotFoundError,
    "messages.react": ForbiddenError,
    "messages.rcs.send": ForbiddenError,
    "messages.rcs.send_typing": ForbiddenError,
    "messages.rcs.validate": ForbiddenError,
    "messages.blast.sms": ForbiddenError,
    "messages.blast.mms": ForbiddenError,
    "messages.blast.rcs": ForbiddenError,
    "messages.simulate.user": ForbiddenError,
}


def public_methods(client) -> dict[str, typing.Callable]:
    """Every public method under ``SCOPE``, sub-clients included, by dotted name."""
    found = {}

    def walk(owner, path: str) -> None:
        for name, member in inspect.getmembers(type(owner)):
            if name.startswith("_") or name == "with_raw_response":
                continue
            if isinstance(member, property):
                walk(getattr(owner, name), f"{path}.{name}")
            elif inspect.isfunction(member):
                found[f"{path}.{name}"] = getattr(owner, name)

    for top in SCOPE:
        walk(getattr(client, top), top)
    return found


def declared_errors(method) -> tuple[type[ApiError], ...]:
    """The error classes a method raises for the statuses it declares, read from the
    source of its raw client's method."""
    raw = getattr(method.__self__.with_raw_response, method.__name__)
    names = re.findall(r"status_code == \d+:\s*raise (\w+)\(", inspect.getsource(raw))
    return tuple(getattr(rcs.errors, name) for name in names)


def outcome(method, kwargs: dict) -> type | str:
    """``"ok"`` if the answer parses into the method's return type, else the error class
    raised; a string describing anything else (an undeclared error, "No route")."""
    try:
        result = method(**kwargs)
    except ApiError as exc:
        if "No route" in str(exc.body):
            return f"the sandbox's own 'No route': {exc.body}"
        if not isinstance(exc, declared_errors(method)):
            return f"undeclared {type(exc).__name__} {exc.status_code}: {exc.body}"
        return type(exc)
    except pydantic.ValidationError as exc:
        return f"unparsable answer: {exc}"
    pydantic.TypeAdapter(typing.get_type_hints(method)["return"]).validate_python(result)
    return "ok"


def test_every_public_method_in_scope_has_plausible_arguments(pinnacle):
    assert set(public_methods(pinnacle)) - LOCAL_ONLY == set(CALLS)


def test_every_method_works_or_answers_its_declared_error(pinnacle, sdk_records):
    methods = public_methods(pinnacle)
    found = {
        name: outcome(methods[name], call(sdk_records, pinnacle)) for name, call in CALLS.items()
    }
    expected = {name: UNSUPPORTED.get(name, "ok") for name in CALLS}
    assert found == expected
