"""The rcs SDK's routes for what the sandbox does not emulate (RCS, blasts, simulated users,
10DLC and RCS campaigns): each answers the error its SDK method declares, saying so.

403 where the method declares it; 404 for a campaign id, as no 10DLC or RCS campaign can
exist here; a list is empty. None reads more of the request than it needs. A ``kind`` none
of these routes knows is the sandbox's 404 "No route".
"""

from mockserver.openapi import documented

from ..errors import Forbidden, ResourceNotFound
from ..schemas import campaigns as campaign_schema
from ..schemas import examples, load
from ..schemas import message_records as records
from ..schemas.answers import EmptyPageAnswer
from . import body, bp, ok

RCS = (
    "RCS is not enabled for this sandbox account: the sandbox emulates SMS and MMS from "
    "verified toll-free numbers (POST /messages/send/sms, /messages/send/mms), not RCS agents."
)
KINDS = {"dlc": "10DLC", "rcs": "RCS"}
TOLL_FREE_ONLY = "the sandbox emulates toll-free campaigns only (POST /campaigns/toll-free)"


@bp.post("/messages/send/rcs")
@documented(answers={}, errors=(403,))
def send_rcs():
    """Send an RCS message: always 403 (no RCS agent exists here)."""
    raise Forbidden(RCS)


@bp.post("/messages/send/typing")
@documented(answers={}, errors=(403,))
def send_typing():
    """Show a typing indicator: always 403 (typing indicators are RCS)."""
    raise Forbidden(RCS)


@bp.post("/messages/validate/rcs")
@documented(answers={}, errors=(403,))
def validate_rcs():
    """Validate RCS content: always 403 (RCS is not emulated)."""
    raise Forbidden(RCS)


@bp.post("/messages/blast/<any(sms, mms, rcs):kind>")
@documented(answers={}, errors=(403,))
def blast(kind: str):
    """Blast an SMS, MMS or RCS message to an audience: always 403 (no audience exists)."""
    raise Forbidden(
        f"{kind.upper()} blasts are not enabled for this sandbox account: the sandbox emulates "
        "no audiences. Send to one recipient at a time (POST /messages/send/sms, "
        "/messages/send/mms)."
    )


@bp.post("/messages/simulate/user")
@documented(answers={}, errors=(403,))
def simulate_user():
    """Simulate a user's message: always 403 (the sandbox records outbound messages only)."""
    raise Forbidden(
        "Simulated users are not enabled for this sandbox account: the sandbox receives no "
        "inbound messages or button presses; it records only what you send."
    )


@bp.post("/campaigns/<any(dlc, rcs):kind>")
@documented(answers={}, errors=(403,))
def upsert_other_campaign(kind: str):
    """Create or update a 10DLC or RCS campaign: always 403 (toll-free campaigns only)."""
    raise Forbidden(_not_enabled(kind))


@bp.post("/campaigns/<any(dlc, rcs):kind>/autofill")
@documented(answers={}, errors=(403,))
def autofill_other_campaign(kind: str):
    """Autofill a 10DLC or RCS campaign: always 403 (toll-free campaigns only)."""
    raise Forbidden(_not_enabled(kind))


@bp.post("/campaigns/<any(dlc, rcs):kind>/validate")
@documented(answers={}, errors=(403,))
def validate_other_campaign(kind: str):
    """Validate a 10DLC or RCS campaign: always 403 (toll-free campaigns only)."""
    raise Forbidden(_not_enabled(kind))


@bp.get("/campaigns/<any(dlc, rcs):kind>/<campaign_id>")
@documented(answers={}, errors=(404,))
def get_other_campaign(kind: str, campaign_id: str):
    """A 10DLC or RCS campaign: always 404 (none can exist here)."""
    raise ResourceNotFound(_unknown(kind, campaign_id, f"GET /campaigns/toll-free/{campaign_id}"))


@bp.post("/campaigns/<any(dlc, rcs):kind>/submit/<campaign_id>")
@documented(answers={}, errors=(404,))
def submit_other_campaign(kind: str, campaign_id: str):
    """Submit a 10DLC or RCS campaign: always 404 (none can exist here)."""
    where = f"POST /campaigns/toll-free/submit/{campaign_id}"
    raise ResourceNotFound(_unknown(kind, campaign_id, where))


@bp.post("/campaigns/<any(dlc, rcs):kind>/list")
@documented(
    body=campaign_schema.CampaignListSchema,
    answers={200: EmptyPageAnswer},
    errors=(400,),
    example=examples.PAGE,
)
def list_other_campaigns(kind: str):
    """The key's 10DLC or RCS campaigns: always an empty page (none can exist here)."""
    load(campaign_schema.CampaignListSchema, body())
    return ok(records.empty_page())


@bp.get('/status/<any("dlc-campaign", "rcs-campaign"):kind>/<campaign_id>')
@documented(answers={}, errors=(404,))
def other_campaign_status(kind: str, campaign_id: str):
    """A 10DLC or RCS campaign's status: always 404 (none can exist here)."""
    where = f"GET /status/toll-free-campaign/{campaign_id}"
    raise ResourceNotFound(_unknown(kind.removesuffix("-campaign"), campaign_id, where))


def _not_enabled(kind: str) -> str:
    return f"{KINDS[kind]} campaigns are not enabled for this sandbox account: {TOLL_FREE_ONLY}."


def _unknown(kind: str, campaign_id: str, toll_free_route: str) -> str:
    """Why a 10DLC or RCS campaign id is unknown; a ``tf_`` id is pointed at its route."""
    why = f"{KINDS[kind]} campaign {campaign_id} not found: {TOLL_FREE_ONLY}."
    if campaign_id.startswith("tf_"):
        why += f" {campaign_id} is a toll-free campaign id: {toll_free_route}."
    return why
